#!/usr/bin/env bash
# Submits a sharded sweep and its merge: SHARDS array tasks, then the merge once every task has succeeded.
# Environment: SWEEP_FILE, OUT_DIR, SHARDS (default 16), PATROLSIM, and SBATCH_ARGS (extra sbatch options for the
# array, e.g. "--cpus-per-task=8 --time=02:00:00 --mem=1G"). Prints "ARRAY_JOB MERGE_JOB".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export SHARDS=${SHARDS:-16}
: "${SWEEP_FILE:?set SWEEP_FILE}" "${OUT_DIR:?set OUT_DIR}"
export SWEEP_FILE OUT_DIR
array=$(sbatch --parsable --array="1-$SHARDS" ${SBATCH_ARGS:-} "$here/sweep-array.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes "$here/merge.sbatch")
echo "$array ${merge%%;*}"

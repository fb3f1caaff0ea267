#!/bin/bash
# Sweep scaling from 1 to 2 cores (issue 28 item 5: a 1,000-job mid-size sweep at --parallel 2 at >= 1.8x the
# throughput of --parallel 1). Runs scenarios/sweep-benchmark-midsize.yaml --shard 1/10 (1,000 jobs of the mid-size
# city, 28 days each) at --parallel 1 and 2, alternating, ROUNDS times (default 3), each under /usr/bin/time, and
# prints a Markdown table (wall clock, user CPU, CPU share, peak RSS, load average before the run) and the ratio of the
# median wall-clock times. It also checks that both settings wrote byte-identical results.csv (a shard writes no summary.csv).
#
# Wall-clock throughput is only meaningful on a quiet machine: the script refuses to start when the 1-minute load
# average is 0.5 or more (FORCE=1 runs anyway; the table shows the load of every run so a reader can judge).
#   benchmarks/sweep-scaling.sh                 # from the repository root
#   ROUNDS=5 OUT=/tmp/scaling benchmarks/sweep-scaling.sh
#   FLAVOUR=r2r benchmarks/sweep-scaling.sh     # the ReadyToRun publish instead of the normal build
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-$(mktemp -d /tmp/sweep-scaling.XXXXXX)}
mkdir -p "$OUT"
SHARD=${SHARD:-1/10}
load=$(cut -d' ' -f1 /proc/loadavg)
if [[ "${FORCE:-0}" != 1 ]] && awk -v l="$load" 'BEGIN { exit !(l >= 0.5) }'; then
  echo "sweep-scaling: load average is $load (>= 0.5); the machine is not quiet, so wall-clock speed-ups would measure the scheduler. Wait, or set FORCE=1." >&2
  exit 2
fi
case ${FLAVOUR:-build} in
  build)
    dotnet build src/PatrolSim.Cli -c Release -v quiet -nologo >/dev/null
    CLI=(dotnet src/PatrolSim.Cli/bin/Release/net10.0/patrolsim.dll) ;;
  r2r)
    # The ReadyToRun publish (as benchmarks/cli-throughput.sh): less start-up and background JIT (cli-process.md).
    dotnet publish src/PatrolSim.Cli -c Release -r linux-x64 --self-contained false -o "$OUT/r2r" -v quiet -nologo >/dev/null
    CLI=("$OUT/r2r/patrolsim") ;;
  *) echo "sweep-scaling: unknown FLAVOUR '$FLAVOUR'; use build or r2r" >&2; exit 2 ;;
esac
echo "| round | --parallel | wall (s) | user CPU (s) | CPU share | peak RSS (MB) | load before |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
declare -a wall1 wall2
for ((r = 1; r <= ROUNDS; r++)); do
  for p in 1 2; do
    dir="$OUT/r$r-p$p"
    rm -rf "$dir"
    before=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %U %P %M" -o "$OUT/time" "${CLI[@]}" sweep scenarios/sweep-benchmark-midsize.yaml --out "$dir" --shard "$SHARD" --parallel "$p" >/dev/null 2>&1
    read -r wall user share rss < "$OUT/time"
    echo "| $r | $p | $wall | $user | $share | $((rss / 1024)) | $before |"
    if [[ $p == 1 ]]; then wall1+=("$wall"); else wall2+=("$wall"); fi
  done
  cmp -s "$OUT/r$r-p1/results.csv" "$OUT/r$r-p2/results.csv" || { echo "results.csv differs between --parallel 1 and 2 (round $r)" >&2; exit 1; }
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
m1=$(median "${wall1[@]}")
m2=$(median "${wall2[@]}")
echo
echo "median wall clock: --parallel 1 ${m1} s, --parallel 2 ${m2} s; throughput ratio $(awk -v a="$m1" -v b="$m2" 'BEGIN { printf "%.2f", a / b }')x (target >= 1.8x); results byte-identical"

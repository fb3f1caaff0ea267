#!/bin/bash
# CLI throughput against the in-process model (issue 28 item 3: `patrolsim run scenarios/mmc.yaml -r 20 --days 365 -p 1`
# at >= 85% of MMcModelBenchmarks.FullModel's calls per second, mmc, 365 days). Builds each flavour, runs the command
# ROUNDS times per flavour (default 3, flavours alternating), each under /usr/bin/time, and prints a Markdown table: wall
# clock, user and sys CPU, calls/s on the wall clock and per CPU second, load average before the run; then the median
# per flavour. calls = 20 x callsArrived (the run's --json, metrics.callsArrived.mean), nothing subtracted.
#
# Flavours (FLAVOURS, space-separated; default "build r2r"):
#   build  the normal build: dotnet build src/PatrolSim.Cli -c Release, run through its apphost
#   r2r    the ReadyToRun publish: dotnet publish src/PatrolSim.Cli -c Release -r linux-x64 --self-contained false
# REF_MS=33.12 (the in-process FullModel mean per replication in ms, 140,285 calls; from the lead's BenchmarkDotNet run)
# adds each median's share of the in-process throughput.
#
# Wall-clock throughput is only meaningful on a quiet machine: the script refuses to start when the 1-minute load
# average is 0.5 or more (FORCE=1 runs anyway; the table shows the load of every run so a reader can judge).
#   benchmarks/cli-throughput.sh                # from the repository root
#   ROUNDS=5 FLAVOURS=r2r REF_MS=23.95 OUT=/tmp/clitp benchmarks/cli-throughput.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
FLAVOURS=${FLAVOURS:-build r2r}
OUT=${OUT:-$(mktemp -d /tmp/cli-throughput.XXXXXX)}
mkdir -p "$OUT"
load=$(cut -d' ' -f1 /proc/loadavg)
if [[ "${FORCE:-0}" != 1 ]] && awk -v l="$load" 'BEGIN { exit !(l >= 0.5) }'; then
  echo "cli-throughput: load average is $load (>= 0.5); the machine is not quiet, so wall-clock throughput would measure the scheduler. Wait, or set FORCE=1." >&2
  exit 2
fi
declare -A exe
for f in $FLAVOURS; do
  case $f in
    build)
      dotnet build src/PatrolSim.Cli -c Release -v quiet -nologo >/dev/null
      exe[build]=src/PatrolSim.Cli/bin/Release/net10.0/patrolsim ;;
    r2r)
      dotnet publish src/PatrolSim.Cli -c Release -r linux-x64 --self-contained false -o "$OUT/r2r" -v quiet -nologo >/dev/null
      exe[r2r]=$OUT/r2r/patrolsim ;;
    *) echo "cli-throughput: unknown flavour '$f'; use build or r2r" >&2; exit 2 ;;
  esac
done
ARGS=(run scenarios/mmc.yaml -r 20 --days 365 -p 1)
echo "| round | flavour | wall (s) | user (s) | sys (s) | calls/s (wall) | calls/s (CPU) | load before |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
declare -A walls cpus
calls=
for ((r = 1; r <= ROUNDS; r++)); do
  for f in $FLAVOURS; do
    before=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %U %S" -o "$OUT/time" "${exe[$f]}" "${ARGS[@]}" --json "$OUT/run.json" >/dev/null 2>&1
    read -r wall user sys < "$OUT/time"
    c=$(jq -r '20 * .metrics.callsArrived.mean | round' "$OUT/run.json")
    if [[ -n $calls && $c != "$calls" ]]; then echo "cli-throughput: calls differ between runs ($calls, $c)" >&2; exit 1; fi
    calls=$c
    awk -v r="$r" -v f="$f" -v w="$wall" -v u="$user" -v s="$sys" -v c="$calls" -v l="$before" \
      'BEGIN { printf "| %d | %s | %.2f | %.2f | %.2f | %.2f M | %.2f M | %s |\n", r, f, w, u, s, c / w / 1e6, c / (u + s) / 1e6, l }'
    walls[$f]+="$wall "
    cpus[$f]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') "
  done
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "calls: $calls (20 x callsArrived)"
for f in $FLAVOURS; do
  # shellcheck disable=SC2086
  w=$(median ${walls[$f]})
  # shellcheck disable=SC2086
  c=$(median ${cpus[$f]})
  awk -v f="$f" -v w="$w" -v c="$c" -v n="$calls" -v ref="${REF_MS:-}" 'BEGIN {
    share = ref == "" ? "" : sprintf("; %.0f%% of in-process (%.2f M calls/s at %s ms per 140,285-call replication)", 100 * (n / w) / (140285 / (ref / 1000)), 140285 / (ref / 1000) / 1e6, ref)
    printf "%s: median wall %.2f s (%.2f M calls/s), median CPU %.2f s (%.2f M calls/s)%s\n", f, w, n / w / 1e6, c, n / c / 1e6, share }'
done

#!/bin/bash
# Paired 95% half-widths of the README comparison: what common random numbers buy (issue 25, item 1's measurement;
# docs/statistics.md, "Common random numbers"). Runs
#   patrolsim compare SCENARIO --variant paired:policy.crew.twoOfficerShare=1 \
#     --variant two-cars:policy.backup.rule=all-calls --variant home-beat:policy.dispatch.rule=home-beat-first -r REPS
# and prints, per variant and metric, the paired half-width of the difference to the base, the half-width the same
# difference would have from independent runs (sqrt(h_base^2 + h_variant^2), each variant's own half-width), their
# ratio, and the correlation between the paired replications that the two imply,
# rho = (h_base^2 + h_variant^2 - h_paired^2) / (2 h_base h_variant): 1 when the variant sees exactly what the base saw,
# 0 when the pairing buys nothing. Deterministic: the same commit, scenario, replications and seed give the same table.
#   scripts/crn-halfwidths.sh                                # from the repository root
#   REPS=20 SEED=1 SCENARIO=scenarios/midsize-baseline.yaml DAYS=28 scripts/crn-halfwidths.sh
# DAYS overrides horizon.days (unset: the scenario's own). Needs jq.
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIO=${SCENARIO:-scenarios/midsize-baseline.yaml}
REPS=${REPS:-20}
SEED=${SEED:-1}
OUT=${OUT:-$(mktemp -d /tmp/crn-halfwidths.XXXXXX)}
METRICS=${METRICS:-responseTime.mean responseTime.mean@1 responseTime.p90 queueDelay.mean travelTime.mean backupDelay.mean soloMinutesPerDay.high utilization overtimeHoursPerDay}
command -v jq >/dev/null || { echo "crn-halfwidths: needs jq" >&2; exit 2; }
dotnet build src/PatrolSim.Cli -c Release -v quiet -nologo >/dev/null
days=()
if [[ -n "${DAYS:-}" ]]; then days=(--days "$DAYS"); fi
dotnet src/PatrolSim.Cli/bin/Release/net10.0/patrolsim.dll compare "$SCENARIO" "${days[@]}" \
  --variant paired:policy.crew.twoOfficerShare=1 --variant two-cars:policy.backup.rule=all-calls \
  --variant home-beat:policy.dispatch.rule=home-beat-first -r "$REPS" --seed "$SEED" --json "$OUT/compare.json" >/dev/null 2>"$OUT/stderr" \
  || { cat "$OUT/stderr" >&2; exit 1; }
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
horizon=$(jq -r '.variants[0] | "\(.days) days, \(.measuredDays) measured"' "$OUT/compare.json")
echo "$SCENARIO, $horizon, $REPS replications, seed $SEED, commit $commit"
echo
echo "| variant | metric | paired half-width | independent half-width | ratio | implied correlation |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
for variant in paired two-cars home-beat; do
  for metric in $METRICS; do
    jq -r --arg v "$variant" --arg m "$metric" '
      .metrics[$m] as $x
      | if $x == null then empty else
        ($x.values.base | (.ci95High - .ci95Low) / 2) as $hb
        | ($x.values[$v] | (.ci95High - .ci95Low) / 2) as $hv
        | ($x.pairedDifferences[$v] | (.ci95High - .ci95Low) / 2) as $hd
        | (($hb * $hb + $hv * $hv) | sqrt) as $hi
        | [$v, $m, $hd, $hi,
           (if $hi > 0 then $hd / $hi else null end),
           (if $hb > 0 and $hv > 0 then ($hb * $hb + $hv * $hv - $hd * $hd) / (2 * $hb * $hv) else null end)]
        | "| \(.[0]) | \(.[1]) | \(.[2] | if . == null then "–" else (. * 1000 | round / 1000) end) | \(.[3] | if . == null then "–" else (. * 1000 | round / 1000) end) | \(.[4] | if . == null then "–" else (. * 100 | round / 100) end) | \(.[5] | if . == null then "–" else (. * 100 | round / 100) end) |"
        end' "$OUT/compare.json"
  done
done

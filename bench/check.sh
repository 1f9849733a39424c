#!/usr/bin/env bash
# The regression guard: runs the engine and pre-answer benchmarks of a Release build, compares
# them with the committed baseline by ratio, and prints every benchmark that got more than 20%
# slower (exit status 1 if any did). See bench/README.md.
#
#   bench/check.sh [--build DIR] [--baseline FILE] [--repetitions N] [--update] [--readme]
#                  [--compare] [--compare-runs N] [--http]
#
#   --build DIR      the build directory (default build/release: `cmake --preset release`)
#   --baseline FILE  the baseline JSON (default bench/baselines/amd-epyc-2c.json)
#   --update         write this run's results as the new baseline
#   --readme         regenerate the results section of bench/README.md from this run
#   --compare        also run the whole-process peer comparison (compare.py) for the README
#   --compare-runs N runs of each side in that comparison (default 3)
#   --http           also run the daemon's load test (bench/load/run.sh, wrk) for the README
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/release
baseline=bench/baselines/amd-epyc-2c.json
repetitions=3
update=0
readme=0
compare=0
compare_runs=3
http=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --repetitions) repetitions=$2; shift 2 ;;
    --update) update=1; shift ;;
    --readme) readme=1; shift ;;
    --compare) compare=1; shift ;;
    --compare-runs) compare_runs=$2; shift 2 ;;
    --http) http=1; shift ;;
    *) echo "check.sh: unknown option '$1' (see the comment at the top)" >&2; exit 2 ;;
  esac
done

for binary in bench/scamguard_bench bench/scamguard_signalling_bench apps/scamguard/scamguard; do
  if [ ! -x "$build/$binary" ]; then
    echo "check.sh: $build/$binary not found: cmake --preset release &&" \
         "cmake --build --preset release" >&2
    exit 2
  fi
done

out="$build/bench/check"
mkdir -p "$out"
uptime > "$out/load.txt"
# One load first fills the database cache (after a rule change it compiles), so that
# BM_EngineLoad/cold_process reads what a deployed engine reads at start.
"$build/bench/scamguard_bench" --benchmark_filter='^$' > /dev/null
common=(--benchmark_repetitions="$repetitions" --benchmark_report_aggregates_only=true
        --benchmark_out_format=json)
"$build/bench/scamguard_bench" "${common[@]}" --benchmark_out="$out/engine.json" >&2
"$build/bench/scamguard_signalling_bench" "${common[@]}" --benchmark_filter=BM_PreAnswer \
  --benchmark_out="$out/signalling.json" >&2
uptime >> "$out/load.txt"

# gen-traffic's end-to-end figure (generated carrier traffic, every set-up scored, call ends
# fed back), beside the pre-answer benchmarks.
"$build/apps/scamguard/scamguard" gen-traffic --calls 200000 > "$out/gen_traffic.txt"

rm -f "$out/compare.md"
if [ "$compare" = 1 ]; then
  /usr/bin/python3 bench/compare.py --scamguard "$build/apps/scamguard/scamguard" --runs "$compare_runs" \
    > "$out/compare.md"
fi

rm -f "$out/http.txt"
if [ "$http" = 1 ]; then
  bench/load/run.sh "$build" 10s 32 > "$out/http.txt"
fi

args=(--baseline "$baseline" --results "$out" --build "$build")
[ "$update" = 1 ] && args+=(--update)
[ "$readme" = 1 ] && args+=(--readme bench/README.md)
exec python3 bench/check_report.py "${args[@]}"

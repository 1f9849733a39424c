#!/usr/bin/env bash
# The sanitizer stage of .ci/run, and the way to run it locally:
#
#   .ci/sanitizers.sh            # both: asan, then tsan
#   .ci/sanitizers.sh asan       # AddressSanitizer + UBSan: labels unit, calls, integration
#   .ci/sanitizers.sh tsan       # ThreadSanitizer: label concurrency
#
# For each preset (CMakePresets.json): configure, build only the targets its tests need, run
# its tests. Every instrumented process writes its ASan, LeakSanitizer and TSan reports to
# build/<preset>/sanitizer-reports rather than to stderr, because the daemon tests send
# scamguardd's stderr to a log in a temporary directory and the shell tests discard the CLI's:
# a leak in a daemon that exits 0 on SIGTERM would otherwise go unseen. So a preset fails when
# a test fails or when any report was written; the reports are printed. (UBSan's reports stay
# on stderr: beside ASan, GCC 12's UBSan ignores log_path. It aborts the process instead, so
# the test, or the daemon it talks to, fails.)
set -euo pipefail
cd "$(dirname "$0")/.."

presets=("$@")
((${#presets[@]})) || presets=(asan tsan)

status=0
for preset in "${presets[@]}"; do
  reports=$PWD/build/$preset/sanitizer-reports
  case "$preset" in
    asan)
      # detect_leaks: LeakSanitizer at every exit; the init-order checks catch a static
      # initialiser (the rule registry's) reading another file's static before it is built.
      export ASAN_OPTIONS="detect_leaks=1:check_initialization_order=1:strict_init_order=1:log_exe_name=1:log_path=$reports/asan"
      # -fno-sanitize-recover=undefined (cmake/Sanitizers.cmake) stops at the first report;
      # the stack says where.
      export UBSAN_OPTIONS="print_stacktrace=1:log_exe_name=1:log_path=$reports/ubsan"
      ;;
    tsan)
      # Carry on after a race so one run shows them all; the process then exits non-zero.
      export TSAN_OPTIONS="second_deadlock_stack=1:log_exe_name=1:log_path=$reports/tsan"
      ;;
    *) echo "sanitizers.sh: unknown preset '$preset' (asan or tsan)" >&2; exit 2 ;;
  esac
  start=$SECONDS
  cmake --preset "$preset" > /dev/null
  cmake --build --preset "$preset"
  built=$SECONDS
  rm -rf "$reports"
  mkdir -p "$reports"
  tests_ok=1
  ctest --preset "$preset" || tests_ok=0
  echo "$preset: build $((built - start)) s, tests $((SECONDS - built)) s"
  if compgen -G "$reports/*" > /dev/null; then
    echo "$preset: sanitizer reports in $reports:" >&2
    for report in "$reports"/*; do
      echo "--- $(basename "$report")" >&2
      cat "$report" >&2
    done
    status=1
  fi
  ((tests_ok)) || status=1
  unset ASAN_OPTIONS UBSAN_OPTIONS TSAN_OPTIONS
done
exit "$status"

#!/usr/bin/env bash
# Builds the "tsan" preset (ThreadSanitizer, build/tsan) and runs the core and UI tests under it.
# Qt itself is not instrumented; tests/sanitizers/tsan.supp names the Qt-internal frames whose
# synchronisation TSan cannot see, each with the reason. Any other report fails the test.
# Exits non-zero on any failure. Extra arguments go to ctest (e.g. -R tst_workbench).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh" tsan
cd "$here"
export QT_QPA_PLATFORM=offscreen
# Any report makes the test exit 66 (a failure) after printing them all. die_after_fork=0: tests
# start python3 peers with QProcess from a process that already runs threads; the child only execs.
export TSAN_OPTIONS="suppressions=$here/tests/sanitizers/tsan.supp:second_deadlock_stack=1:die_after_fork=0${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
ctest --preset tsan --timeout 600 -L 'core|ui' "$@"

#!/usr/bin/env bash
# Installs what is missing, configures, builds and runs every test with ctest; then runs every
# test again under AddressSanitizer + UndefinedBehaviorSanitizer (leak checks on), then each
# libFuzzer target for a few seconds as a smoke test. Exits non-zero on any failure.
# Extra arguments go to both ctest runs (e.g. -R tst_payload).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# SWB_PACKAGE_TEST=1: ctest also builds the .deb (build/package) and checks what it holds (tst_package).
SWB_PACKAGE_TEST=1 "$here/scripts/setup.sh" dev
cd "$here"
export QT_QPA_PLATFORM=offscreen
ctest --preset dev --timeout 300 "$@"

echo "== The same tests under ASan + UBSan (build/asan); benchmarks left out (their timing targets mean nothing here), and CPython's suite (the oracle of behaviour, run once above)"
"$here/scripts/setup.sh" asan
# PYTHONMALLOC=malloc: the embedded CPython's own allocator reads arena headers ASan cannot tell
# from overflows; with malloc every Python object is checked like ours.
PYTHONMALLOC=malloc \
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \
LSAN_OPTIONS="suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0" \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --preset asan --timeout 600 -E '^bench|^cpython_suite' "$@"

echo "== Fuzz smoke: each libFuzzer target for a few seconds (build/fuzz)"
"$here/scripts/fuzz.sh" 5

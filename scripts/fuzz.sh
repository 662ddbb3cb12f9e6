#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz": clang, ASan + UBSan, build/fuzz) and runs each for
# the given number of seconds (default 60), starting from its checked-in seed corpus
# tests/fuzz/corpus/<target>/. New inputs go to build/fuzz/corpus/<target>/ (not checked in).
# A crash, hang (10 s per input), leak or broken invariant stops that target with the input saved
# under build/fuzz/artifacts/<target>/; the script then exits non-zero.
#   scripts/fuzz.sh            # 60 s per target
#   scripts/fuzz.sh 5          # the CI smoke run
#   scripts/fuzz.sh 600 fuzz_session fuzz_address
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(fuzz_escapes fuzz_hex fuzz_address fuzz_session fuzz_quickopen fuzz_option)
fi

"$here/scripts/setup.sh" fuzz
cd "$here"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

failed=()
for target in "${targets[@]}"; do
    work=build/fuzz/corpus/$target
    artifacts=build/fuzz/artifacts/$target
    log=build/fuzz/logs/$target.log
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    dict=()
    [ -f "tests/fuzz/$target.dict" ] && dict=(-dict="tests/fuzz/$target.dict")
    if build/fuzz/tests/fuzz/"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$artifacts/" "${dict[@]}" "$work" "tests/fuzz/corpus/$target" >"$log" 2>&1; then
        runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 || true)
        echo "$target: ok (${runs:-no summary}, ${seconds} s)"
    else
        echo "$target: FAILED; the input is in $artifacts/ (add it to tests/fuzz/corpus/$target/ once fixed)"
        tail -n 40 "$log"
        failed+=("$target")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failed: ${failed[*]}"
    exit 1
fi

#!/usr/bin/env bash
# Installs what is missing, builds the Release preset (build/release) and runs the benchmark
# suite headless: a table on stdout and bench-results.json in the current directory (or --json FILE).
# Arguments go to swbench: --quick, --rounds N, --only udp_paced,tcp_stream, --json FILE.
# Exits non-zero when a benchmark did not complete or lost bytes; missed targets are shown as MISS.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh" release
export QT_QPA_PLATFORM=offscreen
exec "$here/build/release/bench/swbench" "$@"

#!/usr/bin/env bash
# Installs what is missing, configures, builds and runs every test with ctest.
# Exits non-zero on any failure.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh" dev
cd "$here"
export QT_QPA_PLATFORM=offscreen
ctest --preset dev --timeout 300 "$@"

#!/usr/bin/env bash
# CPython's own socket tests under python3 and under `socket-workbench --run` (scripts/cpython/suite.py):
# installs Debian's libpython3.11-testsuite when missing, builds the dev preset, runs the modules
# (two at a time) and prints the table and every test that passes under python3 only. Extra
# arguments go to suite.py (module names, --per-test S, --report FILE).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SWB_CPYTHON_TESTS=1 "$here/scripts/setup.sh" dev
export QT_QPA_PLATFORM=offscreen
exec python3 "$here/scripts/cpython/suite.py" --app "$here/build/dev/app/socket-workbench" "$@"

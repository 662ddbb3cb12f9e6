#!/usr/bin/env bash
# Installs what is missing, configures, builds and starts Socket Workbench.
# Arguments are passed to the app (e.g. --listen tcp://127.0.0.1:8080).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh" dev
exec "$here/build/dev/app/socket-workbench" "$@"

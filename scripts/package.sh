#!/usr/bin/env bash
# Builds the Debian package: installs what is missing (setup.sh, with dpkg-dev for cpack's
# dpkg-shlibdeps), configures and builds the package preset (Release, installing to /usr, in
# build/package) and runs cpack. The build's output goes to stderr; the last line on stdout is
# the .deb's path. Install it with `sudo apt install ./build/package/socket-workbench_*.deb`.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh" package >&2
cd "$here/build/package"
rm -f socket-workbench_*.deb
cpack --config CPackConfig.cmake >&2
deb=$(ls socket-workbench_*.deb)
echo "$here/build/package/$deb"

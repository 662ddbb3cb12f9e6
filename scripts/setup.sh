#!/usr/bin/env bash
# Shared set-up for run.sh, test.sh, tsan.sh and fuzz.sh: installs the Debian packages that are
# missing, then configures and builds the given preset (default: dev). SWB_BUILD_JOBS=N limits
# the build to N jobs (e.g. 1 on a machine shared with other builds).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${1:-dev}

packages=(cmake ninja-build g++ qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-l10n-tools libgl-dev python3 python3-dev)
# libFuzzer and its sanitizer runtimes come with clang (g++ already brings ASan, UBSan and TSan).
if [ "$preset" = fuzz ]; then packages+=(clang libclang-rt-14-dev); fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing missing packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cd "$here"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" ${SWB_BUILD_JOBS:+-j "$SWB_BUILD_JOBS"}

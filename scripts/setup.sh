#!/usr/bin/env bash
# Shared set-up for run.sh, test.sh, tsan.sh, fuzz.sh and package.sh: installs the Debian packages
# that are missing, then configures and builds the given preset (default: dev). SWB_BUILD_JOBS=N
# limits the build to N jobs (e.g. 1 on a machine shared with other builds). SWB_PACKAGE_TEST=1
# (test.sh, for dev) adds ctest's tst_package, which builds the .deb and checks it, and its tools.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${1:-dev}

packages=(cmake ninja-build g++ qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-l10n-tools qt6-translations-l10n libgl-dev python3 python3-dev)
# The SVG icon engine that draws the window icon.
packages+=(libqt6svg6)
# libFuzzer and its sanitizer runtimes come with clang (g++ already brings ASan, UBSan and TSan).
if [ "$preset" = fuzz ]; then packages+=(clang libclang-rt-14-dev); fi
# cpack's dependencies come from dpkg-shlibdeps; tst_package validates with the other two.
if [ "$preset" = package ]; then packages+=(dpkg-dev); fi
package_test=OFF
if [ "${SWB_PACKAGE_TEST:-0}" = 1 ]; then
    package_test=ON
    packages+=(dpkg-dev desktop-file-utils appstream)
fi
# CPython's own test suite, run as the oracle (ctest cpython_suite, scripts/cpython-tests.sh).
if [ "$preset" = dev ] || [ "${SWB_CPYTHON_TESTS:-0}" = 1 ]; then packages+=(libpython3.11-testsuite); fi
# tst_pcapng reads the exported captures back with tshark.
case "$preset" in dev | asan | tsan) packages+=(tshark) ;; esac
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing missing packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    # tshark's package asks whether non-root users may capture; answer no without asking.
    echo 'wireshark-common wireshark-common/install-setuid boolean false' | $sudo debconf-set-selections
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cd "$here"
cmake --preset "$preset" -DSWB_PACKAGE_TEST=$package_test >/dev/null
cmake --build --preset "$preset" ${SWB_BUILD_JOBS:+-j "$SWB_BUILD_JOBS"}

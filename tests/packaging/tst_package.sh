#!/usr/bin/env bash
# tst_package PACKAGE_SH VERSION APP_ID: builds the .deb with PACKAGE_SH (or takes the one in
# $SWB_DEB), unpacks it with dpkg-deb -x into a temporary root and checks that
# - its control fields name the package, the version and the run-time dependencies;
# - it holds exactly the binary, desktop file, icon, AppStream metadata and man page, each where
#   the freedesktop specifications and man(1) look;
# - desktop-file-validate and `appstreamcli validate --no-net` accept them, and they name the
#   version and the app id;
# - the unpacked binary answers --version, and runs a Python script through the embedded
#   interpreter from where it is installed.
set -euo pipefail
package_sh=$1 version=$2 appid=$3

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "PASS: $*"; }
check() { # check DESCRIPTION COMMAND...
    local what=$1; shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

if [ -n "${SWB_DEB:-}" ]; then
    deb=$SWB_DEB
else
    start=$SECONDS
    deb=$("$package_sh" | tail -n 1)
    echo "package.sh: $deb in $((SECONDS - start)) s"
fi
[ -f "$deb" ] || { echo "FAIL: no package at '$deb'" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

# Control fields.
field() { dpkg-deb -f "$deb" "$1"; }
check "file name socket-workbench_${version}_<arch>.deb" \
    test "$(basename "$deb")" = "socket-workbench_${version}_$(field Architecture).deb"
check "Package: socket-workbench" test "$(field Package)" = socket-workbench
check "Version: $version" test "$(field Version)" = "$version"
check "Section: net" test "$(field Section)" = net
check "Maintainer set" test -n "$(field Maintainer)"
check "Description set" test -n "$(field Description)"
depends=$(field Depends)
echo "Depends: $depends"
# From dpkg-shlibdeps (linked), then what is loaded at run time (plugins, the Python stdlib).
for dep in libqt6widgets6 libqt6core6 libpython3 libc6 qt6-qpa-plugins libqt6svg6 'libpython3\.[0-9]+-stdlib'; do
    check "Depends names $dep" grep -Eq "(^|, )$dep" <<<"$depends"
done

# Contents: exactly these files.
dpkg-deb -x "$deb" "$root"
expected="usr/bin/socket-workbench
usr/share/applications/$appid.desktop
usr/share/icons/hicolor/scalable/apps/$appid.svg
usr/share/man/man1/socket-workbench.1
usr/share/metainfo/$appid.metainfo.xml"
actual=$(cd "$root" && find . -type f -o -type l | sed 's|^\./||' | sort)
if [ "$actual" = "$expected" ]; then
    pass "the package holds exactly the five installed files"
else
    fail "the package's files differ from those expected:"
    diff <(echo "$expected") <(echo "$actual") >&2 || true
fi
check "the binary is executable" test -x "$root/usr/bin/socket-workbench"

# The desktop file and AppStream metadata, validated and consistent with each other.
desktop=$root/usr/share/applications/$appid.desktop
metainfo=$root/usr/share/metainfo/$appid.metainfo.xml
check "desktop-file-validate" desktop-file-validate "$desktop"
check "desktop file: Icon=$appid" grep -qx "Icon=$appid" "$desktop"
check "desktop file: Exec=socket-workbench %F" grep -qx "Exec=socket-workbench %F" "$desktop"
check "appstreamcli validate --no-net" appstreamcli validate --no-net "$metainfo"
check "appstreamcli validate-tree --no-net" appstreamcli validate-tree --no-net "$root"
check "metainfo: id $appid" grep -q "<id>$appid</id>" "$metainfo"
check "metainfo: launchable $appid.desktop" grep -q ">$appid.desktop</launchable>" "$metainfo"
check "metainfo: a release $version" grep -q "<release version=\"$version\"" "$metainfo"
check "the icon is an SVG document" grep -q "<svg" "$root/usr/share/icons/hicolor/scalable/apps/$appid.svg"

# The man page: formats without warnings and names the version.
manpage=$root/usr/share/man/man1/socket-workbench.1
check "man page: .TH names $version" grep -Eq "^\.TH .*Socket Workbench $version" "$manpage"
warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$manpage" 2>&1)
check "man page: groff has no warnings" test -z "$warnings"
[ -z "$warnings" ] || echo "$warnings" >&2

# The unpacked binary runs: --version, and a script through the embedded CPython.
out=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/socket-workbench" --version 2>&1) || true
echo "--version: $out"
check "--version says Socket Workbench $version" test "$out" = "Socket Workbench $version"
cat >"$root/echo.py" <<'PY'
import socket, sys
a, b = socket.socketpair()
a.sendall(b'ping')
print(b.recv(4).decode(), sys.version_info[:2] >= (3, 8))
PY
out=$("$root/usr/bin/socket-workbench" --run "$root/echo.py" 2>&1) || true
check "--run a script from the installed binary (got: $out)" test "$out" = "ping True"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "all checks passed"

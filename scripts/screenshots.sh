#!/usr/bin/env bash
# Writes docs/*.png: the window at 1500×950 on a first start, in README's three stories and the
# other shots docshots plays (console, responder, a descriptor passed in the Messages tab),
# played for real (curl and a python3 echo server as peers). Uses Xvfb when it is installed (the
# fonts and style of a desktop), else Qt's offscreen platform. docs/dark.png and docs/scale200.png
# are the UDP story again, in a dark theme (Fusion, SWB_DOCSHOTS_DARK=1) and at 200 % scale
# (QT_SCALE_FACTOR=2: 3000×1900 pixels), both offscreen.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh" dev
cd "$here"
if command -v Xvfb >/dev/null; then
    display=:$((90 + RANDOM % 9))
    Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
    xvfb=$!
    trap 'kill $xvfb' EXIT
    sleep 1
    DISPLAY=$display QT_QPA_PLATFORM=xcb build/dev/tests/ui/docshots docs
else
    QT_QPA_PLATFORM=offscreen build/dev/tests/ui/docshots docs
fi
shots=$(mktemp -d)
SWB_DOCSHOTS_DARK=1 QT_QPA_PLATFORM=offscreen build/dev/tests/ui/docshots "$shots/dark"
QT_SCALE_FACTOR=2 QT_QPA_PLATFORM=offscreen build/dev/tests/ui/docshots "$shots/scale200"
cp "$shots/dark/story-udp-and-errors.png" docs/dark.png
cp "$shots/scale200/story-udp-and-errors.png" docs/scale200.png
rm -r "$shots"

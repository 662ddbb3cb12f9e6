#!/usr/bin/env bash
# Refreshes translations/*.ts from the sources (lupdate). Run after adding or changing a tr()
# string. English holds only plural forms: each new "%n thing(s)" message gets "%n thing" and
# "%n things"; one with no "(s)" reads the same for any count and gets its source twice.
# Simplified Chinese holds every message: a new one is left unfinished for a translator (Qt
# Linguist, or the <translation> element by hand); tests/i18n fails until it is translated.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
lupdate=/usr/lib/qt6/bin/lupdate
[ -x "$lupdate" ] || lupdate=$(command -v lupdate)
"$lupdate" -I . -pluralonly -locations none -no-obsolete ui app core -ts translations/socketworkbench_en.ts
"$lupdate" -I . -locations none -no-obsolete -target-language zh_CN ui app core -ts translations/socketworkbench_zh_CN.ts
python3 - translations/socketworkbench_en.ts <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding='utf-8').read()
def fill(match):
    source = match.group(1)
    one, many = source.replace('(s)', ''), source.replace('(s)', 's')
    return ('<source>%s</source>\n        <translation>\n            <numerusform>%s</numerusform>\n'
            '            <numerusform>%s</numerusform>\n        </translation>' % (source, one, many))
text = re.sub(r'<source>([^<]*)</source>\s*<translation type="unfinished">\s*<numerusform></numerusform>\s*'
              r'<numerusform></numerusform>\s*</translation>', fill, text, flags=re.S)
open(path, 'w', encoding='utf-8').write(text)
PY

#!/usr/bin/env python3
"""Checks that the Simplified Chinese translation is complete against the sources as they are now.

lupdate is run on a copy of translations/socketworkbench_zh_CN.ts (with obsolete entries kept, so
that a string that left the sources shows as vanished): every message must be translated, none
unfinished or vanished, and each translation must keep the source's placeholders (%1, %n), HTML
tags, {macros} and menu accelerator. Fails with the list of what to fix.

usage: check_translations.py LUPDATE SOURCE_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PATTERNS = ((r'%(?:\d|n|L\d)', 'placeholders'), (r'<[^>]+>', 'HTML tags'), (r'\{[a-z0-9]+\}', 'macros'))


def forms(translation):
    numerus = translation.findall('numerusform')
    return [n.text or '' for n in numerus] if numerus else [translation.text or '']


def problems_in(path):
    out = []
    for context in ET.parse(path).getroot().findall('context'):
        name = context.find('name').text
        for message in context.findall('message'):
            source = message.find('source').text or ''
            translation = message.find('translation')
            kind = translation.get('type')
            if kind in ('unfinished', 'vanished', 'obsolete'):
                out.append(f'{name}: {kind}: {source!r}')
                continue
            for text in forms(translation):
                if not text.strip():
                    out.append(f'{name}: empty translation: {source!r}')
                for pattern, what in PATTERNS:
                    if sorted(re.findall(pattern, source)) != sorted(re.findall(pattern, text)):
                        out.append(f'{name}: {what} differ: {source!r} -> {text!r}')
                if re.search(r'&[A-Za-z]', source.replace('&&', '')) and not re.search(r'&[A-Za-z]', text.replace('&&', '')):
                    out.append(f'{name}: menu accelerator lost: {source!r} -> {text!r}')
    return out


def main():
    lupdate, source_dir = sys.argv[1], sys.argv[2]
    ts = os.path.join(source_dir, 'translations', 'socketworkbench_zh_CN.ts')
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, os.path.basename(ts))
        shutil.copy(ts, copy)
        run = subprocess.run([lupdate, '-I', '.', '-locations', 'none', '-target-language', 'zh_CN', 'ui', 'app', 'core', '-ts', copy],
                             cwd=source_dir, capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stdout, run.stderr)
            return 1
        warnings = [line for line in (run.stdout + run.stderr).splitlines()
                    if 'Qualifying with unknown' in line or 'lacks Q_OBJECT' in line or 'Cannot' in line]
        found = problems_in(copy)
    for line in warnings + found:
        print(line)
    total = len(warnings) + len(found)
    print(f'{ts}: {total} problem(s)' + ('' if total == 0 else
          '; run scripts/update-translations.sh and translate what it leaves unfinished'))
    return 1 if total else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
# CPython's own socket tests as the oracle: runs each module under python3 and under
# `socket-workbench --run` (runner.py, started again after a hang), then compares the pass lists.
# Every test that passes under python3 must pass under --run, or be listed in known-failures.txt
# with the reason. Exit status 1 when a test fails that is not listed, 0 otherwise.
#
#   scripts/cpython/suite.py --app build/dev/app/socket-workbench [--jobs 2] [modules...]
import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_MODULES = ['test.test_socket', 'test.test_selectors', 'test.test_socketserver',
                   'test.test_asyncio.test_sock_lowlevel']


def run_module(command, module, per_test, deadline, workdir):
    """Runs one module to its end; returns {test id: outcome} and the seconds it took."""
    out = os.path.join(workdir, module.replace('.', '_') + '.' + command[0].split('/')[-1] + '.txt')
    open(out, 'w').close()
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        args = command + [os.path.join(HERE, 'runner.py'), module, '--out', out, '--done', out,
                          '--per-test', str(per_test)]
        try:
            subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=deadline, cwd=workdir)
        except subprocess.TimeoutExpired:
            break
        with open(out) as f:
            lines = f.read().splitlines()
        if lines and lines[-1] == 'END':
            break
        # Ended without END: a hang (already written) or a crash in the test that was running.
        started_ids = [l.split(' ', 1)[1] for l in lines if l.startswith('START ')]
        ended = {l.split(' ', 1)[1] for l in lines if l.split(' ', 1)[0] in ('PASS', 'FAIL', 'ERROR', 'SKIP', 'HANG')}
        if started_ids and started_ids[-1] not in ended:
            with open(out, 'a') as f:
                f.write(f'CRASH {started_ids[-1]}\n')
    outcomes = {}
    with open(out) as f:
        for line in f:
            word, _, test = line.strip().partition(' ')
            if word in ('PASS', 'FAIL', 'ERROR', 'SKIP', 'HANG', 'CRASH'):
                outcomes[test] = word
    return outcomes, time.monotonic() - started


def run_alone(command, module, test, per_test, workdir):
    """A second chance for one test, alone: a test that passes so is timing-sensitive, not broken."""
    out = os.path.join(workdir, 'again.txt')
    open(out, 'w').close()
    args = command + [os.path.join(HERE, 'runner.py'), module, '--out', out, '--only', test, '--per-test', str(per_test)]
    try:
        subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=per_test * 3, cwd=workdir)
    except subprocess.TimeoutExpired:
        return False
    with open(out) as f:
        return f'PASS {test}' in f.read().splitlines()


def known_failures():
    known = {}
    path = os.path.join(HERE, 'known-failures.txt')
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.split('#', 1)[0].strip()
                if line:
                    test, _, reason = line.partition(' ')
                    known[test] = reason.strip()
    return known


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--app', required=True, help='the socket-workbench executable')
    parser.add_argument('--jobs', type=int, default=2)
    parser.add_argument('--per-test', type=float, default=30.0)
    parser.add_argument('--deadline', type=float, default=1200.0, help='seconds for one module')
    parser.add_argument('--report', help='write the table and the differences here (markdown)')
    parser.add_argument('modules', nargs='*', default=DEFAULT_MODULES)
    args = parser.parse_args()
    env_note = os.environ.get('QT_QPA_PLATFORM')
    if not env_note:
        os.environ['QT_QPA_PLATFORM'] = 'offscreen'
    python = ['/usr/bin/python3']
    ours = [os.path.abspath(args.app), '--run']
    workdir = tempfile.mkdtemp(prefix='cpython-suite-')
    jobs = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for module in args.modules:
            for command in (python, ours):
                jobs.append((module, command is ours, pool.submit(run_module, command, module, args.per_test,
                                                                  args.deadline, workdir)))
    results = {}
    for module, under_us, job in jobs:
        results[(module, under_us)] = job.result()
    known = known_failures()
    lines = ['| module | python3 | under `--run` |', '|---|---|---|']
    unexpected = []
    passed_again = []
    for module in args.modules:
        theirs, their_time = results[(module, False)]
        mine, my_time = results[(module, True)]

        def counts(outcomes, seconds):
            words = [w for w in outcomes.values()]
            parts = [f'{words.count(w)} {w.lower()}' for w in ('PASS', 'FAIL', 'ERROR', 'SKIP', 'HANG', 'CRASH')
                     if words.count(w)]
            return ', '.join(parts) + f', {seconds:.0f} s'

        lines.append(f'| {module} | {counts(theirs, their_time)} | {counts(mine, my_time)} |')
        for test, word in sorted(theirs.items()):
            if word == 'PASS' and mine.get(test) != 'PASS' and test not in known:
                if len(unexpected) < 30 and run_alone(ours, module, test, args.per_test, workdir):
                    passed_again.append(f'{test}: {mine.get(test, "not run")}, then passed alone')
                else:
                    unexpected.append(f'{test}: {mine.get(test, "not run")}')
    text = '\n'.join(lines)
    text += f'\n\n{len(unexpected)} tests pass under python3 and not under --run (not in known-failures.txt)\n'
    text += ''.join(f'- {u}\n' for u in unexpected)
    if passed_again:
        text += f'\n{len(passed_again)} failed in the run and passed alone (timing under load):\n'
        text += ''.join(f'- {u}\n' for u in passed_again)
    print(text)
    if args.report:
        with open(args.report, 'w') as f:
            f.write(text)
    if unexpected:
        print(f'(outcome files in {workdir})')
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if unexpected else 0


if __name__ == '__main__':
    sys.exit(main())

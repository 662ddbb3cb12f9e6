# Runs the tests of one CPython test module, one by one, under whichever interpreter runs this file
# (python3, or socket-workbench --run). Each outcome is a line in the --out file, written as soon as
# the test ends: "START id", then "PASS id", "FAIL id", "ERROR id", "SKIP id". A test that runs longer
# than --per-test seconds is written "HANG id" and the process ends at once (a hung socket call
# cannot be interrupted from Python); suite.py then starts the module again after it.
import argparse
import importlib
import os
import sys
import threading
import time
import unittest


def all_tests(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from all_tests(item)
        else:
            yield item


class Recorder(unittest.TestResult):
    def __init__(self, out, current):
        super().__init__()
        self.out = out
        self.current = current

    def startTest(self, test):
        super().startTest(test)
        self.current['id'], self.current['since'] = test.id(), time.monotonic()
        self.note('START', test)

    def stopTest(self, test):
        super().stopTest(test)
        self.current['id'] = None

    def note(self, word, test):
        self.out.write(f'{word} {test.id()}\n')
        self.out.flush()

    def addSuccess(self, test):
        self.note('PASS', test)

    def addFailure(self, test, err):
        self.note('FAIL', test)

    def addError(self, test, err):
        self.note('ERROR', test)

    def addSkip(self, test, reason):
        self.note('SKIP', test)

    def addExpectedFailure(self, test, err):
        self.note('PASS', test)

    def addUnexpectedSuccess(self, test):
        self.note('FAIL', test)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('module')
    parser.add_argument('--out', required=True)
    parser.add_argument('--done', help='file of test ids already run (skipped here)')
    parser.add_argument('--per-test', type=float, default=30.0)
    parser.add_argument('--only', action='append', default=[], help='run only these test ids')
    args = parser.parse_args()
    done = set()
    if args.done and os.path.exists(args.done):
        with open(args.done) as f:
            done = {line.split(' ', 1)[1].strip() for line in f if ' ' in line}
    module = importlib.import_module(args.module)
    suite = unittest.TestLoader().loadTestsFromModule(module)  # load_tests() where the module has one
    tests = [t for t in all_tests(suite) if t.id() not in done and (not args.only or t.id() in args.only)]
    current = {'id': None, 'since': 0.0}
    out = open(args.out, 'a')

    def watchdog():
        while True:
            time.sleep(0.5)
            test = current['id']
            if test and time.monotonic() - current['since'] > args.per_test:
                out.write(f'HANG {test}\n')
                out.flush()
                os._exit(3)

    threading.Thread(target=watchdog, daemon=True).start()
    # One suite of what is left, in the module's order: it runs the class and module fixtures
    # (setUpClass, setUpModule) as unittest's own runner does.
    unittest.TestSuite(tests).run(Recorder(out, current))
    out.write('END\n')
    out.flush()
    os._exit(0)  # no interpreter teardown: a thread a test left blocked must not hold the exit


if __name__ == '__main__':
    main()

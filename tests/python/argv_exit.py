# sys.argv as python3 sets it, and the exit status of SystemExit.
import os
import sys

print([os.path.basename(sys.argv[0])] + sys.argv[1:])
print(__name__)
sys.exit(3)

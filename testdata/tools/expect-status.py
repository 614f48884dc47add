#!/usr/bin/env python3
"""usage: expect-status.py N COMMAND... — runs COMMAND, passes its output
through, and succeeds only if it exited with status N."""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.run(sys.argv[2:]).returncode
if got != want:
    sys.stderr.write("expect-status: '%s' exited %d, expected %d\n"
                     % (" ".join(sys.argv[2:]), got, want))
    sys.exit(1)

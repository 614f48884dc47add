#!/usr/bin/env python3
"""usage: same-fingerprints.py BEFORE.sarif AFTER.sarif

Succeeds when every result of BEFORE is in AFTER with the same rule, message
and primaryLocationLineHash, though on another line: the test between the
two runs moved every old finding down and re-indented one of them.
"""
import json
import sys


def results(path):
    with open(path) as f:
        run = json.load(f)["runs"][0]
    return [(r["ruleId"], r["message"]["text"],
             r["partialFingerprints"]["primaryLocationLineHash"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in run["results"]]


before, after = results(sys.argv[1]), results(sys.argv[2])
for rule, message, fingerprint, line in before:
    moved = [a for a in after if a[:3] == (rule, message, fingerprint)]
    if not moved:
        sys.exit("same-fingerprints: %s '%s' (%s, line %d) has no result with "
                 "that fingerprint after the edit" % (rule, message, fingerprint, line))
    if any(a[3] == line for a in moved):
        sys.exit("same-fingerprints: %s '%s' did not move; the test proves nothing"
                 % (rule, message))
print("same-fingerprints: %d results kept their fingerprints" % len(before))

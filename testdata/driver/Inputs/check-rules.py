#!/usr/bin/env python3
"""Checks the output of `leash rules` against the rule catalogue and against
the checks that the clang-tidy plugin registers.

usage: check-rules.py RULES_OUTPUT --catalogue rules/catalogue.json
           -- CLANG_TIDY --load=PLUGIN

Every catalogue rule must be listed once, in the catalogue's order, as
`id  group  implemented|planned  summary` in aligned columns, and a rule is
`implemented` exactly when the plugin registers a check of that name.
"""
import argparse
import json
import re
import subprocess
import sys


def fail(message):
    sys.exit("check-rules: " + message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--catalogue", required=True)
    if "--" not in sys.argv:
        fail("no '-- CLANG_TIDY --load=PLUGIN'")
    split = sys.argv.index("--")
    args = parser.parse_args(sys.argv[1:split])
    clang_tidy = sys.argv[split + 1:]

    with open(args.catalogue) as f:
        catalogue = json.load(f)["rules"]
    with open(args.output) as f:
        lines = f.read().splitlines()

    listed = subprocess.run(
        clang_tidy + ["-checks=-*,leash-*", "--list-checks"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True).stdout
    registered = set(re.findall(r"^\s+(leash-\S+)$", listed, re.MULTILINE))

    if len(lines) < len(catalogue):
        fail("%d lines for %d rules" % (len(lines), len(catalogue)))
    columns = None
    for rule, line in zip(catalogue, lines):
        match = re.fullmatch(r"(\S+)( +)(\S+)( +)(implemented|planned)( +)(.+)",
                             line)
        if not match:
            fail("not 'id group status summary': %r" % line)
        starts = (match.start(3), match.start(5), match.start(7))
        if columns is None:
            columns = starts
        if starts != columns:
            fail("columns not aligned: %r" % line)
        want = (rule["id"], rule["group"],
                "implemented" if rule["id"] in registered else "planned",
                rule["summary"])
        got = (match.group(1), match.group(3), match.group(5), match.group(7))
        if got != want:
            fail("%r, not %r" % (got, want))
    # Lines after the catalogue's: registered checks the catalogue lacks.
    for line in lines[len(catalogue):]:
        name = line.split()[0]
        if name not in registered or "(not in rules/catalogue.json)" not in line:
            fail("unexpected line %r" % line)
    print("check-rules: %d rules, %d implemented" %
          (len(catalogue), len(registered)))


if __name__ == "__main__":
    main()

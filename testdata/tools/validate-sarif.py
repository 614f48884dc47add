#!/usr/bin/env python3
"""Validates a SARIF file with Microsoft's SARIF Multitool, against SARIF 2.1.0
and GitHub code scanning's ingestion rules.

usage: validate-sarif.py MULTITOOL FILE

MULTITOOL is the Sarif.Multitool binary that the build installs with npm
(target sarif-multitool). The multitool exits 0 whatever it finds, so this
script fails on any `error` in its report, on a non-zero exit, and when it
did not complete. Warnings are printed, not failed on.
"""
import json
import os
import re
import subprocess
import sys
import tempfile


def main():
    multitool, sarif = sys.argv[1], os.path.abspath(sys.argv[2])
    if not os.access(multitool, os.X_OK):
        sys.stderr.write("validate-sarif: no SARIF Multitool at %s; build the "
                         "'sarif-multitool' target\n" % multitool)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        report = os.path.join(scratch, "validation.sarif")
        # Called directly, not through npx, whose shell would split "Gh;Sarif".
        result = subprocess.run(
            [multitool, "validate", sarif, "--rule-kind", "Gh;Sarif",
             "-o", report],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            cwd=scratch)
        output = result.stdout
        errors = [line for line in output.splitlines()
                  if re.search(r"\berror [A-Z]+[0-9]+\b", line)]
        # The validator's own log holds the same findings: read it too, so
        # that a change of its console format cannot hide them.
        if not errors and os.path.exists(report):
            with open(report) as f:
                log = json.load(f)
            for run in log.get("runs", []):
                for found in run.get("results", []):
                    if found.get("level") == "error":
                        text = found.get("message", {}).get("text") or \
                            json.dumps(found.get("message"))
                        errors.append("error %s: %s" % (found.get("ruleId"), text))
    sys.stdout.write(output)
    problems = []
    if result.returncode != 0:
        problems.append("the multitool exited %d" % result.returncode)
    if "Analysis completed successfully" not in output:
        problems.append("the multitool did not complete its analysis")
    if errors:
        problems.append("%d errors" % len(errors))
        for line in errors:
            print("validate-sarif: " + line)
    if problems:
        print("validate-sarif: %s is not valid: %s" % (sarif, "; ".join(problems)))
        return 1
    print("validate-sarif: %s is valid" % sarif)
    return 0


if __name__ == "__main__":
    sys.exit(main())

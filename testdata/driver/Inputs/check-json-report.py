#!/usr/bin/env python3
"""Checks that a file is a leash JSON report, version 1, as JsonReport.h
documents it: every member present with its type, and the summary and exit
status consistent with the findings and units.

usage: check-json-report.py REPORT --leash LEASH --exit-status N
"""
import argparse
import json
import re
import subprocess
import sys


def fail(message):
    sys.exit("check-json-report: " + message)


def expect(condition, message):
    if not condition:
        fail(message)


def check_place(where, what):
    # A diagnostic with no place in a file (a bad compiler option).
    if where.get("file", "") is None:
        expect(where.get("line", 0) is None and where.get("column", 0) is None,
               what + ": no file, but a line or column")
        return
    expect(isinstance(where.get("file"), str) and where["file"],
           what + ": no file")
    expect(isinstance(where.get("line"), int) and where["line"] >= 1,
           what + ": no line")
    expect(isinstance(where.get("column"), int) and where["column"] >= 1,
           what + ": no column")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("--leash", required=True)
    parser.add_argument("--exit-status", type=int, required=True)
    args = parser.parse_args()
    with open(args.report) as f:
        report = json.load(f)

    version = subprocess.run([args.leash, "--version"], stdout=subprocess.PIPE,
                             text=True, check=True).stdout.split()[-1]
    expect(report.get("format") == "leash-report", "format is not leash-report")
    expect(report.get("version") == 1, "version is not 1")
    expect(report.get("tool") == {"name": "leash", "version": version},
           "tool is %r, not leash %s" % (report.get("tool"), version))
    expect(isinstance(report.get("sourceRoot"), str) and
           report["sourceRoot"].startswith("/"), "sourceRoot is not absolute")

    findings = report.get("findings")
    expect(isinstance(findings, list), "findings is not a list")
    for i, finding in enumerate(findings):
        what = "finding %d" % i
        expect(re.fullmatch(r"[a-z][a-z0-9.-]*", finding.get("rule", "")),
               what + ": bad rule")
        expect(finding.get("severity") in ("note", "warning", "error"),
               what + ": bad severity")
        expect(isinstance(finding.get("message"), str) and finding["message"],
               what + ": no message")
        check_place(finding, what)
        expect(re.fullmatch(r"[0-9a-f]{16}:[1-9][0-9]*",
                            finding.get("fingerprint", "")),
               what + ": bad fingerprint")
        expect(isinstance(finding.get("notes"), list), what + ": no notes")
        for j, note in enumerate(finding["notes"]):
            expect(isinstance(note.get("message"), str),
                   "%s, note %d: no message" % (what, j))
            check_place(note, "%s, note %d" % (what, j))

    units = report.get("translationUnits")
    expect(isinstance(units, list) and units, "no translationUnits")
    for unit in units:
        expect(isinstance(unit.get("file"), str), "a unit has no file")
        expect(isinstance(unit.get("analysed"), bool), "a unit has no analysed")
        if unit["analysed"]:
            expect(unit.get("failure") is None, "an analysed unit has a failure")
        else:
            expect(isinstance(unit.get("failure"), str) and unit["failure"],
                   "a unit not analysed does not say why")

    skipped = report.get("skippedUnits")
    expect(isinstance(skipped, list), "no skippedUnits")
    for unit in skipped:
        expect(isinstance(unit.get("file"), str) and
               isinstance(unit.get("reason"), str) and unit["reason"],
               "a skipped unit has no file or no reason")

    baseline = report.get("baseline", "missing")
    expect(baseline is None or (isinstance(baseline, dict) and
                                isinstance(baseline.get("file"), str) and
                                isinstance(baseline.get("matched"), int)),
           "bad baseline")

    summary = report.get("summary")
    want = {
        "translationUnits": len(units),
        "analysed": sum(1 for u in units if u["analysed"]),
        "skipped": len(skipped),
        "warnings": sum(1 for f in findings if f["severity"] == "warning"),
        "errors": sum(1 for f in findings if f["severity"] == "error"),
    }
    expect(summary == want, "summary is %r, not %r" % (summary, want))
    expect(report.get("exitStatus") == args.exit_status,
           "exitStatus is %r, not %d" % (report.get("exitStatus"), args.exit_status))
    print("check-json-report: %d findings, %d units" % (len(findings), len(units)))


if __name__ == "__main__":
    main()

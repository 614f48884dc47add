#!/usr/bin/env python3
"""usage: check-explain.py OUTPUT RULE --rules RULES_DIR

Checks what `leash explain RULE` printed: the rule's page, rules/RULE.md,
exactly as it is in the source tree when the page exists; otherwise the
catalogue's summary and description of the rule.
"""
import argparse
import json
import os
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("rule")
    parser.add_argument("--rules", required=True)
    args = parser.parse_args()
    with open(args.output, encoding="utf-8") as f:
        output = f.read()
    page = os.path.join(args.rules, args.rule + ".md")
    if os.path.exists(page):
        with open(page, encoding="utf-8") as f:
            want = f.read()
        if not output.startswith(want):
            sys.exit("check-explain: the output is not %s (is leash built "
                     "from this tree?)" % page)
        print("check-explain: printed %s" % page)
        return
    with open(os.path.join(args.rules, "catalogue.json")) as f:
        rule = next(r for r in json.load(f)["rules"] if r["id"] == args.rule)
    for part in (rule["id"], rule["summary"], rule["description"]):
        if part not in output:
            sys.exit("check-explain: the output lacks %r" % part)
    print("check-explain: printed the catalogue's entry (no page yet)")


if __name__ == "__main__":
    main()

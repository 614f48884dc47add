#!/usr/bin/env python3
"""Checks the SARIF that `leash check --format=sarif` wrote, beyond what the
SARIF Multitool checks: the rules are those the run needs, results refer to
them, locations are relative to %SRCROOT% inside the source root and
absolute file URIs outside it, every result has a fingerprint, and the
invocation tells whether every unit was analysed.

usage: check-sarif-report.py SARIF --leash LEASH --source-root DIR
           --successful yes|no [--json REPORT]

With --json, the SARIF must hold the same findings as leash's JSON report of
the same run, in the same order, with the same fingerprints.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import urllib.parse


def fail(message):
    sys.exit("check-sarif-report: " + message)


def expect(condition, message):
    if not condition:
        fail(message)


def text_of(holder, member, what):
    value = holder.get(member, {}).get("text")
    expect(isinstance(value, str) and value, "%s: no %s.text" % (what, member))
    return value


def check_location(location, root_uri, what):
    physical = location.get("physicalLocation")
    expect(isinstance(physical, dict), what + ": no physicalLocation")
    artifact = physical.get("artifactLocation", {})
    uri = artifact.get("uri")
    expect(isinstance(uri, str) and uri, what + ": no uri")
    if "uriBaseId" in artifact:
        expect(artifact["uriBaseId"] == "%SRCROOT%", what + ": bad uriBaseId")
        expect(":" not in uri and not uri.startswith("/"),
               what + ": %s is not relative" % uri)
    else:
        expect(uri.startswith("file:///") and not uri.startswith(root_uri),
               what + ": %s is neither relative nor outside the root" % uri)
    region = physical.get("region", {})
    expect(region.get("startLine", 0) >= 1, what + ": no startLine")
    expect(region.get("startColumn", 0) >= 1, what + ": no startColumn")
    return physical


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sarif")
    parser.add_argument("--leash", required=True)
    parser.add_argument("--source-root", required=True)
    parser.add_argument("--successful", choices=["yes", "no"], required=True)
    parser.add_argument("--json")
    args = parser.parse_args()
    with open(args.sarif) as f:
        log = json.load(f)

    version = subprocess.run([args.leash, "--version"], stdout=subprocess.PIPE,
                             text=True, check=True).stdout.split()[-1]
    implemented = set()
    for line in subprocess.run([args.leash, "rules"], stdout=subprocess.PIPE,
                               text=True, check=True).stdout.splitlines():
        words = line.split()
        # A registered check that the catalogue lacks has no descriptor
        # unless it has a result.
        if words[2] == "implemented" and "(not in rules/catalogue.json)" not in line:
            implemented.add(words[0])

    expect(log.get("$schema") == "https://json.schemastore.org/sarif-2.1.0.json",
           "bad $schema")
    expect(log.get("version") == "2.1.0", "version is not 2.1.0")
    expect(len(log.get("runs", [])) == 1, "not exactly one run")
    run = log["runs"][0]
    driver = run.get("tool", {}).get("driver", {})
    expect(driver.get("name") == "leash", "driver is not leash")
    expect(driver.get("version") == version, "driver version is not " + version)

    rules = driver.get("rules")
    expect(isinstance(rules, list), "no rules")
    ids = [rule.get("id") for rule in rules]
    expect(len(set(ids)) == len(ids), "a rule is listed twice")
    for rule in rules:
        what = "rule %s" % rule.get("id")
        expect(isinstance(rule.get("name"), str) and rule["name"],
               what + ": no name")
        text_of(rule, "shortDescription", what)
        expect(len(text_of(rule, "fullDescription", what)) <= 1024,
               what + ": fullDescription longer than GitHub keeps")
        text_of(rule, "help", what)
        expect(rule.get("defaultConfiguration", {}).get("level") in
               ("note", "warning", "error"), what + ": no default level")
        if rule["id"].startswith("leash-"):
            # Every leash rule links its page: on the web when the build was
            # told where, else in the source tree leash was built from.
            uri = rule.get("helpUri", "")
            expect(re.match(r"(https?|file)://", uri) and
                   uri.endswith("rules/%s.md" % rule["id"]),
                   what + ": bad helpUri " + uri)
            if uri.startswith("file://"):
                page = urllib.parse.unquote(uri[len("file://"):])
                expect(os.path.isfile(page), what + ": no page at " + uri)

    root = args.source_root.rstrip("/")
    root_uri = "file://" + urllib.parse.quote(root) + "/"
    expect(run.get("originalUriBaseIds") ==
           {"%SRCROOT%": {"uri": root_uri}},
           "originalUriBaseIds is %r, not %s" % (run.get("originalUriBaseIds"),
                                                 root_uri))
    expect(run.get("columnKind") == "unicodeCodePoints", "bad columnKind")

    results = run.get("results")
    expect(isinstance(results, list), "no results")
    for i, result in enumerate(results):
        what = "result %d" % i
        rule_id = result.get("ruleId")
        index = result.get("ruleIndex")
        expect(isinstance(index, int) and 0 <= index < len(rules) and
               rules[index]["id"] == rule_id,
               what + ": ruleIndex does not name rule %s" % rule_id)
        expect(result.get("level") in ("note", "warning", "error"),
               what + ": bad level")
        text_of(result, "message", what)
        locations = result.get("locations", [])
        expect(len(locations) == 1, what + ": not exactly one location")
        check_location(locations[0], root_uri, what)
        related = result.get("relatedLocations", [])
        related_ids = [location.get("id") for location in related]
        expect(all(isinstance(n, int) for n in related_ids) and
               len(set(related_ids)) == len(related_ids),
               what + ": related locations without unique ids")
        for location in related:
            text_of(location, "message", what + ", related location")
            check_location(location, root_uri, what + ", related location")
        expect(re.fullmatch(r"[0-9a-f]{16}:[1-9][0-9]*",
                            result.get("partialFingerprints", {})
                            .get("primaryLocationLineHash", "")),
               what + ": no primaryLocationLineHash")

    # The rules are the implemented ones and those with results, no others.
    used = {result["ruleId"] for result in results}
    expect(set(ids) == implemented | used,
           "rules are %s, not the implemented ones and those with results (%s)"
           % (sorted(ids), sorted(implemented | used)))

    invocations = run.get("invocations", [])
    expect(len(invocations) == 1, "not exactly one invocation")
    invocation = invocations[0]
    successful = args.successful == "yes"
    expect(invocation.get("executionSuccessful") is successful,
           "executionSuccessful is not %s" % successful)
    expect(isinstance(invocation.get("exitCode"), int), "no exitCode")
    notifications = invocation.get("toolExecutionNotifications", [])
    if not successful:
        expect(notifications, "a failed run without notifications")
    for notification in notifications:
        expect(notification.get("level") == "error", "notification not an error")
        text_of(notification, "message", "notification")

    if args.json:
        with open(args.json) as f:
            findings = json.load(f)["findings"]
        expect(len(findings) == len(results),
               "%d results, but the JSON report has %d findings"
               % (len(results), len(findings)))
        for finding, result in zip(findings, results):
            region = result["locations"][0]["physicalLocation"]["region"]
            expect((finding["rule"], finding["message"], finding["line"],
                    finding["fingerprint"]) ==
                   (result["ruleId"], result["message"]["text"],
                    region["startLine"],
                    result["partialFingerprints"]["primaryLocationLineHash"]),
                   "result %r differs from finding %r" % (result, finding))
    print("check-sarif-report: %d rules, %d results" % (len(rules), len(results)))


if __name__ == "__main__":
    main()

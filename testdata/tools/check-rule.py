#!/usr/bin/env python3
"""Runs one rule case through both front-ends and checks the findings.

usage: check-rule.py [tool options] [--config YAML] SOURCE CHECKS
                     [-- COMPILER FLAGS...]

The case's expectations are FileCheck lines in SOURCE, in clang-tidy's own
style:

    int *p = reinterpret_cast<int *>(a);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: reinterpret_cast ... [leash-...]

SOURCE is checked with `clang-tidy-16 --load=<plugin>` and with `leash
check` over a compile database made for it; each front-end's output must
match the CHECK-MESSAGES lines, and any warning or error that no line expects
fails the case (a case without CHECK-MESSAGES lines expects none). Where the
front-ends differ on purpose, CHECK-TIDY-MESSAGES lines bind the plugin only
and CHECK-LEASH-MESSAGES lines `leash check` only (a unit that does not
compile: clang-tidy reports what its checks saw of the half-parsed code,
leash reports the compiler's errors only).
`--config YAML` gives both front-ends the same clang-tidy configuration
(their `--config=`), for check options; the checks to run still come from
CHECKS. `--expect-leash-status N` pins the exit status of `leash check` (by
default 0 when nothing is expected, 1 for warnings, 3 for errors).
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile


def run(command, **kwargs):
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kwargs)


def filecheck(args, source, output, front_end, own_prefix):
    text = open(source).read()
    prefixes = [p for p in ("CHECK-MESSAGES", own_prefix) if p + ":" in text]
    if not prefixes:
        # A case that expects nothing: FileCheck refuses to run without a
        # check line, so look for any warning or error here.
        unexpected = [line for line in output.splitlines()
                      if re.search(r"(warning|error):", line)]
        if unexpected:
            sys.stderr.write("--- %s: the case expects no finding ---\n%s\n"
                             % (front_end, "\n".join(unexpected)))
            return False
        return True
    with tempfile.NamedTemporaryFile("w", suffix=".out", delete=False) as out:
        out.write(output)
    try:
        result = run([args.filecheck, source,
                      "--check-prefixes=" + ",".join(prefixes),
                      "--implicit-check-not={{warning|error}}:",
                      "--input-file=" + out.name, "--dump-input=fail"])
    finally:
        os.unlink(out.name)
    if result.returncode != 0:
        sys.stderr.write("--- %s: findings do not match the case ---\n" % front_end)
        sys.stderr.write(result.stderr)
        return False
    return True


def expected_status(source):
    text = open(source).read()
    if re.search(r"CHECK-(LEASH-)?MESSAGES:.*\berror:", text):
        return 3
    if re.search(r"CHECK-(LEASH-)?MESSAGES:.*\bwarning:", text):
        return 1
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--leash", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--expect-leash-status", type=int)
    parser.add_argument("--config")
    parser.add_argument("source")
    parser.add_argument("checks")
    parser.add_argument("flags", nargs=argparse.REMAINDER)
    args = parser.parse_args()

    source = os.path.abspath(args.source)
    flags = [f for f in args.flags if f != "--"]
    compile_flags = ["-std=c++20", "-I", args.include] + flags
    checks = "-*," + args.checks
    config = ["--config=" + args.config] if args.config is not None else []
    ok = True

    plugin = run([args.clang_tidy, "--load=" + args.plugin, "-checks=" + checks,
                  "--header-filter=.*", "--quiet"] + config +
                 [source, "--"] + compile_flags)
    ok = filecheck(args, source, plugin.stdout, "clang-tidy plugin",
                   "CHECK-TIDY-MESSAGES") and ok

    with tempfile.TemporaryDirectory() as build:
        command = ["clang++-16"] + compile_flags + ["-c", source, "-o",
                                                    os.path.join(build, "out.o")]
        with open(os.path.join(build, "compile_commands.json"), "w") as db:
            json.dump([{"directory": os.path.dirname(source),
                        "command": shlex.join(command), "file": source}], db)
        leash = run([args.leash, "check", "-p", build, "--checks=" + checks,
                     "-j", "1"] + config + [source])
    want = args.expect_leash_status
    if want is None:
        want = expected_status(source)
    if leash.returncode != want:
        sys.stderr.write("--- leash check exited %d, expected %d ---\n%s%s"
                         % (leash.returncode, want, leash.stdout, leash.stderr))
        ok = False
    ok = filecheck(args, source, leash.stdout, "leash check",
                   "CHECK-LEASH-MESSAGES") and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

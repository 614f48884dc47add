#!/usr/bin/env python3
"""Writes compile_commands.json into a directory for the given sources.

usage: make-compile-db.py OUTDIR --compiler CXX [--flag F ...] SOURCE...
Each source gets `CXX <flags> -c SOURCE -o SOURCE.o`, run in the source's
directory, as CMake would write it.
"""
import argparse
import json
import os
import shlex


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument("--compiler", required=True)
    parser.add_argument("--flag", action="append", default=[])
    parser.add_argument("sources", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    entries = []
    for source in args.sources:
        source = os.path.abspath(source)
        command = [args.compiler] + args.flag + ["-c", source, "-o", source + ".o"]
        entries.append({
            "directory": os.path.dirname(source),
            "command": shlex.join(command),
            "file": source,
        })
    with open(os.path.join(args.outdir, "compile_commands.json"), "w") as out:
        json.dump(entries, out, indent=2)


if __name__ == "__main__":
    main()

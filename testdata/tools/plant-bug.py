#!/usr/bin/env python3
"""Plants a bug in a copy of a real reference-kernel source file.

usage: plant-bug.py OUTDIR --kernel-build DIR --source REL [--header HREL]
                    --replace OLD NEW [--replace OLD NEW ...]

Copies reference-kernel/REL (REL as the kernel's compile database names it,
relative to the kernel's source root) to OUTDIR/REL with every OLD replaced
by its NEW, and writes OUTDIR/compile_commands.json holding the kernel's own
arm-none-eabi-g++ command for that file, pointed at the copy. The copy keeps
its place in the layers (OUTDIR/capsules/..., OUTDIR/chips/...), so rules
that look at the tier see the same path shape.

With --header, the bug is planted in the header HREL (relative to the
kernel's source root, as the sources include it: kernel/process/grant.h)
instead: REL, a source that includes it, is copied unchanged, HREL is copied
to OUTDIR/HREL with the replacements, and the command gets -I OUTDIR right
after the compiler, so that the copy is found before the layer's forwarding
header to the real one.

Each OLD must occur exactly once in the file: when the kernel's code changes
so that the bug can no longer be planted, the test fails here, loudly,
instead of checking a file that no longer holds the bug.
"""
import argparse
import json
import os
import shlex
import sys


def fail(message):
    sys.exit("plant-bug: " + message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument("--kernel-build", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--header")
    parser.add_argument("--replace", nargs=2, action="append", required=True,
                        metavar=("OLD", "NEW"))
    args = parser.parse_args()

    database = os.path.join(args.kernel_build, "compile_commands.json")
    with open(database) as stream:
        entries = json.load(stream)
    suffix = os.sep + os.path.normpath(args.source)
    matches = [e for e in entries if os.path.normpath(e["file"]).endswith(suffix)]
    if len(matches) != 1:
        fail("%d entries of %s name %s" % (len(matches), database, args.source))
    entry = matches[0]
    original = os.path.normpath(entry["file"])

    outdir = os.path.abspath(args.outdir)
    target, target_name = original, args.source
    if args.header:
        root = original[:-len(suffix)]
        target, target_name = os.path.join(root, os.path.normpath(args.header)), args.header
    with open(target) as stream:
        text = stream.read()
    for old, new in args.replace:
        old = old.encode().decode("unicode_escape")
        new = new.encode().decode("unicode_escape")
        count = text.count(old)
        if count != 1:
            fail("%r occurs %d times in %s, not once: plant the bug anew"
                 % (old, count, target_name))
        text = text.replace(old, new)

    planted = os.path.join(outdir, args.source)
    os.makedirs(os.path.dirname(planted), exist_ok=True)
    if args.header:
        header = os.path.join(outdir, args.header)
        os.makedirs(os.path.dirname(header), exist_ok=True)
        with open(header, "w") as stream:
            stream.write(text)
        with open(original) as stream:
            text = stream.read()
    with open(planted, "w") as stream:
        stream.write(text)

    command = shlex.split(entry["command"]) if "command" in entry else entry["arguments"]
    command = [planted if os.path.normpath(os.path.join(entry["directory"], a)) == original
               else a for a in command]
    if args.header:
        command = command[:1] + ["-I" + outdir] + command[1:]
    with open(os.path.join(args.outdir, "compile_commands.json"), "w") as stream:
        json.dump([{"directory": entry["directory"], "command": shlex.join(command),
                    "file": planted}], stream, indent=2)


if __name__ == "__main__":
    main()

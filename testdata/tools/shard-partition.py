#!/usr/bin/env python3
"""Checks `leash check --shard I/N` as CI would use it.

usage: shard-partition.py --leash LEASH --work DIR [--units U] [--shards N]

Writes U small units into DIR/a/src (and a copy of the tree at DIR/b/src, a
second "machine" with another absolute path), and checks, from the JSON
reports of the shards, that:

  - the shards' units together are the whole run's, and no unit is in two;
  - the same shard has the same units in a second run, and on the second
    machine;
  - adding a unit moves no other unit to another shard.

Prints one line per property that holds; exits 1 on the first that does not.
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys


def write_tree(root, units):
    src = os.path.join(root, "src")
    os.makedirs(src, exist_ok=True)
    for i in range(units):
        with open(os.path.join(src, "unit%02d.cpp" % i), "w") as f:
            f.write("int f%d() { return %d; }\n" % (i, i))
    write_database(root)


def write_database(root):
    src = os.path.join(root, "src")
    entries = []
    for name in sorted(os.listdir(src)):
        path = os.path.join(src, name)
        entries.append({"directory": src, "file": path,
                        "command": shlex.join(["clang++-16", "-c", path])})
    os.makedirs(os.path.join(root, "db"), exist_ok=True)
    with open(os.path.join(root, "db", "compile_commands.json"), "w") as f:
        json.dump(entries, f)


def units_of(leash, root, shard=None):
    """The report paths of the units that a run (of one shard) checks."""
    command = [leash, "check", "-p", os.path.join(root, "db"), "-j1",
               "--checks=-*,clang-diagnostic-unused-variable",
               "--source-root", root, "--format=json"]
    if shard:
        command += ["--shard", shard]
    result = subprocess.run(command, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        fail("'%s' exited %d: %s" % (" ".join(command), result.returncode,
                                      result.stderr))
    return sorted(u["file"] for u in json.loads(result.stdout)["translationUnits"])


def fail(message):
    sys.stderr.write("shard-partition: %s\n" % message)
    sys.exit(1)


def shards_of(leash, root, count):
    return {i: units_of(leash, root, "%d/%d" % (i, count))
            for i in range(1, count + 1)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--leash", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--units", type=int, default=12)
    parser.add_argument("--shards", type=int, default=3)
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    a, b = os.path.join(args.work, "a"), os.path.join(args.work, "machine-b")
    write_tree(a, args.units)
    write_tree(b, args.units)

    whole = units_of(args.leash, a)
    shards = shards_of(args.leash, a, args.shards)
    joined = sorted(u for units in shards.values() for u in units)
    if joined != whole:
        fail("the shards' units %s are not the whole run's %s" % (joined, whole))
    if len(set(joined)) != len(joined):
        fail("a unit is in two shards: %s" % shards)
    print("partition: %d units in %d shards, each once (sizes %s)"
          % (len(whole), args.shards,
             " ".join(str(len(shards[i])) for i in sorted(shards))))

    if shards_of(args.leash, a, args.shards) != shards:
        fail("a second run split the units differently")
    print("stable: a second run splits them the same way")
    if shards_of(args.leash, b, args.shards) != shards:
        fail("the tree at another path is split differently")
    print("stable: a checkout at another path splits them the same way")

    with open(os.path.join(a, "src", "added.cpp"), "w") as f:
        f.write("int added() { return 0; }\n")
    write_database(a)
    after = shards_of(args.leash, a, args.shards)
    for i in shards:
        moved = sorted(set(after[i]) - set(shards[i]) - {"src/added.cpp"})
        if moved or not set(shards[i]) <= set(after[i]):
            fail("adding a unit moved others: shard %d was %s, is %s"
                 % (i, shards[i], after[i]))
    home = [i for i in after if "src/added.cpp" in after[i]]
    if len(home) != 1:
        fail("the added unit is in shards %s" % home)
    print("adding a unit: it joins shard %d, no other unit moves" % home[0])


if __name__ == "__main__":
    main()

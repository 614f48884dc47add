#!/usr/bin/env python3
"""The checker's speed, against the compiler's own parse, in one run.

usage: run.py --build BUILD_DIR [--units N] [--repeats R] [--cache-only]

On two compile databases — the reference kernel's (arm-none-eabi-g++
commands) and a generated corpus of N kernel-like units — measures the CPU
time (user + system, of all child processes) of:

  syntax-only   clang++-16 -fsyntax-only on every unit, with the commands
                leash itself derives (so both parse the same code the same way)
  leash -j1     leash check with every leash rule, one unit at a time
  clang-tidy    clang-tidy-16 with the leash plugin and every leash rule
  leash -j2     leash check -j2, for the wall-clock speed-up
  cache fill    leash check -j1 --cache-dir, into an empty cache
  cache hit     the same again over the unchanged tree: every unit from the
                cache (the target: at most 5% of leash -j1)

and prints a table with the ratio to syntax-only; then the analysis cost
of the lease dataflow on its two worst-case functions (lease variables;
leases in structs and wrappers, lent by reference), in CPU time and, when
valgrind is installed, in instructions counted by callgrind. Each figure is the
minimum over the repeats: CPU time still varies a little with the load on
the machine, so run it on a quiet machine and compare ratios within one run.
"""
import argparse
import json
import os
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def cpu_of(command, **kwargs):
    """(CPU seconds of the command's process tree, wall seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False, **kwargs)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall)


def adjusted_database(leash, build_dir, out_dir):
    """The commands leash analyses with, from `leash check --verbose`,
    written as a compile database for clang++ and clang-tidy."""
    result = subprocess.run([leash, "check", "-p", build_dir, "--verbose",
                             "--checks=-*,leash-unsafe-unmarked", "-j", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    source = json.load(open(os.path.join(build_dir, "compile_commands.json")))
    directories = {os.path.normpath(os.path.join(e["directory"], e["file"])): e["directory"]
                   for e in source}
    entries = []
    for line in result.stderr.splitlines():
        match = re.match(r"^leash: (/\S+): (.*)$", line)
        if not match:
            continue
        file, command = match.group(1), shlex.split(match.group(2))
        command[0] = "clang++-16"
        # No object file: the same parse that clang-tidy and leash make.
        cleaned, skip = [], False
        for arg in command:
            if skip:
                skip = False
                continue
            if arg == "-o":
                skip = True
                continue
            if arg == "-c":
                continue
            cleaned.append(arg)
        entries.append({"directory": directories.get(file, os.path.dirname(file)),
                        "arguments": cleaned, "file": file})
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "compile_commands.json"), "w") as out:
        json.dump(entries, out)
    return entries


def measure(name, database_dir, leash, plugin, repeats, cache_only=False):
    entries = json.load(open(os.path.join(database_dir, "compile_commands.json")))
    files = [e["file"] for e in entries]
    cache = os.path.join(os.path.dirname(database_dir),
                         os.path.basename(database_dir) + "-cache")

    def cached(fresh):
        if fresh:
            shutil.rmtree(cache, ignore_errors=True)
        return cpu_of([leash, "check", "-p", database_dir, "-j", "1",
                       "--cache-dir", cache])

    def syntax_only():
        cpu = wall = 0.0
        for e in entries:
            c, w = cpu_of(e["arguments"] + ["-fsyntax-only"], cwd=e["directory"])
            cpu, wall = cpu + c, wall + w
        return cpu, wall

    runs = {
        "syntax-only": syntax_only,
        "leash -j1": lambda: cpu_of([leash, "check", "-p", database_dir, "-j", "1"]),
        "clang-tidy": lambda: cpu_of(["clang-tidy-16", "--load=" + plugin,
                                      "-checks=-*,leash-*", "--quiet", "-p",
                                      database_dir] + files),
        "leash -j2": lambda: cpu_of([leash, "check", "-p", database_dir, "-j", "2"]),
        # --cache-dir: a first run that fills an empty cache, then a run over
        # the unchanged tree that takes every unit from it.
        "cache fill": lambda: cached(fresh=True),
        "cache hit": lambda: cached(fresh=False),
    }
    if cache_only:
        runs = {"leash -j1": runs["leash -j1"], "cache fill": runs["cache fill"],
                "cache hit": runs["cache hit"]}
    best = {}
    for _ in range(repeats):
        for label, run in runs.items():
            cpu, wall = run()
            old = best.get(label)
            best[label] = (min(cpu, old[0]) if old else cpu,
                           min(wall, old[1]) if old else wall)
    print("\n%s: %d translation units" % (name, len(entries)))
    if not cache_only:
        base = best["syntax-only"][0]
        print("  %-12s %9s %9s %9s" % ("", "CPU s", "wall s", "CPU/syntax"))
        for label, (cpu, wall) in best.items():
            print("  %-12s %9.2f %9.2f %9.2f" % (label, cpu, wall, cpu / base))
        print("  leash -j2 wall-clock speed-up over -j1: %.2fx"
              % (best["leash -j1"][1] / best["leash -j2"][1]))
    else:
        for label, (cpu, wall) in best.items():
            print("  %-12s %9.2f s CPU %9.2f s wall" % (label, cpu, wall))
    print("  cached run over an unchanged tree / uncached run (target <= 5%%): "
          "%.1f%% CPU, %.1f%% wall"
          % (100 * best["cache hit"][0] / best["leash -j1"][0],
             100 * best["cache hit"][1] / best["leash -j1"][1]))
    print("  filling the cache / uncached run: %.1f%% CPU"
          % (100 * best["cache fill"][0] / best["leash -j1"][0]))


FLOW_CHECKS = "-*,leash-lease-dropped,leash-lease-use-after-transfer"
CHEAP_CHECKS = "-*,leash-lease-aliased"


def stripped_plugin(build_dir, out_dir):
    """A copy of the plugin without debug information, which valgrind 3.19
    cannot read in clang-16's DWARF 5; None if llvm-objcopy is missing."""
    objcopy = "/usr/lib/llvm-16/bin/llvm-objcopy"
    if not os.access(objcopy, os.X_OK):
        return None
    os.makedirs(out_dir, exist_ok=True)
    for name in ("libLeashTidy.so", "libLeashTidyChecks.so"):
        subprocess.run([objcopy, "--strip-debug", os.path.join(build_dir, "lib", name),
                        os.path.join(out_dir, name)], check=True)
    return os.path.join(out_dir, "libLeashTidy.so")


def instructions_of(command, cwd):
    """The instructions the command executes, counted by callgrind: the same
    count on every run, whatever else the machine is doing."""
    with tempfile.NamedTemporaryFile(suffix=".callgrind") as out:
        result = subprocess.run(["valgrind", "--tool=callgrind",
                                 "--callgrind-out-file=" + out.name] + command,
                                cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
    match = re.search(r"Collected : (\d+)", result.stderr)
    return int(match.group(1)) if match else None


def measure_stress(work, leash, plugin, repeats, kind, title):
    """The lease dataflow on a worst case: one function with 64 leases and
    branches 64 deep in a loop (`kind` says how the leases are held). Its
    analysis cost is leash's CPU time with the flow-sensitive lease rules,
    less that with one cheap rule; and the same difference in instructions,
    counted by callgrind in clang-tidy with the plugin (`plugin`, None to
    skip), which repeats exactly."""
    stress = os.path.join(work, "stress-" + kind)
    subprocess.run([sys.executable, os.path.join(HERE, "generate_corpus.py"), stress,
                    "--stress", kind, "--vocabulary",
                    os.path.join(ROOT, "rules", "include")], check=True)
    best = {}
    for _ in range(max(5, repeats)):
        for label, checks in (("flow", FLOW_CHECKS), ("cheap", CHEAP_CHECKS)):
            cpu, _ = cpu_of([leash, "check", "-p", stress, "-j", "1",
                             "--checks=" + checks])
            best[label] = min(cpu, best.get(label, cpu))
    print("\nworst function (%s):" % title)
    print("  leash with the lease dataflow rules: %.3f s CPU; with one cheap rule: "
          "%.3f s; the dataflow's share: %.0f ms"
          % (best["flow"], best["cheap"], 1000 * (best["flow"] - best["cheap"])))
    if plugin is None:
        return
    counts = {label: instructions_of(["clang-tidy-16", "--load=" + plugin,
                                      "-checks=" + checks, "-p", stress, "stress.cpp"],
                                     stress)
              for label, checks in (("flow", FLOW_CHECKS), ("cheap", CHEAP_CHECKS))}
    if None in counts.values():
        print("  callgrind did not count the instructions (valgrind failed)")
        return
    print("  instructions (callgrind, clang-tidy with the plugin): %d with the "
          "dataflow rules, %d with one cheap rule; the dataflow's share: %.1f million"
          % (counts["flow"], counts["cheap"], (counts["flow"] - counts["cheap"]) / 1e6))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cache-only", action="store_true",
                        help="measure only leash -j1 with and without "
                        "--cache-dir, on the two databases")
    args = parser.parse_args()
    leash = os.path.join(args.build, "bin", "leash")
    plugin = os.path.join(args.build, "lib", "libLeashTidy.so")
    with tempfile.TemporaryDirectory() as work:
        kernel_db = os.path.join(work, "kernel")
        adjusted_database(leash, os.path.join(args.build, "reference-kernel"), kernel_db)
        measure("reference kernel", kernel_db, leash, plugin, args.repeats,
                args.cache_only)

        corpus = os.path.join(work, "corpus")
        subprocess.run([sys.executable, os.path.join(HERE, "generate_corpus.py"), corpus,
                        "--units", str(args.units), "--vocabulary",
                        os.path.join(ROOT, "rules", "include")], check=True)
        corpus_db = os.path.join(work, "corpus-adjusted")
        adjusted_database(leash, corpus, corpus_db)
        measure("generated corpus", corpus_db, leash, plugin, args.repeats,
                args.cache_only)
        if args.cache_only:
            return
        counted = None
        if shutil.which("valgrind") is None:
            print("\nvalgrind not found (apt-get install valgrind): the worst "
                  "functions are measured in CPU time only")
        else:
            counted = stripped_plugin(args.build, os.path.join(work, "plugin"))
        measure_stress(work, leash, counted, args.repeats, "leases",
                       "64 lease variables, branches 64 deep, in a loop")
        measure_stress(work, leash, counted, args.repeats, "mixed",
                       "64 leases in struct fields and std::optional, lent "
                       "by reference, tested through bools, 64 deep")


if __name__ == "__main__":
    main()

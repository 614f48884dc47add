#!/usr/bin/env python3
"""Proves that every tool and library the build found comes from a package
that scripts/setup installs (scripts/debian-packages.txt), or from one those
packages depend on, or from Debian's base system.

usage: check-packages.py PACKAGE_LIST CMAKE_CACHE...

A fresh Debian 12 machine has none of what a developer installed by hand;
this test fails when the build quietly relies on such a thing. It reads every
FILEPATH entry of the CMake caches (compilers, QEMU, lit, FileCheck, GTest,
LLVM's CMake packages, ...) and every command named in the package list.
"""
import os
import re
import shutil
import subprocess
import sys


# Cache entries that CMake fills in but the build never runs or links:
# CTest's dashboard tools, the linker CMake records beside the compiler
# driver (which links by itself), and optional look-ups that LLVM's CMake
# package makes for its own static libraries (leash links the shared ones).
NOT_USED_BY_THE_BUILD = re.compile(
    r"^(COVERAGE_COMMAND|GITCOMMAND|MEMORYCHECK_COMMAND|HGCOMMAND|SVNCOMMAND|"
    r"CVSCOMMAND|P4COMMAND|BZRCOMMAND|CMAKE_LINKER|LIBXML2_.*|PKG_CONFIG_.*|"
    r"ZLIB_.*|zstd_.*|Terminfo_.*|FFI_.*|LibEdit_.*|CURL_.*)$")

# Where the build looks for the commands it runs.
COMMAND_PATH = os.pathsep.join(["/usr/bin", "/usr/lib/llvm-16/bin"])


def listed_packages(path):
    packages, commands = set(), []
    for line in open(path):
        words = line.split("#", 1)[0].split()
        if words:
            packages.add(words[0])
            commands += [(words[0], c) for c in words[1:]]
    return packages, commands


def installed_graph():
    """name -> (priority, set of dependency names) for installed packages."""
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package}\t${Priority}\t${Depends}, ${Pre-Depends}\t${db:Status-Abbrev}\n"],
        stdout=subprocess.PIPE, text=True, check=True).stdout
    graph = {}
    for line in out.splitlines():
        name, priority, depends, status = line.split("\t")
        if not status.startswith("ii"):
            continue
        deps = set()
        for alternative in depends.split(","):
            for choice in alternative.split("|"):
                choice = re.sub(r"\(.*?\)|:any|:\w+$", "", choice).strip()
                if choice:
                    deps.add(choice.split(":")[0])
        graph[name] = (priority, deps)
    return graph


def closure(roots, graph):
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += graph.get(name, ("", set()))[1]
    return seen


def owner(path):
    # With merged /usr, /bin is /usr/bin: dpkg knows a file by the path its
    # package shipped it under (busybox-static's /bin/busybox), which may
    # be the other one.
    candidates = [path, os.path.realpath(path)]
    merged = re.match(r"^/usr(/(?:bin|sbin|lib)/.+)$", path)
    if merged:
        candidates.append(merged.group(1))
    for candidate in candidates:
        result = subprocess.run(["dpkg", "-S", candidate], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        if result.returncode == 0:
            return result.stdout.split(":")[0].split(",")[0].strip()
    return None


def main():
    package_list, caches = sys.argv[1], sys.argv[2:]
    listed, commands = listed_packages(package_list)
    graph = installed_graph()
    allowed = closure(listed, graph)
    base = {name for name, (priority, _) in graph.items()
            if priority in ("required", "important")}
    problems, checked = [], 0

    paths = []
    for cache in caches:
        for line in open(cache):
            match = re.match(r"^([A-Za-z0-9_]+):FILEPATH=(/usr/.+)$", line.strip())
            if match and os.path.isfile(match.group(2)) and \
                    not NOT_USED_BY_THE_BUILD.match(match.group(1)):
                paths.append((cache, match.group(1), match.group(2)))
    for package, command in commands:
        found = shutil.which(command, path=COMMAND_PATH)
        if not found:
            problems.append("command '%s' (package %s) is not installed" % (command, package))
            continue
        if owner(found) != package:
            problems.append("command '%s' comes from %s, not %s"
                            % (command, owner(found), package))
        checked += 1
    for cache, variable, path in paths:
        package = owner(path)
        checked += 1
        if package is None:
            problems.append("%s=%s (%s) belongs to no Debian package"
                            % (variable, path, os.path.basename(os.path.dirname(cache))))
        elif package not in allowed and package not in base:
            problems.append("%s=%s comes from package %s, which scripts/setup "
                            "does not install" % (variable, path, package))
    for problem in problems:
        print("check-packages: " + problem)
    print("check-packages: %d tools and files checked, %d problems"
          % (checked, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Tests the sharded CI templates (github/leash-sharded.yml,
gitlab/leash-sharded.gitlab-ci.yml) as their CI would run them.

usage: ci-templates.py INTEGRATIONS_DIR LEASH WORK_DIR

Each template must parse as YAML and wire its parts together: N shards
counted from 1, each checking `--shard I/N` into a report that is uploaded
and a cache directory that the CI keeps, and a merge job that needs the
shards, merges their reports into SARIF, and (GitHub) uploads it even when
the merge fails. Then the leash commands of the template run, as the CI
would run them (its variables set, leash at /opt/leash replaced by LEASH),
over a small tree with findings: the merged SARIF must equal that of a
single `leash check`, and the merge's exit status its status (1).
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys

import yaml


def fail(message):
    sys.stderr.write("ci-templates: %s\n" % message)
    sys.exit(1)


def expect(condition, message):
    if not condition:
        fail(message)


def make_tree(work, leash):
    """A tree of units with findings and its compile database; returns the
    SARIF of a single run and its exit status."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "src"))
    entries = []
    for i in range(6):
        path = os.path.join(work, "src", "unit%d.cpp" % i)
        with open(path, "w") as f:
            f.write("int counter%d = 0;\nint bump%d() { return ++counter%d; }\n"
                    % (i, i, i))
        entries.append({"directory": work, "file": path,
                        "arguments": ["clang++-16", "-c", path]})
    os.makedirs(os.path.join(work, "build"))
    with open(os.path.join(work, "build", "compile_commands.json"), "w") as f:
        json.dump(entries, f)
    single = subprocess.run([leash, "check", "-p", "build", "--source-root", work,
                             "--format=sarif", "--output", "single.sarif"],
                            cwd=work, stderr=subprocess.DEVNULL)
    return open(os.path.join(work, "single.sarif")).read(), single.returncode


def run_shell(command, work, env, leash):
    command = command.replace("/opt/leash/build/bin/leash", leash)
    return subprocess.run(["bash", "-ec", command], cwd=work,
                          env=dict(os.environ, **env),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)


def option(command, name):
    """The value of --name in a shell command, without its quotes."""
    match = re.search(r'--%s (?:"([^"]+)"|(\S+))' % name, command)
    if not match:
        fail("no --%s in: %s" % (name, command))
    return match.group(1) or match.group(2)


def leash_lines(script):
    return [line for line in script if "leash check" in line or "leash merge" in line]


def check_gitlab(path, leash, work):
    ci = yaml.safe_load(open(path))
    check, merge = ci.get("leash-check"), ci.get("leash-merge")
    expect(check and merge, "gitlab: no leash-check and leash-merge jobs")
    shards = check.get("parallel")
    expect(isinstance(shards, int) and shards > 1, "gitlab: no parallel: N")
    expect(merge.get("needs") == ["leash-check"], "gitlab: merge does not need the check")
    flatten = lambda items: [x for item in items
                             for x in (flatten(item) if isinstance(item, list) else [item])]
    check_script = leash_lines(flatten(check["script"]))
    merge_script = leash_lines(flatten(merge["script"]))
    expect(len(check_script) == 1, "gitlab: not one leash check")
    command = check_script[0]
    expect('--shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"' in command,
           "gitlab: the check is not --shard $CI_NODE_INDEX/$CI_NODE_TOTAL")
    cache_dir = option(command, "cache-dir")
    expect(cache_dir.rstrip("/") + "/" in check["cache"]["paths"],
           "gitlab: the CI does not keep --cache-dir %s" % cache_dir)
    report = option(command, "output")
    expect(report.replace("$CI_NODE_INDEX", "*") in check["artifacts"]["paths"],
           "gitlab: the shard report %s is not an artifact" % report)
    expect(check["artifacts"].get("when") == "always",
           "gitlab: shard reports are not kept when the job fails")
    sarif = [option(line, "output")
             for line in merge_script if "--format=sarif" in line]
    expect(sarif and sarif[0] in merge["artifacts"]["paths"],
           "gitlab: the merged SARIF is not an artifact")

    single, status = make_tree(work, leash)
    for index in range(1, shards + 1):
        env = {"CI_NODE_INDEX": str(index), "CI_NODE_TOTAL": str(shards),
               "CI_PROJECT_DIR": work}
        result = run_shell(command, work, env, leash)
        expect(result.returncode == 0, "gitlab: shard %d failed: %s"
               % (index, result.stderr))
        expect(os.listdir(os.path.join(work, cache_dir)),
               "gitlab: shard %d left nothing in its cache" % index)
    for line in merge_script:
        result = run_shell(line, work, {"CI_PROJECT_DIR": work}, leash)
        if "--format=sarif" in line:
            expect(result.returncode == status,
                   "gitlab: the merge exited %d, a single run %d: %s"
                   % (result.returncode, status, result.stderr))
    expect(open(os.path.join(work, sarif[0])).read() == single,
           "gitlab: the merged SARIF differs from a single run's")
    print("gitlab: %d shards, cache %s, merged SARIF equal to a single run's, "
          "exit status %d" % (shards, cache_dir, status))


def check_github(path, leash, work):
    workflow = yaml.safe_load(open(path))
    jobs = workflow["jobs"]
    check, merge = jobs.get("check"), jobs.get("merge")
    expect(check and merge, "github: no check and merge jobs")
    expect(merge.get("needs") == "check", "github: merge does not need check")
    total = int(workflow["env"]["LEASH_SHARDS"])
    matrix = check["strategy"]["matrix"]["shard"]
    expect(matrix == list(range(1, total + 1)),
           "github: the matrix %s is not 1..LEASH_SHARDS (%d)" % (matrix, total))
    expect(check["strategy"].get("fail-fast") is False,
           "github: fail-fast would cancel the other shards")
    steps = check["steps"]
    uses = lambda steps, action: [s for s in steps if s.get("uses", "").startswith(action)]
    runs = [s["run"] for s in steps if "leash check" in s.get("run", "")]
    expect(len(runs) == 1, "github: not one leash check step")
    command = runs[0]
    expect('--shard "${{ matrix.shard }}/$LEASH_SHARDS"' in command,
           "github: the check is not --shard <matrix.shard>/$LEASH_SHARDS")
    cache_dir = option(command, "cache-dir")
    cache = uses(steps, "actions/cache@")
    expect(cache and cache[0]["with"]["path"] == cache_dir,
           "github: actions/cache does not keep --cache-dir %s" % cache_dir)
    expect("matrix.shard" in cache[0]["with"]["key"],
           "github: the shards share one cache key")
    report = option(command, "output")
    upload = uses(steps, "actions/upload-artifact@")
    expect(upload and upload[0]["with"]["path"] == report,
           "github: the shard report %s is not uploaded" % report)
    merge_steps = merge["steps"]
    download = uses(merge_steps, "actions/download-artifact@")
    expect(download and download[0]["with"].get("merge-multiple") is True,
           "github: the merge does not download every shard's report")
    merge_runs = [s["run"] for s in merge_steps if "leash merge" in s.get("run", "")]
    expect(len(merge_runs) == 1, "github: not one leash merge step")
    sarif = option(merge_runs[0], "output")
    upload_sarif = uses(merge_steps, "github/codeql-action/upload-sarif@")
    expect(upload_sarif and upload_sarif[0]["with"]["sarif_file"] == sarif
           and upload_sarif[0].get("if") == "always()",
           "github: the merged SARIF is not uploaded whatever the merge's status")

    single, status = make_tree(work, leash)
    for index in matrix:
        shell = command.replace("${{ matrix.shard }}", str(index))
        expect("${{" not in shell, "github: an expression left in: %s" % shell)
        result = run_shell(shell, work, {"LEASH_SHARDS": str(total),
                                         "GITHUB_WORKSPACE": work}, leash)
        expect(result.returncode == 0, "github: shard %d failed: %s"
               % (index, result.stderr))
    downloaded = os.path.join(work, download[0]["with"]["path"])
    os.makedirs(downloaded)
    for report_file in glob.glob(os.path.join(work, report.replace("${{ matrix.shard }}", "*"))):
        shutil.move(report_file, downloaded)
    result = run_shell(merge_runs[0], work, {"GITHUB_WORKSPACE": work}, leash)
    expect(result.returncode == status, "github: the merge exited %d, a single "
           "run %d: %s" % (result.returncode, status, result.stderr))
    expect(open(os.path.join(work, sarif)).read() == single,
           "github: the merged SARIF differs from a single run's")
    print("github: %d shards, cache %s, merged SARIF equal to a single run's, "
          "exit status %d" % (total, cache_dir, status))


def main():
    integrations, leash, work = sys.argv[1:4]
    check_github(os.path.join(integrations, "github", "leash-sharded.yml"),
                 leash, os.path.join(work, "github"))
    check_gitlab(os.path.join(integrations, "gitlab", "leash-sharded.gitlab-ci.yml"),
                 leash, os.path.join(work, "gitlab"))


if __name__ == "__main__":
    main()

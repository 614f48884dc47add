#!/usr/bin/env python3
"""`leash lsp`'s latency and memory on a kernel file, in one run.

usage: run.py --build BUILD_DIR [--source REL] [--edits N] [--debounce-ms MS]

On a reference-kernel source (REL, relative to reference-kernel/; default
capsules/mux_uart.cpp) measures, with the kernel's compile database:

  syntax-only     wall time of clang++-16 -fsyntax-only on the unit, with the
                  command leash derives from the kernel's (`leash check
                  --verbose`), so both parse the same code the same way
  didChange       wall time from a didChange (an unsaved edit: a comment line
                  appended) to the publishDiagnostics that answers it, over
                  N edits, each awaited (min, median, max); the server runs
                  with --debounce-ms (default 0, so the figure is the
                  analysis alone: editors wait the default 200 ms more)
  memory          the server's VmRSS and VmHWM (/proc/PID/status) after the
                  first analysis and after the N edits (the analyses run in
                  child processes, which are not counted)

Run it on a quiet machine; compare the ratio within one run.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def adjusted_command(leash, kernel_build, source):
    """The unit's command as leash analyses it, for clang++ -fsyntax-only."""
    result = subprocess.run(
        [leash, "check", "-p", kernel_build, "--verbose",
         "--checks=-*,leash-unsafe-unmarked", source],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    prefix = "leash: %s: " % source
    for line in result.stderr.splitlines():
        if line.startswith(prefix):
            words = shlex.split(line[len(prefix):])
            break
    else:
        sys.exit("leash check --verbose printed no command for " + source)
    # Drop -o FILE and -c; parse only.
    command, skip = [], False
    for word in words:
        if skip:
            skip = False
            continue
        if word == "-o":
            skip = True
            continue
        if word == "-c":
            continue
        command.append(word)
    command[0] = "clang++-16"
    return command + ["-fsyntax-only"]


def syntax_only_seconds(command, directory, repeats):
    times = []
    for _ in range(repeats):
        start = time.monotonic()
        subprocess.run(command, cwd=directory, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        times.append(time.monotonic() - start)
    return min(times)


class Client:
    def __init__(self, command):
        self.server = subprocess.Popen(command, stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL)
        self.next_id = 0

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode()
        self.server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.server.stdin.flush()

    def receive(self):
        length = None
        while True:
            line = self.server.stdout.readline()
            if not line:
                sys.exit("leash lsp closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.server.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while "result" not in (answer := self.receive()) or \
                answer.get("id") != self.next_id:
            pass
        return answer

    def diagnostics(self, uri):
        while True:
            message = self.receive()
            if message.get("method") == "textDocument/publishDiagnostics" and \
                    message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]

    def memory(self):
        fields = {}
        with open("/proc/%d/status" % self.server.pid) as status:
            for line in status:
                name, _, value = line.partition(":")
                if name in ("VmRSS", "VmHWM"):
                    fields[name] = int(value.split()[0]) // 1024
        return fields


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--source", default="capsules/mux_uart.cpp")
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--debounce-ms", type=int, default=0)
    args = parser.parse_args()
    leash = os.path.join(args.build, "bin", "leash")
    kernel_build = os.path.join(args.build, "reference-kernel")
    database = json.load(open(os.path.join(kernel_build, "compile_commands.json")))
    suffix = os.sep + os.path.normpath(args.source)
    entry = next(e for e in database
                 if os.path.normpath(e["file"]).endswith(suffix))
    path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))

    command = adjusted_command(leash, kernel_build, path)
    syntax = syntax_only_seconds(command, entry["directory"], 5)

    client = Client([leash, "lsp", "--compile-commands-dir", kernel_build,
                     "--debounce-ms=%d" % args.debounce_ms])
    client.request("initialize", {"processId": os.getpid(), "rootUri": None,
                                  "capabilities": {}})
    client.send({"method": "initialized", "params": {}})
    uri = "file://" + path
    text = open(path).read()
    start = time.monotonic()
    client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": 1, "text": text}}})
    findings = client.diagnostics(uri)
    first = time.monotonic() - start
    after_open = client.memory()
    latencies = []
    for edit in range(args.edits):
        text += "// edit %d\n" % edit
        start = time.monotonic()
        client.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": edit + 2},
            "contentChanges": [{"text": text}]}})
        client.diagnostics(uri)
        latencies.append(time.monotonic() - start)
    after_edits = client.memory()
    client.request("shutdown", None)
    client.send({"method": "exit"})
    status = client.server.wait(timeout=60)

    print("unit: %s (%d diagnostics)" % (args.source, len(findings)))
    print("%-34s %8.3f s" % ("clang++-16 -fsyntax-only (min of 5)", syntax))
    print("%-34s %8.3f s" % ("didOpen -> publishDiagnostics", first))
    print("%-34s %8.3f s  (%.2fx syntax-only)" % (
        "didChange -> publish, min", min(latencies), min(latencies) / syntax))
    print("%-34s %8.3f s  (%.2fx syntax-only)" % (
        "didChange -> publish, median", statistics.median(latencies),
        statistics.median(latencies) / syntax))
    print("%-34s %8.3f s" % ("didChange -> publish, max", max(latencies)))
    print("%-34s debounce %d ms (editors: +200 ms by default)" % (
        "server", args.debounce_ms))
    print("%-34s VmRSS %d MiB, VmHWM %d MiB" % (
        "memory after the first analysis", after_open["VmRSS"], after_open["VmHWM"]))
    print("%-34s VmRSS %d MiB, VmHWM %d MiB" % (
        "memory after %d edits" % args.edits, after_edits["VmRSS"],
        after_edits["VmHWM"]))
    print("exit status %d" % status)


if __name__ == "__main__":
    main()

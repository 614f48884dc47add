#!/usr/bin/env python3
"""Plays a scripted session against `leash lsp` and prints what it answers.

usage: lsp-session.py SCRIPT -- LEASH LSP-ARGS...

SCRIPT has one step a line (`#` starts a comment; FILE is a path):
  open FILE                 didOpen with the file's text on disk
  change FILE OLD => NEW    didChange (unsaved): the current text with the
                            first OLD replaced by NEW (Python escapes allowed)
  save FILE                 didSave
  close FILE                didClose
  wait FILE                 wait for publishDiagnostics of FILE; print them
  codeaction FILE LINE      ask for quick fixes on LINE (1-based); print them
  request METHOD            send a request without params; print the reply
  raw TEXT                  send TEXT as a message body, as is, and print
                            the error reply without an id that it gets
  send TEXT                 send TEXT as a message body, as is
  message                   wait for window/showMessage; print it
  run COMMAND               run a shell command (in the current directory)
  shutdown                  send shutdown, print the reply
  exit                      send the exit notification
  eof                       close the server's stdin
Finally the server's exit status is printed. Output is stable text for
FileCheck: files by base name, LSP's 0-based lines and UTF-16 columns.
"""
import json
import os
import queue
import subprocess
import sys
import threading

TIMEOUT = 120


def frame(body):
    data = body.encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def read_messages(stream, out):
    while True:
        length = None
        while True:
            line = stream.readline()
            if not line:
                out.put(None)
                return
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        out.put(json.loads(stream.read(length)))


def uri(path):
    return "file://" + os.path.abspath(path)


def name(u):
    return os.path.basename(u)


def pos(p):
    return "%d:%d" % (p["line"], p["character"])


def rng(r):
    return "%s-%s" % (pos(r["start"]), pos(r["end"]))


def print_diagnostics(params):
    diags = params["diagnostics"]
    print("diagnostics %s (%d)" % (name(params["uri"]), len(diags)))
    for d in sorted(diags, key=lambda d: (d["range"]["start"]["line"],
                                          d["range"]["start"]["character"])):
        print("  %s severity=%d %s [%s]: %s" % (
            rng(d["range"]), d.get("severity", 0), d.get("source", "?"),
            d.get("code", ""), d["message"]))
        if "codeDescription" in d:
            print("    href: %s" % d["codeDescription"]["href"])
        for r in d.get("relatedInformation", []):
            loc = r["location"]
            print("    related: %s:%s: %s" % (name(loc["uri"]),
                                             pos(loc["range"]["start"]),
                                             r["message"]))


def main():
    split = sys.argv.index("--")
    script, command = sys.argv[1], sys.argv[split + 1:]
    server = subprocess.Popen(command, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE)
    inbox = queue.Queue()
    threading.Thread(target=read_messages, args=(server.stdout, inbox),
                     daemon=True).start()
    next_id = [0]
    texts, versions = {}, {}

    def send(message):
        message["jsonrpc"] = "2.0"
        server.stdin.write(frame(json.dumps(message)))
        server.stdin.flush()

    def request(method, params=None):
        next_id[0] += 1
        message = {"id": next_id[0], "method": method}
        if params is not None:
            message["params"] = params
        send(message)
        return next_id[0]

    backlog = []

    def receive(match):
        # Messages that one step does not wait for wait for a later step:
        # two files' diagnostics may come in either order.
        for message in backlog:
            if match(message):
                backlog.remove(message)
                return message
        while True:
            message = inbox.get(timeout=TIMEOUT)
            if message is None:
                sys.exit("the server closed its output")
            if match(message):
                return message
            backlog.append(message)

    def reply(number):
        return receive(lambda m: m.get("id") == number and "method" not in m)

    def change(path, text):
        texts[path] = text
        versions[path] += 1
        send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri(path), "version": versions[path]},
            "contentChanges": [{"text": text}]}})

    init = reply(request("initialize", {"processId": os.getpid(),
                                        "rootUri": None, "capabilities": {}}))
    caps = init["result"]["capabilities"]
    print("initialized: sync=%s codeAction=%s" % (
        caps["textDocumentSync"]["change"],
        caps["codeActionProvider"]["codeActionKinds"]))
    send({"method": "initialized", "params": {}})

    for line in open(script):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        step, _, rest = line.partition(" ")
        args = rest.split(" ")
        if step == "open":
            path = args[0]
            texts[path] = open(path).read()
            versions[path] = 1
            send({"method": "textDocument/didOpen", "params": {
                "textDocument": {"uri": uri(path), "languageId": "cpp",
                                 "version": 1, "text": texts[path]}}})
        elif step == "change":
            path, _, edit = rest.partition(" ")
            old, new = [a.encode().decode("unicode_escape")
                        for a in edit.split(" => ", 1)]
            if old not in texts[path]:
                sys.exit("'%s' is not in %s" % (old, path))
            change(path, texts[path].replace(old, new, 1))
        elif step == "save":
            send({"method": "textDocument/didSave",
                  "params": {"textDocument": {"uri": uri(args[0])}}})
        elif step == "close":
            send({"method": "textDocument/didClose",
                  "params": {"textDocument": {"uri": uri(args[0])}}})
        elif step == "wait":
            want = uri(args[0])
            m = receive(lambda m: m.get("method") ==
                        "textDocument/publishDiagnostics" and
                        m["params"]["uri"] == want)
            print_diagnostics(m["params"])
        elif step == "codeaction":
            path, line_number = args[0], int(args[1]) - 1
            answer = reply(request("textDocument/codeAction", {
                "textDocument": {"uri": uri(path)},
                "range": {"start": {"line": line_number, "character": 0},
                          "end": {"line": line_number, "character": 0}},
                "context": {"diagnostics": []}}))
            actions = answer["result"]
            print("code actions (%d)" % len(actions))
            for action in actions:
                print("  %s: %s" % (action["kind"], action["title"]))
                for target, edits in sorted(action["edit"]["changes"].items()):
                    for edit in edits:
                        print("    edit %s %s: %s" % (name(target),
                                                     rng(edit["range"]),
                                                     json.dumps(edit["newText"])))
        elif step == "request":
            answer = reply(request(args[0]))
            print("reply to %s: %s" % (args[0], json.dumps(
                answer.get("error", {}).get("code", answer.get("result")))))
        elif step == "raw":
            server.stdin.write(frame(rest))
            server.stdin.flush()
            m = receive(lambda m: "error" in m and m.get("id") is None)
            print("error reply: %d" % m["error"]["code"])
        elif step == "send":
            server.stdin.write(frame(rest))
            server.stdin.flush()
        elif step == "run":
            subprocess.run(rest, shell=True, check=True)
        elif step == "message":
            m = receive(lambda m: m.get("method") == "window/showMessage")
            print("showMessage type=%d: %s" % (m["params"]["type"],
                                               m["params"]["message"]))
        elif step == "shutdown":
            answer = reply(request("shutdown"))
            print("shutdown: %s" % json.dumps(answer.get("result", "error")))
        elif step == "exit":
            send({"method": "exit"})
        elif step == "eof":
            server.stdin.close()
        else:
            sys.exit("unknown step '%s'" % step)
    try:
        server.stdin.close()
    except BrokenPipeError:
        pass
    print("exit status %d" % server.wait(timeout=TIMEOUT))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Run one USB scenario: the bridge serves a simulated device, Linux uses it.

Starts the bridge (`BRIDGE --device DEV --port 0 [--pcap FILE]`), waits for
its `listening PORT` line, then boots the guest kernel in QEMU with an xHCI
controller whose usb-redir device connects to that port. The guest's /init
runs /scenarios/NAME.sh and talks to this script through lines on the serial
console that start with `@@`:

  @@bridge CMD...             forward CMD to the bridge's stdin
  @@expect-event TEXT [timeout=S]
                              wait (default 10 s) until the bridge has printed
                              `event TEXT`; each bridge event satisfies one
                              expectation, earlier events count
  @@descriptors HEX           compare with the bridge's declared device and
                              configuration descriptors, concatenated
  @@mark NAME                 record the time the line arrived
  @@report-enumeration-time   report the last mark minus the time the last
                              `attach` was forwarded
  @@metric NAME VALUE UNIT    a measurement for the summary
  @@fail REASON               the scenario failed
  @@done                      the scenario ended

Every other guest line goes to stderr as `guest: ...`, and every bridge line
that is not an event as `bridge: ...`. At the end the bridge gets `quit` and
must report `leases-home yes`, `model-failures 0`, `violations 0` and exit
0.

Prints `PASS scenario NAME` or `FAIL scenario NAME: reasons`, then
`metric NAME VALUE UNIT` lines, and exits 0 only on a pass.
"""

import argparse
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import IO, Optional

# Children get SIGKILL when this script dies, even by SIGKILL (a ctest
# timeout), so no QEMU is ever left running. setpriv is in util-linux.
ORPHAN_GUARD = ["setpriv", "--pdeathsig", "KILL", "--"]

# The bridge's verdict after `quit`, each word with the value that passes.
FINAL_WORDS = {"leases-home": "yes", "model-failures": "0", "violations": "0"}

DEFAULT_EVENT_TIMEOUT = 10.0
BRIDGE_START_TIMEOUT = 10.0
EXIT_TIMEOUT = 10.0


@dataclass
class BridgeState:
    """What the bridge has said, shared with the thread reading its output."""

    condition: threading.Condition = field(default_factory=threading.Condition)
    port: Optional[int] = None
    declared: dict[str, str] = field(default_factory=dict)
    # Event texts not yet matched by an @@expect-event.
    events: list[str] = field(default_factory=list)
    final: dict[str, str] = field(default_factory=dict)
    closed: bool = False


def read_bridge(stream: IO[str], state: BridgeState) -> None:
    """Record the bridge's stdout lines in `state` until it closes."""
    for raw in stream:
        line = raw.rstrip("\n")
        word, _, rest = line.partition(" ")
        with state.condition:
            if word == "listening":
                state.port = int(rest)
            elif word == "declared":
                kind, _, text = rest.partition(" ")
                state.declared[kind] = text.strip().lower()
            elif word == "event":
                state.events.append(rest.strip())
                print(f"bridge event: {rest}", file=sys.stderr)
            elif word in FINAL_WORDS:
                state.final[word] = rest.strip()
                print(f"bridge: {line}", file=sys.stderr)
            else:
                print(f"bridge: {line}", file=sys.stderr)
            state.condition.notify_all()
    with state.condition:
        state.closed = True
        state.condition.notify_all()


def read_guest(stream: IO[bytes], lines: "queue.Queue") -> None:
    """Queue (arrival time, text) for each serial console line; None at EOF."""
    for raw in stream:
        text = raw.decode(errors="replace").rstrip("\r\n")
        lines.put((time.monotonic(), text))
    lines.put(None)


def stop(process: Optional[subprocess.Popen]) -> None:
    """Kill `process` if it still runs and reap it."""
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()


class Scenario:
    """One run: the bridge, QEMU, and what the guest reported."""

    def __init__(self, arguments: argparse.Namespace) -> None:
        self.arguments = arguments
        self.failures: list[str] = []
        self.metrics: list[str] = []
        self.bridge: Optional[subprocess.Popen] = None
        self.qemu: Optional[subprocess.Popen] = None
        self.state = BridgeState()
        self.start = time.monotonic()
        self.deadline = self.start + arguments.timeout
        self.marks: dict[str, float] = {}
        self.last_mark: Optional[float] = None
        self.last_attach: Optional[float] = None
        self.enumeration_times: list[float] = []
        self.done = False

    def fail(self, reason: str) -> None:
        """Record a failure, and show it at once for debugging."""
        print(f"harness: failure: {reason}", file=sys.stderr)
        self.failures.append(reason)

    def remaining(self) -> float:
        """Seconds left before the overall timeout."""
        return self.deadline - time.monotonic()

    def start_bridge(self) -> bool:
        """Start the bridge and wait for its port; False if it gave none."""
        command = [self.arguments.bridge, "--device", self.arguments.device,
                   "--port", "0"]
        if self.arguments.pcap:
            command += ["--pcap", self.arguments.pcap]
        self.bridge = subprocess.Popen(ORPHAN_GUARD + command,
                                       stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, text=True,
                                       bufsize=1)
        threading.Thread(target=read_bridge, daemon=True,
                         args=(self.bridge.stdout, self.state)).start()
        with self.state.condition:
            self.state.condition.wait_for(
                lambda: self.state.port is not None or self.state.closed,
                BRIDGE_START_TIMEOUT)
            if self.state.port is None:
                self.fail("the bridge printed no 'listening PORT' line")
                return False
        return True

    def start_qemu(self) -> "queue.Queue":
        """Boot the guest; return the queue its console lines arrive on."""
        append = ("console=ttyS0 quiet panic=-1 "
                  f"leash.scenario={self.arguments.scenario}")
        command = [
            self.arguments.qemu, "-M", "q35", "-m", "256",
            "-bios", "/usr/share/qemu/qboot.rom",
            "-kernel", self.arguments.kernel,
            "-initrd", self.arguments.initramfs, "-append", append,
            "-display", "none", "-serial", "stdio", "-monitor", "none",
            "-no-reboot", "-nodefaults",
            "-device", "qemu-xhci,id=xhci",
            # nodelay: without it Nagle holds QEMU's small usbredir
            # messages for the bridge's delayed ACK, about 40 ms each.
            "-chardev",
            f"socket,id=u0,host=127.0.0.1,port={self.state.port},nodelay=on",
            "-device", "usb-redir,chardev=u0,bus=xhci.0",
        ]
        self.start = time.monotonic()
        self.qemu = subprocess.Popen(ORPHAN_GUARD + command,
                                     stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=read_guest, daemon=True,
                         args=(self.qemu.stdout, lines)).start()
        return lines

    def send_to_bridge(self, command: str) -> None:
        """Write one command line to the bridge's stdin."""
        if command.split()[:1] == ["attach"]:
            self.last_attach = time.monotonic()
        try:
            self.bridge.stdin.write(command + "\n")
            self.bridge.stdin.flush()
        except (BrokenPipeError, ValueError):
            self.fail(f"cannot send '{command}': the bridge has exited")

    def expect_event(self, request: str) -> None:
        """Wait for, and consume, the bridge event `request` names."""
        words = request.split()
        timeout = DEFAULT_EVENT_TIMEOUT
        if words and words[-1].startswith("timeout="):
            timeout = float(words.pop()[len("timeout="):])
        text = " ".join(words)
        limit = min(timeout, max(self.remaining(), 0))
        with self.state.condition:
            self.state.condition.wait_for(
                lambda: text in self.state.events or self.state.closed, limit)
            if text not in self.state.events:
                pending = "; ".join(self.state.events) or "none"
                self.fail(f"no bridge event '{text}' within {timeout:g} s "
                          f"(unmatched events: {pending})")
                return
            self.state.events.remove(text)

    def check_descriptors(self, guest_hex: str) -> None:
        """Compare the guest's sysfs descriptors with the bridge's."""
        with self.state.condition:
            declared = (self.state.declared.get("device", "") +
                        self.state.declared.get("configuration", ""))
        if guest_hex.lower() != declared:
            self.fail(f"descriptors differ: guest {guest_hex.lower()} "
                      f"bridge {declared or 'nothing declared'}")

    def report_enumeration_time(self) -> None:
        """Add the time from the last `attach` to the last mark."""
        if self.last_attach is None or self.last_mark is None:
            self.fail("enumeration time asked before an attach and a mark")
            return
        milliseconds = (self.last_mark - self.last_attach) * 1000
        self.enumeration_times.append(milliseconds)
        print(f"harness: enumeration took {milliseconds:.0f} ms",
              file=sys.stderr)

    def handle(self, arrival: float, line: str) -> None:
        """Act on one guest console line."""
        print(f"guest: {line}", file=sys.stderr)
        if not line.startswith("@@"):
            return
        command, _, rest = line[2:].partition(" ")
        rest = rest.strip()
        if command == "bridge":
            self.send_to_bridge(rest)
        elif command == "expect-event":
            self.expect_event(rest)
        elif command == "descriptors":
            self.check_descriptors(rest)
        elif command == "mark":
            self.marks.setdefault(rest, arrival)
            self.last_mark = arrival
        elif command == "report-enumeration-time":
            self.report_enumeration_time()
        elif command == "metric":
            self.metrics.append(rest)
        elif command == "fail":
            self.fail(f"guest: {rest}")
        elif command == "done":
            self.done = True
        else:
            self.fail(f"unknown guest request '{line}'")

    def follow_guest(self, lines: "queue.Queue") -> None:
        """Handle console lines until @@done, QEMU's exit or the timeout."""
        while not self.done:
            try:
                item = lines.get(timeout=max(self.remaining(), 0))
            except queue.Empty:
                self.fail(f"timeout after {self.arguments.timeout:g} s")
                return
            if item is None:
                self.fail(f"QEMU exited ({self.qemu.wait()}) before @@done")
                return
            self.handle(*item)
        try:
            self.qemu.wait(timeout=EXIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.fail("the guest did not power off after @@done")

    def finish_bridge(self) -> None:
        """Send `quit` and check the bridge's verdict and exit status."""
        self.send_to_bridge("quit")
        try:
            status = self.bridge.wait(timeout=EXIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.fail("the bridge did not exit after 'quit'")
            return
        with self.state.condition:
            self.state.condition.wait_for(lambda: self.state.closed,
                                          EXIT_TIMEOUT)
            final = dict(self.state.final)
        for word, passing in FINAL_WORDS.items():
            if final.get(word) != passing:
                self.fail(f"bridge: {word} {final.get(word, 'missing')}")
        if status != 0:
            self.fail(f"the bridge exited with status {status}")

    def summary_metrics(self) -> list[str]:
        """The metric lines: the guest's, marks and enumeration times."""
        metrics = list(self.metrics)
        for name, arrival in self.marks.items():
            metrics.append(f"{name}-since-qemu-start "
                           f"{arrival - self.start:.3f} s")
        if self.enumeration_times:
            times = self.enumeration_times
            metrics.append(f"enumeration-count {len(times)} times")
            metrics.append(f"enumeration-min {min(times):.1f} ms")
            metrics.append(f"enumeration-mean {sum(times) / len(times):.1f} ms")
            metrics.append(f"enumeration-max {max(times):.1f} ms")
        metrics.append(f"run-seconds {time.monotonic() - self.start:.3f} s")
        return metrics

    def run(self) -> bool:
        """Run the scenario; return True if it passed. Always stops both
        children, whatever happens."""
        try:
            if self.start_bridge():
                self.follow_guest(self.start_qemu())
                stop(self.qemu)
                self.finish_bridge()
        finally:
            stop(self.qemu)
            stop(self.bridge)
        name = self.arguments.scenario
        if self.failures:
            print(f"FAIL scenario {name}: " + "; ".join(self.failures))
        else:
            print(f"PASS scenario {name}")
        for metric in self.summary_metrics():
            print(f"metric {metric}")
        return not self.failures


def parse_arguments() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bridge", required=True, help="leash-usb-bridge")
    parser.add_argument("--kernel", required=True, help="the guest vmlinux")
    parser.add_argument("--initramfs", required=True, help="the guest initrd")
    parser.add_argument("--device", required=True,
                        choices=["serial", "keyboard", "composite", "bare-echo"])
    parser.add_argument("--scenario", required=True,
                        help="runs the guest's /scenarios/NAME.sh")
    parser.add_argument("--pcap", help="ask the bridge to write a usbmon pcap")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds before everything is killed")
    parser.add_argument("--qemu", default="qemu-system-x86_64")
    return parser.parse_args()


def missing_input(arguments: argparse.Namespace) -> Optional[str]:
    """Say which program or file the run needs but cannot find, if any."""
    for program in (arguments.bridge, arguments.qemu, ORPHAN_GUARD[0]):
        if shutil.which(program) is None:
            return f"no executable {program}"
    for path in (arguments.kernel, arguments.initramfs):
        if not os.path.isfile(path):
            return f"no file {path}; build the target usb_guest_image"
    return None


def main() -> int:
    """Run the scenario the command line names."""
    arguments = parse_arguments()
    problem = missing_input(arguments)
    if problem:
        print(f"FAIL scenario {arguments.scenario}: {problem}")
        return 1
    # SIGTERM (ctest's timeout, a CI cancel) unwinds like ^C, so the
    # children are killed on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    return 0 if Scenario(arguments).run() else 1


if __name__ == "__main__":
    sys.exit(main())

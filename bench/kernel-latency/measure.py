#!/usr/bin/env python3
"""Counts instructions between kernel events in a QEMU execution trace.

Reads a trace written by `qemu-system-arm -icount shift=0 -singlestep -d
exec,nochain` (one "Trace" line per executed instruction, because every
translation block is a single instruction), maps each program counter to its
function with the image's symbol table, and reports, for each kind of event,
how many instructions the kernel executed from the event to the client's
callback:

  * the event is the first instruction the core runs because of it: the
    instruction after `wfi` when the core was asleep (the kernel loop sleeps
    with interrupts masked, so the core wakes there and takes the interrupt
    when the loop unmasks), else the first instruction of the interrupt
    handler;
  * the callback is the first instruction of the client's function.

The images link with link-time optimisation, which inlines the drivers'
bottom halves into the chip's dispatch and `wfi` into the kernel loop: an
interrupt is told by the HIL client the kernel calls first after it (the
UART's mux for a reception or a transmission, the alarm's mux for an
expiry), and the wake-up by the address of the `wfi` instruction.

Usage: measure.py IMAGE.elf TRACE.log --events KIND [--nm PROGRAM]
                  [--objdump PROGRAM]
"""

import argparse
import bisect
import re
import statistics
import subprocess
import sys

# The kernel loop's step: each turn checks for interrupts, then runs one
# deferred call.
STEP = "kernel::Kernel::service_one_step(kernel::Chip const&) const"
# The drivers' clients: the first of these the kernel calls after an
# interrupt says which event it was.
HIL_CLIENTS = ("capsules::MuxUart::received", "capsules::MuxUart::transmitted",
               "capsules::MuxAlarm::alarm_fired")
TRACE_LINE = re.compile(r"^Trace \d+: 0x[0-9a-f]+ \[[0-9a-f]+/([0-9a-f]+)/")
REWOUND_LINE = re.compile(r"rewound execution of TB to ([0-9a-f]+)")


class Symbols:
    """The functions of an image, to name the function that holds an address."""

    def __init__(self, image, nm):
        output = subprocess.run(
            [nm, "--demangle", "--defined-only", "--print-size", "--numeric-sort", image],
            check=True, capture_output=True, text=True).stdout
        self.starts, self.ends, self.names = [], [], []
        for line in output.splitlines():
            fields = line.split(maxsplit=3)
            if len(fields) < 4 or fields[2] not in "tTwW":
                continue
            start = int(fields[0], 16) & ~1  # Thumb functions have bit 0 set.
            self.starts.append(start)
            self.ends.append(start + int(fields[1], 16))
            self.names.append(fields[3])

    def function_at(self, address):
        """(name, start) of the function holding `address`, or ("?", None)."""
        index = bisect.bisect_right(self.starts, address) - 1
        if index >= 0 and address < self.ends[index]:
            return self.names[index], self.starts[index]
        return "?", None



def wfi_addresses(image, objdump):
    """The addresses of the image's `wfi` instructions."""
    output = subprocess.run([objdump, "-d", image], check=True,
                            capture_output=True, text=True).stdout
    return {int(match.group(1), 16)
            for match in re.finditer(r"^\s*([0-9a-f]+):\s[^\n]*\twfi\b",
                                     output, re.MULTILINE)}


def read_trace(path):
    """The program counters of the executed instructions, in order.

    Under -icount, QEMU stops an instruction that touches a device before it
    completes, recompiles and runs it again ("rewound execution of TB to
    PC"): its first, abandoned trace line is dropped, so that each executed
    instruction counts once.
    """
    counters = []
    with open(path, errors="replace") as trace:
        for line in trace:
            match = TRACE_LINE.match(line)
            if match:
                counters.append(int(match.group(1), 16))
                continue
            match = REWOUND_LINE.search(line)
            if match and counters and counters[-1] == int(match.group(1), 16):
                counters.pop()
    return counters


class Trace:
    """The executed instructions, each with its function and whether it is
    the first instruction of that function (a call, not a return into it)."""

    def __init__(self, counters, symbols):
        self.counters = counters
        self.functions = []
        self.entries = []
        for counter in counters:
            name, start = symbols.function_at(counter)
            self.functions.append(name)
            self.entries.append(counter == start)

    def entry_indices(self, predicate):
        return [index for index, name in enumerate(self.functions)
                if self.entries[index] and predicate(name)]


def event_start(trace, handler_entry, previous_boundary, wfis):
    """Where the event began: after the latest `wfi` since the previous
    event's handler (the core was asleep), else at the handler's entry."""
    for index in range(handler_entry - 1, previous_boundary, -1):
        if trace.counters[index] in wfis:
            return index + 1
        if trace.entries[index] and trace.functions[index] == STEP:
            break  # Awake and looping: the interrupt came during work.
    return handler_entry


def latencies(trace, wfis, client, is_callback):
    """Instructions from each interrupt whose HIL client (the first of
    HIL_CLIENTS the kernel calls after it) is `client` to the next entry of
    a function for which `is_callback` holds."""
    isr = "arch::cortex_m::defer_interrupt_to_kernel()"
    handler_entries = trace.entry_indices(lambda name: name == isr)
    results = []
    for position, handler in enumerate(handler_entries):
        following = (handler_entries[position + 1]
                     if position + 1 < len(handler_entries) else len(trace.counters))
        previous = handler_entries[position - 1] if position > 0 else 0
        reached_client = False
        for index in range(handler, following):
            if not trace.entries[index]:
                continue
            name = trace.functions[index]
            if not reached_client and name.startswith(HIL_CLIENTS):
                if not name.startswith(client):
                    break  # Another event's interrupt.
                reached_client = True
            if reached_client and is_callback(name):
                start = event_start(trace, handler, previous, wfis)
                results.append(index - start)
                break
    return results


def deferred_call_latencies(trace, is_handler):
    """Instructions from the kernel loop's step to a deferred call's handler,
    for steps with no interrupt to service (the loop's cost per call)."""
    results = []
    steps = trace.entry_indices(lambda name: name == STEP)
    for position, start in enumerate(steps):
        end = steps[position + 1] if position + 1 < len(steps) else len(trace.counters)
        for index in range(start, end):
            name = trace.functions[index]
            if "service_pending_interrupts" in name:
                break
            if trace.entries[index] and is_handler(name):
                results.append(index - start)
                break
    return results


def call_lengths(trace, function):
    """Instructions executed per call of `function` (a leaf, or one whose
    callees are inlined): the run of consecutive instructions inside it."""
    results = []
    index = 0
    while index < len(trace.counters):
        if trace.entries[index] and trace.functions[index] == function:
            length = 0
            while index < len(trace.counters) and trace.functions[index] == function:
                length += 1
                index += 1
            results.append(length)
        else:
            index += 1
    return results


def report(label, samples):
    if not samples:
        print(f"  {label:<58} no samples")
        return
    print(f"  {label:<58} {len(samples):>4} {min(samples):>6} "
          f"{int(statistics.median(samples)):>6} {max(samples):>6}")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("image")
    parser.add_argument("trace")
    parser.add_argument("--nm", default="arm-none-eabi-nm")
    parser.add_argument("--objdump", default="arm-none-eabi-objdump")
    parser.add_argument("--events", required=True,
                        choices=["uart", "alarm", "deferred-call"])
    arguments = parser.parse_args(argv)
    symbols = Symbols(arguments.image, arguments.nm)
    wfis = wfi_addresses(arguments.image, arguments.objdump)
    trace = Trace(read_trace(arguments.trace), symbols)
    if arguments.events == "uart":
        report("UART receive interrupt -> MuxUart::received (the HIL client)",
               latencies(trace, wfis, "capsules::MuxUart::received",
                         lambda name: name.startswith("capsules::MuxUart::received")))
        report("UART transmit interrupt -> MuxUart::transmitted (the HIL client)",
               latencies(trace, wfis, "capsules::MuxUart::transmitted",
                         lambda name: name.startswith("capsules::MuxUart::transmitted")))
        report("UART receive interrupt -> Console::received",
               latencies(trace, wfis, "capsules::MuxUart::received",
                         lambda name: name.startswith("capsules::Console::received")))
        report("UART transmit interrupt -> Console::transmitted",
               latencies(trace, wfis, "capsules::MuxUart::transmitted",
                         lambda name: name.startswith("capsules::Console::transmitted")))
    elif arguments.events == "alarm":
        timer = "capsules::MuxAlarm::alarm_fired"
        report("alarm expiry -> MuxAlarm::alarm_fired (the HIL client)",
               latencies(trace, wfis, timer,
                         lambda name: name.startswith("capsules::MuxAlarm::alarm_fired")))
        report("alarm expiry -> a virtual alarm's client alarm_fired",
               latencies(trace, wfis, timer,
                         lambda name: name.endswith("::alarm_fired() const")
                         and not name.startswith("capsules::MuxAlarm")))
    else:
        report("kernel loop step -> handle_deferred_call (no interrupt)",
               deferred_call_latencies(
                   trace, lambda name: name.endswith("::handle_deferred_call() const")))
        report("DeferredCall::set (the whole call)",
               call_lengths(trace, "kernel::DeferredCall::set() const"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

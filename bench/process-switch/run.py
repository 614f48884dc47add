#!/usr/bin/env python3
"""Process benchmark: instructions for a null system call round trip
(app -> kernel -> capsule -> app), for a time-slice switch back into a
process and for one between two processes, and from an alarm's expiration to the app's upcall (with the core
busy, and idle), counted under
QEMU's `-icount shift=0` (one instruction per virtual nanosecond, so the
25 MHz alarm counter ticks every 40 instructions); the kernel's flash and
RAM with and without processes; the RAM each process costs. See README.md.

usage: bench/process-switch/run.py [KERNEL_BUILD_DIR]

KERNEL_BUILD_DIR is the kernel's cross build (default:
build/reference-kernel), where the build made the board's process images
and the benchmark bundles.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# The alarm counter's frequency and QEMU's instruction rate under
# -icount shift=0.
COUNTER_HZ = 25_000_000
INSTRUCTIONS_PER_TICK = 1_000_000_000 // COUNTER_HZ
# What the apps and images were built with (apps/bench/*, the board's
# CMakeLists.txt).
NULL_CALLS = 10_000
ALARMS = 20
SHORT_SLICE_US = 100
LONG_SLICE_US = 10_000
COUNTER_WINDOW_S = 0.05


def run(build, image, bundle):
    """The benchmark lines of one QEMU run of `image` with `bundle`."""
    command = ["qemu-system-arm", "-M", "mps2-an386", "-nographic",
               "-monitor", "none", "-semihosting-config",
               "enable=on,target=native", "-icount", "shift=0,sleep=off",
               "-kernel", os.path.join(build, image), "-device",
               f"loader,file={os.path.join(build, bundle)},addr=0x00200000"]
    result = subprocess.run(command, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        sys.exit(f"run.py: {image} with {bundle} failed:\n{result.stdout}")
    return result.stdout


def number(pattern, text):
    """The integers `pattern`'s groups match in `text`."""
    match = re.search(pattern, text)
    if not match:
        sys.exit(f"run.py: no '{pattern}' in:\n{text}")
    return [int(group) for group in match.groups()]


def section_sizes(build, image):
    """(flash, RAM) bytes of `image`: text + data, data + bss."""
    output = subprocess.run(["arm-none-eabi-size", os.path.join(build, image)],
                            capture_output=True, text=True, check=True).stdout
    text, data, bss = (int(field) for field in output.splitlines()[1].split()[:3])
    return text + data, data + bss


def symbol_size(build, image, name):
    """The size of symbol `name` in `image`."""
    output = subprocess.run(["arm-none-eabi-nm", "-S", "-C",
                             os.path.join(build, image)],
                            capture_output=True, text=True, check=True).stdout
    for line in output.splitlines():
        fields = line.split(None, 3)
        if len(fields) == 4 and fields[3] == name:
            return int(fields[1], 16)
    sys.exit(f"run.py: no symbol {name} in {image}")


def slice_switch_cost(build, bundle, counters):
    """Instructions one time slice's end costs with `bundle`'s spinning
    `counters`: the work they lose together with short slices, divided by
    the extra slices. One counter: the kernel switches back into the same
    process; two: every slice ends in a switch to the other one."""
    def batches(image):
        output = run(build, image, bundle)
        return sum(number(rf"counter {name} (\d+) batches", output)[0]
                   for name in counters)

    long_batches = batches("qemu-mps2-an386-processes-test.elf")
    short_batches = batches("qemu-mps2-an386-processes-bench.elf")
    window = COUNTER_WINDOW_S * 1e9  # instructions
    per_batch = window / long_batches
    extra_switches = (window / (SHORT_SLICE_US * 1000)
                      - window / (LONG_SLICE_US * 1000))
    return (long_batches - short_batches) * per_batch / extra_switches


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        ROOT, "build", "reference-kernel")

    calls = run(build, "qemu-mps2-an386-processes-bench.elf",
                "bench_syscall.bin")
    with_calls, without_calls = number(
        r"null command loop \d+ (\d+) ticks, empty loop (\d+) ticks", calls)
    null_call = (with_calls - without_calls) * INSTRUCTIONS_PER_TICK / NULL_CALLS
    # The upcall reads the counter with a null-command-like call: taken off.
    def alarm_latency(output):
        (ticks,) = number(r"alarm to upcall \d+ (\d+) ticks", output)
        return ticks * INSTRUCTIONS_PER_TICK / ALARMS - null_call

    # With the core busy (a counter spins beside the timer), each alarm
    # interrupts a process: the kernel's path. With the core idle in `wfi`,
    # the figure is mostly how late QEMU wakes it (see README.md).
    alarm_busy = alarm_latency(run(build, "qemu-mps2-an386-processes-bench.elf",
                                   "bench_alarm_busy.bin"))
    alarm_idle = alarm_latency(calls)

    switch = slice_switch_cost(build, "bench_one_counter.bin", ["a"])
    switch_between = slice_switch_cost(build, "bench_two_counters.bin",
                                       ["a", "b"])

    flash_bare, ram_bare = section_sizes(build, "qemu-mps2-an386.elf")
    flash_processes, ram_processes = section_sizes(
        build, "qemu-mps2-an386-processes.elf")
    # What the kernel keeps for each slot: its row of the process table and
    # the MPU regions computed for it.
    per_slot = sum(symbol_size(build, "qemu-mps2-an386-processes.elf", name)
                   for name in ("main::processes", "main::protection")) // 8

    print("Processes on qemu-mps2-an386 (QEMU -icount shift=0: instructions)")
    print(f"  null command round trip (app -> kernel -> capsule -> app) "
          f"{null_call:8.0f} instructions (target 150)")
    print(f"  time-slice switch back into a process                     "
          f"{switch:8.0f} instructions")
    print(f"  time-slice switch from one process to another             "
          f"{switch_between:8.0f} instructions")
    print(f"  alarm expiration to the app's upcall, core busy           "
          f"{alarm_busy:8.0f} instructions")
    print(f"  the same, core idle in wfi (QEMU's late wake-up)          "
          f"{alarm_idle:8.0f} instructions")
    print("Kernel image (bytes)               flash      RAM")
    print(f"  without processes           {flash_bare:9d} {ram_bare:8d}")
    print(f"  with processes and drivers  {flash_processes:9d} "
          f"{ram_processes:8d}")
    print(f"  per process slot (kernel RAM: process table and kept MPU "
          f"regions, / 8) {per_slot} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

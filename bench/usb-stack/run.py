#!/usr/bin/env python3
"""USB stack benchmark: instructions to handle one SETUP and one 64-byte bulk
packet (callgrind, on the host build's usb_stack_bench), and the flash and
RAM the stack takes in the nRF52840 cross build. See README.md.

usage: bench/usb-stack/run.py [HOST_BUILD_DIR [KERNEL_BUILD_DIR]]

HOST_BUILD_DIR is the repository's host build (default: build), where
`ninja usb_stack_bench` built the program; KERNEL_BUILD_DIR the kernel's
cross build (default: build/reference-kernel). Without valgrind it prints
one line and skips the instruction counts.
"""
import collections
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# usb_stack_bench runs each measured operation this many times.
REPETITIONS = 100


# The simulation's register model: a register access on the host is a call
# into it, which the chip's bus does in hardware.
MODEL_FUNCTIONS = ["host_tests::SimulatedNrf52840Usbd::read*",
                   "host_tests::SimulatedNrf52840Usbd::write*",
                   "host_tests::SimulatedNrf52840Usbd::device_address*"]


def instruction_counts(host_build, without_model):
    """label -> instructions per operation, from the program's dumps; with
    `without_model`, not counting what the register model does inside each
    register access (callgrind toggles collection off in it)."""
    program = os.path.join(host_build, "reference-kernel", "host-tests",
                           "usb_stack_bench")
    if not os.path.exists(program):
        sys.exit(f"run.py: no {program}; build the target usb_stack_bench")
    with tempfile.TemporaryDirectory() as scratch:
        toggles = ([f"--toggle-collect={name}" for name in MODEL_FUNCTIONS]
                   if without_model else [])
        subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no",
                        f"--callgrind-out-file={scratch}/callgrind.out"] +
                       toggles + [program], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        totals = collections.defaultdict(int)
        for dump in glob.glob(f"{scratch}/callgrind.out*"):
            text = open(dump).read()
            label = re.search(r"^desc: Trigger: Client Request: (\S+)$", text,
                              re.M)
            summary = re.search(r"^summary: (\d+)$", text, re.M)
            if label and summary:
                totals[label.group(1)] += int(summary.group(1))
    return {label: total / REPETITIONS for label, total in totals.items()}


def group_of(path):
    """The stack's part a source file belongs to, or None."""
    if "/capsules/usb/" in path:
        name = os.path.basename(path)
        if name.startswith("standard_configurations"):
            return "example descriptors (standard_configurations)"
        if name.startswith("cdc_acm"):
            return "CDC-ACM driver (capsules/usb/cdc_acm*)"
        if name.startswith("hid_"):
            return "HID drivers (capsules/usb/hid_*)"
        return "device core (capsules/usb)"
    if re.search(r"/chips/nrf52840/usbd[^/]*$", path):
        return "nRF52840 USBD driver (chips/nrf52840/usbd*)"
    return None


GROUPS = ["device core (capsules/usb)",
          "CDC-ACM driver (capsules/usb/cdc_acm*)",
          "HID drivers (capsules/usb/hid_*)",
          "example descriptors (standard_configurations)",
          "nRF52840 USBD driver (chips/nrf52840/usbd*)"]


def without_lto(command):
    """The compiler and flags of a compile command, for machine code:
    without -flto (whose objects hold the optimiser's bytecode, in which
    `size` finds nothing), -g, and the command's output."""
    words = shlex.split(command)
    flags = [w for w in words[1:words.index("-o")] if w not in ("-g", "-flto")]
    return words[0], flags + ["-fno-lto"]


def object_sizes(kernel_build, size_tool):
    """group -> (text, data, bss) of the group's sources, each compiled
    with its own command in the kernel's cross build, without LTO."""
    commands = json.load(open(os.path.join(kernel_build,
                                           "compile_commands.json")))
    sources = collections.defaultdict(list)
    for entry in commands:
        key = group_of(entry["file"])
        if key is not None:
            sources[key].append(entry)
    if not sources:
        sys.exit(f"run.py: no USB sources in {kernel_build}'s compile "
                 "database; build the kernel")
    sizes = {}
    with tempfile.TemporaryDirectory() as scratch:
        for key in GROUPS:
            text = data = bss = 0
            for number, entry in enumerate(sources.get(key, [])):
                compiler, flags = without_lto(entry["command"])
                obj = os.path.join(scratch, f"{number}.o")
                subprocess.run([compiler] + flags + ["-c", "-o", obj,
                                                     entry["file"]],
                               check=True, cwd=entry["directory"])
                out = subprocess.run([size_tool, obj], check=True,
                                     stdout=subprocess.PIPE, text=True).stdout
                fields = out.splitlines()[1].split()
                text, data, bss = (text + int(fields[0]), data + int(fields[1]),
                                   bss + int(fields[2]))
            sizes[key] = (text, data, bss)
    return sizes


def linked_sizes(image, nm_tool, addr2line_tool):
    """group -> (flash, RAM) bytes of the image's symbols whose definition
    is in the group's sources (the DWARF line of each symbol's address).
    The image is linked with LTO: code inlined into another file's function
    counts there."""
    output = subprocess.run([nm_tool, "--print-size", "--defined-only", image],
                            check=True, stdout=subprocess.PIPE,
                            text=True).stdout
    symbols = []
    for line in output.splitlines():
        fields = line.split()
        if len(fields) == 4 and int(fields[1], 16) > 0:
            symbols.append((int(fields[0], 16) & ~1, int(fields[1], 16),
                            fields[2].lower()))
    located = subprocess.run(
        [addr2line_tool, "-e", image] + [hex(address) for address, _, _ in symbols],
        check=True, stdout=subprocess.PIPE, text=True).stdout.splitlines()
    sizes = collections.defaultdict(lambda: [0, 0])
    for (address, size, kind), place in zip(symbols, located):
        group = group_of(place.split(":")[0])
        if group is None:
            continue
        if kind in "bd":
            sizes[group][1] += size
        if kind in "trd":
            sizes[group][0] += size
    return sizes


def object_ram(kernel_build):
    """sizeof the device core and the driver on the target: the RAM a board
    gives them (they live in its static storage, not in their objects)."""
    commands = json.load(open(os.path.join(kernel_build,
                                           "compile_commands.json")))
    command = next(entry["command"] for entry in commands
                   if entry["file"].endswith("chips/nrf52840/usbd.cpp"))
    compiler, flags = without_lto(command)
    flags.append("-I" + os.path.join(kernel_build, "layer-include",
                                     "leash_capsules"))
    source = ('#include "capsules/usb/usb_device.h"\n'
              '#include "chips/nrf52840/usbd.h"\n'
              'extern const unsigned usb_device_size = '
              'sizeof(capsules::usb::UsbDevice);\n'
              'extern const unsigned usbd_size = '
              'sizeof(chips::nrf52840::Usbd);\n')
    with tempfile.TemporaryDirectory() as scratch:
        with open(f"{scratch}/sizes.cpp", "w") as out:
            out.write(source)
        subprocess.run([compiler] + flags + ["-S", "-o", f"{scratch}/sizes.s",
                                             f"{scratch}/sizes.cpp"],
                       check=True)
        assembly = open(f"{scratch}/sizes.s").read()
    found = {}
    for name in ("usb_device_size", "usbd_size"):
        match = re.search(name + r":\s*\n\s*\.word\s+(\d+)", assembly)
        found[name] = int(match.group(1)) if match else None
    return found


def main():
    host_build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT,
                                                                   "build")
    kernel_build = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        ROOT, "build", "reference-kernel")
    if shutil.which("valgrind") is None:
        print("usb-stack: valgrind is not installed: instruction counts "
              "skipped")
    else:
        whole = instruction_counts(host_build, without_model=False)
        stack = instruction_counts(host_build, without_model=True)
        print("usb-stack: host x86-64 instructions (callgrind) per operation, "
              "stack only / with the register model's accesses:")
        for label, what in (
                ("setup", "SETUP GET_DESCRIPTOR(device, 18), setup to status"),
                ("bulk-out", "64-byte bulk OUT packet to the class driver"),
                ("bulk-in", "64-byte bulk IN packet, send to completion")):
            print(f"  {what}: {stack.get(label, 0):.0f} / "
                  f"{whole.get(label, 0):.0f}")
    size_tool = os.environ.get("SIZE", "arm-none-eabi-size")
    print("usb-stack: nRF52840 objects (arm-none-eabi-size, MinSizeRel "
          "without LTO), text/data/bss bytes:")
    total_flash = 0
    for key, (text, data, bss) in object_sizes(kernel_build,
                                               size_tool).items():
        total_flash += text + data
        print(f"  {key}: {text}/{data}/{bss}")
    print(f"  flash in all (text + data, before --gc-sections): "
          f"{total_flash}")
    board = os.path.join(kernel_build, "nrf52840dk.elf")
    if os.path.exists(board):
        print("usb-stack: linked into nrf52840dk.elf (its symbols, after LTO "
              "and --gc-sections), flash/RAM bytes:")
        linked = linked_sizes(board, os.environ.get("NM", "arm-none-eabi-nm"),
                              os.environ.get("ADDR2LINE",
                                             "arm-none-eabi-addr2line"))
        for key in sorted(linked):
            print(f"  {key}: {linked[key][0]}/{linked[key][1]}")
        print(f"  in all: {sum(v[0] for v in linked.values())}/"
              f"{sum(v[1] for v in linked.values())}")
    ram = object_ram(kernel_build)
    print(f"  RAM: sizeof(UsbDevice) {ram['usb_device_size']}, "
          f"sizeof(Usbd) {ram['usbd_size']} (plus the board's packet "
          "buffers: 64 bytes for endpoint 0)")


if __name__ == "__main__":
    main()

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
    """The stack's part an object file belongs to, or None."""
    if "/leash_capsules.dir/usb/" in path:
        name = os.path.basename(path)
        if name.startswith("standard_configurations"):
            return "example descriptors (standard_configurations)"
        if name.startswith("cdc_acm"):
            return "CDC-ACM driver (capsules/usb/cdc_acm*)"
        if name.startswith("hid_"):
            return "HID drivers (capsules/usb/hid_*)"
        return "device core (capsules/usb)"
    if re.search(r"/chip_nrf52840\.dir/usbd[^/]*\.obj$", path):
        return "nRF52840 USBD driver (chips/nrf52840/usbd*)"
    return None


def linked_sizes(map_path):
    """group -> (flash, RAM) bytes the linker kept, from a board's map."""
    sizes = collections.defaultdict(lambda: [0, 0])
    output_section = None
    in_memory_map = False
    for line in open(map_path):
        if line.startswith("Linker script and memory map"):
            in_memory_map = True
            continue
        if not in_memory_map:
            continue
        if re.match(r"^\.\S+", line):
            output_section = line.split()[0]
            continue
        match = re.match(r"^ (\.\S+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)",
                         line)
        if not match or output_section is None or output_section.startswith(
                (".debug", ".comment", ".ARM.attributes")):
            continue
        group = group_of(match.group(4))
        size = int(match.group(3), 16)
        if group is None or int(match.group(2), 16) == 0 or size == 0:
            continue
        if output_section in (".bss", ".noinit"):
            sizes[group][1] += size
        elif output_section == ".data":
            sizes[group][0] += size
            sizes[group][1] += size
        else:
            sizes[group][0] += size
    return sizes


def object_sizes(kernel_build, size_tool):
    """group -> (text, data, bss) summed over the group's object files."""
    groups = {
        "device core (capsules/usb)": [],
        "CDC-ACM driver (capsules/usb/cdc_acm*)": [],
        "HID drivers (capsules/usb/hid_*)": [],
        "example descriptors (standard_configurations)": [],
        "nRF52840 USBD driver (chips/nrf52840/usbd*)": [],
    }
    for path in glob.glob(f"{kernel_build}/**/*.obj", recursive=True):
        key = group_of(path)
        if key is not None:
            groups[key].append(path)
    if not any(groups.values()):
        sys.exit(f"run.py: no USB objects in {kernel_build}; build the kernel")
    sizes = {}
    for key, paths in groups.items():
        out = subprocess.run([size_tool] + sorted(paths), check=True,
                             stdout=subprocess.PIPE, text=True).stdout
        text = data = bss = 0
        for line in out.splitlines()[1:]:
            fields = line.split()
            text, data, bss = (text + int(fields[0]), data + int(fields[1]),
                               bss + int(fields[2]))
        sizes[key] = (text, data, bss)
    return sizes


def object_ram(kernel_build):
    """sizeof the device core and the driver on the target: the RAM a board
    gives them (they live in its static storage, not in their objects)."""
    commands = json.load(open(os.path.join(kernel_build,
                                           "compile_commands.json")))
    command = next(entry["command"] for entry in commands
                   if entry["file"].endswith("chips/nrf52840/usbd.cpp"))
    words = shlex.split(command)
    flags = [w for w in words[1:words.index("-o")] if w != "-g"]
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
        subprocess.run([words[0]] + flags + ["-S", "-o", f"{scratch}/sizes.s",
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
    print("usb-stack: nRF52840 objects (arm-none-eabi-size, MinSizeRel), "
          "text/data/bss bytes:")
    total_flash = 0
    for key, (text, data, bss) in object_sizes(kernel_build,
                                               size_tool).items():
        total_flash += text + data
        print(f"  {key}: {text}/{data}/{bss}")
    print(f"  flash in all (text + data, before --gc-sections): "
          f"{total_flash}")
    board_map = os.path.join(kernel_build, "nrf52840dk.map")
    if os.path.exists(board_map):
        print("usb-stack: linked into nrf52840dk.elf (its map, after "
              "--gc-sections), flash/RAM bytes:")
        linked = linked_sizes(board_map)
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

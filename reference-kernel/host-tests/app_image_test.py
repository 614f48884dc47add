#!/usr/bin/env python3
"""Checks tools/make-app-image against the kernel's own parser (app_header_dump).

    app_image_test.py --tool make-app-image --dump app_header_dump
                      --elf hello_image_probe.elf [--objcopy arm-none-eabi-objcopy]
                      --work DIRECTORY

From the probe app's ELF (linked at flash 0x00200000, RAM 0x20300000, 4 KiB)
it builds an image and bundles, and checks that the C++ parser reads what the
tool meant: the fields, the checksum, the fixed addresses, padding and the
end marker; that the binary is what objcopy -O binary makes of the ELF; and
that each refused input gets its one-line error and exit status 1.
"""

import argparse
import os
import struct
import subprocess
import sys

FLASH, RAM, RAM_SIZE, RESERVATION = 0x00200000, 0x20300000, 4096, 0x80
failures = []


def check(condition, what):
    print(("ok: " if condition else "FAILED: ") + what)
    if not condition:
        failures.append(what)


def run(command):
    return subprocess.run(command, capture_output=True, text=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--dump", required=True)
    parser.add_argument("--elf", required=True)
    parser.add_argument("--objcopy")
    parser.add_argument("--work", required=True)
    arguments = parser.parse_args()
    os.makedirs(arguments.work, exist_ok=True)
    work = lambda name: os.path.join(arguments.work, name)
    tool = [sys.executable, arguments.tool]
    make = tool + [arguments.elf, "--name", "hello_image_probe",
                   "--minimum-ram", str(RAM_SIZE), "--flash", hex(FLASH),
                   "--ram", hex(RAM)]

    made = run(make + ["--output", work("probe.app")])
    check(made.returncode == 0, f"make-app-image succeeds {made.stderr}")
    with open(work("probe.app"), "rb") as file:
        image = file.read()
    size = len(image)
    check(size >= 1024 and size & (size - 1) == 0,
          f"the image's size {size} is a power of two of at least 1 KiB")
    header_size, total_size = struct.unpack_from("<HI", image, 2)
    words = struct.unpack_from(f"<{header_size // 4}I", image)
    xor = 0
    for index, word in enumerate(words):
        xor ^= 0 if index == 3 else word
    check(xor == words[3], "the checksum is the XOR of the header's words")
    check(total_size == size, "total_size is the file's size")

    dump = run([arguments.dump, work("probe.app"), hex(FLASH)])
    print(dump.stdout, end="")
    check(dump.returncode == 0, "the kernel's parser accepts the image")
    for line in [f"at 0x{FLASH:08x}: app", "  version 2",
                 f"  total_size {size}", "  flags 0x00000001 enabled",
                 f"  minimum_ram_size {RAM_SIZE}", "  name hello_image_probe",
                 f"  fixed_addresses ram 0x{RAM:08x} flash 0x{FLASH:08x}",
                 f"at 0x{FLASH + size:08x}: end of apps"]:
        check(line in dump.stdout.splitlines(), f"the dump says {line!r}")
    entry = struct.unpack_from("<I", open(arguments.elf, "rb").read(), 24)[0]
    check(f"  init_offset 0x{entry - FLASH:08x}" in dump.stdout,
          f"the init offset is the ELF's entry {entry:#x} minus the flash")

    if arguments.objcopy:
        copied = run([arguments.objcopy, "-O", "binary", arguments.elf,
                      work("probe.objcopy.bin")])
        check(copied.returncode == 0, "objcopy -O binary succeeds")
        with open(work("probe.objcopy.bin"), "rb") as file:
            binary = file.read()
        check(image[RESERVATION:RESERVATION + len(binary)] == binary,
              "the image's binary is objcopy's, at the header reservation")

    bundled = run(tool + ["--bundle", work("apps.bin"), work("probe.app")])
    check(bundled.returncode == 0, f"the bundle succeeds {bundled.stderr}")
    with open(work("apps.bin"), "rb") as file:
        apps = file.read()
    check(apps == image + b"\xff" * 4, "the bundle is the image, then 0xFFFFFFFF")
    dump = run([arguments.dump, work("apps.bin")])
    check(dump.returncode == 0 and dump.stdout.splitlines()[-1] ==
          f"at 0x{FLASH + size:08x}: end of apps", "the bundle walks to its end")

    # A region starting 4 KiB earlier: padding fills the gap.
    base = FLASH - 0x1000
    bundled = run(tool + ["--bundle", work("gap.bin"), "--base", hex(base),
                          work("probe.app")])
    dump = run([arguments.dump, work("gap.bin"), hex(base)])
    print(dump.stdout, end="")
    check(bundled.returncode == 0 and dump.returncode == 0 and
          dump.stdout.startswith(f"at 0x{base:08x}: padding of 4096 bytes\n"
                                 f"at 0x{FLASH:08x}: app\n"),
          "a gap before the image is padding that the parser skips")

    def refused(command, message, what):
        result = run(tool + command)
        lines = result.stderr.strip().splitlines()
        check(result.returncode == 1 and len(lines) == 1 and
              message in lines[0], f"{what}: {result.stderr.strip()!r}")

    refused([work("missing.elf"), "--name", "x", "--minimum-ram", "4096",
             "--output", work("x.app")], "cannot read the ELF",
            "a missing ELF is refused")
    refused([work("probe.app"), "--name", "x", "--minimum-ram", "4096",
             "--output", work("x.app")], "not an ELF", "a non-ELF is refused")
    refused(make[2:] + ["--flash", hex(FLASH + 0x400), "--output",
                        work("x.app")], "code starts at",
            "an image not at its linked address is refused")
    refused(make[2:] + ["--name", "n" * 33, "--output", work("x.app")],
            "is not 1 to 32 bytes", "a long name is refused")
    refused(make[2:] + ["--minimum-ram", "64", "--output", work("x.app")],
            "bytes of RAM", "too little RAM is refused")
    refused(["--bundle", work("x.bin"), work("probe.app"), work("probe.app")],
            "overlaps", "overlapping images are refused")
    refused(["--bundle", work("x.bin"), "--base", hex(FLASH + 0x1000),
             work("probe.app")], "below the apps region",
            "an image below the region is refused")
    refused(["--bundle", work("x.bin"), work("missing.app")],
            "cannot read the image", "a missing image is refused")

    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

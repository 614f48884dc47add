#!/usr/bin/env python3
"""Writes the app header fuzzer's seeds: valid regions as tools/make-app-image builds them.

    make_app_header_seeds.py OUTPUT_DIRECTORY

The headers come from make-app-image's own functions, so the seeds follow
the tool; the binaries are small (the parser does not need a power of two).
"""

import importlib.machinery
import importlib.util
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "..", "..", "tools", "make-app-image")
BASE = 0x00200000


def load_tool():
    loader = importlib.machinery.SourceFileLoader("make_app_image", TOOL)
    spec = importlib.util.spec_from_loader("make_app_image", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def app(tool, flash, name, total_size=128, fixed=True, flags=1):
    """An app image: its code (a Thumb loop, b .) at 0x60."""
    tlvs = [tool.tlv(tool.TLV_MAIN, struct.pack("<III", 0x61, 0, 1024))]
    if name:
        tlvs.append(tool.tlv(tool.TLV_PACKAGE_NAME, name.encode("utf-8")))
    if fixed:
        tlvs.append(tool.tlv(tool.TLV_FIXED_ADDRESSES,
                             struct.pack("<II", 0x20300000, flash)))
    image = bytearray(total_size)
    header = tool.make_header(total_size, flags, tlvs)
    image[:len(header)] = header
    image[0x60:0x62] = b"\xfe\xe7"
    return bytes(image)


def main():
    tool = load_tool()
    output = sys.argv[1]
    os.makedirs(output, exist_ok=True)
    seeds = {
        "full-app": app(tool, BASE, "blink"),
        "main-only": app(tool, BASE, "", fixed=False, flags=3),
        "utf8-name": app(tool, BASE, "h\u00e9llo \u2603"),
        "two-apps-and-end": app(tool, BASE, "first") +
        app(tool, BASE + 128, "second", flags=0) + b"\xff" * 4,
        "padding-then-app": tool.padding(64) + app(tool, BASE + 64, "late") +
        b"\0" * 4,
    }
    for name, data in seeds.items():
        with open(os.path.join(output, name), "wb") as file:
            file.write(data)


if __name__ == "__main__":
    main()

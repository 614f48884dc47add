#!/usr/bin/env python3
"""Writes the USB fuzzer's seed corpus (corpus/): enumeration sequences in
the input format of usb_setup_fuzzer.cpp (first byte: the device; then
steps, each an op code and its bytes).

usage: make_seed_corpus.py [CORPUS_DIR]
"""
import os
import struct
import sys

SETUP, IN0, OUT0, STATUS, RESET, SUSPEND, RESUME, IN, OUT = range(9)
CONTROL_READ, CONTROL_WRITE, FINISH_DMA = 9, 10, 11
ENUMERATE, REATTACH = 13, 14
NO_LOOP = 0x10


def setup(request_type, request, value, index, length):
    return struct.pack("<BBHHH", request_type, request, value, index, length)


def get_descriptor(kind, index, length, language=0):
    return bytes([CONTROL_READ]) + setup(0x80, 6, kind << 8 | index,
                                         language, length)


def linux_enumeration(device):
    """What Linux's hub driver asks, in its order."""
    steps = [bytes([device]), get_descriptor(1, 0, 64), bytes([RESET]),
             bytes([CONTROL_READ]) + setup(0, 5, 9, 0, 0),
             get_descriptor(1, 0, 18), get_descriptor(2, 0, 9),
             get_descriptor(2, 0, 255), get_descriptor(3, 0, 255)]
    steps += [get_descriptor(3, index, 255, 0x0409) for index in range(1, 6)]
    steps.append(bytes([CONTROL_READ]) + setup(0, 9, 1, 0, 0))
    return steps


def seeds():
    for device in range(3):
        yield f"enumerate-{device}", linux_enumeration(device)
    bulk = linux_enumeration(2)
    for number in range(1, 5):
        bulk.append(bytes([OUT, number, 64]) + bytes(range(64)))
        bulk.append(bytes([IN, number]))
    yield "composite-bulk", bulk
    yield "class-requests", [
        bytes([2, ENUMERATE, 5]),
        bytes([CONTROL_WRITE]) + setup(0x21, 9, 0, 2, 100) + bytes([100]) +
        bytes(range(100)),
        bytes([CONTROL_READ]) + setup(0xA1, 1, 0, 2, 100),
        bytes([CONTROL_READ]) + setup(0x81, 6, 0x2200, 2, 255)]
    yield "tokens-by-hand", [
        bytes([1, SETUP]) + setup(0x80, 6, 0x0200, 0, 255),
        bytes([IN0 | NO_LOOP, FINISH_DMA, IN0, IN0, STATUS]),
        bytes([SETUP]) + setup(0x00, 5, 3, 0, 0), bytes([STATUS]),
        bytes([SUSPEND, RESUME, REATTACH, RESET])]


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "corpus")
    os.makedirs(directory, exist_ok=True)
    for name, steps in seeds():
        with open(os.path.join(directory, name), "wb") as seed:
            seed.write(b"".join(steps))


if __name__ == "__main__":
    main()

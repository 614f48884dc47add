#!/usr/bin/env python3
"""Writes the system call fuzzer's seeds: short programs of each class.

    make_syscall_seeds.py OUTPUT_DIRECTORY

Each seed is a sequence of steps in syscall_fuzzer.cpp's encoding: a
system call (action byte below 0xC0: the process is its low bit; then the
class, the arguments and the stack byte), a fault (0xC0), the process
console (0xD0 stop, 0xD1 resume, 0xD2 kill, 0xD3 restart) or the hardware
(0xE1 the UART sends, 0xE3 it receives, 0xE5 the alarm's time passes).
"""

import os
import struct
import sys

# The drivers (Tock's numbers) and one nobody serves (small number 3).
ALARM, CONSOLE, LEDS, UNKNOWN = 0, 1, 2, 3
# syscall_fuzzer.cpp's value kinds.
ZERO, ALL_ONES, WORD, SMALL, RAM, BREAK, GRANTS, RAM_END = range(8)
FLASH, FLASH_END, OTHER_RAM = 8, 9, 10
FUNCTION, TO_BREAK = 14, 15
# The stack byte that leaves the stack pointer where it is.
STAY = 0


def value(kind, delta=0, word=None):
    """An argument: a value kind and a signed delta (and a word for WORD)."""
    encoded = bytes([kind, delta & 0xFF])
    if kind == WORD:
        encoded += struct.pack("<I", word)
    return encoded


def call(process, number, *arguments):
    """Process `process` makes system call `number`; `arguments` are the
    class's encoded fields (small numbers as ints, values as bytes)."""
    encoded = bytes([process & 1, number])
    for argument in arguments:
        encoded += bytes([argument]) if isinstance(argument, int) else argument
    return encoded + bytes([STAY])


def yield_call(process, kind, flag=value(RAM, 64)):
    """Yield of `kind` (0 no-wait, 1 wait, 2 unknown), its flag at `flag`."""
    return call(process, 0, kind, flag)


def subscribe(process, driver, number, function=value(FUNCTION, 0x80),
              user_data=value(SMALL, 7)):
    """Subscribe to `driver`'s upcall `number` (a function in its flash)."""
    return call(process, 1, driver, number, function, user_data)


def command(process, driver, number, first=value(ZERO), second=value(ZERO)):
    """Command `number` of `driver`."""
    return call(process, 2, driver, number, first, second)


def allow(process, read_write, driver, number, address, length):
    """A read-write or read-only allow of `length` bytes at `address`."""
    return call(process, 3 if read_write else 4, driver, number, address,
                length)


def memop(process, operation, argument=value(ZERO)):
    """Memop `operation` with `argument`."""
    return call(process, 5, operation, argument)


def exit_call(process, kind, code=value(SMALL, 3)):
    """Exit of `kind` (0 terminate, 1 restart, 2 unknown) with `code`."""
    return call(process, 6, kind, code)


def main():
    output = sys.argv[1]
    os.makedirs(output, exist_ok=True)
    uart_sends = b"\xe1"
    uart_receives = b"\xe3\x02AB\xff"
    time_passes = b"\xe5\x40"
    seeds = {
        "yield": yield_call(0, 0) + yield_call(1, 1) + yield_call(0, 2) +
        yield_call(0, 0, value(BREAK, -1)),
        "subscribe": subscribe(0, CONSOLE, 1) + subscribe(0, CONSOLE, 1,
                                                         value(ZERO)) +
        subscribe(1, UNKNOWN, 0) + subscribe(1, ALARM, 0, value(RAM, 1)),
        "command": command(0, ALARM, 0) + command(0, ALARM, 2) +
        command(1, LEDS, 0) + command(1, LEDS, 1, value(SMALL, 2)) +
        command(0, UNKNOWN, 0),
        "read-write-allow": allow(0, True, CONSOLE, 1, value(RAM, 0x40),
                                  value(SMALL, 16)) +
        allow(0, True, CONSOLE, 2, value(RAM, 0x48), value(SMALL, 16)) +
        allow(0, True, CONSOLE, 1, value(BREAK, -8), value(SMALL, 9)) +
        allow(1, True, CONSOLE, 1, value(RAM, 0), value(TO_BREAK, 0)) +
        allow(1, True, CONSOLE, 1, value(ZERO), value(ZERO)),
        "read-only-allow": allow(0, False, CONSOLE, 1, value(FLASH, 0),
                                 value(SMALL, 32)) +
        allow(0, False, CONSOLE, 1, value(FLASH_END, -4), value(SMALL, 8)) +
        allow(1, False, CONSOLE, 1, value(OTHER_RAM, 0), value(SMALL, 4)) +
        allow(1, False, CONSOLE, 1, value(RAM, 16), value(ALL_ONES)),
        "memop": b"".join(memop(0, operation) for operation in range(8)) +
        memop(1, 0, value(RAM_END, 0)) + memop(1, 1, value(SMALL, 100)) +
        memop(1, 1, value(WORD, word=0xFFFFFF00)) +
        memop(0, 0, value(ALL_ONES)) + memop(0, 0, value(GRANTS, 1)),
        "exit": exit_call(0, 2) + exit_call(0, 1) + exit_call(1, 0) +
        yield_call(1, 0) + b"\xd3\x01" + command(1, ALARM, 0),
        "invalid-class": call(0, 7, value(ZERO), value(ZERO), value(ZERO),
                              value(ZERO)) +
        call(1, 0xF5, value(ALL_ONES), value(RAM, 0), value(SMALL, 1),
             value(ZERO)),
        "console-write": allow(0, False, CONSOLE, 1, value(RAM, 0x40),
                               value(SMALL, 11)) +
        subscribe(0, CONSOLE, 1) + command(0, CONSOLE, 1, value(SMALL, 11)) +
        uart_sends * 3 + yield_call(0, 0) + yield_call(0, 1),
        "console-read": allow(1, True, CONSOLE, 1, value(RAM, 0x70),
                              value(SMALL, 4)) +
        subscribe(1, CONSOLE, 2) + command(1, CONSOLE, 2, value(SMALL, 4)) +
        uart_receives * 2 + yield_call(1, 1) + command(1, CONSOLE, 3) +
        yield_call(1, 0),
        "alarm": subscribe(0, ALARM, 0) + command(0, ALARM, 5,
                                                  value(SMALL, 20)) +
        yield_call(0, 1) + time_passes + yield_call(0, 0) + subscribe(
            1, ALARM, 0) + command(1, ALARM, 6, value(ZERO), value(SMALL, 9)),
        "console-and-faults": b"\xd0\x00" + yield_call(0, 0) + b"\xd1\x00" +
        b"\xc0\x01" + b"\xc0\x01" + b"\xd2\x00" + command(0, ALARM, 0) +
        b"\xd3\x00" + command(0, ALARM, 0),
        "stack-moved": call(0, 2, ALARM, 0, value(ZERO), value(ZERO))[:-1] +
        b"\xf0" + value(BREAK, -8) + call(1, 0, 0, value(RAM, 4))[:-1] +
        b"\xf0" + value(OTHER_RAM, 0x40),
    }
    for name, data in seeds.items():
        with open(os.path.join(output, name), "wb") as file:
            file.write(data)


if __name__ == "__main__":
    main()

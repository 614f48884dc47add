#!/usr/bin/env python3
"""Write the guest's initramfs: an uncompressed newc cpio archive.

The archive holds busybox (its applet links are made by /init at boot), the
console node, the kernel modules with their load order, /init, the scenario
scripts with the helpers they source (/lib/scenario_lib.sh) and the guest
tool. Every entry has a fixed owner and mtime and the
entries are sorted, so the same inputs always give the same bytes.
"""

import argparse
import stat
import sys
from pathlib import Path

# The mtime of every entry: fixed, so the output only depends on the inputs.
MTIME = 0

DIRECTORIES = ["bin", "dev", "lib", "lib/modules", "proc", "scenarios",
               "sbin", "sys", "tmp", "usr", "usr/bin", "usr/sbin"]


class Archive:
    """A newc ("070701") cpio archive built in memory."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.inode = 0

    def _pad(self) -> None:
        """Pad to the 4-byte boundary newc requires after names and data."""
        self.data += b"\0" * (-len(self.data) % 4)

    def add(self, name: str, mode: int, content: bytes = b"",
            rdev: tuple[int, int] = (0, 0)) -> None:
        """Append one entry: `mode` holds its type and permission bits."""
        self.inode += 1
        encoded = name.encode() + b"\0"
        fields = [self.inode, mode, 0, 0, 1, MTIME, len(content), 0, 0,
                  rdev[0], rdev[1], len(encoded), 0]
        self.data += b"070701" + "".join(f"{f:08x}" for f in fields).encode()
        self.data += encoded
        self._pad()
        self.data += content
        self._pad()

    def add_file(self, name: str, source: Path, executable: bool) -> None:
        """Append the regular file `source` as `name`."""
        mode = stat.S_IFREG | (0o755 if executable else 0o644)
        self.add(name, mode, source.read_bytes())

    def finish(self) -> bytes:
        """Append the trailer and return the archive's bytes."""
        self.add("TRAILER!!!", 0)
        return bytes(self.data)


def build(arguments: argparse.Namespace) -> bytes:
    """Return the initramfs for the parsed command line."""
    archive = Archive()
    for directory in DIRECTORIES:
        archive.add(directory, stat.S_IFDIR | 0o755)
    archive.add("dev/console", stat.S_IFCHR | 0o600, rdev=(5, 1))
    archive.add_file("init", arguments.init, executable=True)
    archive.add_file("bin/busybox", arguments.busybox, executable=True)
    archive.add_file("bin/usb_guest_tool", arguments.tool, executable=True)
    archive.add_file("lib/scenario_lib.sh", arguments.library,
                     executable=False)
    modules = arguments.modules
    archive.add_file("lib/modules/order.txt", modules / "order.txt",
                     executable=False)
    for name in (modules / "order.txt").read_text().split():
        archive.add_file(f"lib/modules/{name}.ko", modules / f"{name}.ko",
                         executable=False)
    for script in sorted(arguments.scenarios, key=lambda path: path.name):
        archive.add_file(f"scenarios/{script.name}", script, executable=True)
    return archive.finish()


def main() -> int:
    """Parse the command line, write the archive, report a failure in a line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--init", type=Path, required=True)
    parser.add_argument("--busybox", type=Path, required=True)
    parser.add_argument("--tool", type=Path, required=True)
    parser.add_argument("--library", type=Path, required=True,
                        help="the shell helpers the scenarios source")
    parser.add_argument("--modules", type=Path, required=True,
                        help="directory with order.txt and the .ko files")
    parser.add_argument("scenarios", type=Path, nargs="*")
    arguments = parser.parse_args()
    try:
        image = build(arguments)
    except OSError as error:
        print(f"build_initramfs: {error}", file=sys.stderr)
        return 1
    arguments.out.write_bytes(image)
    return 0


if __name__ == "__main__":
    sys.exit(main())

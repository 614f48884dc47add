#!/usr/bin/env python3
"""Fetch Debian's kernel and the USB modules the guest needs.

Downloads the package linux-image-amd64 depends on (with `apt-get download`,
so the machine's own mirror is used), unpacks it in a temporary directory and
keeps only:

  OUT/vmlinux            the uncompressed kernel, taken from the xz payload of
                         /boot/vmlinuz-*; QEMU boots it through its PVH entry
  OUT/modules/NAME.ko    the wanted modules and everything they depend on
  OUT/modules/order.txt  their names, one a line, in an order insmod accepts
  OUT/package.txt        the package and the wanted modules the files are for

When OUT already holds the files for the same package and modules (the
script itself changed, say, or a checkout touched it), nothing is downloaded.

Debian's package carries no modules.dep (depmod writes it at install time),
so dependencies are read from each module's own `.modinfo` section, the
`depends=` field modpost writes and depmod itself starts from.
"""

import argparse
import lzma
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

# The modules the scenarios use; their dependencies are added automatically.
WANTED_MODULES = ["xhci-pci", "cdc-acm", "usbhid", "hid-generic"]

META_PACKAGE = "linux-image-amd64"


class FetchError(Exception):
    """A failure explained in one line."""


def kernel_package() -> str:
    """Return the versioned kernel package the meta package depends on."""
    result = subprocess.run(["apt-cache", "depends", META_PACKAGE],
                            capture_output=True, text=True, check=False)
    for line in result.stdout.splitlines():
        kind, _, name = line.strip().partition(": ")
        if kind == "Depends" and name.startswith("linux-image-"):
            return name
    raise FetchError(f"apt-cache knows no kernel for {META_PACKAGE}; "
                     "run 'apt-get update' and try again")


def download(package: str, directory: Path) -> Path:
    """Download `package`'s .deb into `directory` and return its path."""
    result = subprocess.run(["apt-get", "download", package], cwd=directory,
                            capture_output=True, text=True, check=False)
    debs = list(directory.glob("*.deb"))
    if result.returncode != 0 or len(debs) != 1:
        reason = (result.stderr.strip().splitlines() or ["no .deb written"])[-1]
        raise FetchError(f"'apt-get download {package}' failed ({reason}); "
                         "check the network or the apt mirror, then rebuild")
    return debs[0]


def extract_vmlinux(bzimage: bytes) -> bytes:
    """Return the ELF kernel inside a bzImage's xz-compressed payload.

    The boot protocol's setup header gives the payload's offset (relative to
    the protected-mode code, which follows the setup sectors) and length.
    """
    if bzimage[0x202:0x206] != b"HdrS":
        raise FetchError("vmlinuz is not a bzImage (no HdrS setup header)")
    setup_sectors = bzimage[0x1F1] or 4
    payload_offset, payload_length = struct.unpack_from("<II", bzimage, 0x248)
    start = (setup_sectors + 1) * 512 + payload_offset
    payload = bzimage[start:start + payload_length]
    if not payload.startswith(b"\xfd7zXZ\x00"):
        raise FetchError("the bzImage payload is not xz; cannot extract vmlinux")
    vmlinux = lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(payload)
    if not vmlinux.startswith(b"\x7fELF"):
        raise FetchError("the decompressed bzImage payload is not an ELF file")
    return vmlinux


def modinfo_depends(module: bytes) -> list[str]:
    """Return the `depends=` list of an ELF64 little-endian kernel module."""
    section_offset, = struct.unpack_from("<Q", module, 0x28)
    entry_size, count, names_index = struct.unpack_from("<HHH", module, 0x3A)

    def section(index: int) -> tuple[int, int, int]:
        """Return (name offset, file offset, size) of section `index`."""
        base = section_offset + index * entry_size
        name, = struct.unpack_from("<I", module, base)
        offset, size = struct.unpack_from("<QQ", module, base + 0x18)
        return name, offset, size

    _, names_offset, _ = section(names_index)
    for index in range(count):
        name, offset, size = section(index)
        end = module.index(b"\0", names_offset + name)
        if module[names_offset + name:end] == b".modinfo":
            for field in module[offset:offset + size].split(b"\0"):
                if field.startswith(b"depends="):
                    value = field[len(b"depends="):].decode()
                    return [item for item in value.split(",") if item]
            return []
    raise FetchError("a kernel module has no .modinfo section")


def load_order(modules: dict[str, Path], wanted: list[str]) -> list[str]:
    """Return `wanted` and their dependencies, each after its dependencies."""
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in order:
            return
        if name in path:
            raise FetchError(f"module dependency cycle: {' -> '.join(path)}")
        if name not in modules:
            raise FetchError(f"module {name} is not in the kernel package")
        for dependency in modinfo_depends(modules[name].read_bytes()):
            visit(dependency, path + (name,))
        order.append(name)

    for name in wanted:
        visit(name, ())
    return order


def fetch(out: Path) -> None:
    """Fill `out` with vmlinux, the modules and their load order."""
    package = kernel_package()
    manifest = f"{package} {' '.join(WANTED_MODULES)}\n"
    outputs = [out / "vmlinux", out / "modules/order.txt"]
    if (out / "package.txt").is_file() and all(p.is_file() for p in outputs):
        if (out / "package.txt").read_text() == manifest:
            # Newer than the script, so the build sees them up to date.
            for path in outputs:
                path.touch()
            return
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        deb = download(package, work)
        tree = work / "tree"
        subprocess.run(["dpkg", "-x", str(deb), str(tree)], check=True)
        deb.unlink()
        vmlinuz = list((tree / "boot").glob("vmlinuz-*"))
        if len(vmlinuz) != 1:
            raise FetchError(f"{package} holds no single /boot/vmlinuz-*")
        modules = {path.name.removesuffix(".ko"): path
                   for path in (tree / "lib/modules").glob("*/kernel/**/*.ko")}
        order = load_order(modules, WANTED_MODULES)

        shutil.rmtree(out, ignore_errors=True)
        (out / "modules").mkdir(parents=True)
        (out / "vmlinux").write_bytes(extract_vmlinux(vmlinuz[0].read_bytes()))
        for name in order:
            shutil.copyfile(modules[name], out / "modules" / f"{name}.ko")
        (out / "modules/order.txt").write_text("".join(f"{n}\n" for n in order))
        (out / "package.txt").write_text(manifest)


def main() -> int:
    """Parse the command line and fetch, printing one line on failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True,
                        help="directory to fill (replaced)")
    arguments = parser.parse_args()
    try:
        fetch(arguments.out)
    except FetchError as error:
        print(f"fetch_kernel: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

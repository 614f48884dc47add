#!/usr/bin/env python3
"""Tock's kernel flash for the features of leash's reference kernel.

    tock_size.py TOCK_DIR [KERNEL_BUILD_DIR]

TOCK_DIR is a checkout of tock/tock at release-2.1.1 (the last release whose
nightly, 2022-07-03, Debian 12's Rust 1.63 can stand in for); it is not
changed: the boards are built in a copy. KERNEL_BUILD_DIR is leash's kernel
cross build (default: build/reference-kernel), whose processes image is
compared.

Two Tock images are built for the same Cortex-M4 (thumbv7em-none-eabi), with
Tock's release profile (opt-level "z", LTO, one codegen unit) and linker
flags (rust-lld, identical code folding):

- nucleo_f446re as Tock ships it: console, LEDs, button, ADC, alarm,
  temperature, GPIO, IPC, process console;
- the same board with only the features leash's board has: processes under
  the MPU, console on a UART mux, alarm, LEDs, process console, debug output
  and the fault report (the button, ADC, temperature, GPIO and IPC drivers
  removed from its main.rs).

Needs Debian's Rust (`apt-get install rustc cargo rust-src
librust-compiler-builtins-dev`): `core` and `compiler_builtins` are compiled
for the target from their sources, as `-Z build-std` would, since no
prebuilt Cortex-M standard library comes with Debian. Exit status 0 when both
images built, 2 on bad input or missing tools, 1 when a build failed.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

TARGET = "thumbv7em-none-eabi"
BOARD = "nucleo_f446re"
SAME_FEATURES_BOARD = "nucleo_f446re_leash_features"
RUSTC = "/usr/bin/rustc"
CARGO = "/usr/bin/cargo"
CORE_SOURCE = "/usr/lib/rustlib/src/rust/library/core/src/lib.rs"
REGISTRY = "/usr/share/cargo/registry"
# Tock's boards/Makefile.common, release 2.1.1.
LINK_FLAGS = ["-C", "link-arg=-Tlayout.ld", "-C", "linker=rust-lld",
              "-C", "linker-flavor=ld.lld", "-C", "relocation-model=static",
              "-C", "link-arg=-nmagic", "-C", "link-arg=-icf=all"]

# The drivers of nucleo_f446re that leash's board does not have. Each edit is
# (what it removes, a pattern over main.rs, how many matches it must find):
# a board source that differs from release 2.1.1 is refused, not half-edited.
# A field of the board's struct, or its value where the board is built.
DRIVER_FIELD = r"^ *(button|adc|temperature|gpio|ipc): [^\n]*,\n"
DRIVER_LOOKUP = (r"^ *(capsules::(button|adc|temperature|gpio)|kernel::ipc)"
                 r"::DRIVER_NUM => [^\n]*\n")
EDITS = [
    ("the drivers' fields and their values", DRIVER_FIELD, 9),
    ("their system call lookups", DRIVER_LOOKUP, 5),
    ("the IPC driver", r"^ *ipc: kernel::ipc::IPC::new\(.*?^ *\),\n", 1),
    ("the button", r"^ *// BUTTONs\n.*?button_component_buf!\([^\n]*\n", 1),
    ("the ADC and temperature sensor",
     r"^ *// ADC\n.*?(?=^ *let process_printer)", 1),
    ("the GPIO pins", r"^ *// GPIO\n.*?gpio_component_buf!\([^\n]*\n", 1),
]


def fail(message, status=2):
    print(f"tock_size: {message}", file=sys.stderr)
    sys.exit(status)


def check_tools():
    """Debian's Rust, its core sources and compiler_builtins' crate."""
    missing = [path for path in (RUSTC, CARGO, CORE_SOURCE) if not os.path.exists(path)]
    builtins = sorted(entry for entry in os.listdir(REGISTRY)
                      if entry.startswith("compiler_builtins-")) \
        if os.path.isdir(REGISTRY) else []
    if missing or not builtins:
        fail("Debian's Rust is missing; run: apt-get install rustc cargo "
             "rust-src librust-compiler-builtins-dev")
    return os.path.join(REGISTRY, builtins[-1], "src", "lib.rs")


def rust_environment(home):
    """Cargo and rustc of Debian, allowed Tock's unstable features."""
    environment = dict(os.environ, RUSTC_BOOTSTRAP="1", RUSTC=RUSTC,
                       CARGO_HOME=os.path.join(home, "cargo-home"))
    return environment


def build_sysroot(home, builtins_source, environment):
    """`core` and `compiler_builtins` for TARGET, as Tock's profile builds."""
    sysroot = os.path.join(home, "sysroot")
    library = os.path.join(sysroot, "lib", "rustlib", TARGET, "lib")
    os.makedirs(library)
    common = ["--crate-type", "lib", "--target", TARGET, "-C", "opt-level=z",
              "-C", "panic=abort", "-C", "embed-bitcode=yes",
              "-Z", "force-unstable-if-unmarked", "--out-dir", library]
    subprocess.run([RUSTC, "--edition", "2021", "--crate-name", "core",
                    *common, CORE_SOURCE], check=True, env=environment)
    # The edition of its manifest, and the configuration its build script
    # gives a thumb target.
    subprocess.run([RUSTC, "--edition", "2015", "--crate-name", "compiler_builtins",
                    "--sysroot", sysroot, "--cfg", 'feature="compiler-builtins"',
                    "--cfg", 'feature="mem"', "--cfg", 'feature="unstable"',
                    "--cfg", "thumb", *common, builtins_source],
                   check=True, env=environment)
    return sysroot


def make_same_features_board(tock):
    """A copy of BOARD with only the drivers leash's board has."""
    source = os.path.join(tock, "boards", BOARD)
    board = os.path.join(tock, "boards", SAME_FEATURES_BOARD)
    shutil.copytree(source, board)
    main = os.path.join(board, "src", "main.rs")
    with open(main) as file:
        text = file.read()
    for what, pattern, count in EDITS:
        text, found = re.subn(pattern, "", text, flags=re.MULTILINE | re.DOTALL)
        if found != count:
            fail(f"{BOARD}'s main.rs is not release 2.1.1's: {what} matched "
                 f"{found} times, not {count}; check out release-2.1.1")
    text, found = re.subn(r"Some\(&\w+\.ipc\)",
                          "None::<&kernel::ipc::IPC<{ NUM_PROCS as u8 }>>", text)
    if found != 1:
        fail(f"{BOARD}'s main.rs is not release 2.1.1's: its kernel loop "
             "takes no IPC; check out release-2.1.1")
    with open(main, "w") as file:
        file.write(text)
    manifest = os.path.join(board, "Cargo.toml")
    with open(manifest) as file:
        text = file.read()
    with open(manifest, "w") as file:
        file.write(text.replace(f'name = "{BOARD}"', f'name = "{SAME_FEATURES_BOARD}"'))
    workspace = os.path.join(tock, "Cargo.toml")
    with open(workspace) as file:
        text = file.read()
    with open(workspace, "w") as file:
        file.write(text.replace(f'"boards/{BOARD}",',
                                f'"boards/{BOARD}",\n    "boards/{SAME_FEATURES_BOARD}",'))


def build_board(tock, board, sysroot, environment):
    """The board's release image; returns its path."""
    directory = os.path.join(tock, "boards", board)
    # Tock's own warnings (the edited board leaves some names unused) are
    # not this script's output: they are shown only if the build fails. Not
    # `-A warnings`: cargo reads rustc's warnings about the crate types a
    # bare-metal target drops, and cannot parse rustc's answer without them.
    flags = " ".join(["--sysroot", sysroot, *LINK_FLAGS])
    result = subprocess.run(
        [CARGO, "rustc", "--offline", "--quiet", "--target", TARGET,
         "--bin", board, "--release", "--", f"-Clink-arg=-L{directory}"],
        cwd=directory, env=dict(environment, RUSTFLAGS=flags),
        capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-4000:])
        fail(f"cargo could not build {board}", status=1)
    return os.path.join(tock, "target", TARGET, "release", board)


def text_size(image):
    """The flash an image takes: its text (code, constants, vectors) + data."""
    output = subprocess.run(["arm-none-eabi-size", image], check=True,
                            capture_output=True, text=True).stdout
    text, data = output.splitlines()[1].split()[:2]
    return int(text) + int(data)


def main():
    if len(sys.argv) not in (2, 3):
        fail("usage: tock_size.py TOCK_DIR [KERNEL_BUILD_DIR]")
    tock_source = sys.argv[1]
    leash_build = sys.argv[2] if len(sys.argv) == 3 else os.path.join(
        os.path.dirname(__file__), "..", "..", "build", "reference-kernel")
    if not os.path.isfile(os.path.join(tock_source, "boards", BOARD, "src", "main.rs")):
        fail(f"{tock_source} is not a Tock checkout (no boards/{BOARD}); "
             "clone tock/tock and check out release-2.1.1")
    leash_image = os.path.join(leash_build, "qemu-mps2-an386-processes.elf")
    if not os.path.isfile(leash_image):
        fail(f"{leash_image} not found; build the kernel first (./scripts/test "
             "or ninja -C build)")
    builtins_source = check_tools()
    with tempfile.TemporaryDirectory(prefix="tock-size-") as home:
        tock = os.path.join(home, "tock")
        shutil.copytree(tock_source, tock,
                        ignore=shutil.ignore_patterns(".git", "target"))
        environment = rust_environment(home)
        try:
            sysroot = build_sysroot(home, builtins_source, environment)
        except subprocess.CalledProcessError:
            fail("rustc could not build core or compiler_builtins for "
                 f"{TARGET} (its errors above)", status=1)
        make_same_features_board(tock)
        shipped = text_size(build_board(tock, BOARD, sysroot, environment))
        same = text_size(build_board(tock, SAME_FEATURES_BOARD, sysroot, environment))
    leash = text_size(leash_image)
    print(f"Kernel flash (bytes), {TARGET}")
    print(f"  Tock 2.1.1 {BOARD} as shipped            {shipped:7d}")
    print(f"  Tock 2.1.1, only leash's board's features      {same:7d}")
    print(f"  leash qemu-mps2-an386 with processes           {leash:7d}"
          f"  ({leash / same:.2f} of Tock's, target 0.25)")


if __name__ == "__main__":
    main()

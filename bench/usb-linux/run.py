#!/usr/bin/env python3
"""USB through Linux benchmark: CDC-ACM echo throughput through a real Linux
host (QEMU, usbredir), the reference stack against a bare usbredir echo
device that does no USB stack work (the ceiling of the set-up), measured in
one run; and the time from a device attach to a usable /dev/ttyACM0. See
README.md.

usage: bench/usb-linux/run.py [BUILD_DIR] [--rounds N]

BUILD_DIR is the repository's build (default: build), where the build made
bin/leash-usb-bridge and the guest image. Each round runs the throughput
scenario once per device, alternating, so that a machine that slows down
affects both alike; the best round of each is reported, with the ratio.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RUNNER = os.path.join(ROOT, "reference-kernel", "usb-host", "run_scenario.py")

# The stack must reach this share of the bare echo's throughput.
TARGET_RATIO = 0.80


def run_scenario(build, device, scenario):
    """The metrics (name -> (value, unit)) of one scenario run; exits with
    the runner's output when the scenario fails."""
    guest = os.path.join(build, "reference-kernel", "host-tests", "usb-host",
                         "guest")
    command = [sys.executable, RUNNER,
               "--bridge", os.path.join(build, "bin", "leash-usb-bridge"),
               "--kernel", os.path.join(guest, "kernel", "vmlinux"),
               "--initramfs", os.path.join(guest, "initramfs.cpio"),
               "--device", device, "--scenario", scenario]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"run.py: {scenario} on {device} failed:\n"
                 f"{result.stdout}{result.stderr}")
    metrics = {}
    for line in result.stdout.splitlines():
        match = re.match(r"metric (\S+) ([0-9.]+) (\S+)", line)
        if match:
            metrics[match.group(1)] = (float(match.group(2)), match.group(3))
    return metrics


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", nargs="?", default=os.path.join(ROOT, "build"))
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()

    best = {}
    for _ in range(arguments.rounds):
        for device in ("bare-echo", "serial"):
            rate = run_scenario(arguments.build, device,
                                "throughput")["echo-throughput"][0]
            best[device] = max(best.get(device, 0.0), rate)
    hotplug = run_scenario(arguments.build, "serial", "hotplug")

    ratio = best["serial"] / best["bare-echo"]
    print("CDC-ACM echo through Linux (4 MiB written and read back at once; "
          "MiB/s in each direction, best of "
          f"{arguments.rounds} rounds)")
    print(f"  bare usbredir echo (ceiling)  {best['bare-echo']:8.2f} MiB/s")
    print(f"  reference stack               {best['serial']:8.2f} MiB/s")
    print(f"  stack / ceiling               {ratio:8.1%}   "
          f"(target {TARGET_RATIO:.0%}: "
          f"{'met' if ratio >= TARGET_RATIO else 'NOT met'})")
    print("Enumeration, attach to /dev/ttyACM0 usable (hotplug scenario, "
          f"{int(hotplug['enumeration-count'][0])} attaches)")
    for name in ("enumeration-min", "enumeration-mean", "enumeration-max"):
        value, unit = hotplug[name]
        print(f"  {name.split('-')[1]:<29} {value:8.1f} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

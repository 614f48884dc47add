#!/usr/bin/env python3
"""Checks that tshark dissects a bridge capture of the composite device's
enumeration: the device descriptor, SET_CONFIGURATION, the CDC functional
descriptors, a CDC class request and the HID report descriptor.

usage: check_capture.py CAPTURE.pcap

Exit status: 0 when every check holds; 1 naming each that does not; 2 when
tshark or the capture is missing.
"""
import shutil
import subprocess
import sys

# (what, display filter, field, values that must all appear)
CHECKS = [
    ("the device descriptor's vendor and product",
     "usb.bDescriptorType == 1", "usb.idVendor", {"0x1209"}),
    ("the device descriptor's product", "usb.bDescriptorType == 1",
     "usb.idProduct", {"0x0001"}),
    ("SET_CONFIGURATION(1)", "usb.setup.bRequest == 9",
     "usb.bConfigurationValue", {"1"}),
    ("the CDC functional descriptors (header, call management, ACM, union)",
     "usbcom.descriptor.subtype", "usbcom.descriptor.subtype",
     {"0x00", "0x01", "0x02", "0x06"}),
    ("a CDC class request (SET_LINE_CODING)", "usbcom.control.request_code",
     "usbcom.control.request_code", {"0x20"}),
    ("the HID report descriptor's 64-byte reports",
     "usbhid.item.global.report_count", "usbhid.item.global.report_count",
     {"64"}),
]


def field_values(capture, display_filter, field):
    """Every value of `field` in the packets that match `display_filter`."""
    result = subprocess.run(
        ["tshark", "-r", capture, "-Y", display_filter, "-T", "fields",
         "-e", field], capture_output=True, text=True)
    if result.returncode != 0:
        # tshark's last line says why (the first may be about running as
        # root).
        why = result.stderr.strip().splitlines()[-1:] or ["no reason given"]
        print(f"check_capture: tshark cannot read {capture}: {why[0]}",
              file=sys.stderr)
        sys.exit(2)
    values = set()
    for line in result.stdout.split():
        values.update(value.strip() for value in line.split(","))
    return values


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        return 2
    if shutil.which("tshark") is None:
        print("check_capture: tshark is not installed (scripts/setup installs "
              "it)", file=sys.stderr)
        return 2
    capture = sys.argv[1]
    failures = []
    for what, display_filter, field, wanted in CHECKS:
        found = field_values(capture, display_filter, field)
        if not wanted <= found:
            failures.append(f"{what}: wanted {sorted(wanted)} in {field}, "
                            f"found {sorted(found)}")
    for failure in failures:
        print(f"check_capture: {failure}")
    print(f"check_capture: {len(CHECKS) - len(failures)} of {len(CHECKS)} "
          "checks hold")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

# Device: composite. Odd and wrong control requests through usbfs: short and
# long descriptor reads must be cut to the asked length, unknown requests
# must stall, and the device must still work afterwards.
#
# What usbfs itself does with them (drivers/usb/core/devio.c,
# check_ctrlrecip): requests to the device or of vendor type go through
# untouched; a standard or class request to an interface first claims that
# interface for usbfs, so it fails with EBUSY while cdc_acm or usbhid holds
# it and with ENOENT when the interface does not exist (the device never
# sees those). So cdc_acm is unbound for the CDC requests, and GET_INTERFACE
# of a missing interface can only check usbfs's refusal.
. /lib/scenario_lib.sh
wait_for_device /dev/ttyACM0 /dev/hidraw0 || exit 1

# The descriptors Linux read at enumeration are the reference answers.
descriptors=$(hex_of "$DEVICE/descriptors")
device_descriptor=${descriptors:0:36}
configuration=${descriptors:36}
node=$(usbfs_node)

# expect_control "DESCRIPTION" "EXPECTED LINE" REQTYPE REQ VALUE INDEX LENGTH
# [HEXDATA]: one control transfer, whose printed answer must be EXPECTED.
expect_control() {
    description=$1
    expected=$2
    shift 2
    answer=$(usb_guest_tool control "$node" "$@")
    echo "$description: $answer"
    [ "$answer" = "$expected" ] ||
        fail "$description: got '$answer', expected '$expected'"
}

expect_control "device descriptor, wLength 0" "control ok len=0 data=" \
    0x80 6 0x0100 0 0
expect_control "device descriptor, wLength 1" "control ok len=1 data=12" \
    0x80 6 0x0100 0 1
expect_control "device descriptor, wLength 7" \
    "control ok len=7 data=${device_descriptor:0:14}" 0x80 6 0x0100 0 7
expect_control "device descriptor, wLength 18" \
    "control ok len=18 data=$device_descriptor" 0x80 6 0x0100 0 18
expect_control "device descriptor, wLength 255" \
    "control ok len=18 data=$device_descriptor" 0x80 6 0x0100 0 255
expect_control "configuration descriptor, wLength 4" \
    "control ok len=4 data=${configuration:0:8}" 0x80 6 0x0200 0 4
expect_control "configuration descriptor, wLength 9" \
    "control ok len=9 data=${configuration:0:18}" 0x80 6 0x0200 0 9
expect_control "configuration descriptor, wLength 1000" \
    "control ok len=$((${#configuration} / 2)) data=$configuration" \
    0x80 6 0x0200 0 1000
expect_control "string descriptor 0 (languages)" \
    "control ok len=4 data=04030904" 0x80 6 0x0300 0 255
expect_control "unknown standard request 0x55" "control stall" \
    0x80 0x55 0 0 8
expect_control "string descriptor 99" "control stall" 0x80 6 0x0363 0x0409 255
expect_control "unknown vendor request" "control stall" 0xc0 0x77 0 0 8
expect_control "GET_INTERFACE of missing interface 7 (usbfs refuses)" \
    "control error errno=2 (No such file or directory)" 0x81 0x0a 0 7 1

# CDC requests go to interface 0: take it from cdc_acm first.
acm=/sys/bus/usb/drivers/cdc_acm
printf 1-1:1.0 >$acm/unbind
tool wait-path /dev/ttyACM0 absent 5000
expect_control "SET_LINE_CODING with 3 of its 7 bytes" "control stall" \
    0x21 0x20 0 0 3 004b00
# The same request whole is accepted: the stall above was for the length.
expect_control "SET_LINE_CODING 19200 8N1" "control ok len=7 data=" \
    0x21 0x20 0 0 7 004b0000000008
echo "@@expect-event line-coding 19200 8 none 1"
printf 1-1:1.0 >$acm/bind
tool wait-path /dev/ttyACM0 present 5000

# The device still works after all that.
tool echo-test /dev/ttyACM0 65536
tool hidraw-echo /dev/hidraw0 10

# Helpers every scenario sources (/lib/scenario_lib.sh in the guest). Lines
# starting with @@ go to run_scenario.py on the host; see its docstring.

# The simulated device is the only one on the xHCI controller's first port.
DEVICE=/sys/bus/usb/devices/1-1

# Records a failure; the scenario goes on, so one run shows every problem.
fail() {
    echo "@@fail $*"
}

# A pipeline fails when usb_guest_tool does, not only when tee does.
set -o pipefail

# What the last usb_guest_tool run by `tool` printed (the guest's root is a
# writable ramfs).
TOOL_OUTPUT=/tool-output.txt

# Runs usb_guest_tool and turns a non-zero status into a failure carrying its
# last line. Its lines reach the console as they come (through tee, not a
# command substitution): some are @@ requests the harness must act on at once.
tool() {
    usb_guest_tool "$@" | tee "$TOOL_OUTPUT"
    status=$?
    [ "$status" -eq 0 ] || fail "usb_guest_tool $1: $(tail -n 1 "$TOOL_OUTPUT")"
    return "$status"
}

# Prints FILE as lowercase hex, one line.
hex_of() {
    od -An -v -tx1 "$1" | tr -d ' \n'
}

# Waits for the device and the device nodes its drivers make (arguments).
wait_for_device() {
    tool wait-path "$DEVICE" present 10000 || return 1
    for node in "$@"; do
        tool wait-path "$node" present 10000 || return 1
    done
}

# Checks the driver bound to each interface: check_drivers DRIVER0 DRIVER1...
check_drivers() {
    number=0
    for expected in "$@"; do
        link="$DEVICE:1.$number/driver"
        bound=$(basename "$(readlink "$link")" 2>/dev/null)
        [ "$bound" = "$expected" ] ||
            fail "interface $number is bound to '${bound:-nothing}', not $expected"
        number=$((number + 1))
    done
}

# The enumeration scenarios: descriptors as the host read them (compared by
# the harness), the configuration chosen, the drivers and their nodes.
check_enumeration() {
    nodes=$1
    shift
    # shellcheck disable=SC2086 # the node list is split on purpose
    wait_for_device $nodes || return
    echo "@@descriptors $(hex_of "$DEVICE/descriptors")"
    configuration=$(cat "$DEVICE/bConfigurationValue")
    [ "$configuration" = 1 ] ||
        fail "bConfigurationValue is '$configuration', not 1"
    check_drivers "$@"
}

# Prints the device's usbfs node, /dev/bus/usb/BBB/DDD.
usbfs_node() {
    printf '/dev/bus/usb/%03d/%03d\n' "$(cat "$DEVICE/busnum")" \
        "$(cat "$DEVICE/devnum")"
}

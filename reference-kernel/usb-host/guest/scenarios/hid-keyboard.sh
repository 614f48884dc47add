# Device: keyboard. A key report the bridge injects reaches hidraw, and the
# LED output report Linux sends by SET_REPORT reaches the keyboard.
. /lib/scenario_lib.sh
wait_for_device /dev/hidraw0 || exit 1
# Left shift and 'a'; hidraw-read asks for it once usbhid polls.
report=0200040000000000
tool hidraw-read /dev/hidraw0 $report 5000 "@@bridge hid-report $report"
# Report number 0 (the keyboard has no report ids), then the LED bits:
# num lock and caps lock.
tool hidraw-write /dev/hidraw0 0003
echo "@@expect-event keyboard-leds 3"

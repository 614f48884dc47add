# Device: composite. The generic HID function echoes 100 distinct 64-byte
# output reports (interrupt OUT) as input reports (interrupt IN).
. /lib/scenario_lib.sh
wait_for_device /dev/hidraw0 || exit 1
tool hidraw-echo /dev/hidraw0 100

# Device: composite. The composite device enumerates: descriptors as
# declared, configuration 1, cdc_acm on interfaces 0 and 1, usbhid on 2, and
# both /dev/ttyACM0 and /dev/hidraw0.
. /lib/scenario_lib.sh
check_enumeration "/dev/ttyACM0 /dev/hidraw0" cdc_acm cdc_acm usbhid

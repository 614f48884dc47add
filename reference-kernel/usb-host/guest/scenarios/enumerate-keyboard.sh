# Device: keyboard. The boot keyboard enumerates: descriptors as declared,
# configuration 1, usbhid on its interface, /dev/hidraw0.
. /lib/scenario_lib.sh
check_enumeration /dev/hidraw0 usbhid

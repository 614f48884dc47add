# Device: serial. The serial port enumerates: descriptors as declared,
# configuration 1, cdc_acm on both interfaces, /dev/ttyACM0.
. /lib/scenario_lib.sh
check_enumeration /dev/ttyACM0 cdc_acm cdc_acm

# Device: serial. The CDC-ACM function end to end: bulk data both ways, the
# line coding and control lines the host sets, SERIAL_STATE from the device.
. /lib/scenario_lib.sh
wait_for_device /dev/ttyACM0 || exit 1
port=/dev/ttyACM0

tool echo-test $port 1048576

# SET_LINE_CODING: busybox stty changes the termios, cdc_acm sends it. Two
# codings, so data bits, parity and stop bits each take two values.
stty -F $port 9600 cs7 parenb -parodd -cstopb
echo "@@expect-event line-coding 9600 7 even 1"
stty -F $port 115200 cs8 parenb parodd cstopb
echo "@@expect-event line-coding 115200 8 odd 2"

# SET_CONTROL_LINE_STATE: each open raises both lines, so only the lopsided
# states show that the bits reach the device separately.
tool tiocm $port set dtr
echo "@@expect-event control-lines dtr=1 rts=0"
tool tiocm $port set rts
echo "@@expect-event control-lines dtr=0 rts=1"

# SERIAL_STATE (bit 0 DCD, bit 1 DSR, bit 3 RI): cdc_acm only listens while
# the tty is open, so the tool asks the bridge once it has opened it.
tool tiocm $port wait cd,dsr 5000 "@@bridge serial-state 3"
tool tiocm $port wait cd,dsr,ri 5000 "@@bridge serial-state 11"

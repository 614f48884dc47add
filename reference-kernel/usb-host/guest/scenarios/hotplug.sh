# Device: serial. Ten detach/attach cycles: the port goes away and comes
# back, the bridge gets every lease home after each detach, and the new port
# carries data. The harness times each enumeration (attach to tty node).
. /lib/scenario_lib.sh
wait_for_device /dev/ttyACM0 || exit 1
cycle=1
while [ $cycle -le 10 ]; do
    echo "@@bridge detach"
    tool wait-path /dev/ttyACM0 absent 10000 || exit 1
    echo "@@expect-event leases-home yes"
    echo "@@bridge attach"
    tool wait-path /dev/ttyACM0 present 10000 || exit 1
    echo "@@mark enumerated"
    echo "@@report-enumeration-time"
    tool echo-test /dev/ttyACM0 4096
    cycle=$((cycle + 1))
done

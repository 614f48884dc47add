# Device: serial or bare-echo (the benchmark runs both). Bulk echo throughput
# through /dev/ttyACM0, and the time from QEMU's start to a usable port.
. /lib/scenario_lib.sh
wait_for_device /dev/ttyACM0 || exit 1
echo "@@mark tty-ready"
tool echo-test /dev/ttyACM0 4194304 || exit 1
rate=$(sed -n 's/.*mib_per_s=\([0-9.]*\).*/\1/p' "$TOOL_OUTPUT")
echo "@@metric echo-throughput $rate MiB/s"

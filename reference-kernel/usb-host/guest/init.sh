#!/bin/busybox sh
# PID 1 of the USB test guest: load the USB modules, run the scenario named
# by leash.scenario=NAME on the kernel command line, print @@done, power off.
# Lines starting with @@ are read by run_scenario.py on the serial console.

# The initramfs only holds busybox itself: make its applet links first.
/bin/busybox --install -s

mount -t proc proc /proc
mount -t sysfs sysfs /sys
# The kernel does not mount devtmpfs on an initramfs by itself.
mount -t devtmpfs devtmpfs /dev
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
# A kernel message printed in the middle of a line would cut an @@ request in
# two: keep them off the console; the warnings are printed at the end.
dmesg -n 1

for module in $(cat /lib/modules/order.txt); do
    insmod "/lib/modules/$module.ko" || echo "@@fail insmod $module"
done

scenario=
for word in $(cat /proc/cmdline); do
    case "$word" in
        leash.scenario=*) scenario="${word#leash.scenario=}" ;;
    esac
done

if [ -z "$scenario" ]; then
    echo "@@fail no leash.scenario=NAME on the kernel command line"
elif [ ! -f "/scenarios/$scenario.sh" ]; then
    echo "@@fail no scenario script $scenario.sh in the initramfs"
else
    # The scenario's own @@fail lines say what went wrong; its status is a
    # safety net for a script that stopped early.
    sh "/scenarios/$scenario.sh" || echo "@@fail scenario $scenario exited $?"
fi
dmesg -r | grep '^<[0-4]>'
echo "@@done"
poweroff -f

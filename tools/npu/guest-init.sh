#!/bin/sh
# SPDX-License-Identifier: MIT
#
# /init of the NPU guest (tools/npu/guest.sh): mount what the programs
# need, run /run.sh, then scan for leaks with kmemleak where the kernel
# has it, and power off. guest.sh reads the "guest:" lines.

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug
mount -t tmpfs tmpfs /tmp
export PATH=/bin

echo "guest: start"
sh /run.sh
rc=$?
echo "guest: run.sh exit $rc"

leak=/sys/kernel/debug/kmemleak
if [ -e $leak ]; then
	# kmemleak ignores objects younger than 5 s; two scans, as its
	# documentation advises against transient false positives.
	sleep 6
	if echo scan >$leak && echo scan >$leak; then
		n=$(grep -c 'unreferenced object' $leak)
		echo "guest: kmemleak $n"
		head -n 60 $leak
	else
		echo "guest: kmemleak cannot scan"
	fi
fi
echo "guest: done"
sync
# QEMU runs with -no-reboot and has no ACPI power-off; UML powers off.
if grep -q guest.halt=reboot /proc/cmdline; then
	reboot -f
fi
poweroff -f

#!/bin/bash
# SPDX-License-Identifier: MIT
#
# make demo: boot the QEMU x86_64 guest (2 CPUs, KASAN, lockdep, kmemleak;
# tools/npu/guest.sh) with drm_dep, the simulated NPU and the npu driver,
# and run tools/npu/npu_demo.c in it: several clients served at once, a
# hang detected and recovered, a client killed mid-flight. Prints the
# demo's account and whether the kernel log stayed clean. The first run
# builds the kernel of the QEMU KUnit lane (build/qemu), a few minutes;
# later runs reuse it. DEMO_CLIENTS and DEMO_INFERENCES size the load.
#
# The drm_dep core's own demonstration is make demo-core.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

echo "npu demo: booting the QEMU guest (building build/qemu first if needed) ..."
rc=0
bash "$repo/tools/npu/guest.sh" qemu -t 900 \
	"npu_demo -c ${DEMO_CLIENTS:-4} -n ${DEMO_INFERENCES:-250}" >"$repo/build/demo.guest" 2>&1 || rc=$?
echo
cat "$repo/build/guest-qemu.out"
echo
tail -n 3 "$repo/build/demo.guest"
if [ "$rc" -ne 0 ]; then
	echo "npu demo: FAILED (kernel log: build/guest-qemu.log)"
	exit 1
fi
echo "npu demo: the guest's kernel log is clean: no lockdep, KASAN or kmemleak report, no warning (build/guest-qemu.log)"

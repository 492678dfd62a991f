#!/bin/bash
# SPDX-License-Identifier: MIT
#
# The NPU end-to-end step of make check: boot the guests of
# tools/npu/guest.sh and run the end-to-end tests (npu_e2e), a short fuzz
# pass (npu_fuzz for FUZZ_SECONDS, default 20, seed FUZZ_SEED, default 1)
# and the fuzzer's self-check (-x: injected bus faults must be reported).
#
# Each TAP "ok" line of the guest's output is one passed case, each "not
# ok" one failed; a guest whose kernel log is not clean (tools/log-scan.sh,
# kmemleak) or that did not finish counts one more failure. Counts go to
# build/e2e.result as passed=N failed=N.
#
# QEMU x86_64 (-smp 2, KASAN, lockdep, kmemleak) always runs. UML runs the
# same tests where it can run userspace: UML 6.12 cannot on a host whose
# XSAVE area is larger than its FP_SIZE (AMX), where its first process
# dies with "ptrace set fp regs failed"; then the UML guest is reported as
# skipped, with that reason.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
seed=${FUZZ_SEED:-1}
secs=${FUZZ_SECONDS:-20}
passed=0 failed=0
start=$SECONDS

count() {
	grep -c "^$1 " "$2" || true
}

for lane in qemu uml; do
	out=$repo/build/guest-$lane.out
	rc=0
	said=$(bash "$repo/tools/npu/guest.sh" "$lane" -q -t 1200 \
		'npu_e2e' \
		"npu_fuzz -s $seed -t $secs" \
		"npu_fuzz -s $seed -t 5 -x" 2>&1) || rc=$?
	if [ "$lane" = uml ] &&
	   grep -q 'ptrace set fp regs failed' "$repo/build/guest-uml.log"; then
		echo "e2e uml: skipped: UML 6.12 cannot run userspace on this host (XSAVE area larger than its FP_SIZE)"
		continue
	fi
	[ -z "$said" ] || echo "$said"
	p=$(count ok "$out")
	f=$(count 'not ok' "$out")
	grep '^not ok\|^# .*:[0-9]*: ' "$out" | sed 's/^/  /' || true
	[ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || f=1
	echo "e2e $lane: $p passed, $f failed; $(grep -h '^# npu_fuzz: seed' "$out" | head -n 1 | sed 's/^# //; s/,$//')"
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "e2e: $passed passed, $failed failed in $((SECONDS - start))s"
echo "passed=$passed failed=$failed" >"$repo/build/e2e.result"
[ "$failed" -eq 0 ]

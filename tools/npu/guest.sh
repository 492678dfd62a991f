#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Boot the NPU guest and run commands in it.
#
#   tools/npu/guest.sh qemu|uml|bench-qemu [-t SECONDS] [-q] COMMAND...
#
# The guest is the kernel of the KUnit lane of that name (built here with
# kunit.py if the lane has not built it yet; bench-qemu is make bench's
# QEMU kernel, without debug options), booted with kunit.enable=0
# and npu.timeout_ms=200: QEMU x86_64 with -smp 2 (KASAN, lockdep,
# kmemleak) from an initramfs, or UML from a hostfs root. Both roots hold
# busybox (Debian's busybox-static), the static programs of tools/npu/
# and tools/npu/guest-init.sh as /init. Each COMMAND is one line of the
# shell script the guest runs; its output goes to build/guest-<lane>.out,
# apart from the kernel's console, build/guest-<lane>.log.
#
# Exit status 0 only if the script exited 0, the guest shut down cleanly
# and its kernel log is clean: no lockdep, KASAN or kmemleak report, no
# BUG:, Oops or panic, no WARNING: (tools/log-scan.sh). -q: print nothing
# but problems.
set -euo pipefail

lane=${1:-}
shift || true
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
tree=$repo/build/linux-source-6.12
timeout=900
quiet=
while getopts "t:q" o; do
	case $o in
	t) timeout=$OPTARG ;;
	q) quiet=1 ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
config=$repo/kunit/configs/$lane.config
case $lane in
qemu)	kernel=$repo/build/qemu/arch/x86/boot/bzImage
	arch=(--arch=x86_64) ;;
bench-qemu)
	kernel=$repo/build/bench-qemu/arch/x86/boot/bzImage
	config=$repo/bench/configs/qemu.config
	arch=(--arch=x86_64) ;;
uml)	kernel=$repo/build/uml/linux
	arch=() ;;
*)	echo "usage: $0 qemu|uml|bench-qemu [-t SECONDS] [-q] COMMAND..." >&2; exit 2 ;;
esac
[ $# -gt 0 ] || { echo "guest: no command" >&2; exit 2; }

say() {
	[ -n "$quiet" ] || echo "$@"
}

bash "$repo/tools/setup.sh"
if [ ! -e "$kernel" ] || [ "$config" -nt "$kernel" ]; then
	say "guest: building the $lane kernel (build/$lane)"
	(cd "$tree" && python3 tools/testing/kunit/kunit.py build \
		--build_dir="$repo/build/$lane" --kunitconfig="$config" \
		"${arch[@]}" --jobs="$(nproc)") >"$repo/build/guest-$lane.build.log" 2>&1 || {
		tail -n 30 "$repo/build/guest-$lane.build.log" >&2
		exit 1
	}
fi
make -s -C "$repo/tools/npu"

gdir=$repo/build/guest-$lane
root=$gdir/root
log=$repo/build/guest-$lane.log
out=$repo/build/guest-$lane.out
rm -rf "$root"
mkdir -p "$root"/{bin,dev,proc,sys,tmp}
cp /bin/busybox "$root/bin/busybox"
for a in sh mount mkdir cat echo grep head sleep sync poweroff reboot rm ls \
	 dmesg seq kill date wc tr cut; do
	ln -s busybox "$root/bin/$a"
done
find "$repo/build/npu-user" -maxdepth 1 -type f -name 'npu_*' ! -name '*.o' \
	-exec cp {} "$root/bin/" \;
install -m 755 "$repo/tools/npu/guest-init.sh" "$root/init"
{
	if [ "$lane" != uml ]; then
		echo 'exec >/dev/ttyS1 2>&1'
	else
		echo 'exec >/guest.out 2>&1'
	fi
	echo 'set -e'
	printf '%s\n' "$@"
} >"$root/run.sh"

: >"$out"
start=$SECONDS
cmdline="kunit.enable=0 npu.timeout_ms=200 panic=-1 loglevel=6"
rc=0
if [ "$lane" != uml ]; then
	(cd "$root" && find . | cpio -o -H newc --owner=0:0 --quiet) \
		>"$gdir/initramfs.cpio"
	timeout "$timeout" qemu-system-x86_64 -nodefaults -nographic \
		-no-reboot -m 2048 -smp 2 -bios qboot.rom \
		-kernel "$kernel" -initrd "$gdir/initramfs.cpio" \
		-append "console=ttyS0 rdinit=/init guest.halt=reboot $cmdline" \
		-serial stdio -serial "file:$out" </dev/null >"$log" 2>&1 || rc=$?
else
	timeout "$timeout" "$kernel" mem=1G root=/dev/root rootfstype=hostfs \
		rootflags="$root" rw init=/init con=null con0=fd:0,fd:1 \
		$cmdline </dev/null >"$log" 2>&1 || rc=$?
	cp "$root/guest.out" "$out" 2>/dev/null || true
fi
secs=$((SECONDS - start))

# shellcheck source=tools/log-scan.sh
. "$repo/tools/log-scan.sh"
problems=$(log_scan 0 <"$log" | grep '^  ' || true)
run_rc=$(sed -n 's/^guest: run.sh exit \([0-9]*\).*/\1/p' "$log" | tr -d '\r')
leaks=$(sed -n 's/^guest: kmemleak \([0-9]*\).*/\1/p' "$log" | tr -d '\r')
bad=0
if ! grep -q '^guest: done' "$log"; then
	problems+=$'\n'"  guest did not finish (exit $rc after ${secs}s)"
fi
if [ "$lane" = qemu ] && [ -z "$leaks" ]; then
	problems+=$'\n'"  kmemleak did not scan (disabled or missing)"
elif [ -n "$leaks" ] && [ "$leaks" != 0 ]; then
	problems+=$'\n'"  kmemleak: $leaks unreferenced objects"
fi
problems=$(sed '/^$/d' <<<"$problems")
[ -z "$problems" ] || bad=1
[ "${run_rc:-1}" = 0 ] || bad=1
if [ "$bad" = 0 ]; then
	say "guest $lane: clean (${leaks:-no} kmemleak reports) in ${secs}s"
else
	echo "guest $lane: FAILED (script exit ${run_rc:-none}) in ${secs}s; kernel log $log, output $out"
	[ -z "$problems" ] || echo "$problems"
fi
exit $bad

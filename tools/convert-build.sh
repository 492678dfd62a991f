#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Build the drivers that tools/convert.sh converted (the script commit and,
# where scripts/coccinelle/drm_dep/manual/<driver>.patch exists, the manual
# follow-up) against drm_dep, and tell for each whether it builds with no
# drm_sched left in it.
#
# Two kernel trees are made under build/convert-tree/ as hard-link copies
# of build/linux-source-6.12 (cp -al, re-made on each run; that tree is
# never written to): pristine/, as it is, and converted/, whose driver
# folders are real copies of build/convert/<driver>/<dir>. Each has its own
# x86_64 output folder under build/convert-kbuild/ (O=): x86_64_defconfig
# plus COMPILE_TEST, DRM, OF, COMMON_CLK, PM, DRM_DEP and the drivers as
# modules. For each driver, make W=1 drivers/gpu/drm/<dir>/ (objects only,
# no modpost), from scratch, in both trees; a driver builds when
#  - its config symbol is enabled (its Kconfig selects DRM_DEP now),
#  - make succeeds,
#  - it has no W=1 warning that the pristine driver does not have too
#    (compared without line numbers),
#  - grep -rE 'drm_sched|gpu_scheduler|DRM_SCHED' in its folder finds
#    nothing (comments included).
#
#   bash tools/convert-build.sh [driver...]
#
# Default: every driver with a manual patch. Prints "<driver>: builds:
# yes|no (...)" per driver and writes build/convert/<driver>.build (yes or
# no), <driver>.build.log (the make output) and <driver>.build.warnings
# (the new W=1 warnings). Exit status 1 when a driver does not build.
#
# Environment: KSRC (default build/linux-source-6.12), CONVERT_DIR (where
# the converted repos are, default build/convert), JOBS (default 2).

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
KSRC=${KSRC:-$ROOT/build/linux-source-6.12}
CONVERT_DIR=${CONVERT_DIR:-$ROOT/build/convert}
OUT=$ROOT/build/convert
JOBS=${JOBS:-2}
TREES=$ROOT/build/convert-tree
KBUILD=$ROOT/build/convert-kbuild
MANUAL=$ROOT/scripts/coccinelle/drm_dep/manual
MAKE=(nice -n 19 make -s ARCH=x86_64 -j"$JOBS")

# shellcheck source=tools/convert-drivers.sh
. "$ROOT/tools/convert-drivers.sh"

if [ $# -gt 0 ]; then
	DRIVERS=("$@")
else
	DRIVERS=()
	for p in "$MANUAL"/*.patch; do
		[ -e "$p" ] && DRIVERS+=("$(basename "$p" .patch)")
	done
fi
[ ${#DRIVERS[@]} -gt 0 ] || { echo "convert-build: no driver" >&2; exit 1; }
for drv in "${DRIVERS[@]}"; do
	[ -n "${DIRS[$drv]:-}" ] || { echo "convert-build: unknown driver $drv" >&2; exit 1; }
done
[ -f "$KSRC/Makefile" ] || { echo "convert-build: no tree at $KSRC" >&2; exit 1; }

start=$(date +%s)

# The two trees, re-made from the hooked tree: hard links cost nothing, and
# files are only ever replaced in them, never written in place.
mktree() {
	rm -rf "$TREES/$1"
	mkdir -p "$TREES"
	cp -al "$KSRC" "$TREES/$1"
}
mktree pristine
mktree converted
for drv in "${DRIVERS[@]}"; do
	dir=${DIRS[$drv]}
	rm -rf "${TREES:?}/converted/$dir"
	if [ -d "$CONVERT_DIR/$drv/$dir" ]; then
		cp -r "$CONVERT_DIR/$drv/$dir" "$TREES/converted/$dir"
	fi
done

# x86_64_defconfig, COMPILE_TEST, DRM, DRM_DEP and the drivers as modules:
# always the six of the manual follow-ups, so that the configuration (and
# what it rebuilds) does not change from one run to the next.
configure() {
	local tree=$TREES/$1 obj=$KBUILD/$1 opts=()

	mkdir -p "$obj"
	opts=(-e COMPILE_TEST -e DRM -e OF -e COMMON_CLK -e PM -m DRM_DEP)
	for drv in v3d lima panfrost etnaviv panthor msm "${DRIVERS[@]}"; do
		opts+=(-m "${SYMS[$drv]}")
	done
	"${MAKE[@]}" -C "$tree" O="$obj" x86_64_defconfig >/dev/null
	"$tree/scripts/config" --file "$obj/.config" "${opts[@]}"
	"${MAKE[@]}" -C "$tree" O="$obj" olddefconfig >/dev/null
}

# W=1 warnings of a log, without line and column, one per line, sorted.
warnings() {
	grep -E '(warning|error):' "$1" |
		sed -E "s|$TREES/[a-z]+/||; s|^([^:]+):[0-9]+:([0-9]+:)?|\1:|" |
		sort || true
}

# Build one driver folder from scratch in one tree; the log goes to $3.
build() {
	local which=$1 dir=$2 log=$3

	rm -rf "${KBUILD:?}/$which/$dir"
	if "${MAKE[@]}" -C "$TREES/$which" O="$KBUILD/$which" W=1 \
		"$dir/" >"$log" 2>&1; then
		return 0
	fi
	return 1
}

configure pristine
configure converted

fail=0
for drv in "${DRIVERS[@]}"; do
	dir=${DIRS[$drv]}
	sym=${SYMS[$drv]}
	log=$OUT/$drv.build.log
	base=$KBUILD/pristine/$drv.warnings
	why=()
	mkdir -p "$OUT"

	if [ ! -f "$base" ]; then
		build pristine "$dir" "$KBUILD/pristine/$drv.log" ||
			echo "convert-build: $drv: the pristine driver does not build" >&2
		warnings "$KBUILD/pristine/$drv.log" >"$base"
	fi

	if [ ! -d "$TREES/converted/$dir" ]; then
		why+=("not converted: run tools/convert.sh $drv")
		: >"$log"
	elif ! grep -q "^CONFIG_$sym=[my]" "$KBUILD/converted/.config"; then
		why+=("CONFIG_$sym is not enabled")
		: >"$log"
	elif ! build converted "$dir" "$log"; then
		why+=("make failed, see build/convert/$drv.build.log")
	fi

	# New warnings: those of the converted driver the pristine one has not.
	warnings "$log" | comm -23 - "$base" >"$OUT/$drv.build.warnings"
	nw=$(grep -c . "$OUT/$drv.build.warnings" || true)
	ow=$(warnings "$log" | comm -12 - "$base" | grep -c . || true)
	[ "$nw" -eq 0 ] || why+=("$nw new W=1 warnings or errors")

	left=$(grep -rnE 'drm_sched|gpu_scheduler|DRM_SCHED' \
		"$TREES/converted/$dir" 2>/dev/null | grep -c . || true)
	[ "$left" -eq 0 ] || why+=("$left lines name drm_sched")

	if [ ${#why[@]} -eq 0 ]; then
		echo yes >"$OUT/$drv.build"
		echo "$drv: builds: yes (W=1: 0 new warnings, $ow as in the pristine driver)"
	else
		echo no >"$OUT/$drv.build"
		echo "$drv: builds: no ($(IFS=';'; echo "${why[*]}" | sed 's/;/; /g'))"
		fail=1
	fi
done

echo "convert-build: ${#DRIVERS[@]} drivers in $(( $(date +%s) - start )) s"
exit $fail

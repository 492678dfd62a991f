#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Prepare a machine and a kernel tree for drm_dep:
#  1. install the Debian packages we need (only when one is missing),
#  2. unpack linux-source-6.12 into build/linux-source-6.12,
#  3. hook our sources into the tree at drivers/gpu/drm/dep/ and
#     include/drm/ with symlinks, and wire up the DRM Kconfig and Makefile.
#
# Idempotent; on a ready machine it does no apt work and takes well
# under a second.

set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
tarball=/usr/src/linux-source-6.12.tar.xz
tree=$repo/build/linux-source-6.12

pkgs=(linux-source-6.12 build-essential flex bison bc libelf-dev libssl-dev
      sparse qemu-system-x86 xz-utils rsync cpio kmod python3 perl
      python3-sphinx coccinelle busybox-static)

missing=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' "${pkgs[@]}" \
	  2>&1 | grep -v '^ii ' || true)
if [ -n "$missing" ]; then
	echo "setup: installing packages (missing: $(echo "$missing" | awk '{print $NF}' | xargs))"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${pkgs[@]}" </dev/null
fi

if [ ! -f "$tree/Makefile" ]; then
	echo "setup: unpacking $tarball"
	tmp=$repo/build/.unpack.$$
	rm -rf "$tmp"
	mkdir -p "$tmp"
	tar -xJf "$tarball" -C "$tmp"
	rm -rf "$tree"
	mv "$tmp/linux-source-6.12" "$tree"
	rmdir "$tmp"
fi

# Sources: drivers/gpu/drm/dep/ is a real directory of symlinks into the
# repo. Drop links that dangle or point outside this repo, then (re)link.
dep=$tree/drivers/gpu/drm/dep
mkdir -p "$dep"
for l in "$dep"/* "$dep"/.[!.]*; do
	[ -L "$l" ] || continue
	t=$(readlink "$l")
	if [ ! -e "$l" ] || [ "${t#"$repo"/}" = "$t" ]; then
		rm -f "$l"
	fi
done
[ -L "$dep/kunit" ] || rm -rf "$dep/kunit"
[ -L "$dep/bench" ] || rm -rf "$dep/bench"
shopt -s nullglob
for f in "$repo"/Kconfig "$repo"/Makefile "$repo"/*.c "$repo"/*.h; do
	ln -sfn "$f" "$dep/$(basename "$f")"
done
ln -sfn "$repo/kunit" "$dep/kunit"
ln -sfn "$repo/bench" "$dep/bench"
bash "$repo/tools/sched-client-convert.sh"
ln -sfn "$repo/build/sched_client_dep" "$dep/sched_client_dep"
for f in "$repo"/include/drm/drm_dep*.h; do
	ln -sfn "$f" "$tree/include/drm/$(basename "$f")"
done
for l in "$tree"/include/drm/drm_dep*.h; do
	t=$(readlink "$l" || true)
	if [ ! -e "$l" ] || [ "${t#"$repo"/}" = "$t" ]; then
		rm -f "$l"
	fi
done
shopt -u nullglob

# The NPU driver and its simulated NPU at drivers/accel/npu/, their uAPI
# header at include/uapi/drm/.
ln -sfn "$repo/drivers/npu" "$tree/drivers/accel/npu"
ln -sfn "$repo/include/uapi/drm/ethosu_accel.h" \
	"$tree/include/uapi/drm/ethosu_accel.h"

# The semantic patches where make coccicheck looks for them.
ln -sfn "$repo/scripts/coccinelle/drm_dep" "$tree/scripts/coccinelle/api/drm_dep"

# Kconfig and Makefile hooks. Files are replaced, never modified in
# place, so a hard-linked copy of the tree stays independent.
kconfig=$tree/drivers/gpu/drm/Kconfig
if ! grep -qF 'source "drivers/gpu/drm/dep/Kconfig"' "$kconfig"; then
	# After the last driver 'source' line, which is inside 'if DRM'.
	last=$(grep -n '^source "drivers/gpu/drm/' "$kconfig" | tail -n1 | cut -d: -f1)
	awk -v n="$last" '{ print } NR == n {
		print ""; print "source \"drivers/gpu/drm/dep/Kconfig\"" }' \
		"$kconfig" >"$kconfig.tmp"
	mv "$kconfig.tmp" "$kconfig"
fi

makefile=$tree/drivers/gpu/drm/Makefile
if ! grep -q '^obj-$(CONFIG_DRM_DEP)' "$makefile"; then
	awk '{ print } /^obj-\$\(CONFIG_DRM_SCHED\)/ {
		print "obj-$(CONFIG_DRM_DEP)\t+= dep/"; done = 1 }
		END { if (!done) print "obj-$(CONFIG_DRM_DEP)\t+= dep/" }' \
		"$makefile" >"$makefile.tmp"
	mv "$makefile.tmp" "$makefile"
fi

akconfig=$tree/drivers/accel/Kconfig
if ! grep -qF 'source "drivers/accel/npu/Kconfig"' "$akconfig"; then
	awk '{ print } /^source "drivers\/accel\/qaic\/Kconfig"$/ {
		print "source \"drivers/accel/npu/Kconfig\"" }' \
		"$akconfig" >"$akconfig.tmp"
	mv "$akconfig.tmp" "$akconfig"
fi
amakefile=$tree/drivers/accel/Makefile
if ! grep -q '^obj-y[[:space:]]*+= npu/' "$amakefile"; then
	cp "$amakefile" "$amakefile.tmp"
	echo 'obj-y	+= npu/' >>"$amakefile.tmp"
	mv "$amakefile.tmp" "$amakefile"
fi

# The documentation pages, at their upstream place and in the gpu
# toctree (drm-dep.rst holds the results page in a toctree of its own).
for f in drm-dep.rst drm-dep-bench.rst drm-dep-bench-latency.png \
	 drm-dep-migration.rst; do
	ln -sfn "$repo/Documentation/gpu/$f" "$tree/Documentation/gpu/$f"
done
ln -sfn "$repo/Documentation/accel/npu.rst" "$tree/Documentation/accel/npu.rst"
aindex=$tree/Documentation/accel/index.rst
if ! grep -q '^   npu$' "$aindex"; then
	awk '{ print } /^   introduction$/ { print "   npu" }' "$aindex" >"$aindex.tmp"
	mv "$aindex.tmp" "$aindex"
fi
index=$tree/Documentation/gpu/index.rst
if ! grep -q '^   drm-dep$' "$index"; then
	awk '{ print } /^   drm-mm$/ { print "   drm-dep" }' "$index" >"$index.tmp"
	mv "$index.tmp" "$index"
fi

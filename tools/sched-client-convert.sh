#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Convert kunit/sched_client/ (a small driver on drm_sched) to drm_dep with
# the semantic patches of scripts/coccinelle/drm_dep/, as tools/convert.sh
# runs them on the in-tree drivers: one spatch per file, drm_dep_job.cocci,
# drm_dep_queue.cocci then drm_dep_types.cocci in patch mode, each with the
# options of its "// Options:" line. Then kunit/sched_client/manual.patch,
# the part a person writes, and drm_dep_report.cocci in report mode, which
# must find nothing left.
#
#   bash tools/sched-client-convert.sh [outdir]
#
# outdir (default build/sched_client_dep) gets the converted sched_client.c
# and sched_client.h, and links to the suite and the Makefile of
# kunit/sched_client/, which build it as module and suite sched_client_dep.
# Nothing is done when outdir is newer than every input; FORCE=1 redoes it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SRC=$ROOT/kunit/sched_client
COCCI=$ROOT/scripts/coccinelle/drm_dep
OUT=${1:-$ROOT/build/sched_client_dep}
MACROS="--macro-file $COCCI/drm_dep_macros.h"
FILES="sched_client.c sched_client.h"

stamp=$OUT/.converted
if [ -z "${FORCE:-}" ] && [ -f "$stamp" ] &&
   [ -z "$(find "$SRC" "$COCCI" "$0" -newer "$stamp" -type f | head -n1)" ]; then
	exit 0
fi
command -v spatch >/dev/null || {
	echo "sched-client-convert: spatch not found (apt-get install coccinelle)" >&2
	exit 1
}

options() {
	sed -n 's|^// Options: *||p' "$1" | head -n 1
}

tmp=$(mktemp -d "${OUT%/}.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for f in $FILES; do
	cp "$SRC/$f" "$tmp/$f"
done
for c in job queue types; do
	for f in $FILES; do
		# shellcheck disable=SC2046
		(cd "$tmp" && spatch --very-quiet -D patch --in-place $MACROS \
			$(options "$COCCI/drm_dep_$c.cocci") \
			--sp-file "$COCCI/drm_dep_$c.cocci" "$f") >"$tmp/spatch.log" 2>&1 || {
			cat "$tmp/spatch.log" >&2
			echo "sched-client-convert: drm_dep_$c.cocci failed on $f" >&2
			exit 1
		}
	done
done
if [ -n "${SCRIPTS_ONLY:-}" ]; then
	# For writing manual.patch: stop after the scripts.
	for f in $FILES; do
		cp "$tmp/$f" "$OUT.scripts.$f"
	done
	exit 0
fi
(cd "$tmp" && patch -s -p1 --no-backup-if-mismatch <"$SRC/manual.patch")

left=$(cd "$tmp" && for f in $FILES; do
	# shellcheck disable=SC2046
	spatch --very-quiet -D report $MACROS \
		$(options "$COCCI/drm_dep_report.cocci") \
		--sp-file "$COCCI/drm_dep_report.cocci" "$f" 2>/dev/null
done | grep -E '^[^ ]+:[0-9]+:[0-9]+-[0-9]+: \[' || true)
left+=$(cd "$tmp" && grep -nE 'drm_sched|gpu_sched|DRM_SCHED|DRM_GPU_SCHED|s_fence' $FILES || true)
if [ -n "$left" ]; then
	echo "sched-client-convert: drm_sched left after conversion:" >&2
	echo "$left" >&2
	exit 1
fi

rm -rf "$OUT"
mkdir -p "$OUT"
for f in $FILES; do
	cp "$tmp/$f" "$OUT/$f"
done
ln -s "$SRC/sched_client_test.c" "$OUT/sched_client_test.c"
ln -s "$SRC/Makefile" "$OUT/Makefile"
touch "$stamp"
echo "sched-client-convert: $OUT ($(wc -l <"$SRC/manual.patch") lines of manual.patch)"

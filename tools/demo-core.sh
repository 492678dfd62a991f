#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Boot a UML kernel with drm_dep and run the demonstration
# workload of kunit/drm_dep_demo.c on the mock hardware, then print the
# account it gives. Reuses the UML lane's build (build/uml) when present.

set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
tree=$repo/build/linux-source-6.12
log=$repo/build/demo-core.log

bash "$repo/tools/setup.sh"
cd "$tree"

echo "drm_dep demo: building (or reusing) the UML kernel in build/uml ..."
status=0
python3 tools/testing/kunit/kunit.py run --build_dir="$repo/build/uml" \
	--kunitconfig="$repo/kunit/configs/uml.config" --jobs="$(nproc)" \
	--timeout=300 --raw_output=all 'drm_dep_demo*' >"$log" 2>&1 || status=$?

echo
sed -n 's/^.*drm_dep_demo: //p' "$log"
echo
if [ "$status" -ne 0 ] || ! grep -qE '^ok [0-9]+ drm_dep_demo' "$log"; then
	echo "drm_dep demo: FAILED (see $log)"
	exit 1
fi
echo "drm_dep demo: every assertion held (full log: build/demo-core.log)"

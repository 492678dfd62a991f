#!/bin/bash
# SPDX-License-Identifier: MIT
#
# tools/kunit-lane.sh uml|qemu
#
# Build and boot a KUnit kernel with kunit/configs/<lane>.config, run every
# suite it holds (drm_dep*, npu_*, npu_sim*) and judge the result:
#  - KTAP: every leaf case must pass or skip. Counts are of leaf results,
#    as kunit.py counts them: each parameter of a parameterised case is
#    one case.
#  - kernel log: any lockdep report, BUG:, Oops or panic fails the lane,
#    and so does any "WARNING:" line not announced by a preceding line
#    "drm_dep_kunit: expect WARNING" (each marker allows one WARNING).
#  - each case of suite drm_dep_lockdep_report (it skips in the main run)
#    then gets a boot of its own with drm_dep_kunit.provoke=<case>: it must
#    pass and its log must hold a lockdep report. Its skip in the main run
#    is not counted; its own result is.
#
# KUNIT_TIMEOUT=<s> overrides the boot timeout (uml 600, qemu 1200).
# Logs: build/<lane>.log (main run, raw), build/<lane>.provoke-<case>.log,
# build/<lane>.json (parsed). Counts: build/<lane>.result.

set -euo pipefail

lane=${1:-}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
tree=$repo/build/linux-source-6.12
bdir=$repo/build/$lane
log=$repo/build/$lane.log
report_suite=drm_dep_lockdep_report

case $lane in
uml)	arch=(); timeout=${KUNIT_TIMEOUT:-600} ;;
qemu)	arch=(--arch=x86_64 '--qemu_args=-smp 2'); timeout=${KUNIT_TIMEOUT:-1200} ;;
*)	echo "usage: $0 uml|qemu" >&2; exit 2 ;;
esac

start=$SECONDS
bash "$repo/tools/setup.sh"
cd "$tree"
rm -f "$repo/build/$lane".*

kunit() {
	python3 tools/testing/kunit/kunit.py "$@"
}

# Lines after kunit.py's "Starting KUnit Kernel": the kernel's own output.
kernel_log() {
	sed -n '/Starting KUnit Kernel/,$p' "$1"
}

# scan LOG ALLOW_LOCKDEP: the kernel's part of LOG through log_scan.
# shellcheck source=tools/log-scan.sh
. "$repo/tools/log-scan.sh"
scan() {
	kernel_log "$1" | log_scan "$2"
}

# results LOG JSON: parse the KTAP in LOG with kunit.py, print one line
# "STATUS suite.case[.param]" per leaf result; "ERROR ktap" if the parser
# found the run broken (crash, missing cases, no tests) without a failure.
results() {
	local rc=0

	kunit parse --json="$2" "$1" >"${2%.json}.parsed" 2>&1 || rc=$?
	python3 - "$2" "$rc" <<-'EOF'
	import json, sys
	def walk(g, path):
	    for c in g.get("test_cases", []):
	        yield c["status"], ".".join(path + [c["name"]])
	    for s in g.get("sub_groups", []):
	        yield from walk(s, path + [s["name"]])
	try:
	    res = list(walk(json.load(open(sys.argv[1])), []))
	except (OSError, ValueError):
	    res = []
	for r in res:
	    print(*r)
	if sys.argv[2] != "0" and all(s in ("PASS", "SKIP") for s, _ in res):
	    print("ERROR ktap")
	EOF
}

count() {
	grep -c "^$1 " || true
}

passed=0 failed=0 skipped=0 deliberate=0 notes=()

rc=0
kunit run --build_dir="$bdir" --kunitconfig="$repo/kunit/configs/$lane.config" \
	"${arch[@]}" --jobs="$(nproc)" --timeout=$timeout --raw_output=all \
	--kernel_args=npu.timeout_ms=200 >"$log" 2>&1 || rc=$?

if ! grep -q 'Starting KUnit Kernel' "$log"; then
	echo "$lane: kunit.py failed before boot (rc=$rc), tail of $log:"
	tail -n 30 "$log" | sed 's/^/  /'
	failed=1
	notes+=("build failed")
else
	res=$(results "$log" "$repo/build/$lane.json")
	main=$(grep -v "^SKIP $report_suite\." <<<"$res" || true)
	if grep -q 'timed out after [0-9]* seconds' "$log"; then
		notes+=("timed out after ${timeout}s")
	fi
	passed=$(count PASS <<<"$main")
	skipped=$(count SKIP <<<"$main")
	failed=$(grep -vc -e '^PASS ' -e '^SKIP ' -e '^$' <<<"$main" || true)
	grep -v -e '^PASS ' -e '^SKIP ' -e '^$' <<<"$main" |
		sed -e 's/^/  /' -e 's/[. ]$/& (crashed, unnamed)/' || true

	out=$(scan "$log" 0)
	bad=$(grep -c '^  ' <<<"$out" || true)
	if [ "$bad" -eq 0 ]; then
		notes+=("lockdep-clean")
	else
		echo "$lane: kernel log ($log):"
		grep '^  ' <<<"$out"
		failed=$((failed + 1))
		notes+=("$bad bad log lines")
	fi

	cases=$(awk -v s="$report_suite." 'index($2, s) == 1 {
		sub(s, "", $2); sub(/\..*/, "", $2); print $2 }' <<<"$res" | uniq)
	for c in $cases; do
		plog=$repo/build/$lane.provoke-$c.log
		kunit exec --build_dir="$bdir" "${arch[@]}" --timeout=$timeout \
			--raw_output=all --kernel_args="drm_dep_kunit.provoke=$c" \
			"$report_suite.$c" >"$plog" 2>&1 || true
		pres=$(results "$plog" "${plog%.log}.json")
		out=$(scan "$plog" 1)
		np=$(count PASS <<<"$pres")
		nl=$(sed -n 's/^#lockdep //p' <<<"$out")
		if [ "$np" -gt 0 ] && [ "$np" = "$(grep -c . <<<"$pres")" ] &&
		   [ "$nl" -gt 0 ] && ! grep -q '^  ' <<<"$out"; then
			passed=$((passed + np))
			deliberate=$((deliberate + 1))
		else
			echo "$lane: $report_suite.$c (provoke) failed: $np passed," \
			     "$nl lockdep lines, see $plog"
			grep -v '^PASS ' <<<"$pres" | sed 's/^/  /' || true
			grep '^  ' <<<"$out" || true
			failed=$((failed + 1))
		fi
	done
	notes+=("$deliberate deliberate reports")
fi

secs=$((SECONDS - start))
note=$(IFS=,; echo "${notes[*]}" | sed 's/,/, /g')
echo "$lane: $passed passed, $failed failed, $skipped skipped ($note) in ${secs}s"
echo "passed=$passed failed=$failed skipped=$skipped deliberate=$deliberate seconds=$secs" \
	>"$repo/build/$lane.result"
[ "$failed" -eq 0 ]

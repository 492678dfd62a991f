#!/bin/bash
# SPDX-License-Identifier: MIT
#
# tools/bench.sh [uml|qemu]... (qemu also runs the NPU section, tools/npu/bench.sh)
#
# Build benchmark kernels (bench/configs/<lane>.config: no lockdep, no
# debug options, high-resolution timers), boot them with the real sizes of
# the drm_dep_bench suite, then let tools/bench-report.py print the table
# and write Documentation/gpu/drm-dep-bench.rst and the latency plot
# Documentation/gpu/drm-dep-bench-latency.png. Default: both lanes.
#
# BENCH_JOBS, BENCH_MS, BENCH_ROUNDS, BENCH_SAMPLES override the sizes.
# Logs: build/bench-<lane>.log.

set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
tree=$repo/build/linux-source-6.12
lanes=("$@")
[ ${#lanes[@]} -gt 0 ] || lanes=(uml qemu)

jobs=${BENCH_JOBS:-20000}
ms=${BENCH_MS:-1000}
rounds=${BENCH_ROUNDS:-5}
samples=${BENCH_SAMPLES:-2000}

bash "$repo/tools/setup.sh"
if ! command -v gnuplot >/dev/null; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq gnuplot-nox >/dev/null
fi

logs=()
for lane in "${lanes[@]}"; do
	case $lane in
	uml)	arch=() ;;
	qemu)	arch=(--arch=x86_64 '--qemu_args=-smp 2') ;;
	*)	echo "usage: $0 [uml|qemu]..." >&2; exit 2 ;;
	esac
	log=$repo/build/bench-$lane.log
	start=$SECONDS
	rc=0
	(cd "$tree" && python3 tools/testing/kunit/kunit.py run \
		--build_dir="$repo/build/bench-$lane" \
		--kunitconfig="$repo/bench/configs/$lane.config" \
		"${arch[@]}" --jobs="$(nproc)" --timeout=3000 --raw_output=all \
		--kernel_args="drm_dep_bench.jobs=$jobs" \
		--kernel_args="drm_dep_bench.run_ms=$ms" \
		--kernel_args="drm_dep_bench.rounds=$rounds" \
		--kernel_args="drm_dep_bench.samples=$samples" \
		'drm_dep_bench') >"$log" 2>&1 || rc=$?
	echo "bench $lane: kunit.py rc=$rc in $((SECONDS - start))s, log $log"
	if ! grep -q 'drm_dep_bench: case=' "$log"; then
		echo "bench $lane: no figures; tail of the log:" >&2
		tail -n 30 "$log" | sed 's/^/  /' >&2
		exit 1
	fi
	if grep -Eq '^\s*not ok|# FAIL|Kernel panic|BUG:' "$log"; then
		echo "bench $lane: a case failed; see $log" >&2
		exit 1
	fi
	logs+=("$lane=$log")
done

python3 "$repo/tools/bench-report.py" \
	--params "jobs=$jobs run_ms=$ms irq_us=1000 rounds=$rounds samples=$samples" \
	--rst "$repo/Documentation/gpu/drm-dep-bench.rst" \
	--plot "$repo/Documentation/gpu/drm-dep-bench-latency.png" \
	"${logs[@]}"

# The NPU section: userspace through the npu driver and drm_dep against
# the simulated NPU's register floor, on the QEMU bench kernel.
if printf '%s\n' "${lanes[@]}" | grep -qx qemu; then
	echo
	echo "npu: empty streams, submit to completion (tools/npu/bench.sh)"
	bash "$repo/tools/npu/bench.sh"
fi

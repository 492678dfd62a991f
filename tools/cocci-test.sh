#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Tests of the drm_dep semantic patches (scripts/coccinelle/drm_dep/).
#
# Each tests/<concern>_<case>.c is run through drm_dep_<concern>.cocci:
#  - with a .res next to it, in patch mode: the output must equal the .res,
#    and a second run on the .res must change nothing (idempotence);
#  - with a .rep next to it, in report mode: the reports, reduced to
#    "file:line: [category] name", must equal the .rep.
# spatch takes the options of the "// Options:" line of the .cocci, as
# make coccicheck does, and the environment of the test's "// Env:" line.
# Prints "cocci: N passed, N failed" and writes
# build/cocci.result as "passed=N failed=N".
set -u
cd "$(dirname "$0")/.."
DIR=scripts/coccinelle/drm_dep
TESTS=$DIR/tests
OUT=build/cocci-test
mkdir -p build
rm -rf "$OUT"
mkdir -p "$OUT"

if ! command -v spatch >/dev/null; then
	echo "cocci: spatch not found (apt-get install coccinelle)" >&2
	echo "passed=0 failed=1" > build/cocci.result
	exit 1
fi

passed=0
failed=0

options() {
	sed -n 's|^// Options: *||p' "$1" | head -n 1
}

# A test's "// Env: NAME=value ..." line: the environment it needs, as
# tools/convert.sh sets it for a driver.
env_of() {
	sed -n 's|^// Env: *||p' "$1" | head -n 1
}

# run_patch <cocci> <input> <dir>: the patched file, in <dir>
run_patch() {
	local cocci=$1 in=$2 dir=$3 vars
	vars=$(env_of "$in")
	mkdir -p "$dir"
	cp "$in" "$dir/"
	# shellcheck disable=SC2046,SC2086
	(cd "$dir" && env $vars spatch --very-quiet -D patch $(options "$cocci") \
		--in-place --sp-file "$cocci" "$(basename "$in")" \
		>/dev/null 2>spatch.err) || return 1
	return 0
}

ok() { passed=$((passed + 1)); echo "PASS $1"; }
ko() { failed=$((failed + 1)); echo "FAIL $1: $2"; }

for c in "$TESTS"/*.c; do
	name=$(basename "$c" .c)
	concern=${name%%_*}
	cocci=$PWD/$DIR/drm_dep_$concern.cocci
	if [ ! -f "$cocci" ]; then
		ko "$name" "no $cocci"
		continue
	fi
	if [ -f "$TESTS/$name.res" ]; then
		if ! run_patch "$cocci" "$c" "$OUT/$name/1"; then
			ko "$name" "spatch failed: $(tail -n 3 "$OUT/$name/1/spatch.err")"
			continue
		fi
		if ! diff -u "$TESTS/$name.res" "$OUT/$name/1/$name.c" \
			> "$OUT/$name.diff"; then
			ko "$name" "output differs from $name.res:"
			cat "$OUT/$name.diff"
			continue
		fi
		cp "$TESTS/$name.res" "$OUT/$name.c"
		if ! run_patch "$cocci" "$OUT/$name.c" "$OUT/$name/2"; then
			ko "$name" "spatch failed on $name.res"
			continue
		fi
		if ! diff -u "$TESTS/$name.res" "$OUT/$name/2/$name.c" \
			> "$OUT/$name.idem.diff"; then
			ko "$name" "not idempotent: a second run changes $name.res:"
			cat "$OUT/$name.idem.diff"
			continue
		fi
		ok "$name (patch, idempotent)"
	elif [ -f "$TESTS/$name.rep" ]; then
		mkdir -p "$OUT/$name"
		cp "$c" "$OUT/$name/"
		# shellcheck disable=SC2046
		(cd "$OUT/$name" && spatch --very-quiet -D report \
			$(options "$cocci") --sp-file "$cocci" "$name.c" \
			2>spatch.err) |
			sed -nE 's|^([^:]*):([0-9]+):[0-9]+-[0-9]+: (\[[a-z-]+\] [^:]+):.*|\1:\2: \3|p' |
			sort -t: -k2,2n -k3 > "$OUT/$name.rep"
		if diff -u <(sort -t: -k2,2n -k3 "$TESTS/$name.rep") \
			"$OUT/$name.rep" > "$OUT/$name.diff"; then
			ok "$name (report)"
		else
			ko "$name" "reports differ from $name.rep:"
			cat "$OUT/$name.diff"
		fi
	else
		ko "$name" "neither $name.res nor $name.rep"
	fi
done

echo "cocci: $passed passed, $failed failed"
echo "passed=$passed failed=$failed" > build/cocci.result
[ "$failed" -eq 0 ]

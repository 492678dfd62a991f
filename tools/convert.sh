#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Convert the ten drm_sched drivers of the 6.12 tree with the semantic
# patches of scripts/coccinelle/drm_dep/ and measure what they do.
#
# For each driver: copy its folder from the pristine tree into a git repo
# at build/convert/<driver>/ (same path as in the kernel, so that the patch
# applies with git am to a 6.12 tree), commit it, run drm_dep_job.cocci,
# drm_dep_queue.cocci and drm_dep_types.cocci in patch mode, then
# drm_dep_report.cocci in report mode, commit with a message that lists
# what is left, and write build/convert/<driver>.patch (git format-patch).
# Where scripts/coccinelle/drm_dep/manual/<driver>.patch exists (the manual
# follow-up: its message, a '---' line, then the diff), apply it as a second
# commit and write build/convert/<driver>-manual.patch. Then, unless
# CONVERT_BUILD=0, tools/convert-build.sh builds the drivers of this run
# that have a manual patch (W=1, x86_64, against drm_dep). The table goes to
# stdout, build/convert/summary.rst and the generated part of
# Documentation/gpu/drm-dep-migration.rst.
#
#   bash tools/convert.sh [driver...]     (default: all ten)
#
# Environment: KSRC (default build/linux-source-6.12), JOBS (default 2),
# CONVERT_BUILD (default 1; 0 skips the build check, and the table then
# shows an em dash for the drivers of this run).
set -eu
cd "$(dirname "$0")/.."
ROOT=$PWD
KSRC=${KSRC:-$ROOT/build/linux-source-6.12}
JOBS=${JOBS:-2}
COCCI=$ROOT/scripts/coccinelle/drm_dep
MANUAL=$COCCI/manual
OUT=$ROOT/build/convert
DOC=$ROOT/Documentation/gpu/drm-dep-migration.rst
SITES="python3 $ROOT/tools/convert-sites.py"
# Block macros (scoped_guard, drm_exec_until_all_locked) spatch cannot parse.
MACROS="--macro-file $COCCI/drm_dep_macros.h"

# shellcheck source=tools/convert-drivers.sh
. "$ROOT/tools/convert-drivers.sh"
DRIVERS=${*:-$ALL}

command -v spatch >/dev/null || {
	echo "convert: spatch not found (apt-get install coccinelle)" >&2
	exit 1
}
[ -f "$KSRC/include/drm/gpu_scheduler.h" ] || {
	echo "convert: no pristine tree at $KSRC" >&2
	exit 1
}

GIT="git -c user.name=drm_dep-convert -c user.email=drm_dep@localhost \
	-c commit.gpgsign=false -c core.autocrlf=false"
GIT_DATE="2026-01-01T00:00:00+0000"
export GIT_AUTHOR_DATE=$GIT_DATE GIT_COMMITTER_DATE=$GIT_DATE

options() {
	sed -n 's|^// Options: *||p' "$1" | head -n 1
}

mkdir -p "$OUT"
$SITES names "$KSRC/include/drm/gpu_scheduler.h" > "$OUT/names"
start_all=$(date +%s.%N)

# Occurrences of an extended regex in the driver folder of the current
# converted repository ($repo/$dir).
count() {
	grep -rhoE "$1" --include='*.c' --include='*.h' "$repo/$dir" | wc -l
}

for drv in $DRIVERS; do
	dir=${DIRS[$drv]:?unknown driver $drv}
	repo=$OUT/$drv
	log=$OUT/$drv.log
	t0=$(date +%s.%N)
	echo "== $drv ($dir)"

	rm -rf "$repo"
	rm -f "$OUT/$drv-manual.patch" "$OUT/$drv.manual.json" "$OUT/$drv.build" \
		"$OUT/$drv.build.log" "$OUT/$drv.build.warnings"
	mkdir -p "$repo/$(dirname "$dir")"
	cp -a "$KSRC/$dir" "$repo/$dir"
	(cd "$repo" && $GIT init -q && $GIT add -A &&
		$GIT commit -q -m "$dir from linux-source-6.12 (pristine)")

	$SITES count "$OUT/names" "$repo/$dir" > "$OUT/$drv.before.json"

	# The files that name drm_sched; spatch only looks at those.
	mapfile -t files < <(cd "$repo" && grep -rlE \
		'drm_sched|drm_gpu_sched|DRM_SCHED|DRM_GPU_SCHED|s_fence|pending_list|job_list_lock|sched *(\.|->) *ready|entity *(\.|->) *rq|gpu_scheduler\.h' \
		--include='*.c' --include='*.h' "$dir" | sort)
	: > "$log"
	# One spatch per file (JOBS at a time): given several files at once,
	# spatch carries what it guessed about macros and typedefs from one
	# file to the next, and in amdgpu that made it skip functions.
	# The driver's one ops table, if a header declares it: the queues of
	# entities set up in other files get it (amdgpu_sched_ops).
	# Every definition counts, also two static tables of one name (xe).
	defs=$(grep -rhoE 'drm_sched_backend_ops[[:space:]]+[A-Za-z_0-9]+[][A-Za-z_0-9 ]*=' \
		--include='*.c' --include='*.h' "$repo/$dir" |
		sed -E 's/^drm_sched_backend_ops[[:space:]]+([A-Za-z_0-9]+).*/\1/')
	ops=
	if [ "$(printf '%s' "$defs" | grep -c .)" = 1 ] &&
	   grep -rqE "extern const struct drm_sched_backend_ops $defs;" \
		--include='*.h' "$repo/$dir"; then
		ops=$defs
	fi
	for c in job queue types; do
		printf '%s\n' "${files[@]}" | (cd "$repo" &&
			DRM_DEP_OPS_TABLE=$ops xargs -P "$JOBS" -I{} \
			spatch --very-quiet -D patch --in-place $MACROS \
			$(options "$COCCI/drm_dep_$c.cocci") \
			--sp-file "$COCCI/drm_dep_$c.cocci" {}) \
			>> "$log" 2>&1 || echo "convert: $drv: drm_dep_$c.cocci failed" >&2
	done
	# Report mode: one output file per source file, as two spatch runs
	# writing to one pipe could mix their lines.
	rdir=$OUT/$drv.reports
	rm -rf "$rdir"
	for f in "${files[@]}"; do
		mkdir -p "$rdir/$(dirname "$f")"
	done
	printf '%s\n' "${files[@]}" | (cd "$repo" && xargs -P "$JOBS" -I{} \
		sh -c 'spatch --very-quiet -D report "$@" > "$0"' \
		"$rdir/{}.out" $MACROS $(options "$COCCI/drm_dep_report.cocci") \
		--sp-file "$COCCI/drm_dep_report.cocci" {} 2>>"$log") ||
		echo "convert: $drv: drm_dep_report.cocci failed" >&2
	find "$rdir" -name '*.out' -exec sh -c 'cat "$0"; echo' {} \; |
		grep -E '^[^ ]+:[0-9]+:[0-9]+-[0-9]+: \[' |
		sort -t: -k1,1 -k2,2n -k3 | uniq > "$OUT/$drv.report"
	# Reports name files relative to the repo; sites are relative to $dir.
	sed "s|^$dir/||" "$OUT/$drv.report" > "$OUT/$drv.report.rel"
	$SITES count "$OUT/names" "$repo/$dir" > "$OUT/$drv.after.json"
	$SITES cover "$OUT/names" "$repo/$dir" "$OUT/$drv.report.rel" \
		> "$OUT/$drv.cover.json"
	# Scheduled-fence reads the scripts wrote: the queues need a flag.
	nsched=$(count 'drm_dep_(job_scheduled_fence|fence_scheduled)\(')
	# Pushes the scripts followed with a put: the job is handed over there.
	nput=$(count 'drm_dep_job_put\(')
	t1=$(date +%s.%N)
	python3 - "$drv" "$dir" "$OUT" "$(echo "$t1 - $t0" | bc)" "$nsched" \
		"$nput" <<'PY'
import json, sys, textwrap
from collections import Counter, defaultdict
drv, d, out, secs = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
nsched = int(sys.argv[5])
nput = int(sys.argv[6])
before = json.load(open(f"{out}/{drv}.before.json"))
after = json.load(open(f"{out}/{drv}.after.json"))
cover = json.load(open(f"{out}/{drv}.cover.json"))
nb, na = sum(before.values()), sum(after.values())
cats = Counter(s["cat"] for s in cover["left"])
row = {"driver": drv, "before": nb, "rewritten": nb - na, "left": na,
       "missing-feature": cats["missing-feature"],
       "counterpart": cats["counterpart"],
       "no-counterpart": cats["no-counterpart"], "review": cats["review"],
       "grep-only": cats["grep-only"],
       "unreported": na - sum(cats.values()), "seconds": round(secs, 1),
       "reports": len(cover["reports"])}
json.dump(row, open(f"{out}/{drv}.row.json", "w"))

pct = 100.0 * row["rewritten"] / nb if nb else 100.0
lines = [f"drm/{drv}: convert to drm_dep", ""]
fill = lambda t: textwrap.wrap(t, 72)
lines += fill(
 f"Generated by the semantic patches of scripts/coccinelle/drm_dep/ on "
 f"{d}/ of linux-source-6.12: drm_dep_job.cocci, drm_dep_queue.cocci and "
 f"drm_dep_types.cocci in patch mode, then drm_dep_report.cocci in report "
 f"mode for what is left. This patch does not build on its own: the sites "
 f"listed below need a person.") + [""]
lines += fill(
 f"drm_sched sites (as counted in Documentation/gpu/drm-dep-migration.rst): "
 f"{nb} before, {row['rewritten']} rewritten ({pct:.0f} %), {na} left, of "
 f"which {na - cats['grep-only']} reported by drm_dep_report.cocci and "
 f"{cats['grep-only']} in code spatch did not see (listed at the end, "
 f"found by grep); none is left unreported.") + [""]
lines += [
 "What the scripts rewrote (name: before -> after):", ""]
for k in sorted(set(before) | set(after)):
    b, a = before.get(k, 0), after.get(k, 0)
    if a != b:
        lines.append(f"  {k}: {b} -> {a}")
if nsched:
    lines += [""] + fill(
     f"The driver now reads scheduled fences ({nsched} "
     f"place{'s' if nsched != 1 else ''}): create its "
     f"queues with DRM_DEP_QUEUE_SCHEDULED_FENCE. Without it "
     f"drm_dep_job_scheduled_fence() warns and returns NULL, and "
     f"drm_dep_fence_scheduled() returns NULL.")
if nput:
    lines += [""] + fill(
     f"drm_sched_entity_push_job() took the job over; drm_dep_job_push() "
     f"leaves the caller its reference. The scripts dropped it right after "
     f"the push where the function does not name the job again, outside "
     f"spinlocks ({nput} "
     f"place{'s' if nput != 1 else ''}); the other pushes are reported "
     f"below. free_job() now runs where the last reference goes: in the "
     f"submitter, with the locks it holds around the push, when the job "
     f"completed before that put. Check that free_job() takes none of "
     f"them (lockdep reports it).")
lines += ["", "What is left for a person, by reason (from report mode):"]
groups = defaultdict(list)
for r in cover["reports"]:
    groups[(r["cat"], r["name"], r["why"])].append(f"{d}/{r['file']}:{r['line']}")
order = ["missing-feature", "counterpart", "no-counterpart", "review"]
for cat in order:
    ks = sorted(k for k in groups if k[0] == cat)
    if not ks:
        continue
    lines += ["", f"[{cat}]"]
    for (_, name, why) in ks:
        locs = groups[(cat, name, why)]
        lines += textwrap.wrap(f"- {name} ({len(locs)}): {why}", 72,
                               subsequent_indent="  ")
        lines += [f"    {l}" for l in locs]
grep_only = [s for s in cover["left"] if s["cat"] == "grep-only"]
if grep_only:
    lines += ["", "[grep-only]"]
    lines += textwrap.wrap("- spatch did not see these sites (code inside "
                           "macros such as TRACE_EVENT, or code it could not "
                           "parse): convert them by hand", 72,
                           subsequent_indent="  ")
    lines += [f"    {d}/{s['file']}:{s['line']} ({s['name']})"
              for s in grep_only]
open(f"{out}/{drv}.msg", "w").write("\n".join(lines) + "\n")
PY
	(cd "$repo" && $GIT add -A && $GIT commit -q -F "$OUT/$drv.msg" &&
		$GIT format-patch -1 --stdout HEAD > "$OUT/$drv.patch")

	# The manual follow-up, as a commit of its own.
	if [ -f "$MANUAL/$drv.patch" ]; then
		$SITES manual "$MANUAL/$drv.patch" > "$OUT/$drv.manual.json"
		python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["message"])' \
			"$OUT/$drv.manual.json" > "$OUT/$drv.manual.msg"
		if (cd "$repo" && $GIT apply --index "$MANUAL/$drv.patch" &&
			$GIT commit -q -F "$OUT/$drv.manual.msg" &&
			$GIT format-patch -1 --stdout HEAD > "$OUT/$drv-manual.patch"); then
			python3 -c 'import json,sys; print("   manual follow-up: %(lines)d lines (+%(added)d -%(removed)d) in %(files)d files" % json.load(open(sys.argv[1])))' "$OUT/$drv.manual.json"
		else
			echo "convert: $drv: the manual patch does not apply" >&2
			echo no > "$OUT/$drv.build"
		fi
	fi
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("   %(before)d sites, %(rewritten)d rewritten, %(left)d left (%(grep-only)d grep-only, %(unreported)d unreported), %(seconds).1f s" % r)' "$OUT/$drv.row.json"
done

end_all=$(date +%s.%N)

# Build the drivers of this run that have a manual follow-up that applied.
built=()
for drv in $DRIVERS; do
	[ -f "$OUT/$drv-manual.patch" ] && built+=("$drv")
done
bsecs=0
if [ "${CONVERT_BUILD:-1}" != 0 ] && [ ${#built[@]} -gt 0 ]; then
	echo "== build check: ${built[*]}"
	b0=$(date +%s.%N)
	bash "$ROOT/tools/convert-build.sh" "${built[@]}" || true
	bsecs=$(echo "$(date +%s.%N) - $b0" | bc)
fi

python3 - "$OUT" "$DOC" "$(echo "$end_all - $start_all" | bc)" "$DRIVERS" "$bsecs" "$ALL" <<'PY'
import json, os, sys
out, doc, secs, drivers = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4].split()
bsecs = float(sys.argv[5])
ALL = sys.argv[6].split()
rows = [json.load(open(f"{out}/{d}.row.json")) for d in ALL
        if os.path.exists(f"{out}/{d}.row.json")]
# The manual follow-up (added and removed lines) and the build check
# (tools/convert-build.sh): an em dash where there is none.
for r in rows:
    d = r["driver"]
    m = f"{out}/{d}.manual.json"
    r["manual"] = json.load(open(m))["lines"] if os.path.exists(m) else None
    b = f"{out}/{d}.build"
    r["builds"] = open(b).read().strip() if os.path.exists(b) else None
cols = ["driver", "before", "rewritten", "%", "missing-feature",
        "counterpart", "no-counterpart", "review", "grep-only", "unreported",
        "seconds", "manual lines", "builds"]
def cells(r):
    pct = 100.0 * r["rewritten"] / r["before"] if r["before"] else 100.0
    dash = lambda v: "\u2014" if v is None else v
    return [r["driver"], r["before"], r["rewritten"], f"{pct:.0f}",
            r["missing-feature"], r["counterpart"], r["no-counterpart"],
            r["review"], r["grep-only"], r["unreported"],
            f"{r['seconds']:.1f}", dash(r["manual"]), dash(r["builds"])]
tot = {k: sum(r.get(k, 0) for r in rows) for k in rows[0]
       if k not in ("driver", "manual", "builds")}
tot["driver"] = "total"
tot["manual"] = sum(r["manual"] or 0 for r in rows)
checked = [r for r in rows if r["builds"] is not None]
tot["builds"] = (f"{sum(r['builds'] == 'yes' for r in checked)} of "
                 f"{len(checked)}")
table = [cells(r) for r in rows] + [cells(tot)]
w = [max(len(str(x)) for x in col) for col in zip(cols, *table)]
def line(vals):
    return "  ".join(str(v).rjust(n) if i else str(v).ljust(n)
                     for i, (v, n) in enumerate(zip(vals, w)))
txt = [line(cols), line(["-" * n for n in w])] + [line(r) for r in table]
print()
print("\n".join(txt))
print(f"\nconvert: {len(rows)} drivers in {secs:.0f} s "
      f"(this run: {' '.join(drivers)}), build check {bsecs:.0f} s")

rst = [".. list-table::", "   :header-rows: 1", ""]
for r in [cols] + table:
    rst.append("   * - " + str(r[0]))
    rst += [f"     - {v}" for v in r[1:]]
rst += ["", f"Time of the run that wrote this table: {secs:.0f} s for "
        f"{' '.join(drivers)}, on two cores (``spatch --jobs 2``), and "
        f"{bsecs:.0f} s for the build check (``tools/convert-build.sh``, "
        f"``make -j2 W=1``)."]
open(f"{out}/summary.rst", "w").write("\n".join(rst) + "\n")
if os.path.exists(doc):
    s = open(doc).read()
    b, e = ".. BEGIN GENERATED TABLE\n", ".. END GENERATED TABLE\n"
    if b in s and e in s:
        head, rest = s.split(b, 1)
        _, tail = rest.split(e, 1)
        open(doc, "w").write(head + b + "\n" + "\n".join(rst) + "\n\n" + e + tail)
PY

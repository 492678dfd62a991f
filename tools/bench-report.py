#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
#
# tools/bench-report.py [--rst FILE] [--plot PNG] [--params TEXT] LANE=LOG...
#
# Read the "drm_dep_bench: case=... key=value ..." lines of benchmark boot
# logs, take the median over the rounds of each figure, and print one
# table per lane: drm_sched, the drm_dep variants, the floor, and ratios.
# The spread of a figure is (max - min) / median over the rounds, in %.
# Optionally write the tables, with the date and the machine, as a
# reStructuredText page, and plot the latency distributions with gnuplot.

import argparse
import collections
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile

IMPLS = ["sched", "dep", "dep_bypass", "dep_bypass_irq", "dep_nofence",
         "floor", "floor_fence"]
DEPS = ["dep", "dep_bypass", "dep_bypass_irq", "dep_nofence"]
FLOOR = IMPLS.index("floor")
LINE = re.compile(r"drm_dep_bench: (case=\S+.*)$")


def parse(path):
    """Return {(case, impl, extra): {key: [values per round]}}."""
    data = collections.defaultdict(lambda: collections.defaultdict(list))
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.search(line.rstrip("\r\n"))
            if not m:
                continue
            kv = dict(p.split("=", 1) for p in m.group(1).split() if "=" in p)
            extra = kv.get("metric") or kv.get("clients") or ""
            key = (kv["case"], kv["impl"], extra)
            # Tick-sampled CPU time (dynticks not active yet) is too coarse.
            if kv.get("cpu_exact") == "0":
                kv.pop("cpu_ns_per_job", None)
            for k, v in kv.items():
                if k in ("case", "impl", "metric", "round"):
                    continue
                if k == "pcts":
                    data[key][k].append([int(x) for x in v.split(",")])
                else:
                    try:
                        data[key][k].append(int(v))
                    except ValueError:
                        pass
    return data


class Fig:
    """Median and spread of one figure over the rounds."""

    def __init__(self, values):
        self.values = values
        self.median = statistics.median(values) if values else None
        if values and self.median:
            self.spread = 100.0 * (max(values) - min(values)) / self.median
        else:
            self.spread = None


def fig(data, case, impl, extra, key):
    return Fig(data.get((case, impl, extra), {}).get(key, []))


def fmt(f, unit=""):
    if f.median is None:
        return "-"
    v = f.median
    if v >= 10000:
        s = "%.0fk" % (v / 1000.0)
    else:
        s = "%.0f" % v
    if f.spread is not None and len(f.values) > 1:
        s += " ±%.0f%%" % (f.spread / 2)
    return s + unit


def ratio(a, b):
    if a.median in (None, 0) or b.median in (None, 0):
        return "-"
    return "%.2fx" % (a.median / b.median)


def best(data, case, extra, key, higher=True):
    """The drm_dep variant with the best median."""
    figs = [(fig(data, case, i, extra, key), i) for i in DEPS]
    figs = [(f, i) for f, i in figs if f.median is not None]
    if not figs:
        return None, None
    return (max if higher else min)(figs, key=lambda t: t[0].median)


def table(rows, header):
    widths = [max(len(str(r[i])) for r in rows + [header])
              for i in range(len(header))]
    sep = "  ".join("=" * w for w in widths)
    out = [sep, "  ".join(h.ljust(w) for h, w in zip(header, widths)), sep]
    for r in rows:
        out.append("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    out.append(sep)
    return "\n".join(out)


def lane_report(name, data):
    header = ["case", "figure"] + IMPLS + ["dep/sched", "floor/dep"]
    rows = []
    targets = []

    def row(case, extra, key, label, higher=True, floor=True):
        figs = [fig(data, case, i, extra, key) for i in IMPLS]
        b, bname = best(data, case, extra, key, higher)
        sched = figs[0]
        if b is None:
            return None, None
        if higher:
            r1 = ratio(b, sched)
            r2 = ratio(figs[FLOOR], b) if floor else "-"
        else:
            r1 = ratio(sched, b)
            r2 = ratio(b, figs[FLOOR]) if floor else "-"
        rows.append([case + (" " + extra if extra else ""), label] +
                    [fmt(f) for f in figs] + [r1, r2])
        return b, bname

    row("submit", "", "jobs_per_s", "jobs/s")
    row("submit", "", "cpu_ns_per_job", "CPU ns/job", higher=False)
    row("submit", "", "wall_ns_per_job", "wall ns/job", higher=False)
    row("submit", "", "irq_ns_per_job", "in IRQ ns/job", higher=False)
    # The scheduler's own cost: wall time per job above the floor's.
    fl = fig(data, "submit", "floor", "", "wall_ns_per_job")
    if fl.median:
        over = {i: fig(data, "submit", i, "", "wall_ns_per_job")
                for i in IMPLS}
        cells = ["%.0f" % (over[i].median - fl.median)
                 if over[i].median else "-" for i in IMPLS]
        bo = min((over[i].median - fl.median for i in DEPS
                  if over[i].median), default=None)
        so = over["sched"].median and over["sched"].median - fl.median
        r = "%.2fx" % (so / bo) if so and bo and bo > 0 else "-"
        rows.append(["submit", "ns/job over floor"] + cells + [r, "-"])
    for metric in ("push_to_run", "hw_to_finished"):
        for p in ("p50_ns", "p99_ns"):
            row("latency", metric, p, p.replace("_ns", " ns"), higher=False)
    row("chain", "", "jobs_per_s", "jobs/s")
    for n in ("2", "8", "32"):
        row("clients", n, "jobs_per_s", "jobs/s", floor=False)
    for n in ("2", "8", "32"):
        row("fairness", n, "spread_permille", "spread ‰", higher=False,
            floor=False)
    for key, label in (("job_struct", "job sizeof"),
                       ("job_alloc", "job slab"),
                       ("queue_struct", "queue sizeof"),
                       ("queue_alloc", "queue slab")):
        row("memory", "", key, label, higher=False, floor=False)

    # The targets, each with the figures it compares.
    sched = fig(data, "submit", "sched", "", "jobs_per_s")
    floor = fig(data, "submit", "floor", "", "jobs_per_s")
    fcost = fig(data, "submit", "floor", "", "cpu_ns_per_job")
    ff = fig(data, "submit", "floor_fence", "", "cpu_ns_per_job")
    for impl, goal, cpu_goal in (("dep_nofence", 3, 1.3),
                                 ("dep_bypass_irq", None, None)):
        tp = fig(data, "submit", impl, "", "jobs_per_s")
        if tp.median and sched.median:
            r = tp.median / sched.median
            targets.append(("%s jobs/s vs drm_sched (1:1)%s"
                            % (impl, " >= %dx" % goal if goal else ""),
                            "%.2fx" % r, r >= goal if goal else None))
        cost = fig(data, "submit", impl, "", "cpu_ns_per_job")
        if cost.median and fcost.median:
            r = cost.median / fcost.median
            targets.append(("%s CPU/job vs the floor%s"
                            % (impl, " <= %.1fx" % cpu_goal
                               if cpu_goal else ""),
                            "%.2fx" % r, r <= cpu_goal if cpu_goal else None))
    if floor.median and sched.median:
        targets.append(("  (no scheduler at all: floor / drm_sched jobs/s)",
                        "%.2fx" % (floor.median / sched.median), None))
    if ff.median and fcost.median:
        targets.append(("  (floor with a second fence per job / floor, CPU)",
                        "%.2fx" % (ff.median / fcost.median), None))
    sw = fig(data, "submit", "sched", "", "wall_ns_per_job")
    fw = fig(data, "submit", "floor", "", "wall_ns_per_job")
    nw = fig(data, "submit", "dep_nofence", "", "wall_ns_per_job")
    if nw.median and sw.median and fw.median and nw.median > fw.median:
        r = (sw.median - fw.median) / (nw.median - fw.median)
        targets.append(("  (drm_sched's cost above the floor / "
                        "dep_nofence's)", "%.2fx" % r, None))
    s99 = fig(data, "latency", "sched", "push_to_run", "p99_ns")
    d99, dname = best(data, "latency", "push_to_run", "p99_ns", False)
    if s99.median and d99 is not None and d99.median:
        r = s99.median / d99.median
        targets.append(("p99 push->run_job >= 5x lower than drm_sched (%s)"
                        % dname, "%.1fx" % r, r >= 5))
    for n in ("2", "8", "32"):
        st = fig(data, "clients", "sched", n, "jobs_per_s")
        dt = fig(data, "clients", "dep", n, "jobs_per_s")
        ss = fig(data, "fairness", "sched", n, "spread_permille")
        ds = fig(data, "fairness", "dep", n, "spread_permille")
        if st.median and dt.median:
            r = dt.median / st.median
            targets.append(("%s clients on one engine: dep jobs/s >= sched"
                            % n, "%.2fx" % r, r >= 1))
        if ss.median is not None and ds.median is not None:
            targets.append(("%s clients: dep spread <= sched spread" % n,
                            "%d vs %d ‰" % (ds.median, ss.median),
                            ds.median <= ss.median))

    text = table(rows, header)
    ttext = table([[t, v, "" if ok is None else "met" if ok else "MISSED"]
                   for t, v, ok in targets],
                  ["target", "measured", "result"]) if targets else ""
    return text, ttext


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(open("/proc/meminfo").readline().split()[1])
        mem = ", %.0f GiB" % (kb / 1048576.0)
    except (OSError, ValueError, IndexError):
        pass
    return "%s, %d CPUs%s, %s %s" % (cpu, os.cpu_count(), mem,
                                     platform.system(), platform.release())


def plot(lanes, png):
    """Latency CDFs, one panel per lane and metric."""
    pcts = None
    with tempfile.TemporaryDirectory() as tmp:
        panels = []
        for lane, data in lanes:
            for metric in ("push_to_run", "hw_to_finished"):
                series = []
                for impl in IMPLS:
                    runs = data.get(("latency", impl, metric), {}).get("pcts")
                    if not runs:
                        continue
                    n = min(len(r) for r in runs)
                    med = [statistics.median(r[i] for r in runs)
                           for i in range(n)]
                    path = os.path.join(tmp, "%s-%s-%s.dat" %
                                        (lane, metric, impl))
                    # The percentiles the module prints (tenths of %).
                    pcts = [0, 50, 100, 200, 300, 400, 500, 600, 700, 800,
                            900, 950, 990, 999, 1000][:n]
                    with open(path, "w") as f:
                        for p, v in zip(pcts, med):
                            f.write("%g %g\n" % (max(v, 1) / 1000.0,
                                                 p / 10.0))
                    series.append((impl, path))
                if series:
                    panels.append(("%s: %s" % (lane, metric.replace("_", " ")),
                                   series))
        if not panels:
            return False
        cols = 2
        rows = (len(panels) + cols - 1) // cols
        script = ["set terminal pngcairo size %d,%d" % (1200, 420 * rows)
                  if _has_cairo() else
                  "set terminal png size %d,%d" % (1200, 420 * rows),
                  "set output '%s'" % png,
                  "set multiplot layout %d,%d" % (rows, cols),
                  "set logscale x", "set grid",
                  "set xlabel 'latency (us, log)'",
                  "set ylabel 'percentile'", "set key bottom right",
                  "set yrange [0:100]"]
        for title, series in panels:
            script.append("set title '%s'" % title)
            script.append("plot " + ", ".join(
                "'%s' using 1:2 with linespoints title '%s'" % (p, i.replace("_", "\\_"))
                for i, p in series))
        script.append("unset multiplot")
        subprocess.run(["gnuplot"], input="\n".join(script), text=True,
                       check=True)
    return True


def _has_cairo():
    try:
        out = subprocess.run(["gnuplot", "-e", "set terminal"],
                             capture_output=True, text=True).stderr
        return "pngcairo" in out
    except OSError:
        return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rst")
    ap.add_argument("--plot")
    ap.add_argument("--params", default="")
    ap.add_argument("logs", nargs="+", help="LANE=LOG")
    args = ap.parse_args()

    lanes = []
    for arg in args.logs:
        lane, path = arg.split("=", 1)
        lanes.append((lane, parse(path)))

    now = datetime.datetime.now(datetime.timezone.utc)
    head = ("Measured %s on %s. Sizes: %s. Each figure is the median of the "
            "rounds, ± half its spread (max - min) in %% of the median. "
            "dep/sched is the best drm_dep variant against drm_sched "
            "(higher is better for drm_dep); floor/dep is the floor "
            "against the best drm_dep variant (for a cost, how much of it "
            "the floor needs)."
            % (now.strftime("%Y-%m-%d %H:%M UTC"), machine(), args.params))
    out = [head, ""]
    for lane, data in lanes:
        t, targets = lane_report(lane, data)
        out += [lane, "", t, "", targets, ""]
    report = "\n".join(out)
    print(report)

    if args.plot and plot(lanes, args.plot):
        print("plot: %s" % args.plot)

    if args.rst:
        rst = [".. SPDX-License-Identifier: MIT",
               "",
               ".. Written by tools/bench-report.py (make bench); do not edit.",
               "",
               "=============================================",
               "drm_dep benchmark results: the latest figures",
               "=============================================",
               "",
               head, ""]
        for lane, data in lanes:
            t, targets = lane_report(lane, data)
            title = {"uml": "UML (one CPU)",
                     "qemu": "QEMU x86_64, two CPUs (TCG)"}.get(lane, lane)
            rst += [title, "-" * len(title), "", "::", ""]
            rst += ["   " + line for line in t.splitlines()]
            rst += [""]
            if targets:
                rst += ["Targets:", "", "::", ""]
                rst += ["   " + line for line in targets.splitlines()]
                rst += [""]
        if args.plot:
            rst += ["Latency distributions", "---------------------", "",
                    ".. image:: %s" % os.path.basename(args.plot),
                    "   :alt: latency percentiles of each implementation",
                    ""]
        with open(args.rst, "w") as f:
            f.write("\n".join(rst))
        print("results: %s" % args.rst)


if __name__ == "__main__":
    sys.exit(main())

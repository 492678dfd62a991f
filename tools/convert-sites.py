#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Count the drm_sched sites of a driver, and tie the ones left after the
patch modes to the reports of drm_dep_report.cocci.

A site is one occurrence, in the driver's .c and .h files with comments
and string literals removed, of
  - an identifier of include/drm/gpu_scheduler.h named drm_sched_*,
    drm_gpu_sched*, DRM_SCHED_*, DRM_GPU_SCHED_*, to_drm_sched_* or
    MAX_WAIT_SCHED_ENTITY_Q_EMPTY (calls, types, constants), or
  - a drm_sched internal the driver reaches into: s_fence,
    <sched|scheduler|base>.pending_list and .job_list_lock, sched.ready,
    entity->rq (with . or ->).

  convert-sites.py names <gpu_scheduler.h>
  convert-sites.py count <names> <dir>             -> JSON {name: n}
  convert-sites.py cover <names> <dir> <reports>   -> JSON coverage
  convert-sites.py manual <patch>                  -> JSON manual patch size

A site left with no report of drm_dep_report.cocci on its line gets the
category "grep-only": spatch did not see it (code inside a macro such as
TRACE_EVENT, or code it could not parse). convert.sh lists those sites in
the patch too, so that nothing is left silent.
"""
import json
import os
import re
import sys
from collections import Counter

INTERNALS = [
    ("s_fence", re.compile(r"\bs_fence\b")),
    ("pending_list",
     re.compile(r"\b(?:sched|scheduler|base)\s*(?:\.|->)\s*pending_list\b")),
    ("job_list_lock",
     re.compile(r"\b(?:sched|scheduler|base)\s*(?:\.|->)\s*job_list_lock\b")),
    ("ready", re.compile(r"\bsched\s*(?:\.|->)\s*ready\b")),
    ("rq", re.compile(r"\bentity\s*(?:\.|->)\s*rq\b")),
]
API = re.compile(r"\b(?:drm_sched_\w+|drm_gpu_sched\w*|DRM_SCHED_\w+|"
                 r"DRM_GPU_SCHED_\w+|to_drm_sched_\w+|"
                 r"MAX_WAIT_SCHED_ENTITY_Q_EMPTY)\b")
REPORT = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):\d+-\d+: "
                    r"\[(?P<cat>[a-z-]+)\] (?P<name>[^:]+): (?P<why>.*)$")


def strip(text):
    """Blank comments and string/char literals, keeping line numbers."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + c
                       if j - i >= 2 else text[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def names(header):
    text = strip(open(header).read())
    return sorted(set(API.findall(text)))


def sites(api, root):
    """Yield (relative file, line, name) for every site under root."""
    api = set(api)
    for d, _, files in os.walk(root):
        if "/.git" in d or d.endswith(".git"):
            continue
        for f in sorted(files):
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(d, f)
            rel = os.path.relpath(path, root)
            text = strip(open(path, errors="replace").read())
            for no, line in enumerate(text.split("\n"), 1):
                for m in API.finditer(line):
                    if m.group(0) in api:
                        yield rel, no, m.group(0)
                for name, rx in INTERNALS:
                    for _ in rx.finditer(line):
                        yield rel, no, name


def manual(patch):
    """Size of a manual follow-up: its message (the text before the first
    '---' line) and the lines its diff adds and removes."""
    text = open(patch).read().split("\n")
    cut = text.index("---") if "---" in text else 0
    added = removed = 0
    files = set()
    for line in text[cut:]:
        if line.startswith("+++ b/"):
            files.add(line[6:])
        elif line.startswith(("+++ ", "--- ")):
            continue
        elif line.startswith("+"):
            added += 1
        elif line.startswith("-") and line != "---":
            removed += 1
    return {"added": added, "removed": removed, "lines": added + removed,
            "files": len(files), "message": "\n".join(text[:cut]).strip()}


def main():
    cmd = sys.argv[1]
    if cmd == "names":
        print("\n".join(names(sys.argv[2])))
        return
    if cmd == "manual":
        print(json.dumps(manual(sys.argv[2])))
        return
    api = open(sys.argv[2]).read().split()
    root = sys.argv[3]
    if cmd == "count":
        c = Counter(name for _, _, name in sites(api, root))
        print(json.dumps(dict(sorted(c.items()))))
        return
    # cover: every remaining site against the report lines
    reports = []
    for line in open(sys.argv[4]):
        m = REPORT.match(line.strip())
        if m:
            r = m.groupdict()
            r["file"] = os.path.normpath(r["file"])
            r["line"] = int(r["line"])
            reports.append(r)
    by_line = {}
    for r in reports:
        by_line.setdefault((r["file"], r["line"]), []).append(r)
    left = []
    for rel, no, name in sites(api, root):
        rs = by_line.get((rel, no), [])
        pick = None
        for r in rs:
            short = re.sub(r"^(struct|enum) ", "", r["name"]).rstrip("()")
            if short.split("->")[0] == name:
                pick = r
                break
        if pick is None and rs:
            pick = rs[0]
        left.append({"file": rel, "line": no, "name": name,
                     "cat": pick["cat"] if pick else "grep-only"})
    print(json.dumps({"left": left, "reports": reports}))


if __name__ == "__main__":
    main()

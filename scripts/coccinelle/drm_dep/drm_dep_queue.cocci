// SPDX-License-Identifier: MIT
/// Move the scheduler and queue calls of a drm_sched user to drm_dep where
/// they map one to one, with the scheduler converted to an engine (see
/// drm_dep_types.cocci):
///
///  - drm_sched_wqueue_stop()/_start() become drm_dep_engine_stop()/_start()
///    (engine stops nest; one called from timedout_job() does not wait
///    for that handler itself);
///  - drm_sched_fini() becomes drm_dep_engine_fini(), which waits for the
///    teardown of every queue bound to the engine;
///  - drm_sched_wakeup() goes: drm_dep wakes itself;
///  - drm_sched_fault() becomes drm_dep_engine_fault(): both run the
///    timeout handler of the oldest job on the hardware now, from any
///    context, and do nothing when no job is on it (the scheduler the
///    driver passes is the engine drm_dep_types.cocci makes of it).
///    drm_sched_tdr_queue_imm() is not the same: it also sets the
///    scheduler's timeout to 0 for good, and stays reported.
///
/// Everything else of this concern changes lifetimes or has no counterpart
/// and is reported by drm_dep_report.cocci: drm_sched_init() and its
/// arguments, entity init with a scheduler list, entity destroy, flush
/// and fini (the queue is now reference counted and freed in
/// drm_dep_queue_ops.release), drm_sched_stop()/_start() and the timeout
/// handler's stop / karma / resubmit / start idiom (drm_dep never re-runs
/// a job), priorities, drm_sched_tdr_queue_imm().
//
// Confidence: High
// Copyright: (C) 2026 The drm_dep authors.
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report

@depends on patch@
expression S;
@@
- drm_sched_wqueue_stop(S)
+ drm_dep_engine_stop(S)

@depends on patch@
expression S;
@@
- drm_sched_wqueue_start(S)
+ drm_dep_engine_start(S)

@depends on patch@
expression S;
@@
- drm_sched_fini(S)
+ drm_dep_engine_fini(S)

@depends on patch@
expression S;
@@
- drm_sched_wakeup(S);

@depends on patch@
expression S;
@@
- drm_sched_fault(S)
+ drm_dep_engine_fault(S)

@r depends on !patch && (context || org || report)@
expression S;
identifier fn = {drm_sched_wqueue_stop, drm_sched_wqueue_start,
		 drm_sched_fini, drm_sched_wakeup, drm_sched_fault};
position p;
@@
fn@p(S)

@script:python depends on org@
p << r.p;
fn << r.fn;
@@
coccilib.org.print_todo(p[0], "%s() has a drm_dep counterpart" % fn)

@script:python depends on report@
p << r.p;
fn << r.fn;
@@
new = {"drm_sched_wqueue_stop": "drm_dep_engine_stop()",
       "drm_sched_wqueue_start": "drm_dep_engine_start()",
       "drm_sched_fini": "drm_dep_engine_fini()",
       "drm_sched_wakeup": "nothing (drm_dep wakes itself)",
       "drm_sched_fault": "drm_dep_engine_fault()"}[fn]
coccilib.report.print_report(p[0], "WARNING: %s(): use %s" % (fn, new))


// context: mark what the rules above found

@depends on context@
position r.p;
expression E;
@@
* E@p

// SPDX-License-Identifier: MIT
/// Move the types and callbacks of a drm_sched user to drm_dep.
///
/// struct drm_gpu_scheduler becomes struct drm_dep_engine (one per ring,
/// slot or firmware queue), struct drm_sched_entity struct drm_dep_queue,
/// struct drm_sched_job struct drm_dep_job, struct drm_sched_backend_ops
/// struct drm_dep_queue_ops (run_job, timedout_job and free_job keep their
/// names) and enum drm_gpu_sched_stat enum drm_dep_timeout_status.
/// enum drm_sched_priority becomes enum drm_dep_priority and
/// DRM_SCHED_PRIORITY_* DRM_DEP_PRIORITY_*, with the same values and
/// order. <drm/gpu_scheduler.h> becomes <drm/drm_dep.h>.
///
/// DRM_GPU_SCHED_STAT_NOMINAL is returned by drm_sched timeout handlers
/// both after a reset and when the job is fine; drm_dep tells the two
/// apart. A return reached only after drm_sched_stop() (or a wqueue or
/// engine stop) in a function that also calls drm_sched_resubmit_jobs()
/// becomes DRM_DEP_TIMEOUT_RESET; a return reached only before the stop,
/// in a function that does stop, DRM_DEP_TIMEOUT_EXTEND. A call of a reset
/// helper of the same file, a function that both stops a scheduler and
/// calls drm_sched_resubmit_jobs() (v3d_gpu_reset_for_timeout(),
/// panfrost_reset()), counts as a stop with a resubmit. A stop and start
/// without a resubmit mean either of two things, which the scripts do not
/// tell apart: with the hardware fences re-assigned in between (pvr) the
/// jobs complete when those signal, EXTEND in drm_dep; without (nouveau)
/// drm_sched_start() cancels every job that was on the hardware, RESET.
/// Such a return stays reported.
///
/// Then the timeout handler's stop / karma / resubmit / start idiom goes
/// where it is about one scheduler, taken to be the job's own: in the
/// timedout_job of an ops table of the file, drm_sched_stop(S, job), an
/// optional drm_sched_increase_karma(job), drm_sched_resubmit_jobs(S) and
/// drm_sched_start(S), with S not indexed in an array. drm_dep calls the
/// handler with the job's engine stopped and starts it when the handler
/// returns, and the RESET the handler now returns completes the jobs on
/// the engine's hardware, the timed-out one with -ETIMEDOUT and the
/// others with -ECANCELED: none runs again, and there is no karma. Stops
/// of every scheduler in loops (v3d, panfrost: the reset kills the jobs
/// of the other engines too, which a person must complete) and a stop and
/// start without a resubmit are left to drm_dep_report.cocci, as is every
/// other use.
///
/// Run after drm_dep_job.cocci and drm_dep_queue.cocci, which need the
/// drm_sched type names.
//
// Confidence: Moderate
// Copyright: (C) 2026 The drm_dep authors.
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
after_stop = set()
# Returns after a stop in a function that resubmits nothing: no reset.
after_plain_stop = set()
before_stop = set()
# Reset helpers: functions that stop a scheduler and resubmit its jobs.
# By name: spatch is run on one file at a time.
STOPS = {"drm_sched_stop", "drm_sched_wqueue_stop", "drm_dep_engine_stop",
         "drm_dep_queue_stop"}
stoppers = set()
resubmitters = set()

def is_stop(f):
    return f in STOPS or (f in stoppers and f in resubmitters)

def key(p):
    return (p[0].file, p[0].line, p[0].column)

def is_reset(p):
    return (key(p) in after_stop and key(p) not in before_stop and
            key(p) not in after_plain_stop)

def is_extend(p):
    return key(p) in before_stop and key(p) not in after_stop

// ---------------------------------------------------------------------
// Which NOMINAL returns follow a stop, and which precede it.
// ---------------------------------------------------------------------

// A reset helper: it stops a scheduler and resubmits the jobs.
@helper_stops@
identifier h;
@@
h(...)
{
<+...
\(drm_sched_stop\|drm_sched_wqueue_stop\|drm_dep_engine_stop\|drm_dep_queue_stop\)(...);
...+>
}

@script:python@
h << helper_stops.h;
@@
stoppers.add(h)

@helper_resubmits@
identifier h;
@@
h(...)
{
<+...
drm_sched_resubmit_jobs(...);
...+>
}

@script:python@
h << helper_resubmits.h;
@@
resubmitters.add(h)

@stopped exists@
identifier sf : script:python () { is_stop(sf) };
position p;
@@
sf(...);
...
return DRM_GPU_SCHED_STAT_NOMINAL@p;

// Only a stop that comes with a resubmit is surely a reset: the jobs on
// the hardware are lost and drm_sched ran them again, where drm_dep
// cancels them. Without a resubmit, drm_sched_start() re-attaches the
// hardware fences the driver re-assigned after the stop (pvr: EXTEND) and
// cancels the jobs whose fence it did not (nouveau: RESET): a judgement,
// left reported.
@script:python@
p << stopped.p;
sf << stopped.sf;
@@
after_stop.add(key(p))
if sf in STOPS and p[0].current_element not in resubmitters:
    after_plain_stop.add(key(p))

@stops@
identifier fn;
identifier sf : script:python () { is_stop(sf) };
@@
fn(...)
{
<+...
sf(...)
...+>
}

// A loop over the schedulers of a device that stops each one counts as a
// stop: the path that runs it zero times is not a real one.
@unstopped exists@
identifier stops.fn;
identifier sf : script:python () { is_stop(sf) };
position p;
@@
fn(...)
{
... when != sf(...)
    when != for(...;...;...) sf(...);
    when != for(...;...;...) { <+... sf(...); ...+> }
return DRM_GPU_SCHED_STAT_NOMINAL@p;
}

@script:python@
p << unstopped.p;
@@
before_stop.add(key(p))

// ---------------------------------------------------------------------
// patch
// ---------------------------------------------------------------------

// First, while the positions above still hold.
@depends on patch@
position p : script:python () { is_reset(p) };
position q : script:python () { is_extend(q) };
@@
(
- return DRM_GPU_SCHED_STAT_NOMINAL@p;
+ return DRM_DEP_TIMEOUT_RESET;
|
- return DRM_GPU_SCHED_STAT_NOMINAL@q;
+ return DRM_DEP_TIMEOUT_EXTEND;
)

// The timeout handler's stop / karma / resubmit / start idiom on one
// scheduler, in the timedout_job of an ops table of the file: drm_dep
// calls the handler with the job's engine stopped and starts it again
// when the handler returns; the RESET it now returns completes the jobs
// on that engine's hardware (the timed-out one with -ETIMEDOUT, the others
// with -ECANCELED), none runs again, and there is no karma. The idiom is
// taken to be about the job's own scheduler, the only one the handler
// stops. A scheduler indexed in an array (v3d and panfrost stop all of
// theirs in loops, and their reset kills the jobs of the other engines
// too) is left to drm_dep_report.cocci, as is a stop without a resubmit.
@tdr@
identifier ops, fn;
@@
struct drm_sched_backend_ops ops = { .timedout_job = fn, };

@idiom exists@
identifier tdr.fn;
expression S : script:python () { "[" not in S };
expression J;
position p1, p2, p3;
@@
fn(...)
{
...
drm_sched_stop@p1(S, J);
...
drm_sched_resubmit_jobs@p2(S);
...
drm_sched_start@p3(S);
...
}

@depends on patch@
position idiom.p1, idiom.p2, idiom.p3;
expression S, J;
@@
(
- drm_sched_stop@p1(S, J);
|
- drm_sched_resubmit_jobs@p2(S);
|
- drm_sched_start@p3(S);
)

// Karma under `if (J)' first, then bare: one rule for both would tag the
// inner call twice.
@depends on patch@
identifier tdr.fn;
expression idiom.J;
@@
fn(...)
{
<...
- if (J)
-	drm_sched_increase_karma(J);
...>
}

@depends on patch@
identifier tdr.fn;
expression idiom.J;
@@
fn(...)
{
<...
- drm_sched_increase_karma(J);
...>
}

@depends on patch@
@@
(
- #include <drm/gpu_scheduler.h>
+ #include <drm/drm_dep.h>
|
- #include "drm/gpu_scheduler.h"
+ #include <drm/drm_dep.h>
)

@depends on patch@
@@
- struct drm_sched_job
+ struct drm_dep_job

@depends on patch@
@@
- struct drm_sched_entity
+ struct drm_dep_queue

@depends on patch@
@@
- struct drm_gpu_scheduler
+ struct drm_dep_engine

@depends on patch@
@@
- struct drm_sched_backend_ops
+ struct drm_dep_queue_ops

@depends on patch@
@@
- enum drm_gpu_sched_stat
+ enum drm_dep_timeout_status

// Priorities: same values, same order.
@depends on patch@
@@
- enum drm_sched_priority
+ enum drm_dep_priority

@depends on patch@
identifier P = {DRM_SCHED_PRIORITY_KERNEL, DRM_SCHED_PRIORITY_HIGH,
		DRM_SCHED_PRIORITY_NORMAL, DRM_SCHED_PRIORITY_LOW,
		DRM_SCHED_PRIORITY_COUNT};
fresh identifier N = script:python(P) { P.replace("DRM_SCHED_", "DRM_DEP_") };
@@
- P
+ N

// ---------------------------------------------------------------------
// context, org, report: what patch mode would rewrite
// ---------------------------------------------------------------------

@rt depends on !patch && (context || org || report)@
identifier I = {drm_sched_job, drm_sched_entity, drm_gpu_scheduler,
		drm_sched_backend_ops};
position p;
@@
struct I@p

@script:python depends on org@
p << rt.p;
I << rt.I;
@@
coccilib.org.print_todo(p[0], "struct %s has a drm_dep counterpart" % I)

@script:python depends on report@
p << rt.p;
I << rt.I;
@@
coccilib.report.print_report(p[0], "WARNING: struct %s has a drm_dep counterpart: rename it with the patch mode" % I)

@re depends on !patch && (context || org || report)@
position p;
@@
enum drm_gpu_sched_stat@p

@script:python depends on org@
p << re.p;
@@
coccilib.org.print_todo(p[0], "enum drm_gpu_sched_stat: enum drm_dep_timeout_status")

@script:python depends on report@
p << re.p;
@@
coccilib.report.print_report(p[0], "WARNING: enum drm_gpu_sched_stat: use enum drm_dep_timeout_status")

@rp depends on !patch && (context || org || report)@
identifier P = {DRM_SCHED_PRIORITY_KERNEL, DRM_SCHED_PRIORITY_HIGH,
		DRM_SCHED_PRIORITY_NORMAL, DRM_SCHED_PRIORITY_LOW,
		DRM_SCHED_PRIORITY_COUNT};
position p;
@@
P@p

@script:python depends on org@
p << rp.p;
P << rp.P;
@@
coccilib.org.print_todo(p[0], "%s: %s" % (P, P.replace("DRM_SCHED_", "DRM_DEP_")))

@script:python depends on report@
p << rp.p;
P << rp.P;
@@
coccilib.report.print_report(p[0], "WARNING: %s: use %s" % (P, P.replace("DRM_SCHED_", "DRM_DEP_")))

@script:python depends on org@
p1 << idiom.p1;
@@
coccilib.org.print_todo(p1[0], "timeout idiom on the job's scheduler: drm_dep stops and starts the engine around timedout_job() and re-runs no job")

@script:python depends on report@
p1 << idiom.p1;
@@
coccilib.report.print_report(p1[0], "WARNING: the stop / karma / resubmit / start idiom goes: drm_dep stops and starts the engine around timedout_job(), and the RESET returned completes its jobs without re-running any")

@rs depends on !patch && (context || org || report)@
position p : script:python () { is_reset(p) or is_extend(p) };
@@
return DRM_GPU_SCHED_STAT_NOMINAL@p;

@script:python depends on org@
p << rs.p;
@@
coccilib.org.print_todo(p[0], "DRM_GPU_SCHED_STAT_NOMINAL: %s" % ("DRM_DEP_TIMEOUT_RESET" if is_reset(p) else "DRM_DEP_TIMEOUT_EXTEND"))

@script:python depends on report@
p << rs.p;
@@
coccilib.report.print_report(p[0], "WARNING: DRM_GPU_SCHED_STAT_NOMINAL: return %s" % ("DRM_DEP_TIMEOUT_RESET" if is_reset(p) else "DRM_DEP_TIMEOUT_EXTEND"))

// context: mark what the rules above found

@depends on context@
position rt.p;
identifier T;
@@
* struct T@p

@depends on context@
position re.p;
identifier T;
@@
* enum T@p

@depends on context@
position rp.p;
identifier P;
@@
* P@p

@depends on context@
position rs.p;
@@
* return DRM_GPU_SCHED_STAT_NOMINAL@p;

@depends on context@
position idiom.p1;
expression E;
@@
* E@p1

// SPDX-License-Identifier: MIT
/// Report every use of drm_sched that the drm_dep patch modes leave, with
/// its position and the reason it needs a person.
///
/// Run it after drm_dep_job.cocci, drm_dep_queue.cocci and
/// drm_dep_types.cocci in patch mode: what is left is either a call, type
/// or constant of <drm/gpu_scheduler.h> without a one-to-one counterpart,
/// or a drm_sched internal that the driver reads (s_fence->scheduled,
/// s_fence->parent, pending_list, job_list_lock, sched.ready, entity->rq),
/// or an ops member drm_dep does not have (prepare_job,
/// update_job_credits). It also reports a drm_dep_job_push() that
/// drm_dep_job.cocci could not follow with drm_dep_job_put(): the caller
/// keeps a reference that drm_sched took over. Each report reads
///
///   file:line:col-col: [category] name: reason
///
/// with one of four categories:
///
///  - missing-feature: drm_dep lacks what the driver uses (the list the
///    core should read);
///  - counterpart: drm_dep has a counterpart, but the call needs a person
///    (other arguments, another lifetime, another place);
///  - no-counterpart: gone by design (no karma, no resubmission, no run
///    queues); the driver's code around it changes;
///  - review: a rewrite the scripts would not do on their own.
///
/// Names that are not in the table below are reported as well, as
/// "counterpart", so that nothing of drm_sched stays silent.
//
// Confidence: High
// Copyright: (C) 2026 The drm_dep authors.
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@initialize:python@
@@
import re

MF = "missing-feature"
CP = "counterpart"
NC = "no-counterpart"
RV = "review"

STOP_IDIOM = ("drm_dep never re-runs a job: in timedout_job() the engine is "
              "already stopped, so reset the hardware and return "
              "DRM_DEP_TIMEOUT_RESET (the jobs on it complete with "
              "-ETIMEDOUT/-ECANCELED); elsewhere drm_dep_engine_stop()/"
              "drm_dep_engine_start() or the queue variants, without a bad "
              "job and without detaching fence callbacks")
PRIO = ("enum drm_dep_priority, DRM_DEP_PRIORITY_* and "
        "drm_dep_queue_set_priority(): drm_dep_types.cocci and "
        "drm_dep_queue.cocci rename them where they see them")
SCHED_FENCE = ("drm_dep_fence_scheduled() gives the scheduled fence of a "
               "drm_dep fence (on queues created with "
               "DRM_DEP_QUEUE_SCHEDULED_FENCE), NULL for another fence; "
               "this one is also read for its scheduler, hardware fence, "
               "finished fence or owner, which drm_dep does not give")

# name -> (category, reason)
REASONS = {
    # queues and engines
    "drm_sched_init": (CP, "drm_dep_engine_init() with drm_dep_engine_args "
                       "(name, submit_wq, timeout_wq, timeout, "
                       "credit_limit); ops move to "
                       "drm_dep_queue_init(); num_rqs, hang_limit and dev "
                       "go; score has no counterpart (an engine counts its "
                       "own load)"),
    "drm_sched_init_args": (CP, "becomes drm_dep_engine_args (name, "
                            "submit_wq, timeout_wq, timeout, credit_limit) "
                            "plus the ops of drm_dep_queue_args"),
    "drm_sched_entity_init": (CP, "drm_dep_queue_init() with engines = the "
                              "scheduler list, the ops its schedulers were "
                              "set up with (not one ops table of this file) "
                              "and the priority; guilty has no counterpart"),
    "drm_sched_entity_destroy": (CP, "drm_dep_queue_fini(), after which the "
                                 "driver frees the queue"),
    "drm_sched_entity_fini": (CP, "drm_dep_queue_kill() then "
                              "drm_dep_queue_fini(), after which the driver "
                              "frees the queue"),
    "drm_sched_entity_flush": (NC, "keep the last pushed job's finished "
                               "fence and wait for it, then kill the queue"),
    "drm_sched_entity_modify_sched": (MF, "changing the engines of a live "
                                      "queue (a queue's engines are fixed "
                                      "at init)"),
    "drm_sched_entity_set_priority": (CP, PRIO),
    "drm_sched_entity_error": (CP, "drm_dep_queue_error(): "
                               "drm_dep_queue.cocci renames it where it "
                               "sees it"),
    "drm_sched_pick_best": (CP, "placement is done by drm_dep_job_arm() for "
                            "a queue bound to several engines; "
                            "drm_dep_job_engine() tells the result"),
    "drm_sched_stop": (NC, STOP_IDIOM),
    "drm_sched_start": (NC, STOP_IDIOM),
    "drm_sched_resubmit_jobs": (NC, "no job runs twice: the jobs on the "
                                "hardware at a reset complete with "
                                "-ETIMEDOUT or -ECANCELED"),
    "drm_sched_increase_karma": (NC, "no karma: the timed-out job's "
                                 "finished fence carries -ETIMEDOUT; kill a "
                                 "queue considered guilty"),
    "drm_sched_invalidate_job": (NC, "no karma: count hangs in "
                                 "timedout_job() and kill the queue"),
    "drm_sched_fault": (CP, "drm_dep_engine_fault(engine) (immediate "
                        "timeout, any context); the patch mode of "
                        "drm_dep_queue.cocci renames it where it sees the "
                        "call: pass the engine the job runs on"),
    "drm_sched_tdr_queue_imm": (CP, "drm_dep_engine_fault(engine) is the "
                                "immediate timeout, but this call also sets "
                                "the scheduler's timeout to 0 for every "
                                "later job, which drm_dep_engine_fault() "
                                "does not"),
    "drm_sched_suspend_timeout": (CP, "drm_dep_engine_suspend_timeout() "
                                  "on the scheduler's engine"),
    "drm_sched_resume_timeout": (CP, "drm_dep_engine_resume_timeout() on "
                                 "the scheduler's engine"),
    "drm_sched_wqueue_ready": (CP, "drm_dep_engine_ready(): "
                               "drm_dep_queue.cocci renames it where it "
                               "sees the call"),
    "drm_sched_priority": (CP, PRIO),
    "drm_sched_rq": (NC, "no run queues: an engine serves its queues round "
                     "robin"),
    "drm_sched_policy": (NC, "one policy: round robin by jobs"),
    # jobs
    "drm_sched_job_cleanup": (CP, "drm_dep_job_put() for a job never "
                              "pushed (a pushed job's reference is the one "
                              "put after its push): the last reference "
                              "frees the job through free_job(), so the "
                              "driver's own free after it goes too"),
    "drm_sched_fence": (CP, SCHED_FENCE),
    "to_drm_sched_fence": (CP, SCHED_FENCE),
    "DRM_SCHED_FENCE_DONT_PIPELINE": (NC, "no pipelining of dependencies "
                                      "between queues of one engine"),
    # callbacks and return values
    "DRM_GPU_SCHED_STAT_NOMINAL": (CP, "return DRM_DEP_TIMEOUT_RESET if "
                                   "the engine was reset on this path, "
                                   "DRM_DEP_TIMEOUT_EXTEND if the job is "
                                   "fine or done, or if its hardware fence "
                                   "will still signal (a stop and start "
                                   "around a re-assigned s_fence->parent); "
                                   "the scripts could not tell here"),
    "DRM_GPU_SCHED_STAT_ENODEV": (CP, "signal the hardware fences with "
                                  "-ENODEV, return DRM_DEP_TIMEOUT_RESET "
                                  "and kill the queues"),
    "DRM_GPU_SCHED_STAT_NONE": (NC, "a reserved zero value"),
    "prepare_job": (MF, "dependencies learnt at run time (prepare_job): "
                    "every dependency must be known before arm"),
    "update_job_credits": (MF, "credits that change after init"),
}

FIELDS = {
    "scheduled": (MF, "scheduled fence read where the job may not be "
                  "pushed (before drm_dep_job_push(), after an arm, or in "
                  "a helper without a push that may see an unarmed job): "
                  "drm_dep_job_scheduled_fence() warns before push and "
                  "looks at the job, and a job cannot wait for the start "
                  "of an armed sibling (drm_dep_job_add_sibling_dependency() "
                  "waits for its end); once pushed it is "
                  "drm_dep_job_scheduled_fence() on a queue with "
                  "DRM_DEP_QUEUE_SCHEDULED_FENCE"),
    "parent": (CP, "drm_dep_job_hw_fence() reads a job's hardware "
               "fence, which drm_dep never clears or re-assigns; here it "
               "is written, put, or used where a scheduler is stopped, "
               "or not seen as a job's"),
    "finished": (RV, "finished fence read before drm_dep_job_push() (or "
                 "after an arm in a function without the push): drm_dep "
                 "warns; read it after the push and before the "
                 "drm_dep_job_put() that follows it, use "
                 "drm_dep_job_add_sibling_dependency() between jobs of one "
                 "submission"),
    "owner": (NC, "no owner: keep it in the driver's job"),
    "s_fence": (CP, "the job's fences are private: drm_dep_job_seqno() is "
                "0 before arm, drm_dep_job_finished_fence() after push"),
    "pending_list": (MF, "a list of the jobs on an engine's hardware "
                     "(drivers keep their own)"),
    "job_list_lock": (MF, "a list of the jobs on an engine's hardware "
                      "(drivers keep their own)"),
    "ready": (CP, "sched.ready: drm_dep_engine_ready() and "
              "drm_dep_engine_set_ready(); drm_dep_queue.cocci rewrites "
              "<x>.sched.ready and a scheduler pointer's ->ready, not this "
              "use"),
    "rq": (NC, "entity->rq: no run queues; drm_dep_job_engine() is where a "
           "job runs"),
}

# The same fields read through a struct drm_sched_fence local, which
# drm_dep_job.cocci leaves when it is read for more than its scheduled
# fence.
LOCAL_FIELDS = {
    "scheduled": (CP, SCHED_FENCE),
    "parent": (MF, "the hardware fence read through a struct "
               "drm_sched_fence local: drm_dep gives a job's "
               "(drm_dep_job_hw_fence()), not a fence's"),
    "finished": (CP, "the finished fence of a fence found with "
                 "to_drm_sched_fence(): the drm_dep fence itself, when it "
                 "is a finished fence; the scheduled fence does not lead "
                 "back to it"),
}

seen = set()
MODE = ["report"]

def short(name):
    """One name per thing: drm_sched_init() and drm_sched_init, s_fence and
    s_fence->scheduled are reported once on a line."""
    name = re.sub(r"^(struct|enum) ", "", name).rstrip("()")
    return name.split("->")[0]

def emit(p, mode, name, cat, why):
    kp = (p[0].file, p[0].line, p[0].column)
    kn = (p[0].file, p[0].line, short(name))
    if kp in seen or kn in seen:
        return
    seen.add(kp)
    seen.add(kn)
    msg = "[%s] %s: %s" % (cat, name, why)
    if mode == "org":
        coccilib.org.print_todo(p[0], msg)
    else:
        coccilib.report.print_report(p[0], msg)

def generic(name):
    if name in REASONS:
        return REASONS[name]
    if name.startswith("DRM_SCHED_PRIORITY_"):
        return (CP, PRIO)
    return (CP, "drm_sched name left by the patch modes: see the mapping "
            "table of Documentation/gpu/drm-dep.rst")

@script:python depends on org@
@@
MODE[0] = "org"

// ---------------------------------------------------------------------
// drm_sched internals reached through a job, scheduler or entity.
// Specific fence fields first, so that they get their own reason.
// ---------------------------------------------------------------------

// The hardware fence re-assigned after a stop (pvr, panthor): drm_dep
// never detaches it, so there is nothing to re-assign. Before the reads.
@sfw depends on context || org || report@
expression J, V;
position p;
@@
(
J->s_fence@p->parent = V
|
J.s_fence@p->parent = V
)

@script:python depends on org || report@
p << sfw.p;
@@
emit(p, MODE[0], "s_fence->parent", NC,
     "re-assigned after a stop: drm_dep keeps the hardware fence "
     "run_job() returned and never detaches it, so this goes with the "
     "stop and start around it")

@sf depends on context || org || report@
expression J;
identifier fld = {scheduled, parent, finished, owner};
position p;
@@
(
J->s_fence@p->fld
|
J.s_fence@p->fld
)

@script:python depends on org || report@
p << sf.p;
fld << sf.fld;
@@
cat, why = FIELDS[fld]
emit(p, MODE[0], "s_fence->" + fld, cat, why)

// A fence field read through a local struct drm_sched_fence *s_fence.
@sfl depends on context || org || report@
expression E;
identifier fld = {scheduled, parent, finished, owner};
position p;
@@
E->fld@p

@script:python depends on org || report@
p << sfl.p;
E << sfl.E;
fld << sfl.fld;
@@
if re.search(r"s_fence$", re.sub(r"\s+", "", E)):
    cat, why = LOCAL_FIELDS.get(fld, FIELDS[fld])
    emit(p, MODE[0], "s_fence->" + fld, cat, why)

// Any other s_fence: a test whether the job was armed, a copy.
@sfv depends on context || org || report@
expression E;
position p;
@@
(
E->s_fence@p
|
E.s_fence@p
)

@script:python depends on org || report@
p << sfv.p;
@@
cat, why = FIELDS["s_fence"]
emit(p, MODE[0], "s_fence", cat, why)

@fi depends on context || org || report@
expression E;
identifier fld = {pending_list, job_list_lock, ready, rq};
position p;
@@
(
E->fld@p
|
E.fld@p
)

@script:python depends on org || report@
p << fi.p;
E << fi.E;
fld << fi.fld;
@@
base = re.sub(r"\s+", "", E)
ok = {"pending_list": r"(sched|scheduler|base)$",
      "job_list_lock": r"(sched|scheduler|base)$",
      "ready": r"sched$",
      "rq": r"entity$"}[fld]
if re.search(ok, base):
    cat, why = FIELDS[fld]
    emit(p, MODE[0], fld, cat, why)

// ---------------------------------------------------------------------
// Ops members drm_dep does not have.
// ---------------------------------------------------------------------

@om depends on context || org || report@
identifier ops, fn;
identifier fld = {prepare_job, update_job_credits};
position p;
@@
(
struct drm_sched_backend_ops ops = { .fld@p = fn, };
|
struct drm_dep_queue_ops ops = { .fld@p = fn, };
)

@script:python depends on org || report@
p << om.p;
fld << om.fld;
@@
cat, why = REASONS[fld]
emit(p, MODE[0], "." + fld, cat, why)

// ---------------------------------------------------------------------
// Calls, constants and types of <drm/gpu_scheduler.h> left over.
// ---------------------------------------------------------------------

@call depends on context || org || report@
identifier fn =~ "^(drm_sched_|to_drm_sched_fence$)";
position p;
@@
fn@p(...)

@script:python depends on org || report@
p << call.p;
fn << call.fn;
@@
cat, why = generic(fn)
emit(p, MODE[0], fn + "()", cat, why)

@cst depends on context || org || report@
identifier C =~ "^(DRM_SCHED_|DRM_GPU_SCHED_|MAX_WAIT_SCHED_ENTITY_Q_EMPTY$)";
position p;
@@
C@p

@script:python depends on org || report@
p << cst.p;
C << cst.C;
@@
cat, why = generic(C)
emit(p, MODE[0], C, cat, why)

@st depends on context || org || report@
identifier T =~ "^(drm_sched_|drm_gpu_sched)";
position p;
@@
struct T@p

@script:python depends on org || report@
p << st.p;
T << st.T;
@@
cat, why = generic(T)
emit(p, MODE[0], "struct " + T, cat, why)

@en depends on context || org || report@
identifier T =~ "^(drm_sched_|drm_gpu_sched)";
position p;
@@
enum T@p

@script:python depends on org || report@
p << en.p;
T << en.T;
@@
cat, why = generic(T)
emit(p, MODE[0], "enum " + T, cat, why)

@idr depends on context || org || report@
identifier I =~ "^(drm_sched_|to_drm_sched_fence$)";
position p;
@@
I@p

@script:python depends on org || report@
p << idr.p;
I << idr.I;
@@
cat, why = generic(I)
emit(p, MODE[0], I, cat, why)

// ---------------------------------------------------------------------
// A push the patch mode could not follow with a put: drm_dep_job_push()
// leaves the caller its reference, which drm_sched_entity_push_job() took
// over. Not a drm_sched site, but a change of behaviour a person finishes.
// ---------------------------------------------------------------------

@push_put forall@
expression J;
position p;
@@
drm_dep_job_push@p(J);
... when strict
drm_dep_job_put(J);

@push depends on context || org || report@
expression J;
position p != push_put.p;
@@
drm_dep_job_push@p(J)

@script:python depends on org || report@
p << push.p;
@@
emit(p, MODE[0], "drm_dep_job_push()", CP,
     "the caller keeps its reference, which drm_sched_entity_push_job() "
     "took over: drop it with drm_dep_job_put() after the job's last use, "
     "on every path and outside spinlocks; free_job() runs at the last "
     "put, so no lock it takes may be held there")

// ---------------------------------------------------------------------
// context: mark what the rules above found
// ---------------------------------------------------------------------

@depends on context@
position sf.p;
expression E;
@@
* E@p

@depends on context@
position sfl.p;
expression E;
@@
* E@p

@depends on context@
position sfv.p;
expression E;
@@
* E@p

@depends on context@
position fi.p;
expression E;
@@
* E@p

@depends on context@
position call.p;
expression E;
@@
* E@p

@depends on context@
position cst.p;
expression E;
@@
* E@p

@depends on context@
position push.p;
expression E;
@@
* E@p

@depends on context@
position idr.p;
expression E;
@@
* E@p

@depends on context@
position st.p;
identifier T;
@@
* struct T@p

@depends on context@
position en.p;
identifier T;
@@
* enum T@p

@depends on context@
position om.p;
identifier ops, fn, fld;
@@
(
* struct drm_sched_backend_ops ops = { .fld@p = fn, };
|
* struct drm_dep_queue_ops ops = { .fld@p = fn, };
)

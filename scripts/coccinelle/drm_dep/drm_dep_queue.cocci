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
///    scheduler's timeout to 0 for good, and stays reported;
///  - drm_sched_suspend_timeout() and drm_sched_resume_timeout() become
///    drm_dep_engine_suspend_timeout() and _resume_timeout(): the clock
///    of the engine's timeout stops, new jobs on the hardware do not start
///    it, and the resume sets it to the time given;
///  - drm_sched_entity_set_priority() becomes drm_dep_queue_set_priority(),
///    and drm_sched_entity_error() drm_dep_queue_error(): the first error
///    of a job of the queue, which stays (drm_sched's was that of the last
///    job that started, which amdgpu made stick in its prepare_job());
///  - the scheduler's ready flag, <x>.sched.ready and a scheduler
///    pointer's ->ready, and drm_sched_wqueue_ready(), become
///    drm_dep_engine_set_ready() and drm_dep_engine_ready(): an engine
///    that is not ready is skipped by placement, and a queue with no ready
///    engine refuses new jobs with -ENOENT, as drm_sched_pick_best() and
///    drm_sched_job_init() do;
///  - a timeout handler that finds the job fine and puts it back on the
///    scheduler's pending list (job_list_lock, list_add, unlock) no longer
///    needs to: drm_dep keeps the job on the hardware list while the
///    handler runs. The three statements go, and so does a local that
///    held the job's scheduler only for them.
///
///  - drm_sched_init(S, &A), with A a struct drm_sched_init_args of the
///    same function, becomes drm_dep_engine_init(S, &A), and A a struct
///    drm_dep_engine_args: name, submit_wq, timeout_wq, timeout and
///    credit_limit carry over; ops moves to the queues; num_rqs (every
///    engine serves every priority), hang_limit (no karma) and dev go. A
///    score has no counterpart: the inits of such a file stay reported;
///  - drm_sched_entity_init(E, P, L, N, NULL) becomes drm_dep_queue_init()
///    on the engines L, N of them, with priority P and the ops of the
///    scheduler, where the file defines exactly one struct
///    drm_sched_backend_ops (the one its drm_sched_init() uses); the queue
///    takes its name from its first engine, as drm_sched fences are named
///    after their scheduler. In a file without a table, the table named by
///    the environment variable DRM_DEP_OPS_TABLE, which tools/convert.sh
///    sets when a driver has one table declared in a header (amdgpu). With
///    two tables, none known, or a guilty pointer, it stays reported. A
///    file that reads scheduled fences gets DRM_DEP_QUEUE_SCHEDULED_FENCE
///    on the queues it sets up;
///  - drm_sched_entity_destroy() becomes drm_dep_queue_fini(), and
///    drm_sched_entity_fini() drm_dep_queue_kill() then
///    drm_dep_queue_fini(): the driver frees its queue afterwards as it
///    freed the entity. fini waits for every job of the queue, those on
///    the hardware too (entity teardown did not), and destroy lets pushed
///    jobs run unless the caller is being killed, as entity_destroy did
///    within a second; fini must not be called from free_job() or with a
///    lock that free_job() takes (lockdep says so).
///
/// Everything else of this concern has no counterpart and is reported by
/// drm_dep_report.cocci: drm_sched_entity_flush(), drm_sched_stop()/_start()
/// outside the timeout handler's idiom (see drm_dep_types.cocci),
/// drm_sched_tdr_queue_imm().
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

@depends on patch@
expression S;
@@
- drm_sched_suspend_timeout(S)
+ drm_dep_engine_suspend_timeout(S)

@depends on patch@
expression S, R;
@@
- drm_sched_resume_timeout(S, R)
+ drm_dep_engine_resume_timeout(S, R)

@depends on patch@
expression S;
@@
- drm_sched_wqueue_ready(S)
+ drm_dep_engine_ready(S)

@depends on patch@
expression E, P;
@@
- drm_sched_entity_set_priority(E, P)
+ drm_dep_queue_set_priority(E, P)

@depends on patch@
expression E;
@@
- drm_sched_entity_error(E)
+ drm_dep_queue_error(E)

// sched.ready: the engine's readiness. The field is found by its name,
// sched, as drm_dep_report.cocci finds it: spatch is run without the
// driver's headers, which declare the structures that embed it.
@depends on patch@
expression E, V;
struct drm_gpu_scheduler *S;
@@
(
- E.sched.ready = V
+ drm_dep_engine_set_ready(&E.sched, V)
|
- E->sched.ready = V
+ drm_dep_engine_set_ready(&E->sched, V)
|
- S->ready = V
+ drm_dep_engine_set_ready(S, V)
)

@depends on patch@
expression E;
struct drm_gpu_scheduler *S;
@@
(
- E.sched.ready
+ drm_dep_engine_ready(&E.sched)
|
- E->sched.ready
+ drm_dep_engine_ready(&E->sched)
|
- S->ready
+ drm_dep_engine_ready(S)
)

// A timeout handler that finds the job fine puts it back on the pending
// list, from which drm_sched took it for the handler. drm_dep keeps the
// job on the hardware list while the handler runs: the three statements
// go, and the local that named the scheduler only for them too.
@readd depends on patch@
identifier fn, S;
expression J;
@@
fn(...)
{
<...
- spin_lock(&S->job_list_lock);
- list_add(&J->list, &S->pending_list);
- spin_unlock(&S->job_list_lock);
...>
}

@depends on patch@
identifier readd.fn, readd.S, J;
type T;
@@
fn(...)
{
...
- T S = J->sched;
... when != S
}

// The queues of an entity get the ops its schedulers were set up with:
// the one ops table of the file. With two or more (v3d, whose
// drm_sched_init() takes the table as an argument), or none (the entities
// of amdgpu, etnaviv and msm are set up elsewhere), nothing is guessed.
@sched_ops@
identifier O;
@@
struct drm_sched_backend_ops O = { ... };

@initialize:python@
@@
ops_tables = set()

@script:python depends on sched_ops@
O << sched_ops.O;
@@
ops_tables.add(O)

@script:python one_ops depends on sched_ops@
O << sched_ops.O;
@@
if len(ops_tables) != 1:
    cocci.include_match(False)

// A file that reads scheduled fences (drm_dep_job.cocci rewrote the
// reads) gets them on the queues it sets up.
@sched_fences@
@@
(
drm_dep_fence_scheduled(...)
|
drm_dep_job_scheduled_fence(...)
)

@depends on patch && one_ops && sched_fences@
identifier sched_ops.O;
expression E, P, L, N;
@@
- drm_sched_entity_init(E, P, L, N, NULL)
+ drm_dep_queue_init(E, &(struct drm_dep_queue_args){ .ops = &O, .engines = L, .num_engines = N, .priority = P, .flags = DRM_DEP_QUEUE_SCHEDULED_FENCE, })

@depends on patch && one_ops@
identifier sched_ops.O;
expression E, P, L, N;
@@
- drm_sched_entity_init(E, P, L, N, NULL)
+ drm_dep_queue_init(E, &(struct drm_dep_queue_args){ .ops = &O, .engines = L, .num_engines = N, .priority = P, })

// An entity set up in a file without an ops table, in a driver whose one
// table is declared in a header (amdgpu_sched_ops): tools/convert.sh
// names it in the environment, as DRM_DEP_OPS_TABLE=<table>.
@script:python extern_ops@
O;
@@
import os
name = os.environ.get("DRM_DEP_OPS_TABLE", "")
# Only in a file without a table of its own.
if name and not ops_tables:
    coccinelle.O = cocci.make_ident(name)
else:
    cocci.include_match(False)

@depends on patch && !sched_ops && extern_ops && sched_fences@
identifier extern_ops.O;
expression E, P, L, N;
@@
- drm_sched_entity_init(E, P, L, N, NULL)
+ drm_dep_queue_init(E, &(struct drm_dep_queue_args){ .ops = &O, .engines = L, .num_engines = N, .priority = P, .flags = DRM_DEP_QUEUE_SCHEDULED_FENCE, })

@depends on patch && !sched_ops && extern_ops@
identifier extern_ops.O;
expression E, P, L, N;
@@
- drm_sched_entity_init(E, P, L, N, NULL)
+ drm_dep_queue_init(E, &(struct drm_dep_queue_args){ .ops = &O, .engines = L, .num_engines = N, .priority = P, })

@depends on patch@
expression E;
@@
- drm_sched_entity_destroy(E)
+ drm_dep_queue_fini(E)

@depends on patch@
expression E;
@@
- drm_sched_entity_fini(E);
+ drm_dep_queue_kill(E);
+ drm_dep_queue_fini(E);

// drm_sched_init() and its arguments, declared in the same function. A
// score keeps the inits of the file for a person.
@init depends on patch exists@
identifier A, fn;
expression S;
@@
fn(...)
{
...
  struct drm_sched_init_args A = { ... };
...
  drm_sched_init(S, &A)
...
}

@has_score depends on patch exists@
identifier init.A, init.fn;
expression W;
@@
fn(...)
{
...
(
  struct drm_sched_init_args A = { ..., .score = W, ... };
|
  A.score = W;
)
...
}

@conv_init depends on init && !has_score exists@
identifier init.A, init.fn;
expression S;
@@
fn(...)
{
...
  struct
- drm_sched_init_args
+ drm_dep_engine_args
  A = { ... };
...
- drm_sched_init(S, &A)
+ drm_dep_engine_init(S, &A)
...
}

// What has no counterpart goes; name, submit_wq, timeout_wq, timeout and
// credit_limit stay.
@depends on conv_init@
identifier A;
identifier F = {ops, num_rqs, hang_limit, dev};
expression V;
@@
  struct drm_dep_engine_args A = {
-	.F = V,
  };

@depends on conv_init@
struct drm_dep_engine_args A;
identifier F = {ops, num_rqs, hang_limit, dev};
expression V;
@@
- A.F = V;

@r depends on !patch && (context || org || report)@
expression S;
identifier fn = {drm_sched_wqueue_stop, drm_sched_wqueue_start,
		 drm_sched_fini, drm_sched_wakeup, drm_sched_fault,
		 drm_sched_wqueue_ready, drm_sched_entity_set_priority,
		 drm_sched_suspend_timeout, drm_sched_resume_timeout,
		 drm_sched_entity_error};
position p;
@@
fn@p(S, ...)

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
       "drm_sched_fault": "drm_dep_engine_fault()",
       "drm_sched_wqueue_ready": "drm_dep_engine_ready()",
       "drm_sched_entity_set_priority": "drm_dep_queue_set_priority()",
       "drm_sched_suspend_timeout": "drm_dep_engine_suspend_timeout()",
       "drm_sched_resume_timeout": "drm_dep_engine_resume_timeout()",
       "drm_sched_entity_error": "drm_dep_queue_error()"}[fn]
coccilib.report.print_report(p[0], "WARNING: %s(): use %s" % (fn, new))


@rr depends on !patch && (context || org || report)@
expression E;
struct drm_gpu_scheduler *S;
position p;
@@
(
E.sched.ready@p
|
E->sched.ready@p
|
S->ready@p
)

@script:python depends on org@
p << rr.p;
@@
coccilib.org.print_todo(p[0], "sched.ready: drm_dep_engine_ready() or drm_dep_engine_set_ready()")

@script:python depends on report@
p << rr.p;
@@
coccilib.report.print_report(p[0], "WARNING: sched.ready: use drm_dep_engine_ready(), or drm_dep_engine_set_ready() where it is written")

@ra depends on !patch && (context || org || report)@
identifier S;
expression J;
position p;
@@
spin_lock@p(&S->job_list_lock);
list_add(&J->list, &S->pending_list);
spin_unlock(&S->job_list_lock);

@script:python depends on org@
p << ra.p;
@@
coccilib.org.print_todo(p[0], "job put back on the pending list: drm_dep keeps it on the hardware list")

@script:python depends on report@
p << ra.p;
@@
coccilib.report.print_report(p[0], "WARNING: the job is put back on the pending list: drop it, drm_dep keeps the job on the hardware list while timedout_job() runs")

// context: mark what the rules above found

@depends on context@
position r.p;
expression E;
@@
* E@p

@depends on context@
position rr.p;
expression E;
@@
* E@p

@depends on context@
position ra.p;
expression E;
@@
* E@p

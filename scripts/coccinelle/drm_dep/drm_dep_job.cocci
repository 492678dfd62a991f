// SPDX-License-Identifier: MIT
/// Move the job life of a drm_sched user to drm_dep.
///
/// Renames, one call at a time: drm_sched_job_init() (owner and client id
/// dropped, no flags), the four dependency calls, drm_sched_job_arm() and
/// drm_sched_entity_push_job(). Arm and push are never matched as a pair:
/// many drivers arm in one function and push in another.
///
/// Reads of the finished fence become drm_dep_job_finished_fence(), its
/// error drm_dep_job_error(), of the scheduled fence
/// drm_dep_job_scheduled_fence(), of the hardware fence (s_fence->parent)
/// drm_dep_job_hw_fence(), job->sched drm_dep_job_engine() and
/// job->entity drm_dep_job_queue(). A fence read that comes before the push
/// in its function (or after an arm with no push after it) is left alone:
/// drm_dep warns when a fence is asked for before drm_dep_job_push(), so
/// drm_dep_report.cocci reports it instead. A scheduled-fence read is
/// rewritten only where the job is known to be pushed: after a push in
/// its function, or in run_job() and timedout_job(). A struct
/// drm_sched_fence local set from to_drm_sched_fence() and used only for
/// its scheduled fence and NULL tests becomes a struct dma_fence pointer
/// named scheduled, set with drm_dep_fence_scheduled(). Scheduled fences
/// exist on queues with DRM_DEP_QUEUE_SCHEDULED_FENCE: a driver that reads
/// them needs that flag on its queues (drm_dep_queue.cocci sets it where
/// the same file sets the queues up).
///
/// drm_sched_entity_push_job() handed the job over to drm_sched;
/// drm_dep_job_push() leaves the caller its reference. Where the function
/// does not name the job again after the push, drm_dep_job_put() follows
/// the push, which hands the job over as before; elsewhere the put is for
/// a person, after the job's last use, and drm_dep_report.cocci says so.
///
/// drm_sched_job_cleanup() goes from the free_job callback (drm_dep has
/// released its part of the job before free_job runs); the calls in error
/// paths stay, for a person, because drm_dep_job_put() frees the job
/// through free_job and the driver's own free after it must go as well.
///
/// Run before drm_dep_types.cocci: the rules need the drm_sched type names
/// to know which expressions are jobs.
//
// Confidence: High
// Copyright: (C) 2026 The drm_dep authors.
// Comments: run with --local-includes --include-headers-for-types so that
//  job->base.sched is known to be a job field.
// Options: --local-includes --include-headers-for-types

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
# Lines of arm-like and push-like calls, per file and function. A driver's
# own wrappers (xe_sched_job_arm(), xe_sched_job_push()) count as well.
arms = {}
pushes = {}
writes = set()
# Pushes that keep the caller's reference: the job is named again after
# them, has a side effect, or is pushed under a spinlock.
pushes_kept = set()
# struct drm_sched_fence locals: where each occurs, where in a form that
# drm_dep_job.cocci rewrites, and the declarations of each name.
sf_uses = {}
sf_ok = {}
sf_decls = {}
# run_job() and timedout_job() callbacks of the file's ops tables.
callbacks = set()
# Functions that write a job's parent fence, and the lines of the
# scheduler stops and starts of each function.
parent_fns = set()
parent_stops = {}

def pos(p):
    return (p[0].file, p[0].line, p[0].column)

def push_keeps_ref(p):
    return pos(p) in pushes_kept

def is_written(p):
    return pos(p) in writes

def where(p):
    return (p[0].file, p[0].current_element)

def sf_fn(p, S):
    return (p[0].file, p[0].current_element, S)

def sf_convert(p):
    """Whether the local declared at p becomes the scheduled fence: the
    only declaration of its name in its function, with no occurrence
    other than those drm_dep_job.cocci rewrites and NULL tests."""
    k = pos(p)
    for fn, decls in sf_decls.items():
        if k in decls:
            return (len(decls) == 1 and
                    not (sf_uses.get(fn, set()) - sf_ok.get(fn, set())))
    return False

def parent_read(p):
    """A read of a job's hardware fence that drm_dep_job_hw_fence() gives:
    not a write, not in a function that writes one, not after a stop or
    start of a scheduler in its function."""
    if is_written(p) or where(p) in parent_fns:
        return False
    line = int(p[0].line)
    return not any(x < line for x in parent_stops.get(where(p), []))

def after_push(p):
    """A read where the job is pushed: after a push, with no arm after it,
    in its function, or in run_job() or timedout_job()."""
    if before_push(p):
        return False
    if p[0].current_element in callbacks:
        return True
    line = int(p[0].line)
    return any(x < line for x in pushes.get(where(p), []))

def before_push(p):
    """A finished-fence read that drm_dep would warn about."""
    k = where(p)
    line = int(p[0].line)
    ps = pushes.get(k, [])
    if any(x > line for x in ps):
        return True
    for a in arms.get(k, []):
        if a < line and not any(a < x < line for x in ps):
            return True
    return False

// ---------------------------------------------------------------------
// Where arm and push are, and which function is free_job.
// ---------------------------------------------------------------------

@arm_site@
identifier armfn =~ "^(drm_sched_job_arm|drm_dep_job_arm|.*_job_arm)$";
position p;
@@
armfn@p(...)

@script:python@
p << arm_site.p;
@@
arms.setdefault(where(p), []).append(int(p[0].line))

@push_site@
identifier pushfn =~ "^(drm_sched_entity_push_job|drm_dep_job_push|.*_job_push)$";
position p;
@@
pushfn@p(...)

@script:python@
p << push_site.p;
@@
pushes.setdefault(where(p), []).append(int(p[0].line))

@free_job@
identifier ops, fn;
@@
(
struct drm_sched_backend_ops ops = { .free_job = fn, };
|
struct drm_dep_queue_ops ops = { .free_job = fn, };
)

@run_cb@
identifier ops, fn;
@@
(
struct drm_sched_backend_ops ops = { .run_job = fn, };
|
struct drm_sched_backend_ops ops = { .timedout_job = fn, };
)

@script:python@
fn << run_cb.fn;
@@
callbacks.add(fn)

// Writes to drm_sched's own fields are not reads: keep them for the report.
@written@
expression J, E;
position p;
identifier fld = {sched, entity};
@@
(
J->fld@p = E
|
J.fld@p = E
)

@script:python@
p << written.p;
@@
writes.add(pos(p))

// The hardware fence is only read where drm_sched's handling of it is not
// in view: not written or taken apart in any way (assigned, its address
// taken, put, its callback removed), not in a function that re-assigns a
// parent (pvr's queue start checks that drm_sched cleared it), and not
// after a scheduler stop or start in its function, which cleared it.
// drm_dep never clears it: such code needs a person.
@parent_used@
expression J, E;
assignment operator aop;
identifier fn;
position p;
@@
(
J->s_fence->parent@p aop E
|
J.s_fence->parent@p aop E
|
J->s_fence->parent@p++
|
J->s_fence->parent@p--
|
fn(..., &J->s_fence->parent@p, ...)
|
fn(..., &J.s_fence->parent@p, ...)
|
E = &J->s_fence->parent@p
|
E = &J.s_fence->parent@p
|
dma_fence_put(J->s_fence->parent@p)
|
dma_fence_put(J.s_fence->parent@p)
|
dma_fence_remove_callback(J->s_fence->parent@p, ...)
|
dma_fence_remove_callback(J.s_fence->parent@p, ...)
)

@script:python@
p << parent_used.p;
@@
writes.add(pos(p))
parent_fns.add(where(p))

@parent_stop@
identifier fn = {drm_sched_stop, drm_sched_start, drm_sched_wqueue_stop,
		 drm_sched_wqueue_start};
position p;
@@
fn@p(...)

@script:python@
p << parent_stop.p;
@@
parent_stops.setdefault(where(p), []).append(int(p[0].line))

// ---------------------------------------------------------------------
// patch
// ---------------------------------------------------------------------

// The finished fence's error, a field of it, or the fence itself, the
// scheduled fence, and job->sched and job->entity when read. One rule,
// first of all: it compares positions with those found above, which a
// rewrite earlier in the same function would move.
//
// The scheduled fence only where the job is known to be pushed: after a
// push in the same function, or in run_job() and timedout_job().
// Elsewhere (a helper that may see an unarmed job, or an armed one, as
// amdgpu's job free and gang set-up and pvr's job combining do) the read
// stays for a person: &s_fence->scheduled was only an address there, and
// drm_dep_job_scheduled_fence() looks at the job.
@depends on patch@
expression J;
identifier fld;
position p : script:python () { not before_push(p) };
position s : script:python () { after_push(s) };
position h : script:python () { parent_read(h) };
struct drm_sched_job *JP;
struct drm_sched_job JS;
position q : script:python () { not is_written(q) };
@@
(
- J->s_fence@p->finished.error
+ drm_dep_job_error(J)
|
- J.s_fence@p->finished.error
+ drm_dep_job_error(&J)
|
- J->s_fence@p->finished.fld
+ drm_dep_job_finished_fence(J)->fld
|
- J.s_fence@p->finished.fld
+ drm_dep_job_finished_fence(&J)->fld
|
- &J->s_fence@p->finished
+ drm_dep_job_finished_fence(J)
|
- &J.s_fence@p->finished
+ drm_dep_job_finished_fence(&J)
|
- J->s_fence@s->scheduled.fld
+ drm_dep_job_scheduled_fence(J)->fld
|
- J.s_fence@s->scheduled.fld
+ drm_dep_job_scheduled_fence(&J)->fld
|
- &J->s_fence@s->scheduled
+ drm_dep_job_scheduled_fence(J)
|
- &J.s_fence@s->scheduled
+ drm_dep_job_scheduled_fence(&J)
|
- JP->s_fence->parent@h
+ drm_dep_job_hw_fence(JP)
|
- JS.s_fence->parent@h
+ drm_dep_job_hw_fence(&JS)
|
- JP->sched@q
+ drm_dep_job_engine(JP)
|
- JS.sched@q
+ drm_dep_job_engine(&JS)
|
- JP->entity@q
+ drm_dep_job_queue(JP)
|
- JS.entity@q
+ drm_dep_job_queue(&JS)
)

@depends on patch@
expression J, E, C, O, ID;
@@
- drm_sched_job_init(J, E, C, O, ID)
+ drm_dep_job_init(J, E, C, 0)

@depends on patch@
expression J, F;
@@
- drm_sched_job_add_dependency(J, F)
+ drm_dep_job_add_dependency(J, F)

@depends on patch@
expression J, F, H, P;
@@
- drm_sched_job_add_syncobj_dependency(J, F, H, P)
+ drm_dep_job_add_syncobj_dependency(J, F, H, P)

@depends on patch@
expression J, R, U;
@@
- drm_sched_job_add_resv_dependencies(J, R, U)
+ drm_dep_job_add_resv_dependencies(J, R, U)

@depends on patch@
expression J, O, W;
@@
- drm_sched_job_add_implicit_dependencies(J, O, W)
+ drm_dep_job_add_implicit_dependencies(J, O, W)

@depends on patch@
expression J;
@@
- drm_sched_job_arm(J)
+ drm_dep_job_arm(J)

// drm_sched_entity_push_job() took the job over: drm_sched freed it
// through free_job() once it was done. drm_dep_job_push() leaves the
// caller its reference, so the rename drops that reference right after
// the push, which hands the job over as before, where the function names
// none of the variables of the job expression after the push (on no path,
// a loop's next round included). Elsewhere the push is only renamed and
// reported: the put goes after the job's last use, which a person places.
// So too where the job expression has a side effect (the put would name
// another job), and under a spinlock: the put may be the last reference,
// and free_job() may sleep.
@push_later depends on patch exists@
idexpression x;
position p;
@@
drm_sched_entity_push_job@p(<+...x...+>);
... when any
x

@script:python@
p << push_later.p;
@@
pushes_kept.add(pos(p))

@push_effect depends on patch@
expression E, E1;
identifier f;
assignment operator aop;
position p;
@@
drm_sched_entity_push_job@p(<+...
\( f(...) \| E++ \| E-- \| ++E \| --E \| E aop E1 \)
...+>);

@script:python@
p << push_effect.p;
@@
pushes_kept.add(pos(p))

@push_atomic depends on patch exists@
identifier lk =~ "^(raw_)?(spin|read|write)_lock(_irq|_irqsave|_bh)?$";
identifier un =~ "^(raw_)?(spin|read|write)_unlock(_irq|_irqrestore|_bh)?$";
position p;
@@
lk(...);
... when != un(...)
drm_sched_entity_push_job@p(...);

@script:python@
p << push_atomic.p;
@@
pushes_kept.add(pos(p))

@depends on patch@
expression J;
position p : script:python () { not push_keeps_ref(p) };
@@
- drm_sched_entity_push_job@p(J);
+ drm_dep_job_push(J);
+ drm_dep_job_put(J);

@depends on patch@
expression J;
@@
- drm_sched_entity_push_job(J)
+ drm_dep_job_push(J)

// A struct drm_sched_fence local set from to_drm_sched_fence() and read
// for nothing but its scheduled fence becomes that fence, found with
// drm_dep_fence_scheduled(): NULL for another fence, as
// to_drm_sched_fence() was. Every occurrence of the local must be one of
// the forms rewritten below or a NULL test; anything else (another field,
// the local passed on, stored, compared, returned, its address, its size,
// an assignment from something else) keeps it for a person, and so does a
// name declared twice in one function.
@sf_names@
identifier S;
position p;
@@
(
struct drm_sched_fence *S@p;
|
struct drm_sched_fence *S@p = ...;
)

@script:python@
p << sf_names.p;
S << sf_names.S;
@@
sf_decls.setdefault(sf_fn(p, S), set()).add(pos(p))

@sf_all@
identifier sf_names.S;
position q;
@@
S@q

@script:python@
S << sf_names.S;
q << sf_all.q;
@@
sf_uses.setdefault(sf_fn(q, S), set()).add(pos(q))

@sf_fine@
identifier sf_names.S;
expression E, E1, E2;
position q;
@@
(
S@q->scheduled
|
S@q = to_drm_sched_fence(E)
|
!S@q
|
S@q == NULL
|
S@q != NULL
|
S@q ? E1 : E2
|
S@q && E
)

@script:python@
S << sf_names.S;
q << sf_fine.q;
@@
sf_ok.setdefault(sf_fn(q, S), set()).add(pos(q))

@sf_fine_if@
identifier sf_names.S;
statement S1;
position q;
@@
if (S@q) S1

@script:python@
S << sf_names.S;
q << sf_fine_if.q;
@@
sf_ok.setdefault(sf_fn(q, S), set()).add(pos(q))

// The local is the scheduled fence now: named so.
@script:python sf_name@
N;
@@
coccinelle.N = cocci.make_ident("scheduled")

@depends on patch exists@
identifier S, sf_name.N, fld;
position p : script:python () { sf_convert(p) };
expression F, G;
@@
(
- struct drm_sched_fence *S@p;
+ struct dma_fence *N;
|
- struct drm_sched_fence *S@p = to_drm_sched_fence(F);
+ struct dma_fence *N = drm_dep_fence_scheduled(F);
)
<...
(
- S = to_drm_sched_fence(G)
+ N = drm_dep_fence_scheduled(G)
|
- &S->scheduled
+ N
|
- S->scheduled.fld
+ N->fld
|
- S
+ N
)
...>

// drm_dep released its part of the job before free_job() runs.
@depends on patch@
identifier free_job.fn;
expression J;
@@
fn(...)
{
<...
- drm_sched_job_cleanup(J);
...>
}

// ---------------------------------------------------------------------
// context, org, report: what patch mode would rewrite
// ---------------------------------------------------------------------

@r depends on !patch && (context || org || report)@
expression J, E, C, O, ID, F, H, P, R, U, W;
position p;
@@
(
drm_sched_job_init@p(J, E, C, O, ID)
|
drm_sched_job_add_dependency@p(J, F)
|
drm_sched_job_add_syncobj_dependency@p(J, F, H, P)
|
drm_sched_job_add_resv_dependencies@p(J, R, U)
|
drm_sched_job_add_implicit_dependencies@p(J, O, W)
|
drm_sched_job_arm@p(J)
|
drm_sched_entity_push_job@p(J)
)

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "drm_sched job call with a drm_dep counterpart")

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "WARNING: drm_sched job call with a drm_dep counterpart: rename it with the patch mode")

@rf depends on !patch && (context || org || report)@
expression J;
position p : script:python () { not before_push(p) };
position s : script:python () { after_push(s) };
@@
(
J->s_fence@p->finished
|
J.s_fence@p->finished
|
J->s_fence@p@s->scheduled
|
J.s_fence@p@s->scheduled
)

@script:python depends on org@
p << rf.p;
@@
coccilib.org.print_todo(p[0], "fence read: drm_dep_job_finished_fence() or drm_dep_job_scheduled_fence()")

@script:python depends on report@
p << rf.p;
@@
coccilib.report.print_report(p[0], "WARNING: fence read: use drm_dep_job_finished_fence(), drm_dep_job_error() or drm_dep_job_scheduled_fence()")

@rc depends on !patch && (context || org || report)@
identifier free_job.fn;
expression J;
position p;
@@
fn(...)
{
<...
drm_sched_job_cleanup@p(J);
...>
}

@script:python depends on org@
p << rc.p;
@@
coccilib.org.print_todo(p[0], "drm_sched_job_cleanup() in free_job: drm_dep already released the job")

@script:python depends on report@
p << rc.p;
@@
coccilib.report.print_report(p[0], "WARNING: drm_sched_job_cleanup() in free_job: drm_dep already released the job, remove it")

// context: mark what the rules above found

@depends on context@
position r.p;
expression E;
@@
* E@p

@depends on context@
position rf.p;
expression E;
@@
* E@p

@depends on context@
position rc.p;
expression E;
@@
* E@p

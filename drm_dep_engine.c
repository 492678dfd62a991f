// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 */

/**
 * DOC: engines
 *
 * An engine is one hardware ring or slot: hardware that runs one job
 * stream, whatever number of clients feed it. Firmware-scheduled hardware
 * gives every queue a ring of its own; such a queue is created without
 * engines and gets a private engine, embedded in the queue, at no extra
 * cost. Hardware-scheduled devices (one ring per core or job slot, many
 * clients) embed a &struct drm_dep_engine per slot, initialise it with
 * drm_dep_engine_init(), and create their queues on it through
 * &drm_dep_queue_args.engines. Both cases run the same code.
 *
 * The engine owns the credits, the timeout, the submit worker and the list
 * of jobs on the hardware. Jobs on one engine complete in the order they
 * went to its hardware: a job whose hardware fence signals before an
 * older job's waits for that one, as on an in-order ring.
 *
 * Selection. Each queue stays FIFO. The engine's queues form a round: the
 * submit worker takes the first queue of the round that is not stopped,
 * has a pushed job, and whose head job is not waiting on a dependency. If
 * the head's dependencies turn out to be signalled, or the queue was
 * killed, the job runs (when its credits are free; the worker otherwise
 * waits for credits, it does not skip to a smaller job) and its queue goes
 * to the back of the round. If a dependency is still pending, the queue
 * is left out of the round until that fence signals, and the worker
 * tries the next queue: a client waiting on a fence never holds up the
 * others. Every ready queue therefore runs one job per round: against
 * N - 1 other busy queues a queue waits at most N - 1 jobs, plus those
 * on the hardware, whatever the depth of the others. A bypass pusher runs
 * its job itself only when no other queue of the engine has a job to run
 * first and the submit worker is not in the middle of choosing one.
 *
 * Priorities. The round above is among the ready queues of the highest
 * priority that has any (see &enum drm_dep_priority, set at
 * drm_dep_queue_init() or with drm_dep_queue_set_priority()): a queue of
 * a lower priority runs only when no queue of a higher one has a job
 * ready, and may wait for ever behind a busy one, as between drm_sched's
 * run queues. A higher-priority job does not preempt the jobs already on
 * the hardware. A queue initialised with a zeroed priority has the
 * highest, %DRM_DEP_PRIORITY_KERNEL: a driver that uses priorities sets
 * one on every queue. A killed queue takes %DRM_DEP_PRIORITY_KERNEL, so
 * that its cancelled jobs drain (see drm_dep_queue_kill()).
 *
 * Placement. A queue may be bound to several engines, such as the cores
 * of an NPU. It runs on one of them at a time. drm_dep_job_arm() places
 * the queue anew when nothing of it is in flight, that is when every job
 * it armed before has signalled its finished fence or was abandoned: it
 * moves to the engine with the fewest jobs armed and not completed, then
 * the fewest other queues, preferring the engine it is on. Otherwise the
 * job goes where the queue is. Jobs armed together, such as the tasks of
 * one inference armed before the first of them is pushed, thus always run
 * on one engine, and the queue's finished fences still signal in order.
 * drm_dep_job_engine() tells run_job() which engine a job is on. A client
 * that wants several engines at once uses one queue per engine.
 *
 * Readiness. An engine is ready from drm_dep_engine_init(), a private one
 * from drm_dep_queue_init(); a driver whose ring died, or failed its test
 * after a resume, says so with drm_dep_engine_set_ready() and reads it
 * back with drm_dep_engine_ready(). Placement prefers ready engines (the
 * flags are read without locks, as the loads are), and a queue bound to
 * several engines of which none is ready refuses new jobs:
 * drm_dep_job_init() fails with -ENOENT. A queue with one engine, shared
 * or private, has no choice to make and keeps taking jobs; its driver
 * decides what run_job() does on a ring that is not ready. Readiness only
 * steers new work: jobs already armed on the engine, and a queue with
 * jobs in flight there, stay, and the driver's timeout or reset deals
 * with them. drm_sched's sched.ready and drm_sched_pick_best() behave the
 * same way.
 *
 * Timeouts and resets are per engine (see DOC: timeouts and resets): the
 * handler stops the whole engine, learns the engine from
 * drm_dep_job_engine(), and a reset completes every job on that engine's
 * hardware, whatever its queue; queues on other engines do not notice. To
 * cancel more than the engine's jobs, such as the rest of the inference,
 * the driver marks it in timedout_job() and its run_job() then returns an
 * error for those jobs without touching the hardware.
 *
 * Lifetimes. A queue holds its engines from drm_dep_queue_init() until its
 * teardown, just after &drm_dep_queue_ops.release; a queue on a shared
 * engine may be killed and released while the others keep submitting.
 * The driver kills its queues and drops its references to them, then
 * calls drm_dep_engine_fini(), which waits until the teardown of every
 * queue bound to the engine has run, however long drm_dep itself still
 * holds them.
 */

/**
 * DOC: fence signalling
 *
 * &drm_dep_queue_ops.run_job is part of the path that signals fences:
 * another fence may be waiting for the job, and memory reclaim may wait
 * for such a fence. run_job() therefore runs, in the submit worker and in
 * a bypass pusher alike, between dma_fence_begin_signalling() and
 * dma_fence_end_signalling(). At boot the dma-resv core teaches lockdep
 * that memory reclaim waits for fences, so with lockdep a GFP_KERNEL
 * allocation in run_job(), a runtime-PM resume that allocates or waits, or
 * a lock that is also held around such calls elsewhere produce a lockdep
 * report the first time they happen, not only when memory runs out.
 *
 * The annotation is the dma-fence one and nothing more, so that it nests:
 * a driver that annotates its own submission as a signalling section, from
 * the first push of its jobs to the last, may push to a bypass queue inside
 * it, and run_job() then runs within the driver's section.
 *
 * The hardware fence callback, or drm_dep_engine_complete() for a job
 * without one, completes the job under the engine's spinlock, then signals
 * finished fences in order without the lock (see drm_dep_engine_job_done()),
 * so that their callbacks may kill or start queues. On a queue with
 * %DRM_DEP_QUEUE_IRQ_SAFE_RELEASE it also drops the queue's job references,
 * so &drm_dep_queue_ops.free_job runs there; otherwise a worker does that.
 * The annotated section around run_job() also covers installing the
 * hardware fence callback and completing a job that has no hardware work.
 * 6.12 has no way to mark a workqueue as used by reclaim for lockdep; the
 * annotation above stands in for it.
 */

#include <linux/export.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>

#include "drm_dep_internal.h"

static void drm_dep_engine_run_work(struct work_struct *work);
static void drm_dep_engine_retire_work(struct work_struct *work);

int drm_dep_engine_setup(struct drm_dep_engine *e, const char *name,
			 struct workqueue_struct *wq,
			 struct workqueue_struct *timeout_wq, long timeout,
			 u32 credit_limit)
{
	if (wq) {
		e->wq = wq;
	} else {
		e->wq = alloc_ordered_workqueue("%s", WQ_MEM_RECLAIM, name);
		if (!e->wq)
			return -ENOMEM;
		e->own_wq = true;
	}
	e->tdr_wq = timeout_wq ?: e->wq;

	spin_lock_init(&e->lock);
	INIT_LIST_HEAD(&e->queues);
	INIT_LIST_HEAD(&e->hw_jobs);
	INIT_LIST_HEAD(&e->signal_jobs);
	init_waitqueue_head(&e->idle_wq);
	atomic_set(&e->load, 0);
	e->ready = true;
	e->credit_limit = credit_limit;
	e->timeout = timeout > 0 ? timeout : MAX_SCHEDULE_TIMEOUT;
	INIT_WORK(&e->run_work, drm_dep_engine_run_work);
	INIT_DELAYED_WORK(&e->tdr_work, drm_dep_engine_tdr_work);
	init_llist_head(&e->retired);
	INIT_WORK(&e->retire_work, drm_dep_engine_retire_work);

	return 0;
}

void drm_dep_engine_cleanup(struct drm_dep_engine *e)
{
	cancel_delayed_work_sync(&e->tdr_work);
	cancel_work_sync(&e->run_work);
	flush_work(&e->retire_work);
	if (e->own_wq)
		destroy_workqueue(e->wq);
}

void drm_dep_engine_wake(struct drm_dep_engine *e)
{
	queue_work(e->wq, &e->run_work);
}

/*
 * The queue whose head job the submit worker should look at: not stopped,
 * not waiting on a dependency, of the highest priority among those, and
 * the first of that priority in round-robin order.
 */
static struct drm_dep_queue *drm_dep_engine_ready_queue(struct drm_dep_engine *e)
{
	struct drm_dep_queue *q, *best = NULL;

	lockdep_assert_held(&e->lock);

	list_for_each_entry(q, &e->queues, engine_link) {
		if (list_empty(&q->pending) || q->blocked || q->stop_count)
			continue;
		if (!best || q->priority < best->priority)
			best = q;
		if (best->priority == DRM_DEP_PRIORITY_KERNEL)
			break;
	}
	return best;
}

/* Put @job on the hardware list; the caller then runs it. */
static void drm_dep_engine_start_job(struct drm_dep_engine *e,
				     struct drm_dep_job *job)
{
	struct drm_dep_queue *q = job->q;

	lockdep_assert_held(&e->lock);

	if (q->killed && !job->error)
		WRITE_ONCE(job->error, -ECANCELED);

	e->credits += job->credits;
	WRITE_ONCE(e->running, q);
	list_move_tail(&job->link, &e->hw_jobs);
	if (list_is_singular(&e->hw_jobs))
		drm_dep_engine_arm_tdr(e);
	/* Round robin: the queue goes to the back of the round. */
	if (!list_is_last(&q->engine_link, &e->queues))
		list_move_tail(&q->engine_link, &e->queues);
}

/*
 * Whether @job may go to the hardware now, as far as stops and credits
 * go; the callers check &drm_dep_engine.running themselves.
 */
static bool drm_dep_engine_may_start(struct drm_dep_engine *e,
				     struct drm_dep_job *job)
{
	lockdep_assert_held(&e->lock);

	if (e->stop_count || job->q->stop_count)
		return false;
	if (job->credits > e->credit_limit - e->credits) {
		e->credit_wait = true;
		return false;
	}
	return true;
}

/*
 * Whether a bypass pusher is in run_job(), for the submit worker. If so,
 * the worker leaves what it found to do to that pusher, whose
 * drm_dep_engine_end_submit() runs without the lock: each side stores,
 * then loads what the other stored, with a full barrier in between, so at
 * least one of them sees the other. Either the worker sees @running
 * cleared and goes on, or the pusher sees @deferred and wakes the worker.
 * Every path that finds the engine busy goes through the worker.
 */
static bool drm_dep_engine_busy(struct drm_dep_engine *e)
{
	lockdep_assert_held(&e->lock);

	/*
	 * Acquire: the run_job() that cleared @running happens before the
	 * one this worker may start next.
	 */
	if (smp_load_acquire(&e->running)) {
		WRITE_ONCE(e->deferred, true);
		/* @deferred before @running; pairs with end_submit(). */
		smp_mb();
		/* Acquire again, for the same reason. */
		if (smp_load_acquire(&e->running))
			return true;
	}
	/* Nothing is left to a pusher: this worker looks itself. */
	WRITE_ONCE(e->deferred, false);
	return false;
}

/*
 * The worker or bypass pusher left run_job(). Without the engine lock: see
 * drm_dep_engine_busy() for the submit worker, and the stop functions
 * wait for @running with wait_event(), whose prepare_to_wait() orders
 * their store to the wait queue before their load of @running.
 */
static void drm_dep_engine_end_submit(struct drm_dep_engine *e)
{
	/* What run_job() wrote is visible to a stop that sees NULL. */
	smp_store_release(&e->running, NULL);
	/* @running before @deferred and the wait queue. */
	smp_mb();
	if (READ_ONCE(e->deferred))
		drm_dep_engine_wake(e);
	/* Lockless: the smp_mb() above pairs with prepare_to_wait(). */
	if (waitqueue_active(&e->idle_wq))
		wake_up_all(&e->idle_wq);
}

static void drm_dep_job_retire(struct drm_dep_job *job)
{
	struct drm_dep_engine *e = job->engine;

	if (job->q->flags & DRM_DEP_QUEUE_IRQ_SAFE_RELEASE)
		drm_dep_job_put(job);
	else if (llist_add(&job->retire_node, &e->retired))
		queue_work(e->wq, &e->retire_work);
}

static void drm_dep_engine_retire_work(struct work_struct *work)
{
	struct drm_dep_engine *e =
		container_of(work, struct drm_dep_engine, retire_work);
	struct drm_dep_job *job, *next;
	struct llist_node *list;

	list = llist_reverse_order(llist_del_all(&e->retired));
	/* The last put may free a private engine: do not touch it after. */
	llist_for_each_entry_safe(job, next, list, retire_node)
		drm_dep_job_put(job);
}

/*
 * Signal a done job's finished fence and let the queue move to another
 * engine once nothing of it is left in flight, then drop the queue's
 * reference to the job.
 */
static void drm_dep_engine_signal_job(struct drm_dep_job *job)
{
	struct drm_dep_queue *q = job->q;

	/* The queue keeps its first error (a full barrier when it is set). */
	if (job->error)
		cmpxchg(&q->error, 0, job->error);
	drm_dep_fence_signal(job->fence, job->error);
	/* Before the retire, which may drop the last queue reference. */
	if (q->num_engines > 1)
		atomic_dec(&q->active);
	drm_dep_job_retire(job);
}

/* Mark @job done with @error; false if it was already. */
static bool drm_dep_engine_mark_done(struct drm_dep_engine *e,
				     struct drm_dep_job *job, int error)
{
	lockdep_assert_held(&e->lock);

	if (test_bit(DRM_DEP_JOB_STATE_DONE, &job->state))
		return false;
	if (!job->error)
		WRITE_ONCE(job->error, error);
	set_bit(DRM_DEP_JOB_STATE_DONE, &job->state);
	if (job->q->num_engines)
		atomic_dec(&e->load);
	return true;
}

/*
 * After jobs were marked done: move the done jobs at the head of the
 * hardware list to &drm_dep_engine.signal_jobs and return their credits,
 * then, unless someone else is at it, signal and retire that list, in
 * order, without the lock, until it is empty. Called and returns with the
 * lock held. Returns whether the submit worker waits for credits.
 *
 * Finished fences thus signal in the order their jobs went to the
 * engine's hardware, but not under the engine lock, so that their
 * callbacks may kill or start queues: a job done before an older one
 * waits on the hardware list until the older one is done too; whoever
 * finds nobody signalling becomes the signaller, while the others only
 * add to the list. The caller holds a reference to a queue bound to the
 * engine, so that the engine outlives the last retire.
 */
static bool drm_dep_engine_advance(struct drm_dep_engine *e,
				   unsigned long *flags)
	__must_hold(&e->lock)
{
	struct drm_dep_job *job, *next;
	bool popped = false, wake = false;
	LIST_HEAD(batch);

	lockdep_assert_held(&e->lock);

	list_for_each_entry_safe(job, next, &e->hw_jobs, link) {
		if (!test_bit(DRM_DEP_JOB_STATE_DONE, &job->state))
			break;
		list_move_tail(&job->link, &e->signal_jobs);
		e->credits -= job->credits;
		e->hw_retired++;
		popped = true;
	}
	if (popped) {
		/*
		 * A fault, and a suspended timeout, are for jobs on the
		 * hardware; none is left.
		 */
		if (list_empty(&e->hw_jobs)) {
			e->fault = false;
			e->tdr_held = false;
		}
		drm_dep_engine_arm_tdr(e);
		wake = e->credit_wait;
		e->credit_wait = false;
	}

	if (e->signalling)
		return wake;
	e->signalling = true;
	while (!list_empty(&e->signal_jobs)) {
		list_splice_init(&e->signal_jobs, &batch);
		spin_unlock_irqrestore(&e->lock, *flags);

		/* A retired job may be freed at once: unlink it first. */
		list_for_each_entry_safe(job, next, &batch, link) {
			list_del_init(&job->link);
			drm_dep_engine_signal_job(job);
		}

		spin_lock_irqsave(&e->lock, *flags);
	}
	e->signalling = false;
	/*
	 * A flush checks @signalling under the lock after it added itself
	 * to the wait queue: looked at under the lock too, no barrier needed.
	 */
	if (waitqueue_active(&e->idle_wq))
		wake_up_all(&e->idle_wq);
	return wake;
}

/**
 * drm_dep_engine_job_done() - a job on the hardware completed
 * @job: the job
 * @error: the hardware fence's error, or the error to complete with
 *
 * Called from the hardware fence callback (any context), for a job that
 * run_job() gave no hardware work, and after a timeout. The first call
 * wins; the others return. See drm_dep_engine_advance() for the order in
 * which finished fences signal.
 */
void drm_dep_engine_job_done(struct drm_dep_job *job, int error)
{
	struct drm_dep_queue *q = drm_dep_queue_get(job->q);
	struct drm_dep_engine *e = job->engine;
	unsigned long flags;
	bool wake = false;

	spin_lock_irqsave(&e->lock, flags);
	if (drm_dep_engine_mark_done(e, job, error))
		wake = drm_dep_engine_advance(e, &flags);
	spin_unlock_irqrestore(&e->lock, flags);

	if (wake)
		drm_dep_engine_wake(e);
	/* Held so far: the last job may have been retired above. */
	drm_dep_queue_put(q);
}

/**
 * drm_dep_engine_complete() - report jobs completed by the hardware
 * @e: the engine the jobs run on
 * @n: how many jobs completed, oldest first
 * @error: 0, or the error they completed with
 *
 * For drivers whose run_job() returns %DRM_DEP_JOB_RUNNING: completes the
 * @n oldest jobs on @e's hardware that run_job() started that way and that
 * have not completed yet, typically from the interrupt handler, with
 * @error as their finished fences' error. Jobs of @e that wait on a
 * hardware fence are not counted. The hardware must complete the jobs of
 * an engine in the order they were started, so the driver keeps no record
 * of which job runs: drm_dep knows it.
 *
 * Each job completes once, whichever comes first of this call and a reset
 * by the timeout handler (see DOC: timeouts and resets); a call that finds
 * no such job completes nothing. A call may come before the run_job() that
 * started the job has returned. The driver never reports more jobs than
 * it started that way and has not reported yet: a surplus may complete a
 * job whose run_job() runs and will not return %DRM_DEP_JOB_RUNNING, which
 * then warns.
 *
 * Context: Any context, hard interrupt included. On a queue with
 * %DRM_DEP_QUEUE_IRQ_SAFE_RELEASE, &drm_dep_queue_ops.free_job may be called
 * from here. The caller keeps @e valid: for a private engine, the job's
 * queue holds it while a job is on its hardware.
 * Return: the number of jobs completed, fewer than @n if fewer were
 * running.
 */
unsigned int drm_dep_engine_complete(struct drm_dep_engine *e, unsigned int n,
				     int error)
{
	struct drm_dep_queue *q = NULL;
	struct drm_dep_job *job;
	unsigned int done = 0;
	unsigned long flags;
	bool wake = false;

	spin_lock_irqsave(&e->lock, flags);
	list_for_each_entry(job, &e->hw_jobs, link) {
		if (done == n)
			break;
		/* Set before its callback is: a fence's job is the fence's. */
		if (READ_ONCE(job->hw_fence) ||
		    !drm_dep_engine_mark_done(e, job, error))
			continue;
		/* Keeps @e alive past the last retire, as in job_done(). */
		if (!q)
			q = drm_dep_queue_get(job->q);
		done++;
	}
	if (done)
		wake = drm_dep_engine_advance(e, &flags);
	spin_unlock_irqrestore(&e->lock, flags);

	if (wake)
		drm_dep_engine_wake(e);
	drm_dep_queue_put(q);
	return done;
}
EXPORT_SYMBOL(drm_dep_engine_complete);

void drm_dep_job_hw_cb(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	struct drm_dep_job *job = container_of(cb, struct drm_dep_job, hw_cb);

	drm_dep_engine_job_done(job, fence->error);
}

/*
 * Call run_job() for a job the caller put on the hardware list, inside the
 * fence-signalling annotation, then wait for its hardware fence, if any.
 * The caller holds a reference to the job (the worker its own, a bypass
 * pusher the driver's), so the job is still there when run_job() returns,
 * even if it was started with %DRM_DEP_JOB_RUNNING and has completed and
 * retired meanwhile.
 */
static void drm_dep_engine_run_job(struct drm_dep_job *job)
{
	struct dma_fence *fence;
	bool cookie;

	cookie = dma_fence_begin_signalling();

	/* Every dependency has signalled; they are not needed any more. */
	if (job->deps)
		drm_dep_job_drop_deps(job);
	fence = job->q->ops->run_job(job);

	if (fence == DRM_DEP_JOB_RUNNING)
		/* drm_dep_engine_complete() or a reset completes it. */
		goto out;

	/* A completion reported for a job that was not started that way. */
	drm_dep_warn(test_bit(DRM_DEP_JOB_STATE_DONE, &job->state),
		     "%s: job completed by drm_dep_engine_complete() in a run_job() that did not return DRM_DEP_JOB_RUNNING\n",
		     drm_dep_queue_name(job->q));
	if (IS_ERR_OR_NULL(fence)) {
		drm_dep_engine_job_done(job, PTR_ERR_OR_ZERO(fence));
	} else {
		drm_dep_warn(drm_dep_fence_is_ours(fence),
			     "%s: run_job() returned a finished or scheduled fence\n",
			     drm_dep_queue_name(job->q));
		/* Pairs with drm_dep_job_hw_fence(). */
		smp_store_release(&job->hw_fence, fence);
		if (dma_fence_add_callback(fence, &job->hw_cb,
					   drm_dep_job_hw_cb))
			drm_dep_engine_job_done(job, fence->error);
	}
out:
	/* Unless it completed already, which signalled it first. */
	drm_dep_fence_signal_scheduled(job->fence);
	dma_fence_end_signalling(cookie);
}

/**
 * drm_dep_engine_unblock() - the dependency a pending job waited on signalled
 * @job: the job at the head of its queue
 *
 * Called from the dependency's fence callback: the queue takes part in the
 * engine's round again.
 */
void drm_dep_engine_unblock(struct drm_dep_job *job)
{
	struct drm_dep_engine *e = job->engine;
	unsigned long flags;

	/*
	 * The worker may run the job as soon as the lock is dropped, and its
	 * release does not wait for this callback to return: neither the job
	 * nor a private engine may be touched after the unlock.
	 */
	spin_lock_irqsave(&e->lock, flags);
	job->q->blocked = false;
	drm_dep_engine_wake(e);
	spin_unlock_irqrestore(&e->lock, flags);
}

/*
 * Take the next job to run off the engine's queues, in round-robin order,
 * or return NULL. Only the submit worker takes jobs off a pending list, so
 * a head job stays put while its dependencies are looked at without the
 * lock. Meanwhile its queue counts as blocked; a dependency callback that
 * fires clears that and wakes the worker again. A bypass pusher does not
 * run its job meanwhile (&drm_dep_engine.checking): the head job may turn
 * out ready, and it may be of a higher priority. If a queue of a higher
 * priority than the head job's got a job meanwhile, that one is looked at
 * first.
 */
static struct drm_dep_job *drm_dep_engine_next_job(struct drm_dep_engine *e)
{
	struct drm_dep_queue *q;
	struct drm_dep_job *job;
	unsigned long flags;
	bool ready;

	for (;;) {
		spin_lock_irqsave(&e->lock, flags);
		q = e->stop_count || drm_dep_engine_busy(e) ?
		    NULL : drm_dep_engine_ready_queue(e);
		if (!q) {
			spin_unlock_irqrestore(&e->lock, flags);
			return NULL;
		}
		job = list_first_entry(&q->pending, struct drm_dep_job, link);
		q->blocked = true;
		e->checking = true;
		spin_unlock_irqrestore(&e->lock, flags);

		ready = drm_dep_job_deps_ready(job, true);

		spin_lock_irqsave(&e->lock, flags);
		e->checking = false;
		if (ready) {
			struct drm_dep_queue *first;

			q->blocked = false;
			/* A higher priority got a job meanwhile: it goes first. */
			first = q->priority == DRM_DEP_PRIORITY_KERNEL ? NULL :
				drm_dep_engine_ready_queue(e);
			if (first && first->priority < q->priority) {
				spin_unlock_irqrestore(&e->lock, flags);
				continue;
			}
			/* Stopped meanwhile: the other queues go on. */
			if (!q->stop_count) {
				ready = drm_dep_engine_may_start(e, job) &&
					!drm_dep_engine_busy(e);
				/* Held by the worker until run_job() returned. */
				if (ready)
					drm_dep_engine_start_job(e,
								 drm_dep_job_get(job));
				spin_unlock_irqrestore(&e->lock, flags);
				return ready ? job : NULL;
			}
		}
		spin_unlock_irqrestore(&e->lock, flags);
	}
}

static void drm_dep_engine_run_work(struct work_struct *work)
{
	struct drm_dep_engine *e =
		container_of(work, struct drm_dep_engine, run_work);
	struct drm_dep_job *job;

	/*
	 * next_job() took a reference to the job, which holds its queue and
	 * so a private engine: a job that run_job() started may complete
	 * and retire before it returns.
	 */
	while ((job = drm_dep_engine_next_job(e))) {
		drm_dep_engine_run_job(job);
		drm_dep_engine_end_submit(e);
		drm_dep_job_put(job);
	}
}

/*
 * Queue a pushed job, or run it right here on a bypass queue when nothing
 * stands in its way: the queue has nothing pending, no other queue of the
 * engine has a job to run first, and the submit worker is not checking the
 * dependencies of a head job. The queue's reference to @job is already
 * taken.
 */
void drm_dep_engine_push_job(struct drm_dep_job *job)
{
	struct drm_dep_queue *q = job->q;
	struct drm_dep_engine *e = job->engine;
	u64 seqno = drm_dep_fence_base(job->fence)->seqno;
	bool bypass = false, order, killed;
	unsigned long flags;

	if (q->flags & DRM_DEP_QUEUE_BYPASS)
		bypass = !job->num_deps || drm_dep_job_deps_ready(job, false);

	spin_lock_irqsave(&e->lock, flags);
	order = seqno <= q->last_pushed;
	q->last_pushed = max(q->last_pushed, seqno);
	killed = q->killed;
	if (bypass && list_empty(&q->pending) && !e->checking &&
	    /* Acquire: as in drm_dep_engine_busy(). */
	    !smp_load_acquire(&e->running) &&
	    drm_dep_engine_may_start(e, job) &&
	    !drm_dep_engine_ready_queue(e)) {
		drm_dep_engine_start_job(e, job);
	} else {
		list_add_tail(&job->link, &q->pending);
		bypass = false;
	}
	spin_unlock_irqrestore(&e->lock, flags);

	drm_dep_warn(order, "%s: job %llu pushed after a later-armed job\n",
		     drm_dep_queue_name(q), seqno);
	drm_dep_warn(killed, "%s: job %llu pushed to a killed queue\n",
		     drm_dep_queue_name(q), seqno);

	if (!bypass) {
		drm_dep_engine_wake(e);
		return;
	}

	/* The pusher's own reference keeps the job, and it the queue. */
	drm_dep_engine_run_job(job);
	drm_dep_engine_end_submit(e);
}

/* No completion is being signalled on @e. */
static bool drm_dep_engine_signal_idle(struct drm_dep_engine *e)
{
	unsigned long flags;
	bool idle;

	spin_lock_irqsave(&e->lock, flags);
	idle = !e->signalling && list_empty(&e->signal_jobs);
	spin_unlock_irqrestore(&e->lock, flags);

	return idle;
}

void drm_dep_engine_flush(struct drm_dep_engine *e)
{
	/*
	 * A bypass pusher in run_job() may have left work to the worker:
	 * once it is out, a fresh worker run sees every job pushed so far.
	 */
	wait_event(e->idle_wq, !smp_load_acquire(&e->running));
	drm_dep_engine_wake(e);
	flush_work(&e->run_work);
	/* A signaller queues the retire of what it signals: let it finish. */
	wait_event(e->idle_wq, drm_dep_engine_signal_idle(e));
	flush_work(&e->retire_work);
	/* A queued or running timeout handler, on its own workqueue too. */
	flush_work(&e->tdr_work.work);
}

/**
 * drm_dep_engine_stop() - stop running jobs on an engine
 * @e: the engine
 *
 * As drm_dep_queue_stop(), for every queue on @e at once: no run_job() is
 * called for any of them after this returns, until the matching
 * drm_dep_engine_start(); a run_job() in progress is waited for, and so is
 * a timeout handler running on @e, so that a driver's own reset path (a
 * fault interrupt's worker, say) never runs alongside timedout_job(). No
 * timeout fires on @e until the last start. Stops nest.
 *
 * Context: Process context; may sleep. Not from run_job(). From a
 * timedout_job(), of @e or of another engine, it does not wait for timeout
 * handlers, so that one handler may stop every engine of a device.
 */
void drm_dep_engine_stop(struct drm_dep_engine *e)
{
	unsigned long flags;
	bool was;

	spin_lock_irqsave(&e->lock, flags);
	was = drm_dep_engine_tdr_suspended(e);
	e->stop_count++;
	drm_dep_engine_update_tdr(e, was);
	spin_unlock_irqrestore(&e->lock, flags);

	/* What run_job() wrote is visible to the caller once it returns. */
	wait_event(e->idle_wq, !smp_load_acquire(&e->running));
	drm_dep_engine_sync_tdr(e);
}
EXPORT_SYMBOL(drm_dep_engine_stop);

/**
 * drm_dep_engine_start() - undo one drm_dep_engine_stop()
 * @e: the engine
 *
 * When the last stop is undone, the timeout is re-armed, in full, for the
 * oldest job on the hardware (unless every queue on @e is stopped), and
 * the submit worker runs what is pending.
 *
 * Context: Any context.
 */
void drm_dep_engine_start(struct drm_dep_engine *e)
{
	unsigned long flags;
	bool was, wake;

	spin_lock_irqsave(&e->lock, flags);
	was = drm_dep_engine_tdr_suspended(e);
	if (!drm_dep_warn(!e->stop_count, "engine start without stop\n"))
		e->stop_count--;
	wake = !e->stop_count;
	drm_dep_engine_update_tdr(e, was);
	spin_unlock_irqrestore(&e->lock, flags);

	if (wake)
		drm_dep_engine_wake(e);
}
EXPORT_SYMBOL(drm_dep_engine_start);

/**
 * drm_dep_engine_init() - initialise an engine that queues share
 * @e: the engine, embedded in the driver's hardware slot
 * @args: its arguments
 *
 * Queues created with @e in &drm_dep_queue_args.engines submit to it; see
 * DOC: engines. The engine must outlive those queues:
 * drm_dep_engine_fini() waits for their teardown.
 *
 * Context: Process context; may sleep (allocates with GFP_KERNEL).
 * Return: 0, -EINVAL for a missing name or credit limit, or -ENOMEM.
 */
int drm_dep_engine_init(struct drm_dep_engine *e,
			const struct drm_dep_engine_args *args)
{
	int ret;

	if (!args->name || !args->credit_limit)
		return -EINVAL;

	memset(e, 0, sizeof(*e));
	e->name = kstrdup_const(args->name, GFP_KERNEL);
	if (!e->name)
		return -ENOMEM;

	ret = drm_dep_engine_setup(e, args->name, args->submit_wq,
				   args->timeout_wq, args->timeout,
				   args->credit_limit);
	if (ret)
		kfree_const(e->name);
	return ret;
}
EXPORT_SYMBOL(drm_dep_engine_init);

/**
 * drm_dep_engine_fini() - finalise a shared engine
 * @e: an engine initialised by drm_dep_engine_init()
 *
 * Waits until every queue bound to @e has been torn down, its
 * &drm_dep_queue_ops.release included, then stops the engine's workers;
 * @e may be freed when this returns. A driver's remove() kills its queues
 * and drops its references to them first: drm_dep itself may still hold
 * them for a while (jobs waiting for their dependencies or their
 * hardware, the retire worker). That ends as long as the engine is not
 * stopped (this warns if it is, and waits for the start), the
 * dependencies signal, as dma-fences must, and the hardware completes its
 * jobs or the timeout resets it. A queue the driver still holds keeps
 * this waiting.
 *
 * Context: Process context; may sleep. Not from a worker of @e, nor from
 * its submit or timeout workqueue, nor from &drm_dep_queue_ops.release of
 * one of its queues.
 */
void drm_dep_engine_fini(struct drm_dep_engine *e)
{
	unsigned long flags;
	bool stuck;

	spin_lock_irqsave(&e->lock, flags);
	stuck = e->bound && e->stop_count;
	spin_unlock_irqrestore(&e->lock, flags);
	/* Its queues' jobs cannot run and complete: this waits for a start. */
	drm_dep_warn(stuck, "engine %s finalised while stopped\n", e->name);

	wait_var_event(&e->bound, !READ_ONCE(e->bound));
	WRITE_ONCE(e->ready, false);
	drm_dep_engine_cleanup(e);
	kfree_const(e->name);
}
EXPORT_SYMBOL(drm_dep_engine_fini);

/**
 * drm_dep_engine_set_ready() - say whether an engine takes new work
 * @e: the engine
 * @ready: false when the hardware behind @e cannot run jobs
 *
 * See DOC: engines, Readiness. A shared engine is ready from
 * drm_dep_engine_init() until drm_dep_engine_fini(), a queue's private
 * engine (see drm_dep_job_engine()) from drm_dep_queue_init(). This
 * steers placement and drm_dep_job_init() of queues bound to several
 * engines only: nothing is stopped, cancelled or woken.
 *
 * Context: Any context.
 */
void drm_dep_engine_set_ready(struct drm_dep_engine *e, bool ready)
{
	WRITE_ONCE(e->ready, ready);
}
EXPORT_SYMBOL(drm_dep_engine_set_ready);

/**
 * drm_dep_engine_ready() - whether an engine takes new work
 * @e: the engine
 *
 * Context: Any context.
 * Return: the last value given to drm_dep_engine_set_ready(); true after
 * drm_dep_engine_init() or, for a private engine, drm_dep_queue_init();
 * false after drm_dep_engine_fini().
 */
bool drm_dep_engine_ready(const struct drm_dep_engine *e)
{
	return READ_ONCE(e->ready);
}
EXPORT_SYMBOL(drm_dep_engine_ready);

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
 * on the hardware, whatever the depth of the others. There are no
 * priorities. A bypass pusher runs its job itself only when no other
 * queue of the engine has a job to run first.
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
 * Timeouts and resets are per engine (see DOC: timeouts and resets): the
 * handler stops the whole engine, learns the engine from
 * drm_dep_job_engine(), and a reset completes every job on that engine's
 * hardware, whatever its queue; queues on other engines do not notice. To
 * cancel more than the engine's jobs, such as the rest of the inference,
 * the driver marks it in timedout_job() and its run_job() then returns an
 * error for those jobs without touching the hardware.
 *
 * Lifetimes. A queue holds its engines from drm_dep_queue_init() until its
 * teardown, just before &drm_dep_queue_ops.release; a queue on a shared
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

/**
 * DOC: timeouts and resets
 *
 * The oldest job on an engine's hardware has the engine's timeout to
 * complete; the clock restarts each time the oldest job changes. When it
 * expires, or at once when the driver reports a fault on the engine with
 * drm_dep_engine_fault(), drm_dep stops the engine, as
 * drm_dep_engine_stop() does, and calls &drm_dep_queue_ops.timedout_job of
 * the job's queue with that job from the engine's workqueue.
 * The driver returns %DRM_DEP_TIMEOUT_EXTEND if the job still progresses,
 * and the timeout is re-armed, or resets the engine and returns
 * %DRM_DEP_TIMEOUT_RESET. Then every job still on the engine's hardware,
 * of any queue, completes at once: the timed-out job with -ETIMEDOUT, the others with -ECANCELED,
 * except a job whose hardware fence had signalled without an error, which
 * completed before the reset. No job is ever run again. Submission
 * restarts when timedout_job() returns.
 *
 * While timedout_job() runs, drm_dep does not listen to the hardware
 * fences of the jobs on the hardware: the driver may signal them (it owns
 * them and must signal them, with an error after a reset) before or after
 * it returns, and the outcome it returns decides. With
 * %DRM_DEP_TIMEOUT_EXTEND, drm_dep listens again, and a job whose fence
 * signalled meanwhile completes then, once.
 *
 * The driver's interrupt handler is not stopped and may complete the same
 * job while timedout_job() looks at it. With hardware fences, the two
 * must hand the job over so that exactly one of them completes it:
 * typically the driver keeps the job it started in a pointer, and both the
 * interrupt handler and the timeout handler claim it with xchg(); whoever
 * gets the job signals its hardware fence, the other sees NULL and leaves
 * it alone. Alternatively the timeout handler disables the interrupt and
 * calls synchronize_irq() before it looks. On the drm_dep side, a hardware
 * fence that signals while timedout_job() runs triggers nothing: the
 * outcome decides, and every job completes once.
 *
 * Without hardware fences (%DRM_DEP_JOB_RUNNING) drm_dep owns the
 * hand-over: a drm_dep_engine_complete() that comes before the reset
 * completes the job, normally, and the reset completes only what is left.
 * The driver masks its interrupt and calls synchronize_irq() before it
 * resets, so that no report of a job that was on the hardware arrives
 * once the engine runs again (see &drm_dep_queue_ops.timedout_job).
 *
 * No timeout runs while submission is stopped entirely: while the engine
 * is stopped, by drm_dep_engine_stop() or for a timeout handler, or while
 * every queue on it is stopped by drm_dep_queue_stop() (for a queue with a
 * private engine, while it is stopped). The start that ends this re-arms
 * the timeout, in full, for the oldest job on the hardware. Stopping some
 * queues of a shared engine leaves its timeout running: their jobs on the
 * hardware share the ring with the others.
 */

#include <linux/export.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>

#include "drm_dep_internal.h"

static void drm_dep_engine_run_work(struct work_struct *work);
static void drm_dep_engine_tdr_work(struct work_struct *work);
static void drm_dep_engine_retire_work(struct work_struct *work);

int drm_dep_engine_setup(struct drm_dep_engine *e, const char *name,
			 struct workqueue_struct *wq, long timeout,
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

	spin_lock_init(&e->lock);
	INIT_LIST_HEAD(&e->queues);
	INIT_LIST_HEAD(&e->hw_jobs);
	INIT_LIST_HEAD(&e->signal_jobs);
	init_waitqueue_head(&e->idle_wq);
	atomic_set(&e->load, 0);
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
 * Whether submission is stopped entirely: the engine is stopped, or every
 * queue on it is. The timeout is suspended then.
 */
bool drm_dep_engine_tdr_suspended(const struct drm_dep_engine *e)
{
	lockdep_assert_held(&e->lock);

	return e->stop_count ||
	       (e->nr_queues && e->stopped_queues == e->nr_queues);
}

/*
 * (Re)start the timeout for the job now oldest on the hardware, or run the
 * handler at once for a fault.
 */
static void drm_dep_engine_arm_tdr(struct drm_dep_engine *e)
{
	lockdep_assert_held(&e->lock);

	if (!drm_dep_engine_has_timeout(e) && !e->fault)
		return;
	if (list_empty(&e->hw_jobs) || drm_dep_engine_tdr_suspended(e)) {
		cancel_delayed_work(&e->tdr_work);
		return;
	}
	e->tdr_start = jiffies;
	mod_delayed_work(e->wq, &e->tdr_work, e->fault ? 0 : e->timeout);
}

/*
 * After a change to what is stopped: suspend the timeout, or re-arm it in
 * full, if whether submission is stopped entirely changed from @was.
 */
void drm_dep_engine_update_tdr(struct drm_dep_engine *e, bool was)
{
	if (drm_dep_engine_tdr_suspended(e) != was)
		drm_dep_engine_arm_tdr(e);
}

/*
 * The first queue, in round-robin order, whose head job the submit worker
 * should look at: not stopped, and not waiting on a dependency.
 */
static struct drm_dep_queue *drm_dep_engine_ready_queue(struct drm_dep_engine *e)
{
	struct drm_dep_queue *q;

	lockdep_assert_held(&e->lock);

	list_for_each_entry(q, &e->queues, engine_link) {
		if (!list_empty(&q->pending) && !q->blocked && !q->stop_count)
			return q;
	}
	return NULL;
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

	if (READ_ONCE(e->running)) {
		WRITE_ONCE(e->deferred, true);
		/* @deferred before @running; pairs with end_submit(). */
		smp_mb();
		if (READ_ONCE(e->running))
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
		popped = true;
	}
	if (popped) {
		/* A fault was about the oldest job, which is done now. */
		e->fault = false;
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
 * started the job has returned.
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
		if (test_bit(DRM_DEP_JOB_STATE_HW_FENCE, &job->state) ||
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

static void drm_dep_job_hw_cb(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	struct drm_dep_job *job = container_of(cb, struct drm_dep_job, hw_cb);

	drm_dep_engine_job_done(job, fence->error);
}

/*
 * Call run_job() for a job the caller put on the hardware list, inside the
 * fence-signalling annotation, then wait for its hardware fence, if any.
 * The caller holds a reference to the job's queue, not to the job: a job
 * started with %DRM_DEP_JOB_RUNNING may complete and be freed before
 * run_job() returns, and one with a hardware fence as soon as the callback
 * is installed.
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

	if (fence == DRM_DEP_JOB_RUNNING) {
		/* drm_dep_engine_complete() or a reset completes it. */
	} else if (IS_ERR_OR_NULL(fence)) {
		drm_dep_engine_job_done(job, PTR_ERR_OR_ZERO(fence));
	} else {
		drm_dep_warn(drm_dep_fence_from_dma(fence),
			     "%s: run_job() returned a finished fence\n",
			     drm_dep_queue_name(job->q));
		job->hw_fence = fence;
		set_bit(DRM_DEP_JOB_STATE_HW_FENCE, &job->state);
		if (dma_fence_add_callback(fence, &job->hw_cb,
					   drm_dep_job_hw_cb))
			drm_dep_engine_job_done(job, fence->error);
	}

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
 * fires clears that and wakes the worker again.
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
		spin_unlock_irqrestore(&e->lock, flags);

		ready = drm_dep_job_deps_ready(job, true);

		spin_lock_irqsave(&e->lock, flags);
		if (ready) {
			q->blocked = false;
			/* Stopped meanwhile: the other queues go on. */
			if (!q->stop_count) {
				ready = drm_dep_engine_may_start(e, job) &&
					!drm_dep_engine_busy(e);
				if (ready)
					drm_dep_engine_start_job(e, job);
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

	while ((job = drm_dep_engine_next_job(e))) {
		struct drm_dep_queue *q = job->q;

		/* The job holds its queue; the job may go in run_job(). */
		drm_dep_queue_get(q);
		drm_dep_engine_run_job(job);
		drm_dep_engine_end_submit(e);
		drm_dep_queue_put(q);
	}
}

/*
 * Queue a pushed job, or run it right here on a bypass queue when nothing
 * stands in its way: the queue has nothing pending and no other queue of
 * the engine has a job to run first. The queue's reference to @job is
 * already taken.
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
	if (bypass && list_empty(&q->pending) && !READ_ONCE(e->running) &&
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

/*
 * Wait for the timeout handler of @e if it is running, so that a driver's
 * own reset path never runs alongside it. Called with submission stopped
 * entirely, so that the handler cannot be queued again meanwhile. Not
 * from the handler itself: timedout_job() may stop queues and engines.
 */
void drm_dep_engine_sync_tdr(struct drm_dep_engine *e)
{
	if (current_work() != &e->tdr_work.work)
		cancel_delayed_work_sync(&e->tdr_work);
}

/*
 * Wait until @e has done what it can without outside events: the submit
 * worker ran everything that could run, no completion is being signalled,
 * and the retire worker dropped the references of every job signalled so
 * far.
 */
void drm_dep_engine_flush(struct drm_dep_engine *e)
{
	unsigned long flags;
	bool busy;

	flush_work(&e->run_work);
	/* A signaller queues the retire of what it signals: let it finish. */
	for (;;) {
		spin_lock_irqsave(&e->lock, flags);
		busy = e->signalling || !list_empty(&e->signal_jobs);
		spin_unlock_irqrestore(&e->lock, flags);
		if (!busy)
			break;
		cond_resched();
		cpu_relax();
	}
	flush_work(&e->retire_work);
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
 * Context: Process context; may sleep. Not from run_job(). From
 * timedout_job() of @e it does not wait for that handler; from another
 * engine's timedout_job() it does, so two engines' handlers must not stop
 * each other's engine.
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

/*
 * The oldest job on the hardware that is not done and whose hardware fence
 * callback is @detached (see drm_dep_engine_tdr_work()), with a reference.
 */
static struct drm_dep_job *drm_dep_engine_hw_job(struct drm_dep_engine *e,
						 bool detached)
{
	struct drm_dep_job *job, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	list_for_each_entry(job, &e->hw_jobs, link) {
		if (!test_bit(DRM_DEP_JOB_STATE_DONE, &job->state) &&
		    test_bit(DRM_DEP_JOB_STATE_DETACHED, &job->state) == detached) {
			found = drm_dep_job_get(job);
			break;
		}
	}
	spin_unlock_irqrestore(&e->lock, flags);

	return found;
}

/*
 * The job the timeout is for, with a reference: the oldest on the
 * hardware if it has been so for the whole timeout, or if a fault was
 * reported for it. None if every queue of the engine was stopped
 * meanwhile (a fault then waits for the start), or if the job the timeout
 * was armed for completed just as it fired and the next one only just
 * became the oldest. The timeout is re-armed when submission restarts.
 */
static struct drm_dep_job *drm_dep_engine_expired_job(struct drm_dep_engine *e)
{
	unsigned long flags;
	bool early;

	spin_lock_irqsave(&e->lock, flags);
	if (e->stopped_queues == e->nr_queues) {
		early = true;
	} else if (e->fault) {
		e->fault = false;
		early = false;
	} else {
		early = !drm_dep_engine_has_timeout(e) ||
			time_before(jiffies, e->tdr_start + e->timeout);
	}
	spin_unlock_irqrestore(&e->lock, flags);

	return early ? NULL : drm_dep_engine_hw_job(e, false);
}

/*
 * Take drm_dep's callbacks off the hardware fences of the jobs on the
 * hardware, so that what the driver signals while it handles the timeout
 * does not race with the outcome it returns. A callback that already ran
 * completed its job. Jobs without a hardware fence are only marked: a
 * drm_dep_engine_complete() meanwhile still completes them, first come,
 * first served.
 */
static void drm_dep_engine_detach_hw(struct drm_dep_engine *e)
{
	struct drm_dep_job *job;

	while ((job = drm_dep_engine_hw_job(e, false))) {
		if (!test_bit(DRM_DEP_JOB_STATE_HW_FENCE, &job->state) ||
		    dma_fence_remove_callback(job->hw_fence, &job->hw_cb))
			set_bit(DRM_DEP_JOB_STATE_DETACHED, &job->state);
		drm_dep_job_put(job);
	}
}

/*
 * After the timeout handler: wait for the hardware again (@guilty is
 * NULL), or complete every job on the hardware after a reset. A job whose
 * hardware fence signalled without an error completed before the reset;
 * the others complete with -ETIMEDOUT (@guilty) or -ECANCELED.
 */
static void drm_dep_engine_attach_hw(struct drm_dep_engine *e,
				     struct drm_dep_job *guilty)
{
	struct drm_dep_job *job;

	while ((job = drm_dep_engine_hw_job(e, true))) {
		struct dma_fence *hw = job->hw_fence;

		clear_bit(DRM_DEP_JOB_STATE_DETACHED, &job->state);
		if (!guilty) {
			if (hw && dma_fence_add_callback(hw, &job->hw_cb,
							 drm_dep_job_hw_cb))
				drm_dep_engine_job_done(job, hw->error);
		} else if (hw && dma_fence_is_signaled(hw) && !hw->error) {
			drm_dep_engine_job_done(job, 0);
		} else {
			drm_dep_engine_job_done(job, job == guilty ?
						-ETIMEDOUT : -ECANCELED);
		}
		drm_dep_job_put(job);
	}
}

static void drm_dep_engine_tdr_work(struct work_struct *work)
{
	struct drm_dep_engine *e =
		container_of(work, struct drm_dep_engine, tdr_work.work);
	enum drm_dep_timeout_status status;
	struct drm_dep_job *job;

	drm_dep_engine_stop(e);

	job = drm_dep_engine_expired_job(e);
	if (job) {
		drm_dep_engine_detach_hw(e);
		status = job->q->ops->timedout_job(job);
		drm_dep_warn(status != DRM_DEP_TIMEOUT_EXTEND &&
			     status != DRM_DEP_TIMEOUT_RESET,
			     "%s: timedout_job() returned %d\n",
			     drm_dep_queue_name(job->q), status);
		/* The start below re-arms the timeout. */
		drm_dep_engine_attach_hw(e, status == DRM_DEP_TIMEOUT_EXTEND ?
					 NULL : job);
	}

	drm_dep_engine_start(e);
	/* May drop the last reference of a private engine's queue. */
	drm_dep_job_put(job);
}

/**
 * drm_dep_engine_fault() - run the timeout handler now
 * @e: the engine
 *
 * For hardware that reports an error on the job it runs, such as a bus
 * fault or a command stream it cannot parse: &drm_dep_queue_ops.timedout_job
 * is called for the oldest job on @e's hardware right away, from @e's
 * workqueue, instead of when its timeout expires, as drm_sched_fault() does
 * for drm_sched. Everything else is as for a timeout (see DOC: timeouts and
 * resets), and it works on an engine without a timeout too. A fault
 * reported while submission is stopped entirely is handled when it
 * restarts; one reported for a job that completes before the handler runs
 * is forgotten, and so is a fault without a job on the hardware. The
 * oldest job's queue must have timedout_job(); otherwise this warns.
 *
 * Context: Any context, hard interrupt included.
 */
void drm_dep_engine_fault(struct drm_dep_engine *e)
{
	struct drm_dep_job *job;
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	job = list_first_entry_or_null(&e->hw_jobs, struct drm_dep_job, link);
	if (job && !drm_dep_warn(!job->q->ops->timedout_job,
				 "%s: fault without a timedout_job()\n",
				 drm_dep_queue_name(job->q))) {
		e->fault = true;
		drm_dep_engine_arm_tdr(e);
	}
	spin_unlock_irqrestore(&e->lock, flags);
}
EXPORT_SYMBOL(drm_dep_engine_fault);

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
				   args->timeout, args->credit_limit);
	if (ret)
		kfree_const(e->name);
	return ret;
}
EXPORT_SYMBOL(drm_dep_engine_init);

/**
 * drm_dep_engine_fini() - finalise a shared engine
 * @e: an engine initialised by drm_dep_engine_init()
 *
 * Waits until every queue bound to @e has been torn down, then stops the
 * engine's workers; @e may be freed when this returns. A driver's remove()
 * kills its queues and drops its references to them first: drm_dep itself
 * may still hold them for a while (jobs waiting for their dependencies or
 * their hardware, the retire worker), and kill, the timeout and a reset
 * make sure that ends. A queue the driver still holds keeps this waiting.
 *
 * Context: Process context; may sleep. Not from a worker of @e, nor from
 * &drm_dep_queue_ops.release of one of its queues.
 */
void drm_dep_engine_fini(struct drm_dep_engine *e)
{
	wait_var_event(&e->bound, !READ_ONCE(e->bound));
	drm_dep_engine_cleanup(e);
	kfree_const(e->name);
}
EXPORT_SYMBOL(drm_dep_engine_fini);

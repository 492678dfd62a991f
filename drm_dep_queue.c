// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 */

/**
 * DOC: overview
 *
 * drm_dep is a dependency job queue for DRM and accel drivers. A
 * &struct drm_dep_queue is one submission context: it replaces the pair of
 * &struct drm_gpu_scheduler and &struct drm_sched_entity of drm_sched with
 * one reference-counted object. Jobs (&struct drm_dep_job) wait for their
 * dma-fence dependencies, run in the order they were armed, and complete
 * through a finished fence that signals when the job's hardware fence
 * does.
 *
 * The queue has two halves. The submission half holds the jobs pushed and
 * not yet run, in order. The engine half (&struct drm_dep_engine) is one
 * hardware ring or slot: its credits, the jobs on the hardware, the submit
 * worker and the timeout handler. Every queue created by
 * drm_dep_queue_init() has a private engine.
 *
 * Lifetimes are references: a job holds its queue from drm_dep_job_init()
 * until the job is released, and the queue holds the job from
 * drm_dep_job_push() until the job retires. The last drm_dep_queue_put()
 * therefore comes after every job was released, and the queue is torn down
 * from a workqueue.
 */

/**
 * DOC: fence signalling
 *
 * &drm_dep_queue_ops.run_job is part of the path that signals fences:
 * another fence may be waiting for the job, and memory reclaim may wait
 * for such a fence. run_job() therefore runs, in the submit worker and in
 * a bypass pusher alike, inside fs_reclaim_acquire(GFP_KERNEL), as if it
 * were called from memory reclaim, and within that between
 * dma_fence_begin_signalling() and dma_fence_end_signalling(): reclaim
 * waits for fences, so that is the order lockdep already knows.
 * With lockdep, a GFP_KERNEL allocation, a runtime-PM resume that
 * allocates or waits, or a lock that is also held around such calls
 * elsewhere produce a lockdep report the first time they happen, not only
 * when memory runs out.
 *
 * The hardware fence callback completes the job under the engine's
 * spinlock, then signals finished fences in arm order without the lock
 * (see drm_dep_engine_job_done()), so that their callbacks may kill or
 * start queues. On
 * a queue with %DRM_DEP_QUEUE_IRQ_SAFE_RELEASE it also drops the queue's
 * job references, so &drm_dep_queue_ops.free_job runs there; otherwise a
 * worker does that. The annotated section around run_job() also covers
 * installing the hardware fence callback and completing a job that has no
 * hardware work.
 * 6.12 has no way to mark a workqueue as used by reclaim for lockdep; the
 * annotations above stand in for it.
 */

/**
 * DOC: timeouts and resets
 *
 * The oldest job on the hardware has the queue's timeout to complete; the
 * clock restarts each time the oldest job changes. When it expires,
 * drm_dep stops submission, as drm_dep_queue_stop() does, and calls
 * &drm_dep_queue_ops.timedout_job with that job from the submit workqueue.
 * The driver returns %DRM_DEP_TIMEOUT_EXTEND if the job still progresses,
 * and the timeout is re-armed, or resets the engine and returns
 * %DRM_DEP_TIMEOUT_RESET. Then every job still on the hardware completes
 * at once: the timed-out job with -ETIMEDOUT, the others with -ECANCELED,
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
 * job while timedout_job() looks at it. The two must hand the job over so
 * that exactly one of them completes it: typically the driver keeps the
 * job it started in a pointer, and both the interrupt handler and the
 * timeout handler claim it with xchg(); whoever gets the job signals its
 * hardware fence, the other sees NULL and leaves it alone. Alternatively
 * the timeout handler disables the interrupt and calls synchronize_irq()
 * before it looks. On the drm_dep side, a hardware fence that signals
 * while timedout_job() runs triggers nothing: the outcome decides, and
 * every job completes once.
 *
 * No timeout runs while submission is stopped, by drm_dep_queue_stop() or
 * for a timeout handler: the last start re-arms it, in full, for the
 * oldest job on the hardware.
 */

#include <linux/export.h>
#include <linux/module.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>

#include "drm_dep_internal.h"

atomic_t drm_dep_warnings = ATOMIC_INIT(0);

/**
 * drm_dep_warn_count() - how many driver bugs drm_dep warned about
 *
 * Return: the number of drm_dep_warn() warnings since boot.
 */
int drm_dep_warn_count(void)
{
	return atomic_read(&drm_dep_warnings);
}
EXPORT_SYMBOL_IF_KUNIT(drm_dep_warn_count);

static void drm_dep_engine_run_work(struct work_struct *work);
static void drm_dep_engine_tdr_work(struct work_struct *work);
static void drm_dep_engine_retire_work(struct work_struct *work);
static void drm_dep_queue_teardown_work(struct work_struct *work);
static void drm_dep_queue_move(struct drm_dep_queue *q);

static bool drm_dep_engine_has_timeout(const struct drm_dep_engine *e)
{
	return e->timeout != MAX_SCHEDULE_TIMEOUT;
}

static int drm_dep_engine_setup(struct drm_dep_engine *e, const char *name,
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

static void drm_dep_engine_cleanup(struct drm_dep_engine *e)
{
	cancel_delayed_work_sync(&e->tdr_work);
	cancel_work_sync(&e->run_work);
	flush_work(&e->retire_work);
	if (e->own_wq)
		destroy_workqueue(e->wq);
}

static void drm_dep_engine_wake(struct drm_dep_engine *e)
{
	queue_work(e->wq, &e->run_work);
}

/* (Re)start the timeout for the job now oldest on the hardware. */
static void drm_dep_engine_arm_tdr(struct drm_dep_engine *e)
{
	struct drm_dep_job *oldest;

	lockdep_assert_held(&e->lock);

	if (!drm_dep_engine_has_timeout(e))
		return;
	oldest = list_first_entry_or_null(&e->hw_jobs, struct drm_dep_job,
					  link);
	if (!oldest || e->stop_count || oldest->q->stop_count) {
		cancel_delayed_work(&e->tdr_work);
		return;
	}
	e->tdr_start = jiffies;
	mod_delayed_work(e->wq, &e->tdr_work, e->timeout);
}

/* Whether the job oldest on the hardware belongs to @q. */
static bool drm_dep_engine_oldest_is(struct drm_dep_engine *e,
				     struct drm_dep_queue *q)
{
	struct drm_dep_job *oldest;

	lockdep_assert_held(&e->lock);

	oldest = list_first_entry_or_null(&e->hw_jobs, struct drm_dep_job,
					  link);
	return oldest && oldest->q == q;
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
	e->running = q;
	list_move_tail(&job->link, &e->hw_jobs);
	if (list_is_singular(&e->hw_jobs))
		drm_dep_engine_arm_tdr(e);
	/* Round robin: the queue goes to the back of the round. */
	list_move_tail(&q->engine_link, &e->queues);
}

static bool drm_dep_engine_may_start(struct drm_dep_engine *e,
				     struct drm_dep_job *job)
{
	lockdep_assert_held(&e->lock);

	if (e->stop_count || e->running || job->q->stop_count)
		return false;
	if (job->credits > e->credit_limit - e->credits) {
		e->credit_wait = true;
		return false;
	}
	return true;
}

/* The worker or bypass pusher left run_job() of a job of @q. */
static void drm_dep_engine_end_submit(struct drm_dep_engine *e,
				      struct drm_dep_queue *q, bool rerun)
{
	unsigned long flags;
	bool wake_stop;

	spin_lock_irqsave(&e->lock, flags);
	/* Pairs with the acquires in the stop functions. */
	smp_store_release(&e->running, NULL);
	wake_stop = e->stop_count || q->stop_count;
	if (rerun)
		rerun = drm_dep_engine_ready_queue(e);
	spin_unlock_irqrestore(&e->lock, flags);

	if (wake_stop)
		wake_up_all(&e->idle_wq);
	if (rerun)
		drm_dep_engine_wake(e);
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

/**
 * drm_dep_engine_job_done() - a job on the hardware completed
 * @job: the job
 * @error: the hardware fence's error, or the error to complete with
 *
 * Called from the hardware fence callback (any context), for a job that
 * run_job() gave no hardware fence, and after a timeout. The first call
 * wins; the others return.
 *
 * Finished fences signal in the order the jobs went to the engine's
 * hardware, but not under the engine lock, so that their callbacks may
 * kill or start queues: a job done before an older one waits on the
 * hardware list until the older one is done too, then moves to
 * &drm_dep_engine.signal_jobs; whoever finds nobody signalling becomes the
 * signaller and signals and retires that list in order until it is empty,
 * while the others only add to it.
 */
void drm_dep_engine_job_done(struct drm_dep_job *job, int error)
{
	struct drm_dep_queue *q = drm_dep_queue_get(job->q);
	struct drm_dep_engine *e = job->engine;
	struct drm_dep_job *head, *tmp;
	bool popped = false, wake = false;
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	if (test_bit(DRM_DEP_JOB_STATE_DONE, &job->state))
		goto unlock;
	if (!job->error)
		WRITE_ONCE(job->error, error);
	set_bit(DRM_DEP_JOB_STATE_DONE, &job->state);
	if (q->num_engines)
		atomic_dec(&e->load);

	list_for_each_entry_safe(head, tmp, &e->hw_jobs, link) {
		if (!test_bit(DRM_DEP_JOB_STATE_DONE, &head->state))
			break;
		list_move_tail(&head->link, &e->signal_jobs);
		e->credits -= head->credits;
		popped = true;
	}
	if (popped) {
		drm_dep_engine_arm_tdr(e);
		wake = e->credit_wait;
		e->credit_wait = false;
	}

	if (!e->signalling) {
		e->signalling = true;
		while (!list_empty(&e->signal_jobs)) {
			head = list_first_entry(&e->signal_jobs,
						struct drm_dep_job, link);
			list_del_init(&head->link);
			spin_unlock_irqrestore(&e->lock, flags);

			drm_dep_engine_signal_job(head);

			spin_lock_irqsave(&e->lock, flags);
		}
		e->signalling = false;
	}
unlock:
	spin_unlock_irqrestore(&e->lock, flags);

	if (wake)
		drm_dep_engine_wake(e);
	/* Held so far: the last job may have been retired above. */
	drm_dep_queue_put(q);
}

static void drm_dep_job_hw_cb(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	struct drm_dep_job *job = container_of(cb, struct drm_dep_job, hw_cb);

	drm_dep_engine_job_done(job, fence->error);
}

/*
 * Call run_job() for a job the caller put on the hardware list, inside the
 * fence-signalling and reclaim annotations, then wait for its hardware
 * fence. The job may be freed as soon as the callback is installed.
 */
static void drm_dep_engine_run_job(struct drm_dep_job *job)
{
	struct dma_fence *fence;
	bool cookie;

	/* Reclaim waits for fences: the reclaim context goes outside. */
	fs_reclaim_acquire(GFP_KERNEL);
	cookie = dma_fence_begin_signalling();

	fence = job->q->ops->run_job(job);
	drm_dep_job_drop_deps(job);

	if (IS_ERR_OR_NULL(fence)) {
		drm_dep_engine_job_done(job, PTR_ERR_OR_ZERO(fence));
	} else {
		drm_dep_warn(drm_dep_fence_from_dma(fence),
			     "%s: run_job() returned a finished fence\n",
			     drm_dep_queue_name(job->q));
		job->hw_fence = fence;
		if (dma_fence_add_callback(fence, &job->hw_cb,
					   drm_dep_job_hw_cb))
			drm_dep_engine_job_done(job, fence->error);
	}

	dma_fence_end_signalling(cookie);
	fs_reclaim_release(GFP_KERNEL);
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

	spin_lock_irqsave(&e->lock, flags);
	job->q->blocked = false;
	spin_unlock_irqrestore(&e->lock, flags);

	drm_dep_engine_wake(e);
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
		q = e->stop_count || e->running ?
		    NULL : drm_dep_engine_ready_queue(e);
		if (!q) {
			spin_unlock_irqrestore(&e->lock, flags);
			return NULL;
		}
		job = list_first_entry(&q->pending, struct drm_dep_job, link);
		ready = q->killed;
		q->blocked = true;
		spin_unlock_irqrestore(&e->lock, flags);

		ready = ready || drm_dep_job_deps_ready(job, true);

		spin_lock_irqsave(&e->lock, flags);
		if (ready || q->killed) {
			q->blocked = false;
			if (!drm_dep_engine_may_start(e, job)) {
				spin_unlock_irqrestore(&e->lock, flags);
				return NULL;
			}
			drm_dep_engine_start_job(e, job);
			spin_unlock_irqrestore(&e->lock, flags);
			return job;
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
		drm_dep_engine_end_submit(e, q, false);
		drm_dep_queue_put(q);
	}
}

/*
 * Place an armed job on an engine. A queue bound to several engines moves
 * to the least-loaded one when nothing of it is in flight, so that jobs
 * armed together never split across engines.
 */
void drm_dep_queue_place_job(struct drm_dep_queue *q, struct drm_dep_job *job)
{
	if (q->num_engines > 1 && atomic_inc_return(&q->active) == 1)
		drm_dep_queue_move(q);

	job->engine = q->engine;
	if (q->num_engines)
		atomic_inc(&job->engine->load);
}

/* Undo drm_dep_queue_place_job() for a job abandoned before push. */
void drm_dep_queue_unplace_job(struct drm_dep_queue *q,
			       struct drm_dep_job *job)
{
	if (q->num_engines)
		atomic_dec(&job->engine->load);
	if (q->num_engines > 1)
		atomic_dec(&q->active);
}

/*
 * Queue a pushed job, or run it right here on a bypass queue when nothing
 * stands in its way: the queue has nothing pending and no other queue of
 * the engine has a job to run first. The queue's reference to @job is
 * already taken.
 */
void drm_dep_queue_push_job(struct drm_dep_queue *q, struct drm_dep_job *job)
{
	struct drm_dep_engine *e = job->engine;
	u64 seqno = drm_dep_job_seqno(job);
	bool bypass = false, order, killed;
	unsigned long flags;

	if (q->flags & DRM_DEP_QUEUE_BYPASS)
		bypass = drm_dep_job_deps_ready(job, false);

	spin_lock_irqsave(&e->lock, flags);
	order = seqno <= q->last_pushed;
	q->last_pushed = max(q->last_pushed, seqno);
	killed = q->killed;
	if (bypass && list_empty(&q->pending) &&
	    drm_dep_engine_may_start(e, job) &&
	    !drm_dep_engine_ready_queue(e)) {
		drm_dep_engine_start_job(e, job);
		/* Keep the queue alive until the claim is released. */
		drm_dep_job_get(job);
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

	drm_dep_engine_run_job(job);
	drm_dep_engine_end_submit(e, q, true);
	drm_dep_job_put(job);
}

/**
 * drm_dep_engine_stop() - stop running jobs on an engine
 * @e: the engine
 *
 * As drm_dep_queue_stop(), for every queue on @e at once: no run_job() is
 * called for any of them after this returns, until the matching
 * drm_dep_engine_start(). No timeout fires on @e until the last start.
 * Stops nest.
 *
 * Context: Process context; may sleep. Not from run_job().
 */
void drm_dep_engine_stop(struct drm_dep_engine *e)
{
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	e->stop_count++;
	drm_dep_engine_arm_tdr(e);
	spin_unlock_irqrestore(&e->lock, flags);

	/* What run_job() wrote is visible to the caller once it returns. */
	wait_event(e->idle_wq, !smp_load_acquire(&e->running));
}
EXPORT_SYMBOL(drm_dep_engine_stop);

/**
 * drm_dep_engine_start() - undo one drm_dep_engine_stop()
 * @e: the engine
 *
 * When the last stop is undone, the timeout is re-armed, in full, for the
 * oldest job on the hardware, and the submit worker runs what is pending.
 *
 * Context: Any context.
 */
void drm_dep_engine_start(struct drm_dep_engine *e)
{
	unsigned long flags;
	bool wake;

	spin_lock_irqsave(&e->lock, flags);
	if (!drm_dep_warn(!e->stop_count, "engine start without stop\n"))
		e->stop_count--;
	wake = !e->stop_count;
	if (wake)
		drm_dep_engine_arm_tdr(e);
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
 * The job the timeout is for, with a reference, if it has been the oldest
 * for the whole timeout and its queue is not stopped: the job the timeout
 * was armed for may have completed just as the timeout fired, and the next
 * one only just became the oldest. Its timeout is re-armed when
 * submission restarts.
 */
static struct drm_dep_job *drm_dep_engine_expired_job(struct drm_dep_engine *e)
{
	struct drm_dep_job *job;
	unsigned long flags;
	bool early;

	spin_lock_irqsave(&e->lock, flags);
	early = time_before(jiffies, e->tdr_start + e->timeout);
	spin_unlock_irqrestore(&e->lock, flags);
	if (early)
		return NULL;

	job = drm_dep_engine_hw_job(e, false);
	if (job && READ_ONCE(job->q->stop_count)) {
		drm_dep_job_put(job);
		job = NULL;
	}
	return job;
}

/*
 * Take drm_dep's callbacks off the hardware fences of the jobs on the
 * hardware, so that what the driver signals while it handles the timeout
 * does not race with the outcome it returns. A callback that already ran
 * completed its job.
 */
static void drm_dep_engine_detach_hw(struct drm_dep_engine *e)
{
	struct drm_dep_job *job;

	while ((job = drm_dep_engine_hw_job(e, false))) {
		if (dma_fence_remove_callback(job->hw_fence, &job->hw_cb))
			set_bit(DRM_DEP_JOB_STATE_DETACHED, &job->state);
		drm_dep_job_put(job);
	}
}

/*
 * After the timeout handler: wait for the hardware fences again (@guilty
 * is NULL), or complete every job on the hardware after a reset. A job
 * whose hardware fence signalled without an error completed before the
 * reset; the others complete with -ETIMEDOUT (@guilty) or -ECANCELED.
 */
static void drm_dep_engine_attach_hw(struct drm_dep_engine *e,
				     struct drm_dep_job *guilty)
{
	struct drm_dep_job *job;

	while ((job = drm_dep_engine_hw_job(e, true))) {
		struct dma_fence *hw = job->hw_fence;

		clear_bit(DRM_DEP_JOB_STATE_DETACHED, &job->state);
		if (!guilty) {
			if (dma_fence_add_callback(hw, &job->hw_cb,
						   drm_dep_job_hw_cb))
				drm_dep_engine_job_done(job, hw->error);
		} else if (dma_fence_is_signaled(hw) && !hw->error) {
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
 * drm_dep_engine_init() - initialise an engine that queues share
 * @e: the engine, embedded in the driver's hardware slot
 * @args: its arguments
 *
 * Queues created with @e in &drm_dep_queue_args.engines submit to it; see
 * DOC: engines. The engine must outlive those queues:
 * drm_dep_engine_fini() refuses while one of them has not been released.
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
 * Every queue bound to @e must have been released first: killed if need
 * be, its last reference dropped, and &drm_dep_queue_ops.release called.
 * Otherwise this warns and leaves @e as it is.
 *
 * Context: Process context; may sleep.
 * Return: 0, or -EBUSY if a queue is still bound to @e.
 */
int drm_dep_engine_fini(struct drm_dep_engine *e)
{
	unsigned long flags;
	unsigned int bound;

	spin_lock_irqsave(&e->lock, flags);
	bound = e->bound;
	spin_unlock_irqrestore(&e->lock, flags);

	if (drm_dep_warn(bound, "engine %s finalised with %u queues bound\n",
			 e->name, bound))
		return -EBUSY;

	drm_dep_engine_cleanup(e);
	kfree_const(e->name);
	return 0;
}
EXPORT_SYMBOL(drm_dep_engine_fini);

/* Put @q on @e's round; @e is @q's engine from here on. */
static void drm_dep_queue_attach(struct drm_dep_queue *q,
				 struct drm_dep_engine *e)
{
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	WRITE_ONCE(q->engine, e);
	list_add_tail(&q->engine_link, &e->queues);
	WRITE_ONCE(e->nr_queues, e->nr_queues + 1);
	spin_unlock_irqrestore(&e->lock, flags);
}

static void drm_dep_queue_detach(struct drm_dep_queue *q)
{
	struct drm_dep_engine *e = q->engine;
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	list_del(&q->engine_link);
	WRITE_ONCE(e->nr_queues, e->nr_queues - 1);
	spin_unlock_irqrestore(&e->lock, flags);
}

/*
 * The least-loaded of @q's engines: fewest jobs armed and not completed,
 * then fewest other queues, then @q's current engine, then the first in
 * the array. The figures are read without locks: a hint, not a promise.
 */
static struct drm_dep_engine *drm_dep_queue_pick_engine(struct drm_dep_queue *q)
{
	struct drm_dep_engine *best = NULL;
	unsigned int i, best_queues = 0;
	int best_load = 0;

	for (i = 0; i < q->num_engines; i++) {
		struct drm_dep_engine *e = q->engines[i];
		int load = atomic_read(&e->load);
		unsigned int queues = READ_ONCE(e->nr_queues) - (e == q->engine);

		if (best && (load > best_load ||
			     (load == best_load &&
			      (queues > best_queues ||
			       (queues == best_queues && e != q->engine)))))
			continue;
		best = e;
		best_load = load;
		best_queues = queues;
	}

	return best;
}

/*
 * Move an idle queue to its least-loaded engine. Nothing of the queue is
 * in flight, so only the lists of the two engines, under their locks, and
 * the functions that find the queue's engine by
 * drm_dep_queue_lock_engine() see the move.
 */
static void drm_dep_queue_move(struct drm_dep_queue *q)
{
	struct drm_dep_engine *e = drm_dep_queue_pick_engine(q);

	if (e == q->engine)
		return;
	drm_dep_queue_detach(q);
	drm_dep_queue_attach(q, e);
}

/*
 * Lock the engine @q is on, following a concurrent move. Returns the
 * engine, locked with interrupts disabled.
 */
static struct drm_dep_engine *drm_dep_queue_lock_engine(struct drm_dep_queue *q,
							unsigned long *flags)
	__acquires(&q->engine->lock)
{
	struct drm_dep_engine *e;

	for (;;) {
		e = READ_ONCE(q->engine);
		spin_lock_irqsave(&e->lock, *flags);
		if (e == q->engine)
			return e;
		spin_unlock_irqrestore(&e->lock, *flags);
	}
}

static int drm_dep_queue_check_args(const struct drm_dep_queue_args *args)
{
	const struct drm_dep_queue_ops *ops = args->ops;
	unsigned int i, j;

	if (!ops || !ops->run_job || !ops->free_job || !ops->release ||
	    !args->name)
		return -EINVAL;
	if (!args->num_engines)
		return args->engines || !args->credit_limit ? -EINVAL : 0;
	if (!args->engines || args->submit_wq || args->timeout ||
	    args->credit_limit)
		return -EINVAL;

	for (i = 0; i < args->num_engines; i++) {
		const struct drm_dep_engine *e = args->engines[i];

		if (!e || (drm_dep_engine_has_timeout(e) && !ops->timedout_job))
			return -EINVAL;
		for (j = 0; j < i; j++) {
			if (args->engines[j] == e)
				return -EINVAL;
		}
	}
	return 0;
}

/* Bind @q to its shared engines and place it on the least loaded. */
static int drm_dep_queue_bind(struct drm_dep_queue *q,
			      const struct drm_dep_queue_args *args)
{
	unsigned long flags;
	unsigned int i;

	q->engines = kmemdup_array(args->engines, args->num_engines,
				   sizeof(*args->engines), GFP_KERNEL);
	if (!q->engines)
		return -ENOMEM;
	q->num_engines = args->num_engines;

	q->credit_limit = U32_MAX;
	for (i = 0; i < q->num_engines; i++) {
		struct drm_dep_engine *e = q->engines[i];

		spin_lock_irqsave(&e->lock, flags);
		e->bound++;
		spin_unlock_irqrestore(&e->lock, flags);
		q->credit_limit = min(q->credit_limit, e->credit_limit);
	}

	drm_dep_queue_attach(q, drm_dep_queue_pick_engine(q));
	return 0;
}

/**
 * drm_dep_queue_init() - initialise a queue
 * @q: the queue, embedded in the driver's queue
 * @args: its arguments
 *
 * Initialises @q with one reference, owned by the caller. Without
 * @args->engines the queue gets a private engine with @args->credit_limit
 * credits and, unless @args->submit_wq is given, an ordered workqueue of
 * its own. With @args->engines it shares those engines with other queues
 * and is placed on one of them (see DOC: engines); the engines must have a
 * timeout only if the queue has &drm_dep_queue_ops.timedout_job.
 *
 * Context: Process context; may sleep (allocates with GFP_KERNEL).
 * Return: 0, -EINVAL for missing mandatory or conflicting arguments, or
 * -ENOMEM.
 */
int drm_dep_queue_init(struct drm_dep_queue *q,
		       const struct drm_dep_queue_args *args)
{
	int ret;

	ret = drm_dep_queue_check_args(args);
	if (ret)
		return ret;

	memset(q, 0, sizeof(*q));
	q->ops = args->ops;
	q->flags = args->flags;
	kref_init(&q->ref);
	INIT_LIST_HEAD(&q->pending);
	atomic64_set(&q->seqno, 0);
	atomic_set(&q->active, 0);
	INIT_WORK(&q->teardown_work, drm_dep_queue_teardown_work);

	q->timeline = drm_dep_timeline_create(args->name);
	if (!q->timeline)
		return -ENOMEM;

	if (args->num_engines) {
		ret = drm_dep_queue_bind(q, args);
	} else {
		q->credit_limit = args->credit_limit;
		ret = drm_dep_engine_setup(&q->own_engine, args->name,
					   args->submit_wq,
					   args->ops->timedout_job ?
					   args->timeout : 0,
					   args->credit_limit);
		if (!ret)
			drm_dep_queue_attach(q, &q->own_engine);
	}
	if (ret) {
		drm_dep_timeline_put(q->timeline);
		return ret;
	}

	q->fence_context = dma_fence_context_alloc(1);
	return 0;
}
EXPORT_SYMBOL(drm_dep_queue_init);

/**
 * drm_dep_queue_get() - take a reference to a queue
 * @q: the queue
 *
 * Context: Any context.
 * Return: @q.
 */
struct drm_dep_queue *drm_dep_queue_get(struct drm_dep_queue *q)
{
	kref_get(&q->ref);
	return q;
}
EXPORT_SYMBOL(drm_dep_queue_get);

static void drm_dep_queue_teardown_work(struct work_struct *work)
{
	struct drm_dep_queue *q =
		container_of(work, struct drm_dep_queue, teardown_work);
	struct drm_dep_timeline *tl = q->timeline;
	unsigned long flags;
	unsigned int i;

	drm_dep_queue_detach(q);

	if (!q->num_engines)
		drm_dep_engine_cleanup(&q->own_engine);
	/* Unbound before release: the driver may finalise them after it. */
	for (i = 0; i < q->num_engines; i++) {
		struct drm_dep_engine *e = q->engines[i];

		spin_lock_irqsave(&e->lock, flags);
		e->bound--;
		spin_unlock_irqrestore(&e->lock, flags);
	}
	kfree(q->engines);

	q->ops->release(q);
	/* After release, which may still ask for the queue's name. */
	drm_dep_timeline_put(tl);
}

static void drm_dep_queue_release(struct kref *ref)
{
	struct drm_dep_queue *q = container_of(ref, struct drm_dep_queue, ref);

	queue_work(system_wq, &q->teardown_work);
}

/**
 * drm_dep_queue_put() - drop a reference to a queue
 * @q: the queue, or NULL
 *
 * Every job holds a reference to its queue, so the last reference goes
 * after every job was released. The queue is then torn down from a
 * workqueue, which ends with &drm_dep_queue_ops.release: until then the
 * queue's memory, its ops and a driver-supplied submit workqueue stay
 * valid. Finished fences of the queue's jobs may outlive it. A queue on
 * shared engines leaves them before release; other queues on them carry
 * on.
 *
 * Context: Any context.
 */
void drm_dep_queue_put(struct drm_dep_queue *q)
{
	if (q)
		kref_put(&q->ref, drm_dep_queue_release);
}
EXPORT_SYMBOL(drm_dep_queue_put);

/**
 * drm_dep_queue_kill() - cancel a queue's pending jobs and refuse new ones
 * @q: the queue
 *
 * Jobs pushed and not yet run are cancelled with -ECANCELED: run_job() is
 * still called for each of them, in order and without waiting for their
 * dependencies, sees the error in drm_dep_job_error() and must skip the
 * hardware; their finished fences signal -ECANCELED. Jobs already on the
 * hardware are left to complete. drm_dep_job_init() fails with -ENODEV
 * afterwards, and a job pushed afterwards warns and is cancelled the same
 * way: the driver serialises kill with its submissions to the queue.
 * Cancelled jobs still take their turn for credits and are held while the
 * queue is stopped, so a queue whose hardware hangs drains only through
 * its timeout or a reset. A killed queue is then typically released with
 * drm_dep_queue_put(). Other queues on the same engine are not affected.
 *
 * Context: Any context.
 */
void drm_dep_queue_kill(struct drm_dep_queue *q)
{
	struct drm_dep_engine *e;
	unsigned long flags;

	e = drm_dep_queue_lock_engine(q, &flags);
	WRITE_ONCE(q->killed, true);
	/* A head waiting on a dependency does not wait any longer. */
	q->blocked = false;
	spin_unlock_irqrestore(&e->lock, flags);

	drm_dep_engine_wake(e);
}
EXPORT_SYMBOL(drm_dep_queue_kill);

/**
 * drm_dep_queue_stop() - stop running jobs of a queue
 * @q: the queue
 *
 * No run_job() is called for @q after this returns, neither by the submit
 * worker nor by a bypass pusher, until the matching drm_dep_queue_start();
 * a run_job() of @q in progress is waited for, and what it wrote is
 * visible to the caller. Other queues on the same engine keep running;
 * drm_dep_engine_stop() stops them all. Jobs may still be pushed, and jobs
 * on the hardware still complete. While the oldest job on the engine's
 * hardware is one of @q's, no timeout fires until the last start, though a
 * timeout handler already running is not waited for. Stops nest.
 *
 * Context: Process context; may sleep. Not from run_job().
 */
void drm_dep_queue_stop(struct drm_dep_queue *q)
{
	struct drm_dep_engine *e;
	unsigned long flags;

	e = drm_dep_queue_lock_engine(q, &flags);
	q->stop_count++;
	if (drm_dep_engine_oldest_is(e, q))
		drm_dep_engine_arm_tdr(e);
	spin_unlock_irqrestore(&e->lock, flags);

	/* What run_job() wrote is visible to the caller once it returns. */
	wait_event(e->idle_wq, smp_load_acquire(&e->running) != q);
}
EXPORT_SYMBOL(drm_dep_queue_stop);

/**
 * drm_dep_queue_start() - undo one drm_dep_queue_stop()
 * @q: the queue
 *
 * When the last stop is undone, the timeout is re-armed, in full, if the
 * oldest job on the engine's hardware is one of @q's, and the submit
 * worker runs what is pending.
 *
 * Context: Any context.
 */
void drm_dep_queue_start(struct drm_dep_queue *q)
{
	struct drm_dep_engine *e;
	unsigned long flags;
	bool wake;

	e = drm_dep_queue_lock_engine(q, &flags);
	if (!drm_dep_warn(!q->stop_count, "%s: start without stop\n",
			  drm_dep_queue_name(q)))
		q->stop_count--;
	wake = !q->stop_count;
	if (wake && drm_dep_engine_oldest_is(e, q))
		drm_dep_engine_arm_tdr(e);
	spin_unlock_irqrestore(&e->lock, flags);

	if (wake)
		drm_dep_engine_wake(e);
}
EXPORT_SYMBOL(drm_dep_queue_start);

/**
 * drm_dep_queue_name() - a queue's name
 * @q: the queue
 *
 * Context: Any context.
 * Return: the name given to drm_dep_queue_init().
 */
const char *drm_dep_queue_name(const struct drm_dep_queue *q)
{
	return drm_dep_timeline_name(q->timeline);
}
EXPORT_SYMBOL(drm_dep_queue_name);

MODULE_DESCRIPTION("DRM dependency job queue");
MODULE_LICENSE("Dual MIT/GPL");

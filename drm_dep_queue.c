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

static bool drm_dep_engine_has_timeout(const struct drm_dep_engine *e)
{
	return e->timeout != MAX_SCHEDULE_TIMEOUT;
}

static int drm_dep_engine_init(struct drm_dep_engine *e,
			       const struct drm_dep_queue_args *args)
{
	if (args->submit_wq) {
		e->wq = args->submit_wq;
	} else {
		e->wq = alloc_ordered_workqueue("%s", WQ_MEM_RECLAIM,
						args->name);
		if (!e->wq)
			return -ENOMEM;
		e->own_wq = true;
	}

	spin_lock_init(&e->lock);
	INIT_LIST_HEAD(&e->queues);
	INIT_LIST_HEAD(&e->hw_jobs);
	INIT_LIST_HEAD(&e->signal_jobs);
	init_waitqueue_head(&e->idle_wq);
	e->credit_limit = args->credit_limit;
	e->timeout = args->ops->timedout_job && args->timeout > 0 ?
		     args->timeout : MAX_SCHEDULE_TIMEOUT;
	INIT_WORK(&e->run_work, drm_dep_engine_run_work);
	INIT_DELAYED_WORK(&e->tdr_work, drm_dep_engine_tdr_work);
	init_llist_head(&e->retired);
	INIT_WORK(&e->retire_work, drm_dep_engine_retire_work);

	return 0;
}

static void drm_dep_engine_fini(struct drm_dep_engine *e)
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
	lockdep_assert_held(&e->lock);

	if (!drm_dep_engine_has_timeout(e))
		return;
	if (list_empty(&e->hw_jobs) || e->stop_count) {
		cancel_delayed_work(&e->tdr_work);
		return;
	}
	e->tdr_start = jiffies;
	mod_delayed_work(e->wq, &e->tdr_work, e->timeout);
}

/* Put @job on the hardware list; the caller then runs it. */
static void drm_dep_engine_start_job(struct drm_dep_engine *e,
				     struct drm_dep_job *job)
{
	lockdep_assert_held(&e->lock);

	if (job->q->killed && !job->error)
		WRITE_ONCE(job->error, -ECANCELED);

	e->credits += job->credits;
	e->submitting = true;
	list_move_tail(&job->link, &e->hw_jobs);
	if (list_is_singular(&e->hw_jobs))
		drm_dep_engine_arm_tdr(e);
}

static bool drm_dep_engine_may_start(struct drm_dep_engine *e,
				     struct drm_dep_job *job)
{
	lockdep_assert_held(&e->lock);

	if (e->stop_count || e->submitting)
		return false;
	if (job->credits > e->credit_limit - e->credits) {
		e->credit_wait = true;
		return false;
	}
	return true;
}

/* The worker or bypass pusher left run_job(). */
static void drm_dep_engine_end_submit(struct drm_dep_engine *e, bool rerun)
{
	unsigned long flags;
	bool wake_stop;

	spin_lock_irqsave(&e->lock, flags);
	/* Pairs with the acquire in drm_dep_engine_stop(). */
	smp_store_release(&e->submitting, false);
	wake_stop = e->stop_count;
	if (rerun) {
		struct drm_dep_queue *q;

		rerun = false;
		list_for_each_entry(q, &e->queues, engine_link)
			rerun |= !list_empty(&q->pending);
	}
	spin_unlock_irqrestore(&e->lock, flags);

	if (wake_stop)
		wake_up_all(&e->idle_wq);
	if (rerun)
		drm_dep_engine_wake(e);
}

static void drm_dep_job_retire(struct drm_dep_job *job)
{
	struct drm_dep_engine *e = job->q->engine;

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
	/* The last put may free the engine: do not touch it after. */
	llist_for_each_entry_safe(job, next, list, retire_node)
		drm_dep_job_put(job);
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
 * Finished fences signal in arm order, but not under the engine lock, so
 * that their callbacks may kill or start queues: a job done before
 * an older one waits on the hardware list until the older one is done too,
 * then moves to &drm_dep_engine.signal_jobs; whoever finds nobody
 * signalling becomes the signaller and signals and retires that list in
 * order until it is empty, while the others only add to it.
 */
void drm_dep_engine_job_done(struct drm_dep_job *job, int error)
{
	struct drm_dep_queue *q = drm_dep_queue_get(job->q);
	struct drm_dep_engine *e = q->engine;
	struct drm_dep_job *head, *tmp;
	bool popped = false, wake = false;
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	if (test_bit(DRM_DEP_JOB_STATE_DONE, &job->state))
		goto unlock;
	if (!job->error)
		WRITE_ONCE(job->error, error);
	set_bit(DRM_DEP_JOB_STATE_DONE, &job->state);

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

			drm_dep_fence_signal(head->fence, head->error);
			drm_dep_job_retire(head);

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
static void drm_dep_engine_run_job(struct drm_dep_engine *e,
				   struct drm_dep_job *job)
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

/*
 * Take the next job to run off the engine's queues, or return NULL. Only
 * the submit worker takes jobs off a pending list, so the head job stays
 * put while its dependencies are looked at without the lock.
 */
static struct drm_dep_job *drm_dep_engine_next_job(struct drm_dep_engine *e)
{
	struct drm_dep_queue *q;
	struct drm_dep_job *job;
	unsigned long flags;
	bool killed;

	spin_lock_irqsave(&e->lock, flags);
	q = list_first_entry_or_null(&e->queues, struct drm_dep_queue,
				     engine_link);
	job = q ? list_first_entry_or_null(&q->pending, struct drm_dep_job,
					   link) : NULL;
	killed = q && q->killed;
	if (job && (e->stop_count || e->submitting))
		job = NULL;
	spin_unlock_irqrestore(&e->lock, flags);

	if (!job || (!killed && !drm_dep_job_deps_ready(job, true)))
		return NULL;

	spin_lock_irqsave(&e->lock, flags);
	if (drm_dep_engine_may_start(e, job))
		drm_dep_engine_start_job(e, job);
	else
		job = NULL;
	spin_unlock_irqrestore(&e->lock, flags);

	return job;
}

static void drm_dep_engine_run_work(struct work_struct *work)
{
	struct drm_dep_engine *e =
		container_of(work, struct drm_dep_engine, run_work);
	struct drm_dep_job *job;

	while ((job = drm_dep_engine_next_job(e))) {
		drm_dep_engine_run_job(e, job);
		drm_dep_engine_end_submit(e, false);
	}
}

/*
 * Queue a pushed job, or run it right here on a bypass queue when nothing
 * stands in its way. The queue's reference to @job is already taken.
 */
void drm_dep_queue_push_job(struct drm_dep_queue *q, struct drm_dep_job *job)
{
	struct drm_dep_engine *e = q->engine;
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
	    drm_dep_engine_may_start(e, job)) {
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

	drm_dep_engine_run_job(e, job);
	drm_dep_engine_end_submit(e, true);
	drm_dep_job_put(job);
}

static void drm_dep_engine_stop(struct drm_dep_engine *e)
{
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	e->stop_count++;
	drm_dep_engine_arm_tdr(e);
	spin_unlock_irqrestore(&e->lock, flags);

	/* What run_job() wrote is visible to the caller once it returns. */
	wait_event(e->idle_wq, !smp_load_acquire(&e->submitting));
}

static void drm_dep_engine_start(struct drm_dep_engine *e)
{
	unsigned long flags;
	bool wake;

	spin_lock_irqsave(&e->lock, flags);
	if (!drm_dep_warn(!e->stop_count, "start without stop\n"))
		e->stop_count--;
	wake = !e->stop_count;
	if (wake)
		drm_dep_engine_arm_tdr(e);
	spin_unlock_irqrestore(&e->lock, flags);

	if (wake)
		drm_dep_engine_wake(e);
}

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
 * for the whole timeout: the job the timeout was armed for may have
 * completed just as the timeout fired, and the next one only just became
 * the oldest. Its timeout is re-armed when submission restarts.
 */
static struct drm_dep_job *drm_dep_engine_expired_job(struct drm_dep_engine *e)
{
	unsigned long flags;
	bool early;

	spin_lock_irqsave(&e->lock, flags);
	early = time_before(jiffies, e->tdr_start + e->timeout);
	spin_unlock_irqrestore(&e->lock, flags);

	return early ? NULL : drm_dep_engine_hw_job(e, false);
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
	/* May drop the last queue reference: nothing touches @e after. */
	drm_dep_job_put(job);
}

/**
 * drm_dep_queue_init() - initialise a queue
 * @q: the queue, embedded in the driver's queue
 * @args: its arguments
 *
 * Initialises @q with one reference, owned by the caller, and a private
 * engine with @args->credit_limit credits. Unless @args->submit_wq is
 * given, the queue gets an ordered workqueue of its own.
 *
 * Context: Process context; may sleep (allocates with GFP_KERNEL).
 * Return: 0, -EINVAL for missing mandatory arguments, or -ENOMEM.
 */
int drm_dep_queue_init(struct drm_dep_queue *q,
		       const struct drm_dep_queue_args *args)
{
	int ret;

	if (!args->ops || !args->ops->run_job || !args->ops->free_job ||
	    !args->ops->release || !args->name || !args->credit_limit)
		return -EINVAL;

	memset(q, 0, sizeof(*q));
	q->timeline = drm_dep_timeline_create(args->name);
	if (!q->timeline)
		return -ENOMEM;

	ret = drm_dep_engine_init(&q->own_engine, args);
	if (ret) {
		drm_dep_timeline_put(q->timeline);
		return ret;
	}

	q->ops = args->ops;
	q->flags = args->flags;
	kref_init(&q->ref);
	INIT_LIST_HEAD(&q->pending);
	q->fence_context = dma_fence_context_alloc(1);
	atomic64_set(&q->seqno, 0);
	q->engine = &q->own_engine;
	list_add_tail(&q->engine_link, &q->engine->queues);
	INIT_WORK(&q->teardown_work, drm_dep_queue_teardown_work);

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

	spin_lock_irqsave(&q->engine->lock, flags);
	list_del(&q->engine_link);
	spin_unlock_irqrestore(&q->engine->lock, flags);

	drm_dep_engine_fini(&q->own_engine);
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
 * valid. Finished fences of the queue's jobs may outlive it.
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
 * drm_dep_queue_put().
 *
 * Context: Any context.
 */
void drm_dep_queue_kill(struct drm_dep_queue *q)
{
	struct drm_dep_engine *e = q->engine;
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	WRITE_ONCE(q->killed, true);
	spin_unlock_irqrestore(&e->lock, flags);

	drm_dep_engine_wake(e);
}
EXPORT_SYMBOL(drm_dep_queue_kill);

/**
 * drm_dep_queue_stop() - stop running jobs
 * @q: the queue
 *
 * No run_job() is called after this returns, neither by the submit worker
 * nor by a bypass pusher, until the matching drm_dep_queue_start(); a
 * run_job() in progress is waited for, and what it wrote is visible to
 * the caller. Jobs may still be pushed, and jobs on the hardware still
 * complete. No timeout fires until the last start, though a timeout
 * handler already running is not waited for. Stops nest.
 *
 * Context: Process context; may sleep. Not from run_job().
 */
void drm_dep_queue_stop(struct drm_dep_queue *q)
{
	drm_dep_engine_stop(q->engine);
}
EXPORT_SYMBOL(drm_dep_queue_stop);

/**
 * drm_dep_queue_start() - undo one drm_dep_queue_stop()
 * @q: the queue
 *
 * When the last stop is undone, the timeout is re-armed, in full, for the
 * oldest job on the hardware, and the submit worker runs what is pending.
 *
 * Context: Any context.
 */
void drm_dep_queue_start(struct drm_dep_queue *q)
{
	drm_dep_engine_start(q->engine);
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

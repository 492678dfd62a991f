// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 */

/*
 * Mock hardware for the drm_dep KUnit suites.
 *
 * The hardware is an in-order ring (&struct drm_dep_mock_hw): run_job()
 * appends the job to the ring of the engine the job was placed on, and the
 * ring completes jobs from its head, back to back. A mock queue with a
 * private engine has a ring of its own; a shared mock engine
 * (&struct drm_dep_mock_engine) has one ring for the jobs of all its
 * queues, so a hung job holds up every queue of the engine and a reset
 * takes the jobs of all of them off the ring. A job with a duration
 * completes from an hrtimer, that is from hard interrupt context, like a
 * real completion interrupt. A job without a duration (manual mode)
 * completes only when the test calls drm_dep_mock_advance(). A hung job
 * never completes by itself and blocks the ring behind it, until a timeout
 * resets the engine.
 *
 * The interrupt handler (the hrtimer) and the timeout handler hand a job
 * over with xchg() on the job's in-flight pointer: whoever takes the
 * pointer owns the completion, so a job that completes right at its
 * timeout is completed once, by one of them.
 *
 * A job whose run_job() returns %DRM_DEP_JOB_RUNNING (%DRM_DEP_MOCK_RET_IRQ)
 * has no hardware fence and no in-flight pointer: the interrupt handler
 * reports it done with drm_dep_engine_complete(), and drm_dep knows which
 * job that is. Its timeout handler does what such a driver must: it stops
 * the interrupt handler (hrtimer_cancel() is the mock's synchronize_irq()),
 * resets the ring and returns RESET; drm_dep completes what is left.
 *
 * Everything here is allocated with kzalloc(), not with KUnit's resource
 * allocator: drm_dep may free jobs and queues after the test function has
 * returned. Live objects are counted so that the suites' exit can check
 * that everything was freed.
 */

#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "drm_dep_mock.h"

struct drm_dep_mock_stats drm_dep_mock_stats = {
	.wq = __WAIT_QUEUE_HEAD_INITIALIZER(drm_dep_mock_stats.wq),
};

static void drm_dep_mock_stat_dec(atomic_t *counter)
{
	atomic_dec(counter);
	wake_up_all(&drm_dep_mock_stats.wq);
}

static const char *drm_dep_mock_fence_driver_name(struct dma_fence *fence)
{
	return "drm_dep_mock";
}

static const char *drm_dep_mock_hw_timeline_name(struct dma_fence *fence)
{
	return "drm_dep_mock_hw";
}

static void drm_dep_mock_hw_fence_release(struct dma_fence *fence)
{
	dma_fence_free(fence);
	drm_dep_mock_stat_dec(&drm_dep_mock_stats.hw_fences);
}

static const struct dma_fence_ops drm_dep_mock_hw_fence_ops = {
	.use_64bit_seqno = true,
	.get_driver_name = drm_dep_mock_fence_driver_name,
	.get_timeline_name = drm_dep_mock_hw_timeline_name,
	.release = drm_dep_mock_hw_fence_release,
};

/* Arm the timer for the job at the head of the ring, if it is timed. */
static void drm_dep_mock_start_head(struct drm_dep_mock_hw *hw, ktime_t start)
{
	struct drm_dep_mock_job *head;

	lockdep_assert_held(&hw->lock);

	head = list_first_entry_or_null(&hw->ring, struct drm_dep_mock_job,
					ring_link);
	if (!head || !head->duration_us || head->hang)
		return;

	head->finish_at = ktime_add_ns(start,
				       (u64)head->duration_us * NSEC_PER_USEC);
	hrtimer_start(&hw->timer, head->finish_at, HRTIMER_MODE_ABS);
}

/*
 * Signal a claimed job's hardware fence and count it for the job's queue
 * and engine. The job, and with it the last reference to its queue, may go
 * inside dma_fence_signal(): the queue is held across the call so that its
 * counters stay valid. A shared engine outlives its queues.
 */
static void drm_dep_mock_signal(struct drm_dep_mock_job *job, int error)
{
	struct drm_dep_mock_queue *mq = job->mq;
	struct drm_dep_mock_engine *me = job->run_hw->engine;

	drm_dep_queue_get(&mq->base);
	/* Counted first: a test woken by the completion may read it. */
	atomic_inc(&mq->hw_completions);
	if (me)
		atomic_inc(&me->hw_completions);
	if (job->ret == DRM_DEP_MOCK_RET_IRQ) {
		struct drm_dep_engine *e = job->run_engine;

		/* Read by the test, which holds the job, once it is done. */
		WRITE_ONCE(job->irq_reported, true);
		/* The job, the oldest running on @e, may go in there. */
		if (drm_dep_engine_complete(e, 1, error) != 1) {
			atomic_inc(&mq->irq_lost);
			atomic_inc(&drm_dep_mock_stats.irq_lost);
		}
	} else {
		struct dma_fence *hw = dma_fence_get(&job->hw->base);

		if (error)
			dma_fence_set_error(hw, error);
		if (dma_fence_signal(hw)) {
			atomic_inc(&mq->double_signals);
			atomic_inc(&drm_dep_mock_stats.double_signals);
		}
		dma_fence_put(hw);
	}
	wake_up_all(&mq->wait);
	if (me)
		wake_up_all(&me->wait);
	drm_dep_queue_put(&mq->base);
}

/*
 * Complete up to @max jobs from the head of the ring. Timed completion
 * stops at the first job whose time has not come; manual completion takes
 * any job that is not hung. Called with the ring lock held.
 */
static unsigned int drm_dep_mock_retire(struct drm_dep_mock_hw *hw,
					unsigned int max, bool manual)
{
	struct drm_dep_mock_job *job;
	unsigned int count = 0;
	ktime_t now = ktime_get();

	lockdep_assert_held(&hw->lock);

	while (count < max && !hw->resetting) {
		ktime_t end;

		job = list_first_entry_or_null(&hw->ring,
					       struct drm_dep_mock_job,
					       ring_link);
		if (!job || job->hang)
			break;
		if (!manual) {
			if (!job->duration_us)
				break;
			if (ktime_after(job->finish_at, now)) {
				hrtimer_start(&hw->timer, job->finish_at,
					      HRTIMER_MODE_ABS);
				break;
			}
		}

		/* The interrupt side of the hand-over; none without a fence. */
		if (job->ret != DRM_DEP_MOCK_RET_IRQ &&
		    cmpxchg(&job->inflight, hw, NULL) != hw)
			break;

		end = manual ? now : job->finish_at;
		list_del_init(&job->ring_link);
		drm_dep_mock_signal(job, job->hw_error);
		count++;

		drm_dep_mock_start_head(hw, end);
	}

	return count;
}

static enum hrtimer_restart drm_dep_mock_timer(struct hrtimer *timer)
{
	struct drm_dep_mock_hw *hw =
		container_of(timer, struct drm_dep_mock_hw, timer);
	unsigned long flags;

	spin_lock_irqsave(&hw->lock, flags);
	drm_dep_mock_retire(hw, UINT_MAX, false);
	spin_unlock_irqrestore(&hw->lock, flags);

	return HRTIMER_NORESTART;
}

static void drm_dep_mock_hw_init(struct drm_dep_mock_hw *hw,
				 struct drm_dep_mock_engine *me)
{
	spin_lock_init(&hw->lock);
	INIT_LIST_HEAD(&hw->ring);
	hrtimer_init(&hw->timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	hw->timer.function = drm_dep_mock_timer;
	hw->hw_context = dma_fence_context_alloc(1);
	hw->engine = me;
}

static unsigned int drm_dep_mock_hw_advance(struct drm_dep_mock_hw *hw,
					    unsigned int n)
{
	unsigned long flags;
	unsigned int count;

	spin_lock_irqsave(&hw->lock, flags);
	count = drm_dep_mock_retire(hw, n, true);
	spin_unlock_irqrestore(&hw->lock, flags);

	return count;
}

/**
 * drm_dep_mock_advance() - complete jobs by hand
 * @mq: the mock queue; bound to one engine at most
 * @n: how many jobs to complete at most
 *
 * Completes up to @n jobs from the head of the ring @mq runs on, whatever
 * their duration, stopping at a hung job. On a shared engine these may be
 * jobs of other queues.
 *
 * Return: the number of jobs completed.
 */
unsigned int drm_dep_mock_advance(struct drm_dep_mock_queue *mq,
				  unsigned int n)
{
	if (WARN_ON(!mq->hw))
		return 0;
	return drm_dep_mock_hw_advance(mq->hw, n);
}

/**
 * drm_dep_mock_engine_advance() - complete jobs of a shared engine by hand
 * @me: the mock engine
 * @n: how many jobs to complete at most
 *
 * As drm_dep_mock_advance(), on the ring of @me.
 *
 * Return: the number of jobs completed.
 */
unsigned int drm_dep_mock_engine_advance(struct drm_dep_mock_engine *me,
					 unsigned int n)
{
	return drm_dep_mock_hw_advance(&me->hw, n);
}

/*
 * Take every job off the ring, whatever its queue, as a reset does. The
 * caller owns @guilty's completion already. With @signal the hardware
 * fences are signalled with -EIO right here, as a driver that resets
 * synchronously does (&drm_dep_mock_queue.reset_signals); otherwise they
 * are signalled with an error when the jobs are freed: drm_dep completes
 * reset jobs itself and never waits for those fences.
 */
static unsigned int drm_dep_mock_take_ring(struct drm_dep_mock_hw *hw,
					   struct drm_dep_mock_job *guilty,
					   bool signal)
{
	struct drm_dep_mock_job *job, *next;
	unsigned long flags;
	unsigned int count = 0;
	LIST_HEAD(reset);

	spin_lock_irqsave(&hw->lock, flags);
	hw->resetting = true;
	spin_unlock_irqrestore(&hw->lock, flags);

	hrtimer_cancel(&hw->timer);

	spin_lock_irqsave(&hw->lock, flags);
	list_for_each_entry_safe(job, next, &hw->ring, ring_link) {
		if (job != guilty && job->ret != DRM_DEP_MOCK_RET_IRQ &&
		    cmpxchg(&job->inflight, hw, NULL) != hw)
			continue;
		list_move_tail(&job->ring_link, &reset);
		count++;
	}
	hw->resetting = false;
	spin_unlock_irqrestore(&hw->lock, flags);

	/*
	 * The job may be freed as soon as its fence signals. A job without
	 * a fence is never reported after a reset: drm_dep completes it.
	 */
	list_for_each_entry_safe(job, next, &reset, ring_link) {
		list_del_init(&job->ring_link);
		if (signal && job->ret != DRM_DEP_MOCK_RET_IRQ)
			drm_dep_mock_signal(job, -EIO);
	}

	return count;
}

/**
 * drm_dep_mock_hw_reset() - force-complete every job on the ring
 * @mq: the mock queue; bound to one engine at most
 * @error: error the hardware fences signal with
 *
 * What a driver does when it shuts its engine down: every job on the ring
 * @mq runs on completes now, through its hardware fence, with @error. On a
 * shared engine that includes the jobs of the other queues.
 *
 * Return: the number of jobs completed.
 */
unsigned int drm_dep_mock_hw_reset(struct drm_dep_mock_queue *mq, int error)
{
	struct drm_dep_mock_hw *hw = mq->hw;
	struct drm_dep_mock_job *job;
	unsigned long flags;
	unsigned int count = 0;

	if (WARN_ON(!hw))
		return 0;

	spin_lock_irqsave(&hw->lock, flags);
	hw->resetting = true;
	spin_unlock_irqrestore(&hw->lock, flags);

	hrtimer_cancel(&hw->timer);

	spin_lock_irqsave(&hw->lock, flags);
	while ((job = list_first_entry_or_null(&hw->ring,
					       struct drm_dep_mock_job,
					       ring_link))) {
		list_del_init(&job->ring_link);
		if (job->ret != DRM_DEP_MOCK_RET_IRQ &&
		    cmpxchg(&job->inflight, hw, NULL) != hw)
			continue;
		drm_dep_mock_signal(job, error);
		count++;
	}
	hw->resetting = false;
	spin_unlock_irqrestore(&hw->lock, flags);

	return count;
}

/* Jobs on @hw, of queue @mq or of any queue if @mq is NULL. */
static unsigned int drm_dep_mock_hw_count(struct drm_dep_mock_hw *hw,
					  struct drm_dep_mock_queue *mq)
{
	struct drm_dep_mock_job *job;
	unsigned long flags;
	unsigned int count = 0;

	spin_lock_irqsave(&hw->lock, flags);
	list_for_each_entry(job, &hw->ring, ring_link)
		count += !mq || job->mq == mq;
	spin_unlock_irqrestore(&hw->lock, flags);

	return count;
}

/**
 * drm_dep_mock_ring_count() - jobs of a queue on the mock hardware
 * @mq: the mock queue
 *
 * Return: the number of jobs of @mq that run_job() put on a ring (its own
 * or that of any engine it is bound to) and that have not completed yet.
 */
unsigned int drm_dep_mock_ring_count(struct drm_dep_mock_queue *mq)
{
	unsigned int i, count;

	if (!mq->num_engines)
		return drm_dep_mock_hw_count(&mq->own_hw, mq);

	for (count = 0, i = 0; i < mq->num_engines; i++)
		count += drm_dep_mock_hw_count(&mq->engines[i]->hw, mq);
	return count;
}

/**
 * drm_dep_mock_engine_ring_count() - jobs on a shared engine's ring
 * @me: the mock engine
 *
 * Return: the number of jobs of any queue that run_job() put on the ring
 * of @me and that have not completed yet.
 */
unsigned int drm_dep_mock_engine_ring_count(struct drm_dep_mock_engine *me)
{
	return drm_dep_mock_hw_count(&me->hw, NULL);
}

/* The queue's and engine's part of drm_dep_mock_count_run(). */
static void drm_dep_mock_count_queue_run(struct drm_dep_mock_queue *mq,
					 struct drm_dep_mock_engine *me,
					 int run_error, bool in_worker)
{
	if (run_error)
		atomic_inc(&mq->cancelled_runs);
	if (in_worker)
		atomic_inc(&mq->worker_runs);
	atomic_inc(&mq->runs);
	wake_up_all(&mq->wait);
	if (me) {
		atomic_inc(&me->runs);
		wake_up_all(&me->wait);
	}
}

/*
 * Count a run_job() call once the job is where the test may look for it
 * (on the ring, or done with), so that a test woken by the count finds it
 * there.
 */
static void drm_dep_mock_count_run(struct drm_dep_mock_queue *mq,
				   struct drm_dep_mock_job *job)
{
	atomic_inc(&job->run_count);
	drm_dep_mock_count_queue_run(mq, job->run_hw->engine, job->run_error,
				     job->run_in_worker);
}

/*
 * The ring of the engine drm_dep placed @job on: the queue's own, or that
 * of the shared mock engine that embeds drm_dep_job_engine(), which must be
 * one the queue is bound to.
 */
static struct drm_dep_mock_hw *drm_dep_mock_job_hw(struct drm_dep_mock_job *job)
{
	struct drm_dep_mock_queue *mq = job->mq;
	unsigned int i;

	if (!mq->num_engines)
		return &mq->own_hw;
	for (i = 0; i < mq->num_engines; i++) {
		if (job->run_engine == &mq->engines[i]->base)
			return &mq->engines[i]->hw;
	}
	atomic_inc(&drm_dep_mock_stats.placement_errors);
	return &mq->engines[0]->hw;
}

/*
 * A queue bound to several engines only moves when nothing of it is in
 * flight: a job placed on another engine than the queue's previous job,
 * whose finished fence has not signalled, is a placement error. run_job()
 * calls of such a queue only overlap after that error.
 */
static void drm_dep_mock_check_placement(struct drm_dep_mock_queue *mq,
					 struct drm_dep_mock_job *job)
{
	struct dma_fence *last = mq->last_run_fence;

	if (mq->num_engines < 2)
		return;

	if (last && !test_bit(DMA_FENCE_FLAG_SIGNALED_BIT, &last->flags) &&
	    mq->last_run_engine != job->run_engine)
		atomic_inc(&drm_dep_mock_stats.placement_errors);
	mq->last_run_fence =
		dma_fence_get(drm_dep_job_finished_fence(&job->base));
	mq->last_run_engine = job->run_engine;
	/* The job that owns @last still holds it: not the last reference. */
	dma_fence_put(last);
}

/*
 * Start a job that completes through drm_dep_engine_complete(). Once it
 * is on the ring it may complete, and be freed, at any time: only the
 * queue, held by drm_dep across run_job(), is touched after that.
 */
static struct dma_fence *drm_dep_mock_run_irq_job(struct drm_dep_mock_queue *mq,
						  struct drm_dep_mock_job *job,
						  struct drm_dep_mock_hw *hw)
{
	struct drm_dep_mock_engine *me = hw->engine;
	bool in_worker = job->run_in_worker;
	unsigned long flags;

	atomic_inc(&job->run_count);
	spin_lock_irqsave(&hw->lock, flags);
	list_add_tail(&job->ring_link, &hw->ring);
	if (list_is_singular(&hw->ring))
		drm_dep_mock_start_head(hw, ktime_get());
	spin_unlock_irqrestore(&hw->lock, flags);

	drm_dep_mock_count_queue_run(mq, me, 0, in_worker);
	return DRM_DEP_JOB_RUNNING;
}

static struct dma_fence *drm_dep_mock_run_job(struct drm_dep_job *base)
{
	struct drm_dep_mock_job *job = to_mock_job(base);
	struct drm_dep_mock_queue *mq = job->mq;
	u64 seqno = drm_dep_job_seqno(base);
	struct drm_dep_mock_hw *hw;
	unsigned long flags;
	bool empty;

	job->run_order = atomic64_inc_return(&drm_dep_mock_stats.clock);
	job->run_engine = drm_dep_job_engine(base);
	hw = drm_dep_mock_job_hw(job);
	job->run_hw = hw;
	drm_dep_mock_check_placement(mq, job);
	job->run_error = drm_dep_job_error(base);
	job->run_seqno = seqno;
	job->run_task = current;
	job->run_in_worker = !!(current->flags & PF_WQ_WORKER);
	job->run_in_irq = in_interrupt();

	/* run_job() calls of one queue never overlap, so no lock here. */
	if (seqno <= mq->last_run_seqno) {
		atomic_inc(&mq->order_errors);
		atomic_inc(&drm_dep_mock_stats.order_errors);
	}
	mq->last_run_seqno = seqno;

	if (job->after && !dma_fence_is_signaled(job->after))
		atomic_inc(&mq->early_runs);

	if (mq->run_hook)
		mq->run_hook(job, mq->hook_data);

	/* The driver gave up on the rest of the group after a reset. */
	if (!job->run_error && job->group && READ_ONCE(job->group->cancelled)) {
		atomic_inc(&job->group->cancelled_runs);
		drm_dep_mock_count_run(mq, job);
		return ERR_PTR(-ECANCELED);
	}

	/* A cancelled job never reaches the hardware. */
	if (job->run_error || job->ret == DRM_DEP_MOCK_RET_NULL) {
		drm_dep_mock_count_run(mq, job);
		return NULL;
	}
	if (job->ret == DRM_DEP_MOCK_RET_ERR) {
		drm_dep_mock_count_run(mq, job);
		return ERR_PTR(job->ret_err);
	}
	if (job->ret == DRM_DEP_MOCK_RET_FENCE) {
		drm_dep_mock_count_run(mq, job);
		return dma_fence_get(job->ret_fence);
	}

	if (job->ret == DRM_DEP_MOCK_RET_IRQ)
		return drm_dep_mock_run_irq_job(mq, job, hw);

	/* run_job() calls of one engine never overlap; the ring's may. */
	spin_lock_init(&job->hw->lock);
	spin_lock_irqsave(&hw->lock, flags);
	dma_fence_init(&job->hw->base, &drm_dep_mock_hw_fence_ops,
		       &job->hw->lock, hw->hw_context, ++hw->hw_seqno);
	spin_unlock_irqrestore(&hw->lock, flags);
	atomic_inc(&drm_dep_mock_stats.hw_fences);
	job->hw_used = true;

	/* Completed before drm_dep even saw the fence. */
	if (job->hw_signalled) {
		drm_dep_mock_signal(job, job->hw_error);
		drm_dep_mock_count_run(mq, job);
		return dma_fence_get(&job->hw->base);
	}

	spin_lock_irqsave(&hw->lock, flags);
	empty = list_empty(&hw->ring);
	WRITE_ONCE(job->inflight, hw);
	list_add_tail(&job->ring_link, &hw->ring);
	if (empty)
		drm_dep_mock_start_head(hw, ktime_get());
	spin_unlock_irqrestore(&hw->lock, flags);

	/*
	 * The job cannot be freed before run_job() returns: drm_dep only
	 * learns of its completion through the fence returned here.
	 */
	drm_dep_mock_count_run(mq, job);

	/* One reference for drm_dep, one kept by the mock until free_job(). */
	return dma_fence_get(&job->hw->base);
}

/*
 * The timeout handler of a driver: the queue of the timed-out job says
 * how it behaves; a reset takes the ring of the engine the job runs on,
 * with the jobs of every queue of that engine.
 */
/*
 * The timeout handler of a driver without hardware fences: it stops its
 * interrupt handler (hrtimer_cancel(), the mock's synchronize_irq()),
 * resets the ring and lets drm_dep complete what was on it. A completion
 * reported before that wins; none can come after it.
 */
static enum drm_dep_timeout_status
drm_dep_mock_timedout_irq_job(struct drm_dep_mock_job *job)
{
	struct drm_dep_mock_hw *hw = job->run_hw;

	if (job->mq->irq_race == DRM_DEP_MOCK_IRQ_BEFORE_CLAIM)
		job->mq->irq_race_completed += drm_dep_mock_hw_advance(hw, 1);
	drm_dep_mock_take_ring(hw, NULL, false);
	return DRM_DEP_TIMEOUT_RESET;
}

static enum drm_dep_timeout_status
drm_dep_mock_timedout_job(struct drm_dep_job *base)
{
	struct drm_dep_mock_job *job = to_mock_job(base);
	struct drm_dep_mock_queue *mq = job->mq;
	struct drm_dep_mock_hw *hw = job->run_hw;
	struct drm_dep_mock_engine *me = hw->engine;
	enum drm_dep_timeout_status status = DRM_DEP_TIMEOUT_RESET;
	struct completion *gate = READ_ONCE(mq->tdr_gate);
	bool reset = false;

	atomic_inc(&mq->timeouts);
	if (me)
		atomic_inc(&me->timeouts);
	wake_up_all(&mq->wait);
	if (gate)
		wait_for_completion(gate);
	/* A handler may stop its own queue: that must not wait for itself. */
	if (mq->tdr_stops_queue)
		drm_dep_queue_stop(&mq->base);
	/* Nor another engine, whose own handler may be running. */
	if (mq->tdr_stops_engine) {
		drm_dep_engine_stop(mq->tdr_stops_engine);
		drm_dep_engine_start(mq->tdr_stops_engine);
	}

	if (job->ret == DRM_DEP_MOCK_RET_IRQ && !mq->extend_limit) {
		status = drm_dep_mock_timedout_irq_job(job);
		reset = true;
	} else if (mq->irq_race == DRM_DEP_MOCK_IRQ_BEFORE_CLAIM) {
		mq->irq_race_completed += drm_dep_mock_hw_advance(hw, 1);
	}

	if (reset) {
		/* Done above. */
	} else if (READ_ONCE(mq->extend_limit)) {
		if (mq->extend_limit > 0)
			mq->extend_limit--;
		status = DRM_DEP_TIMEOUT_EXTEND;
	} else if (cmpxchg(&job->inflight, hw, NULL) != hw) {
		/*
		 * The timeout side of the hand-over: the interrupt handler
		 * took the job first and completes it; there is nothing to
		 * reset.
		 */
		atomic_inc(&mq->timeout_lost);
		status = DRM_DEP_TIMEOUT_EXTEND;
		if (mq->reset_always) {
			/* A driver that resets the engine all the same. */
			drm_dep_mock_take_ring(hw, NULL, mq->reset_signals);
			reset = true;
			status = DRM_DEP_TIMEOUT_RESET;
		}
	} else {
		/* Too late: the interrupt finds the job claimed. */
		if (mq->irq_race == DRM_DEP_MOCK_IRQ_AFTER_CLAIM)
			mq->irq_race_completed += drm_dep_mock_hw_advance(hw, 1);
		drm_dep_mock_take_ring(hw, job, mq->reset_signals);
		reset = true;
		if (mq->bad_status)
			status = (enum drm_dep_timeout_status)mq->bad_status;
	}

	if (mq->tdr_stops_queue)
		drm_dep_queue_start(&mq->base);

	if (reset) {
		/* The rest of the job's group is not worth running. */
		if (job->group)
			WRITE_ONCE(job->group->cancelled, true);
		atomic_inc(&mq->resets);
		if (me)
			atomic_inc(&me->resets);
	}

	atomic_inc(&mq->timeouts_done);
	wake_up_all(&mq->wait);
	if (me)
		wake_up_all(&me->wait);
	return status;
}

static void drm_dep_mock_free_job(struct drm_dep_job *base)
{
	struct drm_dep_mock_job *job = to_mock_job(base);
	struct drm_dep_mock_queue *mq = job->mq;

	if (mq->free_hook)
		mq->free_hook(job, mq->hook_data);
	dma_fence_put(job->after);

	/* A job still on the ring would be completed after being freed. */
	WARN_ON(!list_empty(&job->ring_link));

	if (job->hw_used) {
		/* Taken off the ring by a reset: the hardware fence ends. */
		if (!dma_fence_is_signaled(&job->hw->base))
			drm_dep_mock_signal(job, -EIO);
		dma_fence_put(&job->hw->base);
	} else {
		kfree(job->hw);
	}

	atomic_inc(&mq->frees);
	if (in_interrupt())
		atomic_inc(&mq->frees_in_irq);
	if (in_hardirq())
		atomic_inc(&mq->frees_in_hardirq);
	wake_up_all(&mq->wait);

	kfree(job);
	drm_dep_mock_stat_dec(&drm_dep_mock_stats.jobs);
}

/* What a driver does once its queue is torn down, but freeing it. */
static void drm_dep_mock_queue_done(struct drm_dep_mock_queue *mq)
{
	unsigned int i;

	hrtimer_cancel(&mq->own_hw.timer);
	/*
	 * drm_dep_mock_advance() may have dropped the last job, and with it
	 * the last queue reference, under the ring's lock, which it may
	 * still hold: the queue is freed once it let go.
	 */
	spin_lock_irq(&mq->own_hw.lock);
	spin_unlock_irq(&mq->own_hw.lock);
	WARN_ON(!list_empty(&mq->own_hw.ring));
	/* Every job of the queue retired, so none is left on a ring. */
	for (i = 0; i < mq->num_engines; i++)
		WARN_ON(drm_dep_mock_hw_count(&mq->engines[i]->hw, mq));
	dma_fence_put(mq->last_run_fence);
	atomic_inc(&drm_dep_mock_stats.queues_released);

	/*
	 * drm_dep_engine_fini() returns only after this callback; the
	 * engine teardown tests check it with these counts.
	 */
	for (i = 0; i < mq->num_engines; i++)
		drm_dep_mock_stat_dec(&mq->engines[i]->queues);
}

static void drm_dep_mock_release(struct drm_dep_queue *q)
{
	struct drm_dep_mock_queue *mq = to_mock_queue(q);

	drm_dep_mock_queue_done(mq);
	if (mq->awaited)
		/* Pairs with put_and_wait(); the waiter frees the queue. */
		smp_store_release(&mq->released, true);
	else
		kfree(mq);
	drm_dep_mock_stat_dec(&drm_dep_mock_stats.queues);
}

static const struct drm_dep_queue_ops drm_dep_mock_ops = {
	.run_job = drm_dep_mock_run_job,
	.timedout_job = drm_dep_mock_timedout_job,
	.free_job = drm_dep_mock_free_job,
	.release = drm_dep_mock_release,
};

/**
 * drm_dep_mock_queue_new() - create a mock queue
 * @test: the test; its shared submit workqueue is used by a private
 *	engine unless @args->own_wq
 * @args: parameters, or NULL for the defaults: a private engine
 *
 * Asserts that the queue was created. The caller owns one reference,
 * dropped with drm_dep_mock_queue_put(). A queue bound to shared mock
 * engines must be released before they are finalised.
 *
 * Return: the mock queue.
 */
struct drm_dep_mock_queue *
drm_dep_mock_queue_new(struct kunit *test,
		       const struct drm_dep_mock_queue_args *args)
{
	static const struct drm_dep_mock_queue_args defaults = {};
	struct drm_dep_engine *engines[DRM_DEP_MOCK_MAX_ENGINES];
	struct drm_dep_mock_test *priv = test->priv;
	struct drm_dep_queue_args qargs = {};
	struct drm_dep_mock_queue *mq;
	unsigned int i;
	int ret;

	if (!args)
		args = &defaults;
	KUNIT_ASSERT_LE(test, args->num_engines, DRM_DEP_MOCK_MAX_ENGINES);

	mq = kzalloc(sizeof(*mq), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mq);

	drm_dep_mock_hw_init(&mq->own_hw, NULL);
	init_waitqueue_head(&mq->wait);
	strscpy(mq->name, args->name ?: "drm_dep_mock", sizeof(mq->name));

	mq->ops = drm_dep_mock_ops;
	if (args->no_timedout_job)
		mq->ops.timedout_job = NULL;
	if (args->no_release)
		mq->ops.release = NULL;
	qargs.ops = &mq->ops;
	qargs.name = args->no_name ? NULL : mq->name;
	qargs.flags = args->flags;
	qargs.priority = args->priority;
	if (args->num_engines) {
		for (i = 0; i < args->num_engines; i++) {
			mq->engines[i] = args->engines[i];
			engines[i] = &args->engines[i]->base;
		}
		mq->num_engines = args->num_engines;
		mq->hw = mq->num_engines == 1 ? &mq->engines[0]->hw : NULL;
		qargs.engines = engines;
		qargs.num_engines = args->num_engines;
		qargs.timeout = args->timeout;
		qargs.credit_limit = args->credit_limit;
	} else {
		mq->hw = &mq->own_hw;
		qargs.submit_wq = args->own_wq ? NULL : priv->wq;
		qargs.timeout = args->timeout ?: MAX_SCHEDULE_TIMEOUT;
		qargs.credit_limit = args->credit_limit ?: 1024;
	}

	ret = drm_dep_queue_init(&mq->base, &qargs);
	if (ret)
		kfree(mq);
	KUNIT_ASSERT_EQ(test, ret, 0);
	atomic_inc(&drm_dep_mock_stats.queues);
	for (i = 0; i < mq->num_engines; i++)
		atomic_inc(&mq->engines[i]->queues);

	return mq;
}

/**
 * drm_dep_mock_queue_put() - drop the test's queue reference
 * @mq: the mock queue
 */
void drm_dep_mock_queue_put(struct drm_dep_mock_queue *mq)
{
	drm_dep_queue_put(&mq->base);
}

/**
 * drm_dep_mock_queue_put_and_wait() - drop the last queue reference
 * @mq: the mock queue; the caller's reference must be the last one apart
 *	from those of the queue's jobs
 *
 * Return: true once the queue was released (&drm_dep_queue_ops.release
 * was called), false if that did not happen within DRM_DEP_MOCK_WAIT.
 */
bool drm_dep_mock_queue_put_and_wait(struct drm_dep_mock_queue *mq)
{
	/*
	 * Other queues may be in teardown at the same time: wait for this
	 * one's release, which leaves the queue for us to free. On timeout
	 * the queue leaks, and the test's leak check says so.
	 */
	mq->awaited = true;
	drm_dep_queue_put(&mq->base);
	if (!wait_event_timeout(drm_dep_mock_stats.wq,
				/* Pairs with drm_dep_mock_release(). */
				smp_load_acquire(&mq->released),
				DRM_DEP_MOCK_WAIT))
		return false;

	kfree(mq);
	return true;
}

/**
 * drm_dep_mock_queue_fini() - end a queue with drm_dep_queue_fini()
 * @mq: the mock queue; the caller's reference is dropped
 *
 * Waits, as drm_dep_queue_fini() does, for the queue's jobs and its
 * teardown, then frees @mq: after doing what the mock's release does for
 * a queue without one, and after checking that the release ran for a
 * queue with one.
 *
 * Return: false if the queue has a release and fini returned before it
 * ran; @mq is then leaked, and the test's leak check says so.
 */
bool drm_dep_mock_queue_fini(struct drm_dep_mock_queue *mq)
{
	if (mq->ops.release) {
		/* The release leaves @mq to us: see put_and_wait(). */
		mq->awaited = true;
		drm_dep_queue_fini(&mq->base);
		/* Pairs with drm_dep_mock_release(). */
		if (!smp_load_acquire(&mq->released))
			return false;
	} else {
		drm_dep_queue_fini(&mq->base);
		drm_dep_mock_queue_done(mq);
		drm_dep_mock_stat_dec(&drm_dep_mock_stats.queues);
	}
	kfree(mq);
	return true;
}

/**
 * drm_dep_mock_wait_runs() - wait until run_job() was called @runs times
 * @mq: the mock queue
 * @runs: the number of run_job() calls to wait for
 *
 * Return: true if it happened within DRM_DEP_MOCK_WAIT.
 */
bool drm_dep_mock_wait_runs(struct drm_dep_mock_queue *mq, int runs)
{
	return wait_event_timeout(mq->wait, atomic_read(&mq->runs) >= runs,
				  DRM_DEP_MOCK_WAIT) > 0;
}

/**
 * drm_dep_mock_wait_frees() - wait until free_job() was called @frees times
 * @mq: the mock queue
 * @frees: the number of free_job() calls to wait for
 *
 * Return: true if it happened within DRM_DEP_MOCK_WAIT.
 */
bool drm_dep_mock_wait_frees(struct drm_dep_mock_queue *mq, int frees)
{
	return wait_event_timeout(mq->wait, atomic_read(&mq->frees) >= frees,
				  DRM_DEP_MOCK_WAIT) > 0;
}

/**
 * drm_dep_mock_wait_timeouts_done() - wait for timedout_job() to return
 * @mq: the mock queue
 * @n: the number of timedout_job() calls to wait for
 *
 * The job may complete inside timedout_job(), so a test that reads what
 * the timeout handler did waits for it to have returned first.
 *
 * Return: true if it happened within DRM_DEP_MOCK_WAIT.
 */
bool drm_dep_mock_wait_timeouts_done(struct drm_dep_mock_queue *mq, int n)
{
	return wait_event_timeout(mq->wait,
				  atomic_read(&mq->timeouts_done) >= n,
				  DRM_DEP_MOCK_WAIT) > 0;
}

/**
 * drm_dep_mock_engine_new() - create a shared mock engine
 * @test: the test; its shared submit workqueue is used unless
 *	@args->own_wq
 * @args: parameters, or NULL for the defaults
 *
 * Asserts that drm_dep_engine_init() succeeded. Finalise the engine with
 * drm_dep_mock_engine_fini() once every queue bound to it was released.
 *
 * Return: the mock engine.
 */
struct drm_dep_mock_engine *
drm_dep_mock_engine_new(struct kunit *test,
			const struct drm_dep_mock_engine_args *args)
{
	static const struct drm_dep_mock_engine_args defaults = {};
	struct drm_dep_mock_test *priv = test->priv;
	struct drm_dep_engine_args eargs = {};
	struct drm_dep_mock_engine *me;
	int ret;

	if (!args)
		args = &defaults;

	me = kzalloc(sizeof(*me), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, me);

	drm_dep_mock_hw_init(&me->hw, me);
	init_waitqueue_head(&me->wait);
	strscpy(me->name, args->name ?: "drm_dep_mock_engine",
		sizeof(me->name));

	eargs.name = me->name;
	eargs.submit_wq = args->own_wq ? NULL : priv->wq;
	eargs.timeout_wq = args->timeout_wq;
	eargs.timeout = args->timeout;
	eargs.credit_limit = args->credit_limit ?: 1024;

	ret = drm_dep_engine_init(&me->base, &eargs);
	if (ret)
		kfree(me);
	KUNIT_ASSERT_EQ(test, ret, 0);
	atomic_inc(&drm_dep_mock_stats.engines);

	return me;
}

/**
 * drm_dep_mock_engine_fini() - finalise and free a shared mock engine
 * @test: the test
 * @me: the mock engine; the last reference of every queue bound to it
 *	must have been dropped, or be dropped by someone else meanwhile
 *
 * drm_dep_engine_fini(), which waits for the teardown of the engine's
 * queues, then drm_dep_mock_engine_free().
 */
void drm_dep_mock_engine_fini(struct kunit *test,
			      struct drm_dep_mock_engine *me)
{
	drm_dep_engine_fini(&me->base);
	drm_dep_mock_engine_free(test, me);
}

/**
 * drm_dep_mock_engine_free() - free a shared mock engine after its fini
 * @test: the test
 * @me: the mock engine, finalised with drm_dep_engine_fini()
 *
 * Waits for the mock release callbacks of the engine's queues and expects
 * the ring to be empty, then frees @me. If a release does not come, @me
 * is left allocated and the test's leak check reports it.
 */
void drm_dep_mock_engine_free(struct kunit *test,
			      struct drm_dep_mock_engine *me)
{
	/* The release callbacks of its queues still look at the ring. */
	KUNIT_EXPECT_TRUE_MSG(test,
			      wait_event_timeout(drm_dep_mock_stats.wq,
						 !atomic_read(&me->queues),
						 DRM_DEP_MOCK_WAIT),
			      "engine %s", me->name);
	if (atomic_read(&me->queues))
		return;

	hrtimer_cancel(&me->hw.timer);
	KUNIT_EXPECT_EQ_MSG(test, drm_dep_mock_engine_ring_count(me), 0,
			    "engine %s", me->name);
	kfree(me);
	drm_dep_mock_stat_dec(&drm_dep_mock_stats.engines);
}

/**
 * drm_dep_mock_shared() - create a shared mock engine, briefly
 * @test: the test
 * @name: engine name
 * @credit_limit: engine credits
 * @timeout: jiffies, 0 for none
 *
 * drm_dep_mock_engine_new() on the test's shared workqueue.
 *
 * Return: the mock engine.
 */
struct drm_dep_mock_engine *drm_dep_mock_shared(struct kunit *test,
						const char *name,
						u32 credit_limit, long timeout)
{
	struct drm_dep_mock_engine_args args = {
		.name = name,
		.credit_limit = credit_limit,
		.timeout = timeout,
	};

	return drm_dep_mock_engine_new(test, &args);
}

/**
 * drm_dep_mock_bound_queue() - a mock queue bound to shared mock engines
 * @test: the test
 * @name: queue name
 * @me: the engines
 * @n: entries in @me
 * @flags: %DRM_DEP_QUEUE_* flags
 *
 * Return: the mock queue.
 */
struct drm_dep_mock_queue *
drm_dep_mock_bound_queue(struct kunit *test, const char *name,
			 struct drm_dep_mock_engine **me, unsigned int n,
			 u32 flags)
{
	struct drm_dep_mock_queue_args args = {
		.name = name,
		.engines = me,
		.num_engines = n,
		.flags = flags,
	};

	return drm_dep_mock_queue_new(test, &args);
}

/**
 * drm_dep_mock_queue_on() - a mock queue on one shared mock engine
 * @test: the test
 * @name: queue name
 * @me: the engine
 * @flags: %DRM_DEP_QUEUE_* flags
 *
 * Return: the mock queue.
 */
struct drm_dep_mock_queue *
drm_dep_mock_queue_on(struct kunit *test, const char *name,
		      struct drm_dep_mock_engine *me, u32 flags)
{
	return drm_dep_mock_bound_queue(test, name, &me, 1, flags);
}

/**
 * drm_dep_mock_teardown() - release queues, then finalise their engines
 * @test: the test
 * @mq: the test's queues; the test's reference of each is the last
 * @nq: entries in @mq
 * @me: the engines
 * @ne: entries in @me
 *
 * Drops the test's queue references and waits for their release, then
 * finalises the engines. If a queue is not released the engines are left
 * alone (a queue may still use them) and the leak check reports it.
 */
void drm_dep_mock_teardown(struct kunit *test, struct drm_dep_mock_queue **mq,
			   unsigned int nq, struct drm_dep_mock_engine **me,
			   unsigned int ne)
{
	bool released = true;
	unsigned int i;

	for (i = 0; i < nq; i++) {
		if (!drm_dep_mock_queue_put_and_wait(mq[i]))
			released = false;
	}
	KUNIT_EXPECT_TRUE(test, released);
	if (!released)
		return;

	for (i = 0; i < ne; i++)
		drm_dep_mock_engine_fini(test, me[i]);
}

/**
 * drm_dep_mock_engine_wait_runs() - wait for run_job() calls on an engine
 * @me: the mock engine
 * @runs: the number of run_job() calls for jobs placed on @me to wait for
 *
 * Return: true if it happened within DRM_DEP_MOCK_WAIT.
 */
bool drm_dep_mock_engine_wait_runs(struct drm_dep_mock_engine *me, int runs)
{
	return wait_event_timeout(me->wait, atomic_read(&me->runs) >= runs,
				  DRM_DEP_MOCK_WAIT) > 0;
}

/**
 * drm_dep_mock_job_alloc() - allocate a mock job, not initialised
 *
 * For tests of drm_dep_job_init() failures; release it with
 * drm_dep_mock_job_free_unused() if drm_dep_job_init() failed.
 *
 * Return: the job, or NULL.
 */
struct drm_dep_mock_job *drm_dep_mock_job_alloc(void)
{
	struct drm_dep_mock_job *job;

	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return NULL;

	job->hw = kzalloc(sizeof(*job->hw), GFP_KERNEL);
	if (!job->hw) {
		kfree(job);
		return NULL;
	}

	INIT_LIST_HEAD(&job->ring_link);
	job->duration_us = 100;
	atomic_inc(&drm_dep_mock_stats.jobs);

	return job;
}

/**
 * drm_dep_mock_job_free_unused() - free a job drm_dep_job_init() refused
 * @job: the mock job
 */
void drm_dep_mock_job_free_unused(struct drm_dep_mock_job *job)
{
	kfree(job->hw);
	kfree(job);
	drm_dep_mock_stat_dec(&drm_dep_mock_stats.jobs);
}

/**
 * drm_dep_mock_job_new() - allocate and initialise a mock job
 * @test: the test
 * @mq: the queue
 * @credits: credits of the job
 * @flags: %DRM_DEP_JOB_* flags
 *
 * Asserts that drm_dep_job_init() succeeded. The job runs for 100 us on
 * the engine unless the test changes &drm_dep_mock_job.duration_us before
 * pushing it. The caller owns the job's first reference.
 *
 * Return: the mock job.
 */
struct drm_dep_mock_job *drm_dep_mock_job_new(struct kunit *test,
					      struct drm_dep_mock_queue *mq,
					      u32 credits, u32 flags)
{
	struct drm_dep_mock_job *job;
	int ret;

	job = drm_dep_mock_job_alloc();
	KUNIT_ASSERT_NOT_NULL(test, job);

	job->mq = mq;
	ret = drm_dep_job_init(&job->base, &mq->base, credits, flags);
	if (ret)
		drm_dep_mock_job_free_unused(job);
	KUNIT_ASSERT_EQ(test, ret, 0);

	return job;
}

/**
 * drm_dep_mock_job_submit() - arm and push a job
 * @job: the mock job
 *
 * Return: a reference to the job's finished fence.
 */
struct dma_fence *drm_dep_mock_job_submit(struct drm_dep_mock_job *job)
{
	drm_dep_job_arm(&job->base);
	return drm_dep_mock_job_push(job);
}

/**
 * drm_dep_mock_job_push() - push an armed job
 * @job: the mock job, armed
 *
 * Notes in &drm_dep_mock_job.push_order how many run_job() calls had
 * started when the push returned.
 *
 * Return: a reference to the job's finished fence.
 */
struct dma_fence *drm_dep_mock_job_push(struct drm_dep_mock_job *job)
{
	drm_dep_job_push(&job->base);
	job->push_order = atomic64_read(&drm_dep_mock_stats.clock);
	return dma_fence_get(drm_dep_job_finished_fence(&job->base));
}

/**
 * drm_dep_mock_submit_after() - submit a job that waits for a fence
 * @test: the test
 * @job: the mock job
 * @dep: the dependency; the caller keeps its own reference
 *
 * Expects drm_dep_job_add_dependency() to succeed, then arms and pushes.
 *
 * Return: a reference to the job's finished fence.
 */
struct dma_fence *drm_dep_mock_submit_after(struct kunit *test,
					    struct drm_dep_mock_job *job,
					    struct dma_fence *dep)
{
	KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, dep), 0);
	return drm_dep_mock_job_submit(job);
}

/**
 * drm_dep_mock_submit_wait() - submit a job and wait for it
 * @test: the test
 * @job: the mock job
 *
 * Expects the job's finished fence to signal within DRM_DEP_MOCK_WAIT.
 *
 * Return: a reference to the job's finished fence.
 */
struct dma_fence *drm_dep_mock_submit_wait(struct kunit *test,
					   struct drm_dep_mock_job *job)
{
	struct dma_fence *fence = drm_dep_mock_job_submit(job);

	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fence));
	return fence;
}

/**
 * drm_dep_mock_submit_expect() - submit a job and check how it ended
 * @test: the test
 * @job: the mock job
 * @status: the expected dma_fence_get_status() of its finished fence
 *
 * As drm_dep_mock_expect_fence_put() on the job's finished fence. The
 * caller keeps its job reference.
 */
void drm_dep_mock_submit_expect(struct kunit *test,
				struct drm_dep_mock_job *job, int status)
{
	drm_dep_mock_expect_fence_put(test, drm_dep_mock_job_submit(job),
				      status);
}

/**
 * drm_dep_mock_submit_many() - submit a run of plain jobs
 * @test: the test
 * @mq: the queue
 * @fences: where to store the jobs' finished fences, @n of them
 * @n: how many jobs
 * @duration_us: time of each job on the engine; 0 for manual jobs
 *
 * Each job takes one credit; the job references are dropped at once, the
 * caller owns the fence references.
 */
void drm_dep_mock_submit_many(struct kunit *test,
			      struct drm_dep_mock_queue *mq,
			      struct dma_fence **fences, unsigned int n,
			      unsigned int duration_us)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct drm_dep_mock_job *job;

		job = drm_dep_mock_job_new(test, mq, 1, 0);
		job->duration_us = duration_us;
		fences[i] = drm_dep_mock_job_submit(job);
		drm_dep_mock_job_put(job);
	}
}

/**
 * drm_dep_mock_job_put() - drop a reference to a mock job
 * @job: the mock job
 */
void drm_dep_mock_job_put(struct drm_dep_mock_job *job)
{
	drm_dep_job_put(&job->base);
}

/**
 * struct drm_dep_mock_ext_fence - a fence the test signals by hand
 * @base: the fence
 * @lock: its lock
 */
struct drm_dep_mock_ext_fence {
	struct dma_fence base;
	spinlock_t lock; /* the fence's lock */
};

static const char *drm_dep_mock_ext_timeline_name(struct dma_fence *fence)
{
	return "drm_dep_mock_ext";
}

static void drm_dep_mock_ext_fence_release(struct dma_fence *fence)
{
	dma_fence_free(fence);
	drm_dep_mock_stat_dec(&drm_dep_mock_stats.ext_fences);
}

static const struct dma_fence_ops drm_dep_mock_ext_ops64 = {
	.use_64bit_seqno = true,
	.get_driver_name = drm_dep_mock_fence_driver_name,
	.get_timeline_name = drm_dep_mock_ext_timeline_name,
	.release = drm_dep_mock_ext_fence_release,
};

static const struct dma_fence_ops drm_dep_mock_ext_ops32 = {
	.use_64bit_seqno = false,
	.get_driver_name = drm_dep_mock_fence_driver_name,
	.get_timeline_name = drm_dep_mock_ext_timeline_name,
	.release = drm_dep_mock_ext_fence_release,
};

/**
 * drm_dep_mock_fence_new() - a fence signalled by the test
 * @context: fence context, from dma_fence_context_alloc()
 * @seqno: seqno
 * @seqno64: whether the context compares 64-bit seqnos; otherwise
 *	dma_fence_is_later() compares 32 bits and wraps
 *
 * Return: the fence, with one reference, or NULL.
 */
struct dma_fence *drm_dep_mock_fence_new(u64 context, u64 seqno,
					 bool seqno64)
{
	struct drm_dep_mock_ext_fence *f;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return NULL;

	spin_lock_init(&f->lock);
	dma_fence_init(&f->base, seqno64 ? &drm_dep_mock_ext_ops64 :
		       &drm_dep_mock_ext_ops32, &f->lock, context, seqno);
	atomic_inc(&drm_dep_mock_stats.ext_fences);

	return &f->base;
}

/**
 * drm_dep_mock_fence_signal() - signal a fence, with an error if non-zero
 * @fence: the fence
 * @error: 0 or a negative error
 */
void drm_dep_mock_fence_signal(struct dma_fence *fence, int error)
{
	if (error)
		dma_fence_set_error(fence, error);
	dma_fence_signal(fence);
}

/**
 * drm_dep_mock_fence_wait() - wait for a fence, bounded
 * @fence: the fence
 *
 * Return: true if @fence signalled within DRM_DEP_MOCK_WAIT.
 */
bool drm_dep_mock_fence_wait(struct dma_fence *fence)
{
	return dma_fence_wait_timeout(fence, false, DRM_DEP_MOCK_WAIT) > 0;
}

/**
 * drm_dep_mock_dep_new() - a fresh fence for a job to wait for
 * @test: the test; asserts that the fence was allocated
 *
 * Return: an unsignalled fence, seqno 1 on a context of its own, with one
 * reference; signal it with drm_dep_mock_fence_signal().
 */
struct dma_fence *drm_dep_mock_dep_new(struct kunit *test)
{
	struct dma_fence *fence;

	fence = drm_dep_mock_fence_new(dma_fence_context_alloc(1), 1, true);
	KUNIT_ASSERT_NOT_NULL(test, fence);
	return fence;
}

/**
 * drm_dep_mock_expect_fence_put() - check how a fence ended, then drop it
 * @test: the test
 * @fence: the fence; the caller's reference is dropped
 * @status: the expected dma_fence_get_status(): 1, or a negative error
 *
 * Expects @fence to signal within DRM_DEP_MOCK_WAIT, with @status.
 */
void drm_dep_mock_expect_fence_put(struct kunit *test,
				   struct dma_fence *fence, int status)
{
	KUNIT_EXPECT_TRUE_MSG(test, drm_dep_mock_fence_wait(fence),
			      "fence %llu:%llu", fence->context, fence->seqno);
	KUNIT_EXPECT_EQ_MSG(test, dma_fence_get_status(fence), status,
			    "fence %llu:%llu", fence->context, fence->seqno);
	dma_fence_put(fence);
}

/**
 * drm_dep_mock_expect_fences_put() - drm_dep_mock_expect_fence_put() on
 *	each fence of an array
 * @test: the test
 * @fences: the fences, in the order to wait for them
 * @n: how many
 * @status: the status every one of them is expected to end with
 */
void drm_dep_mock_expect_fences_put(struct kunit *test,
				    struct dma_fence **fences, unsigned int n,
				    int status)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		drm_dep_mock_expect_fence_put(test, fences[i], status);
}

/**
 * drm_dep_mock_flush() - let the shared submit workqueue run dry
 * @test: the test
 *
 * Afterwards every job of a queue on the test's workqueue that could run
 * has run: a job that has not is waiting for something.
 */
void drm_dep_mock_flush(struct kunit *test)
{
	struct drm_dep_mock_test *priv = test->priv;

	flush_workqueue(priv->wq);
}

/**
 * drm_dep_mock_test_init() - &kunit_suite.init of the drm_dep suites
 * @test: the test
 *
 * Return: 0 or -ENOMEM.
 */
int drm_dep_mock_test_init(struct kunit *test)
{
	struct drm_dep_mock_test *priv;

	priv = kunit_kzalloc(test, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;

	priv->wq = alloc_ordered_workqueue("drm_dep_kunit", WQ_MEM_RECLAIM);
	if (!priv->wq)
		return -ENOMEM;

	priv->jobs = atomic_read(&drm_dep_mock_stats.jobs);
	priv->queues = atomic_read(&drm_dep_mock_stats.queues);
	priv->hw_fences = atomic_read(&drm_dep_mock_stats.hw_fences);
	priv->ext_fences = atomic_read(&drm_dep_mock_stats.ext_fences);
	priv->engines = atomic_read(&drm_dep_mock_stats.engines);
	test->priv = priv;

	return 0;
}

static bool drm_dep_mock_all_freed(struct drm_dep_mock_test *priv)
{
	return atomic_read(&drm_dep_mock_stats.jobs) <= priv->jobs &&
	       atomic_read(&drm_dep_mock_stats.queues) <= priv->queues &&
	       atomic_read(&drm_dep_mock_stats.hw_fences) <= priv->hw_fences &&
	       atomic_read(&drm_dep_mock_stats.ext_fences) <= priv->ext_fences &&
	       atomic_read(&drm_dep_mock_stats.engines) <= priv->engines;
}

static void drm_dep_mock_check_freed(struct kunit *test)
{
	struct drm_dep_mock_test *priv = test->priv;

	if (!priv)
		return;

	/* Retirement and teardown are asynchronous: give them time. */
	wait_event_timeout(drm_dep_mock_stats.wq, drm_dep_mock_all_freed(priv),
			   DRM_DEP_MOCK_WAIT);
	/* Fences are freed after an RCU grace period; the count is not. */

	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&drm_dep_mock_stats.jobs),
			    priv->jobs, "mock jobs leaked");
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&drm_dep_mock_stats.queues),
			    priv->queues, "mock queues leaked");
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&drm_dep_mock_stats.hw_fences),
			    priv->hw_fences, "hardware fences leaked");
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&drm_dep_mock_stats.ext_fences),
			    priv->ext_fences, "test fences leaked");
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&drm_dep_mock_stats.engines),
			    priv->engines, "mock engines leaked");

	if (priv->wq && drm_dep_mock_all_freed(priv)) {
		destroy_workqueue(priv->wq);
		priv->wq = NULL;
	}
}

/**
 * drm_dep_mock_test_exit() - &kunit_suite.exit of the drm_dep suites
 * @test: the test
 *
 * Checks that lockdep is still on and that every mock object the test
 * allocated was freed.
 */
void drm_dep_mock_test_exit(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, debug_locks);
	drm_dep_mock_check_freed(test);
}

/**
 * drm_dep_mock_test_exit_nolockdep() - exit of the deliberate lockdep suite
 * @test: the test
 *
 * As drm_dep_mock_test_exit(), without the lockdep check.
 */
void drm_dep_mock_test_exit_nolockdep(struct kunit *test)
{
	drm_dep_mock_check_freed(test);
}

// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Timeouts, resets, and the hand-over between the interrupt handler and
 * the timeout handler.
 */

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/workqueue.h>

#include <kunit/test.h>

#include "drm_dep_mock.h"

#define DRM_DEP_TEST_TIMEOUT	(HZ / 20)

static struct drm_dep_mock_queue *
drm_dep_test_timeout_queue(struct kunit *test, long timeout, u32 credits)
{
	struct drm_dep_mock_queue_args args = {
		.timeout = timeout,
		.credit_limit = credits,
	};

	return drm_dep_mock_queue_new(test, &args);
}

static bool drm_dep_test_wait_timeouts(struct drm_dep_mock_queue *mq, int n)
{
	return wait_event_timeout(mq->wait, atomic_read(&mq->timeouts) >= n,
				  DRM_DEP_MOCK_WAIT) > 0;
}

/*
 * A slow job whose driver extends the timeout: the handler fires again
 * and again, and the job completes normally in the end.
 */
static void drm_dep_test_timeout_extend(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_timeout_queue(test, DRM_DEP_TEST_TIMEOUT, 0);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	mq->extend_limit = -1;
	job->duration_us = 0;
	fence = drm_dep_mock_job_submit(job);

	/* Fired twice: the first EXTEND re-armed the timeout. */
	KUNIT_ASSERT_TRUE(test, drm_dep_test_wait_timeouts(mq, 2));
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fence));

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	drm_dep_mock_expect_fence_put(test, fence, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->resets), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* Extended twice, then reset: the job ends with -ETIMEDOUT. */
static void drm_dep_test_timeout_extend_then_reset(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_timeout_queue(test, DRM_DEP_TEST_TIMEOUT, 0);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);

	mq->extend_limit = 2;
	job->hang = true;
	drm_dep_mock_submit_expect(test, job, -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->resets), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/*
 * A hang with more jobs on the hardware behind it and one waiting for
 * credits. The reset completes the guilty job with -ETIMEDOUT and the
 * innocent ones on the hardware with -ECANCELED; nothing is run again,
 * and the waiting job runs normally afterwards.
 */
static void drm_dep_test_reset(struct kunit *test, bool driver_signals)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_timeout_queue(test, DRM_DEP_TEST_TIMEOUT, 3);
	struct drm_dep_mock_job *job[4];
	struct dma_fence *fence[4];
	static const int expect[4] = { -ETIMEDOUT, -ECANCELED, -ECANCELED, 1 };
	int i;

	mq->reset_signals = driver_signals;
	for (i = 0; i < 4; i++) {
		job[i] = drm_dep_mock_job_new(test, mq, 1, 0);
		job[i]->hang = !i;
		job[i]->duration_us = 100;
		fence[i] = drm_dep_mock_job_submit(job[i]);
	}

	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fence[3]));
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(fence[i]));
		KUNIT_EXPECT_EQ(test, dma_fence_get_status(fence[i]), expect[i]);
		KUNIT_EXPECT_EQ(test, atomic_read(&job[i]->run_count), 1);
		KUNIT_EXPECT_EQ(test, job[i]->run_error, 0);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->resets), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 4);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->double_signals), 0);

	for (i = 0; i < 4; i++) {
		dma_fence_put(fence[i]);
		drm_dep_mock_job_put(job[i]);
	}
	drm_dep_mock_queue_put(mq);
}

static void drm_dep_test_timeout_reset(struct kunit *test)
{
	drm_dep_test_reset(test, false);
}

/*
 * The same, with a driver that signals its hardware fences (with its own
 * error) inside timedout_job() before returning RESET, as a driver that
 * resets its engine synchronously does. drm_dep still documents
 * -ETIMEDOUT for the guilty job and -ECANCELED for the others.
 */
static void drm_dep_test_timeout_reset_driver_signals(struct kunit *test)
{
	drm_dep_test_reset(test, true);
}

/* After a reset the queue keeps working, timeouts included. */
static void drm_dep_test_timeout_twice(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_timeout_queue(test, DRM_DEP_TEST_TIMEOUT, 0);
	int i;

	for (i = 0; i < 4; i++) {
		struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq,
								    1, 0);

		job->hang = !(i % 2);
		drm_dep_mock_submit_expect(test, job, i % 2 ? 1 : -ETIMEDOUT);
		drm_dep_mock_job_put(job);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->resets), 2);
	drm_dep_mock_queue_put(mq);
}

/*
 * Run one manual job into the timeout of @mq, whose handler is hit by the
 * interrupt as &drm_dep_mock_queue.irq_race says; check that the job ends
 * with @status and that the handler returned, then drop the job.
 */
static void drm_dep_test_run_into_timeout(struct kunit *test,
					  struct drm_dep_mock_queue *mq,
					  int status)
{
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);

	job->duration_us = 0;
	drm_dep_mock_submit_expect(test, job, status);
	/* The job completed inside the handler: let the handler finish. */
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq, 1));
	drm_dep_mock_job_put(job);
}

/*
 * The job completes inside the timeout handler, just before the handler
 * claims it: the interrupt owns the completion, the handler backs off with
 * EXTEND, and the job completes normally, once.
 */
static void drm_dep_test_handover_irq_first(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_timeout_queue(test, DRM_DEP_TEST_TIMEOUT, 0);

	mq->irq_race = DRM_DEP_MOCK_IRQ_BEFORE_CLAIM;
	drm_dep_test_run_into_timeout(test, mq, 1);

	KUNIT_EXPECT_EQ(test, mq->irq_race_completed, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeout_lost), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->resets), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->hw_completions), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->double_signals), 0);
	drm_dep_mock_queue_put(mq);
}

/*
 * The job completes cleanly inside the timeout handler, which resets the
 * engine all the same: a job whose hardware fence signalled without an
 * error before the reset keeps its result.
 */
static void drm_dep_test_reset_after_clean_completion(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_timeout_queue(test, DRM_DEP_TEST_TIMEOUT, 0);

	mq->irq_race = DRM_DEP_MOCK_IRQ_BEFORE_CLAIM;
	mq->reset_always = true;
	drm_dep_test_run_into_timeout(test, mq, 1);

	KUNIT_EXPECT_EQ(test, mq->irq_race_completed, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->resets), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->hw_completions), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->double_signals), 0);
	drm_dep_mock_queue_put(mq);
}

/*
 * The job completes inside the timeout handler just after the handler
 * claimed it: the interrupt finds it taken and leaves it, the reset
 * completes it with -ETIMEDOUT, once.
 */
static void drm_dep_test_handover_timeout_first(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_timeout_queue(test, DRM_DEP_TEST_TIMEOUT, 0);

	mq->irq_race = DRM_DEP_MOCK_IRQ_AFTER_CLAIM;
	drm_dep_test_run_into_timeout(test, mq, -ETIMEDOUT);

	KUNIT_EXPECT_EQ(test, mq->irq_race_completed, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeout_lost), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->resets), 1);

	/* The reset job's hardware fence ends when the job is freed. */
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_frees(mq, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->hw_completions), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->double_signals), 0);
	drm_dep_mock_queue_put(mq);
}

/*
 * A driver whose timedout_job() resets the engine but returns a value that
 * is neither EXTEND nor RESET: drm_dep warns once, from the timeout
 * handler, and treats it as a reset, so the hung job completes with
 * -ETIMEDOUT instead of being left on the hardware for ever.
 */
static void drm_dep_test_timeout_bad_status(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_timeout_queue(test, DRM_DEP_TEST_TIMEOUT, 0);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	mq->bad_status = 42;
	job->hang = true;
	/* The warning comes from the timeout handler, before the fence. */
	DRM_DEP_EXPECT_WARN(test, fence = drm_dep_mock_submit_wait(test, job));

	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fence), -ETIMEDOUT);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->resets), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);

	dma_fence_put(fence);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

#define DRM_DEP_TEST_STOP_TIMEOUT	(HZ / 4)

/*
 * A stopped queue does not time out: its hung job sits on the hardware
 * for several timeouts without timedout_job() being called. Start re-arms
 * the timeout, which then fires and resets the job.
 */
static void drm_dep_test_timeout_stopped(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_timeout_queue(test, DRM_DEP_TEST_STOP_TIMEOUT, 0);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	job->hang = true;
	fence = drm_dep_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));
	drm_dep_queue_stop(&mq->base);

	msleep(jiffies_to_msecs(5 * DRM_DEP_TEST_STOP_TIMEOUT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 0);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fence));

	drm_dep_queue_start(&mq->base);
	drm_dep_mock_expect_fence_put(test, fence, -ETIMEDOUT);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->resets), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/*
 * A job that completes while the queue is stopped hands the timeout to the
 * next job only when submission restarts: no timeout fires in between.
 */
static void drm_dep_test_timeout_stopped_completion(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_timeout_queue(test, DRM_DEP_TEST_STOP_TIMEOUT, 0);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fa, *fb;

	a->duration_us = 0;
	b->hang = true;
	fa = drm_dep_mock_job_submit(a);
	fb = drm_dep_mock_job_submit(b);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 2));
	drm_dep_queue_stop(&mq->base);

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	drm_dep_mock_expect_fence_put(test, fa, 1);
	msleep(jiffies_to_msecs(5 * DRM_DEP_TEST_STOP_TIMEOUT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 0);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fb));

	drm_dep_queue_start(&mq->base);
	drm_dep_mock_expect_fence_put(test, fb, -ETIMEDOUT);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 1);

	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

/**
 * struct drm_dep_test_signal_count - counts how often a fence signalled
 * @cb: the callback
 * @calls: callback invocations
 */
struct drm_dep_test_signal_count {
	struct dma_fence_cb cb;
	atomic_t calls;
};

static void drm_dep_test_count_signal(struct dma_fence *fence,
				      struct dma_fence_cb *cb)
{
	struct drm_dep_test_signal_count *c = container_of(cb, typeof(*c), cb);

	atomic_inc(&c->calls);
}

#define DRM_DEP_HANDOVER_ROUNDS	40

/*
 * Jobs that complete right around their timeout: the interrupt handler
 * and the timeout handler race for each job, and the mock hands it over
 * with xchg(). Whoever wins, every job completes exactly once, either
 * normally or with -ETIMEDOUT, and no fence is signalled twice.
 */
static void drm_dep_test_timeout_handover(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_test_timeout_queue(test, 1, 0);
	struct drm_dep_test_signal_count *counts;
	int i, completed = 0, timed_out = 0;
	u32 tick_us = jiffies_to_usecs(1);

	counts = kunit_kcalloc(test, DRM_DEP_HANDOVER_ROUNDS, sizeof(*counts),
			       GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, counts);

	for (i = 0; i < DRM_DEP_HANDOVER_ROUNDS; i++) {
		struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq,
								    1, 0);
		struct dma_fence *fence;
		int status;

		/* From half a tick to one and a half: both sides win some. */
		job->duration_us = tick_us / 2 + tick_us * i /
				   DRM_DEP_HANDOVER_ROUNDS;
		fence = drm_dep_mock_job_submit(job);
		KUNIT_EXPECT_EQ(test, dma_fence_add_callback(fence, &counts[i].cb,
							     drm_dep_test_count_signal), 0);
		KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fence));

		status = dma_fence_get_status(fence);
		if (status == 1)
			completed++;
		else if (status == -ETIMEDOUT)
			timed_out++;
		else
			KUNIT_FAIL(test, "round %d: status %d\n", i, status);
		KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);

		dma_fence_put(fence);
		drm_dep_mock_job_put(job);
	}

	/* Let the last releases and hardware fence signals happen. */
	KUNIT_EXPECT_TRUE(test,
			  drm_dep_mock_wait_frees(mq, DRM_DEP_HANDOVER_ROUNDS));

	kunit_info(test, "%d completed, %d timed out, %d timeouts lost\n",
		   completed, timed_out, atomic_read(&mq->timeout_lost));
	KUNIT_EXPECT_EQ(test, completed + timed_out, DRM_DEP_HANDOVER_ROUNDS);
	KUNIT_EXPECT_EQ(test, timed_out, atomic_read(&mq->resets));
	/* Every hardware fence signalled once, by the IRQ or after reset. */
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->hw_completions),
			DRM_DEP_HANDOVER_ROUNDS);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->double_signals), 0);
	for (i = 0; i < DRM_DEP_HANDOVER_ROUNDS; i++)
		KUNIT_EXPECT_EQ(test, atomic_read(&counts[i].calls), 1);

	drm_dep_mock_queue_put(mq);
}

/**
 * struct drm_dep_test_stopper - a driver's out-of-band reset path
 * @work: runs the stop
 * @mq: the queue of the hung job
 * @engine: the engine to stop with drm_dep_engine_stop(), or NULL to stop
 *	@mq with drm_dep_queue_stop()
 * @started: the stop is about to be called
 * @done: the stop returned
 * @handlers_done: timedout_job() calls that had returned when it did
 */
struct drm_dep_test_stopper {
	struct work_struct work;
	struct drm_dep_mock_queue *mq;
	struct drm_dep_engine *engine;
	struct completion started;
	struct completion done;
	int handlers_done;
};

static void drm_dep_test_stopper_fn(struct work_struct *work)
{
	struct drm_dep_test_stopper *s = container_of(work, typeof(*s), work);

	complete(&s->started);
	if (s->engine)
		drm_dep_engine_stop(s->engine);
	else
		drm_dep_queue_stop(&s->mq->base);
	s->handlers_done = atomic_read(&s->mq->timeouts_done);
	/* For every wait on it: the test waits twice. */
	complete_all(&s->done);
}

/*
 * A driver's own reset path (a fault interrupt's worker, say) stops
 * submission while the timeout handler runs: the stop returns only once
 * the handler has, so that the two never reset the hardware at once.
 */
static void drm_dep_test_stop_waits_for_handler(struct kunit *test,
						bool shared)
{
	struct drm_dep_mock_engine_args eargs = {
		.timeout = DRM_DEP_TEST_TIMEOUT,
	};
	struct drm_dep_mock_queue_args qargs = {};
	DECLARE_COMPLETION_ONSTACK(gate);
	struct drm_dep_test_stopper s = {};
	struct drm_dep_mock_engine *me = NULL;
	struct drm_dep_mock_queue *mq;
	struct drm_dep_mock_job *job;
	struct dma_fence *fence;

	if (shared) {
		me = drm_dep_mock_engine_new(test, &eargs);
		qargs.engines = &me;
		qargs.num_engines = 1;
	} else {
		qargs.timeout = DRM_DEP_TEST_TIMEOUT;
	}
	mq = drm_dep_mock_queue_new(test, &qargs);
	mq->tdr_gate = &gate;
	job = drm_dep_mock_job_new(test, mq, 1, 0);
	job->hang = true;
	fence = drm_dep_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, drm_dep_test_wait_timeouts(mq, 1));

	/* The handler is in timedout_job(), held at the gate. */
	s.mq = mq;
	s.engine = shared ? &me->base : NULL;
	init_completion(&s.started);
	init_completion(&s.done);
	INIT_WORK_ONSTACK(&s.work, drm_dep_test_stopper_fn);
	queue_work(system_unbound_wq, &s.work);
	wait_for_completion(&s.started);
	/* A stop that does not wait returns meanwhile. */
	wait_for_completion_timeout(&s.done, DRM_DEP_TEST_TIMEOUT);
	complete(&gate);
	mq->tdr_gate = NULL;
	wait_for_completion(&s.done);
	flush_work(&s.work);
	destroy_work_on_stack(&s.work);
	KUNIT_EXPECT_EQ(test, s.handlers_done, 1);

	drm_dep_mock_expect_fence_put(test, fence, -ETIMEDOUT);
	if (shared)
		drm_dep_engine_start(&me->base);
	else
		drm_dep_queue_start(&mq->base);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 1);

	drm_dep_mock_job_put(job);
	if (shared) {
		KUNIT_EXPECT_TRUE(test, drm_dep_mock_queue_put_and_wait(mq));
		drm_dep_mock_engine_fini(test, me);
	} else {
		drm_dep_mock_queue_put(mq);
	}
}

static void drm_dep_test_queue_stop_waits_for_handler(struct kunit *test)
{
	drm_dep_test_stop_waits_for_handler(test, false);
}

static void drm_dep_test_engine_stop_waits_for_handler(struct kunit *test)
{
	drm_dep_test_stop_waits_for_handler(test, true);
}

/*
 * A timeout handler that stops and starts its own queue around the reset,
 * as drm_sched drivers do with their scheduler: the stop does not wait for
 * the handler it is called from.
 */
static void drm_dep_test_handler_stops_own_queue(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_timeout_queue(test, DRM_DEP_TEST_TIMEOUT, 0);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *next = drm_dep_mock_job_new(test, mq, 1, 0);

	mq->tdr_stops_queue = true;
	job->hang = true;
	drm_dep_mock_submit_expect(test, job, -ETIMEDOUT);
	drm_dep_mock_submit_expect(test, next, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->resets), 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_job_put(next);
	drm_dep_mock_queue_put(mq);
}

/*
 * The timeout handler of one engine stops another engine (a driver that
 * resets the whole device), whose own handler is running: the stop does
 * not wait for that handler, which could wait for this one in turn, and
 * lockdep sees no recursion between the two handlers.
 */
static void drm_dep_test_handler_stops_other_engine(struct kunit *test)
{
	struct drm_dep_mock_engine_args args = { .own_wq = true };
	DECLARE_COMPLETION_ONSTACK(gate);
	struct drm_dep_mock_engine *me[2];
	struct drm_dep_mock_queue *mq[2];
	struct drm_dep_mock_job *job[2];
	struct dma_fence *fence[2];
	int i;

	for (i = 0; i < 2; i++) {
		/* Engine 1 times out first, then engine 0. */
		args.name = i ? "other" : "device";
		args.timeout = i ? DRM_DEP_TEST_TIMEOUT : 2 * DRM_DEP_TEST_TIMEOUT;
		me[i] = drm_dep_mock_engine_new(test, &args);
		mq[i] = drm_dep_mock_queue_on(test, args.name, me[i], 0);
	}
	mq[0]->tdr_stops_engine = &me[1]->base;
	mq[1]->tdr_gate = &gate;

	for (i = 0; i < 2; i++) {
		job[i] = drm_dep_mock_job_new(test, mq[i], 1, 0);
		job[i]->hang = true;
		fence[i] = drm_dep_mock_job_submit(job[i]);
	}
	KUNIT_ASSERT_TRUE(test, drm_dep_test_wait_timeouts(mq[1], 1));
	/* Engine 1's handler waits at its gate while engine 0's runs. */
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq[0], 1));
	complete(&gate);
	mq[1]->tdr_gate = NULL;

	for (i = 0; i < 2; i++) {
		drm_dep_mock_expect_fence_put(test, fence[i], -ETIMEDOUT);
		drm_dep_mock_job_put(job[i]);
	}
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq[1], 1));
	drm_dep_mock_teardown(test, mq, 2, me, 2);
}

/**
 * struct drm_dep_test_reset_rig - a hung job on an engine whose timeout
 *	workqueue a driver's reset work holds
 * @wq: the driver's ordered reset workqueue, the engine's timeout_wq
 * @me: the engine
 * @mq: its queue
 * @job: the hung job
 * @fence: its finished fence
 * @work: the reset work, on the test's stack; waits for @go
 * @started: completed when @work runs
 * @go: released by drm_dep_test_reset_rig_release()
 */
struct drm_dep_test_reset_rig {
	struct workqueue_struct *wq;
	struct drm_dep_mock_engine *me;
	struct drm_dep_mock_queue *mq;
	struct drm_dep_mock_job *job;
	struct dma_fence *fence;
	struct work_struct work;
	struct completion started;
	struct completion go;
};

static void drm_dep_test_reset_work_fn(struct work_struct *work)
{
	struct drm_dep_test_reset_rig *r = container_of(work, typeof(*r),
							work);

	complete(&r->started);
	wait_for_completion(&r->go);
}

/*
 * Set up @r, hold its workqueue with the reset work, submit the hung job
 * and let its timeout expire. No assertion from the queue_work() until
 * drm_dep_test_reset_rig_release(): the work is on the test's stack.
 */
static void drm_dep_test_reset_rig_start(struct kunit *test,
					 struct drm_dep_test_reset_rig *r,
					 const char *name)
{
	struct drm_dep_mock_engine_args eargs = {
		.name = name,
		.timeout = DRM_DEP_TEST_TIMEOUT,
		.credit_limit = 1,
	};

	r->wq = alloc_ordered_workqueue("drm_dep_reset", WQ_MEM_RECLAIM);
	KUNIT_ASSERT_NOT_NULL(test, r->wq);
	eargs.timeout_wq = r->wq;
	r->me = drm_dep_mock_engine_new(test, &eargs);
	r->mq = drm_dep_mock_queue_on(test, name, r->me, 0);
	r->job = drm_dep_mock_job_new(test, r->mq, 1, 0);
	r->job->hang = true;

	init_completion(&r->started);
	init_completion(&r->go);
	INIT_WORK_ONSTACK(&r->work, drm_dep_test_reset_work_fn);
	queue_work(r->wq, &r->work);
	wait_for_completion(&r->started);

	r->fence = drm_dep_mock_job_submit(r->job);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_runs(r->mq, 1));
	msleep(jiffies_to_msecs(4 * DRM_DEP_TEST_TIMEOUT));
}

/* The reset work is done: the timeout workqueue runs what is behind it. */
static void drm_dep_test_reset_rig_release(struct drm_dep_test_reset_rig *r)
{
	complete(&r->go);
	flush_work(&r->work);
	destroy_work_on_stack(&r->work);
}

static void drm_dep_test_reset_rig_end(struct kunit *test,
				       struct drm_dep_test_reset_rig *r)
{
	drm_dep_mock_job_put(r->job);
	drm_dep_mock_teardown(test, &r->mq, 1, &r->me, 1);
	destroy_workqueue(r->wq);
}

/*
 * An engine given a timeout workqueue runs its timeout handler there: while
 * the driver's reset work holds that ordered workqueue, an expired timeout
 * waits for it, and the handler runs once the reset work is done.
 */
static void drm_dep_test_timeout_wq(struct kunit *test)
{
	struct drm_dep_test_reset_rig r;

	drm_dep_test_reset_rig_start(test, &r, "tdr_wq");
	KUNIT_EXPECT_EQ(test, atomic_read(&r.mq->timeouts), 0);

	drm_dep_test_reset_rig_release(&r);
	drm_dep_mock_expect_fence_put(test, r.fence, -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, atomic_read(&r.mq->timeouts), 1);
	drm_dep_test_reset_rig_end(test, &r);
}

#define DRM_DEP_TEST_SUSPEND_TIMEOUT	(HZ / 2)

/*
 * A resume with one jiffy left holds while the hardware has not moved on:
 * no timeout within 100 ms. The hung job then ends through a fault.
 */
static void drm_dep_test_resume_then_fault(struct kunit *test,
					   struct drm_dep_mock_engine *me,
					   struct drm_dep_mock_queue *mq)
{
	drm_dep_engine_resume_timeout(&me->base, 1);
	msleep(100);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 0);
	drm_dep_engine_fault(&me->base);
}

/*
 * A hung job whose engine's timeout the driver suspends, as a firmware
 * scheduler does while the job's group is off its slot: no timeout fires
 * until the resume, and the time it returns is left between 0 and the
 * timeout. With @fault, a fault reported meanwhile waits for the resume
 * too.
 */
static void drm_dep_test_suspend_timeout(struct kunit *test, bool fault)
{
	struct drm_dep_mock_engine *me =
		drm_dep_mock_shared(test, "suspend", 1,
				    DRM_DEP_TEST_SUSPEND_TIMEOUT);
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_on(test, "hung",
							      me, 0);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;
	unsigned long left;

	job->hang = true;
	fence = drm_dep_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));
	left = drm_dep_engine_suspend_timeout(&me->base);
	KUNIT_EXPECT_GT(test, left, 0);
	KUNIT_EXPECT_LE(test, left, DRM_DEP_TEST_SUSPEND_TIMEOUT);
	if (fault)
		drm_dep_engine_fault(&me->base);

	msleep(jiffies_to_msecs(3 * DRM_DEP_TEST_SUSPEND_TIMEOUT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 0);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fence));

	drm_dep_engine_resume_timeout(&me->base, left);
	drm_dep_mock_expect_fence_put(test, fence, -ETIMEDOUT);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_teardown(test, &mq, 1, &me, 1);
}

static void drm_dep_test_suspend_timeout_hung(struct kunit *test)
{
	drm_dep_test_suspend_timeout(test, false);
}

static void drm_dep_test_suspend_timeout_fault(struct kunit *test)
{
	drm_dep_test_suspend_timeout(test, true);
}

/*
 * The oldest job completes while the timeout is suspended: the job that
 * is the oldest at the resume did not have the time the suspend measured
 * for the other one, and gets the full timeout (here longer than the
 * test waits) whatever the resume says.
 */
static void drm_dep_test_suspend_timeout_next_job(struct kunit *test)
{
	struct drm_dep_mock_engine *me =
		drm_dep_mock_shared(test, "suspend", 2, 1000 * HZ);
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_on(test, "two",
							      me, 0);
	struct drm_dep_mock_job *job[2];
	struct dma_fence *fence[2];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(job); i++) {
		job[i] = drm_dep_mock_job_new(test, mq, 1, 0);
		job[i]->duration_us = 0;
		job[i]->hang = i == 1;
		fence[i] = drm_dep_mock_job_submit(job[i]);
	}
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 2));

	KUNIT_EXPECT_GT(test, drm_dep_engine_suspend_timeout(&me->base), 0);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	drm_dep_mock_expect_fence_put(test, fence[0], 1);
	drm_dep_test_resume_then_fault(test, me, mq);
	drm_dep_mock_expect_fence_put(test, fence[1], -ETIMEDOUT);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq, 1));
	for (i = 0; i < ARRAY_SIZE(job); i++)
		drm_dep_mock_job_put(job[i]);
	drm_dep_mock_teardown(test, &mq, 1, &me, 1);
}

/*
 * The hardware empties while the timeout is suspended, which ends the
 * suspension: a hung job that comes next times out on its own, and a
 * resume that comes after it does not hand it the time the suspend
 * measured for the job before. @timeout is the engine's; with @resume
 * it is longer than the test waits, and the hung job ends by a fault.
 */
static void drm_dep_test_suspend_then_drain(struct kunit *test,
					    long timeout, bool resume)
{
	struct drm_dep_mock_engine *me =
		drm_dep_mock_shared(test, "suspend", 1, timeout);
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_on(test, "drained",
							      me, 0);
	struct drm_dep_mock_job *job[2];
	struct dma_fence *fence[2];

	job[0] = drm_dep_mock_job_new(test, mq, 1, 0);
	job[0]->duration_us = 0;
	fence[0] = drm_dep_mock_job_submit(job[0]);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));
	KUNIT_EXPECT_GT(test, drm_dep_engine_suspend_timeout(&me->base), 0);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	drm_dep_mock_expect_fence_put(test, fence[0], 1);

	job[1] = drm_dep_mock_job_new(test, mq, 1, 0);
	job[1]->hang = true;
	fence[1] = drm_dep_mock_job_submit(job[1]);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 2));
	if (resume)
		drm_dep_test_resume_then_fault(test, me, mq);
	drm_dep_mock_expect_fence_put(test, fence[1], -ETIMEDOUT);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq, 1));

	drm_dep_mock_job_put(job[0]);
	drm_dep_mock_job_put(job[1]);
	drm_dep_mock_teardown(test, &mq, 1, &me, 1);
}

static void drm_dep_test_suspend_timeout_drained(struct kunit *test)
{
	drm_dep_test_suspend_then_drain(test, DRM_DEP_TEST_TIMEOUT, false);
}

static void drm_dep_test_suspend_timeout_refill(struct kunit *test)
{
	drm_dep_test_suspend_then_drain(test, 1000 * HZ, true);
}

/*
 * An overdue job: its timeout expired, but the handler waits behind the
 * driver's reset work on the timeout workqueue. The suspend takes the
 * queued handler back and says no time is left; nothing fires while it
 * holds, even once the workqueue is free, and the resume with that 0
 * runs the handler at once.
 */
static void drm_dep_test_suspend_timeout_overdue(struct kunit *test)
{
	struct drm_dep_test_reset_rig r;

	drm_dep_test_reset_rig_start(test, &r, "overdue");
	KUNIT_EXPECT_EQ(test, drm_dep_engine_suspend_timeout(&r.me->base), 0);

	drm_dep_test_reset_rig_release(&r);
	flush_workqueue(r.wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&r.mq->timeouts), 0);

	drm_dep_engine_resume_timeout(&r.me->base, 0);
	drm_dep_mock_expect_fence_put(test, r.fence, -ETIMEDOUT);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_timeouts_done(r.mq, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&r.mq->timeouts), 1);
	drm_dep_test_reset_rig_end(test, &r);
}

/*
 * An idle engine has nothing to suspend: the suspend returns the timeout
 * and holds nothing, so a job that comes later times out without a
 * resume, as a drm_sched job did. An engine without a timeout returns
 * its MAX_SCHEDULE_TIMEOUT.
 */
static void drm_dep_test_suspend_timeout_idle(struct kunit *test)
{
	struct drm_dep_mock_engine *me[2] = {
		drm_dep_mock_shared(test, "idle", 1, DRM_DEP_TEST_TIMEOUT),
		drm_dep_mock_shared(test, "none", 1, 0),
	};
	struct drm_dep_mock_queue *mq[2] = {
		drm_dep_mock_queue_on(test, "idle", me[0], 0),
		drm_dep_mock_queue_on(test, "none", me[1], 0),
	};
	struct drm_dep_mock_job *job[2];
	struct dma_fence *fence[2];

	KUNIT_EXPECT_EQ(test, drm_dep_engine_suspend_timeout(&me[0]->base),
			DRM_DEP_TEST_TIMEOUT);
	job[0] = drm_dep_mock_job_new(test, mq[0], 1, 0);
	job[0]->hang = true;
	fence[0] = drm_dep_mock_job_submit(job[0]);
	drm_dep_mock_expect_fence_put(test, fence[0], -ETIMEDOUT);

	job[1] = drm_dep_mock_job_new(test, mq[1], 1, 0);
	job[1]->duration_us = 0;
	fence[1] = drm_dep_mock_job_submit(job[1]);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq[1], 1));
	KUNIT_EXPECT_EQ(test, drm_dep_engine_suspend_timeout(&me[1]->base),
			MAX_SCHEDULE_TIMEOUT);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq[1], 1), 1);
	drm_dep_mock_expect_fence_put(test, fence[1], 1);

	drm_dep_mock_job_put(job[0]);
	drm_dep_mock_job_put(job[1]);
	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), me, ARRAY_SIZE(me));
}

static struct kunit_case drm_dep_timeout_cases[] = {
	KUNIT_CASE(drm_dep_test_timeout_extend),
	KUNIT_CASE(drm_dep_test_timeout_extend_then_reset),
	KUNIT_CASE(drm_dep_test_timeout_reset),
	KUNIT_CASE(drm_dep_test_timeout_reset_driver_signals),
	KUNIT_CASE(drm_dep_test_timeout_twice),
	KUNIT_CASE(drm_dep_test_timeout_wq),
	KUNIT_CASE(drm_dep_test_suspend_timeout_hung),
	KUNIT_CASE(drm_dep_test_suspend_timeout_fault),
	KUNIT_CASE(drm_dep_test_suspend_timeout_next_job),
	KUNIT_CASE(drm_dep_test_suspend_timeout_drained),
	KUNIT_CASE(drm_dep_test_suspend_timeout_refill),
	KUNIT_CASE(drm_dep_test_suspend_timeout_overdue),
	KUNIT_CASE(drm_dep_test_suspend_timeout_idle),
	KUNIT_CASE(drm_dep_test_handover_irq_first),
	KUNIT_CASE(drm_dep_test_handover_timeout_first),
	KUNIT_CASE(drm_dep_test_reset_after_clean_completion),
	KUNIT_CASE(drm_dep_test_timeout_handover),
	KUNIT_CASE(drm_dep_test_timeout_bad_status),
	KUNIT_CASE(drm_dep_test_timeout_stopped),
	KUNIT_CASE(drm_dep_test_timeout_stopped_completion),
	KUNIT_CASE(drm_dep_test_queue_stop_waits_for_handler),
	KUNIT_CASE(drm_dep_test_engine_stop_waits_for_handler),
	KUNIT_CASE(drm_dep_test_handler_stops_own_queue),
	KUNIT_CASE(drm_dep_test_handler_stops_other_engine),
	{}
};

static struct kunit_suite drm_dep_timeout_suite = {
	.name = "drm_dep_timeout",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_timeout_cases,
};

kunit_test_suite(drm_dep_timeout_suite);

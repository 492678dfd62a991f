// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Scheduled fences: when they signal, how a driver finds them, and that
 * they follow the rules of the finished fences between arm and push.
 */

#include <kunit/test.h>

#include "drm_dep_mock.h"

/**
 * struct drm_dep_test_order - checks the order in which two fences signal
 * @cb: callback on the finished fence
 * @scheduled: the scheduled fence of the same job
 * @scheduled_first: @scheduled had signalled when @cb ran
 * @calls: how often @cb ran
 */
struct drm_dep_test_order {
	struct dma_fence_cb cb;
	struct dma_fence *scheduled;
	bool scheduled_first;
	int calls;
};

static void drm_dep_test_order_cb(struct dma_fence *fence,
				  struct dma_fence_cb *cb)
{
	struct drm_dep_test_order *o = container_of(cb, typeof(*o), cb);

	o->scheduled_first = test_bit(DMA_FENCE_FLAG_SIGNALED_BIT,
				      &o->scheduled->flags);
	o->calls++;
}

static void drm_dep_test_order_watch(struct kunit *test,
				     struct drm_dep_test_order *o,
				     struct dma_fence *finished,
				     struct dma_fence *scheduled)
{
	o->scheduled = scheduled;
	KUNIT_EXPECT_EQ(test, dma_fence_add_callback(finished, &o->cb,
						     drm_dep_test_order_cb), 0);
}

/* A mock queue whose jobs have scheduled fences. */
static struct drm_dep_mock_queue *drm_dep_test_queue(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.flags = DRM_DEP_QUEUE_SCHEDULED_FENCE,
	};

	return drm_dep_mock_queue_new(test, &args);
}

static bool drm_dep_test_signalled(struct dma_fence *fence)
{
	return test_bit(DMA_FENCE_FLAG_SIGNALED_BIT, &fence->flags);
}

/*
 * A job waiting for a dependency has not started; once run_job() returned
 * the scheduled fence signals, without an error, while the finished fence
 * waits for the hardware.
 */
static void drm_dep_test_scheduled_on_run(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_test_queue(test);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct drm_dep_test_order o = {};
	struct dma_fence *finished, *scheduled;

	job->duration_us = 0;
	finished = drm_dep_mock_submit_after(test, job, dep);
	scheduled = dma_fence_get(drm_dep_job_scheduled_fence(&job->base));
	KUNIT_ASSERT_NOT_NULL(test, scheduled);
	drm_dep_test_order_watch(test, &o, finished, scheduled);

	drm_dep_mock_flush(test);
	KUNIT_EXPECT_FALSE(test, drm_dep_test_signalled(scheduled));

	drm_dep_mock_fence_signal(dep, 0);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(scheduled));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 1);
	KUNIT_EXPECT_EQ(test, scheduled->error, 0);
	KUNIT_EXPECT_FALSE(test, drm_dep_test_signalled(finished));

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	drm_dep_mock_expect_fence_put(test, finished, 1);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_TRUE(test, o.scheduled_first);

	dma_fence_put(scheduled);
	dma_fence_put(dep);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/*
 * Whatever run_job() returns (no hardware work, an error, or a job the
 * interrupt handler completes), the scheduled fence signals without an
 * error, and before the finished fence. Each job waits for a dependency
 * until the test watches its fences, so that none completes unwatched.
 */
static void drm_dep_test_scheduled_run_modes(struct kunit *test)
{
	static const enum drm_dep_mock_ret modes[] = {
		DRM_DEP_MOCK_RET_HW, DRM_DEP_MOCK_RET_NULL,
		DRM_DEP_MOCK_RET_ERR, DRM_DEP_MOCK_RET_IRQ,
	};
	struct drm_dep_mock_queue *mq = drm_dep_test_queue(test);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq,
								    1, 0);
		struct dma_fence *dep = drm_dep_mock_dep_new(test);
		struct drm_dep_test_order o = {};
		struct dma_fence *finished, *scheduled;

		job->ret = modes[i];
		job->ret_err = -ENOSPC;
		finished = drm_dep_mock_submit_after(test, job, dep);
		scheduled = drm_dep_job_scheduled_fence(&job->base);
		drm_dep_test_order_watch(test, &o, finished, scheduled);
		drm_dep_mock_fence_signal(dep, 0);
		dma_fence_put(dep);

		KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(finished));
		KUNIT_EXPECT_EQ(test, o.calls, 1);
		KUNIT_EXPECT_TRUE(test, o.scheduled_first);
		KUNIT_EXPECT_EQ(test, scheduled->error, 0);
		KUNIT_EXPECT_EQ(test, finished->error,
				modes[i] == DRM_DEP_MOCK_RET_ERR ? -ENOSPC : 0);

		dma_fence_put(finished);
		drm_dep_mock_job_put(job);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), ARRAY_SIZE(modes));
	drm_dep_mock_queue_put(mq);
}

/*
 * A job cancelled before it ran (its queue was killed while it waited for
 * a dependency) starts only in the sense that run_job() sees the error and
 * skips the hardware; its scheduled fence then signals, first and without
 * the finished fence's error.
 */
static void drm_dep_test_scheduled_cancelled(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_test_queue(test);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct drm_dep_test_order o = {};
	struct dma_fence *finished, *scheduled;

	finished = drm_dep_mock_submit_after(test, job, dep);
	scheduled = dma_fence_get(drm_dep_job_scheduled_fence(&job->base));
	drm_dep_test_order_watch(test, &o, finished, scheduled);

	drm_dep_queue_kill(&mq->base);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_FALSE(test, drm_dep_test_signalled(scheduled));

	drm_dep_mock_fence_signal(dep, 0);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(finished));
	KUNIT_EXPECT_EQ(test, finished->error, -ECANCELED);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->cancelled_runs), 1);
	KUNIT_EXPECT_TRUE(test, drm_dep_test_signalled(scheduled));
	KUNIT_EXPECT_EQ(test, scheduled->error, 0);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_TRUE(test, o.scheduled_first);

	dma_fence_put(dep);
	dma_fence_put(scheduled);
	dma_fence_put(finished);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/*
 * Before push the scheduled fence is inactive, as the finished fence:
 * asking for it warns, and so does polling it; an unarmed job has none.
 */
static void drm_dep_test_scheduled_before_push(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_test_queue(test);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *early = ERR_PTR(-EINVAL), *finished;
	bool signaled = true;

	DRM_DEP_EXPECT_WARN(test,
			    early = drm_dep_job_scheduled_fence(&job->base));
	KUNIT_EXPECT_NULL(test, early);

	drm_dep_job_arm(&job->base);
	DRM_DEP_EXPECT_WARN(test,
			    early = drm_dep_job_scheduled_fence(&job->base));
	KUNIT_ASSERT_NOT_NULL(test, early);
	DRM_DEP_EXPECT_WARN(test, signaled = dma_fence_is_signaled(early));
	KUNIT_EXPECT_FALSE(test, signaled);

	finished = drm_dep_mock_job_push(job);
	KUNIT_EXPECT_PTR_EQ(test, drm_dep_job_scheduled_fence(&job->base),
			    early);
	drm_dep_mock_expect_fence_put(test, finished, 1);
	KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(early));

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/*
 * Somebody who took the inactive scheduled fence (with a warning) of a job
 * that is then abandoned sees it signal, rather than wait for ever.
 */
static void drm_dep_test_scheduled_abandoned(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_test_queue(test);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *scheduled = NULL;
	int warnings;

	drm_dep_job_arm(&job->base);
	DRM_DEP_EXPECT_WARN(test,
			    scheduled = drm_dep_job_scheduled_fence(&job->base));
	KUNIT_ASSERT_NOT_NULL(test, scheduled);
	dma_fence_get(scheduled);

	warnings = drm_dep_warn_count();
	drm_dep_mock_job_put(job);
	KUNIT_EXPECT_TRUE(test, drm_dep_test_signalled(scheduled));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 1);

	dma_fence_put(scheduled);
	KUNIT_EXPECT_EQ(test, drm_dep_warn_count(), warnings);
	drm_dep_mock_queue_put(mq);
}

/*
 * drm_dep_fence_scheduled() finds the scheduled fence from the finished
 * fence or from itself, and nothing from another fence. The scheduled
 * fences have a fence context of their own, with the job's seqno.
 */
static void drm_dep_test_scheduled_lookup(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_test_queue(test);
	struct drm_dep_mock_queue *other = drm_dep_test_queue(test);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *job2 = drm_dep_mock_job_new(test, other, 1, 0);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct dma_fence *finished, *finished2, *scheduled;

	finished = drm_dep_mock_job_submit(job);
	finished2 = drm_dep_mock_job_submit(job2);
	scheduled = drm_dep_job_scheduled_fence(&job->base);

	KUNIT_EXPECT_PTR_EQ(test, drm_dep_fence_scheduled(finished), scheduled);
	KUNIT_EXPECT_PTR_EQ(test, drm_dep_fence_scheduled(scheduled),
			    scheduled);
	KUNIT_EXPECT_NULL(test, drm_dep_fence_scheduled(dep));
	KUNIT_EXPECT_NULL(test, drm_dep_fence_scheduled(NULL));

	KUNIT_EXPECT_NE(test, scheduled->context, finished->context);
	KUNIT_EXPECT_NE(test, scheduled->context, finished2->context);
	KUNIT_EXPECT_NE(test, scheduled->context,
			drm_dep_fence_scheduled(finished2)->context);
	KUNIT_EXPECT_EQ(test, scheduled->seqno, finished->seqno);
	KUNIT_EXPECT_STREQ(test, scheduled->ops->get_timeline_name(scheduled),
			   finished->ops->get_timeline_name(finished));

	drm_dep_mock_expect_fence_put(test, finished, 1);
	drm_dep_mock_expect_fence_put(test, finished2, 1);
	drm_dep_mock_fence_signal(dep, 0);
	dma_fence_put(dep);
	drm_dep_mock_job_put(job);
	drm_dep_mock_job_put(job2);
	drm_dep_mock_queue_put(other);
	drm_dep_mock_queue_put(mq);
}

/*
 * A job that depends on another job's start, as the members of a gang
 * do: it runs once the other job is on the hardware, not once it is done,
 * and not before it started.
 */
static void drm_dep_test_scheduled_dependency(struct kunit *test)
{
	struct drm_dep_mock_queue *a = drm_dep_test_queue(test);
	struct drm_dep_mock_queue *b = drm_dep_test_queue(test);
	struct drm_dep_mock_job *lead = drm_dep_mock_job_new(test, a, 1, 0);
	struct drm_dep_mock_job *member = drm_dep_mock_job_new(test, b, 1, 0);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct dma_fence *lead_fence, *member_fence, *started;

	lead->duration_us = 0;
	member->duration_us = 0;
	lead_fence = drm_dep_mock_submit_after(test, lead, dep);
	started = drm_dep_fence_scheduled(lead_fence);
	member_fence = drm_dep_mock_submit_after(test, member, started);

	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->runs), 0);

	drm_dep_mock_fence_signal(dep, 0);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_runs(b, 1));
	KUNIT_EXPECT_GT(test, member->run_order, lead->run_order);
	KUNIT_EXPECT_FALSE(test, drm_dep_test_signalled(lead_fence));

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(b, 1), 1);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(a, 1), 1);
	drm_dep_mock_expect_fence_put(test, member_fence, 1);
	drm_dep_mock_expect_fence_put(test, lead_fence, 1);

	dma_fence_put(dep);
	drm_dep_mock_job_put(lead);
	drm_dep_mock_job_put(member);
	drm_dep_mock_queue_put(b);
	drm_dep_mock_queue_put(a);
}

/*
 * A scheduled fence kept alone outlives its job, its finished fence and
 * its queue (KASAN checks the reads in the QEMU lane).
 */
static void drm_dep_test_scheduled_outlives_queue(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.name = "drm_dep_short_lived",
		.own_wq = true,
		.flags = DRM_DEP_QUEUE_SCHEDULED_FENCE,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *finished, *scheduled;

	finished = drm_dep_mock_job_submit(job);
	scheduled = dma_fence_get(drm_dep_job_scheduled_fence(&job->base));
	drm_dep_mock_job_put(job);
	drm_dep_mock_expect_fence_put(test, finished, 1);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_queue_put_and_wait(mq));

	KUNIT_EXPECT_EQ(test, kref_read(&scheduled->refcount), 1);
	KUNIT_EXPECT_STREQ(test, scheduled->ops->get_timeline_name(scheduled),
			   "drm_dep_short_lived");
	KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(scheduled));
	dma_fence_put(scheduled);
}

/*
 * A queue without %DRM_DEP_QUEUE_SCHEDULED_FENCE has no scheduled fences:
 * asking a job for one warns, and so does asking its finished fence.
 */
static void drm_dep_test_scheduled_not_asked(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *finished, *scheduled = ERR_PTR(-EINVAL);

	finished = drm_dep_mock_job_submit(job);
	DRM_DEP_EXPECT_WARN(test, scheduled =
			    drm_dep_job_scheduled_fence(&job->base));
	KUNIT_EXPECT_NULL(test, scheduled);
	scheduled = ERR_PTR(-EINVAL);
	DRM_DEP_EXPECT_WARN(test, scheduled = drm_dep_fence_scheduled(finished));
	KUNIT_EXPECT_NULL(test, scheduled);
	drm_dep_mock_expect_fence_put(test, finished, 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

static struct kunit_case drm_dep_scheduled_cases[] = {
	KUNIT_CASE(drm_dep_test_scheduled_on_run),
	KUNIT_CASE(drm_dep_test_scheduled_run_modes),
	KUNIT_CASE(drm_dep_test_scheduled_cancelled),
	KUNIT_CASE(drm_dep_test_scheduled_before_push),
	KUNIT_CASE(drm_dep_test_scheduled_abandoned),
	KUNIT_CASE(drm_dep_test_scheduled_lookup),
	KUNIT_CASE(drm_dep_test_scheduled_dependency),
	KUNIT_CASE(drm_dep_test_scheduled_outlives_queue),
	KUNIT_CASE(drm_dep_test_scheduled_not_asked),
	{}
};

static struct kunit_suite drm_dep_scheduled_suite = {
	.name = "drm_dep_scheduled_fence",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_scheduled_cases,
};

kunit_test_suite(drm_dep_scheduled_suite);

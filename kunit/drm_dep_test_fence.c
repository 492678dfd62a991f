// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Finished fences between arm and push, abandon, and fences that outlive
 * their queue.
 */

#include <kunit/test.h>

#include "drm_dep_mock.h"

/*
 * An armed job dropped before push: run_job() is never called, free_job()
 * is, nothing warns, and the queue goes on working.
 */
static void drm_dep_test_abandon(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	int warnings = drm_dep_warn_count();

	drm_dep_job_arm(&job->base);
	drm_dep_mock_job_put(job);

	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 1);
	KUNIT_EXPECT_EQ(test, drm_dep_warn_count(), warnings);

	job = drm_dep_mock_job_new(test, mq, 1, 0);
	drm_dep_mock_submit_expect(test, job, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 1);
	KUNIT_EXPECT_EQ(test, drm_dep_warn_count(), warnings);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* Several abandoned jobs between pushed ones leave gaps, not stalls. */
static void drm_dep_test_abandon_between_pushes(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	int warnings = drm_dep_warn_count();
	struct dma_fence *fences[5];
	int i;

	for (i = 0; i < 10; i++) {
		struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq,
								    1, 0);

		if (i & 1)
			drm_dep_job_arm(&job->base);
		else
			fences[i / 2] = drm_dep_mock_job_submit(job);
		drm_dep_mock_job_put(job);
	}

	drm_dep_mock_expect_fences_put(test, fences, ARRAY_SIZE(fences), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 5);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->order_errors), 0);
	KUNIT_EXPECT_EQ(test, drm_dep_warn_count(), warnings);
	drm_dep_mock_queue_put(mq);
}

/* Asking for the finished fence before push warns but returns it. */
static void drm_dep_test_fence_before_push(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *early = NULL, *fence;

	drm_dep_job_arm(&job->base);
	DRM_DEP_EXPECT_WARN(test,
			    early = drm_dep_job_finished_fence(&job->base));
	KUNIT_EXPECT_NOT_NULL(test, early);

	fence = drm_dep_mock_job_push(job);
	KUNIT_EXPECT_PTR_EQ(test, early, fence);
	drm_dep_mock_expect_fence_put(test, fence, 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

static struct dma_fence *drm_dep_test_early_fence(struct kunit *test,
						  struct drm_dep_mock_job *job)
{
	struct dma_fence *fence = NULL;

	drm_dep_job_arm(&job->base);
	DRM_DEP_EXPECT_WARN(test, fence = drm_dep_job_finished_fence(&job->base));
	KUNIT_ASSERT_NOT_NULL(test, fence);

	return dma_fence_get(fence);
}

/**
 * struct drm_dep_test_cb - a fence callback that counts
 * @cb: the callback
 * @calls: how often it ran
 * @error: the fence's error when it ran
 */
struct drm_dep_test_cb {
	struct dma_fence_cb cb;
	atomic_t calls;
	int error;
};

static void drm_dep_test_cb_func(struct dma_fence *fence,
				 struct dma_fence_cb *cb)
{
	struct drm_dep_test_cb *tcb = container_of(cb, typeof(*tcb), cb);

	tcb->error = fence->error;
	atomic_inc(&tcb->calls);
}

/*
 * A callback added to an inactive fence warns; the fence does not signal
 * early because of it, and the callback runs once the job completes.
 */
static void drm_dep_test_add_callback_inactive(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_test_cb *tcb = kunit_kzalloc(test, sizeof(*tcb),
						    GFP_KERNEL);
	struct dma_fence *fence;
	int ret = -1;

	KUNIT_ASSERT_NOT_NULL(test, tcb);
	job->duration_us = 0;
	fence = drm_dep_test_early_fence(test, job);

	DRM_DEP_EXPECT_WARN(test,
			    ret = dma_fence_add_callback(fence, &tcb->cb,
							 drm_dep_test_cb_func));
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_FALSE(test, test_bit(DMA_FENCE_FLAG_SIGNALED_BIT,
					  &fence->flags));

	drm_dep_job_push(&job->base);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&tcb->calls), 0);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	drm_dep_mock_expect_fence_put(test, fence, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&tcb->calls), 1);
	KUNIT_EXPECT_EQ(test, tcb->error, 0);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* Polling an inactive fence warns and reports it unsignalled. */
static void drm_dep_test_is_signaled_inactive(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;
	bool signaled = true;

	fence = drm_dep_test_early_fence(test, job);
	DRM_DEP_EXPECT_WARN(test, signaled = dma_fence_is_signaled(fence));
	KUNIT_EXPECT_FALSE(test, signaled);

	drm_dep_job_push(&job->base);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fence));
	KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(fence));

	dma_fence_put(fence);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* Enabling software signalling on an inactive fence warns too. */
static void drm_dep_test_enable_signaling_inactive(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	fence = drm_dep_test_early_fence(test, job);
	DRM_DEP_EXPECT_WARN(test, dma_fence_enable_sw_signaling(fence));
	KUNIT_EXPECT_FALSE(test, test_bit(DMA_FENCE_FLAG_SIGNALED_BIT,
					  &fence->flags));

	drm_dep_job_push(&job->base);
	drm_dep_mock_expect_fence_put(test, fence, 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/*
 * Somebody who grabbed the inactive fence (with a warning) while the job
 * is abandoned sees it signal -ECANCELED rather than hang forever.
 */
static void drm_dep_test_abandon_observed(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	int warnings;
	struct dma_fence *fence;

	fence = drm_dep_test_early_fence(test, job);
	warnings = drm_dep_warn_count();
	drm_dep_mock_job_put(job);

	KUNIT_EXPECT_TRUE(test, test_bit(DMA_FENCE_FLAG_SIGNALED_BIT,
					 &fence->flags));
	KUNIT_EXPECT_EQ(test, fence->error, -ECANCELED);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 1);

	dma_fence_put(fence);
	KUNIT_EXPECT_EQ(test, drm_dep_warn_count(), warnings);
	drm_dep_mock_queue_put(mq);
}

/* Dependencies are only taken before arm: afterwards -EBUSY and a warning. */
static void drm_dep_test_dependency_after_arm(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	int fences = atomic_read(&drm_dep_mock_stats.ext_fences);
	struct dma_fence *fence;
	int ret = 0;

	drm_dep_job_arm(&job->base);
	DRM_DEP_EXPECT_WARN(test, ret = drm_dep_job_add_dependency(&job->base,
								   dep));
	KUNIT_EXPECT_EQ(test, ret, -EBUSY);
	/* The reference was consumed: the fence is gone. */
	KUNIT_EXPECT_EQ(test, atomic_read(&drm_dep_mock_stats.ext_fences),
			fences - 1);

	fence = drm_dep_mock_job_push(job);
	drm_dep_mock_expect_fence_put(test, fence, 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* The finished fence of a job that was not armed: a warning and NULL. */
static void drm_dep_test_fence_unarmed(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence = ERR_PTR(-EINVAL);

	DRM_DEP_EXPECT_WARN(test, fence = drm_dep_job_finished_fence(&job->base));
	KUNIT_EXPECT_NULL(test, fence);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* Pushing a job that was not armed warns and does nothing. */
static void drm_dep_test_push_unarmed(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);

	DRM_DEP_EXPECT_WARN(test, drm_dep_job_push(&job->base));
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 0);

	drm_dep_mock_job_put(job);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 1);
	drm_dep_mock_queue_put(mq);
}

/* Arming or pushing twice warns; the job still runs once. */
static void drm_dep_test_arm_push_twice(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;
	u64 seqno;

	drm_dep_job_arm(&job->base);
	seqno = drm_dep_job_seqno(&job->base);
	DRM_DEP_EXPECT_WARN(test, drm_dep_job_arm(&job->base));
	KUNIT_EXPECT_EQ(test, drm_dep_job_seqno(&job->base), seqno);

	job->duration_us = 0;
	drm_dep_job_push(&job->base);
	DRM_DEP_EXPECT_WARN(test, drm_dep_job_push(&job->base));
	fence = dma_fence_get(drm_dep_job_finished_fence(&job->base));

	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fence));
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);

	dma_fence_put(fence);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/*
 * A finished fence outlives its queue: after the queue was released its
 * timeline name and status still read correctly.
 */
static void drm_dep_test_fence_outlives_queue(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.name = "drm_dep_short_lived",
		.own_wq = true,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	job->hw_error = -EIO;
	fence = drm_dep_mock_job_submit(job);
	drm_dep_mock_job_put(job);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fence));
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_queue_put_and_wait(mq));

	KUNIT_EXPECT_STREQ(test, fence->ops->get_timeline_name(fence),
			   "drm_dep_short_lived");
	KUNIT_EXPECT_STREQ(test, fence->ops->get_driver_name(fence), "drm_dep");
	KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(fence));
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fence), -EIO);
	dma_fence_put(fence);
}

static struct kunit_case drm_dep_fence_cases[] = {
	KUNIT_CASE(drm_dep_test_abandon),
	KUNIT_CASE(drm_dep_test_abandon_between_pushes),
	KUNIT_CASE(drm_dep_test_fence_before_push),
	KUNIT_CASE(drm_dep_test_add_callback_inactive),
	KUNIT_CASE(drm_dep_test_is_signaled_inactive),
	KUNIT_CASE(drm_dep_test_enable_signaling_inactive),
	KUNIT_CASE(drm_dep_test_abandon_observed),
	KUNIT_CASE(drm_dep_test_dependency_after_arm),
	KUNIT_CASE(drm_dep_test_fence_unarmed),
	KUNIT_CASE(drm_dep_test_push_unarmed),
	KUNIT_CASE(drm_dep_test_arm_push_twice),
	KUNIT_CASE(drm_dep_test_fence_outlives_queue),
	{}
};

static struct kunit_suite drm_dep_fence_suite = {
	.name = "drm_dep_fence",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_fence_cases,
};

kunit_test_suite(drm_dep_fence_suite);

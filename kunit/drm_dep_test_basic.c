// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Basic submission and ordering.
 */

#include <kunit/test.h>

#include "drm_dep_mock.h"

/* One manual job: it runs, and completes only when the engine says so. */
static void drm_dep_test_submit(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	job->duration_us = 0;
	fence = drm_dep_mock_job_submit(job);

	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fence));
	KUNIT_EXPECT_EQ(test, drm_dep_mock_ring_count(mq), 1);

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	drm_dep_mock_expect_fence_put(test, fence, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	KUNIT_EXPECT_EQ(test, job->run_error, 0);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* A hundred timed jobs complete, each run once, in arm order. */
static void drm_dep_test_many_jobs(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct dma_fence *fences[100];

	drm_dep_mock_submit_many(test, mq, fences, ARRAY_SIZE(fences), 20);
	drm_dep_mock_expect_fences_put(test, fences, ARRAY_SIZE(fences), 1);

	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 100);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->order_errors), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->hw_completions), 100);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->double_signals), 0);
	drm_dep_mock_queue_put(mq);
}

/* run_job() returning NULL: the job completes at once, without error. */
static void drm_dep_test_run_job_null(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);

	job->ret = DRM_DEP_MOCK_RET_NULL;
	drm_dep_mock_submit_expect(test, job, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->hw_completions), 0);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* run_job() returning ERR_PTR(): the finished fence carries the error. */
static void drm_dep_test_run_job_err_ptr(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *next = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence, *next_fence;

	job->ret = DRM_DEP_MOCK_RET_ERR;
	job->ret_err = -ENOSPC;
	fence = drm_dep_mock_job_submit(job);
	next_fence = drm_dep_mock_job_submit(next);

	drm_dep_mock_expect_fence_put(test, fence, -ENOSPC);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);

	/* The failure is the job's own: the next job of the queue runs. */
	drm_dep_mock_expect_fence_put(test, next_fence, 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_job_put(next);
	drm_dep_mock_queue_put(mq);
}

/*
 * run_job() returning a finished or scheduled fence of another queue as
 * its hardware fence is a driver bug: it warns, from run_job()'s caller,
 * and the job still completes with that fence. The fence has signalled
 * already, so that its signalling does not nest into the job's own.
 */
static void drm_dep_test_run_job_dep_fence(struct kunit *test,
					   bool scheduled)
{
	const struct drm_dep_mock_queue_args args = {
		.flags = scheduled ? DRM_DEP_QUEUE_SCHEDULED_FENCE : 0,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_queue *other = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *src = drm_dep_mock_job_new(test, other, 1, 0);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *src_fence, *fence;

	src_fence = drm_dep_mock_submit_wait(test, src);
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(src_fence), 1);

	job->ret = DRM_DEP_MOCK_RET_FENCE;
	job->ret_fence = scheduled ? drm_dep_fence_scheduled(src_fence) :
				     src_fence;
	DRM_DEP_EXPECT_WARN(test, fence = drm_dep_mock_submit_wait(test, job));

	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fence), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	KUNIT_EXPECT_FALSE(test, job->hw_used);

	dma_fence_put(fence);
	dma_fence_put(src_fence);
	drm_dep_mock_job_put(job);
	drm_dep_mock_job_put(src);
	drm_dep_mock_queue_put(mq);
	drm_dep_mock_queue_put(other);
}

static void drm_dep_test_run_job_finished_fence(struct kunit *test)
{
	drm_dep_test_run_job_dep_fence(test, false);
}

static void drm_dep_test_run_job_scheduled_fence(struct kunit *test)
{
	drm_dep_test_run_job_dep_fence(test, true);
}

/* A hardware fence signalling an error completes the job with it. */
static void drm_dep_test_hw_error(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);

	job->hw_error = -EIO;
	drm_dep_mock_submit_expect(test, job, -EIO);
	KUNIT_EXPECT_EQ(test, job->run_error, 0);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* A hardware fence that signalled before run_job() returned completes the job. */
static void drm_dep_test_hw_fence_signalled(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fa, *fb;

	a->hw_signalled = true;
	b->hw_signalled = true;
	b->hw_error = -EFAULT;
	fa = drm_dep_mock_job_submit(a);
	fb = drm_dep_mock_job_submit(b);

	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fb));
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fa), 1);
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fb), -EFAULT);

	dma_fence_put(fa);
	dma_fence_put(fb);
	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

/*
 * A younger job whose hardware fence signals first: its finished fence
 * still waits for the older job's, since a queue's finished fences signal
 * in arm order.
 */
static void drm_dep_test_signal_in_order(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fa, *fb;

	a->duration_us = 0;
	b->hw_signalled = true;
	fa = drm_dep_mock_job_submit(a);
	fb = drm_dep_mock_job_submit(b);

	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 2));
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->hw_completions), 1);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fb));

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fb));
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fa), 1);
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fb), 1);

	dma_fence_put(fa);
	dma_fence_put(fb);
	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

/* Arm hands out consecutive seqnos on the queue's own fence context. */
static void drm_dep_test_seqno(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fa, *fb;

	KUNIT_EXPECT_EQ(test, drm_dep_job_seqno(&a->base), 0);
	fa = drm_dep_mock_job_submit(a);
	fb = drm_dep_mock_job_submit(b);

	KUNIT_EXPECT_EQ(test, drm_dep_job_seqno(&b->base),
			drm_dep_job_seqno(&a->base) + 1);
	KUNIT_EXPECT_EQ(test, fa->seqno, drm_dep_job_seqno(&a->base));
	KUNIT_EXPECT_EQ(test, fb->seqno, drm_dep_job_seqno(&b->base));
	KUNIT_EXPECT_EQ(test, fa->context, fb->context);
	KUNIT_EXPECT_PTR_EQ(test, drm_dep_job_queue(&a->base), &mq->base);

	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fb));
	KUNIT_EXPECT_EQ(test, b->run_seqno, drm_dep_job_seqno(&b->base));

	dma_fence_put(fa);
	dma_fence_put(fb);
	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

/* The queue's name names its finished fences' timeline. */
static void drm_dep_test_name(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.name = "drm_dep_named",
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	KUNIT_EXPECT_STREQ(test, drm_dep_queue_name(&mq->base),
			   "drm_dep_named");
	fence = drm_dep_mock_job_submit(job);
	KUNIT_EXPECT_STREQ(test, fence->ops->get_timeline_name(fence),
			   "drm_dep_named");
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fence));

	dma_fence_put(fence);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* drm_dep_job_init() refuses 0 credits and more than the limit. */
static void drm_dep_test_init_credits_invalid(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.credit_limit = 2,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_alloc();

	KUNIT_ASSERT_NOT_NULL(test, job);
	job->mq = mq;
	KUNIT_EXPECT_EQ(test, drm_dep_job_init(&job->base, &mq->base, 0, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, drm_dep_job_init(&job->base, &mq->base, 3, 0),
			-EINVAL);
	drm_dep_mock_job_free_unused(job);

	/* Exactly the limit is fine. */
	job = drm_dep_mock_job_new(test, mq, 2, 0);
	drm_dep_mock_job_put(job);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 0);

	drm_dep_mock_queue_put(mq);
}

static struct dma_fence *drm_dep_test_no_run(struct drm_dep_job *job)
{
	return NULL;
}

static void drm_dep_test_no_free(struct drm_dep_job *job)
{
}

/* drm_dep_queue_init() refuses incomplete arguments. */
static void drm_dep_test_queue_init_invalid(struct kunit *test)
{
	static const struct drm_dep_queue_ops no_run = {
		.free_job = drm_dep_test_no_free,
	};
	static const struct drm_dep_queue_ops no_free = {
		.run_job = drm_dep_test_no_run,
	};
	static const struct drm_dep_queue_ops ops = {
		.run_job = drm_dep_test_no_run,
		.free_job = drm_dep_test_no_free,
	};
	struct drm_dep_queue_args args = {
		.ops = &ops,
		.name = "drm_dep_invalid",
		.timeout = MAX_SCHEDULE_TIMEOUT,
		.credit_limit = 0,
	};
	struct drm_dep_queue *q = kunit_kzalloc(test, sizeof(*q), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_EXPECT_EQ(test, drm_dep_queue_init(q, &args), -EINVAL);
	args.credit_limit = 1;
	args.ops = &no_run;
	KUNIT_EXPECT_EQ(test, drm_dep_queue_init(q, &args), -EINVAL);
	args.ops = &no_free;
	KUNIT_EXPECT_EQ(test, drm_dep_queue_init(q, &args), -EINVAL);
	args.ops = NULL;
	KUNIT_EXPECT_EQ(test, drm_dep_queue_init(q, &args), -EINVAL);
}

/*
 * A queue without release whose last reference goes without fini: the
 * driver cannot tell when it may free the queue, and drm_dep says so.
 */
static void drm_dep_test_queue_put_no_release(struct kunit *test)
{
	static const struct drm_dep_queue_ops ops = {
		.run_job = drm_dep_test_no_run,
		.free_job = drm_dep_test_no_free,
	};
	static const struct drm_dep_queue_args args = {
		.ops = &ops,
		.name = "drm_dep_no_release",
		.credit_limit = 1,
	};
	struct drm_dep_queue *q = kunit_kzalloc(test, sizeof(*q), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_ASSERT_EQ(test, drm_dep_queue_init(q, &args), 0);
	DRM_DEP_EXPECT_WARN(test, {
		drm_dep_queue_put(q);
		flush_work(&q->teardown_work);
	});
}

/* An initialised job that is never armed is simply freed. */
static void drm_dep_test_put_unarmed(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	int warnings = drm_dep_warn_count();

	drm_dep_mock_job_put(job);

	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 0);
	KUNIT_EXPECT_EQ(test, drm_dep_warn_count(), warnings);
	drm_dep_mock_queue_put(mq);
}

static void drm_dep_test_free_hw_fence(struct drm_dep_mock_job *job,
				       void *data)
{
	struct dma_fence **seen = data;

	*seen = drm_dep_job_hw_fence(&job->base);
}

/*
 * drm_dep_job_hw_fence(): NULL while the job waits, then the fence that
 * run_job() returned, NULL again in free_job(), which comes after the
 * job let go of it; NULL for a job run_job() gave no fence.
 */
static void drm_dep_test_job_hw_fence(struct kunit *test)
{
	static const enum drm_dep_mock_ret none[] = {
		DRM_DEP_MOCK_RET_NULL, DRM_DEP_MOCK_RET_ERR, DRM_DEP_MOCK_RET_IRQ,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct dma_fence *fence, *seen = ERR_PTR(-EINVAL);
	unsigned int i;

	mq->free_hook = drm_dep_test_free_hw_fence;
	mq->hook_data = &seen;
	fence = drm_dep_mock_submit_after(test, job, dep);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_NULL(test, drm_dep_job_hw_fence(&job->base));
	drm_dep_mock_fence_signal(dep, 0);
	/* The finished fence signals only after the hardware fence was set. */
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fence));
	KUNIT_EXPECT_PTR_EQ(test, drm_dep_job_hw_fence(&job->base),
			    &job->hw->base);
	dma_fence_put(fence);
	dma_fence_put(dep);
	drm_dep_mock_job_put(job);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_frees(mq, 1));
	KUNIT_EXPECT_NULL(test, seen);
	mq->free_hook = NULL;

	for (i = 0; i < ARRAY_SIZE(none); i++) {
		job = drm_dep_mock_job_new(test, mq, 1, 0);
		job->ret = none[i];
		job->ret_err = -ENOSPC;
		fence = drm_dep_mock_submit_wait(test, job);
		KUNIT_EXPECT_NULL(test, drm_dep_job_hw_fence(&job->base));
		dma_fence_put(fence);
		drm_dep_mock_job_put(job);
	}
	drm_dep_mock_queue_put(mq);
}

static struct kunit_case drm_dep_basic_cases[] = {
	KUNIT_CASE(drm_dep_test_submit),
	KUNIT_CASE(drm_dep_test_many_jobs),
	KUNIT_CASE(drm_dep_test_run_job_null),
	KUNIT_CASE(drm_dep_test_run_job_err_ptr),
	KUNIT_CASE(drm_dep_test_run_job_finished_fence),
	KUNIT_CASE(drm_dep_test_run_job_scheduled_fence),
	KUNIT_CASE(drm_dep_test_hw_error),
	KUNIT_CASE(drm_dep_test_hw_fence_signalled),
	KUNIT_CASE(drm_dep_test_job_hw_fence),
	KUNIT_CASE(drm_dep_test_signal_in_order),
	KUNIT_CASE(drm_dep_test_seqno),
	KUNIT_CASE(drm_dep_test_name),
	KUNIT_CASE(drm_dep_test_init_credits_invalid),
	KUNIT_CASE(drm_dep_test_put_unarmed),
	KUNIT_CASE(drm_dep_test_queue_init_invalid),
	KUNIT_CASE(drm_dep_test_queue_put_no_release),
	{}
};

static struct kunit_suite drm_dep_basic_suite = {
	.name = "drm_dep_basic",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_basic_cases,
};

/*
 * A chain of jobs hopping across four queues: each job depends on the
 * previous one's finished fence, so the chain runs strictly in sequence
 * although every queue could run its own jobs at once.
 */
static void drm_dep_test_chain_across_queues(struct kunit *test)
{
	struct drm_dep_mock_queue *mq[4];
	struct dma_fence *prev = NULL, *fences[200];
	int i;

	for (i = 0; i < ARRAY_SIZE(mq); i++)
		mq[i] = drm_dep_mock_queue_new(test, NULL);

	for (i = 0; i < ARRAY_SIZE(fences); i++) {
		struct drm_dep_mock_job *job;

		job = drm_dep_mock_job_new(test, mq[i % 4], 1, 0);
		job->duration_us = 10 + (i % 7) * 10;
		if (prev) {
			job->after = dma_fence_get(prev);
			KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, prev), 0);
		}
		fences[i] = drm_dep_mock_job_submit(job);
		prev = fences[i];
		drm_dep_mock_job_put(job);
	}

	drm_dep_mock_expect_fences_put(test, fences, ARRAY_SIZE(fences), 1);

	for (i = 0; i < ARRAY_SIZE(mq); i++) {
		KUNIT_EXPECT_EQ(test, atomic_read(&mq[i]->runs), 50);
		KUNIT_EXPECT_EQ(test, atomic_read(&mq[i]->early_runs), 0);
		KUNIT_EXPECT_EQ(test, atomic_read(&mq[i]->order_errors), 0);
		drm_dep_mock_queue_put(mq[i]);
	}
}

/*
 * Four queues with their own chains and a cross-queue dependency every
 * fifth job: per-queue order holds and no job runs before what it waits
 * for.
 */
static void drm_dep_test_interleaved_queues(struct kunit *test)
{
	struct drm_dep_mock_queue *mq[4];
	struct dma_fence *fences[4][50];
	int i, j;

	for (i = 0; i < ARRAY_SIZE(mq); i++)
		mq[i] = drm_dep_mock_queue_new(test, NULL);

	for (j = 0; j < 50; j++) {
		for (i = 0; i < 4; i++) {
			struct drm_dep_mock_job *job;

			job = drm_dep_mock_job_new(test, mq[i], 1, 0);
			job->duration_us = 10 + ((i + j) % 5) * 20;
			if (j % 5 == 0 && i > 0) {
				struct dma_fence *dep = fences[i - 1][j];

				job->after = dma_fence_get(dep);
				KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, dep), 0);
			}
			fences[i][j] = drm_dep_mock_job_submit(job);
			drm_dep_mock_job_put(job);
		}
	}

	for (i = 0; i < 4; i++) {
		drm_dep_mock_expect_fences_put(test, fences[i], 50, 1);
		KUNIT_EXPECT_EQ(test, atomic_read(&mq[i]->runs), 50);
		KUNIT_EXPECT_EQ(test, atomic_read(&mq[i]->early_runs), 0);
		KUNIT_EXPECT_EQ(test, atomic_read(&mq[i]->order_errors), 0);
		drm_dep_mock_queue_put(mq[i]);
	}
}

/*
 * Pushing a job after a later-armed job of its queue is a driver bug: it
 * warns, but the job still runs, once.
 */
static void drm_dep_test_push_out_of_order(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fa, *fb;
	int warnings;

	drm_dep_job_arm(&a->base);
	drm_dep_job_arm(&b->base);

	warnings = drm_dep_warn_count();
	drm_dep_job_push(&b->base);
	KUNIT_EXPECT_EQ(test, drm_dep_warn_count(), warnings);

	DRM_DEP_EXPECT_WARN(test, drm_dep_job_push(&a->base));

	fa = dma_fence_get(drm_dep_job_finished_fence(&a->base));
	fb = dma_fence_get(drm_dep_job_finished_fence(&b->base));
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fa));
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fb));
	KUNIT_EXPECT_EQ(test, atomic_read(&a->run_count), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 1);

	dma_fence_put(fa);
	dma_fence_put(fb);
	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

static struct kunit_case drm_dep_ordering_cases[] = {
	KUNIT_CASE(drm_dep_test_chain_across_queues),
	KUNIT_CASE(drm_dep_test_interleaved_queues),
	KUNIT_CASE(drm_dep_test_push_out_of_order),
	{}
};

static struct kunit_suite drm_dep_ordering_suite = {
	.name = "drm_dep_ordering",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_ordering_cases,
};

kunit_test_suites(&drm_dep_basic_suite, &drm_dep_ordering_suite);

// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Error propagation through dependencies, cancelled jobs, and the error
 * of a queue.
 */

#include <kunit/test.h>

#include "drm_dep_mock.h"

/*
 * Submit @job waiting for @dep, which fails with -EIO either before it is
 * added or after the job was pushed.
 */
static struct dma_fence *drm_dep_test_submit_failing(struct kunit *test,
						     struct drm_dep_mock_job *job,
						     struct dma_fence *dep,
						     bool signal_before_add)
{
	struct dma_fence *fence;

	if (signal_before_add)
		drm_dep_mock_fence_signal(dep, -EIO);
	fence = drm_dep_mock_submit_after(test, job, dep);
	if (!signal_before_add)
		drm_dep_mock_fence_signal(dep, -EIO);
	return fence;
}

/*
 * A dependency that fails cancels the job: run_job() is still called,
 * once, sees the error, and the finished fence carries it.
 */
static void drm_dep_test_dep_error_cancels(struct kunit *test,
					   bool signal_before_add)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct dma_fence *fence;

	fence = drm_dep_test_submit_failing(test, job, dep, signal_before_add);
	drm_dep_mock_expect_fence_put(test, fence, -EIO);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	KUNIT_EXPECT_EQ(test, job->run_error, -EIO);
	KUNIT_EXPECT_FALSE(test, job->hw_used);

	dma_fence_put(dep);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

static void drm_dep_test_dep_error(struct kunit *test)
{
	drm_dep_test_dep_error_cancels(test, false);
}

static void drm_dep_test_dep_error_already_signalled(struct kunit *test)
{
	drm_dep_test_dep_error_cancels(test, true);
}

/*
 * A failed dependency cancels the job, but the job still waits for its
 * other dependencies, which may still be writing what it uses: it runs,
 * cancelled, and signals only once they all signalled.
 */
static void drm_dep_test_dep_error_waits_for_others(struct kunit *test,
						    u32 qflags,
						    bool signal_before_add)
{
	struct drm_dep_mock_queue_args args = { .flags = qflags };
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *failing = drm_dep_mock_dep_new(test);
	struct dma_fence *pending = drm_dep_mock_dep_new(test);
	struct dma_fence *fence;

	/* First the one that fails: the worker waits on it first. */
	if (signal_before_add)
		drm_dep_mock_fence_signal(failing, -EIO);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, failing), 0);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, pending), 0);
	fence = drm_dep_mock_job_submit(job);
	if (!signal_before_add) {
		drm_dep_mock_flush(test);
		drm_dep_mock_fence_signal(failing, -EIO);
	}
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 0);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fence));

	drm_dep_mock_fence_signal(pending, 0);
	drm_dep_mock_expect_fence_put(test, fence, -EIO);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	KUNIT_EXPECT_EQ(test, job->run_error, -EIO);
	KUNIT_EXPECT_FALSE(test, job->hw_used);

	dma_fence_put(failing);
	dma_fence_put(pending);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

static void drm_dep_test_dep_error_waits_for_others_late(struct kunit *test)
{
	drm_dep_test_dep_error_waits_for_others(test, 0, false);
}

static void drm_dep_test_dep_error_waits_for_others_early(struct kunit *test)
{
	drm_dep_test_dep_error_waits_for_others(test, 0, true);
}

static void drm_dep_test_dep_error_waits_for_others_bypass(struct kunit *test)
{
	drm_dep_test_dep_error_waits_for_others(test, DRM_DEP_QUEUE_BYPASS,
						true);
}

/* The opt-outs: the job runs normally despite the failed dependency. */
static void drm_dep_test_dep_error_ignored(struct kunit *test, u32 qflags,
					   u32 jflags, bool signal_before_add)
{
	struct drm_dep_mock_queue_args args = { .flags = qflags };
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, jflags);
	struct drm_dep_mock_job *plain;
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct dma_fence *fence;

	fence = drm_dep_test_submit_failing(test, job, dep, signal_before_add);
	drm_dep_mock_expect_fence_put(test, fence, 1);
	KUNIT_EXPECT_EQ(test, job->run_error, 0);
	KUNIT_EXPECT_TRUE(test, job->hw_used);

	/* A job of the same queue without the job flag. */
	plain = drm_dep_mock_job_new(test, mq, 1, 0);
	fence = drm_dep_mock_submit_after(test, plain, dep);
	drm_dep_mock_expect_fence_put(test, fence, qflags ? 1 : -EIO);

	dma_fence_put(dep);
	drm_dep_mock_job_put(job);
	drm_dep_mock_job_put(plain);
	drm_dep_mock_queue_put(mq);
}

static void drm_dep_test_queue_ignores_dep_errors(struct kunit *test)
{
	drm_dep_test_dep_error_ignored(test, DRM_DEP_QUEUE_IGNORE_DEP_ERRORS, 0,
				       false);
}

static void drm_dep_test_job_ignores_dep_errors(struct kunit *test)
{
	drm_dep_test_dep_error_ignored(test, 0, DRM_DEP_JOB_IGNORE_DEP_ERRORS,
				       false);
}

/* The opt-out also covers a dependency that had failed before it was added. */
static void drm_dep_test_job_ignores_failed_at_add(struct kunit *test)
{
	drm_dep_test_dep_error_ignored(test, 0, DRM_DEP_JOB_IGNORE_DEP_ERRORS,
				       true);
}

/*
 * An error travels down a dependency chain across queues: a hardware
 * failure cancels the jobs that wait for it, and those waiting for them.
 */
static void drm_dep_test_error_chain(struct kunit *test)
{
	struct drm_dep_mock_queue *mq[3];
	struct drm_dep_mock_job *job[3];
	struct dma_fence *fence[3];
	int i;

	for (i = 0; i < 3; i++) {
		mq[i] = drm_dep_mock_queue_new(test, NULL);
		job[i] = drm_dep_mock_job_new(test, mq[i], 1, 0);
		if (i)
			KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job[i], fence[i - 1]), 0);
		else
			job[i]->hw_error = -EIO;
		fence[i] = drm_dep_mock_job_submit(job[i]);
	}

	for (i = 0; i < 3; i++) {
		drm_dep_mock_expect_fence_put(test, fence[i], -EIO);
		KUNIT_EXPECT_EQ(test, atomic_read(&job[i]->run_count), 1);
		KUNIT_EXPECT_EQ(test, job[i]->run_error, i ? -EIO : 0);
	}
	for (i = 0; i < 3; i++) {
		drm_dep_mock_job_put(job[i]);
		drm_dep_mock_queue_put(mq[i]);
	}
}

/*
 * A failure is not a dependency of the next job of the same queue: queue
 * order is not a data dependency.
 */
static void drm_dep_test_error_stays_in_job(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fa, *fb;

	a->hw_error = -EIO;
	fa = drm_dep_mock_job_submit(a);
	fb = drm_dep_mock_job_submit(b);

	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fb));
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fa), -EIO);
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fb), 1);
	KUNIT_EXPECT_EQ(test, b->run_error, 0);

	dma_fence_put(fa);
	dma_fence_put(fb);
	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

/*
 * Many cancelled jobs in a row: each gets exactly one run_job() call, in
 * order, and a cancelled job never reaches the hardware.
 */
static void drm_dep_test_cancelled_run_once(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job[20];
	struct dma_fence *fence[20];
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	int i;

	for (i = 0; i < ARRAY_SIZE(job); i++) {
		job[i] = drm_dep_mock_job_new(test, mq, 1, 0);
		if (i % 2)
			fence[i] = drm_dep_mock_submit_after(test, job[i], dep);
		else
			fence[i] = drm_dep_mock_job_submit(job[i]);
	}
	drm_dep_mock_fence_signal(dep, -ENOLINK);

	for (i = 0; i < ARRAY_SIZE(job); i++) {
		drm_dep_mock_expect_fence_put(test, fence[i],
					      i % 2 ? -ENOLINK : 1);
		KUNIT_EXPECT_EQ(test, atomic_read(&job[i]->run_count), 1);
		KUNIT_EXPECT_EQ(test, job[i]->hw_used, !(i % 2));
		drm_dep_mock_job_put(job[i]);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 20);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->cancelled_runs), 10);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->order_errors), 0);

	dma_fence_put(dep);
	drm_dep_mock_queue_put(mq);
}

/* A cancelled job on a bypass queue is also run once, by the pusher. */
static void drm_dep_test_cancelled_bypass(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.flags = DRM_DEP_QUEUE_BYPASS,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct dma_fence *fence;

	drm_dep_mock_fence_signal(dep, -EPIPE);
	fence = drm_dep_mock_submit_after(test, job, dep);
	drm_dep_mock_expect_fence_put(test, fence, -EPIPE);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	KUNIT_EXPECT_EQ(test, job->run_error, -EPIPE);

	dma_fence_put(dep);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* Submit a one-credit job of @mq and check how it ended. */
static void drm_dep_test_submit_status(struct kunit *test,
				       struct drm_dep_mock_queue *mq,
				       int hw_error, int status)
{
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);

	job->hw_error = hw_error;
	drm_dep_mock_submit_expect(test, job, status);
	drm_dep_mock_job_put(job);
}

/* Submit a job of @mq that waits for a dependency failing with -EIO. */
static void drm_dep_test_submit_dep_failing(struct kunit *test,
					    struct drm_dep_mock_queue *mq,
					    int status)
{
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);

	drm_dep_mock_expect_fence_put(test,
				      drm_dep_test_submit_failing(test, job,
								  dep, false),
				      status);
	drm_dep_mock_job_put(job);
	dma_fence_put(dep);
}

/*
 * drm_dep_queue_error() is the first error of a job of the queue: none at
 * first, a hardware error, which later successes and errors leave alone;
 * on another queue a failed dependency, unless the queue ignores them; on
 * a third a killed queue's cancelled job.
 */
static void drm_dep_test_queue_error(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args ignoring = {
		.flags = DRM_DEP_QUEUE_IGNORE_DEP_ERRORS,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_queue *deps = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_queue *ign = drm_dep_mock_queue_new(test,
								&ignoring);
	struct drm_dep_mock_job *job;
	struct dma_fence *dep, *fence;

	KUNIT_EXPECT_EQ(test, drm_dep_queue_error(&mq->base), 0);
	drm_dep_test_submit_status(test, mq, 0, 1);
	KUNIT_EXPECT_EQ(test, drm_dep_queue_error(&mq->base), 0);
	drm_dep_test_submit_status(test, mq, -EIO, -EIO);
	KUNIT_EXPECT_EQ(test, drm_dep_queue_error(&mq->base), -EIO);
	drm_dep_test_submit_status(test, mq, 0, 1);
	drm_dep_test_submit_status(test, mq, -ENODEV, -ENODEV);
	KUNIT_EXPECT_EQ(test, drm_dep_queue_error(&mq->base), -EIO);

	drm_dep_test_submit_dep_failing(test, deps, -EIO);
	KUNIT_EXPECT_EQ(test, drm_dep_queue_error(&deps->base), -EIO);
	drm_dep_test_submit_dep_failing(test, ign, 1);
	KUNIT_EXPECT_EQ(test, drm_dep_queue_error(&ign->base), 0);

	job = drm_dep_mock_job_new(test, ign, 1, 0);
	dep = drm_dep_mock_dep_new(test);
	fence = drm_dep_mock_submit_after(test, job, dep);
	drm_dep_queue_kill(&ign->base);
	drm_dep_mock_fence_signal(dep, 0);
	drm_dep_mock_expect_fence_put(test, fence, -ECANCELED);
	KUNIT_EXPECT_EQ(test, drm_dep_queue_error(&ign->base), -ECANCELED);
	drm_dep_mock_job_put(job);
	dma_fence_put(dep);

	drm_dep_mock_queue_put(ign);
	drm_dep_mock_queue_put(deps);
	drm_dep_mock_queue_put(mq);
}

static struct kunit_case drm_dep_errors_cases[] = {
	KUNIT_CASE(drm_dep_test_dep_error),
	KUNIT_CASE(drm_dep_test_dep_error_already_signalled),
	KUNIT_CASE(drm_dep_test_dep_error_waits_for_others_late),
	KUNIT_CASE(drm_dep_test_dep_error_waits_for_others_early),
	KUNIT_CASE(drm_dep_test_dep_error_waits_for_others_bypass),
	KUNIT_CASE(drm_dep_test_queue_ignores_dep_errors),
	KUNIT_CASE(drm_dep_test_job_ignores_dep_errors),
	KUNIT_CASE(drm_dep_test_job_ignores_failed_at_add),
	KUNIT_CASE(drm_dep_test_error_chain),
	KUNIT_CASE(drm_dep_test_error_stays_in_job),
	KUNIT_CASE(drm_dep_test_cancelled_run_once),
	KUNIT_CASE(drm_dep_test_cancelled_bypass),
	KUNIT_CASE(drm_dep_test_queue_error),
	{}
};

static struct kunit_suite drm_dep_errors_suite = {
	.name = "drm_dep_errors",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_errors_cases,
};

kunit_test_suite(drm_dep_errors_suite);

// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * The demonstration workload of `make demo-core`: a few queues on the mock
 * hardware doing what a driver's queues do, with an account of what
 * happened printed as "drm_dep_demo:" lines. It asserts what it tells.
 */

#include <linux/ktime.h>
#include <linux/slab.h>

#include <kunit/test.h>

#include "drm_dep_mock.h"

#define DEMO_FRAMES	200
#define DEMO_BAD_FRAME	37

#define demo_say(fmt, ...) pr_info("drm_dep_demo: " fmt "\n", ##__VA_ARGS__)

/* What happened to the jobs of one queue. */
struct demo_tally {
	const char *name;
	unsigned int jobs;
	unsigned int ok;
	unsigned int failed;
	int error;		/* the last error seen */
	ktime_t last;		/* when the last fence signalled */
};

static void demo_count(struct demo_tally *t, struct dma_fence *fence)
{
	t->jobs++;
	if (fence->error) {
		t->failed++;
		t->error = fence->error;
	} else {
		t->ok++;
	}
	/* Set by dma_fence_signal(); valid once the fence signalled. */
	if (ktime_after(fence->timestamp, t->last))
		t->last = fence->timestamp;
}

static void demo_report(struct demo_tally *t, ktime_t start)
{
	s64 us = max_t(s64, ktime_us_delta(t->last, start), 1);

	demo_say("  %-7s %4u jobs: %4u ok, %3u failed (last error %d), %llu jobs/s",
		 t->name, t->jobs, t->ok, t->failed, t->error,
		 div64_u64((u64)t->jobs * USEC_PER_SEC, us));
}

static struct dma_fence *demo_submit(struct kunit *test,
				     struct drm_dep_mock_queue *mq,
				     unsigned int duration_us,
				     struct dma_fence *dep)
{
	struct drm_dep_mock_job *job;
	struct dma_fence *fence;

	job = drm_dep_mock_job_new(test, mq, 1, 0);
	job->duration_us = duration_us;
	if (dep)
		KUNIT_ASSERT_EQ(test, drm_dep_mock_add_dep(job, dep), 0);
	fence = drm_dep_mock_job_submit(job);
	drm_dep_mock_job_put(job);

	return fence;
}

/*
 * Three queues form a pipeline: every frame is decoded, run through the
 * network, then post-processed, each stage waiting for the previous one
 * of the same frame on another queue. One frame's decode fails on the
 * hardware; the stages after it are cancelled with its error.
 */
static void demo_pipeline(struct kunit *test)
{
	struct drm_dep_mock_queue_args dargs = {
		.name = "decode", .flags = DRM_DEP_QUEUE_BYPASS,
	};
	struct drm_dep_mock_queue_args iargs = {
		.name = "infer", .flags = DRM_DEP_QUEUE_IRQ_SAFE_RELEASE,
	};
	struct drm_dep_mock_queue_args pargs = { .name = "post" };
	struct demo_tally tally[3] = {
		{ .name = "decode" }, { .name = "infer" }, { .name = "post" },
	};
	struct drm_dep_mock_queue *mq[3];
	struct dma_fence **fences;
	ktime_t start;
	unsigned int i, s;

	fences = kcalloc(DEMO_FRAMES * 3, sizeof(*fences), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fences);

	mq[0] = drm_dep_mock_queue_new(test, &dargs);
	mq[1] = drm_dep_mock_queue_new(test, &iargs);
	mq[2] = drm_dep_mock_queue_new(test, &pargs);

	demo_say("pipeline: %u frames through decode (bypass) -> infer (IRQ-safe release) -> post",
		 DEMO_FRAMES);
	demo_say("  frame %u's decode fails on the hardware with -EIO", DEMO_BAD_FRAME);

	start = ktime_get();
	for (i = 0; i < DEMO_FRAMES; i++) {
		struct drm_dep_mock_job *job;
		struct dma_fence **f = &fences[i * 3];

		job = drm_dep_mock_job_new(test, mq[0], 1, 0);
		job->duration_us = 200;
		if (i == DEMO_BAD_FRAME)
			job->hw_error = -EIO;
		f[0] = drm_dep_mock_job_submit(job);
		drm_dep_mock_job_put(job);

		f[1] = demo_submit(test, mq[1], 400, f[0]);
		f[2] = demo_submit(test, mq[2], 100, f[1]);
	}

	for (i = 0; i < DEMO_FRAMES; i++) {
		for (s = 0; s < 3; s++) {
			struct dma_fence *f = fences[i * 3 + s];

			KUNIT_ASSERT_TRUE(test, drm_dep_mock_fence_wait(f));
			demo_count(&tally[s], f);
			KUNIT_EXPECT_EQ(test, f->error,
					i == DEMO_BAD_FRAME ? -EIO : 0);
			dma_fence_put(f);
		}
	}
	kfree(fences);

	for (s = 0; s < 3; s++) {
		demo_report(&tally[s], start);
		KUNIT_EXPECT_EQ(test, atomic_read(&mq[s]->runs), DEMO_FRAMES);
		KUNIT_EXPECT_EQ(test, atomic_read(&mq[s]->order_errors), 0);
		drm_dep_mock_queue_put(mq[s]);
	}
	demo_say("  the failed frame: decode -EIO; infer and post cancelled");
	demo_say("  with -EIO, run_job() still called once for each");
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[1]->cancelled_runs), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[2]->cancelled_runs), 1);
}

/* A job hangs; the timeout handler resets the engine; the next job runs. */
static void demo_hang(struct kunit *test)
{
	struct drm_dep_mock_queue_args args = {
		.name = "hang", .timeout = HZ / 10, .credit_limit = 1,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job;
	struct dma_fence *hung, *next;
	ktime_t start = ktime_get();

	demo_say("hang: a job that never completes, on a one-slot queue with a 100 ms timeout");

	job = drm_dep_mock_job_new(test, mq, 1, 0);
	job->hang = true;
	hung = drm_dep_mock_job_submit(job);
	drm_dep_mock_job_put(job);
	next = demo_submit(test, mq, 100, NULL);

	KUNIT_ASSERT_TRUE(test, drm_dep_mock_fence_wait(hung));
	demo_say("  after %lld ms: timedout_job() called %d time(s), engine reset %d time(s)",
		 ktime_ms_delta(ktime_get(), start), atomic_read(&mq->timeouts),
		 atomic_read(&mq->resets));
	demo_say("  the hung job's finished fence: error %d (-ETIMEDOUT)", hung->error);
	KUNIT_EXPECT_EQ(test, hung->error, -ETIMEDOUT);

	KUNIT_ASSERT_TRUE(test, drm_dep_mock_fence_wait(next));
	demo_say("  the job queued behind it ran after the reset: error %d", next->error);
	KUNIT_EXPECT_EQ(test, next->error, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 2);

	dma_fence_put(hung);
	dma_fence_put(next);
	drm_dep_mock_queue_put(mq);
}

/* A queue is killed and released with jobs on the hardware and queued. */
static void demo_teardown(struct kunit *test)
{
	struct drm_dep_mock_queue_args args = {
		.name = "doomed", .credit_limit = 2,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct demo_tally tally = { .name = "doomed" };
	struct dma_fence *fences[40];
	unsigned int i, cancelled = 0;

	demo_say("teardown: 40 jobs of 2 ms on a queue that takes 2 at a time; killed after 5 ran");

	for (i = 0; i < ARRAY_SIZE(fences); i++)
		fences[i] = demo_submit(test, mq, 2000, NULL);

	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 5));
	drm_dep_queue_kill(&mq->base);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_queue_put_and_wait(mq));

	for (i = 0; i < ARRAY_SIZE(fences); i++) {
		KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(fences[i]));
		demo_count(&tally, fences[i]);
		if (fences[i]->error == -ECANCELED)
			cancelled++;
		dma_fence_put(fences[i]);
	}
	demo_say("  queue released after every job retired:");
	demo_say("  %u completed on the hardware, %u cancelled (-ECANCELED)",
		 tally.ok, cancelled);
	demo_say("  every job's finished fence signalled; none was lost");
	KUNIT_EXPECT_EQ(test, tally.ok + cancelled, ARRAY_SIZE(fences));
	KUNIT_EXPECT_GT(test, cancelled, 0);
}

static void drm_dep_demo_workload(struct kunit *test)
{
	demo_pipeline(test);
	demo_hang(test);
	demo_teardown(test);
}

static struct kunit_case drm_dep_demo_cases[] = {
	KUNIT_CASE_SLOW(drm_dep_demo_workload),
	{}
};

static struct kunit_suite drm_dep_demo_suite = {
	.name = "drm_dep_demo",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_demo_cases,
};

kunit_test_suite(drm_dep_demo_suite);

// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Completion without a hardware fence, and the immediate timeout.
 *
 * Suite drm_dep_irq: run_job() returns DRM_DEP_JOB_RUNNING and the mock's
 * interrupt (an hrtimer, hard interrupt context) reports completions with
 * drm_dep_engine_complete(); drm_dep knows which job each one is. The
 * interrupt racing the timeout handler, which resets the ring, completes
 * every job exactly once, with the error of whoever came first.
 *
 * Suite drm_dep_fault: drm_dep_engine_fault(), the counterpart of
 * drm_sched_fault(), runs the timeout handler now, from any context.
 */

#include <linux/completion.h>
#include <linux/hrtimer.h>
#include <linux/workqueue.h>

#include <kunit/test.h>

#include "drm_dep_mock.h"

#define DRM_DEP_TEST_IRQ_JOBS	20

/* Jobs completed by the ring's interrupt, on @mq with @flags. */
static void drm_dep_test_irq_complete(struct kunit *test, u32 flags)
{
	struct drm_dep_mock_queue_args args = {
		.flags = flags,
		.credit_limit = 4,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct dma_fence *fence[DRM_DEP_TEST_IRQ_JOBS];
	int i;

	for (i = 0; i < DRM_DEP_TEST_IRQ_JOBS; i++) {
		struct drm_dep_mock_job *job;

		job = drm_dep_mock_job_new(test, mq, 1, 0);
		job->ret = DRM_DEP_MOCK_RET_IRQ;
		job->duration_us = 50 + 10 * i;
		job->hw_error = i == 7 ? -EIO : 0;
		fence[i] = drm_dep_mock_job_submit(job);
		drm_dep_mock_job_put(job);
	}
	for (i = 0; i < DRM_DEP_TEST_IRQ_JOBS; i++)
		drm_dep_mock_expect_fence_put(test, fence[i], i == 7 ? -EIO : 1);

	KUNIT_EXPECT_TRUE(test,
			  drm_dep_mock_wait_frees(mq, DRM_DEP_TEST_IRQ_JOBS));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), DRM_DEP_TEST_IRQ_JOBS);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->hw_completions),
			DRM_DEP_TEST_IRQ_JOBS);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->irq_lost), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->order_errors), 0);
	if (flags & DRM_DEP_QUEUE_IRQ_SAFE_RELEASE)
		KUNIT_EXPECT_GT(test, atomic_read(&mq->frees_in_hardirq), 0);
	else
		KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees_in_irq), 0);
	kunit_info(test, "%d of %d jobs freed in hard IRQ\n",
		   atomic_read(&mq->frees_in_hardirq), DRM_DEP_TEST_IRQ_JOBS);

	drm_dep_mock_queue_put(mq);
}

/* From the hrtimer, with the jobs released by the retire worker. */
static void drm_dep_test_irq_complete_worker_release(struct kunit *test)
{
	drm_dep_test_irq_complete(test, 0);
}

/* From the hrtimer, with bypass and the jobs released right there. */
static void drm_dep_test_irq_complete_irq_safe(struct kunit *test)
{
	drm_dep_test_irq_complete(test, DRM_DEP_QUEUE_BYPASS |
				  DRM_DEP_QUEUE_IRQ_SAFE_RELEASE);
}

/*
 * A job with a hardware fence and one without, on one engine: a
 * completion reported by the interrupt is never taken for the fenced job,
 * both signal in hardware order, and a second report for a job that is
 * already done completes nothing.
 */
static void drm_dep_test_irq_mixed_with_fences(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.credit_limit = 2,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *fenced = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *irq = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_engine *e;
	struct dma_fence *ff, *fi;

	fenced->duration_us = 0;
	irq->duration_us = 0;
	irq->ret = DRM_DEP_MOCK_RET_IRQ;
	ff = drm_dep_mock_job_submit(fenced);
	fi = drm_dep_mock_job_submit(irq);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 2));
	e = drm_dep_job_engine(&irq->base);

	/* Only the job without a fence is counted, and waits its turn. */
	KUNIT_EXPECT_EQ(test, drm_dep_engine_complete(e, 2, 0), 1);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fi));
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(ff));

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	drm_dep_mock_expect_fence_put(test, ff, 1);
	drm_dep_mock_expect_fence_put(test, fi, 1);

	/* The ring's own report for it comes late: nothing to complete. */
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->irq_lost), 1);

	drm_dep_mock_job_put(fenced);
	drm_dep_mock_job_put(irq);
	drm_dep_mock_queue_put(mq);
}

/*
 * A hung job without a fence: the timeout handler resets the ring; the
 * hung job ends with -ETIMEDOUT, those behind it on the ring with
 * -ECANCELED, the waiting one runs normally. A late report after the
 * reset completes nothing and changes no result.
 */
static void drm_dep_test_irq_timeout_reset(struct kunit *test)
{
	static const int expect[4] = { -ETIMEDOUT, -ECANCELED, -ECANCELED, 1 };
	static const struct drm_dep_mock_queue_args args = {
		.timeout = HZ / 20,
		.credit_limit = 3,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job[4];
	struct dma_fence *fence[4];
	int i;

	for (i = 0; i < 4; i++) {
		job[i] = drm_dep_mock_job_new(test, mq, 1, 0);
		job[i]->ret = DRM_DEP_MOCK_RET_IRQ;
		job[i]->hang = !i;
		fence[i] = drm_dep_mock_job_submit(job[i]);
	}
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fence[3]));
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq, 1));

	KUNIT_EXPECT_EQ(test,
			drm_dep_engine_complete(drm_dep_job_engine(&job[0]->base),
						1, 0), 0);
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, dma_fence_get_status(fence[i]), expect[i]);
		KUNIT_EXPECT_EQ(test, atomic_read(&job[i]->run_count), 1);
		KUNIT_EXPECT_EQ(test, job[i]->irq_reported, i == 3);
		dma_fence_put(fence[i]);
		drm_dep_mock_job_put(job[i]);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->resets), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->irq_lost), 0);
	drm_dep_mock_queue_put(mq);
}

/* A spurious report, while run_job() of a job without hardware work runs. */
static void drm_dep_test_irq_spurious_hook(struct drm_dep_mock_job *job,
					   void *data)
{
	drm_dep_engine_complete(job->run_engine, 1, 0);
}

/*
 * A driver that reports more completions than it started jobs with
 * DRM_DEP_JOB_RUNNING, while run_job() of a job that returns NULL runs in
 * the submit worker: that job completes early, which drm_dep warns about
 * when run_job() returns. The worker holds the job until then, so the
 * early retire and release (IRQ-safe, the test holding no reference)
 * cannot free it under run_job()'s feet.
 */
static void drm_dep_test_irq_spurious_report(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.flags = DRM_DEP_QUEUE_IRQ_SAFE_RELEASE,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	mq->run_hook = drm_dep_test_irq_spurious_hook;
	job->ret = DRM_DEP_MOCK_RET_NULL;
	DRM_DEP_EXPECT_WARN(test, {
		fence = drm_dep_mock_job_submit(job);
		drm_dep_mock_job_put(job);
		drm_dep_mock_flush(test);
	});
	drm_dep_mock_expect_fence_put(test, fence, 1);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_frees(mq, 1));
	drm_dep_mock_queue_put(mq);
}

#define DRM_DEP_IRQ_RACE_ROUNDS	200

/*
 * The interrupt and the timeout race for each job: its duration is about
 * its one-tick timeout. Whoever comes first completes it, once: a job the
 * interrupt reported ends normally, the others with -ETIMEDOUT, and no
 * report is ever lost or taken for another job.
 */
static void drm_dep_test_irq_timeout_race(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.timeout = 1,
		.credit_limit = 1,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	u32 tick_us = jiffies_to_usecs(1);
	int i, irq = 0, reset = 0;

	for (i = 0; i < DRM_DEP_IRQ_RACE_ROUNDS; i++) {
		struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq,
								    1, 0);
		struct dma_fence *fence;
		int status;

		job->ret = DRM_DEP_MOCK_RET_IRQ;
		job->duration_us = tick_us / 2 + tick_us * (i % 40) / 40;
		fence = drm_dep_mock_job_submit(job);
		KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fence));
		status = dma_fence_get_status(fence);
		KUNIT_EXPECT_EQ_MSG(test, status,
				    READ_ONCE(job->irq_reported) ? 1 : -ETIMEDOUT,
				    "round %d", i);
		if (status == 1)
			irq++;
		else
			reset++;
		dma_fence_put(fence);
		drm_dep_mock_job_put(job);
	}
	KUNIT_EXPECT_TRUE(test,
			  drm_dep_mock_wait_frees(mq, DRM_DEP_IRQ_RACE_ROUNDS));

	kunit_info(test, "%d rounds: %d completed by the interrupt, %d by a reset\n",
		   DRM_DEP_IRQ_RACE_ROUNDS, irq, reset);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->irq_lost), 0);
	/* A report that beat the reset inside the handler wins. */
	KUNIT_EXPECT_LE(test, reset, atomic_read(&mq->resets));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), DRM_DEP_IRQ_RACE_ROUNDS);
	drm_dep_mock_queue_put(mq);
}

static struct kunit_case drm_dep_irq_cases[] = {
	KUNIT_CASE(drm_dep_test_irq_complete_worker_release),
	KUNIT_CASE(drm_dep_test_irq_complete_irq_safe),
	KUNIT_CASE(drm_dep_test_irq_mixed_with_fences),
	KUNIT_CASE(drm_dep_test_irq_timeout_reset),
	KUNIT_CASE(drm_dep_test_irq_spurious_report),
	KUNIT_CASE_SLOW(drm_dep_test_irq_timeout_race),
	{}
};

static struct kunit_suite drm_dep_irq_suite = {
	.name = "drm_dep_irq",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_irq_cases,
};

/**
 * struct drm_dep_test_fault_irq - a fault interrupt
 * @timer: fires once, in hard interrupt context
 * @engine: the engine it reports the fault on
 * @done: the fault was reported
 */
struct drm_dep_test_fault_irq {
	struct hrtimer timer;
	struct drm_dep_engine *engine;
	struct completion done;
};

static enum hrtimer_restart drm_dep_test_fault_fn(struct hrtimer *timer)
{
	struct drm_dep_test_fault_irq *f = container_of(timer, typeof(*f),
							timer);

	drm_dep_engine_fault(f->engine);
	complete(&f->done);
	return HRTIMER_NORESTART;
}

/* Report a fault on @e from hard interrupt context. */
static void drm_dep_test_fault_from_irq(struct drm_dep_engine *e)
{
	struct drm_dep_test_fault_irq f = { .engine = e };

	init_completion(&f.done);
	hrtimer_init_on_stack(&f.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	f.timer.function = drm_dep_test_fault_fn;
	hrtimer_start(&f.timer, ns_to_ktime(10 * NSEC_PER_USEC), HRTIMER_MODE_REL);
	wait_for_completion(&f.done);
	hrtimer_cancel(&f.timer);
	destroy_hrtimer_on_stack(&f.timer);
}

/*
 * A fault on an engine without a timeout: the handler runs at once for the
 * hung job and resets; the next job runs normally.
 */
static void drm_dep_test_fault(struct kunit *test, enum drm_dep_mock_ret ret)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *next = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	job->ret = ret;
	job->hang = true;
	fence = drm_dep_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));

	drm_dep_test_fault_from_irq(drm_dep_job_engine(&job->base));
	drm_dep_mock_expect_fence_put(test, fence, -ETIMEDOUT);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->resets), 1);

	next->ret = ret;
	drm_dep_mock_submit_expect(test, next, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_job_put(next);
	drm_dep_mock_queue_put(mq);
}

static void drm_dep_test_fault_fenced(struct kunit *test)
{
	drm_dep_test_fault(test, DRM_DEP_MOCK_RET_HW);
}

static void drm_dep_test_fault_running(struct kunit *test)
{
	drm_dep_test_fault(test, DRM_DEP_MOCK_RET_IRQ);
}

/* A fault while the queue is stopped is handled when it starts. */
static void drm_dep_test_fault_while_stopped(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	job->hang = true;
	fence = drm_dep_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));

	drm_dep_queue_stop(&mq->base);
	drm_dep_engine_fault(drm_dep_job_engine(&job->base));
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 0);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fence));

	drm_dep_queue_start(&mq->base);
	drm_dep_mock_expect_fence_put(test, fence, -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/*
 * A fault reported while an older job's completion is still to come: the
 * older job completes before the handler runs, and the fault is not lost:
 * the handler runs for the job that is then the oldest. A fault with no
 * job on the hardware is forgotten.
 */
static void drm_dep_test_fault_after_late_completion(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.credit_limit = 2,
	};
	struct drm_dep_mock_test *priv = test->priv;
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *hung = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence, *fhung;
	struct drm_dep_engine *e;

	job->duration_us = 0;
	hung->hang = true;
	fence = drm_dep_mock_job_submit(job);
	fhung = drm_dep_mock_job_submit(hung);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 2));
	e = drm_dep_job_engine(&job->base);

	/* The handler would run at once: hold it until the completion. */
	drm_dep_queue_stop(&mq->base);
	drm_dep_engine_fault(e);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	drm_dep_mock_expect_fence_put(test, fence, 1);
	drm_dep_queue_start(&mq->base);

	drm_dep_mock_expect_fence_put(test, fhung, -ETIMEDOUT);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq, 1));

	drm_dep_engine_fault(e);
	flush_workqueue(priv->wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_job_put(hung);
	drm_dep_mock_queue_put(mq);
}

/* A fault on a queue without a timeout handler warns and does nothing. */
static void drm_dep_test_fault_without_handler(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.no_timedout_job = true,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	job->duration_us = 0;
	fence = drm_dep_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));
	DRM_DEP_EXPECT_WARN(test,
			    drm_dep_engine_fault(drm_dep_job_engine(&job->base)));
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fence));

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	drm_dep_mock_expect_fence_put(test, fence, 1);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

static struct kunit_case drm_dep_fault_cases[] = {
	KUNIT_CASE(drm_dep_test_fault_fenced),
	KUNIT_CASE(drm_dep_test_fault_running),
	KUNIT_CASE(drm_dep_test_fault_while_stopped),
	KUNIT_CASE(drm_dep_test_fault_after_late_completion),
	KUNIT_CASE(drm_dep_test_fault_without_handler),
	{}
};

static struct kunit_suite drm_dep_fault_suite = {
	.name = "drm_dep_fault",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_fault_cases,
};

kunit_test_suites(&drm_dep_irq_suite, &drm_dep_fault_suite);

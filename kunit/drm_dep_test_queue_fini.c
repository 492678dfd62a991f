// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Synchronous queue teardown: drm_dep_queue_fini() returns once every job
 * of the queue was released and the teardown ran, so that the driver may
 * free the queue itself and needs no release callback. Pushed jobs still
 * run, unless the caller is being killed, before or during the wait; a
 * killed queue takes the highest priority, so that it drains behind busy
 * queues of a higher one than it had. A queue on shared engines may also
 * leave its name to the first engine. (That a queue without release must
 * be ended with fini is in drm_dep_basic.)
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>

#include "drm_dep_mock.h"

/**
 * struct drm_dep_test_finier - calls drm_dep_mock_queue_fini() in a thread
 * @mq: the queue to end
 * @dying: the thread has SIGKILL pending when it calls fini
 * @task: the thread; the test holds a reference to it
 * @done: completed when fini returned
 * @ok: what drm_dep_mock_queue_fini() returned
 *
 * Allocated, so that a fini that never returns leaves it leaked rather
 * than on a test stack that is gone.
 */
struct drm_dep_test_finier {
	struct drm_dep_mock_queue *mq;
	bool dying;
	struct task_struct *task;
	struct completion done;
	bool ok;
};

static int drm_dep_test_finier_fn(void *data)
{
	struct drm_dep_test_finier *f = data;

	allow_signal(SIGKILL);
	if (f->dying)
		send_sig(SIGKILL, current, 1);
	f->ok = drm_dep_mock_queue_fini(f->mq);
	flush_signals(current);
	complete(&f->done);
	return 0;
}

/*
 * Start fini of @mq in a thread of its own; @mq belongs to that thread
 * from now on. Expects fini to be still waiting a moment later.
 */
static struct drm_dep_test_finier *
drm_dep_test_finier_start(struct kunit *test, struct drm_dep_mock_queue *mq,
			  bool dying)
{
	struct drm_dep_test_finier *f = kzalloc(sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->mq = mq;
	f->dying = dying;
	init_completion(&f->done);
	f->task = kthread_create(drm_dep_test_finier_fn, f, "drm_dep_finier");
	if (IS_ERR(f->task))
		kfree(f);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f->task));
	get_task_struct(f->task);
	wake_up_process(f->task);

	/* A fini that does not wait returns meanwhile. */
	KUNIT_EXPECT_FALSE(test,
			   wait_for_completion_timeout(&f->done, HZ / 10));
	return f;
}

static void drm_dep_test_finier_end(struct kunit *test,
				    struct drm_dep_test_finier *f)
{
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&f->done,
							    DRM_DEP_MOCK_WAIT));
	KUNIT_EXPECT_TRUE(test, f->ok);
	put_task_struct(f->task);
	kfree(f);
}

/*
 * fini with a job on the hardware waits for it to complete, then returns
 * with the queue's memory the caller's: no release callback at all.
 */
static void drm_dep_test_queue_fini_waits_for_hw(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.no_release = true,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_test_finier *f;
	struct dma_fence *fence;

	job->duration_us = 0;
	fence = drm_dep_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));
	drm_dep_mock_job_put(job);

	f = drm_dep_test_finier_start(test, mq, false);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	drm_dep_test_finier_end(test, f);

	drm_dep_mock_expect_fence_put(test, fence, 1);
}

/*
 * Jobs pushed and not yet run when fini is called still run, normally:
 * fini kills nothing for a caller that is not being killed.
 */
static void drm_dep_test_queue_fini_runs_pending(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.credit_limit = 1,
		.no_release = true,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job[2];
	struct dma_fence *fence[2];
	struct drm_dep_test_finier *f;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(job); i++) {
		job[i] = drm_dep_mock_job_new(test, mq, 1, 0);
		job[i]->duration_us = 0;
		fence[i] = drm_dep_mock_job_submit(job[i]);
	}
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));

	f = drm_dep_test_finier_start(test, mq, false);
	/* The second job runs once the first leaves it the credit. */
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 2));
	KUNIT_EXPECT_EQ(test, job[1]->run_error, 0);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	/* The test's references keep fini waiting: drop them. */
	KUNIT_EXPECT_FALSE(test, completion_done(&f->done));
	for (i = 0; i < ARRAY_SIZE(job); i++)
		drm_dep_mock_job_put(job[i]);
	drm_dep_test_finier_end(test, f);

	for (i = 0; i < ARRAY_SIZE(fence); i++)
		drm_dep_mock_expect_fence_put(test, fence[i], 1);
}

/*
 * Two jobs, the first on the hardware and the second pending behind it for
 * the credit; fini in a thread, with SIGKILL pending from the start or
 * sent while it waits. Either way the pending job is cancelled, as after
 * drm_dep_queue_kill(), and only the hardware is waited for.
 */
static void drm_dep_test_queue_fini_killed(struct kunit *test, bool dying)
{
	static const struct drm_dep_mock_queue_args args = {
		.credit_limit = 1,
		.no_release = true,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job[2];
	struct dma_fence *fence[2];
	struct drm_dep_test_finier *f;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(job); i++) {
		job[i] = drm_dep_mock_job_new(test, mq, 1, 0);
		job[i]->duration_us = 0;
		fence[i] = drm_dep_mock_job_submit(job[i]);
		drm_dep_mock_job_put(job[i]);
	}
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));

	f = drm_dep_test_finier_start(test, mq, dying);
	if (!dying)
		send_sig(SIGKILL, f->task, 1);
	/* The finier kills the queue: before that the job would just run. */
	for (i = 0; i < 50 && !READ_ONCE(mq->base.killed); i++)
		msleep(20);
	KUNIT_ASSERT_TRUE(test, READ_ONCE(mq->base.killed));
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	drm_dep_test_finier_end(test, f);

	drm_dep_mock_expect_fence_put(test, fence[0], 1);
	drm_dep_mock_expect_fence_put(test, fence[1], -ECANCELED);
}

/* The caller is being killed when it calls fini (its process exits). */
static void drm_dep_test_queue_fini_dying(struct kunit *test)
{
	drm_dep_test_queue_fini_killed(test, true);
}

/* The caller is killed while fini waits for the queue's jobs. */
static void drm_dep_test_queue_fini_killed_waiting(struct kunit *test)
{
	drm_dep_test_queue_fini_killed(test, false);
}

/*
 * A killed queue's cancelled jobs go before the jobs of a busy queue of a
 * higher priority on the same engine: otherwise a killed low-priority
 * queue, and a fini waiting for it, would wait for as long as the other
 * queue has work.
 */
static void drm_dep_test_queue_kill_goes_first(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "busy", 1,
							     0);
	struct drm_dep_mock_queue_args args = {
		.engines = &me,
		.num_engines = 1,
	};
	struct drm_dep_mock_job *high[2], *low;
	struct drm_dep_mock_queue *mq[2];
	struct dma_fence *fence[3];
	unsigned int i;

	args.priority = DRM_DEP_PRIORITY_HIGH;
	mq[0] = drm_dep_mock_queue_new(test, &args);
	args.priority = DRM_DEP_PRIORITY_LOW;
	mq[1] = drm_dep_mock_queue_new(test, &args);

	for (i = 0; i < ARRAY_SIZE(high); i++) {
		high[i] = drm_dep_mock_job_new(test, mq[0], 1, 0);
		high[i]->duration_us = 0;
		fence[i] = drm_dep_mock_job_submit(high[i]);
	}
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq[0], 1));
	low = drm_dep_mock_job_new(test, mq[1], 1, 0);
	fence[2] = drm_dep_mock_job_submit(low);
	drm_dep_queue_kill(&mq[1]->base);
	/* A priority given after the kill is ignored. */
	drm_dep_queue_set_priority(&mq[1]->base, DRM_DEP_PRIORITY_LOW);

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq[0], 1), 1);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq[0], 2));
	KUNIT_EXPECT_EQ(test, low->run_error, -ECANCELED);
	KUNIT_EXPECT_EQ(test, atomic_read(&low->run_count), 1);
	KUNIT_EXPECT_LT(test, low->run_order, high[1]->run_order);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq[0], 1), 1);

	drm_dep_mock_expect_fence_put(test, fence[0], 1);
	drm_dep_mock_expect_fence_put(test, fence[1], 1);
	drm_dep_mock_expect_fence_put(test, fence[2], -ECANCELED);
	for (i = 0; i < ARRAY_SIZE(high); i++)
		drm_dep_mock_job_put(high[i]);
	drm_dep_mock_job_put(low);
	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

/*
 * A queue that has a release callback may be ended with fini too: the
 * release has run when fini returns. On a shared engine, which may be
 * finalised right after.
 */
static void drm_dep_test_queue_fini_with_release(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "fini", 1,
							     0);
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_on(test, "released",
							      me, 0);
	int released = atomic_read(&drm_dep_mock_stats.queues_released);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	fence = drm_dep_mock_job_submit(job);
	drm_dep_mock_job_put(job);

	KUNIT_EXPECT_TRUE(test, drm_dep_mock_queue_fini(mq));
	KUNIT_EXPECT_EQ(test, atomic_read(&drm_dep_mock_stats.queues_released),
			released + 1);
	drm_dep_mock_expect_fence_put(test, fence, 1);
	drm_dep_mock_engine_fini(test, me);
}

/*
 * A queue on shared engines given no name takes the first engine's, as a
 * drm_sched fence is named after its scheduler; a queue with a private
 * engine has nothing to take it from and is refused.
 */
static void drm_dep_test_queue_name_from_engine(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "ring0", 1,
							     0);
	struct drm_dep_mock_queue_args args = {
		.engines = &me,
		.num_engines = 1,
		.no_name = true,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	const struct drm_dep_queue_ops *ops = mq->base.ops;
	struct drm_dep_queue_args qargs = {
		.ops = ops,
		.credit_limit = 1,
	};
	struct drm_dep_queue *q = kunit_kzalloc(test, sizeof(*q), GFP_KERNEL);
	struct dma_fence *fence;

	KUNIT_EXPECT_STREQ(test, drm_dep_queue_name(&mq->base), "ring0");
	fence = drm_dep_mock_job_submit(job);
	KUNIT_EXPECT_STREQ(test, fence->ops->get_timeline_name(fence),
			   "ring0");
	drm_dep_mock_expect_fence_put(test, fence, 1);
	drm_dep_mock_job_put(job);

	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_EXPECT_EQ(test, drm_dep_queue_init(q, &qargs), -EINVAL);

	drm_dep_mock_teardown(test, &mq, 1, &me, 1);
}

static struct kunit_case drm_dep_queue_fini_cases[] = {
	KUNIT_CASE(drm_dep_test_queue_fini_waits_for_hw),
	KUNIT_CASE(drm_dep_test_queue_fini_runs_pending),
	KUNIT_CASE(drm_dep_test_queue_fini_dying),
	KUNIT_CASE(drm_dep_test_queue_fini_killed_waiting),
	KUNIT_CASE(drm_dep_test_queue_kill_goes_first),
	KUNIT_CASE(drm_dep_test_queue_fini_with_release),
	KUNIT_CASE(drm_dep_test_queue_name_from_engine),
	{}
};

static struct kunit_suite drm_dep_queue_fini_suite = {
	.name = "drm_dep_queue_fini",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_queue_fini_cases,
};

kunit_test_suite(drm_dep_queue_fini_suite);

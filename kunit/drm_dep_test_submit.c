// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Credits, bypass submission and IRQ-safe release.
 */

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/prandom.h>
#include <linux/slab.h>

#include <kunit/test.h>

#include "drm_dep_mock.h"

static struct drm_dep_mock_queue *
drm_dep_test_queue(struct kunit *test, u32 credit_limit, u32 flags)
{
	struct drm_dep_mock_queue_args args = {
		.credit_limit = credit_limit,
		.flags = flags,
	};

	return drm_dep_mock_queue_new(test, &args);
}

/* With one credit, the second job waits for the first to complete. */
static void drm_dep_test_credit_limit_one(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_test_queue(test, 1, 0);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fa, *fb;

	a->duration_us = 0;
	b->duration_us = 0;
	fa = drm_dep_mock_job_submit(a);
	fb = drm_dep_mock_job_submit(b);

	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 0);

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_runs(mq, 2));
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

/*
 * Jobs of 3 and 1 credits fill a limit of 4 together; a third job of one
 * credit waits until credits return, which happens when a hardware fence
 * signals.
 */
static void drm_dep_test_credits_fill(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_test_queue(test, 4, 0);
	struct drm_dep_mock_job *job[3];
	struct dma_fence *fence[3];
	static const u32 credits[3] = { 3, 1, 1 };
	int i;

	for (i = 0; i < 3; i++) {
		job[i] = drm_dep_mock_job_new(test, mq, credits[i], 0);
		job[i]->duration_us = 0;
		fence[i] = drm_dep_mock_job_submit(job[i]);
	}

	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 2));
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&job[2]->run_count), 0);

	/* The 3-credit job completes; its credits let the third job run. */
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_runs(mq, 3));
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 2), 2);

	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fence[i]));
		KUNIT_EXPECT_EQ(test, atomic_read(&job[i]->run_count), 1);
		dma_fence_put(fence[i]);
		drm_dep_mock_job_put(job[i]);
	}
	drm_dep_mock_queue_put(mq);
}

/*
 * A job that takes every credit runs alone: jobs before it drain first and
 * jobs after it wait for it.
 */
static void drm_dep_test_credits_whole_engine(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_test_queue(test, 4, 0);
	struct drm_dep_mock_job *small = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *big = drm_dep_mock_job_new(test, mq, 4, 0);
	struct drm_dep_mock_job *after = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fs, *fbig, *fa;

	small->duration_us = 0;
	big->duration_us = 0;
	after->duration_us = 0;
	fs = drm_dep_mock_job_submit(small);
	fbig = drm_dep_mock_job_submit(big);
	fa = drm_dep_mock_job_submit(after);

	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 1);

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 2));
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&after->run_count), 0);

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 3));
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fa));
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fs), 1);
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fbig), 1);

	dma_fence_put(fs);
	dma_fence_put(fbig);
	dma_fence_put(fa);
	drm_dep_mock_job_put(small);
	drm_dep_mock_job_put(big);
	drm_dep_mock_job_put(after);
	drm_dep_mock_queue_put(mq);
}

/* Credits also return for jobs that failed on the hardware. */
static void drm_dep_test_credits_return_on_error(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_test_queue(test, 1, 0);
	struct dma_fence *fences[6];
	int i;

	for (i = 0; i < ARRAY_SIZE(fences); i++) {
		struct drm_dep_mock_job *job;

		job = drm_dep_mock_job_new(test, mq, 1, 0);
		job->duration_us = 20;
		if (i % 3 == 1)
			job->hw_error = -EIO;
		if (i % 3 == 2) {
			job->ret = DRM_DEP_MOCK_RET_ERR;
			job->ret_err = -ENOMEM;
		}
		fences[i] = drm_dep_mock_job_submit(job);
		drm_dep_mock_job_put(job);
	}

	for (i = 0; i < ARRAY_SIZE(fences); i++) {
		static const int expect[3] = { 1, -EIO, -ENOMEM };

		drm_dep_mock_expect_fence_put(test, fences[i], expect[i % 3]);
	}
	drm_dep_mock_queue_put(mq);
}

static struct kunit_case drm_dep_credits_cases[] = {
	KUNIT_CASE(drm_dep_test_credit_limit_one),
	KUNIT_CASE(drm_dep_test_credits_fill),
	KUNIT_CASE(drm_dep_test_credits_whole_engine),
	KUNIT_CASE(drm_dep_test_credits_return_on_error),
	{}
};

static struct kunit_suite drm_dep_credits_suite = {
	.name = "drm_dep_credits",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_credits_cases,
};

/* On an idle bypass queue the pusher calls run_job() itself. */
static void drm_dep_test_bypass_in_pusher(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_queue(test, 0, DRM_DEP_QUEUE_BYPASS);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	fence = drm_dep_mock_job_submit(job);

	/* No waiting: run_job() was called before push returned. */
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	KUNIT_EXPECT_PTR_EQ(test, job->run_task, current);
	KUNIT_EXPECT_FALSE(test, job->run_in_worker);
	drm_dep_mock_expect_fence_put(test, fence, 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* Without the flag, the submit worker runs every job. */
static void drm_dep_test_no_bypass_in_worker(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_test_queue(test, 0, 0);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);

	drm_dep_mock_submit_expect(test, job, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	KUNIT_EXPECT_PTR_NE(test, job->run_task, current);
	KUNIT_EXPECT_TRUE(test, job->run_in_worker);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* Bypass needs credits: a job that lacks them is left to the worker. */
static void drm_dep_test_bypass_no_credits(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_queue(test, 1, DRM_DEP_QUEUE_BYPASS);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fa, *fb;

	a->duration_us = 0;
	fa = drm_dep_mock_job_submit(a);
	KUNIT_EXPECT_EQ(test, atomic_read(&a->run_count), 1);
	KUNIT_EXPECT_FALSE(test, a->run_in_worker);

	fb = drm_dep_mock_job_submit(b);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 0);

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fb));
	KUNIT_EXPECT_TRUE(test, b->run_in_worker);

	dma_fence_put(fa);
	dma_fence_put(fb);
	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

/* Bypass needs signalled dependencies. */
static void drm_dep_test_bypass_unsignalled_dep(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_queue(test, 0, DRM_DEP_QUEUE_BYPASS);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct dma_fence *fence;

	fence = drm_dep_mock_submit_after(test, job, dep);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 0);

	drm_dep_mock_fence_signal(dep, 0);
	drm_dep_mock_expect_fence_put(test, fence, 1);
	KUNIT_EXPECT_TRUE(test, job->run_in_worker);

	dma_fence_put(dep);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* Bypass never runs a job on a stopped queue; start hands it over. */
static void drm_dep_test_bypass_stopped(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_queue(test, 0, DRM_DEP_QUEUE_BYPASS);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	drm_dep_queue_stop(&mq->base);
	fence = drm_dep_mock_job_submit(job);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 0);

	drm_dep_queue_start(&mq->base);
	drm_dep_mock_expect_fence_put(test, fence, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	KUNIT_EXPECT_TRUE(test, job->run_in_worker);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* A job pushed behind pending jobs must not overtake them by bypass. */
static void drm_dep_test_bypass_behind_pending(struct kunit *test)
{
	struct drm_dep_mock_queue *mq =
		drm_dep_test_queue(test, 0, DRM_DEP_QUEUE_BYPASS);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct dma_fence *fa, *fb;

	fa = drm_dep_mock_submit_after(test, a, dep);
	fb = drm_dep_mock_job_submit(b);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 0);

	drm_dep_mock_fence_signal(dep, 0);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fb));
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fa), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->order_errors), 0);
	KUNIT_EXPECT_TRUE(test, b->run_in_worker);

	dma_fence_put(dep);
	dma_fence_put(fa);
	dma_fence_put(fb);
	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

#define DRM_DEP_RACE_THREADS	4
#define DRM_DEP_RACE_JOBS	400

/**
 * struct drm_dep_race - shared state of the bypass race
 * @mq: two bypass queues
 * @lock: serialises arm and push per queue, as drivers must
 * @last: last finished fence of each queue, under @lock
 * @fences: every finished fence, for the final wait
 * @next: next free slot in @fences
 * @failures: jobs that could not be created
 */
struct drm_dep_race {
	struct drm_dep_mock_queue *mq[2];
	struct mutex lock[2]; /* arm and push of each queue */
	struct dma_fence *last[2];
	struct dma_fence **fences;
	atomic_t next;
	atomic_t failures;
};

/**
 * struct drm_dep_race_thread - one pusher of the bypass race
 * @race: the shared state
 * @seed: its random seed
 * @done: completed when the pusher is finished
 */
struct drm_dep_race_thread {
	struct drm_dep_race *race;
	u32 seed;
	struct completion done;
};

static int drm_dep_race_pusher(void *data)
{
	struct drm_dep_race_thread *t = data;
	struct drm_dep_race *race = t->race;
	struct rnd_state rnd;
	int i;

	prandom_seed_state(&rnd, t->seed);

	for (i = 0; i < DRM_DEP_RACE_JOBS; i++) {
		u32 r = prandom_u32_state(&rnd);
		int q = r & 1;
		struct drm_dep_mock_queue *mq = race->mq[q];
		struct drm_dep_mock_job *job = drm_dep_mock_job_alloc();

		if (!job) {
			atomic_inc(&race->failures);
			continue;
		}
		job->mq = mq;
		job->duration_us = 1 + (r >> 8) % 40;
		if (drm_dep_job_init(&job->base, &mq->base, 1, 0)) {
			drm_dep_mock_job_free_unused(job);
			atomic_inc(&race->failures);
			continue;
		}

		/* Now and then wait for the other queue: the worker takes over. */
		if (!((r >> 16) % 5)) {
			struct dma_fence *dep;

			mutex_lock(&race->lock[!q]);
			dep = dma_fence_get(race->last[!q]);
			mutex_unlock(&race->lock[!q]);
			if (dep &&
			    drm_dep_job_add_dependency(&job->base, dep))
				atomic_inc(&race->failures);
		}

		mutex_lock(&race->lock[q]);
		drm_dep_job_arm(&job->base);
		drm_dep_job_push(&job->base);
		dma_fence_put(race->last[q]);
		race->last[q] = dma_fence_get(drm_dep_job_finished_fence(&job->base));
		race->fences[atomic_inc_return(&race->next) - 1] =
			dma_fence_get(race->last[q]);
		mutex_unlock(&race->lock[q]);

		drm_dep_job_put(&job->base);
		if (!((r >> 24) % 8))
			usleep_range(10, 50);
		else
			cond_resched();
	}

	complete(&t->done);
	return 0;
}

/*
 * Several threads push to two bypass queues while the submit worker
 * drains what could not bypass: every job runs once, in arm order per
 * queue, and after what it waits for.
 */
static void drm_dep_test_bypass_race(struct kunit *test)
{
	const int total = DRM_DEP_RACE_THREADS * DRM_DEP_RACE_JOBS;
	struct drm_dep_race_thread *threads;
	struct drm_dep_race *race;
	int i, started = 0;
	bool stuck = false;

	race = kunit_kzalloc(test, sizeof(*race), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, race);
	race->fences = kunit_kcalloc(test, total, sizeof(*race->fences),
				     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, race->fences);
	threads = kunit_kcalloc(test, DRM_DEP_RACE_THREADS, sizeof(*threads),
				GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, threads);

	for (i = 0; i < 2; i++) {
		race->mq[i] = drm_dep_test_queue(test, 0, DRM_DEP_QUEUE_BYPASS);
		mutex_init(&race->lock[i]);
	}

	for (i = 0; i < DRM_DEP_RACE_THREADS; i++) {
		struct task_struct *task;

		threads[i].race = race;
		threads[i].seed = 0xd0d0 + i;
		init_completion(&threads[i].done);
		task = kthread_run(drm_dep_race_pusher, &threads[i],
				   "drm_dep_push%d", i);
		if (IS_ERR(task))
			break;
		started++;
	}
	KUNIT_EXPECT_EQ(test, started, DRM_DEP_RACE_THREADS);

	/* The pushers use test memory: wait for them however long it takes. */
	for (i = 0; i < started; i++)
		wait_for_completion(&threads[i].done);

	KUNIT_EXPECT_EQ(test, atomic_read(&race->failures), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&race->next), started * DRM_DEP_RACE_JOBS);

	for (i = 0; i < atomic_read(&race->next); i++) {
		/* Past the first stuck fence, do not wait for each again. */
		if (!stuck && !drm_dep_mock_fence_wait(race->fences[i]))
			stuck = true;
		KUNIT_EXPECT_EQ(test, dma_fence_get_status(race->fences[i]), 1);
		dma_fence_put(race->fences[i]);
	}
	KUNIT_EXPECT_FALSE(test, stuck);

	for (i = 0; i < 2; i++) {
		struct drm_dep_mock_queue *mq = race->mq[i];

		kunit_info(test, "queue %d: %d runs, %d by the worker\n", i,
			   atomic_read(&mq->runs), atomic_read(&mq->worker_runs));
		KUNIT_EXPECT_EQ(test, atomic_read(&mq->order_errors), 0);
		KUNIT_EXPECT_EQ(test, atomic_read(&mq->double_signals), 0);
		dma_fence_put(race->last[i]);
		drm_dep_mock_queue_put(mq);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&race->mq[0]->runs) +
			atomic_read(&race->mq[1]->runs),
			atomic_read(&race->next));
}

/* Retire the jobs behind a manual head from the hrtimer, holding no refs. */
static void drm_dep_test_release_context(struct kunit *test, u32 flags,
					 int *in_irq, int *in_hardirq)
{
	struct drm_dep_mock_queue *mq = drm_dep_test_queue(test, 0, flags);
	struct dma_fence *fences[9];

	/* The first job holds the ring until the test advances it. */
	drm_dep_mock_submit_many(test, mq, fences, 1, 0);
	drm_dep_mock_submit_many(test, mq, fences + 1, ARRAY_SIZE(fences) - 1,
				 50);

	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, ARRAY_SIZE(fences)));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 0);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);

	drm_dep_mock_expect_fences_put(test, fences, ARRAY_SIZE(fences), 1);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_frees(mq, ARRAY_SIZE(fences)));

	*in_irq = atomic_read(&mq->frees_in_irq);
	*in_hardirq = atomic_read(&mq->frees_in_hardirq);
	drm_dep_mock_queue_put(mq);
}

/*
 * With IRQ-safe release the queue drops its job reference in the hardware
 * fence callback: jobs completed by the hrtimer are freed in interrupt
 * context.
 */
static void drm_dep_test_irq_safe_release(struct kunit *test)
{
	int in_irq, in_hardirq;

	drm_dep_test_release_context(test, DRM_DEP_QUEUE_IRQ_SAFE_RELEASE,
				     &in_irq, &in_hardirq);
	/* The first job was completed by the test, in process context. */
	KUNIT_EXPECT_EQ(test, in_irq, 8);
	kunit_info(test, "%d frees in hard IRQ\n", in_hardirq);
}

/* Without it, free_job() always runs in process context. */
static void drm_dep_test_process_release(struct kunit *test)
{
	int in_irq, in_hardirq;

	drm_dep_test_release_context(test, 0, &in_irq, &in_hardirq);
	KUNIT_EXPECT_EQ(test, in_irq, 0);
	KUNIT_EXPECT_EQ(test, in_hardirq, 0);
}

static struct kunit_case drm_dep_bypass_cases[] = {
	KUNIT_CASE(drm_dep_test_bypass_in_pusher),
	KUNIT_CASE(drm_dep_test_no_bypass_in_worker),
	KUNIT_CASE(drm_dep_test_bypass_no_credits),
	KUNIT_CASE(drm_dep_test_bypass_unsignalled_dep),
	KUNIT_CASE(drm_dep_test_bypass_stopped),
	KUNIT_CASE(drm_dep_test_bypass_behind_pending),
	KUNIT_CASE(drm_dep_test_bypass_race),
	KUNIT_CASE(drm_dep_test_irq_safe_release),
	KUNIT_CASE(drm_dep_test_process_release),
	{}
};

static struct kunit_suite drm_dep_bypass_suite = {
	.name = "drm_dep_bypass",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_bypass_cases,
};

kunit_test_suites(&drm_dep_credits_suite, &drm_dep_bypass_suite);

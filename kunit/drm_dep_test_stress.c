// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Randomised stress: many queues, thousands of jobs, random dependencies
 * across queues, durations, errors, hangs with timeouts, jobs completed
 * with and without hardware fences on the same rings, abandoned jobs,
 * stops, and queues killed and torn down while their jobs are in flight.
 * Half of the queues have a private engine; the others share a few
 * engines, some of them bound to several engines and moved between them
 * by placement, while the engines are stopped and started too. The
 * outcome is checked by counting: every finished fence signalled, no
 * hardware fence signalled twice, no completion report lost, run order
 * held per queue, no job placed
 * on a wrong engine or split from its queue's jobs in flight, and every
 * job, queue and engine was freed (the suite's exit).
 */

#include <linux/module.h>
#include <linux/prandom.h>
#include <linux/slab.h>

#include <kunit/test.h>

#include "drm_dep_mock.h"

static unsigned int stress_seed = 0x5eed2026;
module_param(stress_seed, uint, 0444);
MODULE_PARM_DESC(stress_seed, "seed of the drm_dep_stress suite");

#define DRM_DEP_STRESS_QUEUES	12
#define DRM_DEP_STRESS_JOBS	8000
#define DRM_DEP_STRESS_WINDOW	64
/* Queues from this index on run on the shared engines. */
#define DRM_DEP_STRESS_PRIVATE	6
#define DRM_DEP_STRESS_ENGINES	3

/**
 * struct drm_dep_stress - state of one stress run
 * @rnd: the random state
 * @mq: the live queues
 * @me: the shared engines
 * @credit_limit: credit limit of each queue: the smallest of its engines'
 * @engine_credit_limit: credit limit of each shared engine
 * @stopped: stop count the test holds on each queue
 * @engine_stopped: stop count the test holds on each shared engine
 * @fences: every pushed job's finished fence
 * @count: entries used in @fences
 * @kills: queues killed and dropped mid-flight
 * @abandoned: jobs armed and dropped without push
 * @siblings: submissions of two jobs linked as siblings
 */
struct drm_dep_stress {
	struct rnd_state rnd;
	struct drm_dep_mock_queue *mq[DRM_DEP_STRESS_QUEUES];
	struct drm_dep_mock_engine *me[DRM_DEP_STRESS_ENGINES];
	u32 credit_limit[DRM_DEP_STRESS_QUEUES];
	u32 engine_credit_limit[DRM_DEP_STRESS_ENGINES];
	int stopped[DRM_DEP_STRESS_QUEUES];
	int engine_stopped[DRM_DEP_STRESS_ENGINES];
	struct dma_fence **fences;
	int count;
	int kills;
	int abandoned;
	int siblings;
};

static u32 drm_dep_stress_rand(struct drm_dep_stress *s, u32 n)
{
	return prandom_u32_state(&s->rnd) % n;
}

static struct drm_dep_mock_engine *
drm_dep_stress_engine(struct kunit *test, struct drm_dep_stress *s, int i)
{
	struct drm_dep_mock_engine_args args = {
		.name = "drm_dep_stress_engine",
		.timeout = HZ / 20,
		.credit_limit = 1 + drm_dep_stress_rand(s, 8),
		.own_wq = i & 1,
	};

	s->engine_credit_limit[i] = args.credit_limit;
	return drm_dep_mock_engine_new(test, &args);
}

/*
 * Queue @i: a private engine, or bound to a random non-empty set of the
 * shared engines.
 */
static struct drm_dep_mock_queue *
drm_dep_stress_queue(struct kunit *test, struct drm_dep_stress *s, int i)
{
	struct drm_dep_mock_engine *engines[DRM_DEP_STRESS_ENGINES];
	struct drm_dep_mock_queue_args args = {
		.name = "drm_dep_stress",
		.engines = engines,
	};

	if (i < DRM_DEP_STRESS_PRIVATE) {
		args.engines = NULL;
		args.timeout = HZ / 20;
		args.credit_limit = 1 + drm_dep_stress_rand(s, 8);
		args.own_wq = i & 1;
		s->credit_limit[i] = args.credit_limit;
	} else {
		u32 mask = 1 + drm_dep_stress_rand(s, BIT(DRM_DEP_STRESS_ENGINES) - 1);
		int e;

		s->credit_limit[i] = U32_MAX;
		for (e = 0; e < DRM_DEP_STRESS_ENGINES; e++) {
			if (!(mask & BIT(e)))
				continue;
			engines[args.num_engines++] = s->me[e];
			s->credit_limit[i] = min(s->credit_limit[i],
						 s->engine_credit_limit[e]);
		}
	}

	if (drm_dep_stress_rand(s, 2))
		args.flags |= DRM_DEP_QUEUE_BYPASS;
	if (!drm_dep_stress_rand(s, 3))
		args.flags |= DRM_DEP_QUEUE_IRQ_SAFE_RELEASE;
	if (!drm_dep_stress_rand(s, 4))
		args.flags |= DRM_DEP_QUEUE_IGNORE_DEP_ERRORS;

	return drm_dep_mock_queue_new(test, &args);
}

/* A job on a random queue with random behaviour and dependencies. */
static struct drm_dep_mock_job *drm_dep_stress_new_job(struct kunit *test,
						       struct drm_dep_stress *s,
						       int *queue)
{
	int q = drm_dep_stress_rand(s, DRM_DEP_STRESS_QUEUES);
	struct drm_dep_mock_job *job;
	u32 credits = 1 + drm_dep_stress_rand(s, 2);
	u32 r = drm_dep_stress_rand(s, 1000);
	int deps, i;

	credits = min(credits, s->credit_limit[q]);
	job = drm_dep_mock_job_new(test, s->mq[q], credits, 0);
	job->duration_us = 1 + drm_dep_stress_rand(s, 200);
	if (r < 5)
		job->hang = true;
	else if (r < 15)
		job->hw_error = -EIO;
	else if (r < 35)
		job->ret = DRM_DEP_MOCK_RET_NULL;
	else if (r < 40)
		job->ret = DRM_DEP_MOCK_RET_ERR;
	job->ret_err = -ENOSPC;
	/* A third of the hardware jobs complete without a fence. */
	if (job->ret == DRM_DEP_MOCK_RET_HW && !drm_dep_stress_rand(s, 3))
		job->ret = DRM_DEP_MOCK_RET_IRQ;

	deps = drm_dep_stress_rand(s, 4);
	for (i = 0; i < deps && s->count; i++) {
		int window = min(s->count, DRM_DEP_STRESS_WINDOW);
		struct dma_fence *dep;

		dep = s->fences[s->count - 1 - drm_dep_stress_rand(s, window)];
		KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, dep), 0);
	}

	*queue = q;
	return job;
}

static void drm_dep_stress_push(struct drm_dep_stress *s,
				struct drm_dep_mock_job *job)
{
	s->fences[s->count++] = drm_dep_mock_job_push(job);
	drm_dep_mock_job_put(job);
}

static void drm_dep_stress_abandon(struct drm_dep_stress *s,
				   struct drm_dep_mock_job *job)
{
	s->abandoned++;
	drm_dep_mock_job_put(job);
}

/*
 * One submission: mostly a single job, sometimes two where the second
 * waits for the first as a sibling; the first may be abandoned, and on
 * different queues the second may be pushed first.
 */
static void drm_dep_stress_submit(struct kunit *test, struct drm_dep_stress *s)
{
	struct drm_dep_mock_job *a, *b;
	int qa, qb;

	a = drm_dep_stress_new_job(test, s, &qa);
	drm_dep_job_arm(&a->base);

	if (drm_dep_stress_rand(s, 20)) {
		if (drm_dep_stress_rand(s, 200))
			drm_dep_stress_push(s, a);
		else
			drm_dep_stress_abandon(s, a);
		return;
	}

	b = drm_dep_stress_new_job(test, s, &qb);
	KUNIT_EXPECT_EQ(test, drm_dep_job_add_sibling_dependency(&b->base,
								 &a->base), 0);
	drm_dep_job_arm(&b->base);
	s->siblings++;

	if (!drm_dep_stress_rand(s, 10)) {
		drm_dep_stress_abandon(s, a);
		drm_dep_stress_push(s, b);
	} else if (qa != qb && drm_dep_stress_rand(s, 2)) {
		drm_dep_stress_push(s, b);
		drm_dep_stress_push(s, a);
	} else {
		drm_dep_stress_push(s, a);
		drm_dep_stress_push(s, b);
	}
}

/* Kill a queue with its jobs in flight, drop it, and replace it. */
static void drm_dep_stress_kill(struct kunit *test, struct drm_dep_stress *s)
{
	int q = drm_dep_stress_rand(s, DRM_DEP_STRESS_QUEUES);

	while (s->stopped[q]) {
		drm_dep_queue_start(&s->mq[q]->base);
		s->stopped[q]--;
	}
	drm_dep_queue_kill(&s->mq[q]->base);
	drm_dep_mock_queue_put(s->mq[q]);
	s->mq[q] = drm_dep_stress_queue(test, s, q);
	s->kills++;
}

static void drm_dep_stress_toggle(struct drm_dep_stress *s)
{
	int q = drm_dep_stress_rand(s, DRM_DEP_STRESS_QUEUES);

	if (s->stopped[q] && drm_dep_stress_rand(s, 2)) {
		drm_dep_queue_start(&s->mq[q]->base);
		s->stopped[q]--;
	} else if (s->stopped[q] < 2) {
		drm_dep_queue_stop(&s->mq[q]->base);
		s->stopped[q]++;
	}
}

static void drm_dep_stress_toggle_engine(struct drm_dep_stress *s)
{
	int e = drm_dep_stress_rand(s, DRM_DEP_STRESS_ENGINES);

	if (s->engine_stopped[e] && drm_dep_stress_rand(s, 2)) {
		drm_dep_engine_start(&s->me[e]->base);
		s->engine_stopped[e]--;
	} else if (s->engine_stopped[e] < 2) {
		drm_dep_engine_stop(&s->me[e]->base);
		s->engine_stopped[e]++;
	}
}

static void drm_dep_test_stress(struct kunit *test)
{
	int order_errors = atomic_read(&drm_dep_mock_stats.order_errors);
	int double_signals = atomic_read(&drm_dep_mock_stats.double_signals);
	int placement_errors =
		atomic_read(&drm_dep_mock_stats.placement_errors);
	int irq_lost = atomic_read(&drm_dep_mock_stats.irq_lost);
	struct drm_dep_mock_test *priv = test->priv;
	int ok = 0, failed = 0, stuck = 0;
	struct drm_dep_stress *s;
	long released;
	int i;

	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	s->fences = kunit_kcalloc(test, 2 * DRM_DEP_STRESS_JOBS,
				  sizeof(*s->fences), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s->fences);

	kunit_info(test, "seed %#x (drm_dep_kunit.stress_seed)\n", stress_seed);
	prandom_seed_state(&s->rnd, stress_seed);

	for (i = 0; i < DRM_DEP_STRESS_ENGINES; i++)
		s->me[i] = drm_dep_stress_engine(test, s, i);
	for (i = 0; i < DRM_DEP_STRESS_QUEUES; i++)
		s->mq[i] = drm_dep_stress_queue(test, s, i);

	for (i = 0; i < DRM_DEP_STRESS_JOBS; i++) {
		u32 event = drm_dep_stress_rand(s, 1000);

		if (event < 2)
			drm_dep_stress_kill(test, s);
		else if (event < 12)
			drm_dep_stress_toggle(s);
		else if (event < 15)
			drm_dep_stress_toggle_engine(s);
		drm_dep_stress_submit(test, s);
		if (!(i % 64))
			cond_resched();
	}

	for (i = 0; i < DRM_DEP_STRESS_ENGINES; i++) {
		while (s->engine_stopped[i]--)
			drm_dep_engine_start(&s->me[i]->base);
	}
	for (i = 0; i < DRM_DEP_STRESS_QUEUES; i++) {
		while (s->stopped[i]--)
			drm_dep_queue_start(&s->mq[i]->base);
		drm_dep_mock_queue_put(s->mq[i]);
	}

	for (i = 0; i < s->count; i++) {
		/* Past the first stuck fence, do not wait for each again. */
		if (!stuck && !drm_dep_mock_fence_wait(s->fences[i]))
			stuck = i + 1;
		if (dma_fence_get_status(s->fences[i]) == 1)
			ok++;
		else if (dma_fence_get_status(s->fences[i]) < 0)
			failed++;
		dma_fence_put(s->fences[i]);
	}

	kunit_info(test, "%d jobs: %d ok, %d failed, %d abandoned, %d sibling pairs; %d queues killed\n",
		   s->count, ok, failed, s->abandoned, s->siblings, s->kills);
	for (i = 0; i < DRM_DEP_STRESS_ENGINES; i++)
		kunit_info(test, "shared engine %d: %d credits, %d runs, %d resets\n",
			   i, s->engine_credit_limit[i],
			   atomic_read(&s->me[i]->runs),
			   atomic_read(&s->me[i]->resets));
	KUNIT_EXPECT_EQ_MSG(test, stuck, 0, "fence %d never signalled",
			    stuck - 1);
	KUNIT_EXPECT_EQ(test, ok + failed, s->count);
	KUNIT_EXPECT_EQ(test, atomic_read(&drm_dep_mock_stats.order_errors),
			order_errors);
	KUNIT_EXPECT_EQ(test, atomic_read(&drm_dep_mock_stats.double_signals),
			double_signals);
	KUNIT_EXPECT_EQ(test, atomic_read(&drm_dep_mock_stats.placement_errors),
			placement_errors);
	KUNIT_EXPECT_EQ(test, atomic_read(&drm_dep_mock_stats.irq_lost),
			irq_lost);

	released = wait_event_timeout(drm_dep_mock_stats.wq,
				      atomic_read(&drm_dep_mock_stats.queues) <=
				      priv->queues, DRM_DEP_MOCK_WAIT);
	KUNIT_EXPECT_GT(test, released, 0);

	/* The engines go last; with a queue left they stay, and leak. */
	if (released) {
		for (i = 0; i < DRM_DEP_STRESS_ENGINES; i++)
			drm_dep_mock_engine_fini(test, s->me[i]);
	}
}

static struct kunit_case drm_dep_stress_cases[] = {
	KUNIT_CASE_SLOW(drm_dep_test_stress),
	{}
};

static struct kunit_suite drm_dep_stress_suite = {
	.name = "drm_dep_stress",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_stress_cases,
};

kunit_test_suite(drm_dep_stress_suite);

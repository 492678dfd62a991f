// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Queue priorities on a shared engine: the submit worker serves the ready
 * queues of the highest priority first, round robin among them; a queue's
 * priority is set at init or changed later; a higher-priority queue whose
 * head waits on a dependency does not hold up the others, and a bypass
 * pusher does not overtake a head job whose dependencies the worker is
 * looking at, nor does that head job overtake a higher priority pushed
 * meanwhile. A priority out
 * of range is refused in drm_dep_engine's drm_dep_test_engine_args_invalid.
 */

#include <linux/completion.h>
#include <linux/dma-fence.h>
#include <linux/slab.h>

#include <kunit/test.h>

#include "drm_dep_mock.h"

#define DRM_DEP_PRIO_JOBS	4

/* A queue on @me with @priority given at drm_dep_queue_init(). */
static struct drm_dep_mock_queue *
drm_dep_test_prio_queue(struct kunit *test, struct drm_dep_mock_engine *me,
			enum drm_dep_priority priority)
{
	struct drm_dep_mock_queue_args args = {
		.name = "prio",
		.engines = &me,
		.num_engines = 1,
		.priority = priority,
	};

	return drm_dep_mock_queue_new(test, &args);
}

/*
 * With the engine stopped, push DRM_DEP_PRIO_JOBS jobs to each of the
 * @n queues in @mq, from the last queue to the first, then start the
 * engine and collect each job's place in the run order into @order.
 */
static void drm_dep_test_prio_run(struct kunit *test,
				  struct drm_dep_mock_engine *me,
				  struct drm_dep_mock_queue **mq, int n,
				  int order[][DRM_DEP_PRIO_JOBS])
{
	struct drm_dep_mock_job *job[4][DRM_DEP_PRIO_JOBS];
	struct dma_fence *fence[4][DRM_DEP_PRIO_JOBS];
	int q, j;

	KUNIT_ASSERT_LE(test, n, 4);
	drm_dep_engine_stop(&me->base);
	for (q = n - 1; q >= 0; q--) {
		for (j = 0; j < DRM_DEP_PRIO_JOBS; j++) {
			job[q][j] = drm_dep_mock_job_new(test, mq[q], 1, 0);
			job[q][j]->duration_us = 20;
			fence[q][j] = drm_dep_mock_job_submit(job[q][j]);
		}
	}
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&me->runs), 0);
	drm_dep_engine_start(&me->base);

	for (q = 0; q < n; q++) {
		drm_dep_mock_expect_fences_put(test, fence[q],
					       DRM_DEP_PRIO_JOBS, 1);
		for (j = 0; j < DRM_DEP_PRIO_JOBS; j++) {
			order[q][j] = job[q][j]->run_order;
			drm_dep_mock_job_put(job[q][j]);
		}
	}
}

/* Every job of queue @a ran before every job of queue @b. */
static bool drm_dep_test_prio_before(int order[][DRM_DEP_PRIO_JOBS],
				     int a, int b)
{
	int i, j;

	for (i = 0; i < DRM_DEP_PRIO_JOBS; i++) {
		for (j = 0; j < DRM_DEP_PRIO_JOBS; j++) {
			if (order[a][i] > order[b][j])
				return false;
		}
	}
	return true;
}

/*
 * Queues of the four priorities on a one-credit engine, created lowest
 * first so that the round's order is the reverse of the priorities': all
 * the jobs of a priority run before any job of the next.
 */
static void drm_dep_test_priority_order(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "prio", 1, 0);
	int order[DRM_DEP_PRIORITY_COUNT][DRM_DEP_PRIO_JOBS];
	struct drm_dep_mock_queue *mq[DRM_DEP_PRIORITY_COUNT];
	int p;

	for (p = DRM_DEP_PRIORITY_COUNT - 1; p >= 0; p--)
		mq[p] = drm_dep_test_prio_queue(test, me, p);

	drm_dep_test_prio_run(test, me, mq, DRM_DEP_PRIORITY_COUNT, order);
	for (p = 1; p < DRM_DEP_PRIORITY_COUNT; p++)
		KUNIT_EXPECT_TRUE_MSG(test,
				      drm_dep_test_prio_before(order, p - 1, p),
				      "priority %d before %d", p - 1, p);

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

/*
 * Two normal queues and a low one: the normal ones alternate, one job per
 * round, and the low one runs last.
 */
static void drm_dep_test_priority_round_robin(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "prio", 1, 0);
	int order[3][DRM_DEP_PRIO_JOBS];
	struct drm_dep_mock_queue *mq[3];
	int j;

	mq[0] = drm_dep_test_prio_queue(test, me, DRM_DEP_PRIORITY_NORMAL);
	mq[1] = drm_dep_test_prio_queue(test, me, DRM_DEP_PRIORITY_NORMAL);
	mq[2] = drm_dep_test_prio_queue(test, me, DRM_DEP_PRIORITY_LOW);

	drm_dep_test_prio_run(test, me, mq, 3, order);
	KUNIT_EXPECT_TRUE(test, drm_dep_test_prio_before(order, 0, 2));
	KUNIT_EXPECT_TRUE(test, drm_dep_test_prio_before(order, 1, 2));
	for (j = 1; j < DRM_DEP_PRIO_JOBS; j++) {
		int d0 = order[0][j] - order[0][j - 1];
		int d1 = order[1][j] - order[1][j - 1];

		KUNIT_EXPECT_EQ_MSG(test, d0, 2, "job %d of queue 0", j);
		KUNIT_EXPECT_EQ_MSG(test, d1, 2, "job %d of queue 1", j);
	}

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

/*
 * drm_dep_queue_set_priority() on three queues created with the same
 * priority: the last one of the round, set to the highest, runs first, and
 * the first one, set to the lowest, runs last.
 */
static void drm_dep_test_priority_set(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "prio", 1, 0);
	int order[3][DRM_DEP_PRIO_JOBS];
	struct drm_dep_mock_queue *mq[3];

	mq[0] = drm_dep_mock_queue_on(test, "prio", me, 0);
	mq[1] = drm_dep_mock_queue_on(test, "prio", me, 0);
	mq[2] = drm_dep_mock_queue_on(test, "prio", me, 0);
	drm_dep_queue_set_priority(&mq[0]->base, DRM_DEP_PRIORITY_LOW);
	drm_dep_queue_set_priority(&mq[1]->base, DRM_DEP_PRIORITY_NORMAL);
	drm_dep_queue_set_priority(&mq[2]->base, DRM_DEP_PRIORITY_HIGH);

	drm_dep_test_prio_run(test, me, mq, 3, order);
	KUNIT_EXPECT_TRUE(test, drm_dep_test_prio_before(order, 2, 1));
	KUNIT_EXPECT_TRUE(test, drm_dep_test_prio_before(order, 1, 0));

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

/*
 * A high-priority queue whose head waits on a fence does not hold up a
 * low one: the low queue's jobs run meanwhile, and the high queue's once
 * the fence signals.
 */
static void drm_dep_test_priority_blocked(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "prio", 1, 0);
	struct drm_dep_mock_queue *mq[2];
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct dma_fence *fl[DRM_DEP_PRIO_JOBS], *fh;
	struct drm_dep_mock_job *job;

	mq[0] = drm_dep_test_prio_queue(test, me, DRM_DEP_PRIORITY_HIGH);
	mq[1] = drm_dep_test_prio_queue(test, me, DRM_DEP_PRIORITY_LOW);

	job = drm_dep_mock_job_new(test, mq[0], 1, 0);
	job->duration_us = 20;
	fh = drm_dep_mock_submit_after(test, job, dep);
	drm_dep_mock_submit_many(test, mq[1], fl, DRM_DEP_PRIO_JOBS, 20);
	drm_dep_mock_expect_fences_put(test, fl, DRM_DEP_PRIO_JOBS, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 0);

	drm_dep_mock_fence_signal(dep, 0);
	dma_fence_put(dep);
	drm_dep_mock_expect_fence_put(test, fh, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	drm_dep_mock_job_put(job);

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

/**
 * struct drm_dep_test_gate - a foreign fence that holds up the worker
 * @base: the fence
 * @lock: the fence's lock, for dma_fence_signal()
 * @armed: the next dma_fence_is_signaled() blocks until @release, then
 *	reports the fence signalled
 * @entered: completed when that call started
 * @release: completed by the test to let it return
 */
struct drm_dep_test_gate {
	struct dma_fence base;
	spinlock_t lock; /* the fence's lock */
	bool armed;
	struct completion entered;
	struct completion release;
};

static const char *drm_dep_test_gate_name(struct dma_fence *fence)
{
	return "drm_dep_test_gate";
}

static bool drm_dep_test_gate_signaled(struct dma_fence *fence)
{
	struct drm_dep_test_gate *g =
		container_of(fence, struct drm_dep_test_gate, base);

	if (!READ_ONCE(g->armed))
		return false;
	WRITE_ONCE(g->armed, false);
	complete(&g->entered);
	wait_for_completion_timeout(&g->release, 10 * HZ);
	return true;
}

static const struct dma_fence_ops drm_dep_test_gate_ops = {
	.get_driver_name = drm_dep_test_gate_name,
	.get_timeline_name = drm_dep_test_gate_name,
	.signaled = drm_dep_test_gate_signaled,
};

/*
 * A job of @gated's queue waits on a gate that holds the submit worker
 * inside the fence's signaled() while a job is pushed to @bypass's queue
 * (a bypass queue); then the gate opens. Whatever the order of the
 * pushes, the job of the higher priority runs first, and the bypass
 * pusher did not run its job itself meanwhile.
 */
static void drm_dep_test_prio_gate(struct kunit *test,
				   enum drm_dep_priority gated,
				   enum drm_dep_priority bypass)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "prio", 1, 0);
	struct drm_dep_mock_queue_args bargs = {
		.name = "bypass",
		.engines = &me,
		.num_engines = 1,
		.flags = DRM_DEP_QUEUE_BYPASS,
		.priority = bypass,
	};
	struct drm_dep_mock_job *gj, *bj;
	struct drm_dep_test_gate *gate;
	struct drm_dep_mock_queue *mq[2];
	struct dma_fence *gf, *bf;
	bool entered;
	int bruns;

	/* Freed by the last dma_fence_put(), as any fence without release. */
	gate = kzalloc(sizeof(*gate), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, gate);
	spin_lock_init(&gate->lock);
	init_completion(&gate->entered);
	init_completion(&gate->release);
	dma_fence_init(&gate->base, &drm_dep_test_gate_ops, &gate->lock,
		       dma_fence_context_alloc(1), 1);

	mq[0] = drm_dep_test_prio_queue(test, me, gated);
	mq[1] = drm_dep_mock_queue_new(test, &bargs);
	gj = drm_dep_mock_job_new(test, mq[0], 1, 0);
	gj->duration_us = 20;
	bj = drm_dep_mock_job_new(test, mq[1], 1, 0);
	bj->duration_us = 20;

	KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(gj, &gate->base), 0);
	WRITE_ONCE(gate->armed, true);
	gf = drm_dep_mock_job_submit(gj);
	entered = wait_for_completion_timeout(&gate->entered, 10 * HZ);
	KUNIT_EXPECT_TRUE(test, entered);

	/* The worker is inside the gate's signaled(): push the other job. */
	bf = drm_dep_mock_job_submit(bj);
	bruns = atomic_read(&bj->run_count);
	WRITE_ONCE(gate->armed, false);
	complete(&gate->release);
	/* Signalled already, unless the worker never reached the gate. */
	dma_fence_signal(&gate->base);

	if (entered)
		KUNIT_EXPECT_EQ(test, bruns, 0);
	drm_dep_mock_expect_fence_put(test, gf, 1);
	drm_dep_mock_expect_fence_put(test, bf, 1);
	if (gated < bypass)
		KUNIT_EXPECT_LT(test, gj->run_order, bj->run_order);
	else
		KUNIT_EXPECT_LT(test, bj->run_order, gj->run_order);
	drm_dep_mock_job_put(gj);
	drm_dep_mock_job_put(bj);
	dma_fence_put(&gate->base);

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

/*
 * The worker looks at a high-priority head job while a low-priority bypass
 * job is pushed: the pusher leaves it to the worker, the high job runs
 * first.
 */
static void drm_dep_test_priority_bypass_waits(struct kunit *test)
{
	drm_dep_test_prio_gate(test, DRM_DEP_PRIORITY_HIGH,
			       DRM_DEP_PRIORITY_LOW);
}

/*
 * The worker looks at a low-priority head job while a high-priority bypass
 * job is pushed: the worker finds the low job ready, but looks at the high
 * queue first.
 */
static void drm_dep_test_priority_recheck(struct kunit *test)
{
	drm_dep_test_prio_gate(test, DRM_DEP_PRIORITY_LOW,
			       DRM_DEP_PRIORITY_HIGH);
}

static struct kunit_case drm_dep_priority_cases[] = {
	KUNIT_CASE(drm_dep_test_priority_order),
	KUNIT_CASE(drm_dep_test_priority_round_robin),
	KUNIT_CASE(drm_dep_test_priority_set),
	KUNIT_CASE(drm_dep_test_priority_blocked),
	KUNIT_CASE(drm_dep_test_priority_bypass_waits),
	KUNIT_CASE(drm_dep_test_priority_recheck),
	{}
};

static struct kunit_suite drm_dep_priority_suite = {
	.name = "drm_dep_priority",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_priority_cases,
};

kunit_test_suite(drm_dep_priority_suite);

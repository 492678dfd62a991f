// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Shared engines (N:1): several queues on one hardware ring. A queue whose
 * head waits never holds up the others, queues take turns, jobs complete
 * in hardware order across queues, queues bound to several engines are
 * placed whole groups at a time, timeouts, resets and stops stay on their
 * engine, one queue is torn down while the others run, bypass and IRQ-safe
 * release keep working, and bad arguments are refused.
 */

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/sort.h>
#include <linux/workqueue.h>

#include <kunit/test.h>

#include "drm_dep_mock.h"

#define DRM_DEP_TEST_ENGINE_TIMEOUT	(HZ / 20)
#define DRM_DEP_TEST_ENGINE_STOP_TIMEOUT	(HZ / 4)

/* Index of the engine of @me that @job was placed on, or -1. */
static int drm_dep_test_engine_index(struct drm_dep_mock_job *job,
				     struct drm_dep_mock_engine **me,
				     unsigned int n)
{
	struct drm_dep_engine *e = drm_dep_job_engine(&job->base);
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (e == &me[i]->base)
			return i;
	}
	return -1;
}

#define DRM_DEP_HOL_A	5
#define DRM_DEP_HOL_B	50

/*
 * No head-of-line blocking: queue A's head waits on a fence that signals
 * only at the end. Queue B, on the same one-credit engine, runs all its
 * jobs meanwhile; A's jobs run, in order, once the fence signals.
 */
static void drm_dep_test_engine_no_hol_blocking(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "hol", 1, 0);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct dma_fence *fa[DRM_DEP_HOL_A], *fb[DRM_DEP_HOL_B];
	struct drm_dep_mock_queue *mq[2];
	struct drm_dep_mock_job *job;
	int i;

	mq[0] = drm_dep_mock_queue_on(test, "hol_a", me, 0);
	mq[1] = drm_dep_mock_queue_on(test, "hol_b", me, 0);

	job = drm_dep_mock_job_new(test, mq[0], 1, 0);
	fa[0] = drm_dep_mock_submit_after(test, job, dep);
	drm_dep_mock_job_put(job);
	drm_dep_mock_submit_many(test, mq[0], fa + 1, DRM_DEP_HOL_A - 1, 100);
	drm_dep_mock_submit_many(test, mq[1], fb, DRM_DEP_HOL_B, 100);

	drm_dep_mock_expect_fences_put(test, fb, DRM_DEP_HOL_B, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[1]->runs), DRM_DEP_HOL_B);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[1]->order_errors), 0);

	/* A is still entirely waiting behind its head. */
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[0]->runs), 0);
	for (i = 0; i < DRM_DEP_HOL_A; i++)
		KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fa[i]));

	drm_dep_mock_fence_signal(dep, 0);
	drm_dep_mock_expect_fences_put(test, fa, DRM_DEP_HOL_A, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[0]->runs), DRM_DEP_HOL_A);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[0]->order_errors), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&me->runs),
			DRM_DEP_HOL_A + DRM_DEP_HOL_B);
	KUNIT_EXPECT_EQ(test, atomic_read(&me->hw_completions),
			DRM_DEP_HOL_A + DRM_DEP_HOL_B);

	dma_fence_put(dep);
	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

#define DRM_DEP_FAIR_HEAVY	200
#define DRM_DEP_FAIR_ROUNDS	20

/*
 * The most heavy jobs that may run between the push of an interactive job
 * (its return: &drm_dep_mock_job.push_order) and its run_job(): one, the
 * N - 1 of DOC: engines for two queues. Both
 * queues are always in the engine's round; the worker takes the first
 * ready one, runs one of its jobs and puts it at the back. When the
 * interactive job arrives, its queue is either ahead of the heavy one in
 * the round, and runs next, or behind it, and runs after one heavy job. A
 * heavy job the worker had already picked (or was waiting for the credit
 * for) when the push came is that same one job: running it put the heavy
 * queue behind the interactive one. Heavy jobs on the hardware at the push
 * ran before it and do not count.
 */
#define DRM_DEP_FAIR_MAX_AHEAD	1

static int drm_dep_test_cmp_s64(const void *a, const void *b)
{
	s64 x = *(const s64 *)a, y = *(const s64 *)b;

	return x < y ? -1 : x > y;
}

/* Print the median and the maximum of @n latencies, sorting them. */
static void drm_dep_test_print_latency(struct kunit *test, const char *who,
				       s64 *us, unsigned int n)
{
	sort(us, n, sizeof(*us), drm_dep_test_cmp_s64, NULL);
	kunit_info(test, "%s latency: p50 %lld us, max %lld us\n", who,
		   us[n / 2], us[n - 1]);
}

/*
 * A heavy client with a deep queue against an interactive client that
 * submits one job, waits for it, and submits the next, on one engine with
 * one credit. The interactive jobs get their turn within a bounded number
 * of heavy jobs; the shares and latencies are only printed.
 */
static void drm_dep_test_engine_fairness(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "fair", 1, 0);
	struct drm_dep_mock_job **heavy, *inter[DRM_DEP_FAIR_ROUNDS];
	struct dma_fence **hfence;
	s64 *hlat, ilat[DRM_DEP_FAIR_ROUNDS];
	ktime_t *hpush;
	struct drm_dep_mock_queue *mq[2];
	unsigned int max_ahead = 0, contended = 0, heavy_share = 0;
	u64 first_push, last_run;
	int i, r;

	heavy = kunit_kcalloc(test, DRM_DEP_FAIR_HEAVY, sizeof(*heavy),
			      GFP_KERNEL);
	hfence = kunit_kcalloc(test, DRM_DEP_FAIR_HEAVY, sizeof(*hfence),
			       GFP_KERNEL);
	hpush = kunit_kcalloc(test, DRM_DEP_FAIR_HEAVY, sizeof(*hpush),
			      GFP_KERNEL);
	hlat = kunit_kcalloc(test, DRM_DEP_FAIR_HEAVY, sizeof(*hlat),
			     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, heavy);
	KUNIT_ASSERT_NOT_NULL(test, hlat);
	KUNIT_ASSERT_NOT_NULL(test, hfence);
	KUNIT_ASSERT_NOT_NULL(test, hpush);

	mq[0] = drm_dep_mock_queue_on(test, "heavy", me, 0);
	mq[1] = drm_dep_mock_queue_on(test, "interactive", me, 0);

	/*
	 * The heavy queue and the first interactive job are pushed with the
	 * engine stopped, so that at least the first round is contended
	 * whatever the timing.
	 */
	drm_dep_engine_stop(&me->base);
	for (i = 0; i < DRM_DEP_FAIR_HEAVY; i++) {
		heavy[i] = drm_dep_mock_job_new(test, mq[0], 1, 0);
		heavy[i]->duration_us = 100 + (i * 73) % 201;
		hpush[i] = ktime_get();
		hfence[i] = drm_dep_mock_job_submit(heavy[i]);
	}

	for (r = 0; r < DRM_DEP_FAIR_ROUNDS; r++) {
		struct dma_fence *fence;
		ktime_t start;

		inter[r] = drm_dep_mock_job_new(test, mq[1], 1, 0);
		inter[r]->duration_us = 100;
		start = ktime_get();
		fence = drm_dep_mock_job_submit(inter[r]);
		if (!r)
			drm_dep_engine_start(&me->base);
		KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fence));
		KUNIT_EXPECT_EQ(test, dma_fence_get_status(fence), 1);
		ilat[r] = ktime_us_delta(dma_fence_timestamp(fence), start);
		dma_fence_put(fence);
	}

	for (i = 0; i < DRM_DEP_FAIR_HEAVY; i++) {
		KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(hfence[i]));
		KUNIT_EXPECT_EQ(test, dma_fence_get_status(hfence[i]), 1);
		hlat[i] = ktime_us_delta(dma_fence_timestamp(hfence[i]),
					 hpush[i]);
		dma_fence_put(hfence[i]);
	}

	/* Heavy jobs that ran between each interactive push and run. */
	for (r = 0; r < DRM_DEP_FAIR_ROUNDS; r++) {
		unsigned int ahead = 0;
		bool waiting = false;

		for (i = 0; i < DRM_DEP_FAIR_HEAVY; i++) {
			if (heavy[i]->run_order > inter[r]->push_order &&
			    heavy[i]->run_order < inter[r]->run_order)
				ahead++;
			if (heavy[i]->run_order > inter[r]->push_order)
				waiting = true;
		}
		KUNIT_EXPECT_LE_MSG(test, ahead, DRM_DEP_FAIR_MAX_AHEAD,
				    "round %d", r);
		max_ahead = max(max_ahead, ahead);
		contended += waiting;
	}
	KUNIT_EXPECT_GE(test, contended, 1);

	/* Shares while both were active, in jobs. */
	first_push = inter[0]->push_order;
	last_run = inter[DRM_DEP_FAIR_ROUNDS - 1]->run_order;
	for (i = 0; i < DRM_DEP_FAIR_HEAVY; i++)
		heavy_share += heavy[i]->run_order > first_push &&
			       heavy[i]->run_order < last_run;
	kunit_info(test, "while both were active: heavy %u jobs, interactive %d jobs; %u of %d rounds contended; at most %u heavy jobs ahead of an interactive one\n",
		   heavy_share, DRM_DEP_FAIR_ROUNDS, contended,
		   DRM_DEP_FAIR_ROUNDS, max_ahead);
	drm_dep_test_print_latency(test, "heavy", hlat, DRM_DEP_FAIR_HEAVY);
	drm_dep_test_print_latency(test, "interactive", ilat,
				   DRM_DEP_FAIR_ROUNDS);

	KUNIT_EXPECT_EQ(test, atomic_read(&mq[0]->order_errors), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[1]->order_errors), 0);
	for (i = 0; i < DRM_DEP_FAIR_HEAVY; i++)
		drm_dep_mock_job_put(heavy[i]);
	for (r = 0; r < DRM_DEP_FAIR_ROUNDS; r++)
		drm_dep_mock_job_put(inter[r]);
	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

#define DRM_DEP_RR_QUEUES	3
#define DRM_DEP_RR_JOBS		8

/**
 * struct drm_dep_test_run - one job's place in the run order
 * @order: &drm_dep_mock_job.run_order
 * @queue: index of the job's queue
 * @seqno: the job's seqno
 */
struct drm_dep_test_run {
	u64 order;
	int queue;
	u64 seqno;
};

static int drm_dep_test_cmp_run(const void *a, const void *b)
{
	const struct drm_dep_test_run *x = a, *y = b;

	return x->order < y->order ? -1 : x->order > y->order;
}

/*
 * Three queues with the same number of ready jobs on a one-credit engine:
 * the jobs run strictly in turn, A, B, C, A, B, C, ..., each queue in its
 * own order.
 */
static void drm_dep_test_engine_round_robin(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "rr", 1, 0);
	struct drm_dep_mock_job *job[DRM_DEP_RR_QUEUES][DRM_DEP_RR_JOBS];
	struct dma_fence *fence[DRM_DEP_RR_QUEUES][DRM_DEP_RR_JOBS];
	struct drm_dep_mock_queue *mq[DRM_DEP_RR_QUEUES];
	struct drm_dep_test_run *run;
	const int total = DRM_DEP_RR_QUEUES * DRM_DEP_RR_JOBS;
	int q, j, k;

	run = kunit_kcalloc(test, total, sizeof(*run), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, run);

	for (q = 0; q < DRM_DEP_RR_QUEUES; q++)
		mq[q] = drm_dep_mock_queue_on(test, "rr", me, 0);

	drm_dep_engine_stop(&me->base);
	for (q = 0; q < DRM_DEP_RR_QUEUES; q++) {
		for (j = 0; j < DRM_DEP_RR_JOBS; j++) {
			job[q][j] = drm_dep_mock_job_new(test, mq[q], 1, 0);
			job[q][j]->duration_us = 50;
			fence[q][j] = drm_dep_mock_job_submit(job[q][j]);
		}
	}
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&me->runs), 0);
	drm_dep_engine_start(&me->base);

	for (q = 0; q < DRM_DEP_RR_QUEUES; q++) {
		drm_dep_mock_expect_fences_put(test, fence[q], DRM_DEP_RR_JOBS,
					       1);
		for (j = 0; j < DRM_DEP_RR_JOBS; j++) {
			k = q * DRM_DEP_RR_JOBS + j;
			run[k].order = job[q][j]->run_order;
			run[k].queue = q;
			run[k].seqno = job[q][j]->run_seqno;
			drm_dep_mock_job_put(job[q][j]);
		}
	}

	sort(run, total, sizeof(*run), drm_dep_test_cmp_run, NULL);
	/* The first round sets the order; every later round repeats it. */
	KUNIT_EXPECT_NE(test, run[0].queue, run[1].queue);
	KUNIT_EXPECT_NE(test, run[0].queue, run[2].queue);
	KUNIT_EXPECT_NE(test, run[1].queue, run[2].queue);
	for (k = DRM_DEP_RR_QUEUES; k < total; k++) {
		KUNIT_EXPECT_EQ_MSG(test, run[k].queue,
				    run[k % DRM_DEP_RR_QUEUES].queue,
				    "run %d", k);
		KUNIT_EXPECT_GT(test, run[k].seqno,
				run[k - DRM_DEP_RR_QUEUES].seqno);
	}

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

/*
 * A job of queue B whose hardware fence signals before an older job of
 * queue A on the same engine completes after it: finished fences of an
 * engine signal in hardware order, across queues.
 */

/**
 * struct drm_dep_test_order_cb - checks an older fence in a fence callback
 * @cb: the callback
 * @older: the fence that must have signalled first
 * @older_signalled: @older was signalled when the callback ran
 * @calls: callback invocations
 */
struct drm_dep_test_order_cb {
	struct dma_fence_cb cb;
	struct dma_fence *older;
	bool older_signalled;
	atomic_t calls;
};

static void drm_dep_test_order_func(struct dma_fence *fence,
				    struct dma_fence_cb *cb)
{
	struct drm_dep_test_order_cb *c = container_of(cb, typeof(*c), cb);

	c->older_signalled = test_bit(DMA_FENCE_FLAG_SIGNALED_BIT,
				      &c->older->flags);
	atomic_inc(&c->calls);
}

static void drm_dep_test_engine_complete_in_order(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "order", 2,
							     0);
	struct drm_dep_test_order_cb check = {};
	struct drm_dep_mock_queue *mq[2];
	struct drm_dep_mock_job *a, *b;
	struct dma_fence *fa, *fb;

	mq[0] = drm_dep_mock_queue_on(test, "order_a", me, 0);
	mq[1] = drm_dep_mock_queue_on(test, "order_b", me, 0);
	a = drm_dep_mock_job_new(test, mq[0], 1, 0);
	b = drm_dep_mock_job_new(test, mq[1], 1, 0);

	a->duration_us = 0;
	fa = drm_dep_mock_job_submit(a);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq[0], 1));

	/* B's hardware fence is signalled before run_job() returns. */
	b->hw_signalled = true;
	fb = drm_dep_mock_job_submit(b);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq[1], 1));
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(&b->hw->base));
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fb));

	check.older = fa;
	KUNIT_ASSERT_EQ(test, dma_fence_add_callback(fb, &check.cb,
						     drm_dep_test_order_func),
			0);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_engine_advance(me, 1), 1);
	drm_dep_mock_expect_fence_put(test, fa, 1);
	drm_dep_mock_expect_fence_put(test, fb, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&check.calls), 1);
	KUNIT_EXPECT_TRUE(test, check.older_signalled);

	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

#define DRM_DEP_PLACE_ENGINES	3
#define DRM_DEP_PLACE_QUEUES	6
#define DRM_DEP_PLACE_GROUP	3

/*
 * Arm a group of @n manual jobs of @mq, all before the first push, then
 * push them. Expects the whole group on one engine of @me and returns its
 * index; the jobs and fences go to @job and @fence.
 */
static int drm_dep_test_submit_group(struct kunit *test,
				     struct drm_dep_mock_queue *mq,
				     struct drm_dep_mock_engine **me,
				     unsigned int ne,
				     struct drm_dep_mock_job **job,
				     struct dma_fence **fence, int n)
{
	int i, e;

	for (i = 0; i < n; i++) {
		job[i] = drm_dep_mock_job_new(test, mq, 1, 0);
		job[i]->duration_us = 0;
	}
	for (i = 0; i < n; i++)
		drm_dep_job_arm(&job[i]->base);

	e = drm_dep_test_engine_index(job[0], me, ne);
	KUNIT_EXPECT_GE(test, e, 0);
	for (i = 1; i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, drm_dep_test_engine_index(job[i], me,
								    ne),
				    e, "job %d of the group", i);

	for (i = 0; i < n; i++)
		fence[i] = drm_dep_mock_job_push(job[i]);
	return e;
}

/*
 * Queues bound to all of three engines each submit a group of jobs while
 * the others are still in flight: every group stays on one engine, runs
 * there, and the groups spread evenly, since each goes to the least
 * loaded engine.
 */
static void drm_dep_test_engine_placement_groups(struct kunit *test)
{
	struct drm_dep_mock_job *job[DRM_DEP_PLACE_QUEUES][DRM_DEP_PLACE_GROUP];
	struct dma_fence *fence[DRM_DEP_PLACE_QUEUES][DRM_DEP_PLACE_GROUP];
	struct drm_dep_mock_engine *me[DRM_DEP_PLACE_ENGINES];
	struct drm_dep_mock_queue *mq[DRM_DEP_PLACE_QUEUES];
	int errors = atomic_read(&drm_dep_mock_stats.placement_errors);
	int where[DRM_DEP_PLACE_QUEUES];
	int groups[DRM_DEP_PLACE_ENGINES] = {};
	const int per_engine = DRM_DEP_PLACE_QUEUES / DRM_DEP_PLACE_ENGINES;
	int e, q, i;

	for (e = 0; e < DRM_DEP_PLACE_ENGINES; e++)
		me[e] = drm_dep_mock_shared(test, "place", 64, 0);
	for (q = 0; q < DRM_DEP_PLACE_QUEUES; q++)
		mq[q] = drm_dep_mock_bound_queue(test, "place", me,
						 DRM_DEP_PLACE_ENGINES, 0);

	for (q = 0; q < DRM_DEP_PLACE_QUEUES; q++) {
		where[q] = drm_dep_test_submit_group(test, mq[q], me,
						     DRM_DEP_PLACE_ENGINES,
						     job[q], fence[q],
						     DRM_DEP_PLACE_GROUP);
		if (where[q] >= 0)
			groups[where[q]]++;
	}

	/* Nothing completed: each engine got the same share of groups. */
	for (e = 0; e < DRM_DEP_PLACE_ENGINES; e++) {
		int runs = groups[e] * DRM_DEP_PLACE_GROUP;

		KUNIT_EXPECT_EQ_MSG(test, groups[e], per_engine, "engine %d", e);
		KUNIT_EXPECT_TRUE(test,
				  drm_dep_mock_engine_wait_runs(me[e], runs));
	}

	for (q = 0; q < DRM_DEP_PLACE_QUEUES; q++) {
		for (i = 0; i < DRM_DEP_PLACE_GROUP; i++) {
			KUNIT_EXPECT_EQ(test, atomic_read(&job[q][i]->run_count),
					1);
			if (where[q] >= 0)
				KUNIT_EXPECT_PTR_EQ(test, job[q][i]->run_engine,
						    &me[where[q]]->base);
		}
		KUNIT_EXPECT_EQ(test, atomic_read(&mq[q]->order_errors), 0);
	}

	for (e = 0; e < DRM_DEP_PLACE_ENGINES; e++) {
		unsigned int n = groups[e] * DRM_DEP_PLACE_GROUP;

		KUNIT_EXPECT_EQ(test, drm_dep_mock_engine_ring_count(me[e]), n);
		KUNIT_EXPECT_EQ(test, drm_dep_mock_engine_advance(me[e], n), n);
	}
	for (q = 0; q < DRM_DEP_PLACE_QUEUES; q++) {
		drm_dep_mock_expect_fences_put(test, fence[q],
					       DRM_DEP_PLACE_GROUP, 1);
		for (i = 0; i < DRM_DEP_PLACE_GROUP; i++)
			drm_dep_mock_job_put(job[q][i]);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&drm_dep_mock_stats.placement_errors),
			errors);

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), me, ARRAY_SIZE(me));
}

#define DRM_DEP_MOVE_LOAD	4

/*
 * Load engine @e with DRM_DEP_MOVE_LOAD manual jobs of @pin, which is bound
 * to @e only; they stay on the hardware until the test advances them.
 */
static void drm_dep_test_load_engine(struct kunit *test,
				     struct drm_dep_mock_queue *pin,
				     struct dma_fence **fence)
{
	int runs = atomic_read(&pin->runs);

	drm_dep_mock_submit_many(test, pin, fence, DRM_DEP_MOVE_LOAD, 0);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_runs(pin,
						       runs + DRM_DEP_MOVE_LOAD));
}

/*
 * A queue bound to two engines stays on its engine while anything of it
 * is in flight, however loaded that engine gets; once idle, its next group
 * goes to the less loaded engine, and runs there in order.
 */
static void drm_dep_test_engine_placement_moves(struct kunit *test)
{
	struct drm_dep_mock_job *g1[DRM_DEP_PLACE_GROUP + 1];
	struct drm_dep_mock_job *g2[DRM_DEP_PLACE_GROUP];
	struct dma_fence *f1[DRM_DEP_PLACE_GROUP + 1];
	struct dma_fence *f2[DRM_DEP_PLACE_GROUP];
	struct dma_fence *load[DRM_DEP_MOVE_LOAD];
	struct drm_dep_mock_queue *mq[3], *mover, *pin[2];
	int errors = atomic_read(&drm_dep_mock_stats.placement_errors);
	struct drm_dep_mock_engine *me[2];
	const int n = DRM_DEP_PLACE_GROUP;
	int e, other, i;

	me[0] = drm_dep_mock_shared(test, "move0", 64, 0);
	me[1] = drm_dep_mock_shared(test, "move1", 64, 0);
	mover = drm_dep_mock_bound_queue(test, "mover", me, 2, 0);
	pin[0] = drm_dep_mock_queue_on(test, "pin0", me[0], 0);
	pin[1] = drm_dep_mock_queue_on(test, "pin1", me[1], 0);
	mq[0] = mover;
	mq[1] = pin[0];
	mq[2] = pin[1];

	e = drm_dep_test_submit_group(test, mover, me, 2, g1, f1, n);
	KUNIT_ASSERT_GE(test, e, 0);
	other = !e;
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_runs(mover, n));

	/* Busy: a job armed now stays, though the other engine is idle. */
	drm_dep_test_load_engine(test, pin[e], load);
	g1[n] = drm_dep_mock_job_new(test, mover, 1, 0);
	g1[n]->duration_us = 0;
	drm_dep_job_arm(&g1[n]->base);
	KUNIT_EXPECT_EQ(test, drm_dep_test_engine_index(g1[n], me, 2), e);
	f1[n] = drm_dep_mock_job_push(g1[n]);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_runs(mover, n + 1));

	i = n + 1 + DRM_DEP_MOVE_LOAD;
	KUNIT_EXPECT_EQ(test, drm_dep_mock_engine_advance(me[e], i), i);
	drm_dep_mock_expect_fences_put(test, f1, n + 1, 1);
	drm_dep_mock_expect_fences_put(test, load, DRM_DEP_MOVE_LOAD, 1);
	for (i = 0; i <= n; i++) {
		KUNIT_EXPECT_PTR_EQ(test, g1[i]->run_engine, &me[e]->base);
		drm_dep_mock_job_put(g1[i]);
	}
	/* Idle: every job of the queue retired. */
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_frees(mover, n + 1));

	/*
	 * The engine it was on is busy now: the next group moves, and the
	 * queue, stopped meanwhile, is started on the engine it is on now.
	 */
	drm_dep_test_load_engine(test, pin[e], load);
	drm_dep_queue_stop(&mover->base);
	KUNIT_EXPECT_EQ(test, drm_dep_test_submit_group(test, mover, me, 2,
							g2, f2, n), other);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&mover->runs), n + 1);
	drm_dep_queue_start(&mover->base);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_runs(mover, 2 * n + 1));
	KUNIT_EXPECT_EQ(test, drm_dep_mock_engine_ring_count(me[other]), n);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_engine_advance(me[other], n), n);
	drm_dep_mock_expect_fences_put(test, f2, n, 1);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_PTR_EQ(test, g2[i]->run_engine, &me[other]->base);
		if (i + 1 < n)
			KUNIT_EXPECT_LT(test, g2[i]->run_order,
					g2[i + 1]->run_order);
		drm_dep_mock_job_put(g2[i]);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&mover->order_errors), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&drm_dep_mock_stats.placement_errors),
			errors);

	KUNIT_EXPECT_EQ(test, drm_dep_mock_engine_advance(me[e],
							  DRM_DEP_MOVE_LOAD),
			DRM_DEP_MOVE_LOAD);
	drm_dep_mock_expect_fences_put(test, load, DRM_DEP_MOVE_LOAD, 1);

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), me, ARRAY_SIZE(me));
}

#define DRM_DEP_INFER_TASKS	6
#define DRM_DEP_ISOLATION_JOBS	20

/*
 * Two engines, each with its own queues. On engine 0 a task of an
 * inference hangs with another task and a job of another queue behind it
 * on the hardware, and more work waiting for credits. The timeout resets
 * engine 0 only: the hung task ends with -ETIMEDOUT, the other jobs on its
 * hardware, of both queues, with -ECANCELED, the remaining tasks are
 * cancelled by the driver in run_job(), and the other queue's waiting job
 * runs normally. Engine 1 sees neither a timeout nor a reset.
 */
static void drm_dep_test_engine_reset_isolation(struct kunit *test)
{
	static const int expect[DRM_DEP_INFER_TASKS] = {
		1, -ETIMEDOUT, -ECANCELED, -ECANCELED, -ECANCELED, -ECANCELED,
	};
	struct drm_dep_mock_job *task[DRM_DEP_INFER_TASKS], *pb, *pc;
	struct dma_fence *ftask[DRM_DEP_INFER_TASKS], *fpb, *fpc;
	struct dma_fence *f1[2][DRM_DEP_ISOLATION_JOBS];
	struct drm_dep_mock_queue *mq[4], *inf, *p0;
	struct drm_dep_mock_engine *me[2];
	struct drm_dep_mock_group *group;
	int i;

	group = kunit_kzalloc(test, sizeof(*group), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, group);

	me[0] = drm_dep_mock_shared(test, "reset_e0", 3,
				    DRM_DEP_TEST_ENGINE_TIMEOUT);
	me[1] = drm_dep_mock_shared(test, "reset_e1", 3, HZ);
	inf = drm_dep_mock_queue_on(test, "inference", me[0], 0);
	p0 = drm_dep_mock_queue_on(test, "other_e0", me[0], 0);
	mq[0] = inf;
	mq[1] = p0;
	mq[2] = drm_dep_mock_queue_on(test, "a_e1", me[1], 0);
	mq[3] = drm_dep_mock_queue_on(test, "b_e1", me[1], 0);

	/* Until the hardware of engine 0 is set up, the driver extends. */
	inf->extend_limit = -1;
	for (i = 0; i < DRM_DEP_INFER_TASKS; i++) {
		task[i] = drm_dep_mock_job_new(test, inf, 1, 0);
		task[i]->group = group;
		task[i]->hang = i == 1;
	}
	pb = drm_dep_mock_job_new(test, p0, 1, 0);
	pb->duration_us = 0;
	pc = drm_dep_mock_job_new(test, p0, 1, 0);

	/* Engine 0's hardware: task 1 (hung), pb, task 2: all its credits. */
	ftask[0] = drm_dep_mock_submit_wait(test, task[0]);
	ftask[1] = drm_dep_mock_job_submit(task[1]);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(inf, 2));
	fpb = drm_dep_mock_job_submit(pb);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(p0, 1));
	ftask[2] = drm_dep_mock_job_submit(task[2]);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(inf, 3));
	for (i = 3; i < DRM_DEP_INFER_TASKS; i++)
		ftask[i] = drm_dep_mock_job_submit(task[i]);
	fpc = drm_dep_mock_job_submit(pc);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&inf->runs), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&p0->runs), 1);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_engine_ring_count(me[0]), 3);

	/* Engine 1 runs all its work meanwhile. */
	drm_dep_mock_submit_many(test, mq[2], f1[0], DRM_DEP_ISOLATION_JOBS,
				 100);
	drm_dep_mock_submit_many(test, mq[3], f1[1], DRM_DEP_ISOLATION_JOBS,
				 100);
	drm_dep_mock_expect_fences_put(test, f1[0], DRM_DEP_ISOLATION_JOBS, 1);
	drm_dep_mock_expect_fences_put(test, f1[1], DRM_DEP_ISOLATION_JOBS, 1);

	/* Now the next timeout resets engine 0. */
	WRITE_ONCE(inf->extend_limit, 0);
	for (i = 0; i < DRM_DEP_INFER_TASKS; i++)
		drm_dep_mock_expect_fence_put(test, ftask[i], expect[i]);
	drm_dep_mock_expect_fence_put(test, fpb, -ECANCELED);
	drm_dep_mock_expect_fence_put(test, fpc, 1);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_timeouts_done(inf, 1));

	for (i = 0; i < DRM_DEP_INFER_TASKS; i++) {
		KUNIT_EXPECT_EQ(test, atomic_read(&task[i]->run_count), 1);
		/* drm_dep cancelled none of them: the reset or driver did. */
		KUNIT_EXPECT_EQ(test, task[i]->run_error, 0);
		KUNIT_EXPECT_PTR_EQ(test, task[i]->run_engine, &me[0]->base);
		drm_dep_mock_job_put(task[i]);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&group->cancelled_runs),
			DRM_DEP_INFER_TASKS - 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&pb->run_count), 1);
	KUNIT_EXPECT_EQ(test, pb->run_error, 0);
	drm_dep_mock_job_put(pb);
	drm_dep_mock_job_put(pc);

	KUNIT_EXPECT_EQ(test, atomic_read(&inf->resets), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&me[0]->resets), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&p0->timeouts), 0);

	/* Engine 1 keeps working and never timed out. */
	drm_dep_mock_submit_many(test, mq[2], f1[0], DRM_DEP_ISOLATION_JOBS,
				 100);
	drm_dep_mock_expect_fences_put(test, f1[0], DRM_DEP_ISOLATION_JOBS, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&me[1]->timeouts), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&me[1]->resets), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&me[1]->hw_completions),
			3 * DRM_DEP_ISOLATION_JOBS);

	for (i = 0; i < ARRAY_SIZE(mq); i++) {
		KUNIT_EXPECT_EQ(test, atomic_read(&mq[i]->order_errors), 0);
		KUNIT_EXPECT_EQ(test, atomic_read(&mq[i]->double_signals), 0);
	}
	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), me, ARRAY_SIZE(me));
}

/*
 * Stopping an engine stops all of its queues and only those: a queue on
 * another engine keeps running. Engine stops nest.
 */
static void drm_dep_test_engine_stop(struct kunit *test)
{
	struct dma_fence *f0[2][4], *f1[4];
	struct drm_dep_mock_engine *me[2];
	struct drm_dep_mock_queue *mq[3];

	me[0] = drm_dep_mock_shared(test, "stop_e0", 4, 0);
	me[1] = drm_dep_mock_shared(test, "stop_e1", 4, 0);
	mq[0] = drm_dep_mock_queue_on(test, "a_e0", me[0], 0);
	mq[1] = drm_dep_mock_queue_on(test, "b_e0", me[0], 0);
	mq[2] = drm_dep_mock_queue_on(test, "a_e1", me[1], 0);

	drm_dep_engine_stop(&me[0]->base);
	drm_dep_engine_stop(&me[0]->base);
	drm_dep_mock_submit_many(test, mq[0], f0[0], 4, 100);
	drm_dep_mock_submit_many(test, mq[1], f0[1], 4, 100);
	drm_dep_mock_submit_many(test, mq[2], f1, 4, 100);

	drm_dep_mock_expect_fences_put(test, f1, 4, 1);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&me[0]->runs), 0);

	drm_dep_engine_start(&me[0]->base);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&me[0]->runs), 0);

	drm_dep_engine_start(&me[0]->base);
	drm_dep_mock_expect_fences_put(test, f0[0], 4, 1);
	drm_dep_mock_expect_fences_put(test, f0[1], 4, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&me[0]->runs), 8);

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), me, ARRAY_SIZE(me));
}

/* Stopping one queue of a shared engine leaves the others running. */
static void drm_dep_test_engine_queue_stop(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "qstop", 4,
							     0);
	struct dma_fence *fa[4], *fb[4];
	struct drm_dep_mock_queue *mq[2];

	mq[0] = drm_dep_mock_queue_on(test, "stopped", me, 0);
	mq[1] = drm_dep_mock_queue_on(test, "running", me, 0);

	drm_dep_queue_stop(&mq[0]->base);
	drm_dep_mock_submit_many(test, mq[0], fa, 4, 100);
	drm_dep_mock_submit_many(test, mq[1], fb, 4, 100);
	drm_dep_mock_expect_fences_put(test, fb, 4, 1);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[0]->runs), 0);

	drm_dep_queue_start(&mq[0]->base);
	drm_dep_mock_expect_fences_put(test, fa, 4, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[0]->runs), 4);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[0]->order_errors), 0);

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

/*
 * A shared engine's timeout is suspended only while all its queues are
 * stopped: with the hung job's queue and the queue behind it stopped,
 * nothing times out; once the queue behind is started again, the hung
 * job times out although its own queue is still stopped, and the reset
 * takes both jobs.
 */
static void drm_dep_test_engine_timeout_queues_stopped(struct kunit *test)
{
	struct drm_dep_mock_engine *me =
		drm_dep_mock_shared(test, "tstop", 2,
				    DRM_DEP_TEST_ENGINE_STOP_TIMEOUT);
	struct drm_dep_mock_queue *mq[2];
	struct drm_dep_mock_job *a, *b;
	struct dma_fence *fa, *fb;
	int timeouts;

	mq[0] = drm_dep_mock_queue_on(test, "hung", me, 0);
	mq[1] = drm_dep_mock_queue_on(test, "behind", me, 0);
	a = drm_dep_mock_job_new(test, mq[0], 1, 0);
	b = drm_dep_mock_job_new(test, mq[1], 1, 0);

	/* Until both queues are stopped, a timeout only extends. */
	mq[0]->extend_limit = -1;
	a->hang = true;
	fa = drm_dep_mock_job_submit(a);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq[0], 1));
	fb = drm_dep_mock_job_submit(b);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq[1], 1));
	drm_dep_queue_stop(&mq[0]->base);
	drm_dep_queue_stop(&mq[1]->base);
	/* A handler that was already running is done after the flush. */
	drm_dep_mock_flush(test);
	timeouts = atomic_read(&me->timeouts);

	msleep(jiffies_to_msecs(5 * DRM_DEP_TEST_ENGINE_STOP_TIMEOUT));
	KUNIT_EXPECT_EQ(test, atomic_read(&me->timeouts), timeouts);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fa));
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fb));

	WRITE_ONCE(mq[0]->extend_limit, 0);
	drm_dep_queue_start(&mq[1]->base);
	drm_dep_mock_expect_fence_put(test, fa, -ETIMEDOUT);
	drm_dep_mock_expect_fence_put(test, fb, -ECANCELED);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq[0],
								timeouts + 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&me->resets), 1);
	drm_dep_queue_start(&mq[0]->base);

	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

/*
 * A stopped queue with nothing on the hardware does not hold up the
 * timeout of another queue's hung job on the same engine; its own job
 * runs when it is started.
 */
static void drm_dep_test_engine_timeout_other_stopped(struct kunit *test)
{
	struct drm_dep_mock_engine *me =
		drm_dep_mock_shared(test, "tother", 2,
				    DRM_DEP_TEST_ENGINE_TIMEOUT);
	struct drm_dep_mock_queue *mq[2];
	struct drm_dep_mock_job *a, *b;
	struct dma_fence *fb;

	mq[0] = drm_dep_mock_queue_on(test, "hung", me, 0);
	mq[1] = drm_dep_mock_queue_on(test, "stopped", me, 0);
	a = drm_dep_mock_job_new(test, mq[0], 1, 0);
	b = drm_dep_mock_job_new(test, mq[1], 1, 0);

	drm_dep_queue_stop(&mq[1]->base);
	fb = drm_dep_mock_job_submit(b);
	a->hang = true;
	drm_dep_mock_submit_expect(test, a, -ETIMEDOUT);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_timeouts_done(mq[0], 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 0);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fb));

	drm_dep_queue_start(&mq[1]->base);
	drm_dep_mock_expect_fence_put(test, fb, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&me->resets), 1);

	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

/* Bypass on an idle shared engine: each queue's pusher runs its job. */
static void drm_dep_test_engine_bypass(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "bypass",
							     2, 0);
	struct drm_dep_mock_queue *mq[2];
	int i;

	mq[0] = drm_dep_mock_queue_on(test, "bypass_a", me,
				      DRM_DEP_QUEUE_BYPASS);
	mq[1] = drm_dep_mock_queue_on(test, "bypass_b", me,
				      DRM_DEP_QUEUE_BYPASS);

	for (i = 0; i < 4; i++) {
		struct drm_dep_mock_job *job =
			drm_dep_mock_job_new(test, mq[i % 2], 1, 0);
		struct dma_fence *fence = drm_dep_mock_job_submit(job);

		/* run_job() was called before push returned. */
		KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
		KUNIT_EXPECT_PTR_EQ(test, job->run_task, current);
		KUNIT_EXPECT_FALSE(test, job->run_in_worker);
		drm_dep_mock_expect_fence_put(test, fence, 1);
		drm_dep_mock_job_put(job);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&me->runs), 4);

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

/**
 * struct drm_dep_test_blocker - holds the test's ordered workqueue
 * @work: queued on the workqueue; waits for @release
 * @started: completed when @work runs
 * @release: completed by the test to let @work return
 */
struct drm_dep_test_blocker {
	struct work_struct work;
	struct completion started;
	struct completion release;
};

static void drm_dep_test_blocker_func(struct work_struct *work)
{
	struct drm_dep_test_blocker *b = container_of(work, typeof(*b), work);

	complete(&b->started);
	wait_for_completion(&b->release);
}

/*
 * A bypass pusher does not jump ahead of another queue of the engine that
 * has a job ready to run, only held up because the submit worker did not
 * get to it yet (here: its workqueue is busy). It does bypass a queue
 * whose head waits on a dependency.
 */
static void drm_dep_test_engine_bypass_fair(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "bfair",
							     4, 0);
	struct drm_dep_mock_test *priv = test->priv;
	struct drm_dep_test_blocker blocker;
	struct drm_dep_mock_job *a, *b, *c, *d;
	struct dma_fence *fa, *fb, *fc, *fd;
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct drm_dep_mock_queue *mq[2];

	mq[0] = drm_dep_mock_queue_on(test, "pusher", me,
				      DRM_DEP_QUEUE_BYPASS);
	mq[1] = drm_dep_mock_queue_on(test, "worker", me, 0);

	INIT_WORK_ONSTACK(&blocker.work, drm_dep_test_blocker_func);
	init_completion(&blocker.started);
	init_completion(&blocker.release);
	queue_work(priv->wq, &blocker.work);
	wait_for_completion(&blocker.started);

	b = drm_dep_mock_job_new(test, mq[1], 1, 0);
	fb = drm_dep_mock_job_submit(b);
	a = drm_dep_mock_job_new(test, mq[0], 1, 0);
	fa = drm_dep_mock_job_submit(a);
	/* B's job is ready and first: A's pusher leaves A to the worker. */
	KUNIT_EXPECT_EQ(test, atomic_read(&a->run_count), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 0);

	complete(&blocker.release);
	flush_work(&blocker.work);
	destroy_work_on_stack(&blocker.work);
	drm_dep_mock_expect_fence_put(test, fb, 1);
	drm_dep_mock_expect_fence_put(test, fa, 1);
	KUNIT_EXPECT_TRUE(test, a->run_in_worker);
	KUNIT_EXPECT_TRUE(test, b->run_in_worker);

	/* A head the worker found waiting does not stop the bypass. */
	d = drm_dep_mock_job_new(test, mq[1], 1, 0);
	fd = drm_dep_mock_submit_after(test, d, dep);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&d->run_count), 0);
	c = drm_dep_mock_job_new(test, mq[0], 1, 0);
	fc = drm_dep_mock_job_submit(c);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->run_count), 1);
	KUNIT_EXPECT_FALSE(test, c->run_in_worker);
	drm_dep_mock_expect_fence_put(test, fc, 1);

	drm_dep_mock_fence_signal(dep, 0);
	drm_dep_mock_expect_fence_put(test, fd, 1);
	dma_fence_put(dep);

	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_job_put(c);
	drm_dep_mock_job_put(d);
	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

#define DRM_DEP_RELEASE_JOBS	8

/*
 * IRQ-safe release is per queue: on one engine, the jobs of the IRQ-safe
 * queue completed by the hrtimer are freed in interrupt context, those of
 * the other queue in process context.
 */
static void drm_dep_test_engine_irq_safe_release(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "irqsafe",
							     64, 0);
	struct dma_fence *fa[DRM_DEP_RELEASE_JOBS + 1];
	struct dma_fence *fb[DRM_DEP_RELEASE_JOBS];
	const int n = DRM_DEP_RELEASE_JOBS;
	struct drm_dep_mock_queue *mq[2];

	mq[0] = drm_dep_mock_queue_on(test, "irq_safe", me,
				      DRM_DEP_QUEUE_IRQ_SAFE_RELEASE);
	mq[1] = drm_dep_mock_queue_on(test, "process", me, 0);

	/* The first job holds the ring until the test advances it. */
	drm_dep_mock_submit_many(test, mq[0], fa, 1, 0);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq[0], 1));
	drm_dep_mock_submit_many(test, mq[0], fa + 1, DRM_DEP_RELEASE_JOBS,
				 50);
	drm_dep_mock_submit_many(test, mq[1], fb, DRM_DEP_RELEASE_JOBS, 50);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_engine_wait_runs(me, 2 * n + 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[0]->frees), 0);

	KUNIT_EXPECT_EQ(test, drm_dep_mock_engine_advance(me, 1), 1);
	drm_dep_mock_expect_fences_put(test, fa, DRM_DEP_RELEASE_JOBS + 1, 1);
	drm_dep_mock_expect_fences_put(test, fb, DRM_DEP_RELEASE_JOBS, 1);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_frees(mq[0], n + 1));
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_frees(mq[1], n));

	/* The first job was completed by the test, in process context. */
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[0]->frees_in_irq),
			DRM_DEP_RELEASE_JOBS);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq[1]->frees_in_irq), 0);
	kunit_info(test, "%d frees in hard IRQ\n",
		   atomic_read(&mq[0]->frees_in_hardirq));

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

static struct dma_fence *drm_dep_test_noop_run(struct drm_dep_job *job)
{
	return NULL;
}

static enum drm_dep_timeout_status
drm_dep_test_noop_timedout(struct drm_dep_job *job)
{
	return DRM_DEP_TIMEOUT_RESET;
}

static void drm_dep_test_noop_free(struct drm_dep_job *job)
{
}

static void drm_dep_test_noop_release(struct drm_dep_queue *q)
{
}

/*
 * An engine needs a name and a credit limit. With engines, the queue's own
 * submit workqueue, timeout and credit limit must be left unset; a queue
 * that may run on an engine with a timeout needs timedout_job(); a job may
 * use at most the smallest credit limit of the queue's engines. Refused
 * queues leave nothing bound to the engines.
 */
static void drm_dep_test_engine_args_invalid(struct kunit *test)
{
	static const struct drm_dep_queue_ops ops = {
		.run_job = drm_dep_test_noop_run,
		.timedout_job = drm_dep_test_noop_timedout,
		.free_job = drm_dep_test_noop_free,
		.release = drm_dep_test_noop_release,
	};
	static const struct drm_dep_queue_ops no_tdr = {
		.run_job = drm_dep_test_noop_run,
		.free_job = drm_dep_test_noop_free,
		.release = drm_dep_test_noop_release,
	};
	struct drm_dep_mock_test *priv = test->priv;
	struct drm_dep_engine_args eargs = { .name = "drm_dep_invalid" };
	struct drm_dep_mock_engine *me[2];
	struct drm_dep_engine *engines[2];
	struct drm_dep_queue_args args;
	struct drm_dep_engine *e;
	struct drm_dep_mock_queue *mq[2];
	struct drm_dep_mock_job *job;
	struct drm_dep_queue *q;

	q = kunit_kzalloc(test, sizeof(*q), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q);
	e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, e);

	/* An engine needs a name and credits. */
	KUNIT_EXPECT_EQ(test, drm_dep_engine_init(e, &eargs), -EINVAL);
	eargs.name = NULL;
	eargs.credit_limit = 1;
	KUNIT_EXPECT_EQ(test, drm_dep_engine_init(e, &eargs), -EINVAL);

	me[0] = drm_dep_mock_shared(test, "args0", 2, 0);
	me[1] = drm_dep_mock_shared(test, "args1", 4, HZ);
	engines[0] = &me[0]->base;
	engines[1] = &me[1]->base;

	args = (struct drm_dep_queue_args){
		.ops = &ops,
		.name = "drm_dep_invalid",
		.engines = engines,
		.num_engines = 2,
	};
	args.credit_limit = 1;
	KUNIT_EXPECT_EQ(test, drm_dep_queue_init(q, &args), -EINVAL);
	args.credit_limit = 0;
	args.timeout = HZ;
	KUNIT_EXPECT_EQ(test, drm_dep_queue_init(q, &args), -EINVAL);
	args.timeout = 0;
	args.submit_wq = priv->wq;
	KUNIT_EXPECT_EQ(test, drm_dep_queue_init(q, &args), -EINVAL);
	args.submit_wq = NULL;
	args.timeout_wq = priv->wq;
	KUNIT_EXPECT_EQ(test, drm_dep_queue_init(q, &args), -EINVAL);
	args.timeout_wq = NULL;
	args.priority = DRM_DEP_PRIORITY_COUNT;
	KUNIT_EXPECT_EQ(test, drm_dep_queue_init(q, &args), -EINVAL);
	args.priority = DRM_DEP_PRIORITY_NORMAL;

	/* Engine 1 has a timeout, alone or with another engine. */
	args.ops = &no_tdr;
	KUNIT_EXPECT_EQ(test, drm_dep_queue_init(q, &args), -EINVAL);
	args.engines = &engines[1];
	args.num_engines = 1;
	KUNIT_EXPECT_EQ(test, drm_dep_queue_init(q, &args), -EINVAL);

	/* The mock queues have timedout_job(). */
	mq[0] = drm_dep_mock_bound_queue(test, "both", me, 2, 0);
	mq[1] = drm_dep_mock_queue_on(test, "one", me[1], 0);

	job = drm_dep_mock_job_alloc();
	KUNIT_ASSERT_NOT_NULL(test, job);
	job->mq = mq[0];
	KUNIT_EXPECT_EQ(test, drm_dep_job_init(&job->base, &mq[0]->base, 3, 0),
			-EINVAL);
	job->mq = mq[1];
	KUNIT_EXPECT_EQ(test, drm_dep_job_init(&job->base, &mq[1]->base, 5, 0),
			-EINVAL);
	drm_dep_mock_job_free_unused(job);

	/* Exactly the smallest limit is fine. */
	job = drm_dep_mock_job_new(test, mq[0], 2, 0);
	drm_dep_mock_submit_expect(test, job, 1);
	drm_dep_mock_job_put(job);
	job = drm_dep_mock_job_new(test, mq[1], 4, 0);
	drm_dep_mock_submit_expect(test, job, 1);
	drm_dep_mock_job_put(job);

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), me, ARRAY_SIZE(me));
}

static struct kunit_case drm_dep_engine_cases[] = {
	KUNIT_CASE(drm_dep_test_engine_no_hol_blocking),
	KUNIT_CASE(drm_dep_test_engine_fairness),
	KUNIT_CASE(drm_dep_test_engine_round_robin),
	KUNIT_CASE(drm_dep_test_engine_complete_in_order),
	KUNIT_CASE(drm_dep_test_engine_placement_groups),
	KUNIT_CASE(drm_dep_test_engine_placement_moves),
	KUNIT_CASE(drm_dep_test_engine_reset_isolation),
	KUNIT_CASE(drm_dep_test_engine_stop),
	KUNIT_CASE(drm_dep_test_engine_queue_stop),
	KUNIT_CASE(drm_dep_test_engine_timeout_queues_stopped),
	KUNIT_CASE(drm_dep_test_engine_timeout_other_stopped),
	KUNIT_CASE(drm_dep_test_engine_bypass),
	KUNIT_CASE(drm_dep_test_engine_bypass_fair),
	KUNIT_CASE(drm_dep_test_engine_irq_safe_release),
	KUNIT_CASE(drm_dep_test_engine_args_invalid),
	{}
};

static struct kunit_suite drm_dep_engine_suite = {
	.name = "drm_dep_engine",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_engine_cases,
};

kunit_test_suite(drm_dep_engine_suite);

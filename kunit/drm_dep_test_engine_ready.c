// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Engine readiness: an engine is ready from its init to its fini, a driver
 * may take it out of placement with drm_dep_engine_set_ready(), a queue
 * bound to several engines none of which is ready refuses new jobs with
 * -ENOENT (a queue with one engine does not), and jobs already placed on
 * an engine that stops being ready stay there and run.
 */

#include <kunit/test.h>

#include "drm_dep_mock.h"

#define DRM_DEP_READY_LOAD	4

/* drm_dep_job_init() of a new mock job on @mq; the job is freed again. */
static int drm_dep_test_ready_job_init(struct drm_dep_mock_queue *mq)
{
	struct drm_dep_mock_job *job = drm_dep_mock_job_alloc();
	int ret;

	if (!job)
		return -ENOMEM;
	job->mq = mq;
	ret = drm_dep_job_init(&job->base, &mq->base, 1, 0);
	if (ret) {
		drm_dep_mock_job_free_unused(job);
		return ret;
	}
	drm_dep_mock_job_put(job);
	return 0;
}

/*
 * Ready after drm_dep_engine_init(), whatever the driver set last is read
 * back, and not ready after drm_dep_engine_fini().
 */
static void drm_dep_test_engine_ready_state(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "ready", 1, 0);

	KUNIT_EXPECT_TRUE(test, drm_dep_engine_ready(&me->base));
	drm_dep_engine_set_ready(&me->base, false);
	KUNIT_EXPECT_FALSE(test, drm_dep_engine_ready(&me->base));
	drm_dep_engine_set_ready(&me->base, true);
	KUNIT_EXPECT_TRUE(test, drm_dep_engine_ready(&me->base));

	drm_dep_engine_fini(&me->base);
	KUNIT_EXPECT_FALSE(test, drm_dep_engine_ready(&me->base));
	drm_dep_mock_engine_free(test, me);
}

/*
 * A queue bound to two engines refuses new jobs with -ENOENT while neither
 * is ready, and takes them while one of them is; a queue with one engine
 * has no choice to make and takes them whatever its engine's readiness.
 */
static void drm_dep_test_engine_ready_job_init(struct kunit *test)
{
	struct drm_dep_mock_engine *me[2];
	struct drm_dep_mock_queue *mq[2];

	me[0] = drm_dep_mock_shared(test, "ready0", 1, 0);
	me[1] = drm_dep_mock_shared(test, "ready1", 1, 0);
	mq[0] = drm_dep_mock_queue_on(test, "one", me[0], 0);
	mq[1] = drm_dep_mock_bound_queue(test, "two", me, 2, 0);

	drm_dep_engine_set_ready(&me[0]->base, false);
	KUNIT_EXPECT_EQ(test, drm_dep_test_ready_job_init(mq[0]), 0);
	KUNIT_EXPECT_EQ(test, drm_dep_test_ready_job_init(mq[1]), 0);

	drm_dep_engine_set_ready(&me[1]->base, false);
	KUNIT_EXPECT_EQ(test, drm_dep_test_ready_job_init(mq[1]), -ENOENT);
	KUNIT_EXPECT_EQ(test, drm_dep_test_ready_job_init(mq[0]), 0);

	drm_dep_engine_set_ready(&me[0]->base, true);
	KUNIT_EXPECT_EQ(test, drm_dep_test_ready_job_init(mq[1]), 0);

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), me, ARRAY_SIZE(me));
}

/* Arm and push one job of @mq and wait for its run; its engine's index. */
static int drm_dep_test_ready_submit(struct kunit *test,
				     struct drm_dep_mock_queue *mq,
				     struct drm_dep_mock_engine **me,
				     struct drm_dep_mock_job **job,
				     struct dma_fence **fence)
{
	int runs = atomic_read(&mq->runs);

	*job = drm_dep_mock_job_new(test, mq, 1, 0);
	(*job)->duration_us = 0;
	drm_dep_job_arm(&(*job)->base);
	*fence = drm_dep_mock_job_push(*job);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_runs(mq, runs + 1));

	if ((*job)->run_engine == &me[0]->base)
		return 0;
	return (*job)->run_engine == &me[1]->base ? 1 : -1;
}

/*
 * Placement skips an engine that is not ready, however much less loaded it
 * is than the other; a queue with a job in flight on it stays there, as
 * readiness only steers new work.
 */
static void drm_dep_test_engine_ready_placement(struct kunit *test)
{
	struct dma_fence *load[DRM_DEP_READY_LOAD], *fence[3];
	struct drm_dep_mock_queue *mq[2], *mover, *pin;
	struct drm_dep_mock_engine *me[2];
	struct drm_dep_mock_job *job[3];

	me[0] = drm_dep_mock_shared(test, "idle", 64, 0);
	me[1] = drm_dep_mock_shared(test, "busy", 64, 0);
	mover = drm_dep_mock_bound_queue(test, "mover", me, 2, 0);
	pin = drm_dep_mock_queue_on(test, "pin", me[1], 0);
	mq[0] = mover;
	mq[1] = pin;

	/* Engine 1 is loaded, engine 0 idle but not ready: 1 is taken. */
	drm_dep_mock_submit_many(test, pin, load, DRM_DEP_READY_LOAD, 0);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_runs(pin,
						       DRM_DEP_READY_LOAD));
	drm_dep_engine_set_ready(&me[0]->base, false);
	KUNIT_EXPECT_EQ(test, drm_dep_test_ready_submit(test, mover, me,
							&job[0], &fence[0]), 1);

	/*
	 * Both ready and idle: the queue moves back to engine 0, which has no
	 * other queue, once nothing of it is in flight.
	 */
	drm_dep_engine_set_ready(&me[0]->base, true);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_engine_advance(me[1],
							  DRM_DEP_READY_LOAD + 1),
			DRM_DEP_READY_LOAD + 1);
	drm_dep_mock_expect_fences_put(test, load, DRM_DEP_READY_LOAD, 1);
	drm_dep_mock_expect_fence_put(test, fence[0], 1);
	drm_dep_mock_job_put(job[0]);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_frees(mover, 1));
	KUNIT_EXPECT_EQ(test, drm_dep_test_ready_submit(test, mover, me,
							&job[1], &fence[1]), 0);

	/* In flight on engine 0: its next job stays there, ready or not. */
	drm_dep_engine_set_ready(&me[0]->base, false);
	KUNIT_EXPECT_EQ(test, drm_dep_test_ready_submit(test, mover, me,
							&job[2], &fence[2]), 0);
	drm_dep_engine_set_ready(&me[0]->base, true);

	KUNIT_EXPECT_EQ(test, drm_dep_mock_engine_advance(me[0], 2), 2);
	drm_dep_mock_expect_fences_put(test, &fence[1], 2, 1);
	drm_dep_mock_job_put(job[1]);
	drm_dep_mock_job_put(job[2]);

	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), me, ARRAY_SIZE(me));
}

static struct kunit_case drm_dep_engine_ready_cases[] = {
	KUNIT_CASE(drm_dep_test_engine_ready_state),
	KUNIT_CASE(drm_dep_test_engine_ready_job_init),
	KUNIT_CASE(drm_dep_test_engine_ready_placement),
	{}
};

static struct kunit_suite drm_dep_engine_ready_suite = {
	.name = "drm_dep_engine_ready",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_engine_ready_cases,
};

kunit_test_suite(drm_dep_engine_ready_suite);

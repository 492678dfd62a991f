// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Teardown on shared engines: one queue killed and released while the
 * others run, a killed queue waiting on a dependency without holding up
 * the engine, and drm_dep_engine_fini() waiting for the teardown of every
 * queue bound to the engine, whatever still holds it up.
 */

#include <linux/completion.h>
#include <linux/workqueue.h>

#include <kunit/test.h>

#include "drm_dep_mock.h"

#define DRM_DEP_KILL_JOBS	100
#define DRM_DEP_KILL_OTHER	250

/*
 * Queue A is killed and torn down while queue B on the same engine keeps
 * submitting: A's jobs that ran complete normally, the others are
 * cancelled, A is released, and all of B's jobs complete. The engine is
 * then finalised.
 */
static void drm_dep_test_engine_kill_one(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "kill", 4,
							     0);
	struct drm_dep_mock_queue *a, *b;
	struct dma_fence **fa, **fb;
	int i, ran, cancelled = 0;

	fa = kunit_kcalloc(test, DRM_DEP_KILL_JOBS, sizeof(*fa), GFP_KERNEL);
	fb = kunit_kcalloc(test, DRM_DEP_KILL_OTHER, sizeof(*fb), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fa);
	KUNIT_ASSERT_NOT_NULL(test, fb);

	a = drm_dep_mock_queue_on(test, "killed", me, 0);
	b = drm_dep_mock_queue_on(test, "survivor", me, 0);

	drm_dep_mock_submit_many(test, a, fa, DRM_DEP_KILL_JOBS / 2, 100);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(a, 10));
	/* Hold the rest of A back, so that the kill finds it pending. */
	drm_dep_queue_stop(&a->base);
	ran = atomic_read(&a->runs);
	drm_dep_mock_submit_many(test, a, fa + DRM_DEP_KILL_JOBS / 2,
				 DRM_DEP_KILL_JOBS / 2, 100);
	drm_dep_mock_submit_many(test, b, fb, 100, 100);

	drm_dep_queue_kill(&a->base);
	drm_dep_queue_start(&a->base);
	drm_dep_mock_submit_many(test, b, fb + 100, 100, 100);
	KUNIT_EXPECT_EQ(test, atomic_read(&a->order_errors), 0);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_queue_put_and_wait(a));
	drm_dep_mock_submit_many(test, b, fb + 200, DRM_DEP_KILL_OTHER - 200,
				 100);

	for (i = 0; i < DRM_DEP_KILL_JOBS; i++) {
		int status;

		KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fa[i]));
		status = dma_fence_get_status(fa[i]);
		KUNIT_EXPECT_EQ_MSG(test, status, i < ran ? 1 : -ECANCELED,
				    "job %d of A, %d ran", i, ran);
		cancelled += status == -ECANCELED;
		dma_fence_put(fa[i]);
	}
	kunit_info(test, "A: %d jobs ran, %d cancelled by the kill\n", ran,
		   cancelled);

	drm_dep_mock_expect_fences_put(test, fb, DRM_DEP_KILL_OTHER, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->runs), DRM_DEP_KILL_OTHER);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->cancelled_runs), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->order_errors), 0);

	drm_dep_mock_teardown(test, &b, 1, &me, 1);
}

/*
 * A killed queue whose job waits on a dependency: the job waits, cancelled,
 * for its dependency, and meanwhile the other queue of the one-credit
 * engine runs all of its jobs.
 */
static void drm_dep_test_engine_killed_waits_alone(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "killwait",
							     1, 0);
	struct drm_dep_mock_queue *mq[2];
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct drm_dep_mock_job *job;
	struct dma_fence *fa, *fb[10];

	mq[0] = drm_dep_mock_queue_on(test, "killed", me, 0);
	mq[1] = drm_dep_mock_queue_on(test, "other", me, 0);
	job = drm_dep_mock_job_new(test, mq[0], 1, 0);
	fa = drm_dep_mock_submit_after(test, job, dep);
	drm_dep_queue_kill(&mq[0]->base);

	drm_dep_mock_submit_many(test, mq[1], fb, ARRAY_SIZE(fb), 100);
	drm_dep_mock_expect_fences_put(test, fb, ARRAY_SIZE(fb), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 0);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fa));

	drm_dep_mock_fence_signal(dep, 0);
	drm_dep_mock_expect_fence_put(test, fa, -ECANCELED);
	KUNIT_EXPECT_EQ(test, job->run_error, -ECANCELED);

	dma_fence_put(dep);
	drm_dep_mock_job_put(job);
	drm_dep_mock_teardown(test, mq, ARRAY_SIZE(mq), &me, 1);
}

/**
 * struct drm_dep_test_finisher - a driver's remove() finalising an engine
 * @work: runs drm_dep_engine_fini()
 * @me: the engine
 * @event: what fini has to wait for; set by the test when it happens
 * @started: fini is about to be called
 * @done: fini returned
 * @warnings: drm_dep warnings given meanwhile
 * @after_event: @event was set when fini returned
 * @bound: queues still bound to the engine when fini returned
 * @releasing: mock queues of the engine whose release callback had not
 *	finished when fini returned
 */
struct drm_dep_test_finisher {
	struct work_struct work;
	struct drm_dep_mock_engine *me;
	bool *event;
	struct completion started;
	struct completion done;
	int warnings;
	bool after_event;
	unsigned int bound;
	int releasing;
};

static void drm_dep_test_finisher_fn(struct work_struct *work)
{
	struct drm_dep_test_finisher *f = container_of(work, typeof(*f), work);
	int before = drm_dep_warn_count();

	complete(&f->started);
	drm_dep_engine_fini(&f->me->base);
	f->warnings = drm_dep_warn_count() - before;
	f->after_event = READ_ONCE(*f->event);
	f->bound = READ_ONCE(f->me->base.bound);
	f->releasing = atomic_read(&f->me->queues);
	/* For every wait on it: the test waits twice. */
	complete_all(&f->done);
}

/* Call drm_dep_engine_fini() on @me from another thread. */
static void drm_dep_test_finisher_start(struct drm_dep_test_finisher *f,
					struct drm_dep_mock_engine *me,
					bool *event)
{
	f->me = me;
	f->event = event;
	init_completion(&f->started);
	init_completion(&f->done);
	INIT_WORK_ONSTACK(&f->work, drm_dep_test_finisher_fn);
	queue_work(system_unbound_wq, &f->work);
	wait_for_completion(&f->started);
	/* A fini that does not wait returns meanwhile. */
	wait_for_completion_timeout(&f->done, HZ / 10);
}

/*
 * Once fini returned: it gave @warnings warnings, it waited for the event,
 * and no queue is bound any more nor in its release callback, so the
 * engine may be freed.
 */
static void drm_dep_test_finisher_check(struct kunit *test,
					struct drm_dep_test_finisher *f,
					int warnings)
{
	wait_for_completion(&f->done);
	flush_work(&f->work);
	destroy_work_on_stack(&f->work);

	KUNIT_EXPECT_EQ(test, f->warnings, warnings);
	KUNIT_EXPECT_TRUE(test, f->after_event);
	KUNIT_EXPECT_EQ(test, f->bound, 0);
	KUNIT_EXPECT_EQ(test, f->releasing, 0);
	/* Otherwise the engine may still be in use: leave it, leaked. */
	if (f->warnings == warnings && !f->bound)
		drm_dep_mock_engine_free(test, f->me);
}

/*
 * drm_dep_engine_fini() while the driver still holds a queue of the
 * engine: it waits until the driver drops it and the queue's teardown
 * let go of the engine.
 */
static void drm_dep_test_engine_fini_waits_for_put(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "busy", 1,
							     0);
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_on(test, "bound",
							      me, 0);
	struct drm_dep_test_finisher f;
	struct drm_dep_mock_job *job;
	bool put = false;

	job = drm_dep_mock_job_new(test, mq, 1, 0);
	drm_dep_mock_submit_expect(test, job, 1);
	drm_dep_mock_job_put(job);

	drm_dep_test_finisher_start(&f, me, &put);
	KUNIT_EXPECT_FALSE(test, completion_done(&f.done));
	WRITE_ONCE(put, true);
	drm_dep_mock_queue_put(mq);
	drm_dep_test_finisher_check(test, &f, 0);
}

/**
 * struct drm_dep_test_blocker - holds up an ordered workqueue
 * @work: waits for @go
 * @go: released by the test
 */
struct drm_dep_test_blocker {
	struct work_struct work;
	struct completion go;
};

static void drm_dep_test_blocker_fn(struct work_struct *work)
{
	struct drm_dep_test_blocker *b = container_of(work, typeof(*b), work);

	wait_for_completion(&b->go);
}

/*
 * The documented teardown from a driver's remove(): kill the queue and
 * drop the driver's last reference, then finalise the engine. drm_dep
 * itself still holds the queue (its retire worker has not dropped a
 * signalled job yet): fini waits for that, and for the queue's teardown,
 * and returns without a warning.
 */
static void drm_dep_test_engine_fini_waits_for_retire(struct kunit *test)
{
	struct drm_dep_mock_test *priv = test->priv;
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "retire",
							     1, 0);
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_on(test, "killed",
							      me, 0);
	struct drm_dep_test_blocker b;
	struct drm_dep_test_finisher f;
	struct drm_dep_mock_job *job;
	struct dma_fence *fence;
	bool unblocked = false;

	job = drm_dep_mock_job_new(test, mq, 1, 0);
	job->duration_us = 0;
	fence = drm_dep_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));

	/* The engine's workqueue, with the retire worker, is held up. */
	init_completion(&b.go);
	INIT_WORK_ONSTACK(&b.work, drm_dep_test_blocker_fn);
	queue_work(priv->wq, &b.work);

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	/*
	 * The submit worker may not have put its callback on the hardware
	 * fence yet, and then completes the job itself, a moment later.
	 */
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fence));
	drm_dep_mock_job_put(job);
	drm_dep_queue_kill(&mq->base);
	drm_dep_mock_queue_put(mq);

	drm_dep_test_finisher_start(&f, me, &unblocked);
	KUNIT_EXPECT_FALSE(test, completion_done(&f.done));
	WRITE_ONCE(unblocked, true);
	complete(&b.go);
	drm_dep_test_finisher_check(test, &f, 0);
	flush_work(&b.work);
	destroy_work_on_stack(&b.work);

	drm_dep_mock_expect_fence_put(test, fence, 1);
}

/*
 * fini on a stopped engine whose killed queue still has a job to run: the
 * job cannot run, so fini warns, then waits for the start, after which
 * the job runs, cancelled, and the queue is torn down.
 */
static void drm_dep_test_engine_fini_while_stopped(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "stopped",
							     1, 0);
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_on(test, "killed",
							      me, 0);
	struct drm_dep_test_finisher f;
	struct drm_dep_mock_job *job;
	struct dma_fence *fence;
	bool started = false;

	drm_dep_engine_stop(&me->base);
	job = drm_dep_mock_job_new(test, mq, 1, 0);
	fence = drm_dep_mock_job_submit(job);
	drm_dep_mock_job_put(job);
	drm_dep_queue_kill(&mq->base);
	drm_dep_mock_queue_put(mq);

	pr_info(DRM_DEP_MOCK_EXPECT_WARNING);
	drm_dep_test_finisher_start(&f, me, &started);
	KUNIT_EXPECT_FALSE(test, completion_done(&f.done));
	WRITE_ONCE(started, true);
	drm_dep_engine_start(&me->base);
	drm_dep_test_finisher_check(test, &f, 1);

	drm_dep_mock_expect_fence_put(test, fence, -ECANCELED);
}

#define DRM_DEP_FINI_JOBS	10

/*
 * Once a queue's last reference is dropped, drm_dep_engine_fini() waits
 * for the queue's asynchronous teardown, so the driver need not wait for
 * the release callbacks itself.
 */
static void drm_dep_test_engine_fini_after_put(struct kunit *test)
{
	int released = atomic_read(&drm_dep_mock_stats.queues_released);
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "fini", 1,
							     0);
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_on(test, "dying",
							      me, 0);
	struct dma_fence *fence[DRM_DEP_FINI_JOBS];

	drm_dep_mock_submit_many(test, mq, fence, DRM_DEP_FINI_JOBS, 100);
	drm_dep_mock_expect_fences_put(test, fence, DRM_DEP_FINI_JOBS, 1);
	/* The retire worker dropped the jobs' queue references. */
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_frees(mq, DRM_DEP_FINI_JOBS));
	drm_dep_mock_flush(test);

	/* The last reference: the queue frees itself on release. */
	drm_dep_mock_queue_put(mq);
	drm_dep_mock_engine_fini(test, me);
	KUNIT_EXPECT_EQ(test, atomic_read(&drm_dep_mock_stats.queues_released),
			released + 1);
}

static struct kunit_case drm_dep_engine_teardown_cases[] = {
	KUNIT_CASE(drm_dep_test_engine_kill_one),
	KUNIT_CASE(drm_dep_test_engine_killed_waits_alone),
	KUNIT_CASE(drm_dep_test_engine_fini_waits_for_put),
	KUNIT_CASE(drm_dep_test_engine_fini_waits_for_retire),
	KUNIT_CASE(drm_dep_test_engine_fini_while_stopped),
	KUNIT_CASE(drm_dep_test_engine_fini_after_put),
	{}
};

static struct kunit_suite drm_dep_engine_teardown_suite = {
	.name = "drm_dep_engine_teardown",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_engine_teardown_cases,
};

kunit_test_suite(drm_dep_engine_teardown_suite);

// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Stop and start, kill, and queue teardown.
 */

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/workqueue.h>

#include <kunit/test.h>

#include "drm_dep_mock.h"

/* While stopped nothing runs; start runs what was pushed meanwhile. */
static void drm_dep_test_stop_start(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct dma_fence *fence[3];

	drm_dep_queue_stop(&mq->base);
	drm_dep_mock_submit_many(test, mq, fence, ARRAY_SIZE(fence), 100);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 0);

	drm_dep_queue_start(&mq->base);
	drm_dep_mock_expect_fences_put(test, fence, ARRAY_SIZE(fence), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->order_errors), 0);
	drm_dep_mock_queue_put(mq);
}

/* Stops nest: only the last start restarts submission. */
static void drm_dep_test_stop_nests(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	drm_dep_queue_stop(&mq->base);
	drm_dep_queue_stop(&mq->base);
	fence = drm_dep_mock_job_submit(job);

	drm_dep_queue_start(&mq->base);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 0);

	drm_dep_queue_start(&mq->base);
	drm_dep_mock_expect_fence_put(test, fence, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* A start without a stop is a driver bug: it warns and changes nothing. */
static void drm_dep_test_start_without_stop(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	DRM_DEP_EXPECT_WARN(test, drm_dep_queue_start(&mq->base));

	/* The queue is not left "stopped -1": one stop still stops it. */
	drm_dep_queue_stop(&mq->base);
	fence = drm_dep_mock_job_submit(job);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 0);
	drm_dep_queue_start(&mq->base);
	drm_dep_mock_expect_fence_put(test, fence, 1);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/**
 * struct drm_dep_test_gate - holds run_job() until the test opens it
 * @entered: completed when run_job() reached the gate
 * @open: completed by the test to let run_job() go on
 * @stopped: completed when the stopping thread's drm_dep_queue_stop()
 *	returned
 * @mq: the queue the stopping thread stops
 */
struct drm_dep_test_gate {
	struct completion entered;
	struct completion open;
	struct completion stopped;
	struct drm_dep_mock_queue *mq;
};

static void drm_dep_test_gate_hook(struct drm_dep_mock_job *job, void *data)
{
	struct drm_dep_test_gate *gate = data;

	complete(&gate->entered);
	wait_for_completion_timeout(&gate->open, DRM_DEP_MOCK_WAIT);
}

static int drm_dep_test_stopper(void *data)
{
	struct drm_dep_test_gate *gate = data;

	drm_dep_queue_stop(&gate->mq->base);
	complete(&gate->stopped);
	return 0;
}

/*
 * drm_dep_queue_stop() waits for a run_job() in progress: it does not
 * return while the worker is held inside run_job().
 */
static void drm_dep_test_stop_waits_for_run_job(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_test_gate *gate;
	struct task_struct *task;
	struct dma_fence *fence;

	gate = kunit_kzalloc(test, sizeof(*gate), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, gate);
	init_completion(&gate->entered);
	init_completion(&gate->open);
	init_completion(&gate->stopped);
	gate->mq = mq;
	mq->hook_data = gate;
	mq->run_hook = drm_dep_test_gate_hook;

	fence = drm_dep_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&gate->entered,
							    DRM_DEP_MOCK_WAIT));

	task = kthread_run(drm_dep_test_stopper, gate, "drm_dep_stopper");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));

	/* Give the stopper every chance to return early, if it were to. */
	msleep(50);
	KUNIT_EXPECT_FALSE(test, completion_done(&gate->stopped));

	complete(&gate->open);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&gate->stopped,
							    DRM_DEP_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	mq->run_hook = NULL;
	drm_dep_queue_start(&mq->base);

	drm_dep_mock_expect_fence_put(test, fence, 1);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/**
 * struct drm_dep_test_toggle - a thread stopping and starting a queue
 * @mq: the queue
 * @stop: set by the test to end the thread
 * @done: completed when the thread ends
 * @toggles: stop/start pairs done
 */
struct drm_dep_test_toggle {
	struct drm_dep_mock_queue *mq;
	bool stop;
	struct completion done;
	int toggles;
};

static int drm_dep_test_toggler(void *data)
{
	struct drm_dep_test_toggle *t = data;

	while (!READ_ONCE(t->stop)) {
		drm_dep_queue_stop(&t->mq->base);
		usleep_range(20, 100);
		drm_dep_queue_start(&t->mq->base);
		usleep_range(20, 100);
		t->toggles++;
	}
	complete(&t->done);
	return 0;
}

/* Stop and start racing with pushes on a bypass queue lose nothing. */
static void drm_dep_test_stop_start_while_pushing(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.flags = DRM_DEP_QUEUE_BYPASS,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_test_toggle *t;
	struct dma_fence *last = NULL;
	struct task_struct *task;
	int i;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	t->mq = mq;
	init_completion(&t->done);
	task = kthread_run(drm_dep_test_toggler, t, "drm_dep_toggler");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));

	for (i = 0; i < 300; i++) {
		struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq,
								    1, 0);

		job->duration_us = 1 + i % 30;
		dma_fence_put(last);
		last = drm_dep_mock_job_submit(job);
		drm_dep_mock_job_put(job);
		if (!(i % 16))
			usleep_range(20, 60);
	}

	WRITE_ONCE(t->stop, true);
	wait_for_completion(&t->done);

	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(last));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 300);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->order_errors), 0);
	kunit_info(test, "%d stop/start pairs, %d runs by the worker\n",
		   t->toggles, atomic_read(&mq->worker_runs));

	dma_fence_put(last);
	drm_dep_mock_queue_put(mq);
}

/*
 * Kill with jobs pending: they are cancelled, each run once with
 * -ECANCELED, and the job on the hardware completes normally. A cancelled
 * job still waits for its dependencies: the last one runs only once its
 * dependency signalled.
 */
static void drm_dep_test_kill_pending(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.credit_limit = 1,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct drm_dep_mock_job *job[3];
	struct dma_fence *fence[3];
	int i;

	for (i = 0; i < 3; i++) {
		job[i] = drm_dep_mock_job_new(test, mq, 1, 0);
		job[i]->duration_us = 0;
		if (i == 2)
			fence[i] = drm_dep_mock_submit_after(test, job[i], dep);
		else
			fence[i] = drm_dep_mock_job_submit(job[i]);
	}
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));

	drm_dep_queue_kill(&mq->base);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);

	KUNIT_EXPECT_TRUE(test, drm_dep_mock_wait_runs(mq, 2));
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&job[2]->run_count), 0);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fence[2]));
	drm_dep_mock_fence_signal(dep, 0);

	for (i = 0; i < 3; i++) {
		drm_dep_mock_expect_fence_put(test, fence[i],
					      i ? -ECANCELED : 1);
		KUNIT_EXPECT_EQ(test, atomic_read(&job[i]->run_count), 1);
		KUNIT_EXPECT_EQ(test, job[i]->run_error, i ? -ECANCELED : 0);
		drm_dep_mock_job_put(job[i]);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->order_errors), 0);

	dma_fence_put(dep);
	drm_dep_mock_queue_put(mq);
}

/*
 * A killed queue's job waiting on a dependency: it is cancelled, but
 * neither runs nor signals before the dependency did, since the
 * dependency may still be writing the buffers the job uses. Then
 * run_job() sees -ECANCELED, once, and the finished fence carries it.
 */
static void drm_dep_test_kill_waits_for_deps(struct kunit *test, u32 flags)
{
	struct drm_dep_mock_queue_args args = { .flags = flags };
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct dma_fence *fence;

	fence = drm_dep_mock_submit_after(test, job, dep);
	drm_dep_queue_kill(&mq->base);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 0);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fence));

	drm_dep_mock_fence_signal(dep, 0);
	drm_dep_mock_expect_fence_put(test, fence, -ECANCELED);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	KUNIT_EXPECT_EQ(test, job->run_error, -ECANCELED);
	KUNIT_EXPECT_FALSE(test, job->hw_used);

	dma_fence_put(dep);
	drm_dep_mock_job_put(job);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_queue_put_and_wait(mq));
}

static void drm_dep_test_kill_waits_for_deps_worker(struct kunit *test)
{
	drm_dep_test_kill_waits_for_deps(test, 0);
}

static void drm_dep_test_kill_waits_for_deps_bypass(struct kunit *test)
{
	drm_dep_test_kill_waits_for_deps(test, DRM_DEP_QUEUE_BYPASS);
}

/**
 * struct drm_dep_test_reenter - a finished fence callback that kills or
 * starts the queue of the job it waits for
 * @cb: the callback
 * @mq: the queue
 * @calls: how often it ran
 */
struct drm_dep_test_reenter {
	struct dma_fence_cb cb;
	struct drm_dep_mock_queue *mq;
	atomic_t calls;
};

static void drm_dep_test_reenter_kill(struct dma_fence *fence,
				      struct dma_fence_cb *cb)
{
	struct drm_dep_test_reenter *r = container_of(cb, typeof(*r), cb);

	drm_dep_queue_kill(&r->mq->base);
	atomic_inc(&r->calls);
}

static void drm_dep_test_reenter_start(struct dma_fence *fence,
				       struct dma_fence_cb *cb)
{
	struct drm_dep_test_reenter *r = container_of(cb, typeof(*r), cb);

	drm_dep_queue_start(&r->mq->base);
	atomic_inc(&r->calls);
}

/*
 * A callback on a finished fence kills the fence's own queue: finished
 * fences do not signal under the engine lock, so this does not deadlock.
 * The job held back behind the completed one for credits is cancelled,
 * still run once.
 */
static void drm_dep_test_kill_from_finished_cb(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.credit_limit = 1,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_test_reenter r = { .mq = mq };
	struct dma_fence *fa, *fb;

	a->duration_us = 0;
	fa = drm_dep_mock_job_submit(a);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));
	KUNIT_EXPECT_EQ(test, dma_fence_add_callback(fa, &r.cb,
						     drm_dep_test_reenter_kill),
			0);

	fb = drm_dep_mock_job_submit(b);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 0);

	/* Completes a, whose callback runs right here and kills. */
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&r.calls), 1);
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fa), 1);

	drm_dep_mock_expect_fence_put(test, fb, -ECANCELED);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 1);
	KUNIT_EXPECT_EQ(test, b->run_error, -ECANCELED);
	KUNIT_EXPECT_FALSE(test, b->hw_used);

	dma_fence_put(fa);
	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

/*
 * A callback on a finished fence starts the fence's own queue, stopped
 * while the job was on the hardware: no deadlock, and the job pushed
 * while stopped then runs normally.
 */
static void drm_dep_test_start_from_finished_cb(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_test_reenter r = { .mq = mq };
	struct dma_fence *fa, *fb;

	a->duration_us = 0;
	fa = drm_dep_mock_job_submit(a);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 1));
	drm_dep_queue_stop(&mq->base);
	KUNIT_EXPECT_EQ(test, dma_fence_add_callback(fa, &r.cb,
						     drm_dep_test_reenter_start),
			0);

	fb = drm_dep_mock_job_submit(b);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 0);

	/* Completes a, whose callback runs right here and starts. */
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&r.calls), 1);
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fa), 1);

	drm_dep_mock_expect_fence_put(test, fb, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 1);
	KUNIT_EXPECT_EQ(test, b->run_error, 0);

	dma_fence_put(fa);
	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

/* After kill, drm_dep_job_init() refuses new jobs. */
static void drm_dep_test_init_after_kill(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_alloc();

	KUNIT_ASSERT_NOT_NULL(test, job);
	job->mq = mq;
	drm_dep_queue_kill(&mq->base);
	KUNIT_EXPECT_EQ(test, drm_dep_job_init(&job->base, &mq->base, 1, 0),
			-ENODEV);
	drm_dep_mock_job_free_unused(job);
	drm_dep_mock_queue_put(mq);
}

/* A job pushed after kill warns and is cancelled, still run once. */
static void drm_dep_test_push_after_kill(struct kunit *test, u32 flags)
{
	struct drm_dep_mock_queue_args args = { .flags = flags };
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fence;

	drm_dep_queue_kill(&mq->base);
	drm_dep_job_arm(&job->base);
	DRM_DEP_EXPECT_WARN(test, drm_dep_job_push(&job->base));
	fence = dma_fence_get(drm_dep_job_finished_fence(&job->base));

	drm_dep_mock_expect_fence_put(test, fence, -ECANCELED);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	KUNIT_EXPECT_EQ(test, job->run_error, -ECANCELED);
	KUNIT_EXPECT_FALSE(test, job->hw_used);

	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

static void drm_dep_test_push_after_kill_worker(struct kunit *test)
{
	drm_dep_test_push_after_kill(test, 0);
}

static void drm_dep_test_push_after_kill_bypass(struct kunit *test)
{
	drm_dep_test_push_after_kill(test, DRM_DEP_QUEUE_BYPASS);
}

/*
 * The last queue reference dropped with jobs still on the hardware and
 * pending: they all complete, then the queue is released.
 */
static void drm_dep_test_teardown_in_flight(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.credit_limit = 4,
		.own_wq = true,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct dma_fence *fence[30];
	int i;

	drm_dep_mock_submit_many(test, mq, fence, ARRAY_SIZE(fence), 200);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_queue_put_and_wait(mq));
	for (i = 0; i < ARRAY_SIZE(fence); i++) {
		KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(fence[i]));
		KUNIT_EXPECT_EQ(test, dma_fence_get_status(fence[i]), 1);
		dma_fence_put(fence[i]);
	}
}

/*
 * A driver shutting down a queue with a hung job: kill, force-complete
 * the hardware, drop the reference. Everything completes with an error
 * and the queue is released.
 */
static void drm_dep_test_teardown_killed(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.credit_limit = 2,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct dma_fence *fence[6];
	int i;

	for (i = 0; i < ARRAY_SIZE(fence); i++) {
		struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq,
								    1, 0);

		job->hang = true;
		fence[i] = drm_dep_mock_job_submit(job);
		drm_dep_mock_job_put(job);
	}
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 2));

	drm_dep_queue_kill(&mq->base);
	drm_dep_queue_stop(&mq->base);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_hw_reset(mq, -ENODEV), 2);
	drm_dep_queue_start(&mq->base);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_queue_put_and_wait(mq));

	for (i = 0; i < ARRAY_SIZE(fence); i++) {
		KUNIT_EXPECT_EQ(test, dma_fence_get_status(fence[i]),
				i < 2 ? -ENODEV : -ECANCELED);
		dma_fence_put(fence[i]);
	}
}

#define DRM_DEP_FLUSH_JOBS	8

/*
 * drm_dep_queue_flush() is a quiescence point on a queue with a workqueue
 * of drm_dep's own: the jobs that could run have run, those that completed
 * are retired (the test dropped its references, so they are freed), and a
 * job waiting on a dependency has not run.
 */
static void drm_dep_test_queue_flush(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = { .own_wq = true };
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct drm_dep_mock_job *job;
	struct dma_fence *fence;
	int i;

	for (i = 0; i < DRM_DEP_FLUSH_JOBS; i++) {
		job = drm_dep_mock_job_new(test, mq, 1, 0);
		job->ret = DRM_DEP_MOCK_RET_NULL;
		dma_fence_put(drm_dep_mock_job_submit(job));
		drm_dep_mock_job_put(job);
	}
	job = drm_dep_mock_job_new(test, mq, 1, 0);
	job->ret = DRM_DEP_MOCK_RET_NULL;
	fence = drm_dep_mock_submit_after(test, job, dep);
	drm_dep_mock_job_put(job);

	drm_dep_queue_flush(&mq->base);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), DRM_DEP_FLUSH_JOBS);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), DRM_DEP_FLUSH_JOBS);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fence));

	drm_dep_mock_fence_signal(dep, 0);
	drm_dep_mock_expect_fence_put(test, fence, 1);
	drm_dep_queue_flush(&mq->base);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), DRM_DEP_FLUSH_JOBS + 1);

	dma_fence_put(dep);
	drm_dep_mock_queue_put(mq);
}

/**
 * struct drm_dep_test_flush_race - a flush while a bypass pusher runs a job
 * @entered: the pusher is in run_job()
 * @go: lets that run_job() return
 * @push: pushes the busy queue's job, from another thread
 * @flush: flushes the waiting queue, from another thread
 * @job: the busy queue's job
 * @waiting: the waiting queue's job
 * @busy_fence: @job's finished fence
 * @flushed: the flush returned
 * @runs: run_job() calls of @waiting when it did
 */
struct drm_dep_test_flush_race {
	struct completion entered;
	struct completion go;
	struct work_struct push;
	struct work_struct flush;
	struct drm_dep_mock_job *job;
	struct drm_dep_mock_job *waiting;
	struct dma_fence *busy_fence;
	struct completion flushed;
	int runs;
};

static void drm_dep_test_flush_race_hook(struct drm_dep_mock_job *job,
					 void *data)
{
	struct drm_dep_test_flush_race *r = data;

	complete(&r->entered);
	wait_for_completion(&r->go);
}

static void drm_dep_test_flush_race_push(struct work_struct *work)
{
	struct drm_dep_test_flush_race *r = container_of(work, typeof(*r),
							 push);

	r->busy_fence = drm_dep_mock_job_submit(r->job);
}

static void drm_dep_test_flush_race_flush(struct work_struct *work)
{
	struct drm_dep_test_flush_race *r = container_of(work, typeof(*r),
							 flush);

	drm_dep_queue_flush(&r->waiting->mq->base);
	r->runs = atomic_read(&r->waiting->run_count);
	/* For every wait on it: the test waits twice. */
	complete_all(&r->flushed);
}

/*
 * A bypass pusher is in run_job() on a shared engine, so the job of the
 * other queue, pushed meanwhile, waits for the submit worker, which left
 * it to that pusher. A flush of the other queue returns only once that
 * job has run.
 */
static void drm_dep_test_queue_flush_bypass(struct kunit *test)
{
	struct drm_dep_mock_engine *me = drm_dep_mock_shared(test, "flush", 2,
							     0);
	struct drm_dep_mock_queue *mq[2];
	struct drm_dep_test_flush_race r = {};
	struct dma_fence *fence;
	int i;

	for (i = 0; i < 2; i++)
		mq[i] = drm_dep_mock_queue_on(test, i ? "waiting" : "busy", me,
					      DRM_DEP_QUEUE_BYPASS);
	init_completion(&r.entered);
	init_completion(&r.go);
	init_completion(&r.flushed);
	mq[0]->run_hook = drm_dep_test_flush_race_hook;
	mq[0]->hook_data = &r;
	r.job = drm_dep_mock_job_new(test, mq[0], 1, 0);
	r.job->ret = DRM_DEP_MOCK_RET_NULL;
	r.waiting = drm_dep_mock_job_new(test, mq[1], 1, 0);
	r.waiting->ret = DRM_DEP_MOCK_RET_NULL;

	INIT_WORK_ONSTACK(&r.push, drm_dep_test_flush_race_push);
	INIT_WORK_ONSTACK(&r.flush, drm_dep_test_flush_race_flush);
	queue_work(system_unbound_wq, &r.push);
	wait_for_completion(&r.entered);

	fence = drm_dep_mock_job_submit(r.waiting);
	/* The worker looked, and left the job to the pusher. */
	drm_dep_mock_flush(test);
	queue_work(system_unbound_wq, &r.flush);
	/* A flush that does not wait for the pusher returns meanwhile. */
	wait_for_completion_timeout(&r.flushed, HZ / 10);
	complete(&r.go);
	wait_for_completion(&r.flushed);
	KUNIT_EXPECT_EQ(test, r.runs, 1);

	flush_work(&r.push);
	flush_work(&r.flush);
	destroy_work_on_stack(&r.push);
	destroy_work_on_stack(&r.flush);
	drm_dep_mock_expect_fence_put(test, r.busy_fence, 1);
	drm_dep_mock_expect_fence_put(test, fence, 1);
	drm_dep_mock_job_put(r.job);
	drm_dep_mock_job_put(r.waiting);
	mq[0]->run_hook = NULL;
	drm_dep_mock_teardown(test, mq, 2, &me, 1);
}

/* Extra queue references keep the queue until the last one goes. */
static void drm_dep_test_queue_refs(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	int released = atomic_read(&drm_dep_mock_stats.queues_released);

	KUNIT_EXPECT_PTR_EQ(test, drm_dep_queue_get(&mq->base), &mq->base);
	drm_dep_mock_queue_put(mq);
	drm_dep_mock_flush(test);
	flush_workqueue(system_wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&drm_dep_mock_stats.queues_released),
			released);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_queue_put_and_wait(mq));
}

static struct kunit_case drm_dep_lifecycle_cases[] = {
	KUNIT_CASE(drm_dep_test_stop_start),
	KUNIT_CASE(drm_dep_test_stop_nests),
	KUNIT_CASE(drm_dep_test_start_without_stop),
	KUNIT_CASE(drm_dep_test_stop_waits_for_run_job),
	KUNIT_CASE(drm_dep_test_stop_start_while_pushing),
	KUNIT_CASE(drm_dep_test_kill_pending),
	KUNIT_CASE(drm_dep_test_kill_waits_for_deps_worker),
	KUNIT_CASE(drm_dep_test_kill_waits_for_deps_bypass),
	KUNIT_CASE(drm_dep_test_kill_from_finished_cb),
	KUNIT_CASE(drm_dep_test_start_from_finished_cb),
	KUNIT_CASE(drm_dep_test_init_after_kill),
	KUNIT_CASE(drm_dep_test_push_after_kill_worker),
	KUNIT_CASE(drm_dep_test_push_after_kill_bypass),
	KUNIT_CASE(drm_dep_test_teardown_in_flight),
	KUNIT_CASE(drm_dep_test_teardown_killed),
	KUNIT_CASE(drm_dep_test_queue_flush),
	KUNIT_CASE(drm_dep_test_queue_flush_bypass),
	KUNIT_CASE(drm_dep_test_queue_refs),
	{}
};

static struct kunit_suite drm_dep_lifecycle_suite = {
	.name = "drm_dep_lifecycle",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_lifecycle_cases,
};

kunit_test_suite(drm_dep_lifecycle_suite);

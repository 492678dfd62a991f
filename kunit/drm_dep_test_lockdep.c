// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * The fence-signalling annotations around run_job().
 *
 * Suite drm_dep_lockdep: what the annotations must allow. A driver that
 * follows the dma-fence rules and pushes the jobs of one submission inside
 * a signalling section of its own, on a bypass queue, runs run_job() inside
 * that section: that is legitimate and must not give a report.
 *
 * Suite drm_dep_lockdep_report: deliberate reports. run_job() breaking the
 * fence-signalling rules must be caught by lockdep the first time it
 * happens, whether the submit worker or a bypass pusher calls it. Lockdep
 * reports once and then turns itself off, so each case runs only when
 * asked for on the kernel command line, one per boot:
 *
 *   drm_dep_kunit.provoke=gfp_kernel_in_run_job
 *   drm_dep_kunit.provoke=runtime_pm_in_run_job
 *   drm_dep_kunit.provoke=mutex_in_run_job
 *   drm_dep_kunit.provoke=gfp_kernel_in_bypass_run_job
 *   drm_dep_kunit.provoke=runtime_pm_in_bypass_run_job
 *   drm_dep_kunit.provoke=mutex_in_bypass_run_job
 *   drm_dep_kunit.provoke=fini_lock_in_free_job
 *
 * and is skipped otherwise. The last one is about drm_dep_queue_fini(),
 * which waits for free_job(): a lock held around it must not be taken in
 * free_job().
 */

#include <linux/debug_locks.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <kunit/device.h>
#include <kunit/test.h>

#include "drm_dep_mock.h"

static char drm_dep_provoke[32];
module_param_string(provoke, drm_dep_provoke, sizeof(drm_dep_provoke), 0444);
MODULE_PARM_DESC(provoke, "drm_dep_lockdep_report case to run");

static void drm_dep_lockdep_skip_unless_asked(struct kunit *test)
{
	if (strcmp(drm_dep_provoke, test->name))
		kunit_skip(test, "boot with drm_dep_kunit.provoke=%s", test->name);
}

/*
 * Run one job whose run_job() calls @hook, from the submit worker or, with
 * @bypass, from the pusher, and check that lockdep went from on to off on
 * the way.
 */
static void drm_dep_lockdep_provoke(struct kunit *test,
				    void (*hook)(struct drm_dep_mock_job *job,
						 void *data),
				    void *data, bool bypass)
{
	struct drm_dep_mock_queue_args args = {
		.flags = bypass ? DRM_DEP_QUEUE_BYPASS : 0,
	};
	struct drm_dep_mock_queue *mq;
	struct drm_dep_mock_job *job;
	struct dma_fence *fence;

	drm_dep_lockdep_skip_unless_asked(test);
	KUNIT_ASSERT_TRUE_MSG(test, debug_locks, "lockdep is already off");

	mq = drm_dep_mock_queue_new(test, &args);
	mq->run_hook = hook;
	mq->hook_data = data;
	job = drm_dep_mock_job_new(test, mq, 1, 0);
	job->ret = DRM_DEP_MOCK_RET_NULL;
	fence = drm_dep_mock_submit_wait(test, job);

	KUNIT_EXPECT_FALSE_MSG(test, debug_locks, "no lockdep report");
	/* The path the case is about was the one taken. */
	KUNIT_EXPECT_EQ(test, job->run_in_worker, !bypass);
	if (bypass)
		KUNIT_EXPECT_PTR_EQ(test, job->run_task, current);

	dma_fence_put(fence);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

static void drm_dep_lockdep_alloc(struct drm_dep_mock_job *job, void *data)
{
	kfree(kmalloc(64, GFP_KERNEL));
}

/* A GFP_KERNEL allocation in run_job() may recurse into reclaim. */
static void drm_dep_lockdep_gfp_kernel(struct kunit *test, bool bypass)
{
	drm_dep_lockdep_provoke(test, drm_dep_lockdep_alloc, NULL, bypass);
}

static void drm_dep_lockdep_gfp_kernel_worker(struct kunit *test)
{
	drm_dep_lockdep_gfp_kernel(test, false);
}

static void drm_dep_lockdep_gfp_kernel_bypass(struct kunit *test)
{
	drm_dep_lockdep_gfp_kernel(test, true);
}

static int drm_dep_lockdep_runtime_resume(struct device *dev)
{
	kfree(kmalloc(64, GFP_KERNEL));
	return 0;
}

static int drm_dep_lockdep_runtime_suspend(struct device *dev)
{
	return 0;
}

static struct dev_pm_domain drm_dep_lockdep_pm_domain = {
	.ops = {
		.runtime_suspend = drm_dep_lockdep_runtime_suspend,
		.runtime_resume = drm_dep_lockdep_runtime_resume,
	},
};

static void drm_dep_lockdep_rpm_get(struct drm_dep_mock_job *job, void *data)
{
	struct device *dev = data;

	pm_runtime_get_sync(dev);
	pm_runtime_put_noidle(dev);
}

/* Resuming a device in run_job() runs its resume callback, which allocates. */
static void drm_dep_lockdep_runtime_pm(struct kunit *test, bool bypass)
{
	struct device *dev;

	drm_dep_lockdep_skip_unless_asked(test);

	dev = kunit_device_register(test, "drm_dep_rpm");
	KUNIT_ASSERT_FALSE(test, IS_ERR(dev));
	dev->pm_domain = &drm_dep_lockdep_pm_domain;
	pm_runtime_enable(dev);

	drm_dep_lockdep_provoke(test, drm_dep_lockdep_rpm_get, dev, bypass);

	pm_runtime_disable(dev);
	dev->pm_domain = NULL;
}

static void drm_dep_lockdep_runtime_pm_worker(struct kunit *test)
{
	drm_dep_lockdep_runtime_pm(test, false);
}

static void drm_dep_lockdep_runtime_pm_bypass(struct kunit *test)
{
	drm_dep_lockdep_runtime_pm(test, true);
}

static DEFINE_MUTEX(drm_dep_lockdep_mutex);

static void drm_dep_lockdep_lock(struct drm_dep_mock_job *job, void *data)
{
	mutex_lock(&drm_dep_lockdep_mutex);
	mutex_unlock(&drm_dep_lockdep_mutex);
}

/* A lock held elsewhere around an allocation, taken in run_job(). */
static void drm_dep_lockdep_mutex_alloc(struct kunit *test, bool bypass)
{
	drm_dep_lockdep_skip_unless_asked(test);

	mutex_lock(&drm_dep_lockdep_mutex);
	kfree(kmalloc(64, GFP_KERNEL));
	mutex_unlock(&drm_dep_lockdep_mutex);

	drm_dep_lockdep_provoke(test, drm_dep_lockdep_lock, NULL, bypass);
}

static void drm_dep_lockdep_mutex_alloc_worker(struct kunit *test)
{
	drm_dep_lockdep_mutex_alloc(test, false);
}

static void drm_dep_lockdep_mutex_alloc_bypass(struct kunit *test)
{
	drm_dep_lockdep_mutex_alloc(test, true);
}

/*
 * A lock held around drm_dep_queue_fini() and taken in free_job(): fini
 * would wait for a free_job() that waits for the lock. Provoked without
 * the deadlock: the fini is of an idle queue, the free_job() of a job of
 * another queue, released by the test.
 */
static void drm_dep_lockdep_fini_lock(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args idle_args = {
		.no_release = true,
	};
	struct drm_dep_mock_queue *idle, *mq;
	struct drm_dep_mock_job *job;

	drm_dep_lockdep_skip_unless_asked(test);
	KUNIT_ASSERT_TRUE_MSG(test, debug_locks, "lockdep is already off");

	idle = drm_dep_mock_queue_new(test, &idle_args);
	mutex_lock(&drm_dep_lockdep_mutex);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_queue_fini(idle));
	mutex_unlock(&drm_dep_lockdep_mutex);
	KUNIT_EXPECT_TRUE_MSG(test, debug_locks, "lockdep off too early");

	mq = drm_dep_mock_queue_new(test, NULL);
	mq->free_hook = drm_dep_lockdep_lock;
	job = drm_dep_mock_job_new(test, mq, 1, 0);
	drm_dep_mock_job_put(job);
	KUNIT_EXPECT_FALSE_MSG(test, debug_locks, "no lockdep report");
	drm_dep_mock_queue_put(mq);
}

static struct kunit_case drm_dep_lockdep_report_cases[] = {
	{ .run_case = drm_dep_lockdep_gfp_kernel_worker,
	  .name = "gfp_kernel_in_run_job" },
	{ .run_case = drm_dep_lockdep_runtime_pm_worker,
	  .name = "runtime_pm_in_run_job" },
	{ .run_case = drm_dep_lockdep_mutex_alloc_worker,
	  .name = "mutex_in_run_job" },
	{ .run_case = drm_dep_lockdep_gfp_kernel_bypass,
	  .name = "gfp_kernel_in_bypass_run_job" },
	{ .run_case = drm_dep_lockdep_runtime_pm_bypass,
	  .name = "runtime_pm_in_bypass_run_job" },
	{ .run_case = drm_dep_lockdep_mutex_alloc_bypass,
	  .name = "mutex_in_bypass_run_job" },
	{ .run_case = drm_dep_lockdep_fini_lock,
	  .name = "fini_lock_in_free_job" },
	{}
};

static struct kunit_suite drm_dep_lockdep_report_suite = {
	.name = "drm_dep_lockdep_report",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit_nolockdep,
	.test_cases = drm_dep_lockdep_report_cases,
};

/*
 * The jobs of one submission pushed on a bypass queue from inside the
 * driver's own signalling section, as the dma-fence rules ask a driver to
 * annotate it (from the first push to the last): run_job() runs nested in
 * that section, and lockdep stays on.
 */
static void drm_dep_lockdep_bypass_in_section(struct kunit *test)
{
	static const struct drm_dep_mock_queue_args args = {
		.flags = DRM_DEP_QUEUE_BYPASS,
	};
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, &args);
	struct drm_dep_mock_job *job[2];
	struct dma_fence *fence[2];
	bool cookie;
	int i;

	KUNIT_ASSERT_TRUE_MSG(test, debug_locks, "lockdep is already off");

	for (i = 0; i < 2; i++) {
		job[i] = drm_dep_mock_job_new(test, mq, 1, 0);
		job[i]->ret = DRM_DEP_MOCK_RET_NULL;
		drm_dep_job_arm(&job[i]->base);
	}

	cookie = dma_fence_begin_signalling();
	for (i = 0; i < 2; i++)
		fence[i] = drm_dep_mock_job_push(job[i]);
	dma_fence_end_signalling(cookie);

	KUNIT_EXPECT_TRUE_MSG(test, debug_locks, "lockdep report");
	for (i = 0; i < 2; i++) {
		KUNIT_EXPECT_PTR_EQ(test, job[i]->run_task, current);
		drm_dep_mock_expect_fence_put(test, fence[i], 1);
		drm_dep_mock_job_put(job[i]);
	}
	drm_dep_mock_queue_put(mq);
}

/* The job a free_job() hook releases, once. */
static void drm_dep_lockdep_put_other(struct drm_dep_mock_job *job,
				      void *data)
{
	struct drm_dep_mock_job *other = xchg((struct drm_dep_mock_job **)data,
					       NULL);

	if (other)
		drm_dep_mock_job_put(other);
}

/*
 * A free_job() that drops the last reference of another job: free_job()
 * nests in free_job(), which drm_dep_queue_fini()'s lockdep annotation
 * must allow.
 */
static void drm_dep_lockdep_nested_free_job(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *other = drm_dep_mock_job_new(test, mq, 1, 0);

	KUNIT_ASSERT_TRUE_MSG(test, debug_locks, "lockdep is already off");

	mq->hook_data = &other;
	mq->free_hook = drm_dep_lockdep_put_other;
	drm_dep_mock_job_put(job);
	mq->free_hook = NULL;

	KUNIT_EXPECT_NULL(test, other);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 2);
	KUNIT_EXPECT_TRUE_MSG(test, debug_locks, "lockdep report");
	drm_dep_mock_queue_put(mq);
}

static struct kunit_case drm_dep_lockdep_cases[] = {
	KUNIT_CASE(drm_dep_lockdep_bypass_in_section),
	KUNIT_CASE(drm_dep_lockdep_nested_free_job),
	{}
};

static struct kunit_suite drm_dep_lockdep_suite = {
	.name = "drm_dep_lockdep",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_lockdep_cases,
};

kunit_test_suites(&drm_dep_lockdep_suite, &drm_dep_lockdep_report_suite);

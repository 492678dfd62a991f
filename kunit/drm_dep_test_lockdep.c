// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Deliberate lockdep reports: run_job() breaking the fence-signalling
 * rules must be caught by lockdep the first time it happens. Lockdep
 * reports once and then turns itself off, so each case runs only when
 * asked for on the kernel command line, one per boot:
 *
 *   drm_dep_kunit.provoke=gfp_kernel_in_run_job
 *   drm_dep_kunit.provoke=runtime_pm_in_run_job
 *   drm_dep_kunit.provoke=mutex_in_run_job
 *
 * and is skipped otherwise.
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

/*
 * Run one job whose run_job() calls @hook, and check that lockdep went
 * from on to off on the way.
 */
static void drm_dep_lockdep_provoke(struct kunit *test,
				    void (*hook)(struct drm_dep_mock_job *job,
						 void *data),
				    void *data)
{
	struct drm_dep_mock_queue *mq;
	struct drm_dep_mock_job *job;
	struct dma_fence *fence;

	if (strcmp(drm_dep_provoke, test->name))
		kunit_skip(test, "boot with drm_dep_kunit.provoke=%s", test->name);

	KUNIT_ASSERT_TRUE_MSG(test, debug_locks, "lockdep is already off");

	mq = drm_dep_mock_queue_new(test, NULL);
	mq->run_hook = hook;
	mq->hook_data = data;
	job = drm_dep_mock_job_new(test, mq, 1, 0);
	job->ret = DRM_DEP_MOCK_RET_NULL;
	fence = drm_dep_mock_submit_wait(test, job);

	KUNIT_EXPECT_FALSE_MSG(test, debug_locks, "no lockdep report");

	dma_fence_put(fence);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

static void drm_dep_lockdep_alloc(struct drm_dep_mock_job *job, void *data)
{
	kfree(kmalloc(64, GFP_KERNEL));
}

/* A GFP_KERNEL allocation in run_job() may recurse into reclaim. */
static void drm_dep_lockdep_gfp_kernel(struct kunit *test)
{
	drm_dep_lockdep_provoke(test, drm_dep_lockdep_alloc, NULL);
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
static void drm_dep_lockdep_runtime_pm(struct kunit *test)
{
	struct device *dev;

	if (strcmp(drm_dep_provoke, test->name))
		kunit_skip(test, "boot with drm_dep_kunit.provoke=%s", test->name);

	dev = kunit_device_register(test, "drm_dep_rpm");
	KUNIT_ASSERT_FALSE(test, IS_ERR(dev));
	dev->pm_domain = &drm_dep_lockdep_pm_domain;
	pm_runtime_enable(dev);

	drm_dep_lockdep_provoke(test, drm_dep_lockdep_rpm_get, dev);

	pm_runtime_disable(dev);
	dev->pm_domain = NULL;
}

static DEFINE_MUTEX(drm_dep_lockdep_mutex);

static void drm_dep_lockdep_lock(struct drm_dep_mock_job *job, void *data)
{
	mutex_lock(&drm_dep_lockdep_mutex);
	mutex_unlock(&drm_dep_lockdep_mutex);
}

/* A lock held elsewhere around an allocation, taken in run_job(). */
static void drm_dep_lockdep_mutex_alloc(struct kunit *test)
{
	if (strcmp(drm_dep_provoke, test->name))
		kunit_skip(test, "boot with drm_dep_kunit.provoke=%s", test->name);

	mutex_lock(&drm_dep_lockdep_mutex);
	kfree(kmalloc(64, GFP_KERNEL));
	mutex_unlock(&drm_dep_lockdep_mutex);

	drm_dep_lockdep_provoke(test, drm_dep_lockdep_lock, NULL);
}

static struct kunit_case drm_dep_lockdep_cases[] = {
	{ .run_case = drm_dep_lockdep_gfp_kernel,
	  .name = "gfp_kernel_in_run_job" },
	{ .run_case = drm_dep_lockdep_runtime_pm,
	  .name = "runtime_pm_in_run_job" },
	{ .run_case = drm_dep_lockdep_mutex_alloc,
	  .name = "mutex_in_run_job" },
	{}
};

static struct kunit_suite drm_dep_lockdep_suite = {
	.name = "drm_dep_lockdep_report",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit_nolockdep,
	.test_cases = drm_dep_lockdep_cases,
};

kunit_test_suite(drm_dep_lockdep_suite);

// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 */

/*
 * A small driver on the DRM GPU scheduler, written the way the in-tree
 * drivers use it: one scheduler per ring, one entity per file, a job's
 * dependencies from a reservation object and an in-fence, the finished
 * fence as the job's out-fence, and a timeout handler that stops the
 * scheduler, counts the job's karma, resets the ring, resubmits the jobs
 * and starts the scheduler again. The job that timed out is guilty
 * (hang_limit 0), so the scheduler cancels it rather than run it again; an
 * innocent job run again after a reset is cancelled by run_job(), as the
 * ring lost it.
 *
 * The ring is simulated: run_job() puts the job's hardware fence on it,
 * and an hrtimer, standing in for the completion interrupt, signals the
 * oldest one every SC_JOB_NS. sc_hang() makes the ring stop completing
 * jobs, until the timeout handler resets it.
 *
 * The semantic patches of scripts/coccinelle/drm_dep/ convert this file
 * to drm_dep (tools/sched-client-convert.sh); sched_client_test.c runs on
 * both copies.
 */

#include <linux/hrtimer.h>
#include <linux/jiffies.h>
#include <linux/slab.h>

#include "sched_client.h"

#define SC_RING_SIZE 4
#define SC_JOB_NS (200 * NSEC_PER_USEC)

struct sc_hw_fence {
	struct dma_fence base;
	struct list_head link;
};

struct sc_job {
	struct drm_sched_job base;
	/* The hardware fence until run_job() hands it to the scheduler. */
	struct sc_hw_fence *hw;
};

static struct sc_job *to_sc_job(struct drm_sched_job *sched_job)
{
	return container_of(sched_job, struct sc_job, base);
}

static struct sc_device *to_sc_device(struct drm_gpu_scheduler *sched)
{
	return container_of(sched, struct sc_device, sched);
}

static const char *sc_fence_get_driver_name(struct dma_fence *fence)
{
	return "sched_client";
}

static const char *sc_fence_get_timeline_name(struct dma_fence *fence)
{
	return "ring";
}

static const struct dma_fence_ops sc_hw_fence_ops = {
	.get_driver_name = sc_fence_get_driver_name,
	.get_timeline_name = sc_fence_get_timeline_name,
};

/* The completion interrupt: the oldest job on the ring is done. */
static enum hrtimer_restart sc_ring_irq(struct hrtimer *timer)
{
	struct sc_device *sdev = container_of(timer, struct sc_device, timer);
	struct sc_hw_fence *hw;
	unsigned long flags;
	bool more = false;

	spin_lock_irqsave(&sdev->lock, flags);
	hw = list_first_entry_or_null(&sdev->active, struct sc_hw_fence, link);
	if (hw && !sdev->hung) {
		list_del(&hw->link);
		dma_fence_signal_locked(&hw->base);
		dma_fence_put(&hw->base);
		more = !list_empty(&sdev->active);
	}
	spin_unlock_irqrestore(&sdev->lock, flags);

	if (!more)
		return HRTIMER_NORESTART;
	hrtimer_forward_now(timer, ns_to_ktime(SC_JOB_NS));
	return HRTIMER_RESTART;
}

/* Drop every job on the ring: the oldest timed out, the others with it. */
static void sc_ring_reset(struct sc_device *sdev)
{
	struct sc_hw_fence *hw, *tmp;
	int error = -ETIMEDOUT;
	unsigned long flags;

	hrtimer_cancel(&sdev->timer);
	spin_lock_irqsave(&sdev->lock, flags);
	list_for_each_entry_safe(hw, tmp, &sdev->active, link) {
		list_del(&hw->link);
		dma_fence_set_error(&hw->base, error);
		dma_fence_signal_locked(&hw->base);
		dma_fence_put(&hw->base);
		error = -ECANCELED;
	}
	sdev->hung = false;
	sdev->resets++;
	spin_unlock_irqrestore(&sdev->lock, flags);
}

static struct dma_fence *sc_run_job(struct drm_sched_job *sched_job)
{
	struct sc_device *sdev = to_sc_device(sched_job->sched);
	struct sc_job *job = to_sc_job(sched_job);
	struct sc_hw_fence *hw = job->hw;
	unsigned long flags;

	if (unlikely(sched_job->s_fence->finished.error))
		return NULL;
	/* Run again after a reset: this ring does not re-run jobs. */
	if (!hw)
		return ERR_PTR(-ECANCELED);

	job->hw = NULL;
	spin_lock_irqsave(&sdev->lock, flags);
	dma_fence_init(&hw->base, &sc_hw_fence_ops, &sdev->lock,
		       sdev->fence_context, ++sdev->seqno);
	/* The ring's reference; the first one goes to the scheduler. */
	dma_fence_get(&hw->base);
	list_add_tail(&hw->link, &sdev->active);
	if (list_is_singular(&sdev->active) && !sdev->hung)
		hrtimer_start(&sdev->timer, ns_to_ktime(SC_JOB_NS),
			      HRTIMER_MODE_REL);
	spin_unlock_irqrestore(&sdev->lock, flags);

	return &hw->base;
}

static enum drm_gpu_sched_stat sc_timedout_job(struct drm_sched_job *sched_job)
{
	struct sc_device *sdev = to_sc_device(sched_job->sched);

	drm_sched_stop(&sdev->sched, sched_job);
	drm_sched_increase_karma(sched_job);
	sc_ring_reset(sdev);
	drm_sched_resubmit_jobs(&sdev->sched);
	drm_sched_start(&sdev->sched);

	return DRM_GPU_SCHED_STAT_NOMINAL;
}

static void sc_free_job(struct drm_sched_job *sched_job)
{
	struct sc_job *job = to_sc_job(sched_job);

	drm_sched_job_cleanup(sched_job);
	kfree(job->hw);
	kfree(job);
}

static const struct drm_sched_backend_ops sc_sched_ops = {
	.run_job = sc_run_job,
	.timedout_job = sc_timedout_job,
	.free_job = sc_free_job,
};

/**
 * sc_device_init() - initialise a device and its ring
 * @sdev: the device
 * @timeout_ms: the job timeout
 *
 * Return: 0 or a negative error code.
 */
int sc_device_init(struct sc_device *sdev, unsigned int timeout_ms)
{
	struct drm_sched_init_args args = {
		.ops = &sc_sched_ops,
		.num_rqs = DRM_SCHED_PRIORITY_COUNT,
		.credit_limit = SC_RING_SIZE,
		.timeout = msecs_to_jiffies(timeout_ms),
		.name = "sched_client",
	};

	spin_lock_init(&sdev->lock);
	INIT_LIST_HEAD(&sdev->active);
	hrtimer_init(&sdev->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	sdev->timer.function = sc_ring_irq;
	sdev->fence_context = dma_fence_context_alloc(1);
	sdev->seqno = 0;
	sdev->hung = false;
	sdev->resets = 0;

	return drm_sched_init(&sdev->sched, &args);
}

/**
 * sc_device_fini() - tear a device down once its files are closed
 * @sdev: the device
 */
void sc_device_fini(struct sc_device *sdev)
{
	drm_sched_fini(&sdev->sched);
	hrtimer_cancel(&sdev->timer);
}

/**
 * sc_file_open() - open a file, with a submission context of its own
 * @sdev: the device
 *
 * Return: the file or an ERR_PTR().
 */
struct sc_file *sc_file_open(struct sc_device *sdev)
{
	struct drm_gpu_scheduler *sched = &sdev->sched;
	struct sc_file *file;
	int ret;

	file = kzalloc(sizeof(*file), GFP_KERNEL);
	if (!file)
		return ERR_PTR(-ENOMEM);
	file->sdev = sdev;
	mutex_init(&file->lock);

	ret = drm_sched_entity_init(&file->entity, DRM_SCHED_PRIORITY_NORMAL,
				    &sched, 1, NULL);
	if (ret) {
		kfree(file);
		return ERR_PTR(ret);
	}
	return file;
}

/**
 * sc_file_close() - close a file; its jobs still complete
 * @file: the file
 */
void sc_file_close(struct sc_file *file)
{
	drm_sched_entity_destroy(&file->entity);
	mutex_destroy(&file->lock);
	kfree(file);
}

static struct sc_job *sc_job_create(struct sc_file *file)
{
	struct sc_job *job;
	int ret = -ENOMEM;

	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return ERR_PTR(-ENOMEM);
	job->hw = kzalloc(sizeof(*job->hw), GFP_KERNEL);
	if (job->hw)
		ret = drm_sched_job_init(&job->base, &file->entity, 1, file, 0);
	if (ret) {
		kfree(job->hw);
		kfree(job);
		return ERR_PTR(ret);
	}
	return job;
}

static int sc_job_add_deps(struct sc_job *job, struct dma_resv *resv,
			   struct dma_fence *in_fence)
{
	int ret;

	if (resv) {
		ret = drm_sched_job_add_resv_dependencies(&job->base, resv,
							  dma_resv_usage_rw(true));
		if (ret)
			return ret;
	}
	if (in_fence)
		return drm_sched_job_add_dependency(&job->base,
						    dma_fence_get(in_fence));
	return 0;
}

static struct dma_fence *sc_job_arm(struct sc_job *job)
{
	drm_sched_job_arm(&job->base);
	return dma_fence_get(&job->base.s_fence->finished);
}

static void sc_job_push(struct sc_job *job)
{
	drm_sched_entity_push_job(&job->base);
}

/**
 * sc_submit() - submit a job that writes @resv
 * @file: the file
 * @resv: the reservation object the job writes, or NULL
 * @in_fence: a fence to wait for, or NULL
 *
 * The job waits for every fence of @resv and for @in_fence; its out-fence
 * is added to @resv as the new writer.
 *
 * Return: the job's out-fence, with a reference for the caller, or an
 * ERR_PTR().
 */
struct dma_fence *sc_submit(struct sc_file *file, struct dma_resv *resv,
			    struct dma_fence *in_fence)
{
	struct dma_fence *out;
	struct sc_job *job;
	int ret = 0;

	job = sc_job_create(file);
	if (IS_ERR(job))
		return ERR_CAST(job);

	if (resv) {
		ret = dma_resv_lock(resv, NULL);
		if (ret)
			goto err_cleanup;
		ret = dma_resv_reserve_fences(resv, 1);
	}
	if (!ret)
		ret = sc_job_add_deps(job, resv, in_fence);
	if (ret)
		goto err_unlock;

	mutex_lock(&file->lock);
	out = sc_job_arm(job);
	sc_job_push(job);
	mutex_unlock(&file->lock);

	if (resv) {
		dma_resv_add_fence(resv, out, DMA_RESV_USAGE_WRITE);
		dma_resv_unlock(resv);
	}
	return out;

err_unlock:
	if (resv)
		dma_resv_unlock(resv);
err_cleanup:
	drm_sched_job_cleanup(&job->base);
	kfree(job->hw);
	kfree(job);
	return ERR_PTR(ret);
}

/**
 * sc_hang() - make the ring stop completing jobs until it is reset
 * @sdev: the device
 */
void sc_hang(struct sc_device *sdev)
{
	unsigned long flags;

	spin_lock_irqsave(&sdev->lock, flags);
	sdev->hung = true;
	spin_unlock_irqrestore(&sdev->lock, flags);
}

/**
 * sc_started() - the fence of a job's start
 * @done: an out-fence of sc_submit()
 *
 * As amdgpu's scheduled dependencies: a reference to the fence that
 * signals once the job of @done was handed to the ring, or NULL if @done
 * is not a fence of the scheduler.
 */
struct dma_fence *sc_started(struct dma_fence *done)
{
	struct drm_sched_fence *s_fence = to_drm_sched_fence(done);

	return s_fence ? dma_fence_get(&s_fence->scheduled) : NULL;
}

// SPDX-License-Identifier: MIT
/*
 * A reset helper of the file (it stops and resubmits) counts as a stop,
 * as in panfrost, even with an early return of its own.
 */
static void foo_reset(struct foo_dev *dev, struct drm_sched_job *bad)
{
	int i;

	if (!atomic_read(&dev->reset_pending))
		return;

	for (i = 0; i < FOO_SLOTS; i++)
		drm_sched_stop(&dev->slot[i].sched, bad);
	foo_reset_hw(dev);
	for (i = 0; i < FOO_SLOTS; i++)
		drm_sched_resubmit_jobs(&dev->slot[i].sched);
	for (i = 0; i < FOO_SLOTS; i++)
		drm_sched_start(&dev->slot[i].sched);
}

static enum drm_gpu_sched_stat foo_job_timedout(struct drm_sched_job *job)
{
	struct foo_dev *dev = to_foo_dev(job);

	if (dma_fence_is_signaled(to_foo_job(job)->done_fence))
		return DRM_GPU_SCHED_STAT_NOMINAL;

	atomic_set(&dev->reset_pending, 1);
	foo_reset(dev, job);

	return DRM_GPU_SCHED_STAT_NOMINAL;
}

/* The helper returns the status, as in v3d: progress made extends. */
static enum drm_gpu_sched_stat
foo_reset_for_timeout(struct foo_dev *dev, struct drm_sched_job *job)
{
	drm_sched_stop(&dev->sched, job);
	drm_sched_increase_karma(job);
	foo_reset_hw(dev);
	drm_sched_resubmit_jobs(&dev->sched);
	drm_sched_start(&dev->sched);
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

static enum drm_gpu_sched_stat foo_cl_timedout(struct drm_sched_job *job)
{
	struct foo_dev *dev = to_foo_dev(job);

	if (foo_made_progress(dev)) {
		foo_skip_reset(job);
		return DRM_GPU_SCHED_STAT_NOMINAL;
	}

	return foo_reset_for_timeout(dev, job);
}

/* A helper that only stops is no reset: the report will tell. */
static void foo_queue_stop(struct foo_queue *queue, struct drm_sched_job *job)
{
	drm_sched_stop(&queue->sched, job);
}

static enum drm_gpu_sched_stat foo_queue_timedout(struct drm_sched_job *job)
{
	struct foo_queue *queue = to_foo_queue(job);

	foo_queue_stop(queue, job);
	foo_group_terminate(queue);
	drm_sched_start(&queue->sched);
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

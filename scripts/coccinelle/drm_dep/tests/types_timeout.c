// SPDX-License-Identifier: MIT
/*
 * NOMINAL after a stop with a resubmit is a reset; before the stop, the
 * job is fine.
 */
static enum drm_gpu_sched_stat foo_timedout_job(struct drm_sched_job *job)
{
	struct foo_gpu *gpu = to_foo_gpu(job);

	if (dma_fence_is_signaled(gpu->fence))
		return DRM_GPU_SCHED_STAT_NOMINAL;
	if (foo_made_progress(gpu))
		goto out_no_timeout;

	drm_sched_stop(&gpu->sched, job);
	drm_sched_increase_karma(job);
	foo_reset(gpu);
	drm_sched_resubmit_jobs(&gpu->sched);
	drm_sched_start(&gpu->sched);
	return DRM_GPU_SCHED_STAT_NOMINAL;

out_no_timeout:
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

/* A stop in a loop over the device's schedulers, as in v3d. */
static enum drm_gpu_sched_stat foo_reset_all(struct foo_dev *dev,
					     struct drm_sched_job *job)
{
	int q;

	for (q = 0; q < FOO_QUEUES; q++)
		drm_sched_stop(&dev->queue[q].sched, job);
	foo_reset_hw(dev);
	for (q = 0; q < FOO_QUEUES; q++)
		drm_sched_resubmit_jobs(&dev->queue[q].sched);
	for (q = 0; q < FOO_QUEUES; q++)
		drm_sched_start(&dev->queue[q].sched);
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

/*
 * A stop and start without a resubmit, as in pvr, only detach and
 * re-attach the hardware fences: no reset, left reported.
 */
static enum drm_gpu_sched_stat foo_fw_timedout(struct drm_sched_job *job)
{
	drm_sched_stop(job->sched, job);
	foo_fw_reassign_fences(job);
	drm_sched_start(job->sched);
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

/*
 * One return for a soft recovery, before any stop, and for a ring reset
 * after a stop without a resubmit, as in amdgpu: left reported.
 */
static enum drm_gpu_sched_stat foo_ring_timedout(struct drm_sched_job *job)
{
	struct foo_ring *ring = to_foo_ring(job);

	if (foo_soft_recover(ring))
		goto exit;
	drm_sched_wqueue_stop(&ring->sched);
	foo_ring_reset(ring);
	drm_sched_wqueue_start(&ring->sched);
exit:
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

/* The reset is in a helper: the scripts cannot tell, the report will. */
static enum drm_gpu_sched_stat foo_other_timedout(struct drm_sched_job *job)
{
	foo_reset_helper(job);
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

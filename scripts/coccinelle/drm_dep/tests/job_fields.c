// SPDX-License-Identifier: MIT
/* The finished fence's error and fields, job->sched and job->entity. */
struct foo_job {
	struct drm_sched_job base;
};

static struct dma_fence *foo_run_job(struct drm_sched_job *sched_job)
{
	struct foo_ring *ring = to_foo_ring(sched_job->sched);

	if (unlikely(sched_job->s_fence->finished.error))
		return NULL;
	return foo_ring_emit(ring, sched_job);
}

void foo_trace(struct foo_job *job, struct drm_gpu_scheduler *sched)
{
	foo_print(job->base.s_fence->finished.context,
		  job->base.s_fence->finished.seqno);
	if (job->base.s_fence->finished.error < 0)
		foo_print(0, 0);
	if (job->base.entity == foo_entity)
		job->base.sched = sched;
}

/* The hardware fence is read; writing it (after a stop) stays reported. */
enum drm_gpu_sched_stat foo_timedout_job(struct drm_sched_job *sched_job)
{
	struct foo_job *job = to_foo_job(sched_job);

	if (foo_soft_recover(sched_job->s_fence->parent))
		return DRM_GPU_SCHED_STAT_NOMINAL;
	if (dma_fence_is_signaled(job->base.s_fence->parent))
		return DRM_GPU_SCHED_STAT_NOMINAL;
	job->base.s_fence->parent = dma_fence_get(job->done);
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

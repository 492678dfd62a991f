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

/* The hardware fence is read, before a stop. */
enum drm_gpu_sched_stat foo_timedout_job(struct drm_sched_job *sched_job)
{
	if (foo_soft_recover(sched_job->s_fence->parent))
		return DRM_GPU_SCHED_STAT_NOMINAL;
	drm_sched_stop(sched_job->sched, sched_job);
	foo_reset(sched_job);
	/* After the stop, drm_sched had cleared it: stays. */
	WARN_ON(sched_job->s_fence->parent);
	drm_sched_start(sched_job->sched);
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

/*
 * Where drm_sched cleared it (after a stop) and the driver re-attaches it,
 * or where it is put, nothing is rewritten: drm_dep never clears it.
 */
void foo_queue_start(struct foo_job *job)
{
	WARN_ON(job->base.s_fence->parent);
	job->base.s_fence->parent = dma_fence_get(job->done);
}

void foo_detach(struct foo_job *job)
{
	dma_fence_put(job->base.s_fence->parent);
}

// SPDX-License-Identifier: MIT
/* Arm, a fence read, an error path, then push: v3d, panfrost, etnaviv. */
struct foo_job {
	struct drm_sched_job base;
	struct dma_fence *done_fence;
};

int foo_push(struct foo_job *job)
{
	int ret;

	drm_sched_job_arm(&job->base);
	job->done_fence = dma_fence_get(&job->base.s_fence->finished);
	ret = foo_acquire(job);
	if (ret)
		goto unlock;
	drm_sched_entity_push_job(&job->base);
	foo_signal(&job->base.s_fence->finished);
unlock:
	return ret;
}

// SPDX-License-Identifier: MIT
/* Arm and push in different functions, as in lima, xe and panthor. */
struct foo_job {
	struct drm_sched_job base;
	struct dma_fence *done_fence;
};

void foo_job_arm(struct foo_job *job)
{
	drm_sched_job_arm(&job->base);
	/* Read after arm, and the push is elsewhere: left for a person. */
	job->done_fence = dma_fence_get(&job->base.s_fence->finished);
}

struct dma_fence *foo_job_push(struct foo_job *job)
{
	drm_sched_entity_push_job(&job->base);
	return dma_fence_get(&job->base.s_fence->finished);
}

void foo_submit(struct foo_job *job, struct foo_job *dep)
{
	foo_job_arm(job);
	foo_job_push(job);
	/* After the push: fine. */
	foo_use(&dep->base.s_fence->finished);
}

void foo_submit_other(struct foo_job *job, struct foo_job *dep)
{
	/*
	 * Another job's fence, but a push follows in this function: the
	 * scripts are conservative and leave it for the report.
	 */
	foo_use(&dep->base.s_fence->finished);
	foo_job_push(job);
}

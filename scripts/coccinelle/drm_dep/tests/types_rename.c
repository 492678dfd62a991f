// SPDX-License-Identifier: MIT
/* The four structures, the status enum and the header. */
#include <drm/gpu_scheduler.h>

struct foo_queue {
	struct drm_gpu_scheduler sched;
	struct drm_sched_entity entity;
};

struct foo_job {
	struct drm_sched_job base;
};

#define to_foo_job(j) container_of(j, struct foo_job, base)

static struct dma_fence *foo_run_job(struct drm_sched_job *job);
static enum drm_gpu_sched_stat foo_timedout_job(struct drm_sched_job *job);
static void foo_free_job(struct drm_sched_job *job);

static const struct drm_sched_backend_ops foo_ops = {
	.run_job = foo_run_job,
	.timedout_job = foo_timedout_job,
	.free_job = foo_free_job,
};

size_t foo_job_size(void)
{
	return sizeof(struct drm_sched_job);
}

// SPDX-License-Identifier: MIT
/* A file that reads scheduled fences gets them on its queues. */
static const struct drm_sched_backend_ops foo_sched_ops = {
	.run_job = foo_run_job,
	.free_job = foo_free_job,
};

int foo_file_open(struct foo_file *file, struct drm_gpu_scheduler *sched)
{
	return drm_sched_entity_init(&file->entity, DRM_SCHED_PRIORITY_NORMAL,
				     &sched, 1, NULL);
}

struct dma_fence *foo_started(struct dma_fence *done)
{
	struct dma_fence *scheduled = drm_dep_fence_scheduled(done);

	return scheduled ? dma_fence_get(scheduled) : NULL;
}

// SPDX-License-Identifier: MIT
/* Job init and the four dependency calls. */
int foo_job_init(struct foo_job *job, struct foo_file *file,
		 struct drm_file *drm_file, u32 handle)
{
	int ret;

	ret = drm_sched_job_init(&job->base, &file->entity[job->queue], 1,
				 file, drm_file->client_id);
	if (ret)
		return ret;

	ret = drm_sched_job_add_syncobj_dependency(&job->base, drm_file,
						   handle, 0);
	if (ret)
		return ret;
	ret = drm_sched_job_add_dependency(&job->base, dma_fence_get(job->in));
	if (ret)
		return ret;
	ret = drm_sched_job_add_resv_dependencies(&job->base, job->obj->resv,
						  DMA_RESV_USAGE_BOOKKEEP);
	if (ret)
		return ret;
	return drm_sched_job_add_implicit_dependencies(&job->base, job->obj,
						       true);
}

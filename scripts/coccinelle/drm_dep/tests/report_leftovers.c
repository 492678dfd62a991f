// SPDX-License-Identifier: MIT
/* What the patch modes leave, as it looks after them. */
static const struct drm_dep_queue_ops foo_ops = {
	.prepare_job = foo_prepare_job,
	.run_job = foo_run_job,
	.free_job = foo_free_job,
};

int foo_init(struct foo_dev *dev, struct foo_file *file)
{
	struct drm_sched_init_args args = {
		.ops = &foo_ops,
		.num_rqs = DRM_SCHED_PRIORITY_COUNT,
	};
	struct drm_dep_engine *sched = &dev->sched;
	int ret;

	ret = drm_sched_init(&dev->sched, &args);
	if (ret)
		return ret;
	return drm_sched_entity_init(&file->entity, DRM_SCHED_PRIORITY_NORMAL,
				     &sched, 1, NULL);
}

void foo_irq(struct foo_dev *dev, struct drm_dep_job *job)
{
	struct drm_sched_fence *f = to_drm_sched_fence(dev->fence);

	if (!dev->sched.ready)
		drm_sched_fault(&dev->sched);
	foo_wait(&job->s_fence->scheduled, f);
	spin_lock(&dev->sched.job_list_lock);
	list_add(&job->list, &dev->sched.pending_list);
	spin_unlock(&dev->sched.job_list_lock);
}

void foo_restart(struct drm_dep_job *job, struct dma_fence *done)
{
	job->s_fence->parent = dma_fence_get(done);
	foo_soft_recover(job->s_fence->parent);
}

void foo_push(struct foo_job *job)
{
	drm_dep_job_push(&job->base);
	drm_dep_job_put(&job->base);
}

void foo_push_later(struct foo_job *job)
{
	drm_dep_job_push(&job->base);
	mutex_unlock(&job->queue->lock);
}

struct dma_fence *foo_push_get(struct foo_job *job)
{
	struct dma_fence *f;

	drm_dep_job_push(&job->base);
	f = dma_fence_get(drm_dep_job_finished_fence(&job->base));
	drm_dep_job_put(&job->base);
	return f;
}

int foo_push_err(struct foo_job *job, int err)
{
	drm_dep_job_push(&job->base);
	if (err)
		return err;
	drm_dep_job_put(&job->base);
	return 0;
}

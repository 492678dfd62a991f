// SPDX-License-Identifier: MIT
/*
 * The stop / karma / resubmit / start idiom on the job's own scheduler in
 * a timedout_job goes: drm_dep stops and starts the engine around the
 * handler, and the RESET returned completes its jobs.
 */
static enum drm_gpu_sched_stat foo_timedout(struct drm_sched_job *job)
{
	struct foo_gpu *gpu = to_foo_gpu(job);

	if (foo_progress(gpu))
		return DRM_GPU_SCHED_STAT_NOMINAL;

	drm_sched_stop(&gpu->sched, job);

	if (job)
		drm_sched_increase_karma(job);

	foo_recover(gpu);

	drm_sched_resubmit_jobs(&gpu->sched);
	drm_sched_start(&gpu->sched);
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

static const struct drm_sched_backend_ops foo_ops = {
	.run_job = foo_run,
	.timedout_job = foo_timedout,
	.free_job = foo_free,
};

/*
 * All schedulers of a device stopped in loops: the reset also kills the
 * jobs of the other engines, which a person must complete. Left alone.
 */
static enum drm_gpu_sched_stat bar_timedout(struct drm_sched_job *job)
{
	struct bar_dev *dev = to_bar_dev(job);
	int i;

	for (i = 0; i < BAR_SLOTS; i++)
		drm_sched_stop(&dev->slot[i].sched, job);
	drm_sched_increase_karma(job);
	bar_reset(dev);
	for (i = 0; i < BAR_SLOTS; i++)
		drm_sched_resubmit_jobs(&dev->slot[i].sched);
	for (i = 0; i < BAR_SLOTS; i++)
		drm_sched_start(&dev->slot[i].sched);
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

/*
 * A stop and a start without a resubmit is not the idiom, nor a reset:
 * left alone, its NOMINAL too.
 */
static enum drm_gpu_sched_stat baz_timedout(struct drm_sched_job *job)
{
	drm_sched_stop(job->sched, job);
	baz_kill_channel(job);
	drm_sched_start(job->sched);
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

static const struct drm_sched_backend_ops bar_ops = {
	.run_job = bar_run,
	.timedout_job = bar_timedout,
	.free_job = bar_free,
};

static const struct drm_sched_backend_ops baz_ops = {
	.run_job = baz_run,
	.timedout_job = baz_timedout,
	.free_job = baz_free,
};

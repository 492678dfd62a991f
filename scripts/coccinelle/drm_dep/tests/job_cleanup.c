// SPDX-License-Identifier: MIT
/* drm_sched_job_cleanup() in free_job goes; in an error path it stays. */
static void foo_free_job(struct drm_sched_job *sched_job)
{
	struct foo_job *job = to_foo_job(sched_job);

	drm_sched_job_cleanup(sched_job);
	foo_job_put(job);
}

int foo_submit_error(struct foo_job *job)
{
	drm_sched_job_cleanup(&job->base);
	kfree(job);
	return -EINVAL;
}

static const struct drm_sched_backend_ops foo_sched_ops = {
	.run_job = foo_run_job,
	.timedout_job = foo_timedout_job,
	.free_job = foo_free_job,
};

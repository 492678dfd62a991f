// SPDX-License-Identifier: MIT
/*
 * What stays for a person: two ops tables in the file (which one an
 * entity's schedulers use is not known here), and an init with a score,
 * which has no counterpart.
 */
static const struct drm_sched_backend_ops foo_bin_ops = {
	.run_job = foo_bin_run_job,
	.free_job = foo_free_job,
};

static const struct drm_sched_backend_ops foo_render_ops = {
	.run_job = foo_render_run_job,
	.free_job = foo_free_job,
};

int foo_queue_init(struct foo_queue *q, struct foo_dev *dev)
{
	const struct drm_sched_init_args args = {
		.ops = &foo_bin_ops,
		.submit_wq = dev->wq,
		.timeout_wq = dev->reset_wq,
		.score = &dev->score,
		.credit_limit = 1,
		.name = "foo-bin",
	};

	return drm_sched_init(&q->sched, &args);
}

int foo_file_open(struct foo_file *file, struct foo_queue *q)
{
	struct drm_gpu_scheduler *sched = &q->sched;

	return drm_sched_entity_init(&file->entity, DRM_SCHED_PRIORITY_NORMAL,
				     &sched, 1, NULL);
}

// SPDX-License-Identifier: MIT
/*
 * Scheduler and entity set-up and teardown, with one ops table in the
 * file: the init arguments become engine arguments, the entity a queue
 * with that table, and its teardown a synchronous fini.
 */
static const struct drm_sched_backend_ops foo_sched_ops = {
	.run_job = foo_run_job,
	.timedout_job = foo_timedout_job,
	.free_job = foo_free_job,
};

int foo_pipe_init(struct foo_pipe *pipe, const char *name)
{
	const struct drm_sched_init_args args = {
		.ops = &foo_sched_ops,
		.num_rqs = DRM_SCHED_PRIORITY_COUNT,
		.credit_limit = 1,
		.hang_limit = foo_hang_limit,
		.timeout = msecs_to_jiffies(500),
		.name = name,
		.dev = pipe->dev,
	};

	return drm_sched_init(&pipe->sched, &args);
}

/*
 * Fields set after the declaration go the same way; the timeout workqueue
 * carries over.
 */
int foo_fw_queue_init(struct foo_fw_queue *fq, struct workqueue_struct *wq,
		      struct workqueue_struct *reset_wq)
{
	struct drm_sched_init_args args = {
		.num_rqs = 1,
		.credit_limit = 64,
		.submit_wq = wq,
	};
	int i, ret;

	args.ops = &foo_sched_ops;
	args.name = "foo-fw";
	args.timeout_wq = reset_wq;
	for (i = 0; i < FOO_RINGS; i++) {
		ret = drm_sched_init(&fq->ring[i].sched, &args);
		if (ret)
			return ret;
	}
	return 0;
}

int foo_ctx_init(struct foo_pipe *pipe, struct foo_ctx *ctx)
{
	struct drm_gpu_scheduler *sched = &pipe->sched;

	return drm_sched_entity_init(&ctx->entity, DRM_SCHED_PRIORITY_NORMAL,
				     &sched, 1, NULL);
}

/* A guilty counter has no counterpart: this one stays. */
int foo_ctx_init_guilty(struct foo_ctx *ctx, struct drm_gpu_scheduler **list,
			unsigned int n)
{
	return drm_sched_entity_init(&ctx->entity, DRM_SCHED_PRIORITY_HIGH,
				     list, n, &ctx->guilty);
}

void foo_ctx_fini(struct foo_ctx *ctx)
{
	drm_sched_entity_destroy(&ctx->entity);
	kfree(ctx);
}

void foo_ctx_kill(struct foo_ctx *ctx)
{
	drm_sched_entity_fini(&ctx->entity);
	kfree(ctx);
}

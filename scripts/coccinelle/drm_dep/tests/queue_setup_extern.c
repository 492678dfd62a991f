// SPDX-License-Identifier: MIT
// Env: DRM_DEP_OPS_TABLE=foo_sched_ops
/*
 * An entity set up in a file without an ops table: the driver's one
 * table, declared in a header, is named on the command line.
 */
int foo_vm_init(struct foo_vm *vm, struct drm_gpu_scheduler **scheds,
		unsigned int n)
{
	return drm_sched_entity_init(&vm->entity, DRM_SCHED_PRIORITY_NORMAL,
				     scheds, n, NULL);
}

/* A guilty pointer still stays for a person. */
int foo_ctx_init(struct foo_ctx *ctx, struct drm_gpu_scheduler **scheds,
		 unsigned int n)
{
	return drm_sched_entity_init(&ctx->entity, DRM_SCHED_PRIORITY_HIGH,
				     scheds, n, &ctx->guilty);
}

// SPDX-License-Identifier: MIT
/* A context whose last job failed takes no more work. */
int foo_ctx_get_entity(struct foo_ctx *ctx, struct drm_sched_entity **entity)
{
	int r = drm_sched_entity_error(&ctx->entity);

	if (r)
		return r;
	*entity = &ctx->entity;
	return 0;
}

u64 foo_vm_generation(struct foo_vm *vm)
{
	return vm->generation + !!drm_sched_entity_error(&vm->delayed);
}

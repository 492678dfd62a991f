// SPDX-License-Identifier: MIT
/* A live queue's priority changes with drm_dep_queue_set_priority(). */
void foo_ctx_set_priority(struct foo_ctx *ctx, int prio)
{
	int i;

	for (i = 0; i < FOO_RINGS; i++)
		drm_sched_entity_set_priority(&ctx->entity[i], prio);
}

// SPDX-License-Identifier: MIT
/* Priorities keep their values and order: a rename. */
#define FOO_NR_PRIOS (1 + DRM_SCHED_PRIORITY_LOW - DRM_SCHED_PRIORITY_HIGH)

static enum drm_sched_priority foo_prio(int level)
{
	switch (level) {
	case 0:
		return DRM_SCHED_PRIORITY_LOW;
	case 2:
		return DRM_SCHED_PRIORITY_HIGH;
	default:
		return DRM_SCHED_PRIORITY_NORMAL;
	}
}

int foo_ctx_init(struct foo_ctx *ctx, int level)
{
	enum drm_sched_priority prio = foo_prio(level);

	if (prio >= DRM_SCHED_PRIORITY_COUNT)
		return -EINVAL;
	ctx->kernel = prio == DRM_SCHED_PRIORITY_KERNEL;
	return 0;
}

// SPDX-License-Identifier: MIT
/* The header included with quotes, as msm does. */
#include "drm/gpu_scheduler.h"

struct foo_submit {
	struct drm_sched_job base;
};

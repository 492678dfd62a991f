// SPDX-License-Identifier: MIT
/* In timedout_job() the engine is already stopped; the pair is harmless. */
static enum drm_gpu_sched_stat foo_timedout(struct drm_sched_job *job)
{
	struct foo_queue *q = to_foo_queue(job);

	drm_sched_wqueue_stop(&q->sched);
	foo_queue_reset(q);
	drm_sched_wqueue_start(&q->sched);
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

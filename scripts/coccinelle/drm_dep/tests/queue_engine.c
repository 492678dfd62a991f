// SPDX-License-Identifier: MIT
/* wqueue stop/start, fini and wakeup map, and so does entity teardown. */
void foo_recover(struct foo_ring *ring)
{
	drm_sched_wqueue_stop(&ring->sched);
	foo_ring_reset(ring);
	drm_sched_wqueue_start(&ring->sched);
	drm_sched_wakeup(&ring->sched);
}

void foo_ring_fini(struct foo_ring *ring, struct foo_file *file)
{
	drm_sched_entity_destroy(&file->entity);
	drm_sched_fini(&ring->sched);
}

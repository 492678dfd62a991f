// SPDX-License-Identifier: MIT
/* A firmware queue off its slot: its timeout is suspended, then resumed. */
void foo_queue_off_slot(struct foo_queue *queue)
{
	queue->remaining_time = drm_sched_suspend_timeout(&queue->scheduler);
}

void foo_queue_on_slot(struct foo_queue *queue)
{
	drm_sched_resume_timeout(&queue->scheduler, queue->remaining_time);
}

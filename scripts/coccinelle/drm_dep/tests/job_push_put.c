// SPDX-License-Identifier: MIT
/*
 * drm_sched took the job over at push; drm_dep leaves the caller its
 * reference. The put follows the push only where nothing names the job
 * afterwards.
 */
struct foo_job {
	struct drm_sched_job base;
	struct dma_fence *done_fence;
};

/* Nothing after the push: the put goes right after it (v3d, pvr). */
void foo_push(struct foo_job *job)
{
	drm_sched_job_arm(&job->base);
	drm_sched_entity_push_job(&job->base);
}

/* The job only on the path that returns early: still handed over. */
int foo_push_early(struct foo_job *job, struct foo_queue *q, bool now)
{
	if (now) {
		drm_sched_entity_push_job(&job->base);
		mutex_unlock(&q->lock);
		return 0;
	}
	foo_defer(job);
	return 1;
}

/* The job named after the push: the put is for a person (msm, xe). */
void foo_push_unlock(struct foo_job *job)
{
	drm_sched_entity_push_job(&job->base);
	mutex_unlock(&job->queue->lock);
}

/* A loop: the next round names the jobs again (amdgpu, panthor). */
void foo_push_all(struct foo_job **jobs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		drm_sched_entity_push_job(&jobs[i]->base);
}

/* The index is used after the push, even if the array is not. */
void foo_push_at(struct foo_job **jobs, int i)
{
	drm_sched_entity_push_job(&jobs[i]->base);
	foo_note(i);
}

/* The job expression has a side effect: a put would name another job. */
void foo_push_next(struct foo_queue *q)
{
	drm_sched_entity_push_job(&foo_next_job(q)->base);
}

/* Under a spinlock: the put may free the job, which may sleep. */
void foo_push_locked(struct foo_job *job, spinlock_t *lock)
{
	spin_lock(lock);
	drm_sched_entity_push_job(&job->base);
	spin_unlock(lock);
}

/* After the spinlock: the put follows. */
void foo_push_unlocked(struct foo_job *job, spinlock_t *lock)
{
	spin_lock(lock);
	foo_prepare(lock);
	spin_unlock(lock);
	drm_sched_entity_push_job(&job->base);
}

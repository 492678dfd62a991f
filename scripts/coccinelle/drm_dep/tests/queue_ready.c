// SPDX-License-Identifier: MIT
/* sched.ready is the engine's readiness; so is drm_sched_wqueue_ready(). */
int foo_ring_test(struct foo_ring *ring)
{
	int r = foo_ring_test_ib(ring);

	ring->sched.ready = !r;
	if (!ring->sched.ready)
		return -EIO;
	return 0;
}

void foo_rings_down(struct foo_dev *dev)
{
	struct drm_gpu_scheduler *sched = &dev->gfx.sched;
	int i;

	for (i = 0; i < FOO_RINGS; i++)
		dev->ring[i].sched.ready = false;
	if (sched->ready || drm_sched_wqueue_ready(&dev->ring[0].sched))
		sched->ready = false;
}

/*
 * A timeout handler that finds the job fine puts it back on the pending
 * list; drm_dep never took it off. The local goes with it.
 */
static void foo_skip_reset(struct drm_sched_job *sched_job)
{
	struct drm_gpu_scheduler *sched = sched_job->sched;

	spin_lock(&sched->job_list_lock);
	list_add(&sched_job->list, &sched->pending_list);
	spin_unlock(&sched->job_list_lock);
}

static int foo_timedout(struct drm_sched_job *job)
{
	struct drm_gpu_scheduler *sched = job->sched;

	if (foo_progress(job))
		goto out;
	foo_reset(job);
	return 1;
out:
	spin_lock(&sched->job_list_lock);
	list_add(&job->list, &sched->pending_list);
	spin_unlock(&sched->job_list_lock);
	return 0;
}

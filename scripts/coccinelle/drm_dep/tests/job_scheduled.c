// SPDX-License-Identifier: MIT
/* Scheduled-fence reads: of a job, and through to_drm_sched_fence(). */
struct foo_job {
	struct drm_sched_job base;
	struct foo_job *paired;
};

/* After push: rewritten. */
void foo_push(struct foo_job *job, struct foo_queue *queue)
{
	drm_sched_entity_push_job(&job->base);
	queue->last = dma_fence_get(&job->base.s_fence->scheduled);
}

/* In run_job(), the job was pushed: rewritten. */
static struct dma_fence *foo_run_job(struct drm_sched_job *job)
{
	foo_note_context(job->s_fence->scheduled.context);
	return foo_emit(job);
}

static const struct drm_sched_backend_ops foo_ops = {
	.run_job = foo_run_job,
	.free_job = foo_free_job,
};

/*
 * A helper that may see an unarmed or unpushed job: the read was only an
 * address, it stays for a person.
 */
bool foo_is_paired_fence(struct foo_job *job, struct dma_fence *fence)
{
	return job->paired &&
	       &job->paired->base.s_fence->scheduled == fence;
}

/* Between arm and push: drm_dep would warn, so it stays for a person. */
int foo_gang(struct foo_job *leader, struct foo_job *member)
{
	struct dma_fence *fence;

	drm_sched_job_arm(&member->base);
	fence = &member->base.s_fence->scheduled;
	foo_note(fence);
	drm_sched_entity_push_job(&member->base);
	return 0;
}

/* A local that only gives the scheduled fence becomes that fence. */
int foo_add_native_dep(struct drm_sched_job *job, struct dma_fence *f)
{
	if (foo_is_native(f)) {
		struct drm_sched_fence *s_fence = to_drm_sched_fence(f);

		return drm_sched_job_add_dependency(job,
						    dma_fence_get(&s_fence->scheduled));
	}
	return drm_sched_job_add_dependency(job, dma_fence_get(f));
}

struct dma_fence *foo_started(struct dma_fence *fence)
{
	struct drm_sched_fence *s_fence;
	struct dma_fence *old = fence;

	s_fence = to_drm_sched_fence(fence);
	if (!s_fence || s_fence->scheduled.error)
		return fence;
	fence = dma_fence_get(&s_fence->scheduled);
	dma_fence_put(old);
	return fence;
}

/* A local that is read for more than its scheduled fence stays. */
bool foo_same_ring(struct dma_fence *fence, struct drm_gpu_scheduler *sched)
{
	struct drm_sched_fence *s_fence = to_drm_sched_fence(fence);

	return s_fence && s_fence->sched == sched &&
	       !dma_fence_is_signaled(&s_fence->scheduled);
}

/* So does one that is passed on. */
void foo_wait_started(struct foo_dev *dev)
{
	struct drm_sched_fence *f = to_drm_sched_fence(dev->fence);

	foo_wait(&f->scheduled, f);
}

/* And one that is returned. */
struct drm_sched_fence *foo_sched_fence(struct dma_fence *fence)
{
	struct drm_sched_fence *s = to_drm_sched_fence(fence);

	if (s)
		foo_note(&s->scheduled);
	return s;
}

/* In a loop, as pvr's native dependencies. */
int foo_add_deps(struct drm_sched_job *job, struct dma_fence **f, int n)
{
	int i, err = 0;

	for (i = 0; i < n && !err; i++) {
		if (foo_is_native(f[i])) {
			struct drm_sched_fence *s_fence = to_drm_sched_fence(f[i]);

			err = drm_sched_job_add_dependency(job,
							   dma_fence_get(&s_fence->scheduled));
		} else {
			err = drm_sched_job_add_dependency(job,
							   dma_fence_get(f[i]));
		}
	}
	return err;
}

/* Compared, its address taken, its size, set from elsewhere: all stay. */
bool foo_same(struct dma_fence *f, struct drm_sched_fence *other)
{
	struct drm_sched_fence *s = to_drm_sched_fence(f);

	foo_note(&s->scheduled);
	return s == other;
}

void foo_out_fence(struct dma_fence *f)
{
	struct drm_sched_fence *s = to_drm_sched_fence(f);

	foo_out(&s);
	foo_note(&s->scheduled);
}

size_t foo_size(struct dma_fence *f)
{
	struct drm_sched_fence *s = to_drm_sched_fence(f);

	foo_note(&s->scheduled);
	return sizeof(*s);
}

void foo_other(struct dma_fence *f, struct dma_fence *g)
{
	struct drm_sched_fence *s = to_drm_sched_fence(f);

	if (!s)
		s = container_of(g, struct drm_sched_fence, finished);
	foo_note(&s->scheduled);
}

/* A name declared twice in one function stays. */
void foo_twice(struct dma_fence *f, struct dma_fence *g)
{
	{
		struct drm_sched_fence *s = to_drm_sched_fence(f);

		foo_note(&s->scheduled);
	}
	{
		struct drm_sched_fence *s = to_drm_sched_fence(g);

		foo_note(s->sched);
	}
}

// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 */

/**
 * DOC: job lifecycle
 *
 * A &struct drm_dep_job is embedded in the driver's job and goes through
 * these steps:
 *
 * 1. drm_dep_job_init() allocates what the job needs later (its finished
 *    fence) and takes a reference to the queue. It is the first of the
 *    calls that may fail.
 * 2. drm_dep_job_add_dependency() and its variants collect the fences the
 *    job waits for. They may allocate and fail; they are only allowed
 *    before arm.
 * 3. drm_dep_job_arm() gives the job the queue's next seqno and
 *    initialises its finished fence, inactive. It cannot fail. From here
 *    on nothing can fail: the job is either pushed or abandoned.
 * 4. drm_dep_job_push() activates the fence and hands the job to the queue,
 *    which takes its own reference. It cannot fail and returns nothing.
 *    The queue calls &drm_dep_queue_ops.run_job exactly once, in arm
 *    order, even for a cancelled job.
 * 5. When the hardware fence signals, or the driver reports the job done
 *    with drm_dep_engine_complete(), the finished fence signals with the
 *    job's error, the job's credits return to the engine and the queue
 *    drops its reference. Finished fences of a queue signal in arm order.
 *
 * The driver drops its own reference with drm_dep_job_put() whenever it is
 * done with the job; the last reference frees it through
 * &drm_dep_queue_ops.free_job. Dropping the last reference of an armed job
 * that was never pushed abandons it (see DOC: finished fences).
 *
 * ::
 *
 *   init --> add deps --> arm --+--> push --> run_job --> hw fence signals
 *     |          |              |                             |
 *     v          v              v                             v
 *    put        put            put (abandoned,          finished fence
 *                              nobody saw its fence)    signals, put
 *
 * Jobs of one queue are ordered by arm: a driver that arms from several
 * threads serialises arm and push per queue, as it would with drm_sched.
 */

/**
 * DOC: dependencies
 *
 * A job waits for every fence it was given before run_job() is called.
 * The dependency calls take the fence reference they are given, also when
 * they fail, and keep the collection small:
 *
 * - container fences (&dma_fence_array, &dma_fence_chain) are unwrapped
 *   into the fences they hold;
 * - a fence that has already signalled is dropped at once, after its error
 *   was noted;
 * - a finished fence of the job's own queue is dropped: the queue runs its
 *   jobs in arm order on hardware that completes them in order, and
 *   signals their finished fences in order (the fence of a sibling not yet
 *   pushed is kept, never waited for, only to cancel the job if the
 *   sibling is abandoned);
 * - of two fences of one context only the later one is kept, compared as
 *   dma_fence_is_later() does, so that contexts with 32-bit seqnos wrap
 *   correctly;
 * - a reservation object already walked by the job with the same or a
 *   wider usage is not walked again, so objects sharing one &dma_resv cost
 *   one walk.
 *
 * By default a job whose dependency signals with an error is cancelled
 * with that error: run_job() still runs, in order, and sees the error in
 * drm_dep_job_error(), and the finished fence carries it. A cancelled job
 * still waits for all of its other dependencies first, as does every job
 * of a killed queue: they may still be writing the buffers the job would
 * have used, and its finished fence must not tell anyone that those
 * buffers are idle before they are.
 * %DRM_DEP_QUEUE_IGNORE_DEP_ERRORS and %DRM_DEP_JOB_IGNORE_DEP_ERRORS
 * opt out of the cancellation.
 */

#include <linux/dma-fence-array.h>
#include <linux/dma-fence-chain.h>
#include <linux/dma-fence-unwrap.h>
#include <linux/slab.h>

#include <drm/drm_gem.h>
#include <drm/drm_syncobj.h>

#include "drm_dep_internal.h"

/**
 * drm_dep_job_init() - initialise a job
 * @job: the job, embedded in the driver's job
 * @q: the queue the job will run on
 * @credits: credits the job uses on the hardware, at most the queue's
 *	credit limit
 * @flags: %DRM_DEP_JOB_* flags
 *
 * Initialises @job with one reference, owned by the caller, and takes a
 * reference to @q that the job holds until it is released. The job's
 * finished fence is allocated here so that drm_dep_job_arm() cannot fail.
 * After a successful init, the job is released with drm_dep_job_put(),
 * whatever happens to it later.
 *
 * Context: Process context; may sleep (allocates with GFP_KERNEL).
 * Return: 0, -EINVAL if @credits is 0 or larger than the queue's credit
 * limit, -ENODEV if the queue was killed, -ENOENT if the queue is bound
 * to several engines and none of them is ready (see
 * drm_dep_engine_set_ready()), -ENOMEM.
 */
int drm_dep_job_init(struct drm_dep_job *job, struct drm_dep_queue *q,
		     u32 credits, u32 flags)
{
	might_alloc(GFP_KERNEL);

	if (!credits || credits > q->credit_limit)
		return -EINVAL;
	if (READ_ONCE(q->killed))
		return -ENODEV;
	if (!drm_dep_queue_can_run(q))
		return -ENOENT;

	memset(job, 0, sizeof(*job));
	job->fence = drm_dep_fence_alloc(q->flags &
					 DRM_DEP_QUEUE_SCHEDULED_FENCE);
	if (!job->fence)
		return -ENOMEM;

	kref_init(&job->ref);
	INIT_LIST_HEAD(&job->link);
	job->credits = credits;
	job->flags = flags;
	job->q = drm_dep_queue_get(q);

	return 0;
}
EXPORT_SYMBOL(drm_dep_job_init);

/**
 * drm_dep_job_get() - take a reference to a job
 * @job: the job
 *
 * Context: Any context.
 * Return: @job.
 */
struct drm_dep_job *drm_dep_job_get(struct drm_dep_job *job)
{
	kref_get(&job->ref);
	return job;
}
EXPORT_SYMBOL(drm_dep_job_get);

/*
 * An armed job released before push: nobody saw its finished fence. A job
 * of the queue armed after it may have run already, without it.
 */
static void drm_dep_job_abandon(struct drm_dep_job *job)
{
	struct drm_dep_queue *q = job->q;
	u64 seqno = drm_dep_job_seqno(job);

	drm_dep_warn(seqno < drm_dep_queue_last_pushed(q),
		     "%s: job %llu abandoned after a later-armed job was pushed\n",
		     drm_dep_queue_name(q), seqno);
	drm_dep_fence_abandon(job->fence);
	drm_dep_queue_unplace_job(q, job);
}

static void drm_dep_job_release(struct kref *ref)
{
	struct drm_dep_job *job = container_of(ref, struct drm_dep_job, ref);
	struct drm_dep_queue *q = job->q;

	if (!test_bit(DRM_DEP_JOB_STATE_ARMED, &job->state))
		drm_dep_fence_free_unarmed(job->fence);
	else if (!test_bit(DRM_DEP_JOB_STATE_PUSHED, &job->state))
		drm_dep_job_abandon(job);
	else
		dma_fence_put(drm_dep_fence_base(job->fence));

	/* A job that ran dropped them before run_job(). */
	if (job->deps)
		drm_dep_job_drop_deps(job);
	kfree(job->resvs);
	dma_fence_put(job->hw_fence);
	/* free_job() may ask: the fence is not the job's any more. */
	job->hw_fence = NULL;

	drm_dep_queue_free_job(q, job);
	drm_dep_queue_put(q);
}

/**
 * drm_dep_job_put() - drop a reference to a job
 * @job: the job, or NULL
 *
 * The last reference frees the job through &drm_dep_queue_ops.free_job
 * and drops the job's queue reference. Dropping the last reference of an
 * armed job that was not pushed abandons it: run_job() is never called and
 * its finished fence, which nobody could observe, is released unsignalled.
 *
 * Context: Process context. Any context for a job that was pushed to a
 * queue with %DRM_DEP_QUEUE_IRQ_SAFE_RELEASE: the queue holds such a job
 * until it has run and completed, and its dependencies are dropped before
 * run_job(), so its last reference only releases what is safe in any
 * context (with the driver's free_job() and hardware fence).
 */
void drm_dep_job_put(struct drm_dep_job *job)
{
	if (job)
		kref_put(&job->ref, drm_dep_job_release);
}
EXPORT_SYMBOL(drm_dep_job_put);

static bool drm_dep_job_ignores_errors(const struct drm_dep_job *job)
{
	return (job->flags & DRM_DEP_JOB_IGNORE_DEP_ERRORS) ||
	       (job->q->flags & DRM_DEP_QUEUE_IGNORE_DEP_ERRORS);
}

static bool drm_dep_job_own_fence(struct drm_dep_job *job,
				  struct dma_fence *fence)
{
	return drm_dep_fence_from_dma(fence) &&
	       fence->context == job->q->fence_context;
}

/* Note the error of a signalled dependency. Returns true if it cancels. */
static bool drm_dep_job_dep_failed(struct drm_dep_job *job,
				   struct dma_fence *fence)
{
	if (!fence->error || drm_dep_job_ignores_errors(job))
		return false;
	if (!job->error)
		WRITE_ONCE(job->error, fence->error);
	return true;
}

/*
 * Whether @fence no longer holds @job back: it signalled (and its error
 * may have cancelled the job), or it belongs to a pushed job of @job's own
 * queue, which arm order already puts first. The inactive fence of a
 * sibling on the same queue is neither: it is never waited for, only
 * watched for abandonment.
 */
static bool drm_dep_job_dep_resolved(struct drm_dep_job *job,
				     struct dma_fence *fence)
{
	if (drm_dep_job_own_fence(job, fence) &&
	    !drm_dep_fence_is_inactive(fence))
		return true;
	if (!drm_dep_fence_done(fence))
		return false;
	drm_dep_job_dep_failed(job, fence);
	return true;
}

static int drm_dep_job_add_one(struct drm_dep_job *job,
			       struct dma_fence *fence)
{
	unsigned int i;

	if (drm_dep_job_dep_resolved(job, fence))
		goto drop;

	/*
	 * Inactive siblings are not deduplicated: each one's abandonment
	 * must be seen.
	 */
	for (i = 0; !drm_dep_fence_is_inactive(fence) && i < job->num_deps;
	     i++) {
		struct dma_fence *old = job->deps[i];

		if (old->context != fence->context ||
		    drm_dep_fence_is_inactive(old))
			continue;

		if (dma_fence_is_later(fence, old)) {
			job->deps[i] = fence;
			dma_fence_put(old);
			return 0;
		}
		goto drop;
	}

	if (job->num_deps == job->max_deps) {
		unsigned int max = max(4u, job->max_deps * 2);
		struct dma_fence **deps;

		deps = krealloc_array(job->deps, max, sizeof(*deps),
				      GFP_KERNEL);
		if (!deps) {
			dma_fence_put(fence);
			return -ENOMEM;
		}
		job->deps = deps;
		job->max_deps = max;
	}
	job->deps[job->num_deps++] = fence;
	return 0;

drop:
	dma_fence_put(fence);
	return 0;
}

/* Add @fence, or the fences it contains; consumes the reference. */
static int drm_dep_job_add_fence(struct drm_dep_job *job,
				 struct dma_fence *fence)
{
	struct dma_fence_unwrap iter;
	struct dma_fence *f;
	int ret = 0;

	if (!dma_fence_is_container(fence))
		return drm_dep_job_add_one(job, fence);

	dma_fence_unwrap_for_each(f, &iter, fence) {
		ret = drm_dep_job_add_one(job, dma_fence_get(f));
		if (ret)
			break;
	}
	dma_fence_put(fence);

	return ret;
}

static bool drm_dep_job_armed_warn(struct drm_dep_job *job)
{
	return drm_dep_warn(test_bit(DRM_DEP_JOB_STATE_ARMED, &job->state),
			    "%s: dependency added after arm\n",
			    drm_dep_queue_name(job->q));
}

/**
 * drm_dep_job_add_dependency() - make a job wait for a fence
 * @job: the job, not yet armed
 * @fence: the fence, or NULL; its reference passes to the job
 *
 * See DOC: dependencies for what is kept. The reference to @fence is
 * consumed also when the call fails.
 *
 * Context: Process context; may sleep (allocates with GFP_KERNEL).
 * Return: 0, -ENOMEM, or -EBUSY (with a warning) if @job is armed.
 */
int drm_dep_job_add_dependency(struct drm_dep_job *job,
			       struct dma_fence *fence)
{
	if (!fence)
		return 0;

	if (drm_dep_job_armed_warn(job)) {
		dma_fence_put(fence);
		return -EBUSY;
	}

	return drm_dep_job_add_fence(job, fence);
}
EXPORT_SYMBOL(drm_dep_job_add_dependency);

/**
 * drm_dep_job_add_sibling_dependency() - wait for a job not yet pushed
 * @job: the job, not yet armed
 * @sibling: an armed job of the same submission, pushed or not
 *
 * Lets the jobs of one submission depend on each other between arm and
 * push, while their finished fences are still inactive. The sibling's
 * fence stays unobservable to everyone else. If @sibling is on @job's own
 * queue @job never waits for it, since the queue runs jobs in arm order.
 * If @sibling is abandoned instead of pushed, its fence signals
 * -ECANCELED, which cancels @job unless @job ignores dependency errors.
 *
 * Context: Process context; may sleep (allocates with GFP_KERNEL).
 * Return: 0, -ENOMEM, -EINVAL (with a warning) if @sibling is not armed,
 * or -EBUSY (with a warning) if @job is armed.
 */
int drm_dep_job_add_sibling_dependency(struct drm_dep_job *job,
				       struct drm_dep_job *sibling)
{
	if (drm_dep_warn(!test_bit(DRM_DEP_JOB_STATE_ARMED, &sibling->state),
			 "%s: sibling dependency on an unarmed job\n",
			 drm_dep_queue_name(job->q)))
		return -EINVAL;

	return drm_dep_job_add_dependency(job,
			dma_fence_get(drm_dep_fence_base(sibling->fence)));
}
EXPORT_SYMBOL(drm_dep_job_add_sibling_dependency);

/**
 * drm_dep_job_add_syncobj_dependency() - wait for a syncobj's fence
 * @job: the job, not yet armed
 * @file: the DRM file the handle belongs to
 * @handle: the syncobj handle
 * @point: the timeline point, or 0 for a binary syncobj
 *
 * Context: Process context; may sleep.
 * Return: 0, or the error of drm_syncobj_find_fence() or
 * drm_dep_job_add_dependency().
 */
int drm_dep_job_add_syncobj_dependency(struct drm_dep_job *job,
				       struct drm_file *file, u32 handle,
				       u64 point)
{
	struct dma_fence *fence;
	int ret;

	ret = drm_syncobj_find_fence(file, handle, point, 0, &fence);
	if (ret)
		return ret;

	return drm_dep_job_add_dependency(job, fence);
}
EXPORT_SYMBOL(drm_dep_job_add_syncobj_dependency);

/**
 * drm_dep_job_add_resv_dependencies() - wait for a reservation object
 * @job: the job, not yet armed
 * @resv: the reservation object, locked by the caller
 * @usage: which fences to wait for, see dma_resv_usage_rw()
 *
 * A reservation object this job already walked with @usage or a wider
 * usage is not walked again.
 *
 * Context: Process context; may sleep. The caller holds @resv's lock.
 * Return: 0, -ENOMEM, or -EBUSY (with a warning) if @job is armed.
 */
int drm_dep_job_add_resv_dependencies(struct drm_dep_job *job,
				      struct dma_resv *resv,
				      enum dma_resv_usage usage)
{
	struct drm_dep_resv_walk *walk = NULL;
	struct dma_resv_iter cursor;
	struct dma_fence *fence;
	unsigned int i;
	int ret;

	dma_resv_assert_held(resv);

	if (drm_dep_job_armed_warn(job))
		return -EBUSY;

	for (i = 0; i < job->num_resvs; i++) {
		if (job->resvs[i].resv != resv)
			continue;
		if (job->resvs[i].usage >= usage)
			return 0;
		walk = &job->resvs[i];
		break;
	}

	if (!walk) {
		walk = krealloc_array(job->resvs, job->num_resvs + 1,
				      sizeof(*walk), GFP_KERNEL);
		if (!walk)
			return -ENOMEM;
		job->resvs = walk;
		walk = &job->resvs[job->num_resvs];
		walk->resv = resv;
		walk->usage = usage;
	}

	dma_resv_for_each_fence(&cursor, resv, usage, fence) {
		ret = drm_dep_job_add_fence(job, dma_fence_get(fence));
		if (ret)
			return ret;
	}

	/* Only a complete walk counts. */
	walk->usage = usage;
	if (walk == &job->resvs[job->num_resvs])
		job->num_resvs++;

	return 0;
}
EXPORT_SYMBOL(drm_dep_job_add_resv_dependencies);

/**
 * drm_dep_job_add_implicit_dependencies() - wait for a GEM object's fences
 * @job: the job, not yet armed
 * @obj: the GEM object, its reservation object locked by the caller
 * @write: whether the job writes the object (then it also waits for
 *	readers)
 *
 * Context: Process context; may sleep. The caller holds @obj's resv lock.
 * Return: as drm_dep_job_add_resv_dependencies().
 */
int drm_dep_job_add_implicit_dependencies(struct drm_dep_job *job,
					  struct drm_gem_object *obj,
					  bool write)
{
	return drm_dep_job_add_resv_dependencies(job, obj->resv,
						 dma_resv_usage_rw(write));
}
EXPORT_SYMBOL(drm_dep_job_add_implicit_dependencies);

/**
 * drm_dep_job_arm() - give a job its place on the queue
 * @job: the job, initialised and not yet armed
 *
 * Takes the queue's next seqno and initialises the finished fence,
 * inactive: nobody but the job's siblings may look at it until push (see
 * DOC: finished fences). After arm the job is either pushed, or abandoned
 * by dropping the last reference.
 *
 * Context: Any context; cannot fail. Arm and push of the jobs of one
 * queue are serialised by the caller.
 */
void drm_dep_job_arm(struct drm_dep_job *job)
{
	struct drm_dep_queue *q = job->q;

	if (drm_dep_warn(test_bit(DRM_DEP_JOB_STATE_ARMED, &job->state),
			 "%s: job armed twice\n", drm_dep_queue_name(q)))
		return;
	/* Nobody else looks at the job yet: no atomic needed. */
	__set_bit(DRM_DEP_JOB_STATE_ARMED, &job->state);

	drm_dep_queue_place_job(q, job);
	drm_dep_fence_arm(job->fence, q->timeline, q->fence_context,
			  ++q->seqno);
}
EXPORT_SYMBOL(drm_dep_job_arm);

/**
 * drm_dep_job_push() - hand an armed job to its queue
 * @job: the armed job; the caller holds a reference to it
 *
 * Activates the finished fence and queues the job; the queue takes its
 * own reference, so the caller may drop its reference right after.
 * &drm_dep_queue_ops.run_job is then called exactly once, in arm order,
 * possibly before this function returns on a queue with
 * %DRM_DEP_QUEUE_BYPASS. Pushing a job after a later-armed job of the same
 * queue warns; pushing to a killed queue warns and cancels the job.
 * Pushing a job that was not armed warns and does nothing: the job stays
 * the caller's, to be released with drm_dep_job_put(). Pushing a job a
 * second time warns and does nothing.
 *
 * Context: Process context; cannot fail. Without %DRM_DEP_QUEUE_BYPASS it
 * does not sleep, and may be called with spinlocks held. With it,
 * run_job() may run in the caller's context, inside the annotation of DOC:
 * fence signalling, and may sleep: no spinlock, no atomic context; the
 * caller may hold locks that rank before reclaim, such as dma_resv locks,
 * but none that run_job() takes.
 */
void drm_dep_job_push(struct drm_dep_job *job)
{
	if (job->q->flags & DRM_DEP_QUEUE_BYPASS)
		might_sleep();
	if (drm_dep_warn(!test_bit(DRM_DEP_JOB_STATE_ARMED, &job->state),
			 "%s: push of a job that was not armed\n",
			 drm_dep_queue_name(job->q)))
		return;
	if (drm_dep_warn(test_bit(DRM_DEP_JOB_STATE_PUSHED, &job->state),
			 "%s: job pushed twice\n", drm_dep_queue_name(job->q)))
		return;
	/* Set before drm_dep makes the job visible to its other paths. */
	__set_bit(DRM_DEP_JOB_STATE_PUSHED, &job->state);

	drm_dep_fence_activate(job->fence);
	drm_dep_job_get(job);
	drm_dep_engine_push_job(job);
}
EXPORT_SYMBOL(drm_dep_job_push);

/* Whether @job's fences exist; asking for them before push warns. */
static bool drm_dep_job_fence_armed(struct drm_dep_job *job, const char *which)
{
	drm_dep_warn(!test_bit(DRM_DEP_JOB_STATE_PUSHED, &job->state),
		     "%s: %s fence asked for before push\n",
		     drm_dep_queue_name(job->q), which);
	return test_bit(DRM_DEP_JOB_STATE_ARMED, &job->state);
}

/**
 * drm_dep_job_finished_fence() - the fence that signals when a job is done
 * @job: a pushed job
 *
 * The fence signals with the job's error once the job's hardware fence
 * signalled (for a job without hardware work, once run_job() returned)
 * and every job that went to the engine's hardware before it is done. No
 * reference is taken: use dma_fence_get() to keep it. Asking for the fence
 * of a job that was not pushed yet warns (see DOC: finished fences), also
 * for a job that was not even armed.
 *
 * Context: Any context, but not in &drm_dep_queue_ops.free_job: the
 * job's fences are released before it is called.
 * Return: the finished fence, or NULL if @job is not armed.
 */
struct dma_fence *drm_dep_job_finished_fence(struct drm_dep_job *job)
{
	if (!drm_dep_job_fence_armed(job, "finished"))
		return NULL;
	return drm_dep_fence_base(job->fence);
}
EXPORT_SYMBOL(drm_dep_job_finished_fence);

/**
 * drm_dep_job_scheduled_fence() - the fence that signals when a job started
 * @job: a pushed job of a queue with %DRM_DEP_QUEUE_SCHEDULED_FENCE
 *
 * The fence signals once run_job() has returned for @job, so once the job
 * is on the hardware, or earlier if the job completed already, and always
 * before the finished fence. It
 * carries no error, not even for a cancelled job: the finished fence
 * does. The counterpart of &drm_sched_fence.scheduled. No reference is
 * taken: use dma_fence_get() to keep it. Like the finished fence, it may
 * not be observed before push, and asking for it before warns (see DOC:
 * finished fences).
 *
 * Context: Any context, but not in &drm_dep_queue_ops.free_job: the
 * job's fences are released before it is called.
 * Return: the scheduled fence, or NULL if @job is not armed or its queue
 * has no scheduled fences (which warns).
 */
struct dma_fence *drm_dep_job_scheduled_fence(struct drm_dep_job *job)
{
	if (drm_dep_warn(!job->fence->has_scheduled,
			 "%s: scheduled fence of a queue without DRM_DEP_QUEUE_SCHEDULED_FENCE\n",
			 drm_dep_queue_name(job->q)) ||
	    !drm_dep_job_fence_armed(job, "scheduled"))
		return NULL;
	return &job->fence->scheduled;
}
EXPORT_SYMBOL(drm_dep_job_scheduled_fence);

/**
 * drm_dep_job_error() - why a job was cancelled
 * @job: the job
 *
 * Read it in &drm_dep_queue_ops.run_job: a non-zero value means the job is
 * cancelled (its queue was killed, a dependency failed) and the driver
 * must not start it on the hardware. Once the job completed, it is the
 * error its finished fence signalled with.
 *
 * Context: Any context.
 * Return: 0, or a negative error.
 */
int drm_dep_job_error(const struct drm_dep_job *job)
{
	return READ_ONCE(job->error);
}
EXPORT_SYMBOL(drm_dep_job_error);

/**
 * drm_dep_job_hw_fence() - the hardware fence of a job
 * @job: the job
 *
 * The fence &drm_dep_queue_ops.run_job returned for @job, which drm_dep
 * waits for: the counterpart of &drm_sched_fence.parent, read for example
 * by a timeout handler that tries to recover the job without a reset. It
 * is set once run_job() has returned (a timeout handler always sees it)
 * and does not change afterwards: drm_dep never clears it after a stop,
 * as drm_sched did with &drm_sched_fence.parent. No reference is taken:
 * the job holds the fence until it is released, so it is valid as long as
 * the caller's reference to the job; in &drm_dep_queue_ops.free_job it is
 * NULL.
 *
 * Context: Any context.
 * Return: the hardware fence, or NULL if run_job() has not returned yet,
 * returned no fence (NULL, an error, or %DRM_DEP_JOB_RUNNING), or the job
 * is being freed.
 */
struct dma_fence *drm_dep_job_hw_fence(const struct drm_dep_job *job)
{
	/* A fence seen here was initialised before run_job() returned it. */
	return smp_load_acquire(&job->hw_fence);
}
EXPORT_SYMBOL(drm_dep_job_hw_fence);

/**
 * drm_dep_job_seqno() - a job's place in its queue
 * @job: an armed job
 *
 * Context: Any context.
 * Return: the seqno of the job's finished fence; 0 if not armed.
 */
u64 drm_dep_job_seqno(const struct drm_dep_job *job)
{
	if (!test_bit(DRM_DEP_JOB_STATE_ARMED, &job->state))
		return 0;
	return drm_dep_fence_base(job->fence)->seqno;
}
EXPORT_SYMBOL(drm_dep_job_seqno);

/**
 * drm_dep_job_queue() - the queue of a job
 * @job: the job
 *
 * Context: Any context.
 * Return: the queue given to drm_dep_job_init(); no reference is taken.
 */
struct drm_dep_queue *drm_dep_job_queue(const struct drm_dep_job *job)
{
	return job->q;
}
EXPORT_SYMBOL(drm_dep_job_queue);

/**
 * drm_dep_job_engine() - the engine a job runs on
 * @job: an armed job
 *
 * drm_dep_job_arm() places the job on one of its queue's engines (see
 * DOC: engines); run_job() and timedout_job() use this to find the
 * hardware the job is for. For a queue with a private engine it is that
 * engine.
 *
 * Context: Any context.
 * Return: the engine, or NULL if @job is not armed.
 */
struct drm_dep_engine *drm_dep_job_engine(const struct drm_dep_job *job)
{
	return job->engine;
}
EXPORT_SYMBOL(drm_dep_job_engine);

static void drm_dep_job_dep_cb(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	struct drm_dep_job *job = container_of(cb, struct drm_dep_job, dep_cb);

	drm_dep_engine_unblock(job);
}

/* Make sure dep_cb is neither registered nor running any more. */
static void drm_dep_job_cancel_dep_cb(struct drm_dep_job *job)
{
	if (job->dep_wait) {
		dma_fence_remove_callback(job->dep_wait, &job->dep_cb);
		job->dep_wait = NULL;
	}
}

/*
 * Whether @job may run: every dependency signalled, also when the job is
 * cancelled (a failed dependency, a killed queue), since the others may
 * still be writing what the job uses. Signalled dependencies are dropped
 * from the list, their errors noted.
 * With @wait, a callback on the first unsignalled dependency wakes the
 * submit worker when it signals. Called by the one submitter of the job:
 * the pusher before the job is visible, then the submit worker for the
 * job at the head of its queue.
 */
bool drm_dep_job_deps_ready(struct drm_dep_job *job, bool wait)
{
	unsigned int i = 0;

	if (wait)
		drm_dep_job_cancel_dep_cb(job);

	while (i < job->num_deps) {
		struct dma_fence *fence = job->deps[i];

		if (drm_dep_job_dep_resolved(job, fence)) {
			job->deps[i] = job->deps[--job->num_deps];
			dma_fence_put(fence);
			continue;
		}
		/* An inactive sibling on this queue: never waited for. */
		if (drm_dep_job_own_fence(job, fence)) {
			i++;
			continue;
		}

		if (!wait)
			return false;

		if (!drm_dep_fence_add_internal_cb(fence, &job->dep_cb,
						   drm_dep_job_dep_cb)) {
			job->dep_wait = fence;
			return false;
		}
		/* Signalled meanwhile: look at it again. */
	}

	return true;
}

/*
 * Drop the dependencies once the job ran or was released; in process
 * context, since a foreign fence's release may not be IRQ-safe.
 */
void drm_dep_job_drop_deps(struct drm_dep_job *job)
{
	unsigned int i;

	drm_dep_job_cancel_dep_cb(job);
	for (i = 0; i < job->num_deps; i++)
		dma_fence_put(job->deps[i]);
	kfree(job->deps);
	job->deps = NULL;
	job->num_deps = 0;
	job->max_deps = 0;
}

// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 */

/**
 * DOC: finished fences
 *
 * Every job has a finished fence. It is allocated by drm_dep_job_init(), so
 * that drm_dep_job_arm() cannot fail, and initialised by drm_dep_job_arm()
 * with the queue's fence context and the job's 64-bit seqno.
 *
 * From arm until push the fence is *inactive*: it exists, so that another
 * job of the same submission can depend on it through
 * drm_dep_job_add_sibling_dependency() with no preallocation, but nobody
 * outside drm_dep may observe it. drm_dep_job_finished_fence() warns when
 * asked for an inactive fence, and so do the fence operations that the
 * dma-fence core calls when a fence is waited on, gets a callback, has
 * software signalling enabled or is polled with dma_fence_is_signaled().
 * An armed job that is dropped before push takes its inactive fence with
 * it, unsignalled, which is legitimate since nobody could see the fence;
 * if a sibling job already depends on it, the fence signals -ECANCELED
 * instead so that the sibling is cancelled rather than left waiting.
 *
 * drm_dep_job_push() makes the fence active. An active fence must signal
 * before its last reference goes; releasing it unsignalled warns.
 *
 * Finished fences may outlive their queue and the module: they hold a
 * reference to a small timeline object that carries the queue's name and
 * pins the module, their operations never look at the queue, and they have
 * no &dma_fence_ops.wait, so waits use the dma-fence core's default wait.
 *
 * The jobs of a queue with %DRM_DEP_QUEUE_SCHEDULED_FENCE also have a
 * *scheduled* fence, allocated and armed with the finished fence, on a
 * fence context of its own (the queue's second) and with the same seqno.
 * It signals once run_job() has returned for the job, so once the job is
 * on the hardware, or earlier if the job completed already (through
 * drm_dep_engine_complete() before run_job() returned); always before the
 * finished fence, and never with an error, not even for a cancelled job,
 * whose run_job() left the hardware alone. drm_dep_job_scheduled_fence()
 * returns it and drm_dep_fence_scheduled() finds it from the finished
 * fence, for drivers that start a job of another engine as soon as this
 * one started (gang submission), or that wait for a job on the hardware
 * themselves. The finished fence holds a reference to it, so a scheduled
 * fence found from a finished fence is valid as long as that one. What is
 * said above of inactive fences, abandoned jobs and fences outliving their
 * queue holds for it too, except that the scheduled fence of an abandoned
 * job that somebody took signals without an error.
 *
 * There is no sibling dependency on a job's start: a job that must start
 * once other jobs started (the leader of a gang) is armed after them.
 * Push the other jobs first, then add their scheduled fences to the job
 * with drm_dep_job_add_dependency(), then arm and push it.
 */

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "drm_dep_internal.h"

/**
 * struct drm_dep_timeline - what a finished fence knows of its queue
 * @ref: one reference for the queue and one for each armed fence
 * @name: the queue's name
 *
 * The timeline pins the module, so that the fence operations stay in
 * memory as long as a finished fence exists.
 */
struct drm_dep_timeline {
	struct kref ref;
	char name[];
};

struct drm_dep_timeline *drm_dep_timeline_create(const char *name)
{
	struct drm_dep_timeline *tl;
	size_t len = strlen(name) + 1;

	tl = kmalloc(struct_size(tl, name, len), GFP_KERNEL);
	if (!tl)
		return NULL;

	kref_init(&tl->ref);
	memcpy(tl->name, name, len);
	__module_get(THIS_MODULE);

	return tl;
}

static void drm_dep_timeline_release(struct kref *ref)
{
	struct drm_dep_timeline *tl =
		container_of(ref, struct drm_dep_timeline, ref);

	kfree(tl);
	/*
	 * The last instructions of this function and of its callers still
	 * run after this: like every module_put() from the module itself,
	 * it leaves unloading a few instructions' worth of window.
	 */
	module_put(THIS_MODULE);
}

void drm_dep_timeline_put(struct drm_dep_timeline *tl)
{
	kref_put(&tl->ref, drm_dep_timeline_release);
}

const char *drm_dep_timeline_name(const struct drm_dep_timeline *tl)
{
	return tl->name;
}

static const struct dma_fence_ops drm_dep_fence_ops;
static const struct dma_fence_ops drm_dep_scheduled_fence_ops;

/* The object of either fence; only for fences with drm_dep's ops. */
static struct drm_dep_fence *to_drm_dep_fence(struct dma_fence *fence)
{
	if (fence->ops == &drm_dep_scheduled_fence_ops)
		return container_of(fence, struct drm_dep_fence, scheduled);
	return container_of(fence, struct drm_dep_fence, base);
}

static bool drm_dep_fence_inactive(struct dma_fence *fence)
{
	return test_bit(DRM_DEP_FENCE_FLAG_INACTIVE, &fence->flags);
}

static const char *drm_dep_fence_get_driver_name(struct dma_fence *fence)
{
	return "drm_dep";
}

static const char *drm_dep_fence_get_timeline_name(struct dma_fence *fence)
{
	return to_drm_dep_fence(fence)->tl->name;
}

/*
 * Reached from dma_fence_add_callback(), dma_fence_enable_sw_signaling()
 * and dma_fence_wait(), once per fence. The fence is signalled by
 * drm_dep explicitly, so signalling needs no enabling: this is only where
 * an early observer is caught.
 */
static bool drm_dep_fence_enable_signaling(struct dma_fence *fence)
{
	drm_dep_warn(drm_dep_fence_inactive(fence) &&
		     !test_bit(DRM_DEP_FENCE_FLAG_INTERNAL, &fence->flags),
		     "%s:%llu: waited on before its job was pushed\n",
		     drm_dep_fence_get_timeline_name(fence), fence->seqno);
	return true;
}

/* Reached from dma_fence_is_signaled() while the fence is unsignalled. */
static bool drm_dep_fence_signaled(struct dma_fence *fence)
{
	drm_dep_warn(drm_dep_fence_inactive(fence),
		     "%s:%llu: polled before its job was pushed\n",
		     drm_dep_fence_get_timeline_name(fence), fence->seqno);
	return false;
}

static void drm_dep_fence_free(struct drm_dep_fence *f)
{
	struct drm_dep_timeline *tl = f->tl;

	dma_fence_free(&f->base);
	drm_dep_timeline_put(tl);
}

static void drm_dep_fence_release(struct dma_fence *fence)
{
	struct drm_dep_fence *f = to_drm_dep_fence(fence);

	drm_dep_warn(!drm_dep_fence_inactive(fence) &&
		     !test_bit(DMA_FENCE_FLAG_SIGNALED_BIT, &fence->flags),
		     "%s:%llu: active fence released unsignalled\n",
		     f->tl->name, fence->seqno);

	/* The object goes with the scheduled fence's last reference. */
	if (f->has_scheduled)
		dma_fence_put(&f->scheduled);
	else
		drm_dep_fence_free(f);
}

/*
 * The last reference of the scheduled fence, which is at the latest the
 * one the finished fence held. An active scheduled fence has signalled,
 * since its finished fence did, and that signals it first.
 */
static void drm_dep_scheduled_fence_release(struct dma_fence *fence)
{
	drm_dep_fence_free(to_drm_dep_fence(fence));
}

static const struct dma_fence_ops drm_dep_fence_ops = {
	.use_64bit_seqno = true,
	.get_driver_name = drm_dep_fence_get_driver_name,
	.get_timeline_name = drm_dep_fence_get_timeline_name,
	.enable_signaling = drm_dep_fence_enable_signaling,
	.signaled = drm_dep_fence_signaled,
	.release = drm_dep_fence_release,
};

static const struct dma_fence_ops drm_dep_scheduled_fence_ops = {
	.use_64bit_seqno = true,
	.get_driver_name = drm_dep_fence_get_driver_name,
	.get_timeline_name = drm_dep_fence_get_timeline_name,
	.enable_signaling = drm_dep_fence_enable_signaling,
	.signaled = drm_dep_fence_signaled,
	.release = drm_dep_scheduled_fence_release,
};

/* Without @scheduled, the object ends where the scheduled fence starts. */
struct drm_dep_fence *drm_dep_fence_alloc(bool scheduled)
{
	struct drm_dep_fence *f;

	f = kzalloc(scheduled ? sizeof(*f) :
		    offsetof(struct drm_dep_fence, scheduled), GFP_KERNEL);
	if (f)
		f->has_scheduled = scheduled;
	return f;
}

void drm_dep_fence_free_unarmed(struct drm_dep_fence *f)
{
	kfree(f);
}

void drm_dep_fence_arm(struct drm_dep_fence *f, struct drm_dep_timeline *tl,
		       u64 context, u64 seqno)
{
	kref_get(&tl->ref);
	f->tl = tl;
	spin_lock_init(&f->lock);
	dma_fence_init(&f->base, &drm_dep_fence_ops, &f->lock, context, seqno);
	/* Nobody else can see the fences yet: no atomic needed. */
	__set_bit(DRM_DEP_FENCE_FLAG_INACTIVE, &f->base.flags);
	if (!f->has_scheduled)
		return;
	spin_lock_init(&f->scheduled_lock);
	dma_fence_init(&f->scheduled, &drm_dep_scheduled_fence_ops,
		       &f->scheduled_lock, context + 1, seqno);
	__set_bit(DRM_DEP_FENCE_FLAG_INACTIVE, &f->scheduled.flags);
}

/*
 * Drop the job's reference to the inactive fences of a job that was never
 * pushed. Only a sibling can hold another reference to the finished
 * fence. Another reference to the scheduled fence comes from a fence
 * asked for before push, which warned. Both fences signal if somebody
 * holds them, the finished one with -ECANCELED, the scheduled one with no
 * error.
 */
void drm_dep_fence_abandon(struct drm_dep_fence *f)
{
	/*
	 * Unsynchronised, and need not be: the extra references were taken
	 * before this. At worst a fence nobody waits on signals.
	 */
	if (kref_read(&f->base.refcount) > 1 ||
	    (f->has_scheduled && kref_read(&f->scheduled.refcount) > 1))
		drm_dep_fence_signal(f, -ECANCELED);
	dma_fence_put(&f->base);
}

struct drm_dep_fence *drm_dep_fence_from_dma(struct dma_fence *fence)
{
	return fence->ops == &drm_dep_fence_ops ? to_drm_dep_fence(fence) : NULL;
}

/* Whether @fence is a finished or a scheduled fence of drm_dep. */
bool drm_dep_fence_is_ours(struct dma_fence *fence)
{
	return fence->ops == &drm_dep_fence_ops ||
	       fence->ops == &drm_dep_scheduled_fence_ops;
}

/**
 * drm_dep_fence_scheduled() - the scheduled fence of a drm_dep fence
 * @fence: a dma-fence, or NULL
 *
 * Finds the scheduled fence of the job that @fence belongs to, when @fence
 * is the finished fence of a drm_dep job or its scheduled fence itself;
 * the counterpart of reading &drm_sched_fence.scheduled after
 * to_drm_sched_fence(). A driver that depends on another job's start
 * rather than its end, or that waits for the job on the hardware itself,
 * uses it on the fences it is given. See DOC: finished fences.
 *
 * No reference is taken: the scheduled fence lives at least as long as
 * the caller's reference to @fence. The finished fence of a job of a
 * queue without %DRM_DEP_QUEUE_SCHEDULED_FENCE has none: that warns,
 * since a driver that asks has its queues created with the flag, and a
 * NULL it took for "not a drm_dep fence" would lose a dependency.
 *
 * Context: Any context.
 * Return: the scheduled fence, or NULL if @fence is NULL, not a drm_dep
 * fence, or the finished fence of a job of a queue without
 * %DRM_DEP_QUEUE_SCHEDULED_FENCE.
 */
struct dma_fence *drm_dep_fence_scheduled(struct dma_fence *fence)
{
	struct drm_dep_fence *f;

	if (!fence || !drm_dep_fence_is_ours(fence))
		return NULL;
	f = to_drm_dep_fence(fence);
	if (drm_dep_warn(!f->has_scheduled,
			 "%s:%llu: no scheduled fence: the queue was created without DRM_DEP_QUEUE_SCHEDULED_FENCE\n",
			 f->tl->name, fence->seqno))
		return NULL;
	return &f->scheduled;
}
EXPORT_SYMBOL(drm_dep_fence_scheduled);

/* Whether @fence is a finished fence whose job was not pushed yet. */
bool drm_dep_fence_is_inactive(struct dma_fence *fence)
{
	return fence->ops == &drm_dep_fence_ops &&
	       drm_dep_fence_inactive(fence);
}

/*
 * Whether @fence has signalled, without polling an inactive finished fence
 * through dma_fence_is_signaled(), which would warn.
 */
bool drm_dep_fence_done(struct dma_fence *fence)
{
	if (fence->ops == &drm_dep_fence_ops)
		return test_bit(DMA_FENCE_FLAG_SIGNALED_BIT, &fence->flags);
	return dma_fence_is_signaled(fence);
}

/*
 * dma_fence_add_callback() for drm_dep's own waits, which may target an
 * inactive sibling fence without warning.
 */
int drm_dep_fence_add_internal_cb(struct dma_fence *fence,
				  struct dma_fence_cb *cb,
				  dma_fence_func_t func)
{
	if (fence->ops == &drm_dep_fence_ops)
		set_bit(DRM_DEP_FENCE_FLAG_INTERNAL, &fence->flags);
	return dma_fence_add_callback(fence, cb, func);
}

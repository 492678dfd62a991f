/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Declarations shared by the drm_dep core files and its KUnit tests; not
 * part of the driver API.
 */

#ifndef _DRM_DEP_INTERNAL_H_
#define _DRM_DEP_INTERNAL_H_

#include <linux/bug.h>
#include <linux/dma-fence.h>
#include <kunit/visibility.h>
#include <drm/drm_dep.h>

/* Bits of &drm_dep_job.state */
#define DRM_DEP_JOB_STATE_ARMED		0	/* drm_dep_job_arm() was called */
#define DRM_DEP_JOB_STATE_PUSHED	1	/* drm_dep_job_push() was called */
#define DRM_DEP_JOB_STATE_DONE		2	/* completed, under engine lock */
#define DRM_DEP_JOB_STATE_DETACHED	3	/* seen by a timeout handler */

/**
 * struct drm_dep_resv_walk - a reservation object a job already walked
 * @resv: the reservation object
 * @usage: the widest usage it was walked with
 */
struct drm_dep_resv_walk {
	struct dma_resv *resv;
	enum dma_resv_usage usage;
};

/* The fence may not be observed yet: set from arm until push. */
#define DRM_DEP_FENCE_FLAG_INACTIVE	(DMA_FENCE_FLAG_USER_BITS + 0)
/* drm_dep itself enabled signalling to wait on an inactive fence. */
#define DRM_DEP_FENCE_FLAG_INTERNAL	(DMA_FENCE_FLAG_USER_BITS + 1)

/**
 * struct drm_dep_fence - the fences of a job
 * @base: the finished fence; first member: the object is freed with
 *	dma_fence_free() on it
 * @lock: the dma-fence lock of @base
 * @has_scheduled: the object was allocated with @scheduled, for a queue
 *	with %DRM_DEP_QUEUE_SCHEDULED_FENCE; without it the object ends
 *	before @scheduled
 * @tl: the timeline, referenced from arm until the object is freed
 * @scheduled: the scheduled fence; @base holds its first reference, so
 *	that the object lives as long as either fence
 * @scheduled_lock: the dma-fence lock of @scheduled
 */
struct drm_dep_fence {
	struct dma_fence base;
	spinlock_t lock;	/* the dma-fence lock of @base */
	bool has_scheduled;
	struct drm_dep_timeline *tl;
	/* Only with @has_scheduled: */
	struct dma_fence scheduled;
	spinlock_t scheduled_lock;	/* the dma-fence lock of @scheduled */
};

/* drm_dep_fence.c; the helpers of the submission path are inline. */
static inline struct dma_fence *drm_dep_fence_base(struct drm_dep_fence *f)
{
	return &f->base;
}

/* Push: the fences may be observed from now on. */
static inline void drm_dep_fence_activate(struct drm_dep_fence *f)
{
	if (f->has_scheduled)
		clear_bit(DRM_DEP_FENCE_FLAG_INACTIVE, &f->scheduled.flags);
	clear_bit(DRM_DEP_FENCE_FLAG_INACTIVE, &f->base.flags);
}

/*
 * The job is on the hardware, or done. Signalling an already signalled
 * fence does nothing, so a job that completed within run_job() is fine.
 */
static inline void drm_dep_fence_signal_scheduled(struct drm_dep_fence *f)
{
	if (f->has_scheduled)
		dma_fence_signal(&f->scheduled);
}

/* The scheduled fence always signals first, also for a job never run. */
static inline void drm_dep_fence_signal(struct drm_dep_fence *f, int error)
{
	drm_dep_fence_signal_scheduled(f);
	if (error)
		dma_fence_set_error(&f->base, error);
	dma_fence_signal(&f->base);
}

struct drm_dep_timeline *drm_dep_timeline_create(const char *name);
void drm_dep_timeline_put(struct drm_dep_timeline *tl);
const char *drm_dep_timeline_name(const struct drm_dep_timeline *tl);

struct drm_dep_fence *drm_dep_fence_alloc(bool scheduled);
void drm_dep_fence_free_unarmed(struct drm_dep_fence *f);
void drm_dep_fence_arm(struct drm_dep_fence *f, struct drm_dep_timeline *tl,
		       u64 context, u64 seqno);
void drm_dep_fence_abandon(struct drm_dep_fence *f);
struct drm_dep_fence *drm_dep_fence_from_dma(struct dma_fence *fence);
bool drm_dep_fence_is_ours(struct dma_fence *fence);
bool drm_dep_fence_is_inactive(struct dma_fence *fence);
bool drm_dep_fence_done(struct dma_fence *fence);
int drm_dep_fence_add_internal_cb(struct dma_fence *fence,
				  struct dma_fence_cb *cb,
				  dma_fence_func_t func);

/* drm_dep_queue.c */
bool drm_dep_queue_can_run(const struct drm_dep_queue *q);
void drm_dep_queue_place_job(struct drm_dep_queue *q, struct drm_dep_job *job);
void drm_dep_queue_free_job(struct drm_dep_queue *q, struct drm_dep_job *job);
void drm_dep_queue_unplace_job(struct drm_dep_queue *q,
			       struct drm_dep_job *job);
u64 drm_dep_queue_last_pushed(struct drm_dep_queue *q);

/* drm_dep_engine.c */
static inline bool drm_dep_engine_has_timeout(const struct drm_dep_engine *e)
{
	return e->timeout != MAX_SCHEDULE_TIMEOUT;
}

int drm_dep_engine_setup(struct drm_dep_engine *e, const char *name,
			 struct workqueue_struct *wq,
			 struct workqueue_struct *timeout_wq, long timeout,
			 u32 credit_limit);
void drm_dep_engine_cleanup(struct drm_dep_engine *e);
void drm_dep_engine_wake(struct drm_dep_engine *e);
void drm_dep_job_hw_cb(struct dma_fence *fence, struct dma_fence_cb *cb);
void drm_dep_engine_flush(struct drm_dep_engine *e);
void drm_dep_engine_push_job(struct drm_dep_job *job);
void drm_dep_engine_job_done(struct drm_dep_job *job, int error);
void drm_dep_engine_unblock(struct drm_dep_job *job);

/* drm_dep_timeout.c */
bool drm_dep_engine_tdr_suspended(const struct drm_dep_engine *e);
void drm_dep_engine_arm_tdr(struct drm_dep_engine *e);
void drm_dep_engine_update_tdr(struct drm_dep_engine *e, bool was);
void drm_dep_engine_sync_tdr(struct drm_dep_engine *e);
void drm_dep_engine_tdr_work(struct work_struct *work);

/* drm_dep_job.c */
bool drm_dep_job_deps_ready(struct drm_dep_job *job, bool wait);
void drm_dep_job_drop_deps(struct drm_dep_job *job);

/*
 * drm_dep_warn() - WARN about a driver bug and count it. The count lets
 * the KUnit suites assert that a warning was given, not merely tolerated.
 */
extern atomic_t drm_dep_warnings;

#define drm_dep_warn(cond, fmt, ...) ({					\
	bool __c = !!(cond);						\
	if (unlikely(__c))						\
		atomic_inc(&drm_dep_warnings);				\
	WARN(__c, "drm_dep: " fmt, ##__VA_ARGS__);			\
})

int drm_dep_warn_count(void);

#endif /* _DRM_DEP_INTERNAL_H_ */

/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 The drm_dep authors
 */

#ifndef _DRM_DEP_H_
#define _DRM_DEP_H_

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/completion.h>
#include <linux/dma-fence.h>
#include <linux/dma-resv.h>
#include <linux/err.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

struct drm_dep_fence;
struct drm_dep_job;
struct drm_dep_queue;
struct drm_dep_resv_walk;
struct drm_dep_timeline;
struct drm_file;
struct drm_gem_object;

/**
 * enum drm_dep_timeout_status - what &drm_dep_queue_ops.timedout_job did
 * @DRM_DEP_TIMEOUT_EXTEND: the job still makes progress. drm_dep waits
 *	for the hardware fences again (a job whose fence signalled while
 *	timedout_job() ran completes now) and re-arms the timeout, in full,
 *	for the oldest job on the hardware.
 * @DRM_DEP_TIMEOUT_RESET: the driver reset the engine. Every job that was
 *	on the hardware completes: the timed-out job with -ETIMEDOUT, the
 *	others with -ECANCELED, except a job whose hardware fence had
 *	signalled without an error. None of them is run again.
 */
enum drm_dep_timeout_status {
	DRM_DEP_TIMEOUT_EXTEND,
	DRM_DEP_TIMEOUT_RESET,
};

/**
 * enum drm_dep_priority - the priority of a queue on its engines
 * @DRM_DEP_PRIORITY_KERNEL: the driver's own work, such as page-table
 *	updates and buffer moves; also what a zeroed
 *	&drm_dep_queue_args.priority means.
 * @DRM_DEP_PRIORITY_HIGH: clients that asked for, and may have, more.
 * @DRM_DEP_PRIORITY_NORMAL: clients.
 * @DRM_DEP_PRIORITY_LOW: background clients.
 * @DRM_DEP_PRIORITY_COUNT: the number of priorities.
 *
 * A lower value runs first: an engine's submit worker takes the next job
 * from the queues of the highest priority that have one ready, round robin
 * among them; lower priorities wait while a higher one has work, as
 * between drm_sched's run queues. Queues that all have one priority share
 * the engine round robin. The values and their order are drm_sched's, so
 * that a zeroed &drm_dep_queue_args.priority is the highest: a driver that
 * gives some queues a priority must give one to every queue on the same
 * engines, or the others take precedence over them. A killed queue takes
 * %DRM_DEP_PRIORITY_KERNEL, so that its cancelled jobs drain.
 */
enum drm_dep_priority {
	DRM_DEP_PRIORITY_KERNEL,
	DRM_DEP_PRIORITY_HIGH,
	DRM_DEP_PRIORITY_NORMAL,
	DRM_DEP_PRIORITY_LOW,
	DRM_DEP_PRIORITY_COUNT,
};

/**
 * DRM_DEP_JOB_RUNNING - run_job() started the job and reports its end itself
 *
 * Returned by &drm_dep_queue_ops.run_job instead of a hardware fence: the
 * job is on the hardware, and the driver reports its completion with
 * drm_dep_engine_complete(), typically from its interrupt handler. For
 * hardware that completes the jobs of an engine in the order they were
 * started; it spares the driver a fence per job and any record of which
 * job runs. It is ERR_PTR(-EINPROGRESS): run_job() does not return that
 * value as an error.
 */
#define DRM_DEP_JOB_RUNNING	ERR_PTR(-EINPROGRESS)

/**
 * struct drm_dep_queue_ops - driver callbacks of a &drm_dep_queue
 */
struct drm_dep_queue_ops {
	/**
	 * @run_job: start @job on the hardware.
	 *
	 * Called exactly once for every pushed job, in arm order, once every
	 * dependency of the job has signalled, from the submit worker of the
	 * job's engine (see drm_dep_job_engine()) or, with
	 * %DRM_DEP_QUEUE_BYPASS, from the pusher. Calls for jobs of one engine
	 * never overlap. It is also called for a cancelled job: when
	 * drm_dep_job_error() returns an error the driver must not touch the
	 * hardware and should return NULL. This lets a driver release in
	 * run_job() what it set up when it armed the job. The job's
	 * dependencies were dropped just before the call.
	 *
	 * run_job() runs inside a dma-fence signalling critical section (see
	 * DOC: fence signalling): it may sleep, but must not allocate memory
	 * with GFP_KERNEL, resume a device through runtime PM, or take a lock
	 * that is held elsewhere around such calls.
	 *
	 * Return: NULL when there is no hardware work (the job completes at
	 * once, with its error if any; its finished fence signals when every
	 * job that went to the engine's hardware before it is done), an
	 * ERR_PTR() to complete the job with that error,
	 * %DRM_DEP_JOB_RUNNING when the driver reports the job's completion
	 * with drm_dep_engine_complete() (the job may then complete, and be
	 * freed, before run_job() returns), or the hardware fence. The
	 * hardware fence must not be a finished or scheduled fence of a
	 * drm_dep queue. It
	 * is returned with a reference that passes to drm_dep: drm_dep drops
	 * it when the job is released. A driver that keeps its own pointer to
	 * the fence takes its own reference with dma_fence_get() before
	 * returning it.
	 */
	struct dma_fence *(*run_job)(struct drm_dep_job *job);

	/**
	 * @timedout_job: the oldest job on an engine's hardware did not
	 * complete within the engine's timeout, or the driver reported a
	 * fault with drm_dep_engine_fault().
	 *
	 * Called from the engine's workqueue, or its timeout workqueue if
	 * the driver gave one, with the engine stopped (as by
	 * drm_dep_engine_stop()): no run_job() runs on it until this returns.
	 * It may sleep. drm_dep_job_engine() tells which engine to reset; a
	 * reset completes the jobs of every queue on that engine's hardware,
	 * and the owners of the other queues learn it from their finished
	 * fences (-ECANCELED). On a shared engine the handler of the
	 * timed-out job's queue is called, whichever queue it is: queues that
	 * share an engine should share their timedout_job(). It is not
	 * annotated as a fence-signalling section, but a reset is on the way
	 * to signalling fences: avoid GFP_KERNEL allocations here too.
	 *
	 * The driver's interrupt handler may still complete @job
	 * concurrently; see DOC: timeouts and resets for how the two hand the
	 * job over. A driver that completes jobs with
	 * drm_dep_engine_complete() must, before it resets the hardware,
	 * stop its interrupt handler from reporting completions: mask the
	 * interrupt at the device and call synchronize_irq(). Then reset,
	 * clear whatever completion the reset left pending, and unmask before
	 * returning. A completion reported before the mask wins (that job
	 * keeps its result); after it, no interrupt of a job that was on the
	 * hardware can be taken for a job started after the reset.
	 *
	 * Optional: without it a private engine has no timeout, the queue
	 * cannot use shared engines that have one, and drm_dep_engine_fault()
	 * cannot be used for its jobs.
	 *
	 * Return: %DRM_DEP_TIMEOUT_EXTEND or %DRM_DEP_TIMEOUT_RESET.
	 */
	enum drm_dep_timeout_status (*timedout_job)(struct drm_dep_job *job);

	/**
	 * @free_job: free the driver's job after the last reference to it
	 * was dropped. drm_dep releases the job's finished fence and hardware
	 * fence just before this call and drops the job's queue reference
	 * right after it; the dependencies of a job that ran were dropped
	 * before its run_job(), those of a job that never ran just before
	 * this call. Runs in process context, or on a queue with
	 * %DRM_DEP_QUEUE_IRQ_SAFE_RELEASE in any context: in hard IRQ, inside
	 * drm_dep_engine_complete(), and inside the callback of a hardware
	 * fence (possibly another job's, with that fence's lock held).
	 */
	void (*free_job)(struct drm_dep_job *job);

	/**
	 * @release: free the driver's queue. Called from a workqueue once
	 * the last queue reference is gone and every job has retired; after
	 * it drm_dep no longer touches the queue. It is how a driver that
	 * drops its reference with drm_dep_queue_put() learns that teardown
	 * is over. Optional for a driver that ends its queues with
	 * drm_dep_queue_fini() instead, which returns after the teardown: it
	 * owns the queue's memory again then, and has no release to give.
	 */
	void (*release)(struct drm_dep_queue *q);
};

/**
 * DRM_DEP_QUEUE_BYPASS - drm_dep_job_push() may call run_job() directly
 *
 * When the queue is idle, the job's dependencies are all signalled,
 * credits are available, nothing is stopped and no other queue of the
 * engine has a job to run first, the pusher runs the job itself instead of
 * waking the submit worker.
 */
#define DRM_DEP_QUEUE_BYPASS			BIT(0)

/**
 * DRM_DEP_QUEUE_IRQ_SAFE_RELEASE - retire jobs from the fence callback
 *
 * The queue drops its job reference right after signalling the job's
 * finished fence, wherever that happens: in the hardware fence's callback
 * or in drm_dep_engine_complete() (possibly hard IRQ), in run_job()'s
 * caller or in the timeout handler, instead of from a worker.
 * &drm_dep_queue_ops.free_job and the release of the hardware fence must
 * then be safe in any context, and the driver may drop its own references
 * to a pushed job from any context.
 */
#define DRM_DEP_QUEUE_IRQ_SAFE_RELEASE		BIT(1)

/**
 * DRM_DEP_QUEUE_IGNORE_DEP_ERRORS - do not cancel on failed dependencies
 *
 * By default a job whose dependency signalled with an error is cancelled
 * with that error. With this flag every job of the queue runs normally.
 */
#define DRM_DEP_QUEUE_IGNORE_DEP_ERRORS		BIT(2)

/**
 * DRM_DEP_QUEUE_SCHEDULED_FENCE - the queue's jobs have a scheduled fence
 *
 * Each job of the queue gets, besides its finished fence, a fence that
 * signals once run_job() has returned for it (or when it completed, if
 * that came first): see
 * drm_dep_job_scheduled_fence() and drm_dep_fence_scheduled(). For
 * drivers that start a job once another one started (gang submission) or
 * that wait for jobs on the hardware themselves. It costs a second fence
 * in the allocation of each job's fences.
 */
#define DRM_DEP_QUEUE_SCHEDULED_FENCE		BIT(3)

/**
 * DRM_DEP_JOB_IGNORE_DEP_ERRORS - per-job form of
 * %DRM_DEP_QUEUE_IGNORE_DEP_ERRORS, passed to drm_dep_job_init()
 */
#define DRM_DEP_JOB_IGNORE_DEP_ERRORS		BIT(0)

/**
 * struct drm_dep_engine - one hardware ring or slot
 *
 * The hardware-facing half of submission: the credits in use, the jobs on
 * the hardware, the submit worker that picks the next job among the
 * engine's queues, and the timeout handler. A driver embeds one per
 * hardware slot and initialises it with drm_dep_engine_init() to share it
 * between queues; a queue created without engines owns a private one.
 * Drivers never touch these fields.
 */
struct drm_dep_engine {
	/**
	 * @lock: protects every field below that is not otherwise marked,
	 * and of each queue on @queues its pending list, @blocked, @killed
	 * and @stop_count. Taken from fence callbacks, so always with
	 * interrupts disabled.
	 */
	spinlock_t lock;
	/** @queues: queues submitting to this engine, in round-robin order */
	struct list_head queues;
	/** @nr_queues: entries on @queues; read locklessly for placement */
	unsigned int nr_queues;
	/** @stopped_queues: entries on @queues with a stop count */
	unsigned int stopped_queues;
	/** @bound: queues that may run on this engine, until their teardown */
	unsigned int bound;
	/** @load: jobs armed on this engine that have not completed */
	atomic_t load;
	/**
	 * @ready: the engine takes new work; written and read without @lock
	 * (see drm_dep_engine_set_ready())
	 */
	bool ready;
	/** @hw_jobs: jobs on the hardware, oldest first */
	struct list_head hw_jobs;
	/** @credit_limit: credits the hardware accepts; set at init */
	u32 credit_limit;
	/** @credits: credits of the jobs on @hw_jobs */
	u32 credits;
	/** @stop_count: submission is stopped while non-zero */
	unsigned int stop_count;
	/**
	 * @running: queue whose job a worker or bypass pusher is running;
	 * set under @lock, cleared without it (see drm_dep_engine_busy())
	 */
	struct drm_dep_queue *running;
	/**
	 * @deferred: the submit worker found @running set and left its work
	 * to that run_job()'s end; written under @lock, read without it
	 */
	bool deferred;
	/**
	 * @checking: the submit worker is looking at the dependencies of a
	 * head job without @lock; a bypass pusher leaves the engine to it
	 */
	bool checking;
	/** @signalling: someone is signalling @signal_jobs */
	bool signalling;
	/** @signal_jobs: done jobs whose finished fences signal next, in order */
	struct list_head signal_jobs;
	/** @credit_wait: the worker stopped on missing credits */
	bool credit_wait;
	/**
	 * @fault: drm_dep_engine_fault() asked for the timeout handler of
	 * the oldest job on the hardware; cleared when that job completes
	 */
	bool fault;
	/** @idle_wq: woken when @running drops; used by stop */
	wait_queue_head_t idle_wq;
	/** @timeout: job timeout in jiffies; set at init */
	long timeout;
	/** @tdr_start: when the oldest hardware job became the oldest */
	unsigned long tdr_start;
	/**
	 * @tdr_held: the driver suspended the timeout with
	 * drm_dep_engine_suspend_timeout(); cleared when @hw_jobs empties
	 */
	bool tdr_held;
	/** @hw_retired: jobs that left @hw_jobs, which only loses its head */
	u32 hw_retired;
	/** @tdr_held_at: @hw_retired when @tdr_held was set */
	u32 tdr_held_at;
	/**
	 * @tdr_measured: the time a suspend returned is pending for the
	 * resume, which applies it only if @hw_retired is still @tdr_held_at
	 */
	bool tdr_measured;
	/** @name: name of a shared engine, NULL for a private one; set at init */
	const char *name;
	/**
	 * @wq: ordered workqueue for the workers below, @tdr_work unless
	 * @tdr_wq is another; set at init
	 */
	struct workqueue_struct *wq;
	/**
	 * @tdr_wq: workqueue of @tdr_work: the driver's timeout workqueue,
	 * or @wq; set at init
	 */
	struct workqueue_struct *tdr_wq;
	/** @own_wq: @wq was allocated by drm_dep; set at init */
	bool own_wq;
	/** @run_work: the submit worker */
	struct work_struct run_work;
	/** @tdr_work: the timeout handler of the oldest hardware job */
	struct delayed_work tdr_work;
	/** @retired: jobs whose queue reference the retire worker drops */
	struct llist_head retired;
	/** @retire_work: drops the queue references of @retired */
	struct work_struct retire_work;
};

/**
 * struct drm_dep_engine_args - arguments of drm_dep_engine_init()
 * @name: engine name, copied; it names the engine's own workqueue.
 * @submit_wq: an ordered workqueue for the submit worker, the retire
 *	worker and, without @timeout_wq, the timeout handler, or NULL for
 *	one of the engine's own.
 *	A driver's workqueue must be ordered and should have
 *	%WQ_MEM_RECLAIM.
 * @timeout_wq: a workqueue for the timeout handler instead, or NULL. A
 *	driver whose reset work runs on a workqueue of its own gives that
 *	one, so that timeout handlers and resets never overlap, across
 *	engines too. It should be ordered (handlers that stop each other's
 *	engines otherwise do not wait for each other) and have
 *	%WQ_MEM_RECLAIM, and it must outlive the engine.
 * @timeout: job timeout in jiffies; %MAX_SCHEDULE_TIMEOUT or a value <= 0
 *	mean none. Every queue on an engine with a timeout must have
 *	&drm_dep_queue_ops.timedout_job.
 * @credit_limit: credits the hardware takes at once.
 */
struct drm_dep_engine_args {
	const char *name;
	struct workqueue_struct *submit_wq;
	struct workqueue_struct *timeout_wq;
	long timeout;
	u32 credit_limit;
};

/**
 * struct drm_dep_queue_args - arguments of drm_dep_queue_init()
 * @ops: driver callbacks; @ops->run_job and @ops->free_job are mandatory.
 * @name: queue name, copied; it names the finished fences' timeline. NULL
 *	on shared engines for the name of the first one, as drm_sched's
 *	fences are named after their scheduler.
 * @engines: the shared engines the queue may run on (see DOC: engines),
 *	or NULL for a private engine made from @submit_wq, @timeout and
 *	@credit_limit. The array is copied; the engines must outlive the
 *	queue.
 * @num_engines: entries in @engines; 0 with a private engine.
 * @submit_wq: private engine only: an ordered workqueue for the submit
 *	worker, the retire worker and, without @timeout_wq, the timeout
 *	handler, or NULL for one of the queue's own. A driver's workqueue
 *	must be ordered and should have %WQ_MEM_RECLAIM. Must be NULL with
 *	@engines.
 * @timeout_wq: private engine only: a workqueue for the timeout handler
 *	instead (see &drm_dep_engine_args.timeout_wq), or NULL. Must be NULL
 *	with @engines.
 * @timeout: private engine only: job timeout in jiffies;
 *	%MAX_SCHEDULE_TIMEOUT, a value <= 0 or a NULL
 *	&drm_dep_queue_ops.timedout_job mean none. Must be 0 with @engines.
 * @credit_limit: private engine only: credits the hardware takes at once;
 *	each job uses the credits given to drm_dep_job_init(). Must be 0
 *	with @engines.
 * @flags: %DRM_DEP_QUEUE_* flags.
 * @priority: the queue's priority against the other queues of its engines;
 *	only shared engines have other queues. 0 is the highest,
 *	%DRM_DEP_PRIORITY_KERNEL: a driver that gives its clients' queues a
 *	priority gives every queue one.
 */
struct drm_dep_queue_args {
	const struct drm_dep_queue_ops *ops;
	const char *name;
	struct drm_dep_engine **engines;
	unsigned int num_engines;
	struct workqueue_struct *submit_wq;
	struct workqueue_struct *timeout_wq;
	long timeout;
	u32 credit_limit;
	u32 flags;
	enum drm_dep_priority priority;
};

/**
 * struct drm_dep_queue - one submission context
 *
 * Replaces the scheduler and entity pair of drm_sched. Embedded in the
 * driver's queue and initialised by drm_dep_queue_init(). Reference
 * counted: a job holds a reference to its queue from drm_dep_job_init()
 * until the job is released, and the last drm_dep_queue_put() tears the
 * queue down asynchronously. Drivers never touch these fields.
 */
struct drm_dep_queue {
	/** @ops: driver callbacks; set at init */
	const struct drm_dep_queue_ops *ops;
	/** @ref: reference count */
	struct kref ref;
	/**
	 * @engine: the engine this queue submits to now; changes only in
	 * drm_dep_job_arm() while @active is 0, under the locks of both
	 * engines
	 */
	struct drm_dep_engine *engine;
	/** @engines: the shared engines the queue may run on; set at init */
	struct drm_dep_engine **engines;
	/** @num_engines: entries in @engines, 0 with @own_engine; set at init */
	unsigned int num_engines;
	/**
	 * @active: jobs armed and not yet signalled or abandoned; only
	 * counted when @num_engines > 1, to tell when the queue may move
	 */
	atomic_t active;
	/** @own_engine: private engine of a queue without @engines */
	struct drm_dep_engine own_engine;
	/** @engine_link: entry in &drm_dep_engine.queues, under its lock */
	struct list_head engine_link;
	/** @pending: pushed jobs waiting to run, under the engine lock */
	struct list_head pending;
	/** @blocked: the head of @pending waits on a dependency */
	bool blocked;
	/** @killed: drm_dep_queue_kill() was called, under the engine lock */
	bool killed;
	/**
	 * @error: the first error a pushed job of the queue completed with;
	 * set once, with cmpxchg(), before that job's finished fence signals
	 */
	int error;
	/** @stop_count: drm_dep_queue_stop() depth, under the engine lock */
	unsigned int stop_count;
	/** @priority: &enum drm_dep_priority, under the engine lock */
	enum drm_dep_priority priority;
	/** @last_pushed: seqno of the last pushed job, under the engine lock */
	u64 last_pushed;
	/** @credit_limit: the most credits one job may use; set at init */
	u32 credit_limit;
	/**
	 * @seqno: seqno of the last armed job; the driver serialises the
	 * arms of a queue
	 */
	u64 seqno;
	/**
	 * @fence_context: dma-fence context of the finished fences; the
	 * scheduled fences use the next one
	 */
	u64 fence_context;
	/** @timeline: the name, shared with the finished fences */
	struct drm_dep_timeline *timeline;
	/** @flags: %DRM_DEP_QUEUE_* flags; set at init */
	u32 flags;
	/** @teardown_work: frees the queue after the last put */
	struct work_struct teardown_work;
	/**
	 * @fini_done: completed at the end of the teardown for
	 * drm_dep_queue_fini(), which sets it before it drops its reference
	 */
	struct completion *fini_done;
};

/**
 * struct drm_dep_job - one unit of work on a &drm_dep_queue
 *
 * Embedded in the driver's job and initialised by drm_dep_job_init().
 * Reference counted with drm_dep_job_get() and drm_dep_job_put(). Drivers
 * never touch these fields; they read the job's state through the
 * drm_dep_job_*() accessors.
 */
struct drm_dep_job {
	/** @q: the queue; a reference is held from init to release */
	struct drm_dep_queue *q;
	/** @engine: the engine the job was placed on by drm_dep_job_arm() */
	struct drm_dep_engine *engine;
	/** @ref: reference count */
	struct kref ref;
	/** @fence: the finished and scheduled fences, allocated at init */
	struct drm_dep_fence *fence;
	/**
	 * @hw_fence: the fence run_job() returned, owned by the job; NULL
	 * for a job that drm_dep_engine_complete() completes
	 */
	struct dma_fence *hw_fence;
	/** @link: entry in the queue's pending list or the engine's hw list */
	struct list_head link;
	/** @deps: dependencies not yet known to be signalled */
	struct dma_fence **deps;
	/** @num_deps: entries used in @deps */
	unsigned int num_deps;
	/** @max_deps: entries allocated in @deps */
	unsigned int max_deps;
	/** @resvs: reservation objects already walked, with their usage */
	struct drm_dep_resv_walk *resvs;
	/** @num_resvs: entries in @resvs */
	unsigned int num_resvs;
	/** @dep_wait: the dependency @dep_cb is registered on, or NULL */
	struct dma_fence *dep_wait;
	/** @dep_cb: callback on the dependency the worker waits for */
	struct dma_fence_cb dep_cb;
	/** @hw_cb: callback on @hw_fence */
	struct dma_fence_cb hw_cb;
	/** @retire_node: entry in &drm_dep_engine.retired */
	struct llist_node retire_node;
	/** @credits: credits this job uses; set at init */
	u32 credits;
	/** @flags: %DRM_DEP_JOB_* flags; set at init */
	u32 flags;
	/** @state: %DRM_DEP_JOB_STATE_* bits */
	unsigned long state;
	/** @error: error the job was cancelled with, read by run_job() */
	int error;
};

int drm_dep_engine_init(struct drm_dep_engine *e,
			const struct drm_dep_engine_args *args);
void drm_dep_engine_fini(struct drm_dep_engine *e);
void drm_dep_engine_stop(struct drm_dep_engine *e);
void drm_dep_engine_start(struct drm_dep_engine *e);
unsigned int drm_dep_engine_complete(struct drm_dep_engine *e, unsigned int n,
				     int error);
void drm_dep_engine_fault(struct drm_dep_engine *e);
unsigned long drm_dep_engine_suspend_timeout(struct drm_dep_engine *e);
void drm_dep_engine_resume_timeout(struct drm_dep_engine *e,
				   unsigned long remaining);
void drm_dep_engine_set_ready(struct drm_dep_engine *e, bool ready);
bool drm_dep_engine_ready(const struct drm_dep_engine *e);

int drm_dep_queue_init(struct drm_dep_queue *q,
		       const struct drm_dep_queue_args *args);
struct drm_dep_queue *drm_dep_queue_get(struct drm_dep_queue *q);
void drm_dep_queue_put(struct drm_dep_queue *q);
void drm_dep_queue_kill(struct drm_dep_queue *q);
void drm_dep_queue_fini(struct drm_dep_queue *q);
void drm_dep_queue_stop(struct drm_dep_queue *q);
void drm_dep_queue_start(struct drm_dep_queue *q);
void drm_dep_queue_flush(struct drm_dep_queue *q);
void drm_dep_queue_set_priority(struct drm_dep_queue *q,
				enum drm_dep_priority priority);
const char *drm_dep_queue_name(const struct drm_dep_queue *q);
int drm_dep_queue_error(const struct drm_dep_queue *q);

int drm_dep_job_init(struct drm_dep_job *job, struct drm_dep_queue *q,
		     u32 credits, u32 flags);
struct drm_dep_job *drm_dep_job_get(struct drm_dep_job *job);
void drm_dep_job_put(struct drm_dep_job *job);
int drm_dep_job_add_dependency(struct drm_dep_job *job,
			       struct dma_fence *fence);
int drm_dep_job_add_sibling_dependency(struct drm_dep_job *job,
				       struct drm_dep_job *sibling);
int drm_dep_job_add_syncobj_dependency(struct drm_dep_job *job,
				       struct drm_file *file, u32 handle,
				       u64 point);
int drm_dep_job_add_resv_dependencies(struct drm_dep_job *job,
				      struct dma_resv *resv,
				      enum dma_resv_usage usage);
int drm_dep_job_add_implicit_dependencies(struct drm_dep_job *job,
					  struct drm_gem_object *obj,
					  bool write);
void drm_dep_job_arm(struct drm_dep_job *job);
void drm_dep_job_push(struct drm_dep_job *job);
struct dma_fence *drm_dep_job_finished_fence(struct drm_dep_job *job);
struct dma_fence *drm_dep_job_scheduled_fence(struct drm_dep_job *job);
int drm_dep_job_error(const struct drm_dep_job *job);
struct dma_fence *drm_dep_job_hw_fence(const struct drm_dep_job *job);
u64 drm_dep_job_seqno(const struct drm_dep_job *job);
struct drm_dep_queue *drm_dep_job_queue(const struct drm_dep_job *job);
struct drm_dep_engine *drm_dep_job_engine(const struct drm_dep_job *job);

struct dma_fence *drm_dep_fence_scheduled(struct dma_fence *fence);

#endif /* _DRM_DEP_H_ */

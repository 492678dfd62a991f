/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Mock hardware for the drm_dep KUnit suites: in-order hardware rings that
 * complete jobs from an hrtimer (hard IRQ), or by hand in manual mode. A
 * mock queue has a ring of its own (private engine), or runs on the rings
 * of shared mock engines.
 */

#ifndef _DRM_DEP_MOCK_H_
#define _DRM_DEP_MOCK_H_

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/dma-fence.h>
#include <linux/hrtimer.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <kunit/test.h>

#include "drm_dep_internal.h"

/* Generous bound for every wait; tests never assert on timing. */
#define DRM_DEP_MOCK_WAIT	(10 * HZ)

/* Most shared engines a mock queue can be bound to. */
#define DRM_DEP_MOCK_MAX_ENGINES	4

/* The line the log scanner pairs with exactly one WARNING. */
#define DRM_DEP_MOCK_EXPECT_WARNING "drm_dep_kunit: expect WARNING\n"

/**
 * enum drm_dep_mock_ret - what the mock's run_job() returns
 * @DRM_DEP_MOCK_RET_HW: a hardware fence the mock engine signals
 * @DRM_DEP_MOCK_RET_NULL: NULL, no hardware work
 * @DRM_DEP_MOCK_RET_ERR: ERR_PTR() of &drm_dep_mock_job.ret_err
 * @DRM_DEP_MOCK_RET_FENCE: a new reference to &drm_dep_mock_job.ret_fence
 *	instead of a hardware fence of the mock engine
 * @DRM_DEP_MOCK_RET_IRQ: %DRM_DEP_JOB_RUNNING: the job runs on the ring
 *	like a %DRM_DEP_MOCK_RET_HW job, without a hardware fence, and the
 *	ring's interrupt reports its end with drm_dep_engine_complete()
 */
enum drm_dep_mock_ret {
	DRM_DEP_MOCK_RET_HW,
	DRM_DEP_MOCK_RET_NULL,
	DRM_DEP_MOCK_RET_ERR,
	DRM_DEP_MOCK_RET_FENCE,
	DRM_DEP_MOCK_RET_IRQ,
};

struct drm_dep_mock_engine;
struct drm_dep_mock_job;

/**
 * enum drm_dep_mock_irq_race - an interrupt arriving inside timedout_job()
 * @DRM_DEP_MOCK_IRQ_NONE: no interrupt during the timeout handler
 * @DRM_DEP_MOCK_IRQ_BEFORE_CLAIM: the engine completes the job just before
 *	the timeout handler tries to claim it
 * @DRM_DEP_MOCK_IRQ_AFTER_CLAIM: the engine completes the job just after
 *	the timeout handler claimed it
 *
 * Makes both outcomes of the interrupt/timeout hand-over happen on
 * purpose rather than by chance.
 */
enum drm_dep_mock_irq_race {
	DRM_DEP_MOCK_IRQ_NONE,
	DRM_DEP_MOCK_IRQ_BEFORE_CLAIM,
	DRM_DEP_MOCK_IRQ_AFTER_CLAIM,
};

/**
 * struct drm_dep_mock_hw_fence - a hardware fence of the mock engine
 * @base: the fence; may outlive the job
 * @lock: its lock
 */
struct drm_dep_mock_hw_fence {
	struct dma_fence base;
	spinlock_t lock; /* the fence's lock */
};

/**
 * struct drm_dep_mock_hw - one in-order mock hardware ring
 * @lock: protects @ring, @resetting, @hw_seqno and job timestamps
 * @ring: jobs on the hardware, oldest first, of every queue using it
 * @timer: completes the head of @ring when its duration has passed
 * @resetting: a reset owns the ring; the timer completes nothing
 * @hw_context: fence context of the hardware fences
 * @hw_seqno: last hardware fence seqno
 * @engine: the shared mock engine that embeds this ring, NULL for the
 *	private ring of a mock queue
 *
 * Embedded in a mock queue with a private engine, or in a
 * &struct drm_dep_mock_engine shared by several queues. A reset takes
 * every job off the ring, whichever queue it belongs to.
 */
struct drm_dep_mock_hw {
	spinlock_t lock; /* @ring, @resetting, @hw_seqno, timestamps */
	struct list_head ring;
	struct hrtimer timer;
	bool resetting;
	u64 hw_context;
	u64 hw_seqno;
	struct drm_dep_mock_engine *engine;
};

/**
 * struct drm_dep_mock_engine - a shared engine with its mock hardware
 * @base: the drm_dep engine
 * @hw: the hardware ring of the engine
 * @runs: run_job() calls for jobs placed on this engine
 * @hw_completions: hardware fences of jobs on @hw signalled by the ring,
 *	a reset or free_job()
 * @timeouts: timedout_job() calls for jobs on this engine
 * @resets: of those, the ones that reset the engine
 * @queues: mock queues bound to the engine whose release callback has not
 *	finished; drm_dep_mock_engine_fini() waits for it to drop to 0
 * @wait: woken whenever a counter moves
 * @name: copy of the engine name
 *
 * Created by drm_dep_mock_engine_new() and finalised and freed by
 * drm_dep_mock_engine_fini(), after every queue bound to it was released.
 */
struct drm_dep_mock_engine {
	struct drm_dep_engine base;
	struct drm_dep_mock_hw hw;
	atomic_t runs;
	atomic_t hw_completions;
	atomic_t timeouts;
	atomic_t resets;
	atomic_t queues;
	wait_queue_head_t wait;
	char name[32];
};

/**
 * struct drm_dep_mock_engine_args - parameters of a mock engine
 * @name: engine name, default "drm_dep_mock_engine"
 * @timeout: jiffies, 0 for none
 * @credit_limit: engine credits, 0 for 1024
 * @own_wq: let drm_dep allocate the submit workqueue instead of using the
 *	test's shared ordered workqueue
 * @timeout_wq: &drm_dep_engine_args.timeout_wq
 */
struct drm_dep_mock_engine_args {
	const char *name;
	long timeout;
	u32 credit_limit;
	bool own_wq;
	struct workqueue_struct *timeout_wq;
};

/**
 * struct drm_dep_mock_group - jobs a driver cancels together
 * @cancelled: set by timedout_job() when it resets the engine for one of
 *	the group's jobs; run_job() then cancels the group's later jobs
 * @cancelled_runs: run_job() calls that returned ERR_PTR(-ECANCELED)
 *	because of @cancelled
 *
 * For example the tasks of one inference: when one of them hangs, the
 * driver gives up on the rest. Owned by the test; it must outlive the
 * run_job() calls of its jobs.
 */
struct drm_dep_mock_group {
	bool cancelled;
	atomic_t cancelled_runs;
};

/**
 * struct drm_dep_mock_stats - live mock objects, for leak checks
 * @jobs: mock jobs allocated and not yet freed
 * @queues: mock queues allocated and not yet released
 * @engines: mock engines allocated and not yet freed
 * @hw_fences: hardware fences initialised and not yet released
 * @ext_fences: external test fences created and not yet released
 * @queues_released: mock queues released since boot
 * @order_errors: sum of &drm_dep_mock_queue.order_errors since boot
 * @double_signals: sum of &drm_dep_mock_queue.double_signals since boot
 * @placement_errors: run_job() calls for a job placed on an engine its
 *	queue is not bound to, or on another engine than the queue's previous
 *	job while that one's finished fence had not signalled, since boot
 * @irq_lost: sum of &drm_dep_mock_queue.irq_lost since boot
 * @clock: counts run_job() calls since boot; the clock of
 *	&drm_dep_mock_job.push_order and &drm_dep_mock_job.run_order
 * @wq: woken whenever one of the counters drops
 */
struct drm_dep_mock_stats {
	atomic_t jobs;
	atomic_t queues;
	atomic_t engines;
	atomic_t hw_fences;
	atomic_t ext_fences;
	atomic_t queues_released;
	atomic_t order_errors;
	atomic_t double_signals;
	atomic_t placement_errors;
	atomic_t irq_lost;
	atomic64_t clock;
	wait_queue_head_t wq;
};

extern struct drm_dep_mock_stats drm_dep_mock_stats;

/**
 * struct drm_dep_mock_queue_args - parameters of a mock queue
 * @name: queue name, default "drm_dep_mock"
 * @engines: shared mock engines to bind the queue to, or NULL for a
 *	private engine with a mock ring of the queue's own
 * @num_engines: entries in @engines, at most %DRM_DEP_MOCK_MAX_ENGINES
 * @timeout: private engine: jiffies, 0 for none (%MAX_SCHEDULE_TIMEOUT);
 *	with @engines passed on as is (must be 0)
 * @credit_limit: private engine: engine credits, 0 for 1024; with
 *	@engines passed on as is (must be 0)
 * @flags: %DRM_DEP_QUEUE_* flags
 * @priority: &drm_dep_queue_args.priority
 * @own_wq: private engine: let drm_dep allocate the submit workqueue
 *	instead of using the test's shared ordered workqueue
 * @no_timedout_job: the queue has no &drm_dep_queue_ops.timedout_job
 * @no_release: the queue has no &drm_dep_queue_ops.release: the test ends
 *	it with drm_dep_mock_queue_fini()
 * @no_name: with @engines, the queue is given no name, so that it takes
 *	the first engine's
 */
struct drm_dep_mock_queue_args {
	const char *name;
	struct drm_dep_mock_engine **engines;
	unsigned int num_engines;
	long timeout;
	u32 credit_limit;
	u32 flags;
	enum drm_dep_priority priority;
	bool own_wq;
	bool no_timedout_job;
	bool no_release;
	bool no_name;
};

/**
 * struct drm_dep_mock_queue - a driver queue on mock hardware
 * @base: the drm_dep queue
 * @ops: the queue's callbacks, the mock's less those @args left out
 * @own_hw: the ring of a queue with a private engine
 * @hw: the ring drm_dep_mock_advance() and drm_dep_mock_hw_reset() act
 *	on: @own_hw, the ring of the one shared engine of the queue, or NULL
 *	for a queue bound to several engines
 * @engines: the shared mock engines the queue is bound to
 * @num_engines: entries in @engines, 0 with a private engine
 * @last_run_fence: with several engines: a reference to the finished
 *	fence of the last job run_job() saw, to check placement
 * @last_run_engine: with several engines: the engine of that job
 * @last_run_seqno: drm_dep seqno of the last job run_job() saw
 * @extend_limit: timedout_job() returns EXTEND this many times, then RESET
 *	(-1: always EXTEND)
 * @reset_signals: timedout_job() signals the hardware fences of the jobs it
 *	takes off the ring with -EIO before it returns RESET, as a driver
 *	that resets synchronously does; otherwise they signal when the jobs
 *	are freed
 * @reset_always: timedout_job() resets and returns RESET even when the
 *	interrupt handler completed the job first
 * @irq_race: where an interrupt hits timedout_job(), see
 *	&enum drm_dep_mock_irq_race
 * @irq_race_completed: jobs that interrupt completed
 * @bad_status: if non-zero, timedout_job() resets the engine as for RESET
 *	but returns this value instead, as a buggy driver would
 * @tdr_gate: if set, timedout_job() waits for it to complete once it has
 *	counted itself in @timeouts, so that a test can act while the
 *	handler runs
 * @tdr_stops_queue: timedout_job() stops and starts its own queue around
 *	the reset, as drm_sched drivers stop their scheduler there
 * @tdr_stops_engine: if set, timedout_job() stops and starts that engine,
 *	as a driver resetting the whole device does
 * @run_hook: optional callback called inside run_job() (lockdep suite)
 * @free_hook: optional callback called inside free_job() (lockdep suite)
 * @hook_data: argument of @run_hook and @free_hook
 * @runs: run_job() calls
 * @cancelled_runs: run_job() calls that saw drm_dep_job_error() != 0
 * @order_errors: run_job() calls whose seqno was not above the previous one
 * @worker_runs: run_job() calls from a workqueue worker
 * @early_runs: run_job() calls before &drm_dep_mock_job.after signalled
 * @hw_completions: hardware fences signalled by the engine or a reset,
 *	and %DRM_DEP_MOCK_RET_IRQ jobs reported done by the ring
 * @double_signals: dma_fence_signal() found a hardware fence signalled
 * @irq_lost: drm_dep_engine_complete() for a job on the ring completed
 *	nothing
 * @timeouts: timedout_job() calls
 * @timeouts_done: timedout_job() calls that returned
 * @timeout_lost: timedout_job() calls that found the job claimed by the IRQ
 * @resets: timedout_job() calls that returned RESET
 * @frees: free_job() calls
 * @frees_in_irq: free_job() calls with in_interrupt()
 * @frees_in_hardirq: free_job() calls with in_hardirq()
 * @wait: woken whenever a counter moves
 * @awaited: drm_dep_mock_queue_put_and_wait() waits for the release and
 *	frees the queue itself
 * @released: &drm_dep_queue_ops.release was called (with @awaited)
 * @name: copy of the queue name
 */
struct drm_dep_mock_queue {
	struct drm_dep_queue base;
	struct drm_dep_queue_ops ops;
	struct drm_dep_mock_hw own_hw;
	struct drm_dep_mock_hw *hw;
	struct drm_dep_mock_engine *engines[DRM_DEP_MOCK_MAX_ENGINES];
	unsigned int num_engines;
	struct dma_fence *last_run_fence;
	struct drm_dep_engine *last_run_engine;
	u64 last_run_seqno;
	int extend_limit;
	bool reset_signals;
	bool reset_always;
	enum drm_dep_mock_irq_race irq_race;
	unsigned int irq_race_completed;
	int bad_status;
	struct completion *tdr_gate;
	bool tdr_stops_queue;
	struct drm_dep_engine *tdr_stops_engine;
	void (*run_hook)(struct drm_dep_mock_job *job, void *data);
	void (*free_hook)(struct drm_dep_mock_job *job, void *data);
	void *hook_data;
	atomic_t runs;
	atomic_t cancelled_runs;
	atomic_t order_errors;
	atomic_t early_runs;
	atomic_t worker_runs;
	atomic_t hw_completions;
	atomic_t double_signals;
	atomic_t irq_lost;
	atomic_t timeouts;
	atomic_t timeouts_done;
	atomic_t timeout_lost;
	atomic_t resets;
	atomic_t frees;
	atomic_t frees_in_irq;
	atomic_t frees_in_hardirq;
	wait_queue_head_t wait;
	bool awaited;
	bool released;
	char name[32];
};

/**
 * struct drm_dep_mock_job - a driver job
 * @base: the drm_dep job
 * @mq: the mock queue; valid while the job holds its queue reference
 * @hw: hardware fence, allocated with the job, initialised by run_job();
 *	the mock keeps a reference to it until free_job()
 * @ring_link: entry in &drm_dep_mock_hw.ring
 * @inflight: the ring the job runs on, NULL once the interrupt handler
 *	or the timeout handler claimed its completion with xchg()
 * @run_hw: the ring of the engine run_job() saw the job on
 * @run_engine: drm_dep_job_engine() seen by run_job()
 * @group: optional group the job belongs to, see
 *	&struct drm_dep_mock_group
 * @push_order: &drm_dep_mock_stats.clock when drm_dep_job_push() returned
 *	in drm_dep_mock_job_push(): jobs with a higher &run_order started
 *	run_job() after this job was pushed
 * @run_order: &drm_dep_mock_stats.clock counted by this job's run_job():
 *	jobs with a higher value ran after it, whatever their queue or engine
 * @finish_at: when the engine completes the job (timed mode)
 * @duration_us: time on the engine; 0 means manual: only advance() ends it
 * @hang: the engine never completes the job by itself
 * @hw_error: error the hardware fence signals with
 * @after: optional fence that must have signalled when run_job() is
 *	called; the job owns a reference, dropped in free_job()
 * @ret: what run_job() returns
 * @ret_err: error for %DRM_DEP_MOCK_RET_ERR
 * @ret_fence: fence for %DRM_DEP_MOCK_RET_FENCE; the test keeps its own
 *	reference until the job ran
 * @hw_signalled: run_job() returns its hardware fence already signalled
 * @hw_used: @hw was initialised
 * @irq_reported: %DRM_DEP_MOCK_RET_IRQ: the ring's interrupt reported the
 *	job done (before the job completed, so that a test holding the job
 *	can tell who completed it)
 * @run_count: run_job() calls for this job
 * @run_error: drm_dep_job_error() seen by run_job()
 * @run_seqno: drm_dep_job_seqno() seen by run_job()
 * @run_task: task that called run_job()
 * @run_in_worker: run_job() ran in a workqueue worker
 * @run_in_irq: run_job() ran with in_interrupt()
 */
struct drm_dep_mock_job {
	struct drm_dep_job base;
	struct drm_dep_mock_queue *mq;
	struct drm_dep_mock_hw_fence *hw;
	struct list_head ring_link;
	struct drm_dep_mock_hw *inflight;
	struct drm_dep_mock_hw *run_hw;
	struct drm_dep_engine *run_engine;
	struct drm_dep_mock_group *group;
	u64 push_order;
	u64 run_order;
	ktime_t finish_at;
	unsigned int duration_us;
	bool hang;
	int hw_error;
	struct dma_fence *after;
	enum drm_dep_mock_ret ret;
	int ret_err;
	struct dma_fence *ret_fence;
	bool hw_signalled;
	bool hw_used;
	bool irq_reported;
	atomic_t run_count;
	int run_error;
	u64 run_seqno;
	struct task_struct *run_task;
	bool run_in_worker;
	bool run_in_irq;
};

/*
 * Provoke a drm_dep warning on purpose: announce it to the log scanner,
 * then check that exactly one drm_dep_warn() fired.
 */
#define DRM_DEP_EXPECT_WARN(test, stmt) do {				\
	int __before = drm_dep_warn_count();				\
									\
	pr_info(DRM_DEP_MOCK_EXPECT_WARNING);				\
	stmt;								\
	KUNIT_EXPECT_EQ(test, drm_dep_warn_count(), __before + 1);	\
} while (0)

static inline struct drm_dep_mock_queue *
to_mock_queue(struct drm_dep_queue *q)
{
	return container_of(q, struct drm_dep_mock_queue, base);
}

static inline struct drm_dep_mock_job *to_mock_job(struct drm_dep_job *job)
{
	return container_of(job, struct drm_dep_mock_job, base);
}

static inline struct drm_dep_mock_engine *
to_mock_engine(struct drm_dep_engine *e)
{
	return container_of(e, struct drm_dep_mock_engine, base);
}

/**
 * struct drm_dep_mock_test - per-test state set up by drm_dep_mock_test_init()
 * @wq: an ordered submit workqueue shared by the test's mock queues, so
 *	that flush_workqueue() proves the submit worker has nothing left to do
 * @jobs: live mock jobs when the test started
 * @queues: live mock queues when the test started
 * @hw_fences: live hardware fences when the test started
 * @ext_fences: live external fences when the test started
 * @engines: live mock engines when the test started
 */
struct drm_dep_mock_test {
	struct workqueue_struct *wq;
	int jobs;
	int queues;
	int hw_fences;
	int ext_fences;
	int engines;
};

int drm_dep_mock_test_init(struct kunit *test);
void drm_dep_mock_test_exit(struct kunit *test);
void drm_dep_mock_test_exit_nolockdep(struct kunit *test);
void drm_dep_mock_flush(struct kunit *test);

struct drm_dep_mock_queue *
drm_dep_mock_queue_new(struct kunit *test,
		       const struct drm_dep_mock_queue_args *args);
void drm_dep_mock_queue_put(struct drm_dep_mock_queue *mq);
bool drm_dep_mock_queue_put_and_wait(struct drm_dep_mock_queue *mq);
bool drm_dep_mock_queue_fini(struct drm_dep_mock_queue *mq);
unsigned int drm_dep_mock_advance(struct drm_dep_mock_queue *mq,
				  unsigned int n);
unsigned int drm_dep_mock_hw_reset(struct drm_dep_mock_queue *mq, int error);
unsigned int drm_dep_mock_ring_count(struct drm_dep_mock_queue *mq);
bool drm_dep_mock_wait_runs(struct drm_dep_mock_queue *mq, int runs);
bool drm_dep_mock_wait_frees(struct drm_dep_mock_queue *mq, int frees);
bool drm_dep_mock_wait_timeouts_done(struct drm_dep_mock_queue *mq, int n);

struct drm_dep_mock_engine *
drm_dep_mock_engine_new(struct kunit *test,
			const struct drm_dep_mock_engine_args *args);
void drm_dep_mock_engine_fini(struct kunit *test,
			      struct drm_dep_mock_engine *me);
void drm_dep_mock_engine_free(struct kunit *test,
			      struct drm_dep_mock_engine *me);
struct drm_dep_mock_engine *drm_dep_mock_shared(struct kunit *test,
						const char *name,
						u32 credit_limit, long timeout);
struct drm_dep_mock_queue *
drm_dep_mock_bound_queue(struct kunit *test, const char *name,
			 struct drm_dep_mock_engine **me, unsigned int n,
			 u32 flags);
struct drm_dep_mock_queue *
drm_dep_mock_queue_on(struct kunit *test, const char *name,
		      struct drm_dep_mock_engine *me, u32 flags);
void drm_dep_mock_teardown(struct kunit *test, struct drm_dep_mock_queue **mq,
			   unsigned int nq, struct drm_dep_mock_engine **me,
			   unsigned int ne);
unsigned int drm_dep_mock_engine_advance(struct drm_dep_mock_engine *me,
					 unsigned int n);
unsigned int drm_dep_mock_engine_ring_count(struct drm_dep_mock_engine *me);
bool drm_dep_mock_engine_wait_runs(struct drm_dep_mock_engine *me, int runs);

struct drm_dep_mock_job *drm_dep_mock_job_alloc(void);
void drm_dep_mock_job_free_unused(struct drm_dep_mock_job *job);
struct drm_dep_mock_job *drm_dep_mock_job_new(struct kunit *test,
					      struct drm_dep_mock_queue *mq,
					      u32 credits, u32 flags);
struct dma_fence *drm_dep_mock_job_submit(struct drm_dep_mock_job *job);
struct dma_fence *drm_dep_mock_job_push(struct drm_dep_mock_job *job);
void drm_dep_mock_job_put(struct drm_dep_mock_job *job);

struct dma_fence *drm_dep_mock_submit_after(struct kunit *test,
					    struct drm_dep_mock_job *job,
					    struct dma_fence *dep);
struct dma_fence *drm_dep_mock_submit_wait(struct kunit *test,
					   struct drm_dep_mock_job *job);
void drm_dep_mock_submit_expect(struct kunit *test,
				struct drm_dep_mock_job *job, int status);
void drm_dep_mock_submit_many(struct kunit *test,
			      struct drm_dep_mock_queue *mq,
			      struct dma_fence **fences, unsigned int n,
			      unsigned int duration_us);

/* Make @job wait for @fence; the caller keeps its own reference. */
static inline int drm_dep_mock_add_dep(struct drm_dep_mock_job *job,
				       struct dma_fence *fence)
{
	return drm_dep_job_add_dependency(&job->base, dma_fence_get(fence));
}

struct dma_fence *drm_dep_mock_fence_new(u64 context, u64 seqno,
					 bool seqno64);
struct dma_fence *drm_dep_mock_dep_new(struct kunit *test);
bool drm_dep_mock_fence_wait(struct dma_fence *fence);
void drm_dep_mock_fence_signal(struct dma_fence *fence, int error);
void drm_dep_mock_expect_fence_put(struct kunit *test,
				   struct dma_fence *fence, int status);
void drm_dep_mock_expect_fences_put(struct kunit *test,
				    struct dma_fence **fences, unsigned int n,
				    int status);

#endif /* _DRM_DEP_MOCK_H_ */

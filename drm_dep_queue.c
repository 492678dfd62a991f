// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 */

/**
 * DOC: overview
 *
 * drm_dep is a dependency job queue for DRM and accel drivers. A
 * &struct drm_dep_queue is one submission context: it replaces the pair of
 * &struct drm_gpu_scheduler and &struct drm_sched_entity of drm_sched with
 * one reference-counted object. Jobs (&struct drm_dep_job) wait for their
 * dma-fence dependencies, run in the order they were armed, and complete
 * through a finished fence that signals when the job's hardware fence
 * does.
 *
 * Submission has two halves. The queue holds the jobs pushed and not yet
 * run, in order. The engine (&struct drm_dep_engine) is one hardware ring
 * or slot: its credits, the jobs on the hardware, the submit worker and the
 * timeout handler. A queue created without engines has a private engine,
 * the 1:1 case of firmware-scheduled hardware; several queues may also
 * share engines (see DOC: engines).
 *
 * Lifetimes are references: a job holds its queue from drm_dep_job_init()
 * until the job is released, and the queue holds the job from
 * drm_dep_job_push() until the job retires. The last drm_dep_queue_put()
 * therefore comes after every job was released, and the queue is torn down
 * from a workqueue.
 */

#include <linux/export.h>
#include <linux/module.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>

#include "drm_dep_internal.h"

atomic_t drm_dep_warnings = ATOMIC_INIT(0);

/**
 * drm_dep_warn_count() - how many driver bugs drm_dep warned about
 *
 * Return: the number of drm_dep_warn() warnings since boot.
 */
int drm_dep_warn_count(void)
{
	return atomic_read(&drm_dep_warnings);
}
EXPORT_SYMBOL_IF_KUNIT(drm_dep_warn_count);

static void drm_dep_queue_teardown_work(struct work_struct *work);

/* Put @q on @e's round; @e is @q's engine from here on. */
static void drm_dep_queue_link(struct drm_dep_queue *q,
			       struct drm_dep_engine *e)
{
	bool was = drm_dep_engine_tdr_suspended(e);

	WRITE_ONCE(q->engine, e);
	list_add_tail(&q->engine_link, &e->queues);
	WRITE_ONCE(e->nr_queues, e->nr_queues + 1);
	if (q->stop_count)
		e->stopped_queues++;
	drm_dep_engine_update_tdr(e, was);
}

/* Take @q off its engine's round. */
static void drm_dep_queue_unlink(struct drm_dep_queue *q)
{
	struct drm_dep_engine *e = q->engine;
	bool was = drm_dep_engine_tdr_suspended(e);

	list_del(&q->engine_link);
	WRITE_ONCE(e->nr_queues, e->nr_queues - 1);
	if (q->stop_count)
		e->stopped_queues--;
	drm_dep_engine_update_tdr(e, was);
}

static void drm_dep_queue_attach(struct drm_dep_queue *q,
				 struct drm_dep_engine *e)
{
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	drm_dep_queue_link(q, e);
	spin_unlock_irqrestore(&e->lock, flags);
}

static void drm_dep_queue_detach(struct drm_dep_queue *q)
{
	struct drm_dep_engine *e = q->engine;
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	drm_dep_queue_unlink(q);
	spin_unlock_irqrestore(&e->lock, flags);
}

/*
 * The least-loaded of @q's engines: ready ones first (see DOC: engines),
 * then fewest jobs armed and not completed, then fewest other queues, then
 * @q's current engine, then the first in the array. The figures are read
 * without locks: a hint, not a promise.
 */
static struct drm_dep_engine *drm_dep_queue_pick_engine(struct drm_dep_queue *q)
{
	struct drm_dep_engine *best = NULL;
	unsigned int i, best_queues = 0;
	bool best_ready = false;
	int best_load = 0;

	for (i = 0; i < q->num_engines; i++) {
		struct drm_dep_engine *e = q->engines[i];
		bool ready = drm_dep_engine_ready(e);
		int load = atomic_read(&e->load);
		unsigned int queues = READ_ONCE(e->nr_queues) - (e == q->engine);

		if (best) {
			if (ready != best_ready) {
				if (!ready)
					continue;
			} else if (load != best_load) {
				if (load > best_load)
					continue;
			} else if (queues != best_queues) {
				if (queues > best_queues)
					continue;
			} else if (e != q->engine) {
				continue;
			}
		}
		best = e;
		best_ready = ready;
		best_load = load;
		best_queues = queues;
	}

	return best;
}

/*
 * Whether @q takes new jobs: a queue with one engine always does, one
 * bound to several while one of them is ready (see DOC: engines).
 */
bool drm_dep_queue_can_run(const struct drm_dep_queue *q)
{
	unsigned int i;

	if (q->num_engines < 2)
		return true;
	for (i = 0; i < q->num_engines; i++) {
		if (drm_dep_engine_ready(q->engines[i]))
			return true;
	}
	return false;
}

/*
 * Move an idle queue to its least-loaded engine. Nothing of the queue is
 * in flight, so only the rounds of the two engines and the functions that
 * find the queue's engine by drm_dep_queue_lock_engine() see the move.
 * Both locks are held, taken in address order, so that whoever holds
 * either lock sees the queue on one engine or the other, never between.
 * Nowhere else are two engine locks held together.
 */
static void drm_dep_queue_move(struct drm_dep_queue *q)
{
	struct drm_dep_engine *old = q->engine;
	struct drm_dep_engine *e = drm_dep_queue_pick_engine(q);
	struct drm_dep_engine *first = min(old, e), *second = max(old, e);
	unsigned long flags;

	if (e == old)
		return;

	spin_lock_irqsave(&first->lock, flags);
	spin_lock_nested(&second->lock, SINGLE_DEPTH_NESTING);
	drm_dep_queue_unlink(q);
	drm_dep_queue_link(q, e);
	spin_unlock(&second->lock);
	spin_unlock_irqrestore(&first->lock, flags);
}

/*
 * Lock the engine @q is on, following a concurrent move. Returns the
 * engine, locked with interrupts disabled.
 */
static struct drm_dep_engine *drm_dep_queue_lock_engine(struct drm_dep_queue *q,
							unsigned long *flags)
	__acquires(&q->engine->lock)
{
	struct drm_dep_engine *e;

	for (;;) {
		e = READ_ONCE(q->engine);
		spin_lock_irqsave(&e->lock, *flags);
		if (e == q->engine)
			return e;
		spin_unlock_irqrestore(&e->lock, *flags);
	}
}

static int drm_dep_queue_check_args(const struct drm_dep_queue_args *args)
{
	const struct drm_dep_queue_ops *ops = args->ops;
	unsigned int i, j;

	if (!ops || !ops->run_job || !ops->free_job ||
	    (unsigned int)args->priority >= DRM_DEP_PRIORITY_COUNT)
		return -EINVAL;
	if (!args->num_engines)
		return args->engines || !args->credit_limit || !args->name ?
		       -EINVAL : 0;
	if (!args->engines || args->submit_wq || args->timeout_wq ||
	    args->timeout || args->credit_limit)
		return -EINVAL;

	for (i = 0; i < args->num_engines; i++) {
		const struct drm_dep_engine *e = args->engines[i];

		if (!e || (drm_dep_engine_has_timeout(e) && !ops->timedout_job))
			return -EINVAL;
		for (j = 0; j < i; j++) {
			if (args->engines[j] == e)
				return -EINVAL;
		}
	}
	return 0;
}

/* Bind @q to its shared engines and place it on the least loaded. */
static int drm_dep_queue_bind(struct drm_dep_queue *q,
			      const struct drm_dep_queue_args *args)
{
	unsigned long flags;
	unsigned int i;

	q->engines = kmemdup_array(args->engines, args->num_engines,
				   sizeof(*args->engines), GFP_KERNEL);
	if (!q->engines)
		return -ENOMEM;
	q->num_engines = args->num_engines;

	q->credit_limit = U32_MAX;
	for (i = 0; i < q->num_engines; i++) {
		struct drm_dep_engine *e = q->engines[i];

		spin_lock_irqsave(&e->lock, flags);
		e->bound++;
		spin_unlock_irqrestore(&e->lock, flags);
		q->credit_limit = min(q->credit_limit, e->credit_limit);
	}

	drm_dep_queue_attach(q, drm_dep_queue_pick_engine(q));
	return 0;
}

/*
 * Place an armed job on an engine. A queue bound to several engines moves
 * to the least-loaded one when nothing of it is in flight, so that jobs
 * armed together never split across engines.
 */
void drm_dep_queue_place_job(struct drm_dep_queue *q, struct drm_dep_job *job)
{
	if (!q->num_engines) {
		job->engine = q->engine;
		return;
	}
	if (q->num_engines > 1 && atomic_inc_return(&q->active) == 1)
		drm_dep_queue_move(q);

	job->engine = q->engine;
	atomic_inc(&job->engine->load);
}

/* Undo drm_dep_queue_place_job() for a job abandoned before push. */
void drm_dep_queue_unplace_job(struct drm_dep_queue *q,
			       struct drm_dep_job *job)
{
	if (q->num_engines)
		atomic_dec(&job->engine->load);
	if (q->num_engines > 1)
		atomic_dec(&q->active);
}

/* The seqno of the last job pushed to @q. */
u64 drm_dep_queue_last_pushed(struct drm_dep_queue *q)
{
	struct drm_dep_engine *e;
	unsigned long flags;
	u64 seqno;

	e = drm_dep_queue_lock_engine(q, &flags);
	seqno = q->last_pushed;
	spin_unlock_irqrestore(&e->lock, flags);

	return seqno;
}

/**
 * drm_dep_queue_init() - initialise a queue
 * @q: the queue, embedded in the driver's queue
 * @args: its arguments
 *
 * Initialises @q with one reference, owned by the caller. Without
 * @args->engines the queue gets a private engine with @args->credit_limit
 * credits and, unless @args->submit_wq is given, an ordered workqueue of
 * its own. With @args->engines it shares those engines with other queues
 * and is placed on one of them (see DOC: engines); the engines must have a
 * timeout only if the queue has &drm_dep_queue_ops.timedout_job.
 *
 * Context: Process context; may sleep (allocates with GFP_KERNEL).
 * Return: 0, -EINVAL for missing mandatory or conflicting arguments, or
 * -ENOMEM.
 */
int drm_dep_queue_init(struct drm_dep_queue *q,
		       const struct drm_dep_queue_args *args)
{
	int ret;

	ret = drm_dep_queue_check_args(args);
	if (ret)
		return ret;

	memset(q, 0, sizeof(*q));
	q->ops = args->ops;
	q->flags = args->flags;
	q->priority = args->priority;
	kref_init(&q->ref);
	INIT_LIST_HEAD(&q->pending);
	atomic_set(&q->active, 0);
	INIT_WORK(&q->teardown_work, drm_dep_queue_teardown_work);

	q->timeline = drm_dep_timeline_create(args->name ?:
					      args->engines[0]->name);
	if (!q->timeline)
		return -ENOMEM;

	if (args->num_engines) {
		ret = drm_dep_queue_bind(q, args);
	} else {
		q->credit_limit = args->credit_limit;
		ret = drm_dep_engine_setup(&q->own_engine, args->name,
					   args->submit_wq, args->timeout_wq,
					   args->ops->timedout_job ?
					   args->timeout : 0,
					   args->credit_limit);
		if (!ret)
			drm_dep_queue_attach(q, &q->own_engine);
	}
	if (ret) {
		drm_dep_timeline_put(q->timeline);
		return ret;
	}

	/* The finished fences, then the scheduled fences. */
	q->fence_context = dma_fence_context_alloc(2);
	return 0;
}
EXPORT_SYMBOL(drm_dep_queue_init);

/**
 * drm_dep_queue_get() - take a reference to a queue
 * @q: the queue
 *
 * Context: Any context.
 * Return: @q.
 */
struct drm_dep_queue *drm_dep_queue_get(struct drm_dep_queue *q)
{
	kref_get(&q->ref);
	return q;
}
EXPORT_SYMBOL(drm_dep_queue_get);

static void drm_dep_queue_teardown_work(struct work_struct *work)
{
	struct drm_dep_queue *q =
		container_of(work, struct drm_dep_queue, teardown_work);
	struct drm_dep_engine **engines = q->engines;
	unsigned int i, num_engines = q->num_engines;
	struct drm_dep_timeline *tl = q->timeline;
	struct completion *done = q->fini_done;
	unsigned long flags;

	drm_dep_queue_detach(q);

	if (!num_engines)
		drm_dep_engine_cleanup(&q->own_engine);

	if (q->ops->release)
		q->ops->release(q);
	else
		drm_dep_warn(!done,
			     "%s: last reference dropped without fini, and no release\n",
			     drm_dep_timeline_name(tl));

	/*
	 * Unbound after release, which may free @q: drm_dep_engine_fini() of
	 * the driver's remove() returns once every release is over.
	 */
	for (i = 0; i < num_engines; i++) {
		struct drm_dep_engine *e = engines[i];
		bool last;

		spin_lock_irqsave(&e->lock, flags);
		last = !--e->bound;
		spin_unlock_irqrestore(&e->lock, flags);
		/* drm_dep_engine_fini() may free @e once it sees 0. */
		if (last) {
			/* The wake looks for waiters without a lock. */
			smp_mb();
			wake_up_var(&e->bound);
		}
	}
	kfree(engines);
	/* After release, which may still ask for the queue's name. */
	drm_dep_timeline_put(tl);
	/* The last touch: drm_dep_queue_fini() may free @q once it returns. */
	if (done)
		complete(done);
}

#ifdef CONFIG_LOCKDEP
static struct lockdep_map drm_dep_free_job_map = {
	.name = "drm_dep_free_job",
};
#endif

/**
 * drm_dep_queue_free_job() - call the driver's free_job() for a job of @q
 * @q: the queue
 * @job: the job
 *
 * drm_dep_queue_fini() waits for the free_job() of every job of the queue,
 * as flush_work() waits for a work item: lockdep learns both, so that a
 * free_job() that leads to drm_dep_queue_fini(), or takes a lock held
 * around it, is reported. free_job() holds the map shared, as the
 * signalling side of dma-fence's map is, so that one free_job() may lead
 * to another; fini takes it exclusively. One map serves every queue: a
 * lock held around the fini of one queue and taken by the free_job() of
 * another is reported too. A queue with %DRM_DEP_QUEUE_IRQ_SAFE_RELEASE
 * may free jobs in interrupt context, which lockdep would take for an
 * IRQ-unsafe use of the map, and is not annotated.
 */
void drm_dep_queue_free_job(struct drm_dep_queue *q, struct drm_dep_job *job)
{
	bool annotate = !(q->flags & DRM_DEP_QUEUE_IRQ_SAFE_RELEASE);

	/* Shared: a free_job() may drop the last reference of another job. */
	if (annotate)
		lock_map_acquire_read(&drm_dep_free_job_map);
	q->ops->free_job(job);
	if (annotate)
		lock_map_release(&drm_dep_free_job_map);
}

static void drm_dep_queue_release(struct kref *ref)
{
	struct drm_dep_queue *q = container_of(ref, struct drm_dep_queue, ref);

	queue_work(system_wq, &q->teardown_work);
}

/**
 * drm_dep_queue_put() - drop a reference to a queue
 * @q: the queue, or NULL
 *
 * Every job holds a reference to its queue, so the last reference goes
 * after every job was released. The queue is then torn down from a
 * workqueue, which ends with &drm_dep_queue_ops.release, or returns from
 * drm_dep_queue_fini() if that dropped the last reference: until then the
 * queue's memory, its ops and a driver-supplied submit or timeout
 * workqueue stay valid. Finished fences of the queue's jobs may outlive it. A queue on
 * shared engines leaves them before release; other queues on them carry
 * on.
 *
 * Context: Any context.
 */
void drm_dep_queue_put(struct drm_dep_queue *q)
{
	int old;

	if (!q)
		return;
	if (__refcount_dec_and_test(&q->ref.refcount, &old)) {
		drm_dep_queue_release(&q->ref);
		return;
	}
	/*
	 * drm_dep_queue_fini() may wait for the count to drop to its own
	 * reference. The wake reads nothing of @q, which that waiter may
	 * free once it has run.
	 */
	if (old == 2) {
		/*
		 * fini is the only waiter on &q->ref. Order the decrement
		 * before the wake's lockless look for waiters; pairs with the
		 * barrier in prepare_to_wait_event().
		 */
		smp_mb__after_atomic();
		wake_up_var(&q->ref);
	}
}
EXPORT_SYMBOL(drm_dep_queue_put);

/**
 * drm_dep_queue_kill() - cancel a queue's pending jobs and refuse new ones
 * @q: the queue
 *
 * Jobs pushed and not yet run are cancelled with -ECANCELED: run_job() is
 * still called for each of them, in order, once its dependencies have
 * signalled (they may still be writing buffers the job uses), sees the
 * error in drm_dep_job_error() and must skip the hardware; their finished
 * fences signal -ECANCELED. A killed queue waiting on a dependency does
 * not hold up the other queues of its engine. Jobs already on the
 * hardware are left to complete. drm_dep_job_init() fails with -ENODEV
 * afterwards, and a job pushed afterwards warns and is cancelled the same
 * way: the driver serialises kill with its submissions to the queue.
 * Cancelled jobs still take their turn for credits and are held while the
 * queue is stopped, so a queue whose hardware hangs drains only through
 * its timeout or a reset. A killed queue takes the highest priority,
 * %DRM_DEP_PRIORITY_KERNEL, for good: its cancelled jobs, which leave the
 * hardware alone, are not held up by busy queues of a higher priority
 * than it had, and take turns with the other queues of the highest one.
 * A killed queue is then typically released with drm_dep_queue_put(), or
 * ended with drm_dep_queue_fini(). Other queues on the same engine keep
 * running; those of a lower priority than the queue had may wait while
 * its cancelled jobs go.
 *
 * Context: Any context.
 */
void drm_dep_queue_kill(struct drm_dep_queue *q)
{
	struct drm_dep_engine *e;
	unsigned long flags;

	e = drm_dep_queue_lock_engine(q, &flags);
	WRITE_ONCE(q->killed, true);
	/*
	 * Cancelled jobs leave the hardware alone: they go first, so that a
	 * killed queue drains even behind busy queues of a higher priority.
	 */
	q->priority = DRM_DEP_PRIORITY_KERNEL;
	spin_unlock_irqrestore(&e->lock, flags);
}
EXPORT_SYMBOL(drm_dep_queue_kill);

/*
 * The caller is being killed: drm_sched_entity_flush() stops waiting for
 * a dying process's queued jobs in the same case.
 */
static bool drm_dep_caller_dying(void)
{
	return fatal_signal_pending(current) ||
	       ((current->flags & PF_EXITING) &&
		current->exit_code == SIGKILL);
}

/* How long an exiting process lets its queued jobs run: drm_sched's. */
#define DRM_DEP_EXIT_GRACE	HZ

/*
 * Wait, holding a reference, until the queue's jobs let go of it; false
 * if the caller is killed meanwhile, or exits and the grace is over: an
 * exiting task cannot be killed any more.
 */
static bool drm_dep_queue_wait_jobs(struct drm_dep_queue *q)
{
	if (current->flags & PF_EXITING)
		return wait_var_event_timeout(&q->ref, kref_read(&q->ref) == 1,
					      DRM_DEP_EXIT_GRACE) > 0;
	return !wait_var_event_killable(&q->ref, kref_read(&q->ref) == 1);
}

/**
 * drm_dep_queue_fini() - drop the last reference and wait for the teardown
 * @q: the queue; the caller's reference is dropped
 *
 * The synchronous end of a queue whose memory the driver frees itself,
 * as it frees a drm_sched entity after drm_sched_entity_destroy(): when
 * this returns, every job of @q was released, the teardown ran and drm_dep
 * no longer touches @q. A queue ended this way needs no
 * &drm_dep_queue_ops.release; one it has runs first, and must then not
 * free @q.
 *
 * Jobs already pushed still run and complete as usual while the caller
 * waits for the other references to @q (those of its jobs, and any the
 * driver holds) to go. If the caller is being killed, on entry or during
 * that wait, or is exiting and the jobs took more than a second (as
 * drm_sched_entity_flush() gives an exiting process), the queue is killed
 * as by drm_dep_queue_kill(): its pending jobs are cancelled, and the wait
 * goes on, uninterruptibly, for the jobs on the hardware and the
 * dependencies of the cancelled ones. The wait
 * therefore lasts as long as the queue's jobs, and a stop of the queue or
 * its engine; only an engine with a timeout bounds their time on the
 * hardware. New jobs must not be initialised on @q meanwhile, and fini is
 * called once per queue.
 *
 * The driver drops its own references to the queue's jobs before, or
 * from another thread: a job it still holds keeps the queue, and this
 * call, waiting. For the same reason &drm_dep_queue_ops.free_job must not
 * lead to drm_dep_queue_fini(), nor take a lock that a caller of
 * drm_dep_queue_fini() holds; lockdep reports both, except for queues with
 * %DRM_DEP_QUEUE_IRQ_SAFE_RELEASE.
 *
 * Context: Process context; may sleep. Not from a callback of a queue on
 * the same engines, nor from their submit or timeout workqueue (a stuck
 * job's reset would queue behind the caller), nor inside a dma-fence
 * signalling section or memory reclaim, nor with a lock held that anything
 * completing the queue's jobs takes (the driver's interrupt handling and
 * reset work included).
 */
void drm_dep_queue_fini(struct drm_dep_queue *q)
{
	DECLARE_COMPLETION_ONSTACK(done);
	bool kill = drm_dep_caller_dying();

	might_sleep();
	/* Waits for free_job(): see drm_dep_queue_free_job(). */
	lock_map_acquire(&drm_dep_free_job_map);
	lock_map_release(&drm_dep_free_job_map);

	/* Ours is the last reference once the queue's jobs are released. */
	if (!kill)
		kill = !drm_dep_queue_wait_jobs(q);
	if (kill)
		drm_dep_queue_kill(q);
	/* The put orders it before the teardown, whoever puts last. */
	q->fini_done = &done;
	drm_dep_queue_put(q);
	wait_for_completion(&done);
}
EXPORT_SYMBOL(drm_dep_queue_fini);

/**
 * drm_dep_queue_set_priority() - change the priority of a queue
 * @q: the queue
 * @priority: its new priority
 *
 * Takes effect from the submit worker's next choice of a job (see DOC:
 * engines, Priorities); jobs already on the hardware are not touched. An
 * invalid @priority warns and is ignored, and so is any priority for a
 * killed queue.
 *
 * Context: Any context.
 */
void drm_dep_queue_set_priority(struct drm_dep_queue *q,
				enum drm_dep_priority priority)
{
	struct drm_dep_engine *e;
	unsigned long flags;

	if (drm_dep_warn((unsigned int)priority >= DRM_DEP_PRIORITY_COUNT,
			 "%s: invalid priority %d\n", drm_dep_queue_name(q),
			 priority))
		return;

	e = drm_dep_queue_lock_engine(q, &flags);
	if (!q->killed)
		q->priority = priority;
	spin_unlock_irqrestore(&e->lock, flags);
}
EXPORT_SYMBOL(drm_dep_queue_set_priority);

/**
 * drm_dep_queue_stop() - stop running jobs of a queue
 * @q: the queue
 *
 * No run_job() is called for @q after this returns, neither by the submit
 * worker nor by a bypass pusher, until the matching drm_dep_queue_start();
 * a run_job() of @q in progress is waited for, and what it wrote is
 * visible to the caller. Other queues on the same engine keep running;
 * drm_dep_engine_stop() stops them all. Jobs may still be pushed, and jobs
 * on the hardware still complete. The engine's timeout keeps running
 * while other queues of the engine do; once every queue of the engine is
 * stopped, no timeout fires until a start. On a queue with a private
 * engine, a timeout handler already running is waited for too, as by
 * drm_dep_engine_stop(); on a shared engine it is not. Stops nest.
 *
 * Context: Process context; may sleep. Not from run_job(). From a
 * timedout_job() it does not wait for timeout handlers.
 */
void drm_dep_queue_stop(struct drm_dep_queue *q)
{
	struct drm_dep_engine *e;
	unsigned long flags;
	bool was;

	e = drm_dep_queue_lock_engine(q, &flags);
	was = drm_dep_engine_tdr_suspended(e);
	if (!q->stop_count++)
		e->stopped_queues++;
	drm_dep_engine_update_tdr(e, was);
	spin_unlock_irqrestore(&e->lock, flags);

	/* What run_job() wrote is visible to the caller once it returns. */
	wait_event(e->idle_wq, smp_load_acquire(&e->running) != q);
	if (e == &q->own_engine)
		drm_dep_engine_sync_tdr(e);
}
EXPORT_SYMBOL(drm_dep_queue_stop);

/**
 * drm_dep_queue_start() - undo one drm_dep_queue_stop()
 * @q: the queue
 *
 * When the last stop is undone, the submit worker runs what is pending,
 * and if every queue of the engine was stopped, the timeout is re-armed, in
 * full, for the oldest job on the hardware.
 *
 * Context: Any context.
 */
void drm_dep_queue_start(struct drm_dep_queue *q)
{
	struct drm_dep_engine *e;
	unsigned long flags;
	bool was, wake;

	e = drm_dep_queue_lock_engine(q, &flags);
	was = drm_dep_engine_tdr_suspended(e);
	if (!drm_dep_warn(!q->stop_count, "%s: start without stop\n",
			  drm_dep_queue_name(q)) && !--q->stop_count)
		e->stopped_queues--;
	wake = !q->stop_count;
	drm_dep_engine_update_tdr(e, was);
	spin_unlock_irqrestore(&e->lock, flags);

	if (wake)
		drm_dep_engine_wake(e);
}
EXPORT_SYMBOL(drm_dep_queue_start);

/**
 * drm_dep_queue_flush() - wait until drm_dep has done what it can for a queue
 * @q: the queue
 *
 * A quiescence point, for a driver and its tests: once this returns, every
 * pushed job of @q (and of the other queues of its engine) that could run
 * when it was called has been passed to run_job(), and every job whose
 * finished fence had signalled has been retired, so that the queue no
 * longer holds it. A pushed job that has not run then waits for something
 * outside drm_dep: a dependency, credits held by jobs on the hardware, or
 * a stop. Jobs pushed while it runs are not covered. It does not wait for
 * the hardware, nor for the teardown of a queue (see drm_dep_engine_fini()
 * and &drm_dep_queue_ops.release), and works whatever workqueue the engine
 * uses; on a queue bound to several engines it flushes them all.
 *
 * Context: Process context; may sleep. Not from a callback of a queue on
 * the same engine, nor from the engine's submit or timeout workqueue.
 */
void drm_dep_queue_flush(struct drm_dep_queue *q)
{
	unsigned int i;

	/* A queue that moved may still have jobs to retire on its last. */
	if (!q->num_engines)
		drm_dep_engine_flush(&q->own_engine);
	for (i = 0; i < q->num_engines; i++)
		drm_dep_engine_flush(q->engines[i]);
}
EXPORT_SYMBOL(drm_dep_queue_flush);

/**
 * drm_dep_queue_name() - a queue's name
 * @q: the queue
 *
 * Context: Any context.
 * Return: the name given to drm_dep_queue_init(), or the name of its first
 * engine if it was given none.
 */
const char *drm_dep_queue_name(const struct drm_dep_queue *q)
{
	return drm_dep_timeline_name(q->timeline);
}
EXPORT_SYMBOL(drm_dep_queue_name);

/**
 * drm_dep_queue_error() - whether a job of a queue failed
 * @q: the queue
 *
 * The first error a pushed job of @q completed with: a hardware error,
 * -ETIMEDOUT or -ECANCELED after a reset, -ECANCELED for a job of a killed
 * queue, or, unless the queue or the job ignores dependency errors, a
 * failed dependency's error. It stays for the life of the queue, whatever
 * the later jobs do: a driver reads it to refuse new work on a context
 * that lost work, and makes a new queue to start again. Jobs abandoned
 * before push do not count. A caller that saw the failed job's finished
 * fence signal, by waiting on it, sees the error.
 *
 * drm_sched_entity_error() returned the error of the last job that
 * started, which amdgpu makes stick by passing it on to the next job in
 * its prepare_job().
 *
 * Context: Any context.
 * Return: 0, or the negative error of the first job of @q that failed.
 */
int drm_dep_queue_error(const struct drm_dep_queue *q)
{
	return READ_ONCE(q->error);
}
EXPORT_SYMBOL(drm_dep_queue_error);

MODULE_DESCRIPTION("DRM dependency job queue");
MODULE_LICENSE("Dual MIT/GPL");

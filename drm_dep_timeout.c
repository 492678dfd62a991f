// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 */

/**
 * DOC: timeouts and resets
 *
 * The oldest job on an engine's hardware has the engine's timeout to
 * complete; the clock restarts each time the oldest job changes. When it
 * expires, or at once when the driver reports a fault on the engine with
 * drm_dep_engine_fault(), drm_dep stops the engine, as
 * drm_dep_engine_stop() does, and calls &drm_dep_queue_ops.timedout_job of
 * the job's queue with that job from the engine's workqueue, or from the
 * timeout workqueue the driver gave (&drm_dep_engine_args.timeout_wq).
 * The driver returns %DRM_DEP_TIMEOUT_EXTEND if the job still progresses,
 * and the timeout is re-armed, or resets the engine and returns
 * %DRM_DEP_TIMEOUT_RESET. Then every job still on the engine's hardware,
 * of any queue, completes at once: the timed-out job with -ETIMEDOUT, the others with -ECANCELED,
 * except a job whose hardware fence had signalled without an error, which
 * completed before the reset. No job is ever run again. Submission
 * restarts when timedout_job() returns.
 *
 * While timedout_job() runs, drm_dep does not listen to the hardware
 * fences of the jobs on the hardware: the driver may signal them (it owns
 * them and must signal them, with an error after a reset) before or after
 * it returns, and the outcome it returns decides. With
 * %DRM_DEP_TIMEOUT_EXTEND, drm_dep listens again, and a job whose fence
 * signalled meanwhile completes then, once.
 *
 * The driver's interrupt handler is not stopped and may complete the same
 * job while timedout_job() looks at it. With hardware fences, the two
 * must hand the job over so that exactly one of them completes it:
 * typically the driver keeps the job it started in a pointer, and both the
 * interrupt handler and the timeout handler claim it with xchg(); whoever
 * gets the job signals its hardware fence, the other sees NULL and leaves
 * it alone. Alternatively the timeout handler disables the interrupt and
 * calls synchronize_irq() before it looks. On the drm_dep side, a hardware
 * fence that signals while timedout_job() runs triggers nothing: the
 * outcome decides, and every job completes once.
 *
 * Without hardware fences (%DRM_DEP_JOB_RUNNING) drm_dep owns the
 * hand-over: a drm_dep_engine_complete() that comes before the reset
 * completes the job, normally, and the reset completes only what is left.
 * The driver masks its interrupt and calls synchronize_irq() before it
 * resets, so that no report of a job that was on the hardware arrives
 * once the engine runs again (see &drm_dep_queue_ops.timedout_job).
 *
 * No timeout runs while submission is stopped entirely: while the engine
 * is stopped, by drm_dep_engine_stop() or for a timeout handler, or while
 * every queue on it is stopped by drm_dep_queue_stop() (for a queue with a
 * private engine, while it is stopped). The start that ends this re-arms
 * the timeout, in full, for the oldest job on the hardware. A driver whose
 * hardware takes an engine's work off for a while without a reset (a
 * firmware scheduler's group losing its slot) stops the clock with
 * drm_dep_engine_suspend_timeout() and restarts it, with the time that
 * was left, with drm_dep_engine_resume_timeout(). Stopping some
 * queues of a shared engine leaves its timeout running: their jobs on the
 * hardware share the ring with the others.
 */

#include <linux/export.h>
#include <linux/workqueue.h>

#include "drm_dep_internal.h"

/*
 * Whether the timeout is suspended: the driver suspended it, or submission
 * is stopped entirely (the engine is stopped, or every queue on it is).
 */
bool drm_dep_engine_tdr_suspended(const struct drm_dep_engine *e)
{
	lockdep_assert_held(&e->lock);

	return e->tdr_held || e->stop_count ||
	       (e->nr_queues && e->stopped_queues == e->nr_queues);
}

/*
 * (Re)start the timeout for the job now oldest on the hardware, or run the
 * handler at once for a fault.
 */
void drm_dep_engine_arm_tdr(struct drm_dep_engine *e)
{
	lockdep_assert_held(&e->lock);

	if (!drm_dep_engine_has_timeout(e) && !e->fault)
		return;
	if (list_empty(&e->hw_jobs) || drm_dep_engine_tdr_suspended(e)) {
		cancel_delayed_work(&e->tdr_work);
		return;
	}
	e->tdr_start = jiffies;
	mod_delayed_work(e->tdr_wq, &e->tdr_work, e->fault ? 0 : e->timeout);
}

/*
 * After a change to what is stopped: suspend the timeout, or re-arm it in
 * full, if whether submission is stopped entirely changed from @was.
 */
void drm_dep_engine_update_tdr(struct drm_dep_engine *e, bool was)
{
	if (drm_dep_engine_tdr_suspended(e) != was)
		drm_dep_engine_arm_tdr(e);
}

/*
 * Wait for the timeout handler of @e if it is running, so that a driver's
 * own reset path never runs alongside it. Called with submission stopped
 * entirely, so that the handler cannot be queued again meanwhile (a
 * pending one is cancelled; the start re-arms it). Not from a timeout
 * handler, of this engine or another: timedout_job() may stop queues and
 * engines, and two handlers waiting for each other would deadlock.
 */
void drm_dep_engine_sync_tdr(struct drm_dep_engine *e)
{
	struct work_struct *work = current_work();

	if (!work || work->func != drm_dep_engine_tdr_work)
		cancel_delayed_work_sync(&e->tdr_work);
}

/*
 * Wait until @e has done what it can without outside events: the submit
 * worker ran everything that could run, no completion is being signalled,
 * and the retire worker dropped the references of every job signalled so
 * far.
 */
/*
 * The oldest job on the hardware that is not done and whose hardware fence
 * callback is @detached (see drm_dep_engine_tdr_work()), with a reference.
 */
static struct drm_dep_job *drm_dep_engine_hw_job(struct drm_dep_engine *e,
						 bool detached)
{
	struct drm_dep_job *job, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	list_for_each_entry(job, &e->hw_jobs, link) {
		if (!test_bit(DRM_DEP_JOB_STATE_DONE, &job->state) &&
		    test_bit(DRM_DEP_JOB_STATE_DETACHED, &job->state) == detached) {
			found = drm_dep_job_get(job);
			break;
		}
	}
	spin_unlock_irqrestore(&e->lock, flags);

	return found;
}

/*
 * The job the timeout is for, with a reference: the oldest on the
 * hardware if it has been so for the whole timeout, or if a fault was
 * reported for it. None if every queue of the engine was stopped
 * meanwhile (a fault then waits for the start), or if the job the timeout
 * was armed for completed just as it fired and the next one only just
 * became the oldest. The timeout is re-armed when submission restarts.
 */
static struct drm_dep_job *drm_dep_engine_expired_job(struct drm_dep_engine *e)
{
	unsigned long flags;
	bool early;

	spin_lock_irqsave(&e->lock, flags);
	if (e->stopped_queues == e->nr_queues || e->tdr_held) {
		early = true;
	} else if (e->fault) {
		e->fault = false;
		early = false;
	} else {
		early = !drm_dep_engine_has_timeout(e) ||
			time_before(jiffies, e->tdr_start + e->timeout);
	}
	spin_unlock_irqrestore(&e->lock, flags);

	return early ? NULL : drm_dep_engine_hw_job(e, false);
}

/*
 * Take drm_dep's callbacks off the hardware fences of the jobs on the
 * hardware, so that what the driver signals while it handles the timeout
 * does not race with the outcome it returns. A callback that already ran
 * completed its job. Jobs without a hardware fence are only marked: a
 * drm_dep_engine_complete() meanwhile still completes them, first come,
 * first served.
 */
static void drm_dep_engine_detach_hw(struct drm_dep_engine *e)
{
	struct drm_dep_job *job;

	while ((job = drm_dep_engine_hw_job(e, false))) {
		if (!job->hw_fence ||
		    dma_fence_remove_callback(job->hw_fence, &job->hw_cb))
			set_bit(DRM_DEP_JOB_STATE_DETACHED, &job->state);
		drm_dep_job_put(job);
	}
}

/*
 * After the timeout handler: wait for the hardware again (@guilty is
 * NULL), or complete every job on the hardware after a reset. A job whose
 * hardware fence signalled without an error completed before the reset;
 * the others complete with -ETIMEDOUT (@guilty) or -ECANCELED.
 */
static void drm_dep_engine_attach_hw(struct drm_dep_engine *e,
				     struct drm_dep_job *guilty)
{
	struct drm_dep_job *job;

	while ((job = drm_dep_engine_hw_job(e, true))) {
		struct dma_fence *hw = job->hw_fence;

		clear_bit(DRM_DEP_JOB_STATE_DETACHED, &job->state);
		if (!guilty) {
			if (hw && dma_fence_add_callback(hw, &job->hw_cb,
							 drm_dep_job_hw_cb))
				drm_dep_engine_job_done(job, hw->error);
		} else if (hw && dma_fence_is_signaled(hw) && !hw->error) {
			drm_dep_engine_job_done(job, 0);
		} else {
			drm_dep_engine_job_done(job, job == guilty ?
						-ETIMEDOUT : -ECANCELED);
		}
		drm_dep_job_put(job);
	}
}

void drm_dep_engine_tdr_work(struct work_struct *work)
{
	struct drm_dep_engine *e =
		container_of(work, struct drm_dep_engine, tdr_work.work);
	enum drm_dep_timeout_status status;
	struct drm_dep_job *job;

	drm_dep_engine_stop(e);

	job = drm_dep_engine_expired_job(e);
	if (job) {
		drm_dep_engine_detach_hw(e);
		/*
		 * It completed meanwhile: there is nothing to handle. A fault
		 * may find a job of a queue without a handler at the head.
		 */
		if (test_bit(DRM_DEP_JOB_STATE_DONE, &job->state) ||
		    drm_dep_warn(!job->q->ops->timedout_job,
				 "%s: fault without a timedout_job()\n",
				 drm_dep_queue_name(job->q))) {
			drm_dep_engine_attach_hw(e, NULL);
			goto start;
		}
		status = job->q->ops->timedout_job(job);
		drm_dep_warn(status != DRM_DEP_TIMEOUT_EXTEND &&
			     status != DRM_DEP_TIMEOUT_RESET,
			     "%s: timedout_job() returned %d\n",
			     drm_dep_queue_name(job->q), status);
		/* The start below re-arms the timeout. */
		drm_dep_engine_attach_hw(e, status == DRM_DEP_TIMEOUT_EXTEND ?
					 NULL : job);
	}
start:
	drm_dep_engine_start(e);
	/* May drop the last reference of a private engine's queue. */
	drm_dep_job_put(job);
}

/**
 * drm_dep_engine_fault() - run the timeout handler now
 * @e: the engine
 *
 * For hardware that reports an error on the job it runs, such as a bus
 * fault or a command stream it cannot parse: &drm_dep_queue_ops.timedout_job
 * is called for the oldest job on @e's hardware right away, from @e's
 * timeout workqueue, instead of when its timeout expires, as drm_sched_fault() does
 * for drm_sched. Everything else is as for a timeout (see DOC: timeouts and
 * resets), and it works on an engine without a timeout too. A fault
 * reported while submission is stopped entirely is handled when it
 * restarts. If the job it was reported for completes before the handler
 * runs (its completion was reported late, say), the handler runs for the
 * job that is then the oldest, and the driver, which knows what its
 * hardware reports, returns %DRM_DEP_TIMEOUT_EXTEND if that one is fine.
 * A fault is forgotten once no job is left on the hardware. The oldest
 * job's queue must have timedout_job(); otherwise this warns.
 *
 * Context: Any context, hard interrupt included.
 */
void drm_dep_engine_fault(struct drm_dep_engine *e)
{
	struct drm_dep_job *job;
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	job = list_first_entry_or_null(&e->hw_jobs, struct drm_dep_job, link);
	if (job && !drm_dep_warn(!job->q->ops->timedout_job,
				 "%s: fault without a timedout_job()\n",
				 drm_dep_queue_name(job->q))) {
		e->fault = true;
		drm_dep_engine_arm_tdr(e);
	}
	spin_unlock_irqrestore(&e->lock, flags);
}
EXPORT_SYMBOL(drm_dep_engine_fault);

/**
 * drm_dep_engine_suspend_timeout() - stop the clock of an engine's timeout
 * @e: the engine
 *
 * For hardware that takes an engine's work off the hardware for a while
 * without a reset, as a firmware scheduler does with a group that loses
 * its slot: the oldest job on @e's hardware does not progress meanwhile,
 * and must not time out. Until drm_dep_engine_resume_timeout(), or until
 * no job is left on @e's hardware, no timeout fires on @e, jobs that
 * reach the hardware do not start the clock, and a drm_dep_engine_fault()
 * waits. An idle engine has nothing to suspend. A handler already running
 * is not waited for. Suspensions do not nest: one resume ends them. A hung
 * job under a suspended timeout is never reset, so a driver resumes what
 * it suspended before it finalises the engine. The counterpart of
 * drm_sched_suspend_timeout(), whose suspension a new job or a completion
 * also ended, by re-arming the timeout in full.
 *
 * Context: Any context, hard interrupt included.
 * Return: the time the oldest job on the hardware had left, in jiffies,
 * for drm_dep_engine_resume_timeout(): 0 if it is overdue; the engine's
 * timeout if the clock was not running (no job on the hardware, no
 * timeout, submission stopped, or the timeout already suspended).
 */
unsigned long drm_dep_engine_suspend_timeout(struct drm_dep_engine *e)
{
	unsigned long flags, left = e->timeout;
	bool was;

	spin_lock_irqsave(&e->lock, flags);
	if (list_empty(&e->hw_jobs))
		goto out;
	was = drm_dep_engine_tdr_suspended(e);
	if (!was && drm_dep_engine_has_timeout(e))
		left = time_before(jiffies, e->tdr_start + e->timeout) ?
		       e->tdr_start + e->timeout - jiffies : 0;
	if (!e->tdr_held) {
		e->tdr_held = true;
		e->tdr_held_at = e->hw_retired;
		e->tdr_measured = true;
	}
	drm_dep_engine_update_tdr(e, was);
out:
	spin_unlock_irqrestore(&e->lock, flags);

	return left;
}
EXPORT_SYMBOL(drm_dep_engine_suspend_timeout);

/**
 * drm_dep_engine_resume_timeout() - restart the clock of an engine's timeout
 * @e: the engine
 * @remaining: the time the oldest job on the hardware has left, in
 *	jiffies: typically what drm_dep_engine_suspend_timeout() returned;
 *	at most the engine's timeout
 *
 * Undoes drm_dep_engine_suspend_timeout(). The oldest job on the
 * hardware times out @remaining from now if it was already the oldest at
 * the suspend; a job that became the oldest meanwhile, or reached the
 * hardware after it emptied, gets the full timeout, as every later one
 * does. While submission is stopped entirely
 * (see DOC: timeouts and resets), a timeout handler's own stop included,
 * the clock stays stopped and the start re-arms it in full. Resuming a
 * timeout that is not suspended re-arms it with @remaining. The
 * counterpart of drm_sched_resume_timeout().
 *
 * Context: Any context, hard interrupt included.
 */
void drm_dep_engine_resume_timeout(struct drm_dep_engine *e,
				   unsigned long remaining)
{
	unsigned long flags;
	bool same;

	spin_lock_irqsave(&e->lock, flags);
	/* Even if the hardware emptied, and so ended the hold, meanwhile. */
	same = !e->tdr_measured || e->tdr_held_at == e->hw_retired;
	e->tdr_measured = false;
	e->tdr_held = false;
	/* A fault fires at once; otherwise the clock is set back. */
	if (same && !drm_dep_engine_tdr_suspended(e) &&
	    !list_empty(&e->hw_jobs) && !e->fault &&
	    drm_dep_engine_has_timeout(e)) {
		remaining = min_t(unsigned long, remaining, e->timeout);
		e->tdr_start = jiffies - (e->timeout - remaining);
		mod_delayed_work(e->tdr_wq, &e->tdr_work, remaining);
	} else {
		drm_dep_engine_arm_tdr(e);
	}
	spin_unlock_irqrestore(&e->lock, flags);
}
EXPORT_SYMBOL(drm_dep_engine_resume_timeout);

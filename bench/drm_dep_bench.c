// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * drm_dep against drm_sched, and against no scheduler at all, on the same
 * simulated hardware in the same boot. Every case runs each implementation
 * in turn, round after round (A, B, C, A, B, C, ...), and prints one line
 * per measurement, starting with "drm_dep_bench: ", that
 * tools/bench-report.py turns into medians, spreads and ratios. Nothing is
 * asserted on a figure: the cases only check that every job completed,
 * without an error, so that a broken run cannot pass for a fast one.
 *
 * The hardware: run_job() puts the job's hardware fence on a ring, and an
 * hrtimer started when the ring was empty signals everything on the ring
 * from its callback (hard interrupt context), like a completion interrupt.
 * Jobs take no time of their own. In the throughput case the interrupt
 * comes a fixed period after the first job (interrupt coalescing), so that
 * the figures are the cost of submission, scheduling and completion, not
 * that of one interrupt per job; the other cases interrupt at once.
 *
 * Implementations:
 *  - sched: drm_sched of the 6.12 tree, one scheduler per ring, one entity
 *    per client, default policy;
 *  - dep: drm_dep without flags;
 *  - dep_bypass: drm_dep with %DRM_DEP_QUEUE_BYPASS;
 *  - dep_bypass_irq: with %DRM_DEP_QUEUE_BYPASS and
 *    %DRM_DEP_QUEUE_IRQ_SAFE_RELEASE;
 *  - dep_nofence: the same, and run_job() returns %DRM_DEP_JOB_RUNNING:
 *    the job has no hardware fence, and the interrupt reports how many
 *    jobs completed with drm_dep_engine_complete();
 *  - floor: the driver's work without a scheduler: the job is allocated,
 *    its "run_job" is called inline and the job is freed from the hardware
 *    fence's callback.
 *
 * Sizes are module parameters; the defaults make a smoke run that
 * make check uses; make bench passes the real sizes.
 */

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/dma-fence.h>
#include <linux/hrtimer.h>
#include <linux/kernel_stat.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/tick.h>
#include <linux/wait_bit.h>

#include <drm/drm_dep.h>
#include <drm/gpu_scheduler.h>

#include <kunit/test.h>

static unsigned int jobs = 500;
module_param(jobs, uint, 0444);
MODULE_PARM_DESC(jobs, "jobs per run of the chain and clients cases");

static unsigned int run_ms = 50;
module_param(run_ms, uint, 0444);
MODULE_PARM_DESC(run_ms, "duration of a run of the submit case, in ms");

static unsigned int irq_us = 1000;
module_param(irq_us, uint, 0444);
MODULE_PARM_DESC(irq_us, "interrupt coalescing period of the submit case, in us");

static unsigned int rounds = 1;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "rounds of every case");

static unsigned int samples = 50;
module_param(samples, uint, 0444);
MODULE_PARM_DESC(samples, "jobs per latency run");

/* Ring depth: never the limit. */
#define BENCH_CREDITS		65536
/*
 * Jobs the submitter of the submit case keeps in flight: far more than one
 * coalescing period's worth, so that the submitter never waits for the
 * simulated hardware and the figures are those of the CPU.
 */
#define BENCH_WINDOW		16384
/* Queues of the dependency-chain case. */
#define BENCH_CHAIN_QUEUES	4
#define BENCH_MAX_QUEUES	32
#define BENCH_WAIT		(60 * HZ)

/* Percentiles printed for the latency plots, in tenths of a percent. */
static const unsigned int bench_pcts[] = {
	0, 50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950, 990, 999, 1000
};

/**
 * struct bench_hw - the simulated ring
 * @lock: protects @ring, @seqno, @running and @sample
 * @ring: hardware fences of the jobs on the ring
 * @running: jobs without a hardware fence on the ring
 * @engine: the drm_dep engine of those jobs
 * @sample: timestamps of the last of those jobs, or NULL
 * @timer: completes everything on the ring
 * @context: fence context of the hardware fences
 * @seqno: last hardware fence seqno
 * @period: delay of the interrupt after the first job on an empty ring
 * @irq_ns: time spent in the interrupt handler: completing jobs, with
 *	whatever the fence callbacks do
 */
struct bench_hw {
	spinlock_t lock; /* @ring, @seqno, @running, @sample */
	struct list_head ring;
	unsigned int running;
	struct drm_dep_engine *engine;
	struct bench_sample *sample;
	struct hrtimer timer;
	u64 context;
	u64 seqno;
	ktime_t period;
	atomic64_t irq_ns;
};

/**
 * struct bench_sample - timestamps of one job of a latency run
 * @push: just before the job was pushed
 * @run: when run_job() was called
 * @hw: just before the hardware fence signalled
 */
struct bench_sample {
	ktime_t push;
	ktime_t run;
	ktime_t hw;
};

/**
 * struct bench_hw_fence - a hardware fence of the simulated ring
 * @base: the fence
 * @lock: its lock
 * @link: entry in &bench_hw.ring
 * @sample: timestamps to fill in, or NULL
 */
struct bench_hw_fence {
	struct dma_fence base;
	spinlock_t lock; /* the fence's lock */
	struct list_head link;
	struct bench_sample *sample;
};

/**
 * struct bench_info - what every implementation's job carries
 * @hw: the ring the job runs on
 * @fence: the job's hardware fence, allocated with the job; NULL for a
 *	job without one
 * @sample: timestamps to fill in, or NULL
 * @run: the run that counts the job
 * @client: index of the job's queue in the run
 */
struct bench_info {
	struct bench_hw *hw;
	struct bench_hw_fence *fence;
	struct bench_sample *sample;
	struct bench_run *run;
	unsigned int client;
};

/**
 * struct bench_run - one measurement
 * @live: jobs allocated and not yet freed
 * @errors: jobs that completed with an error
 * @order: run_job() calls so far
 * @window: run_job() calls counted in @share
 * @share: per client, run_job() calls among the first @window
 */
struct bench_run {
	atomic_t live;
	atomic_t errors;
	atomic_t order;
	unsigned int window;
	atomic_t share[BENCH_MAX_QUEUES];
};

static const char *bench_fence_name(struct dma_fence *fence)
{
	return "drm_dep_bench";
}

static const struct dma_fence_ops bench_hw_fence_ops = {
	.get_driver_name = bench_fence_name,
	.get_timeline_name = bench_fence_name,
};

static enum hrtimer_restart bench_hw_irq(struct hrtimer *timer)
{
	struct bench_hw *hw = container_of(timer, struct bench_hw, timer);
	struct bench_hw_fence *f, *next;
	ktime_t start = ktime_get();
	struct bench_sample *sample;
	unsigned int running;
	unsigned long flags;
	LIST_HEAD(done);

	spin_lock_irqsave(&hw->lock, flags);
	list_splice_init(&hw->ring, &done);
	running = hw->running;
	hw->running = 0;
	sample = hw->sample;
	hw->sample = NULL;
	spin_unlock_irqrestore(&hw->lock, flags);

	list_for_each_entry_safe(f, next, &done, link) {
		if (f->sample)
			f->sample->hw = ktime_get();
		dma_fence_signal(&f->base);
		/* The ring's reference. */
		dma_fence_put(&f->base);
	}
	/* Jobs without a fence: drm_dep knows which they are. */
	if (running) {
		if (sample)
			sample->hw = ktime_get();
		drm_dep_engine_complete(hw->engine, running, 0);
	}
	atomic64_add(ktime_to_ns(ktime_sub(ktime_get(), start)), &hw->irq_ns);
	return HRTIMER_NORESTART;
}

static void bench_hw_init(struct bench_hw *hw, ktime_t period)
{
	spin_lock_init(&hw->lock);
	INIT_LIST_HEAD(&hw->ring);
	hrtimer_init(&hw->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	hw->timer.function = bench_hw_irq;
	hw->context = dma_fence_context_alloc(1);
	hw->seqno = 0;
	hw->period = period;
	atomic64_set(&hw->irq_ns, 0);
}

static void bench_hw_fini(struct bench_hw *hw)
{
	hrtimer_cancel(&hw->timer);
	WARN_ON(!list_empty(&hw->ring) || hw->running);
}

/* What run_job() notes of every job it starts. */
static void bench_hw_count(struct bench_info *info)
{
	struct bench_run *run = info->run;

	if (info->sample)
		info->sample->run = ktime_get();
	if (atomic_inc_return(&run->order) <= run->window)
		atomic_inc(&run->share[info->client]);
}

/* Start a job on the ring: what a driver's run_job() does. */
static struct dma_fence *bench_hw_run(struct bench_info *info)
{
	struct bench_hw_fence *f = info->fence;
	struct bench_hw *hw = info->hw;
	unsigned long flags;
	bool first;

	bench_hw_count(info);
	spin_lock_irqsave(&hw->lock, flags);
	dma_fence_init(&f->base, &bench_hw_fence_ops, &f->lock, hw->context,
		       ++hw->seqno);
	/* One reference for the ring, one for the job, one returned. */
	dma_fence_get(&f->base);
	first = list_empty(&hw->ring);
	list_add_tail(&f->link, &hw->ring);
	if (first)
		hrtimer_start(&hw->timer, hw->period, HRTIMER_MODE_REL);
	spin_unlock_irqrestore(&hw->lock, flags);

	return dma_fence_get(&f->base);
}

/*
 * Start a job without a hardware fence on the ring of @e: the interrupt
 * reports it with drm_dep_engine_complete(). The job may be freed from
 * the interrupt as soon as the lock is dropped.
 */
static void bench_hw_run_nofence(struct bench_info *info,
				 struct drm_dep_engine *e)
{
	struct bench_hw *hw = info->hw;
	unsigned long flags;

	bench_hw_count(info);
	spin_lock_irqsave(&hw->lock, flags);
	hw->engine = e;
	hw->sample = info->sample;
	if (!hw->running++ && list_empty(&hw->ring))
		hrtimer_start(&hw->timer, hw->period, HRTIMER_MODE_REL);
	spin_unlock_irqrestore(&hw->lock, flags);
}

static int bench_info_init(struct bench_info *info, struct bench_hw *hw,
			   struct bench_run *run, unsigned int client,
			   struct bench_sample *sample, bool fence)
{
	if (fence) {
		info->fence = kzalloc(sizeof(*info->fence), GFP_KERNEL);
		if (!info->fence)
			return -ENOMEM;
		spin_lock_init(&info->fence->lock);
		info->fence->sample = sample;
	}
	info->sample = sample;
	info->hw = hw;
	info->run = run;
	info->client = client;
	atomic_inc(&run->live);
	return 0;
}

/* Drop the job's hardware fence; the job is freed right after. */
static void bench_info_fini(struct bench_info *info, int error)
{
	struct bench_run *run = info->run;

	if (error)
		atomic_inc(&run->errors);
	if (info->fence && info->fence->base.ops)
		dma_fence_put(&info->fence->base);
	else
		kfree(info->fence);
	if (atomic_dec_and_test(&run->live))
		wake_up_var(&run->live);
}

/**
 * struct bench_ctx - the queues of one implementation in one run
 * @impl: the implementation
 * @run: the run
 * @period: interrupt coalescing period of the rings
 * @nq: queues in use
 * @hw: one ring per engine
 * @nhw: rings in use
 * @sched: drm_sched: one scheduler per ring
 * @entity: drm_sched: one entity per queue
 * @engine: drm_dep: the shared engine of the clients case
 * @q: drm_dep: the queues
 * @released: drm_dep: queues released
 * @floor_context: floor_fence: fence context of the second fences
 * @floor_seqno: floor_fence: their last seqno
 */
struct bench_ctx {
	const struct bench_impl *impl;
	struct bench_run *run;
	ktime_t period;
	unsigned int nq;
	struct bench_hw hw[BENCH_MAX_QUEUES];
	unsigned int nhw;
	struct drm_gpu_scheduler sched[BENCH_MAX_QUEUES];
	struct drm_sched_entity entity[BENCH_MAX_QUEUES];
	struct drm_dep_engine engine;
	struct bench_dep_queue {
		struct drm_dep_queue base;
		struct bench_ctx *ctx;
	} q[BENCH_MAX_QUEUES];
	atomic_t released;
	u64 floor_context;
	u64 floor_seqno;
};

/**
 * struct bench_impl - one implementation under test
 * @name: its name in the output
 * @flags: %DRM_DEP_QUEUE_* flags of a drm_dep variant
 * @setup: create @ctx->nq queues; on one shared ring if @shared, else
 *	one ring each
 * @submit: submit one job to queue @qi, depending on @dep if not NULL;
 *	returns a reference to the job's finished fence
 * @teardown: wait until every queue and ring is gone
 * @hold: stop running jobs on the shared ring, or NULL
 * @release: undo @hold
 */
struct bench_impl {
	const char *name;
	u32 flags;
	int (*setup)(struct bench_ctx *ctx, bool shared);
	struct dma_fence *(*submit)(struct bench_ctx *ctx, unsigned int qi,
				    struct dma_fence *dep,
				    struct bench_sample *sample);
	void (*teardown)(struct bench_ctx *ctx);
	void (*hold)(struct bench_ctx *ctx);
	void (*release)(struct bench_ctx *ctx);
};

static struct bench_hw *bench_ctx_hw(struct bench_ctx *ctx, unsigned int qi)
{
	return &ctx->hw[ctx->nhw == 1 ? 0 : qi];
}

/*
 * A drm_dep variant whose run_job() returns %DRM_DEP_JOB_RUNNING, so that
 * its jobs have no hardware fence.
 */
#define BENCH_NOFENCE	BIT(30)

/* Allocate a driver job of @size whose &struct bench_info is at @off. */
static void *bench_job_alloc(struct bench_ctx *ctx, size_t size, size_t off,
			     unsigned int qi, struct bench_sample *sample)
{
	void *job = kzalloc(size, GFP_KERNEL);

	if (job && bench_info_init(job + off, bench_ctx_hw(ctx, qi), ctx->run,
				   qi, sample,
				   !(ctx->impl->flags & BENCH_NOFENCE))) {
		kfree(job);
		job = NULL;
	}
	return job;
}

#define bench_job_new(ctx, type, qi, sample) \
	((type *)bench_job_alloc(ctx, sizeof(type), offsetof(type, info), \
				 qi, sample))

/* Free a job that never reached its scheduler. */
static void bench_job_free(void *job, struct bench_info *info)
{
	bench_info_fini(info, -ENOMEM);
	kfree(job);
}

/* drm_sched */

/**
 * struct bench_sched_job - a driver job on drm_sched
 * @base: the drm_sched job
 * @info: the bench's part
 */
struct bench_sched_job {
	struct drm_sched_job base;
	struct bench_info info;
};

static struct dma_fence *bench_sched_run_job(struct drm_sched_job *sj)
{
	struct bench_sched_job *job = container_of(sj, typeof(*job), base);

	if (sj->s_fence->finished.error)
		return NULL;
	return bench_hw_run(&job->info);
}

static enum drm_gpu_sched_stat bench_sched_timedout_job(struct drm_sched_job *sj)
{
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

static void bench_sched_free_job(struct drm_sched_job *sj)
{
	struct bench_sched_job *job = container_of(sj, typeof(*job), base);
	int error = sj->s_fence->finished.error;

	drm_sched_job_cleanup(sj);
	bench_info_fini(&job->info, error);
	kfree(job);
}

static const struct drm_sched_backend_ops bench_sched_ops = {
	.run_job = bench_sched_run_job,
	.timedout_job = bench_sched_timedout_job,
	.free_job = bench_sched_free_job,
};

static int bench_sched_setup(struct bench_ctx *ctx, bool shared)
{
	unsigned int i;
	int ret;

	ctx->nhw = shared ? 1 : ctx->nq;
	for (i = 0; i < ctx->nhw; i++) {
		struct drm_sched_init_args args = {
			.ops = &bench_sched_ops,
			.num_rqs = DRM_SCHED_PRIORITY_COUNT,
			.credit_limit = BENCH_CREDITS,
			.timeout = MAX_SCHEDULE_TIMEOUT,
			.name = "bench_sched",
		};

		bench_hw_init(&ctx->hw[i], ctx->period);
		ret = drm_sched_init(&ctx->sched[i], &args);
		if (ret)
			return ret;
	}
	for (i = 0; i < ctx->nq; i++) {
		struct drm_gpu_scheduler *list[] = {
			&ctx->sched[shared ? 0 : i]
		};

		ret = drm_sched_entity_init(&ctx->entity[i],
					    DRM_SCHED_PRIORITY_NORMAL, list, 1,
					    NULL);
		if (ret)
			return ret;
	}
	return 0;
}

static struct dma_fence *bench_sched_submit(struct bench_ctx *ctx,
					    unsigned int qi,
					    struct dma_fence *dep,
					    struct bench_sample *sample)
{
	struct bench_sched_job *job;
	struct dma_fence *fence;

	job = bench_job_new(ctx, struct bench_sched_job, qi, sample);
	if (!job)
		return NULL;
	if (drm_sched_job_init(&job->base, &ctx->entity[qi], 1, NULL, 0)) {
		bench_job_free(job, &job->info);
		return NULL;
	}
	if (dep && drm_sched_job_add_dependency(&job->base, dma_fence_get(dep))) {
		drm_sched_job_cleanup(&job->base);
		bench_job_free(job, &job->info);
		return NULL;
	}
	drm_sched_job_arm(&job->base);
	fence = dma_fence_get(&job->base.s_fence->finished);
	if (sample)
		sample->push = ktime_get();
	drm_sched_entity_push_job(&job->base);
	return fence;
}

static void bench_sched_hold(struct bench_ctx *ctx)
{
	drm_sched_wqueue_stop(&ctx->sched[0]);
}

static void bench_sched_release(struct bench_ctx *ctx)
{
	drm_sched_wqueue_start(&ctx->sched[0]);
}

static void bench_sched_teardown(struct bench_ctx *ctx)
{
	unsigned int i;

	for (i = 0; i < ctx->nq; i++)
		drm_sched_entity_destroy(&ctx->entity[i]);
	for (i = 0; i < ctx->nhw; i++) {
		drm_sched_fini(&ctx->sched[i]);
		bench_hw_fini(&ctx->hw[i]);
	}
}

/* drm_dep */

/**
 * struct bench_dep_job - a driver job on drm_dep
 * @base: the drm_dep job
 * @info: the bench's part
 */
struct bench_dep_job {
	struct drm_dep_job base;
	struct bench_info info;
};

static struct dma_fence *bench_dep_run_job(struct drm_dep_job *dj)
{
	struct bench_dep_job *job = container_of(dj, typeof(*job), base);

	if (drm_dep_job_error(dj))
		return NULL;
	if (job->info.fence)
		return bench_hw_run(&job->info);
	bench_hw_run_nofence(&job->info, drm_dep_job_engine(dj));
	return DRM_DEP_JOB_RUNNING;
}

static void bench_dep_free_job(struct drm_dep_job *dj)
{
	struct bench_dep_job *job = container_of(dj, typeof(*job), base);

	bench_info_fini(&job->info, drm_dep_job_error(dj));
	kfree(job);
}

static void bench_dep_queue_release(struct drm_dep_queue *q)
{
	struct bench_ctx *ctx = container_of(q, struct bench_dep_queue,
					     base)->ctx;

	atomic_inc(&ctx->released);
	wake_up_var(&ctx->released);
}

static const struct drm_dep_queue_ops bench_dep_ops = {
	.run_job = bench_dep_run_job,
	.free_job = bench_dep_free_job,
	.release = bench_dep_queue_release,
};

static int bench_dep_setup(struct bench_ctx *ctx, bool shared)
{
	struct drm_dep_engine *engines[] = { &ctx->engine };
	unsigned int i;
	int ret;

	atomic_set(&ctx->released, 0);
	ctx->nhw = shared ? 1 : ctx->nq;
	for (i = 0; i < ctx->nhw; i++)
		bench_hw_init(&ctx->hw[i], ctx->period);
	if (shared) {
		struct drm_dep_engine_args args = {
			.name = "bench_dep",
			.credit_limit = BENCH_CREDITS,
		};

		ret = drm_dep_engine_init(&ctx->engine, &args);
		if (ret)
			return ret;
	}
	for (i = 0; i < ctx->nq; i++) {
		struct drm_dep_queue_args args = {
			.ops = &bench_dep_ops,
			.name = "bench_dep",
			.flags = ctx->impl->flags,
		};

		if (shared) {
			args.engines = engines;
			args.num_engines = 1;
		} else {
			args.credit_limit = BENCH_CREDITS;
		}
		ctx->q[i].ctx = ctx;
		args.flags &= ~BENCH_NOFENCE;
		ret = drm_dep_queue_init(&ctx->q[i].base, &args);
		if (ret)
			return ret;
	}
	return 0;
}

static struct dma_fence *bench_dep_submit(struct bench_ctx *ctx,
					  unsigned int qi,
					  struct dma_fence *dep,
					  struct bench_sample *sample)
{
	struct bench_dep_job *job;
	struct dma_fence *fence;

	job = bench_job_new(ctx, struct bench_dep_job, qi, sample);
	if (!job)
		return NULL;
	if (drm_dep_job_init(&job->base, &ctx->q[qi].base, 1, 0)) {
		bench_job_free(job, &job->info);
		return NULL;
	}
	/* From here on the job is freed through free_job. */
	if (dep && drm_dep_job_add_dependency(&job->base, dma_fence_get(dep))) {
		drm_dep_job_put(&job->base);
		return NULL;
	}
	drm_dep_job_arm(&job->base);
	if (sample)
		sample->push = ktime_get();
	drm_dep_job_push(&job->base);
	fence = dma_fence_get(drm_dep_job_finished_fence(&job->base));
	drm_dep_job_put(&job->base);
	return fence;
}

static void bench_dep_hold(struct bench_ctx *ctx)
{
	drm_dep_engine_stop(&ctx->engine);
}

static void bench_dep_release(struct bench_ctx *ctx)
{
	drm_dep_engine_start(&ctx->engine);
}

static void bench_dep_teardown(struct bench_ctx *ctx)
{
	unsigned int i;

	for (i = 0; i < ctx->nq; i++)
		drm_dep_queue_put(&ctx->q[i].base);
	wait_var_event_timeout(&ctx->released,
			       atomic_read(&ctx->released) == ctx->nq,
			       BENCH_WAIT);
	if (ctx->nhw == 1 && ctx->nq > 1)
		drm_dep_engine_fini(&ctx->engine);
	for (i = 0; i < ctx->nhw; i++)
		bench_hw_fini(&ctx->hw[i]);
}

/* floor: no scheduler */

/*
 * floor_fence: the floor plus what any scheduler whose finished fence is
 * not the hardware fence pays at the least: a second fence per job,
 * allocated before "run_job", signalled from the hardware fence's callback
 * and freed. It tells drm_dep's own cost from that of having a fence.
 */
#define BENCH_FLOOR_FENCE	BIT(31)

/**
 * struct bench_floor_job - a driver job without a scheduler
 * @cb: frees the job when its hardware fence signals
 * @done: floor_fence: the job's second fence, or NULL
 * @info: the bench's part
 */
struct bench_floor_job {
	struct dma_fence_cb cb;
	struct bench_hw_fence *done;
	struct bench_info info;
};

static void bench_floor_done(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	struct bench_floor_job *job = container_of(cb, typeof(*job), cb);

	if (job->done) {
		dma_fence_signal(&job->done->base);
		dma_fence_put(&job->done->base);
	}
	bench_info_fini(&job->info, fence->error);
	kfree(job);
}

static int bench_floor_setup(struct bench_ctx *ctx, bool shared)
{
	unsigned int i;

	ctx->nhw = shared ? 1 : ctx->nq;
	for (i = 0; i < ctx->nhw; i++)
		bench_hw_init(&ctx->hw[i], ctx->period);
	ctx->floor_context = dma_fence_context_alloc(1);
	return 0;
}

static struct dma_fence *bench_floor_submit(struct bench_ctx *ctx,
					    unsigned int qi,
					    struct dma_fence *dep,
					    struct bench_sample *sample)
{
	struct bench_floor_job *job;
	struct dma_fence *fence;

	job = bench_job_new(ctx, struct bench_floor_job, qi, sample);
	if (!job)
		return NULL;
	if (ctx->impl->flags & BENCH_FLOOR_FENCE) {
		job->done = kzalloc(sizeof(*job->done), GFP_KERNEL);
		if (!job->done) {
			bench_job_free(job, &job->info);
			return NULL;
		}
		spin_lock_init(&job->done->lock);
		dma_fence_init(&job->done->base, &bench_hw_fence_ops,
			       &job->done->lock, ctx->floor_context,
			       ++ctx->floor_seqno);
	}
	/* A dependency is waited for in line: the floor has no queue. */
	if (dep)
		dma_fence_wait(dep, false);
	if (sample)
		sample->push = ktime_get();
	fence = bench_hw_run(&job->info);
	if (job->done) {
		struct dma_fence *hw = fence;

		fence = dma_fence_get(&job->done->base);
		if (dma_fence_add_callback(hw, &job->cb, bench_floor_done))
			bench_floor_done(hw, &job->cb);
		dma_fence_put(hw);
		return fence;
	}
	if (dma_fence_add_callback(fence, &job->cb, bench_floor_done))
		bench_floor_done(fence, &job->cb);
	return fence;
}

static void bench_floor_teardown(struct bench_ctx *ctx)
{
	unsigned int i;

	for (i = 0; i < ctx->nhw; i++)
		bench_hw_fini(&ctx->hw[i]);
}

static const struct bench_impl bench_impls[] = {
	{ "sched", 0, bench_sched_setup, bench_sched_submit,
	  bench_sched_teardown, bench_sched_hold, bench_sched_release },
	{ "dep", 0, bench_dep_setup, bench_dep_submit, bench_dep_teardown,
	  bench_dep_hold, bench_dep_release },
	{ "dep_bypass", DRM_DEP_QUEUE_BYPASS, bench_dep_setup,
	  bench_dep_submit, bench_dep_teardown, bench_dep_hold,
	  bench_dep_release },
	{ "dep_bypass_irq",
	  DRM_DEP_QUEUE_BYPASS | DRM_DEP_QUEUE_IRQ_SAFE_RELEASE,
	  bench_dep_setup, bench_dep_submit, bench_dep_teardown,
	  bench_dep_hold, bench_dep_release },
	{ "dep_nofence",
	  DRM_DEP_QUEUE_BYPASS | DRM_DEP_QUEUE_IRQ_SAFE_RELEASE | BENCH_NOFENCE,
	  bench_dep_setup, bench_dep_submit, bench_dep_teardown,
	  bench_dep_hold, bench_dep_release },
	{ "floor", 0, bench_floor_setup, bench_floor_submit,
	  bench_floor_teardown },
	{ "floor_fence", BENCH_FLOOR_FENCE, bench_floor_setup,
	  bench_floor_submit, bench_floor_teardown },
};

/* The implementations with queues: the floors come after them. */
#define BENCH_FLOOR	5

/**
 * struct bench_cpu - CPU time of all CPUs at one moment
 * @when: the moment
 * @idle_ns: idle time of all CPUs since boot, from the dynticks idle
 *	accounting (exact); 0 if not available
 * @busy_ns: non-idle time of all CPUs since boot, from the tick
 *	(sampled), used when @idle_ns is not available
 */
struct bench_cpu {
	ktime_t when;
	u64 idle_ns;
	u64 busy_ns;
};

static void bench_cpu_now(struct bench_cpu *c)
{
	bool exact = true;
	int cpu;

	c->when = ktime_get();
	c->idle_ns = 0;
	c->busy_ns = 0;
	for_each_online_cpu(cpu) {
		struct kernel_cpustat kcs;
		u64 idle = get_cpu_idle_time_us(cpu, NULL);

		if (idle == (u64)-1)
			exact = false;
		else
			c->idle_ns += idle * NSEC_PER_USEC;
		kcpustat_cpu_fetch(&kcs, cpu);
		c->busy_ns += kcs.cpustat[CPUTIME_USER] +
			      kcs.cpustat[CPUTIME_NICE] +
			      kcs.cpustat[CPUTIME_SYSTEM] +
			      kcs.cpustat[CPUTIME_IRQ] +
			      kcs.cpustat[CPUTIME_SOFTIRQ];
	}
	if (!exact)
		c->idle_ns = 0;
}

/* CPU time all CPUs spent outside idle between @a and @b, in ns. */
static u64 bench_cpu_busy(const struct bench_cpu *a, const struct bench_cpu *b)
{
	u64 wall = ktime_to_ns(ktime_sub(b->when, a->when));

	if (!a->idle_ns || !b->idle_ns)
		return b->busy_ns - a->busy_ns;
	return wall * num_online_cpus() - min(b->idle_ns - a->idle_ns,
					       wall * num_online_cpus());
}

static struct bench_ctx *bench_ctx_new(struct kunit *test,
				       const struct bench_impl *impl,
				       struct bench_run *run, unsigned int nq,
				       bool shared, unsigned int period_us)
{
	struct bench_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->impl = impl;
	ctx->run = run;
	ctx->period = ns_to_ktime((u64)period_us * NSEC_PER_USEC);
	ctx->nq = nq;
	KUNIT_ASSERT_EQ(test, impl->setup(ctx, shared), 0);
	return ctx;
}

/* Wait for the fences, drop them, then wait until every job was freed. */
static void bench_ctx_drain(struct kunit *test, struct bench_ctx *ctx,
			    struct dma_fence **fences, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (!fences[i])
			continue;
		KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(fences[i], false,
							     BENCH_WAIT), 0);
		KUNIT_EXPECT_EQ(test, fences[i]->error, 0);
		dma_fence_put(fences[i]);
		fences[i] = NULL;
	}
	KUNIT_EXPECT_GT(test, wait_var_event_timeout(&ctx->run->live,
						     !atomic_read(&ctx->run->live),
						     BENCH_WAIT), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->run->errors), 0);
}

static void bench_ctx_free(struct kunit *test, struct bench_ctx *ctx)
{
	ctx->impl->teardown(ctx);
	kunit_kfree(test, ctx);
}

/*
 * Case 1: jobs without dependencies on one queue, pushed as fast as the
 * submitter can for run_ms, with at most BENCH_WINDOW jobs in flight (the
 * submitter waits for the job BENCH_WINDOW before the one it pushes), on
 * a ring whose completion interrupt is coalesced over irq_us. The
 * submitters of every case reschedule after each job, where a submitting
 * ioctl would return to user space: without that, on one CPU without
 * preemption, the workers that free jobs would not run until the end.
 */
static void bench_submit(struct kunit *test)
{
	struct dma_fence **win;
	unsigned int r, i, k;

	win = kunit_kcalloc(test, BENCH_WINDOW, sizeof(*win), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, win);

	for (r = 1; r <= rounds; r++) {
		for (i = 0; i < ARRAY_SIZE(bench_impls); i++) {
			const struct bench_impl *impl = &bench_impls[i];
			struct bench_cpu cpu0, cpu1;
			struct bench_run run = {};
			u64 irq;
			struct bench_ctx *ctx;
			ktime_t end, t0, t1;

			ctx = bench_ctx_new(test, impl, &run, 1, false, irq_us);
			bench_cpu_now(&cpu0);
			t0 = cpu0.when;
			end = ktime_add_ms(t0, run_ms);
			for (k = 0; k < BENCH_WINDOW || ktime_before(ktime_get(), end);
			     k++) {
				struct dma_fence **slot = &win[k % BENCH_WINDOW];

				if (*slot) {
					KUNIT_ASSERT_GT(test,
							dma_fence_wait_timeout(*slot, false,
									       BENCH_WAIT),
							0);
					dma_fence_put(*slot);
				}
				*slot = impl->submit(ctx, 0, NULL, NULL);
				KUNIT_ASSERT_NOT_NULL(test, *slot);
				/* Where a submitting ioctl returns to user space. */
				cond_resched();
			}
			bench_ctx_drain(test, ctx, win, BENCH_WINDOW);
			bench_cpu_now(&cpu1);
			t1 = cpu1.when;
			irq = atomic64_read(&ctx->hw[0].irq_ns);
			bench_ctx_free(test, ctx);

			pr_info("drm_dep_bench: case=submit impl=%s round=%u jobs=%u jobs_per_s=%llu wall_ns_per_job=%llu cpu_ns_per_job=%llu irq_ns_per_job=%llu cpu_exact=%d\n",
				impl->name, r, k,
				div64_u64((u64)k * NSEC_PER_SEC,
					  max_t(u64, ktime_to_ns(ktime_sub(t1, t0)), 1)),
				div_u64(ktime_to_ns(ktime_sub(t1, t0)), k),
				div_u64(bench_cpu_busy(&cpu0, &cpu1), k),
				div_u64(irq, k), cpu0.idle_ns && cpu1.idle_ns);
		}
	}
}

static int bench_cmp_s64(const void *a, const void *b)
{
	s64 x = *(const s64 *)a, y = *(const s64 *)b;

	return x < y ? -1 : x > y;
}

static void bench_print_pcts(const char *impl, unsigned int r,
			     const char *metric, s64 *v, unsigned int n)
{
	char buf[256];
	int len = 0;
	unsigned int i;

	sort(v, n, sizeof(*v), bench_cmp_s64, NULL);
	for (i = 0; i < ARRAY_SIZE(bench_pcts); i++) {
		unsigned int idx = min(n - 1, bench_pcts[i] * n / 1000);

		len += scnprintf(buf + len, sizeof(buf) - len, "%s%lld",
				 i ? "," : "", v[idx]);
	}
	pr_info("drm_dep_bench: case=latency impl=%s round=%u metric=%s samples=%u p50_ns=%lld p99_ns=%lld pcts=%s\n",
		impl, r, metric, n, v[min(n - 1, n / 2)],
		v[min(n - 1, n * 99 / 100)], buf);
}

/*
 * Case 2: one job at a time on an idle queue: from push to run_job(), and
 * from the hardware fence's signal to the finished fence's.
 */
static void bench_latency(struct kunit *test)
{
	struct bench_sample *s;
	s64 *push_run, *hw_done;
	unsigned int r, i, k;

	s = kunit_kcalloc(test, samples, sizeof(*s), GFP_KERNEL);
	push_run = kunit_kcalloc(test, samples, sizeof(s64), GFP_KERNEL);
	hw_done = kunit_kcalloc(test, samples, sizeof(s64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, push_run);
	KUNIT_ASSERT_NOT_NULL(test, hw_done);

	for (r = 1; r <= rounds; r++) {
		for (i = 0; i < ARRAY_SIZE(bench_impls); i++) {
			const struct bench_impl *impl = &bench_impls[i];
			struct bench_run run = {};
			struct bench_ctx *ctx;

			ctx = bench_ctx_new(test, impl, &run, 1, false, 0);
			for (k = 0; k < samples; k++) {
				struct dma_fence *f;

				f = impl->submit(ctx, 0, NULL, &s[k]);
				KUNIT_ASSERT_NOT_NULL(test, f);
				KUNIT_ASSERT_GT(test, dma_fence_wait_timeout(f, false,
									     BENCH_WAIT), 0);
				push_run[k] = ktime_to_ns(ktime_sub(s[k].run,
								    s[k].push));
				hw_done[k] = ktime_to_ns(ktime_sub(f->timestamp,
								   s[k].hw));
				bench_ctx_drain(test, ctx, &f, 1);
			}
			bench_ctx_free(test, ctx);

			bench_print_pcts(impl->name, r, "push_to_run", push_run,
					 samples);
			bench_print_pcts(impl->name, r, "hw_to_finished",
					 hw_done, samples);
		}
	}
}

/*
 * Case 3: a chain across queues: each job depends on the previous job,
 * which is on another queue. The floor waits for the previous job in line.
 */
static void bench_chain(struct kunit *test)
{
	unsigned int r, i, k;

	for (r = 1; r <= rounds; r++) {
		for (i = 0; i < ARRAY_SIZE(bench_impls); i++) {
			const struct bench_impl *impl = &bench_impls[i];
			struct dma_fence *prev = NULL, *f;
			struct bench_run run = {};
			struct bench_ctx *ctx;
			ktime_t t0, t1;

			ctx = bench_ctx_new(test, impl, &run,
					    BENCH_CHAIN_QUEUES, false, 0);
			t0 = ktime_get();
			for (k = 0; k < jobs; k++) {
				f = impl->submit(ctx, k % BENCH_CHAIN_QUEUES,
						 prev, NULL);
				KUNIT_ASSERT_NOT_NULL(test, f);
				dma_fence_put(prev);
				prev = f;
				cond_resched();
			}
			KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(prev, false,
								     BENCH_WAIT), 0);
			t1 = ktime_get();
			bench_ctx_drain(test, ctx, &prev, 1);
			bench_ctx_free(test, ctx);

			pr_info("drm_dep_bench: case=chain impl=%s round=%u jobs=%u queues=%u jobs_per_s=%llu\n",
				impl->name, r, jobs, BENCH_CHAIN_QUEUES,
				div64_u64((u64)jobs * NSEC_PER_SEC,
					  max_t(u64, ktime_to_ns(ktime_sub(t1, t0)), 1)));
		}
	}
}

/**
 * struct bench_client - one submitting thread of the clients case
 * @test: the test
 * @ctx: the queues
 * @qi: this client's queue
 * @n: jobs to submit
 * @start: released when every client is ready
 * @last: the finished fence of the client's last job
 * @done: the client is done submitting
 */
struct bench_client {
	struct kunit *test;
	struct bench_ctx *ctx;
	unsigned int qi;
	unsigned int n;
	struct completion *start;
	struct dma_fence *last;
	struct completion done;
};

static int bench_client_fn(void *data)
{
	struct bench_client *c = data;
	unsigned int k;

	wait_for_completion(c->start);
	for (k = 0; k < c->n; k++) {
		struct dma_fence *f = c->ctx->impl->submit(c->ctx, c->qi,
							  NULL, NULL);

		if (!f)
			break;
		dma_fence_put(c->last);
		c->last = f;
		cond_resched();
	}
	complete(&c->done);
	return 0;
}

/*
 * Case 4: N clients, each a thread pushing its jobs to its own queue, on
 * one shared ring, deep and with a coalesced interrupt as in case 1:
 * throughput. The shares of run_job() calls among the first half of the
 * jobs are printed too (mix_permille, max - min), but with submitters
 * racing a scheduler that may drain faster than they push, they mostly
 * tell who pushed first; case 5 measures the policy.
 */
static void bench_clients(struct kunit *test)
{
	const unsigned int *nclients = test->param_value;
	unsigned int n = *nclients, per = max(jobs / n, 1u);
	unsigned int r, i, k;

	for (r = 1; r <= rounds; r++) {
		/* The floor has no queues to share a ring. */
		for (i = 0; i < BENCH_FLOOR; i++) {
			const struct bench_impl *impl = &bench_impls[i];
			struct bench_client *c;
			struct bench_run run = {};
			DECLARE_COMPLETION_ONSTACK(start);
			unsigned int min_share = UINT_MAX, max_share = 0;
			struct bench_ctx *ctx;
			ktime_t t0, t1;

			c = kunit_kcalloc(test, n, sizeof(*c), GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, c);
			run.window = per * n / 2;
			ctx = bench_ctx_new(test, impl, &run, n, true, irq_us);
			for (k = 0; k < n; k++) {
				struct task_struct *t;

				c[k] = (struct bench_client){
					.test = test, .ctx = ctx, .qi = k,
					.n = per, .start = &start,
				};
				init_completion(&c[k].done);
				t = kthread_run(bench_client_fn, &c[k],
						"bench_client%u", k);
				KUNIT_ASSERT_FALSE(test, IS_ERR(t));
			}
			t0 = ktime_get();
			complete_all(&start);
			for (k = 0; k < n; k++) {
				wait_for_completion(&c[k].done);
				KUNIT_ASSERT_NOT_NULL(test, c[k].last);
				KUNIT_EXPECT_GT(test,
						dma_fence_wait_timeout(c[k].last,
								       false,
								       BENCH_WAIT),
						0);
			}
			t1 = ktime_get();
			for (k = 0; k < n; k++) {
				unsigned int s = atomic_read(&run.share[k]);

				min_share = min(min_share, s);
				max_share = max(max_share, s);
				bench_ctx_drain(test, ctx, &c[k].last, 1);
			}
			bench_ctx_free(test, ctx);
			kunit_kfree(test, c);

			pr_info("drm_dep_bench: case=clients impl=%s round=%u clients=%u jobs=%u jobs_per_s=%llu mix_permille=%u\n",
				impl->name, r, n, per * n,
				div64_u64((u64)per * n * NSEC_PER_SEC,
					  max_t(u64, ktime_to_ns(ktime_sub(t1, t0)), 1)),
				(max_share - min_share) * 1000 /
				max(run.window, 1u));
		}
	}
}

/*
 * Case 5: fairness under backlog. With the shared ring held, every client
 * queues its jobs, client after client (client 0 first); then the ring
 * is released. The spread (max - min) of the clients' shares of run_job()
 * calls among the first half of the jobs, in per mille of that half: 0
 * when every backlogged client gets its turn, 1000 - 1000 / N when the
 * oldest jobs go first whatever their client.
 */
static void bench_fairness(struct kunit *test)
{
	const unsigned int *nclients = test->param_value;
	unsigned int n = *nclients, per = max(jobs / n, 1u);
	struct dma_fence **last;
	unsigned int r, i, k, c;

	last = kunit_kcalloc(test, n, sizeof(*last), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, last);

	for (r = 1; r <= rounds; r++) {
		for (i = 0; i < BENCH_FLOOR; i++) {
			const struct bench_impl *impl = &bench_impls[i];
			unsigned int min_share = UINT_MAX, max_share = 0;
			struct bench_run run = {};
			struct bench_ctx *ctx;

			run.window = per * n / 2;
			ctx = bench_ctx_new(test, impl, &run, n, true, irq_us);
			impl->hold(ctx);
			for (c = 0; c < n; c++) {
				for (k = 0; k < per; k++) {
					dma_fence_put(last[c]);
					last[c] = impl->submit(ctx, c, NULL, NULL);
					KUNIT_ASSERT_NOT_NULL(test, last[c]);
					cond_resched();
				}
			}
			impl->release(ctx);
			for (c = 0; c < n; c++) {
				unsigned int s;

				KUNIT_EXPECT_GT(test,
						dma_fence_wait_timeout(last[c], false,
								       BENCH_WAIT),
						0);
				s = atomic_read(&run.share[c]);
				min_share = min(min_share, s);
				max_share = max(max_share, s);
			}
			bench_ctx_drain(test, ctx, last, n);
			bench_ctx_free(test, ctx);

			pr_info("drm_dep_bench: case=fairness impl=%s round=%u clients=%u jobs=%u spread_permille=%u\n",
				impl->name, r, n, per * n,
				(max_share - min_share) * 1000 /
				max(run.window, 1u));
		}
	}
}

static const unsigned int bench_nclients[] = { 2, 8, 32 };

static void bench_nclients_desc(const unsigned int *n, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u clients", *n);
}

KUNIT_ARRAY_PARAM(bench_nclients, bench_nclients, bench_nclients_desc);

/*
 * Case 5: memory. The fixed part is sizeof(); what each job and queue
 * allocates is measured with ksize() on live objects: slab sizes, not
 * requested sizes.
 */
static void bench_memory(struct kunit *test)
{
	struct bench_run run = {};
	struct bench_ctx *ctx;
	size_t rqs = 0;
	unsigned int i;

	/* drm_sched: a job with its scheduler fence; a scheduler + entity. */
	ctx = bench_ctx_new(test, &bench_impls[0], &run, 1, false, 0);
	{
		struct bench_sched_job *job = kzalloc(sizeof(*job), GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, job);
		KUNIT_ASSERT_EQ(test, drm_sched_job_init(&job->base,
							 &ctx->entity[0], 1,
							 NULL, 0), 0);
		for (i = 0; i < ctx->sched[0].num_rqs; i++)
			rqs += ksize(ctx->sched[0].sched_rq[i]);
		rqs += ksize(ctx->sched[0].sched_rq);
		pr_info("drm_dep_bench: case=memory impl=sched job_struct=%zu job_alloc=%zu queue_struct=%zu queue_alloc=%zu\n",
			sizeof(struct drm_sched_job),
			ksize(job->base.s_fence),
			sizeof(struct drm_gpu_scheduler) +
			sizeof(struct drm_sched_entity), rqs);
		drm_sched_job_cleanup(&job->base);
		kfree(job);
	}
	bench_ctx_free(test, ctx);

	/* drm_dep: a job with its finished fence; a queue with its engine. */
	ctx = bench_ctx_new(test, &bench_impls[1], &run, 1, false, 0);
	{
		struct bench_dep_job *job = kzalloc(sizeof(*job), GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, job);
		/* free_job counts a bench job: make it one. */
		KUNIT_ASSERT_EQ(test, bench_info_init(&job->info, &ctx->hw[0],
						      &run, 0, NULL, true), 0);
		KUNIT_ASSERT_EQ(test, drm_dep_job_init(&job->base,
						       &ctx->q[0].base, 1, 0),
				0);
		pr_info("drm_dep_bench: case=memory impl=dep job_struct=%zu job_alloc=%zu queue_struct=%zu queue_alloc=%zu engine_struct=%zu\n",
			sizeof(struct drm_dep_job), ksize(job->base.fence),
			sizeof(struct drm_dep_queue),
			ksize(ctx->q[0].base.timeline),
			sizeof(struct drm_dep_engine));
		drm_dep_job_put(&job->base);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&run.live), 0);
	bench_ctx_free(test, ctx);
}

static struct kunit_case bench_cases[] = {
	KUNIT_CASE_SLOW(bench_memory),
	KUNIT_CASE_SLOW(bench_submit),
	KUNIT_CASE_SLOW(bench_latency),
	KUNIT_CASE_SLOW(bench_chain),
	KUNIT_CASE_PARAM_ATTR(bench_clients, bench_nclients_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE_PARAM_ATTR(bench_fairness, bench_nclients_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	{}
};

static struct kunit_suite bench_suite = {
	.name = "drm_dep_bench",
	.test_cases = bench_cases,
};

kunit_test_suite(bench_suite);

MODULE_DESCRIPTION("drm_dep against drm_sched: benchmarks");
MODULE_LICENSE("Dual MIT/GPL");

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 */

#include <linux/dma-fence-chain.h>
#include <linux/dma-resv.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <drm/drm_drv.h>
#include <drm/drm_exec.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_print.h>
#include <drm/drm_syncobj.h>
#include <drm/ethosu_accel.h>

#include "npu_cmdstream.h"
#include "npu_drv.h"
#include "npu_gem.h"
#include "npu_regs.h"

/**
 * DOC: Jobs and submission
 *
 * Each open file has one drm_dep queue, bound to the engines of every
 * core: drm_dep places an idle queue on the least-loaded core when it
 * arms the queue's next job, and keeps it there while it has jobs in
 * flight. Each core is one shared engine with a credit limit of 1, as the
 * hardware runs one command stream at a time.
 *
 * One SUBMIT is one inference, an array of jobs. The ioctl does all the
 * work that can fail first: it looks up the command stream and the
 * buffer objects, checks them against what the validator recorded,
 * collects explicit and implicit dependencies, locks the reservation
 * objects and reserves their fence slots, and takes a runtime-PM
 * reference per job. Only then does it arm every job, under the file's
 * submit lock so that they are armed together, and push them in the
 * same order: the inference lands on one core, its jobs run in order,
 * and the ioctl queues all of them or none. The finished fence of the
 * last job is the inference's fence: it goes into the reservation object
 * of every buffer object the inference uses (as a write for the regions
 * the streams write) and into the out-syncobj.
 *
 * run_job() writes the region bases and limits and the stream's address
 * to the core and starts it; it allocates nothing, takes no lock but the
 * register map's spinlock and makes no runtime-PM call. It returns
 * %DRM_DEP_JOB_RUNNING: the interrupt handler reports the completion,
 * and there is no hardware fence and no pointer to a running job to
 * hand over between the interrupt and a reset (seeds 000 and 001). The
 * one thing the handler hands to the timeout handler is the status of a
 * fault, which the timeout handler takes with the interrupt masked.
 *
 * The jobs of an inference share its error. A job that drm_dep cancels,
 * or that the timeout handler fails, sets it; every later job of the
 * inference then completes in run_job() with -ECANCELED without touching
 * the hardware, so the inference's fence carries the error. drm_dep
 * drops the finished fences of a job's own queue from its dependencies,
 * so this is the driver's, not a dependency between the jobs.
 */

/* Jobs in one inference, and in-syncs of one submission. */
#define NPU_MAX_JOBS		64
#define NPU_MAX_IN_SYNCS	64

/**
 * struct npu_inference - what the jobs of one SUBMIT share
 */
struct npu_inference {
	/** @ref: one reference per job */
	struct kref ref;
	/** @error: the first error of one of its jobs, or 0; set once */
	int error;
};

/**
 * struct npu_job - one command stream to run on a core
 */
struct npu_job {
	/** @base: the drm_dep job */
	struct drm_dep_job base;
	/** @inf: the inference the job belongs to */
	struct npu_inference *inf;
	/** @cmd_bo: the command stream buffer object */
	struct npu_bo *cmd_bo;
	/** @regions: buffer object bound to each region, or NULL */
	struct npu_bo *regions[NPU_REGIONS];
	/** @ndev: the device */
	struct npu_device *ndev;
	/** @pm: the job holds a runtime-PM reference of the device */
	bool pm;
};

/**
 * struct npu_queue - the drm_dep queue of one open file
 */
struct npu_queue {
	/** @base: the drm_dep queue */
	struct drm_dep_queue base;
};

/* A buffer object of a submission, once, with how it is used. */
struct npu_submit_bo {
	struct drm_gem_object *obj;
	bool write;
};

static struct npu_job *to_npu_job(struct drm_dep_job *job)
{
	return container_of(job, struct npu_job, base);
}

static void npu_inference_release(struct kref *ref)
{
	kfree(container_of(ref, struct npu_inference, ref));
}

/* Records the first error of an inference. */
static void npu_inference_fail(struct npu_inference *inf, int error)
{
	cmpxchg(&inf->error, 0, error);
}

static struct dma_fence *npu_job_run(struct drm_dep_job *dep_job)
{
	struct npu_job *job = to_npu_job(dep_job);
	struct npu_core *core = to_npu_core(drm_dep_job_engine(dep_job));
	struct drm_gem_dma_object *cmd = &job->cmd_bo->base;
	int error = drm_dep_job_error(dep_job);
	int r;

	if (error) {
		npu_inference_fail(job->inf, error);
		return NULL;
	}
	if (READ_ONCE(job->inf->error))
		return ERR_PTR(-ECANCELED);
	if (READ_ONCE(core->ndev->wedged))
		return ERR_PTR(-EIO);

	for (r = 0; r < NPU_REGIONS; r++) {
		struct npu_bo *bo = job->regions[r];
		dma_addr_t base = bo ? bo->base.dma_addr : 0;
		size_t size = bo ? bo->base.base.size : 0;

		npu_hw_write(core, NPU_REG_BASEP(r), lower_32_bits(base));
		npu_hw_write(core, NPU_REG_BASEP_HI(r), upper_32_bits(base));
		npu_hw_write(core, NPU_REG_REGION_LIMIT(r),
			     min_t(size_t, size, U32_MAX));
	}
	npu_hw_write(core, NPU_REG_QBASE, lower_32_bits(cmd->dma_addr));
	npu_hw_write(core, NPU_REG_QBASE_HI, upper_32_bits(cmd->dma_addr));
	npu_hw_write(core, NPU_REG_QSIZE, job->cmd_bo->info->size);
	core->last_qread = 0;
	WRITE_ONCE(core->jobs_run, core->jobs_run + 1);
	npu_hw_write(core, NPU_REG_CMD, NPU_CMD_TRANSITION_TO_RUN);

	return DRM_DEP_JOB_RUNNING;
}

/*
 * A core that does not come out of reset may still be writing memory:
 * the device is wedged. The job's buffer objects are kept for good, the
 * core stays masked, and every later job and submission fails.
 */
static void npu_job_wedge(struct npu_core *core, struct npu_job *job)
{
	int r;

	dev_err(core->ndev->drm.dev, "core %u: reset failed, device wedged\n",
		core->index);
	WRITE_ONCE(core->ndev->wedged, true);
	for (r = 0; r < NPU_REGIONS; r++)
		if (job->regions[r])
			drm_gem_object_get(&job->regions[r]->base.base);
	drm_gem_object_get(&job->cmd_bo->base.base);
	drm_dep_engine_complete(&core->engine, 1, -EIO);
	npu_inference_fail(job->inf, -EIO);
}

/**
 * npu_job_timedout() - the timeout handler of every queue
 * @dep_job: the oldest job on a core, which did not complete in time or
 *	whose core reported a fault
 *
 * A job whose stream still advances is given more time. Otherwise the
 * interrupt is masked, which also waits for a running handler; a
 * completion the handler reported before stands. What the core raised
 * since is taken here. Then the core is reset: a job that faulted
 * completes with -EIO, a job that hung with -ETIMEDOUT, and the rest of
 * its inference is cancelled.
 *
 * Context: Process context (the engine's workqueue); sleeps.
 * Return: %DRM_DEP_TIMEOUT_EXTEND or %DRM_DEP_TIMEOUT_RESET.
 */
static enum drm_dep_timeout_status npu_job_timedout(struct drm_dep_job *dep_job)
{
	struct npu_job *job = to_npu_job(dep_job);
	struct npu_core *core = to_npu_core(drm_dep_job_engine(dep_job));
	u32 status = npu_hw_read(core, NPU_REG_STATUS);
	u32 qread = npu_hw_read(core, NPU_REG_QREAD);
	bool completed;
	u32 fault;
	int err;

	/* A fault raised after this look runs the handler again. */
	if (!READ_ONCE(core->fault_status) &&
	    (status & NPU_STATUS_STATE_RUNNING) && qread != core->last_qread) {
		core->last_qread = qread;
		return DRM_DEP_TIMEOUT_EXTEND;
	}

	/* No completion can be reported from here on until the unmask. */
	disable_irq(core->irq);
	fault = xchg(&core->fault_status, 0);
	if (!fault) {
		fault = npu_hw_take_pending(core, &completed);
		if (completed) {
			enable_irq(core->irq);
			return DRM_DEP_TIMEOUT_EXTEND;
		}
	}

	if (npu_hw_reset(core)) {
		npu_job_wedge(core, job);
		return DRM_DEP_TIMEOUT_RESET;
	}
	npu_hw_write(core, NPU_REG_CMD, NPU_CMD_CLEAR_IRQ);
	WRITE_ONCE(core->fault_status, 0);

	/* A fault gets its own error; a hang gets drm_dep's -ETIMEDOUT. */
	err = fault ? -EIO : -ETIMEDOUT;
	if (drm_dep_engine_complete(&core->engine, 1, err)) {
		npu_inference_fail(job->inf, err);
		WRITE_ONCE(core->resets, core->resets + 1);
		if (fault)
			drm_dbg_driver(&core->ndev->drm,
				       "core %u: fault, status %#x at offset %#x\n",
				       core->index, fault, qread);
		else
			dev_warn_ratelimited(core->ndev->drm.dev,
					     "core %u: job hung at offset %#x, reset\n",
					     core->index, qread);
	}
	enable_irq(core->irq);

	return DRM_DEP_TIMEOUT_RESET;
}

static void npu_job_free(struct drm_dep_job *dep_job)
{
	struct npu_job *job = to_npu_job(dep_job);
	int r;

	if (job->pm) {
		pm_runtime_mark_last_busy(job->ndev->drm.dev);
		pm_runtime_put_autosuspend(job->ndev->drm.dev);
	}
	for (r = 0; r < NPU_REGIONS; r++)
		if (job->regions[r])
			drm_gem_object_put(&job->regions[r]->base.base);
	if (job->cmd_bo)
		drm_gem_object_put(&job->cmd_bo->base.base);
	kref_put(&job->inf->ref, npu_inference_release);
	atomic_dec(&job->ndev->jobs_alive);
	kfree(job);
}

static void npu_queue_release(struct drm_dep_queue *q)
{
	kfree(container_of(q, struct npu_queue, base));
}

static const struct drm_dep_queue_ops npu_queue_ops = {
	.run_job = npu_job_run,
	.timedout_job = npu_job_timedout,
	.free_job = npu_job_free,
	.release = npu_queue_release,
};

/**
 * npu_job_file_open() - create the queue of a newly opened file
 * @nfile: the file's driver data, with @nfile->ndev set
 *
 * Context: Process context.
 * Return: 0 or a negative errno.
 */
int npu_job_file_open(struct npu_file *nfile)
{
	struct npu_device *ndev = nfile->ndev;
	struct drm_dep_queue_args args = {
		.ops = &npu_queue_ops,
		.name = "npu",
		.engines = ndev->engines,
		.num_engines = ndev->num_cores,
	};
	struct npu_queue *queue;
	int ret;

	queue = kzalloc(sizeof(*queue), GFP_KERNEL);
	if (!queue)
		return -ENOMEM;
	ret = drm_dep_queue_init(&queue->base, &args);
	if (ret) {
		kfree(queue);
		return ret;
	}
	/* An open that raced the removal gets no queue on a dying engine. */
	mutex_lock(&ndev->files_lock);
	if (ndev->files_killed) {
		mutex_unlock(&ndev->files_lock);
		drm_dep_queue_put(&queue->base);
		return -ENODEV;
	}
	nfile->queue = &queue->base;
	list_add(&nfile->link, &ndev->files);
	mutex_unlock(&ndev->files_lock);
	mutex_init(&nfile->submit_lock);
	return 0;
}

/* Kills and drops the queue of @nfile, once; files_lock held. */
static void npu_job_file_put_queue_locked(struct npu_file *nfile)
{
	struct drm_dep_queue *q = nfile->queue;

	lockdep_assert_held(&nfile->ndev->files_lock);
	nfile->queue = NULL;
	list_del_init(&nfile->link);
	if (q) {
		/* Neither sleeps. */
		drm_dep_queue_kill(q);
		drm_dep_queue_put(q);
	}
}

/**
 * npu_job_file_close() - tear down the queue of a file being closed
 * @nfile: the file's driver data
 *
 * Jobs that have not started are cancelled; jobs on a core finish or
 * time out. The queue goes away with its last job.
 *
 * Context: Process context.
 */
void npu_job_file_close(struct npu_file *nfile)
{
	mutex_lock(&nfile->ndev->files_lock);
	npu_job_file_put_queue_locked(nfile);
	mutex_unlock(&nfile->ndev->files_lock);
	mutex_destroy(&nfile->submit_lock);
}

/**
 * npu_job_kill_files() - cancel the work of every open file
 * @ndev: the device, unplugged: no submission runs or starts
 *
 * Used on removal, so that drm_dep_engine_fini() does not wait for
 * userspace to close its files: their queued jobs are cancelled, the
 * jobs on the cores finish or time out, and the files keep only their
 * buffer objects until they are closed.
 *
 * Context: Process context.
 */
void npu_job_kill_files(struct npu_device *ndev)
{
	struct npu_file *nfile;

	mutex_lock(&ndev->files_lock);
	ndev->files_killed = true;
	while ((nfile = list_first_entry_or_null(&ndev->files,
						 struct npu_file, link)))
		npu_job_file_put_queue_locked(nfile);
	mutex_unlock(&ndev->files_lock);
}

static struct npu_bo *npu_lookup_bo(struct drm_file *file, u32 handle)
{
	struct drm_gem_object *obj = drm_gem_object_lookup(file, handle);

	return obj ? to_npu_bo(obj) : NULL;
}

/* Binds the command stream and regions of @desc to @job, checking them. */
static int npu_job_bind(struct npu_job *job, struct drm_file *file,
			const struct drm_ethosu_job *desc)
{
	const struct npu_cmdstream_info *info;
	int r;

	/* The driver has no SRAM to give, as if the DT had none. */
	if (desc->sram_size)
		return -EINVAL;

	job->cmd_bo = npu_lookup_bo(file, desc->cmd_bo);
	if (!job->cmd_bo)
		return -ENOENT;
	info = job->cmd_bo->info;
	if (!info)
		return -EINVAL;

	for (r = 0; r < NPU_REGIONS; r++) {
		u32 handle = desc->region_bo_handles[r];
		struct npu_bo *bo;

		if (!(info->used_regions & BIT(r))) {
			if (handle)
				return -EINVAL;
			continue;
		}
		if (!handle)
			return -EINVAL;
		bo = npu_lookup_bo(file, handle);
		if (!bo)
			return -ENOENT;
		job->regions[r] = bo;
		/* A command stream is never data, of this job or another. */
		if (bo->info)
			return -EINVAL;
		if (info->region_size[r] > bo->base.base.size)
			return -EOVERFLOW;
	}
	return 0;
}

static struct npu_job *npu_job_create(struct npu_file *nfile,
				      struct drm_file *file,
				      struct npu_inference *inf,
				      const struct drm_ethosu_job *desc)
{
	struct npu_job *job;
	int ret;

	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return ERR_PTR(-ENOMEM);
	ret = drm_dep_job_init(&job->base, nfile->queue, 1, 0);
	if (ret) {
		kfree(job);
		return ERR_PTR(ret);
	}
	kref_get(&inf->ref);
	job->inf = inf;
	job->ndev = nfile->ndev;
	atomic_inc(&job->ndev->jobs_alive);

	ret = npu_job_bind(job, file, desc);
	if (ret) {
		drm_dep_job_put(&job->base);
		return ERR_PTR(ret);
	}
	return job;
}

/* Adds @obj to @bos once, remembering whether any job writes it. */
static void npu_submit_add_bo(struct npu_submit_bo *bos, unsigned int *n,
			      struct drm_gem_object *obj, bool write)
{
	unsigned int i;

	for (i = 0; i < *n; i++) {
		if (bos[i].obj == obj) {
			bos[i].write |= write;
			return;
		}
	}
	bos[*n].obj = obj;
	bos[*n].write = write;
	(*n)++;
}

/**
 * struct npu_submit - one SUBMIT or SUBMIT_SYNCOBJ in progress
 */
struct npu_submit {
	/** @file: the caller's file */
	struct drm_file *file;
	/** @nfile: its driver data */
	struct npu_file *nfile;
	/** @jobs: the jobs, in order */
	struct npu_job **jobs;
	/** @count: entries in @jobs */
	u32 count;
	/** @bos: every buffer object used, once */
	struct npu_submit_bo *bos;
	/** @num_bos: entries used in @bos */
	unsigned int num_bos;
	/** @out_sync: the out-syncobj, or NULL */
	struct drm_syncobj *out_sync;
	/** @out_point: the timeline point of @out_sync, or 0 */
	u64 out_point;
	/** @out_chain: preallocated chain node for @out_point */
	struct dma_fence_chain *out_chain;
};

static int npu_submit_create_jobs(struct npu_submit *s, u64 ujobs)
{
	struct drm_ethosu_job *descs;
	struct npu_inference *inf;
	int ret = 0;
	u32 i;

	descs = kvmalloc_array(s->count, sizeof(*descs), GFP_KERNEL);
	if (!descs)
		return -ENOMEM;
	if (copy_from_user(descs, u64_to_user_ptr(ujobs),
			   s->count * sizeof(*descs))) {
		ret = -EFAULT;
		goto out;
	}

	inf = kzalloc(sizeof(*inf), GFP_KERNEL);
	if (!inf) {
		ret = -ENOMEM;
		goto out;
	}
	kref_init(&inf->ref);

	for (i = 0; i < s->count; i++) {
		struct npu_job *job = npu_job_create(s->nfile, s->file, inf,
						     &descs[i]);
		int r;

		if (IS_ERR(job)) {
			ret = PTR_ERR(job);
			break;
		}
		s->jobs[i] = job;
		for (r = 0; r < NPU_REGIONS; r++)
			if (job->regions[r])
				npu_submit_add_bo(s->bos, &s->num_bos,
						  &job->regions[r]->base.base,
						  job->cmd_bo->info->output_regions & BIT(r));
	}
	kref_put(&inf->ref, npu_inference_release);
out:
	kvfree(descs);
	return ret;
}

static int npu_submit_in_syncs(struct npu_submit *s, u64 usyncs, u32 count)
{
	struct drm_ethosu_sync *syncs;
	int ret = 0;
	u32 i;

	if (!count)
		return 0;
	syncs = kvmalloc_array(count, sizeof(*syncs), GFP_KERNEL);
	if (!syncs)
		return -ENOMEM;
	if (copy_from_user(syncs, u64_to_user_ptr(usyncs),
			   count * sizeof(*syncs))) {
		ret = -EFAULT;
		goto out;
	}
	for (i = 0; i < count && !ret; i++) {
		if (syncs[i].pad) {
			ret = -EINVAL;
			break;
		}
		/* The first job waits; the others follow it on the queue. */
		ret = drm_dep_job_add_syncobj_dependency(&s->jobs[0]->base,
							 s->file,
							 syncs[i].handle,
							 syncs[i].point);
	}
out:
	kvfree(syncs);
	return ret;
}

static int npu_submit_out_sync(struct npu_submit *s,
			       const struct drm_ethosu_sync *out)
{
	if (out->pad)
		return -EINVAL;
	if (!out->handle)
		return out->point ? -EINVAL : 0;

	s->out_sync = drm_syncobj_find(s->file, out->handle);
	if (!s->out_sync)
		return -ENOENT;
	s->out_point = out->point;
	if (out->point) {
		s->out_chain = dma_fence_chain_alloc();
		if (!s->out_chain)
			return -ENOMEM;
	}
	return 0;
}

/* Locks every reservation object and reserves a fence slot in each. */
static int npu_submit_lock(struct npu_submit *s, struct drm_exec *exec)
{
	unsigned int i;
	int ret = 0;

	drm_exec_until_all_locked(exec) {
		for (i = 0; i < s->num_bos; i++) {
			ret = drm_exec_prepare_obj(exec, s->bos[i].obj, 1);
			drm_exec_retry_on_contention(exec);
			if (ret)
				return ret;
		}
	}
	return 0;
}

static int npu_submit_implicit_deps(struct npu_submit *s)
{
	u32 i;
	int r, ret;

	for (i = 0; i < s->count; i++) {
		struct npu_job *job = s->jobs[i];

		u8 out = job->cmd_bo->info->output_regions;

		for (r = 0; r < NPU_REGIONS; r++) {
			struct npu_bo *bo = job->regions[r];

			if (!bo)
				continue;
			ret = drm_dep_job_add_implicit_dependencies(&job->base,
								    &bo->base.base,
								    out & BIT(r));
			if (ret)
				return ret;
		}
	}
	return 0;
}

static int npu_submit_pm_get(struct npu_submit *s)
{
	u32 i;
	int ret;

	for (i = 0; i < s->count; i++) {
		ret = pm_runtime_resume_and_get(s->jobs[i]->ndev->drm.dev);
		if (ret)
			return ret;
		s->jobs[i]->pm = true;
	}
	return 0;
}

/* The point of no return: nothing in here can fail. */
static void npu_submit_commit(struct npu_submit *s)
{
	struct dma_fence *fence;
	unsigned int i;

	for (i = 0; i < s->count; i++)
		drm_dep_job_arm(&s->jobs[i]->base);
	for (i = 0; i < s->count; i++)
		drm_dep_job_push(&s->jobs[i]->base);

	fence = drm_dep_job_finished_fence(&s->jobs[s->count - 1]->base);
	for (i = 0; i < s->num_bos; i++)
		dma_resv_add_fence(s->bos[i].obj->resv, fence,
				   s->bos[i].write ? DMA_RESV_USAGE_WRITE :
						     DMA_RESV_USAGE_READ);

	if (s->out_chain) {
		/* The chain takes a fence reference of its own. */
		drm_syncobj_add_point(s->out_sync, s->out_chain, fence,
				      s->out_point);
		s->out_chain = NULL;
	} else if (s->out_sync) {
		drm_syncobj_replace_fence(s->out_sync, fence);
	}
}

static int npu_submit(struct drm_device *drm, struct drm_file *file,
		      u64 ujobs, u32 count, u64 usyncs, u32 nsyncs,
		      const struct drm_ethosu_sync *out)
{
	struct npu_submit s = {
		.file = file,
		.nfile = file->driver_priv,
		.count = count,
	};
	struct drm_exec exec;
	int ret, idx;
	u32 i;

	/* As upstream ethosu: an empty submission queues nothing. */
	if (!count)
		return 0;
	if (count > NPU_MAX_JOBS || nsyncs > NPU_MAX_IN_SYNCS)
		return -EINVAL;
	if (!drm_dev_enter(drm, &idx))
		return -ENODEV;
	if (READ_ONCE(s.nfile->ndev->wedged)) {
		drm_dev_exit(idx);
		return -EIO;
	}

	s.jobs = kcalloc(count, sizeof(*s.jobs), GFP_KERNEL);
	s.bos = kvcalloc(count * NPU_REGIONS, sizeof(*s.bos), GFP_KERNEL);
	if (!s.jobs || !s.bos) {
		ret = -ENOMEM;
		goto out_free;
	}

	ret = npu_submit_create_jobs(&s, ujobs);
	if (!ret)
		ret = npu_submit_in_syncs(&s, usyncs, nsyncs);
	if (!ret && out)
		ret = npu_submit_out_sync(&s, out);
	if (!ret)
		ret = npu_submit_pm_get(&s);
	if (ret)
		goto out_put;

	ret = mutex_lock_interruptible(&s.nfile->submit_lock);
	if (ret)
		goto out_put;
	drm_exec_init(&exec, DRM_EXEC_INTERRUPTIBLE_WAIT, s.num_bos);
	ret = npu_submit_lock(&s, &exec);
	if (!ret)
		ret = npu_submit_implicit_deps(&s);
	if (!ret)
		npu_submit_commit(&s);
	drm_exec_fini(&exec);
	mutex_unlock(&s.nfile->submit_lock);

out_put:
	/* After a commit these are the ioctl's references; else the jobs'. */
	for (i = 0; i < count && s.jobs[i]; i++)
		drm_dep_job_put(&s.jobs[i]->base);
	dma_fence_chain_free(s.out_chain);
	if (s.out_sync)
		drm_syncobj_put(s.out_sync);
out_free:
	kvfree(s.bos);
	kfree(s.jobs);
	drm_dev_exit(idx);
	return ret;
}

/**
 * npu_ioctl_submit() - DRM_IOCTL_ETHOSU_SUBMIT
 * @drm: the device
 * @data: struct drm_ethosu_submit
 * @file: the caller's file
 *
 * Context: Process context; may sleep.
 * Return: 0 if every job was queued; otherwise nothing was queued and
 * the error is -EINVAL (bad count, non-zero perfmon_id, SRAM asked for,
 * a handle that is not a command stream, a region bound or left unbound
 * against the stream, a command stream bound as data), -ENOENT (no such
 * handle), -EOVERFLOW (a buffer object smaller than its region needs),
 * -EFAULT, -ENOMEM, -EINTR or -ERESTARTSYS.
 */
int npu_ioctl_submit(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct drm_ethosu_submit *args = data;

	if (args->perfmon_id)
		return -EINVAL;
	return npu_submit(drm, file, args->jobs, args->job_count, 0, 0, NULL);
}

/**
 * npu_ioctl_submit_syncobj() - DRM_IOCTL_ETHOSU_SUBMIT_SYNCOBJ
 * @drm: the device
 * @data: struct drm_ethosu_submit_syncobj
 * @file: the caller's file
 *
 * Context: Process context; may sleep.
 * Return: as npu_ioctl_submit(), and -EINVAL for non-zero flags or
 * padding, too many in-syncs or an in-sync without a fence, and -ENOENT
 * for a syncobj that does not exist.
 */
int npu_ioctl_submit_syncobj(struct drm_device *drm, void *data,
			     struct drm_file *file)
{
	struct drm_ethosu_submit_syncobj *args = data;

	if (args->flags || args->pad)
		return -EINVAL;
	return npu_submit(drm, file, args->jobs, args->job_count,
			  args->in_syncs, args->in_sync_count, &args->out_sync);
}

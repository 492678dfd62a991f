/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright © 2026 The drm_dep authors
 */

#ifndef _NPU_DRV_H_
#define _NPU_DRV_H_

#include <linux/mutex.h>
#include <linux/types.h>

#include <drm/drm_dep.h>
#include <drm/drm_device.h>

#include "npu_pdata.h"

struct regmap;

/**
 * struct npu_core - one NPU core: a register file, an interrupt, an engine
 */
struct npu_core {
	/** @ndev: the device */
	struct npu_device *ndev;
	/** @index: core number, also its platform IRQ index */
	unsigned int index;
	/** @regs: the core's register file */
	struct regmap *regs;
	/** @irq: the core's interrupt */
	int irq;
	/** @engine: the drm_dep engine every file's queue may run on */
	struct drm_dep_engine engine;
	/**
	 * @fault_status: STATUS as the IRQ handler saw it when it reported a
	 * fault; written by the handler, taken by the timeout handler
	 */
	u32 fault_status;
	/**
	 * @last_qread: QREAD at the start of the running job or at the last
	 * timeout that extended it; only run_job() and the timeout handler
	 * touch it, and drm_dep never runs them at once on one engine
	 */
	u32 last_qread;
	/** @jobs_run: jobs started on the core, read locklessly by tests */
	unsigned long jobs_run;
	/**
	 * @resets: resets by the timeout handler that failed a job; only the
	 * handler writes it, tests read it locklessly
	 */
	unsigned long resets;
};

/**
 * struct npu_device - the NPU: a DRM accel device with one or more cores
 */
struct npu_device {
	/** @drm: the DRM device */
	struct drm_device drm;
	/** @num_cores: entries used in @cores */
	unsigned int num_cores;
	/** @cores: the cores */
	struct npu_core cores[NPU_MAX_CORES];
	/** @engines: &npu_core.engine of each core, for drm_dep_queue_init() */
	struct drm_dep_engine *engines[NPU_MAX_CORES];
	/** @id: the ID register of core 0 */
	u32 id;
	/** @config: the CONFIG register of core 0 */
	u32 config;
	/** @timeout_ms: job timeout before a progress check */
	unsigned int timeout_ms;
	/** @jobs_alive: jobs created and not yet freed, for leak checks */
	atomic_t jobs_alive;
	/**
	 * @bos_alive: buffer objects the driver allocated and has not yet
	 * freed, for leak checks; imported ones are not counted. Jobs hold
	 * theirs until they are freed, after their file is closed.
	 */
	atomic_t bos_alive;
	/** @bo_bytes: the size of the buffer objects in @bos_alive */
	atomic_long_t bo_bytes;
	/** @files_lock: protects @files, @files_killed and &npu_file.queue */
	struct mutex files_lock;
	/** @files: the open files, for removal */
	struct list_head files;
	/** @files_killed: removal dropped the files' queues; under @files_lock */
	bool files_killed;
	/**
	 * @wedged: a core did not come out of a reset; every job and
	 * submission fails from then on
	 */
	bool wedged;
};

/**
 * struct npu_file - what the driver keeps of an open file
 */
struct npu_file {
	/** @ndev: the device */
	struct npu_device *ndev;
	/**
	 * @queue: the file's drm_dep queue, one per file; NULL once the
	 * device was removed. Written under &npu_device.files_lock; the
	 * submit path reads it inside drm_dev_enter(), which removal waits
	 * for before it drops the queue.
	 */
	struct drm_dep_queue *queue;
	/** @link: entry in &npu_device.files */
	struct list_head link;
	/**
	 * @submit_lock: serialises the arm and push of this file's jobs,
	 * so that a submission's jobs are armed together and in order
	 */
	struct mutex submit_lock;
};

static inline struct npu_device *to_npu_device(struct drm_device *drm)
{
	return container_of(drm, struct npu_device, drm);
}

static inline struct npu_core *to_npu_core(struct drm_dep_engine *e)
{
	return container_of(e, struct npu_core, engine);
}

/* npu_hw.c */
int npu_hw_reset(struct npu_core *core);
u32 npu_hw_read(struct npu_core *core, unsigned int reg);
void npu_hw_write(struct npu_core *core, unsigned int reg, u32 val);
u32 npu_hw_take_pending(struct npu_core *core, bool *completed);
int npu_hw_request_irqs(struct npu_device *ndev);
void npu_hw_free_irqs(struct npu_device *ndev);
extern const struct dev_pm_ops npu_pm_ops;

/* npu_job.c */
int npu_job_file_open(struct npu_file *nfile);
void npu_job_file_close(struct npu_file *nfile);
void npu_job_kill_files(struct npu_device *ndev);
int npu_ioctl_submit(struct drm_device *drm, void *data,
		     struct drm_file *file);
int npu_ioctl_submit_syncobj(struct drm_device *drm, void *data,
			     struct drm_file *file);

#endif /* _NPU_DRV_H_ */

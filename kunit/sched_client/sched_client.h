/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 The drm_dep authors
 */

#ifndef _SCHED_CLIENT_H_
#define _SCHED_CLIENT_H_

#include <linux/dma-fence.h>
#include <linux/dma-resv.h>
#include <linux/hrtimer.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/stringify.h>

#include <drm/gpu_scheduler.h>

/*
 * The same driver is built twice into one kernel: on the GPU scheduler as
 * written here, and on drm_dep as the semantic patches convert it. The
 * Makefile gives each copy its own SC_PREFIX, which names the global
 * functions and the KUnit suite.
 */
#ifndef SC_PREFIX
#define SC_PREFIX sched_client
#endif
#define __SC_NAME(p, x) p##_##x
#define _SC_NAME(p, x) __SC_NAME(p, x)
#define SC_NAME(x) _SC_NAME(SC_PREFIX, x)
#define SC_SUITE_NAME __stringify(SC_PREFIX)

#define sc_device_init SC_NAME(device_init)
#define sc_device_fini SC_NAME(device_fini)
#define sc_file_open SC_NAME(file_open)
#define sc_file_close SC_NAME(file_close)
#define sc_submit SC_NAME(submit)
#define sc_hang SC_NAME(hang)
#define sc_started SC_NAME(started)

/**
 * struct sc_device - a device with one simulated ring
 */
struct sc_device {
	/** @sched: the scheduler of the ring */
	struct drm_gpu_scheduler sched;
	/** @lock: protects @active and @hung; the hardware fences' lock */
	spinlock_t lock;
	/** @active: hardware fences of the jobs on the ring, oldest first */
	struct list_head active;
	/** @timer: completes the oldest job on the ring, as an IRQ would */
	struct hrtimer timer;
	/** @fence_context: context of the hardware fences */
	u64 fence_context;
	/** @seqno: seqno of the last hardware fence */
	u64 seqno;
	/** @hung: the ring completes nothing until it is reset */
	bool hung;
	/** @resets: number of ring resets */
	unsigned int resets;
};

/**
 * struct sc_file - a client of the device, with its own submission context
 */
struct sc_file {
	/** @sdev: the device */
	struct sc_device *sdev;
	/** @lock: serialises the arm and push of the context's jobs */
	struct mutex lock;
	/** @entity: the context's job queue */
	struct drm_sched_entity entity;
};

int sc_device_init(struct sc_device *sdev, unsigned int timeout_ms);
void sc_device_fini(struct sc_device *sdev);
struct sc_file *sc_file_open(struct sc_device *sdev);
void sc_file_close(struct sc_file *file);
struct dma_fence *sc_submit(struct sc_file *file, struct dma_resv *resv,
			    struct dma_fence *in_fence);
void sc_hang(struct sc_device *sdev);
struct dma_fence *sc_started(struct dma_fence *done);

#endif /* _SCHED_CLIENT_H_ */

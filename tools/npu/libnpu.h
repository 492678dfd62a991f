/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 The drm_dep authors
 *
 * libnpu: a small userspace library for the npu accel driver, on its
 * ethosu-compatible uAPI (include/uapi/drm/ethosu_accel.h) and raw
 * ioctls. Every function that can fail returns 0 or a negative errno.
 */
#ifndef _LIBNPU_H_
#define _LIBNPU_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <drm/drm.h>
#include <drm/ethosu_accel.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* The device node the npu driver gets when it is the only accel device. */
#define NPU_DEFAULT_NODE	"/dev/accel/accel0"

/**
 * struct npu_dev - one open file of the device
 * @fd: the file descriptor
 * @info: the answer to DRM_ETHOSU_DEV_QUERY_NPU_INFO
 */
struct npu_dev {
	int fd;
	struct drm_ethosu_npu_info info;
};

/**
 * struct npu_buf - a buffer object, mapped unless made with NO_MMAP
 * @dev: the file the handle belongs to
 * @handle: the GEM handle
 * @size: the size, rounded up to pages by the kernel
 * @map: the CPU mapping, or NULL
 */
struct npu_buf {
	struct npu_dev *dev;
	uint32_t handle;
	size_t size;
	uint8_t *map;
};

int npu_ioctl(int fd, unsigned long req, void *arg);

int npu_open(struct npu_dev *dev, const char *node);
void npu_close(struct npu_dev *dev);

int npu_buf_create(struct npu_dev *dev, size_t size, uint32_t flags,
		   struct npu_buf *buf);
void npu_buf_destroy(struct npu_buf *buf);
int npu_buf_wait(struct npu_buf *buf, int64_t timeout_ns);
int npu_gem_close(struct npu_dev *dev, uint32_t handle);

int npu_cmd_create(struct npu_dev *dev, const uint32_t *words, size_t count,
		   uint32_t *handle);

int npu_submit(struct npu_dev *dev, const struct drm_ethosu_job *jobs,
	       unsigned int count);
int npu_submit_sync(struct npu_dev *dev, const struct drm_ethosu_job *jobs,
		    unsigned int count, const struct drm_ethosu_sync *in,
		    unsigned int in_count, uint32_t out, uint64_t out_point);

int npu_syncobj_create(struct npu_dev *dev, bool signaled, uint32_t *handle);
int npu_syncobj_destroy(struct npu_dev *dev, uint32_t handle);
int npu_syncobj_wait(struct npu_dev *dev, uint32_t handle, uint64_t point,
		     int64_t timeout_ns);
int npu_syncobj_status(struct npu_dev *dev, uint32_t handle, uint64_t point);
int npu_syncobj_export(struct npu_dev *dev, uint32_t handle, int *fd);
int npu_syncobj_import(struct npu_dev *dev, int fd, uint32_t *handle);

int npu_prime_export(struct npu_buf *buf, int *fd);
int npu_prime_import(struct npu_dev *dev, int fd, size_t size,
		     struct npu_buf *buf);

void npu_job_init(struct drm_ethosu_job *job, uint32_t cmd_bo);

int64_t npu_now_ns(void);
void npu_fill(uint8_t *p, size_t len, uint32_t seed);
void npu_sort_ns(int64_t *v, size_t n);
int npu_load_args(int argc, char **argv, unsigned int *clients,
		  unsigned int *n);

/* The simulated NPU's test knobs in debugfs; see drivers/npu/sim/. */
enum npu_sim_knob {
	NPU_SIM_INJECT,
	NPU_SIM_CMD_DELAY_US,
	NPU_SIM_SLOW_US,
};

/* Values of NPU_SIM_INJECT, as enum npu_sim_injection. */
#define NPU_SIM_NONE		0
#define NPU_SIM_HANG		1
#define NPU_SIM_SLOW		2
#define NPU_SIM_BUS_FAULT	3
#define NPU_SIM_PARSE_ERROR	4

/**
 * struct npu_sim_stats - a simulated core's counters, from debugfs
 * @started: streams started
 * @stopped: streams that reached STOP
 * @bus_faults: streams that ended with a bus fault
 * @parse_errors: streams that ended with a parse error
 * @resets: core resets
 * @irqs: interrupts raised
 */
struct npu_sim_stats {
	uint64_t started, stopped, bus_faults, parse_errors, resets, irqs;
};

long npu_state(const char *key);
int npu_state_idle(long *files, long *bos, long *bytes);

int npu_sim_cores(void);
int npu_sim_set(int core, enum npu_sim_knob knob, unsigned long val);
int npu_sim_set_all(enum npu_sim_knob knob, unsigned long val);
long npu_sim_get(int core, enum npu_sim_knob knob);
int npu_sim_stats(int core, struct npu_sim_stats *st);
int npu_sim_stats_sum(struct npu_sim_stats *st);

#endif /* _LIBNPU_H_ */

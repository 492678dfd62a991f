/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 The drm_dep authors
 */

#ifndef _ETHOSU_ACCEL_H_
#define _ETHOSU_ACCEL_H_

#include "drm.h"

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * DOC: Ethos-U NPU uAPI
 *
 * The ioctls of an Arm Ethos-U-class NPU. Numbers 0 to 9 and their
 * structures are binary compatible with the upstream ethosu driver, so
 * that its userspace runs unchanged; numbers from 10 up are extensions of
 * the npu driver and are marked as such.
 *
 * A client creates buffer objects (BO_CREATE), gives the kernel its
 * command streams (CMDSTREAM_BO_CREATE, which copies and validates them)
 * and submits inferences: SUBMIT takes an array of jobs, each one command
 * stream with up to ETHOSU_MAX_REGIONS buffer objects bound to the
 * regions the stream addresses. Synchronisation is implicit, through the
 * reservation objects of the bound buffer objects (BO_WAIT waits for
 * them), or explicit with SUBMIT_SYNCOBJ.
 *
 * Padding and reserved fields must be zero; every ioctl fails with
 * -EINVAL otherwise.
 */

/**
 * enum drm_ethosu_ioctl_id - ioctl numbers, relative to DRM_COMMAND_BASE
 * @DRM_ETHOSU_DEV_QUERY: query the device, struct drm_ethosu_dev_query.
 * @DRM_ETHOSU_BO_CREATE: create a buffer object, struct drm_ethosu_bo_create.
 * @DRM_ETHOSU_BO_WAIT: wait for the work that uses a buffer object,
 *	struct drm_ethosu_bo_wait.
 * @DRM_ETHOSU_BO_MMAP_OFFSET: the fake offset to mmap() a buffer object
 *	at, struct drm_ethosu_bo_mmap_offset.
 * @DRM_ETHOSU_CMDSTREAM_BO_CREATE: copy and validate a command stream into
 *	a new buffer object, struct drm_ethosu_cmdstream_bo_create.
 * @DRM_ETHOSU_SUBMIT: submit an inference, struct drm_ethosu_submit.
 * @DRM_ETHOSU_PERFMON_CREATE: create a performance monitor. The npu
 *	driver has none: it fails with -EOPNOTSUPP.
 * @DRM_ETHOSU_PERFMON_DESTROY: destroy a performance monitor
 *	(-EOPNOTSUPP).
 * @DRM_ETHOSU_PERFMON_GET_VALUES: read a performance monitor
 *	(-EOPNOTSUPP).
 * @DRM_ETHOSU_PERFMON_SET_GLOBAL: set the global performance monitor
 *	(-EOPNOTSUPP).
 * @DRM_ETHOSU_SUBMIT_SYNCOBJ: npu driver extension: submit an inference
 *	with explicit synchronisation, struct drm_ethosu_submit_syncobj.
 */
enum drm_ethosu_ioctl_id {
	DRM_ETHOSU_DEV_QUERY = 0,
	DRM_ETHOSU_BO_CREATE,
	DRM_ETHOSU_BO_WAIT,
	DRM_ETHOSU_BO_MMAP_OFFSET,
	DRM_ETHOSU_CMDSTREAM_BO_CREATE,
	DRM_ETHOSU_SUBMIT,
	DRM_ETHOSU_PERFMON_CREATE,
	DRM_ETHOSU_PERFMON_DESTROY,
	DRM_ETHOSU_PERFMON_GET_VALUES,
	DRM_ETHOSU_PERFMON_SET_GLOBAL,
	DRM_ETHOSU_SUBMIT_SYNCOBJ = 10,
};

/**
 * enum drm_ethosu_dev_query_type - what DRM_ETHOSU_DEV_QUERY returns
 * @DRM_ETHOSU_DEV_QUERY_NPU_INFO: struct drm_ethosu_npu_info.
 */
enum drm_ethosu_dev_query_type {
	DRM_ETHOSU_DEV_QUERY_NPU_INFO = 0,
};

/**
 * struct drm_ethosu_npu_info - identity of the NPU
 *
 * Returned by DRM_ETHOSU_DEV_QUERY_NPU_INFO. With several cores, every
 * core has the same identity and the values are those of core 0.
 */
struct drm_ethosu_npu_info {
	/**
	 * @id: the ID register: architecture major [31:28], minor [27:20]
	 * and patch [19:16], product [15:12], version major [11:8], minor
	 * [7:4] and status [3:0]; see the DRM_ETHOSU_*() field macros.
	 */
	__u32 id;
#define DRM_ETHOSU_ARCH_MAJOR(x)		((x) >> 28)
#define DRM_ETHOSU_ARCH_MINOR(x)		(((x) >> 20) & 0xff)
#define DRM_ETHOSU_ARCH_PATCH(x)		(((x) >> 16) & 0xf)
#define DRM_ETHOSU_PRODUCT_MAJOR(x)		(((x) >> 12) & 0xf)
#define DRM_ETHOSU_VERSION_MAJOR(x)		(((x) >> 8) & 0xf)
#define DRM_ETHOSU_VERSION_MINOR(x)		(((x) >> 4) & 0xff)
#define DRM_ETHOSU_VERSION_STATUS(x)		((x) & 0xf)

	/**
	 * @config: the CONFIG register: [3:0] log2 of the MACs per cycle,
	 * [7:4] command stream version.
	 */
	__u32 config;

	/** @sram_size: bytes of on-chip SRAM a job may use; 0 if none. */
	__u32 sram_size;

	/** @pmu_counters: event counters of the PMU; 0: none exposed. */
	__u32 pmu_counters;
};

/**
 * struct drm_ethosu_dev_query - argument of DRM_ETHOSU_DEV_QUERY
 *
 * With @pointer 0 the ioctl sets @size to the size of the answer. With a
 * pointer it copies min(@size, the answer's size) bytes there, zeroes the
 * rest up to @size, and sets @size to the bytes it wrote.
 */
struct drm_ethosu_dev_query {
	/** @type: enum drm_ethosu_dev_query_type. */
	__u32 type;

	/**
	 * @size: in: the room at @pointer, at least up to and including
	 * &drm_ethosu_npu_info.sram_size; out: see above.
	 */
	__u32 size;

	/** @pointer: user pointer to the answer, or 0. */
	__u64 pointer;
};

/**
 * enum drm_ethosu_bo_flags - flags of DRM_ETHOSU_BO_CREATE
 * @DRM_ETHOSU_BO_NO_MMAP: the buffer object may not be mapped by the CPU.
 */
enum drm_ethosu_bo_flags {
	DRM_ETHOSU_BO_NO_MMAP = (1 << 0),
};

/**
 * struct drm_ethosu_bo_create - argument of DRM_ETHOSU_BO_CREATE
 *
 * Buffer objects are physically contiguous and zeroed.
 */
struct drm_ethosu_bo_create {
	/** @size: in: bytes requested, not 0; out: rounded up to pages. */
	__u64 size;

	/** @flags: in: enum drm_ethosu_bo_flags. */
	__u32 flags;

	/** @handle: out: the GEM handle. */
	__u32 handle;
};

/**
 * struct drm_ethosu_bo_mmap_offset - argument of DRM_ETHOSU_BO_MMAP_OFFSET
 */
struct drm_ethosu_bo_mmap_offset {
	/**
	 * @handle: in: the buffer object; one made with
	 * DRM_ETHOSU_BO_NO_MMAP has an offset too, but mmap() refuses it.
	 */
	__u32 handle;

	/** @pad: must be 0. */
	__u32 pad;

	/** @offset: out: the offset to pass to mmap() on the device file. */
	__u64 offset;
};

/**
 * struct drm_ethosu_bo_wait - argument of DRM_ETHOSU_BO_WAIT
 *
 * Waits until every job submitted so far that reads or writes the buffer
 * object has completed. Returns 0 once they have, -ETIME if @timeout_ns
 * passes first (a deadline in the past polls), -EINVAL for a handle that
 * does not exist, or -ERESTARTSYS on a signal.
 */
struct drm_ethosu_bo_wait {
	/** @handle: in: the buffer object. */
	__u32 handle;

	/** @pad: must be 0. */
	__u32 pad;

	/** @timeout_ns: in: absolute CLOCK_MONOTONIC deadline in ns. */
	__s64 timeout_ns;
};

/**
 * struct drm_ethosu_cmdstream_bo_create - argument of
 * DRM_ETHOSU_CMDSTREAM_BO_CREATE
 *
 * The kernel copies the stream into a buffer object of its own, which
 * userspace can neither map nor bind as a data region, and validates it
 * while it copies: the stream must be made of whole commands and end with
 * NPU_OP_STOP, and every operation must have the state it reads. The
 * validator records the bytes each region must have; SUBMIT checks them
 * against the buffer objects bound. A stream that fails validation gives
 * -EINVAL and no handle.
 */
struct drm_ethosu_cmdstream_bo_create {
	/** @size: in: bytes at @data, a non-zero multiple of 4. */
	__u32 size;

	/** @flags: in: must be 0. */
	__u32 flags;

	/** @data: in: user pointer to the stream. */
	__u64 data;

	/** @handle: out: the GEM handle of the command stream buffer object. */
	__u32 handle;

	/** @pad: must be 0. */
	__u32 pad;
};

/**
 * struct drm_ethosu_job - one job of an inference
 *
 * A job runs one command stream on one NPU core. Each region the stream
 * addresses needs a buffer object at least as large as the validator
 * computed; a region the stream does not address must have no handle.
 */
struct drm_ethosu_job {
	/** @cmd_bo: handle of a command stream buffer object. */
	__u32 cmd_bo;

	/**
	 * @sram_size: bytes of SRAM the job uses as region 2, at most
	 * &drm_ethosu_npu_info.sram_size; region 2 then has no handle.
	 */
	__u32 sram_size;

#define ETHOSU_MAX_REGIONS	8
	/** @region_bo_handles: buffer object of each region, or 0. */
	__u32 region_bo_handles[ETHOSU_MAX_REGIONS];
};

/**
 * struct drm_ethosu_submit - argument of DRM_ETHOSU_SUBMIT
 *
 * Submits one inference: its jobs run in array order, on one core. If a
 * job fails, the jobs after it are cancelled and complete with an error.
 * The ioctl queues all of the jobs or, if it fails, none of them: the npu
 * driver never leaves part of an inference queued (upstream ethosu keeps
 * the jobs before the one that failed).
 */
struct drm_ethosu_submit {
	/** @jobs: user pointer to an array of struct drm_ethosu_job. */
	__u64 jobs;

	/** @job_count: number of jobs, at most 64; 0 queues nothing. */
	__u32 job_count;

	/**
	 * @perfmon_id: a performance monitor; must be 0, as the npu driver
	 * has none.
	 */
	__u32 perfmon_id;
};

#define DRM_ETHOSU_MAX_PERF_EVENT_COUNTERS	8
#define DRM_ETHOSU_MAX_PERF_COUNTERS	(DRM_ETHOSU_MAX_PERF_EVENT_COUNTERS + 1)

/**
 * struct drm_ethosu_perfmon_create - argument of DRM_ETHOSU_PERFMON_CREATE
 *
 * Kept for the ioctl number; the npu driver fails it with -EOPNOTSUPP.
 */
struct drm_ethosu_perfmon_create {
	/** @id: out: the performance monitor. */
	__u32 id;

	/** @ncounters: in: entries of @counters used. */
	__u32 ncounters;

	/** @counters: in: the events to count. */
	__u16 counters[DRM_ETHOSU_MAX_PERF_EVENT_COUNTERS];
};

/**
 * struct drm_ethosu_perfmon_destroy - argument of DRM_ETHOSU_PERFMON_DESTROY
 */
struct drm_ethosu_perfmon_destroy {
	/** @id: in: the performance monitor. */
	__u32 id;
};

/**
 * struct drm_ethosu_perfmon_get_values - argument of
 * DRM_ETHOSU_PERFMON_GET_VALUES
 */
struct drm_ethosu_perfmon_get_values {
	/** @id: in: the performance monitor. */
	__u32 id;

	/** @pad: must be 0. */
	__u32 pad;

	/** @values_ptr: in: user pointer to ncounters + 1 __u64. */
	__u64 values_ptr;
};

#define DRM_ETHOSU_PERFMON_CLEAR_GLOBAL		0x0001

/**
 * struct drm_ethosu_perfmon_set_global - argument of
 * DRM_ETHOSU_PERFMON_SET_GLOBAL
 */
struct drm_ethosu_perfmon_set_global {
	/** @flags: in: DRM_ETHOSU_PERFMON_CLEAR_GLOBAL or 0. */
	__u32 flags;

	/** @id: in: the performance monitor. */
	__u32 id;
};

/**
 * struct drm_ethosu_sync - a syncobj and a point on it (npu extension)
 */
struct drm_ethosu_sync {
	/** @handle: the syncobj. */
	__u32 handle;

	/** @pad: must be 0. */
	__u32 pad;

	/**
	 * @point: a point on a timeline syncobj, or 0 for a binary syncobj
	 * (an in-fence is then its current fence; an out-fence replaces it).
	 */
	__u64 point;
};

/**
 * struct drm_ethosu_submit_syncobj - argument of DRM_ETHOSU_SUBMIT_SYNCOBJ
 * (npu extension)
 *
 * As DRM_ETHOSU_SUBMIT, with explicit synchronisation besides the
 * implicit one: the inference's first job waits for the fence of every
 * in-sync (the ioctl fails with -EINVAL if one has none yet), and the
 * fence of its last job, which signals when the inference is done, is
 * installed in the out-sync.
 */
struct drm_ethosu_submit_syncobj {
	/** @jobs: user pointer to an array of struct drm_ethosu_job. */
	__u64 jobs;

	/** @job_count: number of jobs, at most 64; 0 queues nothing. */
	__u32 job_count;

	/** @in_sync_count: number of entries at @in_syncs, at most 64. */
	__u32 in_sync_count;

	/** @in_syncs: user pointer to an array of struct drm_ethosu_sync. */
	__u64 in_syncs;

	/** @out_sync: where the inference's fence goes; handle 0: nowhere. */
	struct drm_ethosu_sync out_sync;

	/** @flags: must be 0. */
	__u32 flags;

	/** @pad: must be 0. */
	__u32 pad;
};

#define DRM_IOCTL_ETHOSU(dir, nr, type) \
	DRM_IO##dir(DRM_COMMAND_BASE + DRM_ETHOSU_##nr, struct drm_ethosu_##type)

enum {
	DRM_IOCTL_ETHOSU_DEV_QUERY =
		DRM_IOCTL_ETHOSU(WR, DEV_QUERY, dev_query),
	DRM_IOCTL_ETHOSU_BO_CREATE =
		DRM_IOCTL_ETHOSU(WR, BO_CREATE, bo_create),
	DRM_IOCTL_ETHOSU_BO_WAIT =
		DRM_IOCTL_ETHOSU(WR, BO_WAIT, bo_wait),
	DRM_IOCTL_ETHOSU_BO_MMAP_OFFSET =
		DRM_IOCTL_ETHOSU(WR, BO_MMAP_OFFSET, bo_mmap_offset),
	DRM_IOCTL_ETHOSU_CMDSTREAM_BO_CREATE =
		DRM_IOCTL_ETHOSU(WR, CMDSTREAM_BO_CREATE, cmdstream_bo_create),
	DRM_IOCTL_ETHOSU_SUBMIT =
		DRM_IOCTL_ETHOSU(WR, SUBMIT, submit),
	DRM_IOCTL_ETHOSU_PERFMON_CREATE =
		DRM_IOCTL_ETHOSU(WR, PERFMON_CREATE, perfmon_create),
	DRM_IOCTL_ETHOSU_PERFMON_DESTROY =
		DRM_IOCTL_ETHOSU(WR, PERFMON_DESTROY, perfmon_destroy),
	DRM_IOCTL_ETHOSU_PERFMON_GET_VALUES =
		DRM_IOCTL_ETHOSU(WR, PERFMON_GET_VALUES, perfmon_get_values),
	DRM_IOCTL_ETHOSU_PERFMON_SET_GLOBAL =
		DRM_IOCTL_ETHOSU(WR, PERFMON_SET_GLOBAL, perfmon_set_global),
	DRM_IOCTL_ETHOSU_SUBMIT_SYNCOBJ =
		DRM_IOCTL_ETHOSU(WR, SUBMIT_SYNCOBJ, submit_syncobj),
};

#if defined(__cplusplus)
}
#endif

#endif /* _ETHOSU_ACCEL_H_ */

// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * npu_e2e: bad input to every ioctl. Each case makes one call that must
 * fail with a given errno, then checks that it left nothing behind: the
 * file's buffer objects are idle (no fence was published), no file
 * descriptor appeared, the device still computes correctly, and once the
 * file is closed the driver holds no more files, jobs or buffer objects
 * than before.
 */
#include <errno.h>
#include <dirent.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "npu_e2e.h"

/**
 * struct bad_ctx - valid objects a bad call can be built from
 * @dev: an open file
 * @copy: a valid copy job's buffers and stream (regions 0 and 1)
 * @small: a buffer object of one page
 * @sync_empty: a syncobj with no fence
 * @sync_done: a syncobj with a signalled fence
 * @job: a valid description of the copy job
 */
struct bad_ctx {
	struct npu_dev dev;
	struct e2e_copy copy;
	struct npu_buf small;
	uint32_t sync_empty, sync_done;
	struct drm_ethosu_job job;
};

static int bad_fds(void)
{
	struct dirent *d;
	DIR *dir = opendir("/proc/self/fd");
	int n = 0;

	if (!dir)
		return -errno;
	while ((d = readdir(dir)))
		n++;
	closedir(dir);

	return n;
}

static int bad_submit(struct bad_ctx *x, struct drm_ethosu_job *jobs,
		      unsigned int count)
{
	return npu_submit(&x->dev, jobs, count);
}

static int bad_run(int (*call)(struct bad_ctx *x), int expect)
{
	long files, bos, bytes;
	struct bad_ctx x;
	int fds, ret;

	E2E_OK(npu_state_idle(&files, &bos, &bytes));
	E2E_OK(npu_open(&x.dev, NULL));
	E2E_OK(e2e_copy_init(&x.dev, &x.copy, 8192));
	E2E_OK(npu_buf_create(&x.dev, 4096, 0, &x.small));
	E2E_OK(npu_syncobj_create(&x.dev, false, &x.sync_empty));
	E2E_OK(npu_syncobj_create(&x.dev, true, &x.sync_done));
	e2e_copy_job(&x.copy, &x.job);
	fds = bad_fds();

	ret = call(&x);
	E2E_CHECK(ret == -expect, "returned %d (%s), expected -%s", ret,
		  strerror(-ret), strerrorname_np(expect));
	E2E_CHECK(bad_fds() == fds, "a file descriptor was left open");
	/* Nothing was queued: every buffer object is idle at once. */
	E2E_OK(npu_buf_wait(&x.copy.src, 0));
	E2E_OK(npu_buf_wait(&x.copy.dst, 0));
	E2E_OK(npu_buf_wait(&x.small, 0));
	/* The same file still works, and so does a new one. */
	E2E_OK(e2e_copy_run(&x.dev, &x.copy, 1));
	npu_syncobj_destroy(&x.dev, x.sync_done);
	npu_syncobj_destroy(&x.dev, x.sync_empty);
	npu_buf_destroy(&x.small);
	e2e_copy_fini(&x.copy);
	npu_close(&x.dev);
	E2E_OK(e2e_settled(files, bos, bytes));

	return e2e_device_works();
}

/* BAD(name, errno): the call, and a case that runs it. */
#define BAD(name, err)							\
	static int bad_##name(struct bad_ctx *x);			\
	static int case_##name(void)					\
	{								\
		return bad_run(bad_##name, err);			\
	}								\
	static int bad_##name(struct bad_ctx *x)

/* DEV_QUERY */

BAD(query_type, EINVAL)
{
	struct drm_ethosu_npu_info info;
	struct drm_ethosu_dev_query q = {
		.type = 1, .size = sizeof(info), .pointer = (uintptr_t)&info,
	};

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_DEV_QUERY, &q);
}

BAD(query_short, EINVAL)
{
	struct drm_ethosu_npu_info info;
	struct drm_ethosu_dev_query q = {
		.size = 8, .pointer = (uintptr_t)&info,
	};

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_DEV_QUERY, &q);
}

BAD(query_fault, EFAULT)
{
	struct drm_ethosu_dev_query q = { .size = 16, .pointer = 8 };

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_DEV_QUERY, &q);
}

/* BO_CREATE */

BAD(bo_create_zero, EINVAL)
{
	struct drm_ethosu_bo_create c = { 0 };

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_BO_CREATE, &c);
}

BAD(bo_create_flags, EINVAL)
{
	struct drm_ethosu_bo_create c = { .size = 4096, .flags = 2 };

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_BO_CREATE, &c);
}

/* Larger than the page allocator's largest block: no contiguous memory. */
BAD(bo_create_64m, ENOMEM)
{
	struct drm_ethosu_bo_create c = { .size = 64 << 20 };

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_BO_CREATE, &c);
}

/* Larger than the device's mmap offset space, which is allocated first. */
BAD(bo_create_huge, ENOSPC)
{
	struct drm_ethosu_bo_create c = { .size = 1ULL << 46 };

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_BO_CREATE, &c);
}

BAD(bo_create_wrap, EINVAL)
{
	struct drm_ethosu_bo_create c = { .size = ~0ULL };

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_BO_CREATE, &c);
}

/* BO_WAIT */

BAD(bo_wait_handle, EINVAL)
{
	struct drm_ethosu_bo_wait w = { .handle = 999 };

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_BO_WAIT, &w);
}

BAD(bo_wait_pad, EINVAL)
{
	struct drm_ethosu_bo_wait w = { .handle = x->small.handle, .pad = 1 };

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_BO_WAIT, &w);
}

/* BO_MMAP_OFFSET and mmap */

BAD(mmap_offset_handle, ENOENT)
{
	struct drm_ethosu_bo_mmap_offset m = { .handle = 999 };

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_BO_MMAP_OFFSET, &m);
}

BAD(mmap_offset_pad, EINVAL)
{
	struct drm_ethosu_bo_mmap_offset m = {
		.handle = x->small.handle, .pad = 1,
	};

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_BO_MMAP_OFFSET, &m);
}

BAD(mmap_no_mmap, EPERM)
{
	struct drm_ethosu_bo_mmap_offset m = { 0 };
	struct npu_buf b;
	void *p;
	int ret;

	ret = npu_buf_create(&x->dev, 4096, DRM_ETHOSU_BO_NO_MMAP, &b);
	if (ret)
		return ret;
	m.handle = b.handle;
	ret = npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_BO_MMAP_OFFSET, &m);
	if (!ret) {
		p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, x->dev.fd,
			 m.offset);
		ret = p == MAP_FAILED ? -errno : 0;
		if (!ret)
			munmap(p, 4096);
	}
	npu_buf_destroy(&b);

	return ret;
}

BAD(mmap_cmdstream, EPERM)
{
	struct drm_ethosu_bo_mmap_offset m = { .handle = x->copy.cmd };
	void *p;
	int ret;

	ret = npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_BO_MMAP_OFFSET, &m);
	if (ret)
		return ret;
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, x->dev.fd, m.offset);
	if (p == MAP_FAILED)
		return -errno;
	munmap(p, 4096);

	return 0;
}

/* CMDSTREAM_BO_CREATE */

static int bad_stream(struct bad_ctx *x, const uint32_t *w, uint32_t size,
		      uint32_t flags, uint32_t pad)
{
	struct drm_ethosu_cmdstream_bo_create c = {
		.size = size, .flags = flags, .pad = pad,
		.data = (uintptr_t)w,
	};
	int ret;

	ret = npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_CMDSTREAM_BO_CREATE, &c);
	if (!ret)
		npu_gem_close(&x->dev, c.handle);

	return ret;
}

/* End an encoded stream, try to create it, free it. */
static int bad_enc(struct bad_ctx *x, struct npu_enc *e)
{
	int ret;

	npu_enc_stop(e);
	ret = e->err ? -ENOMEM : bad_stream(x, e->w, e->n * 4, 0, 0);
	npu_enc_free(e);

	return ret;
}

static const uint32_t bad_stop[] = { NPU_OP_STOP };

BAD(stream_zero, EINVAL)
{
	return bad_stream(x, bad_stop, 0, 0, 0);
}

BAD(stream_unaligned, EINVAL)
{
	return bad_stream(x, bad_stop, 6, 0, 0);
}

BAD(stream_flags, EINVAL)
{
	return bad_stream(x, bad_stop, 4, 1, 0);
}

BAD(stream_pad, EINVAL)
{
	return bad_stream(x, bad_stop, 4, 0, 1);
}

BAD(stream_null, EINVAL)
{
	return bad_stream(x, NULL, 4, 0, 0);
}

BAD(stream_fault, EFAULT)
{
	return bad_stream(x, (const uint32_t *)16, 4, 0, 0);
}

BAD(stream_huge, EINVAL)
{
	return bad_stream(x, bad_stop, 1u << 31, 0, 0);
}

BAD(stream_no_stop, EINVAL)
{
	static const uint32_t w[] = { NPU_OP_DMA_WAIT };

	return bad_stream(x, w, sizeof(w), 0, 0);
}

BAD(stream_two_stops, EINVAL)
{
	static const uint32_t w[] = { NPU_OP_STOP, NPU_OP_STOP };

	return bad_stream(x, w, sizeof(w), 0, 0);
}

BAD(stream_truncated_cmd1, EINVAL)
{
	static const uint32_t w[] = { NPU_OP_STOP, NPU_SET_DMA0_SRC };

	return bad_stream(x, w, sizeof(w), 0, 0);
}

BAD(stream_region_8, EINVAL)
{
	struct npu_enc e;

	npu_enc_init(&e);
	npu_enc_dma(&e, 8, 0, 1, 0, 16);

	return bad_enc(x, &e);
}

BAD(stream_dma_no_len, EINVAL)
{
	struct npu_enc e;

	npu_enc_init(&e);
	npu_enc_cmd(&e, NPU_SET_DMA0_SRC_REGION, 0);
	npu_enc_cmd(&e, NPU_SET_DMA0_DST_REGION, 1);
	npu_enc_cmd(&e, NPU_SET_DMA0_SRC, 0);
	npu_enc_cmd(&e, NPU_SET_DMA0_DST, 0);
	npu_enc_cmd(&e, NPU_OP_DMA_START, 0);

	return bad_enc(x, &e);
}

BAD(stream_pad_exceeds_ifm, EINVAL)
{
	static const struct npu_fm ifm = { 1, 0, 1, 1, 8, true, 0 };
	static const struct npu_fm ofm = { 2, 0, 1, 1, 8, true, 0 };
	static const struct npu_kernel k = { 1, 1, 1, 1, 1, 1, 1, 1 };
	static const struct npu_out out = { .lo = -128, .hi = 127 };
	struct npu_enc e;

	npu_enc_init(&e);
	npu_enc_pool(&e, NPU_POOL_MAX, &ifm, &k, &ofm, &out);

	return bad_enc(x, &e);
}

/* SUBMIT */

BAD(submit_perfmon, EINVAL)
{
	struct drm_ethosu_submit s = {
		.jobs = (uintptr_t)&x->job, .job_count = 1, .perfmon_id = 1,
	};

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_SUBMIT, &s);
}

BAD(submit_too_many, EINVAL)
{
	struct drm_ethosu_job jobs[65];
	unsigned int i;

	for (i = 0; i < 65; i++)
		jobs[i] = x->job;

	return bad_submit(x, jobs, 65);
}

BAD(submit_fault, EFAULT)
{
	return bad_submit(x, (struct drm_ethosu_job *)16, 1);
}

BAD(submit_no_cmd, ENOENT)
{
	x->job.cmd_bo = 999;

	return bad_submit(x, &x->job, 1);
}

BAD(submit_data_as_cmd, EINVAL)
{
	x->job.cmd_bo = x->small.handle;

	return bad_submit(x, &x->job, 1);
}

BAD(submit_missing_region, EINVAL)
{
	x->job.region_bo_handles[1] = 0;

	return bad_submit(x, &x->job, 1);
}

BAD(submit_unused_region, EINVAL)
{
	x->job.region_bo_handles[5] = x->small.handle;

	return bad_submit(x, &x->job, 1);
}

BAD(submit_bad_region, ENOENT)
{
	x->job.region_bo_handles[0] = 999;

	return bad_submit(x, &x->job, 1);
}

BAD(submit_region_too_small, EOVERFLOW)
{
	x->job.region_bo_handles[1] = x->small.handle;

	return bad_submit(x, &x->job, 1);
}

BAD(submit_cmd_as_region, EINVAL)
{
	x->job.region_bo_handles[0] = x->copy.cmd;

	return bad_submit(x, &x->job, 1);
}

BAD(submit_sram, EINVAL)
{
	x->job.sram_size = 4096;

	return bad_submit(x, &x->job, 1);
}

/* A bad second job: the first, valid, must not be queued either. */
BAD(submit_second_bad, ENOENT)
{
	struct drm_ethosu_job jobs[2] = { x->job, x->job };

	jobs[1].region_bo_handles[0] = 999;

	return bad_submit(x, jobs, 2);
}

/* SUBMIT_SYNCOBJ */

static int bad_submit_sync(struct bad_ctx *x,
			   struct drm_ethosu_submit_syncobj *s)
{
	s->jobs = (uintptr_t)&x->job;
	s->job_count = 1;

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_SUBMIT_SYNCOBJ, s);
}

BAD(sync_flags, EINVAL)
{
	struct drm_ethosu_submit_syncobj s = { .flags = 1 };

	return bad_submit_sync(x, &s);
}

BAD(sync_pad, EINVAL)
{
	struct drm_ethosu_submit_syncobj s = { .pad = 1 };

	return bad_submit_sync(x, &s);
}

BAD(sync_too_many_in, EINVAL)
{
	struct drm_ethosu_sync in[65] = { 0 };
	struct drm_ethosu_submit_syncobj s = {
		.in_syncs = (uintptr_t)in, .in_sync_count = 65,
	};
	unsigned int i;

	for (i = 0; i < 65; i++)
		in[i].handle = x->sync_done;

	return bad_submit_sync(x, &s);
}

BAD(sync_in_fault, EFAULT)
{
	struct drm_ethosu_submit_syncobj s = {
		.in_syncs = 16, .in_sync_count = 1,
	};

	return bad_submit_sync(x, &s);
}

BAD(sync_in_pad, EINVAL)
{
	struct drm_ethosu_sync in = { .handle = x->sync_done, .pad = 1 };
	struct drm_ethosu_submit_syncobj s = {
		.in_syncs = (uintptr_t)&in, .in_sync_count = 1,
	};

	return bad_submit_sync(x, &s);
}

BAD(sync_in_handle, ENOENT)
{
	struct drm_ethosu_sync in = { .handle = 999 };
	struct drm_ethosu_submit_syncobj s = {
		.in_syncs = (uintptr_t)&in, .in_sync_count = 1,
	};

	return bad_submit_sync(x, &s);
}

BAD(sync_in_no_fence, EINVAL)
{
	struct drm_ethosu_sync in = { .handle = x->sync_empty };
	struct drm_ethosu_submit_syncobj s = {
		.in_syncs = (uintptr_t)&in, .in_sync_count = 1,
	};

	return bad_submit_sync(x, &s);
}

BAD(sync_out_handle, ENOENT)
{
	struct drm_ethosu_submit_syncobj s = { .out_sync.handle = 999 };

	return bad_submit_sync(x, &s);
}

BAD(sync_out_pad, EINVAL)
{
	struct drm_ethosu_submit_syncobj s = {
		.out_sync = { .handle = x->sync_empty, .pad = 1 },
	};

	return bad_submit_sync(x, &s);
}

BAD(sync_out_point_no_handle, EINVAL)
{
	struct drm_ethosu_submit_syncobj s = { .out_sync.point = 3 };

	return bad_submit_sync(x, &s);
}

/* PERFMON: the npu driver has none. */

BAD(perfmon_create, EOPNOTSUPP)
{
	struct drm_ethosu_perfmon_create p = { .ncounters = 1 };

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_PERFMON_CREATE, &p);
}

BAD(perfmon_get_values, EOPNOTSUPP)
{
	struct drm_ethosu_perfmon_get_values p = { .id = 1 };

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_PERFMON_GET_VALUES, &p);
}

BAD(perfmon_destroy, EOPNOTSUPP)
{
	struct drm_ethosu_perfmon_destroy p = { .id = 1 };

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_PERFMON_DESTROY, &p);
}

BAD(perfmon_set_global, EOPNOTSUPP)
{
	struct drm_ethosu_perfmon_set_global p = { .flags = 0 };

	return npu_ioctl(x->dev.fd, DRM_IOCTL_ETHOSU_PERFMON_SET_GLOBAL, &p);
}

/* An ioctl number past the driver's table. */
BAD(ioctl_unknown, EINVAL)
{
	struct drm_ethosu_bo_create c = { .size = 4096 };

	return npu_ioctl(x->dev.fd,
			 DRM_IOWR(DRM_COMMAND_BASE + 11,
				  struct drm_ethosu_bo_create), &c);
}

#define BAD_CASE(name) { "bad_" #name, case_##name }

const struct e2e_case e2e_bad_cases[] = {
	BAD_CASE(query_type),
	BAD_CASE(query_short),
	BAD_CASE(query_fault),
	BAD_CASE(bo_create_zero),
	BAD_CASE(bo_create_flags),
	BAD_CASE(bo_create_64m),
	BAD_CASE(bo_create_huge),
	BAD_CASE(bo_create_wrap),
	BAD_CASE(bo_wait_handle),
	BAD_CASE(bo_wait_pad),
	BAD_CASE(mmap_offset_handle),
	BAD_CASE(mmap_offset_pad),
	BAD_CASE(mmap_no_mmap),
	BAD_CASE(mmap_cmdstream),
	BAD_CASE(stream_zero),
	BAD_CASE(stream_unaligned),
	BAD_CASE(stream_flags),
	BAD_CASE(stream_pad),
	BAD_CASE(stream_null),
	BAD_CASE(stream_fault),
	BAD_CASE(stream_huge),
	BAD_CASE(stream_no_stop),
	BAD_CASE(stream_two_stops),
	BAD_CASE(stream_truncated_cmd1),
	BAD_CASE(stream_region_8),
	BAD_CASE(stream_dma_no_len),
	BAD_CASE(stream_pad_exceeds_ifm),
	BAD_CASE(submit_perfmon),
	BAD_CASE(submit_too_many),
	BAD_CASE(submit_fault),
	BAD_CASE(submit_no_cmd),
	BAD_CASE(submit_data_as_cmd),
	BAD_CASE(submit_missing_region),
	BAD_CASE(submit_unused_region),
	BAD_CASE(submit_bad_region),
	BAD_CASE(submit_region_too_small),
	BAD_CASE(submit_cmd_as_region),
	BAD_CASE(submit_sram),
	BAD_CASE(submit_second_bad),
	BAD_CASE(sync_flags),
	BAD_CASE(sync_pad),
	BAD_CASE(sync_too_many_in),
	BAD_CASE(sync_in_fault),
	BAD_CASE(sync_in_pad),
	BAD_CASE(sync_in_handle),
	BAD_CASE(sync_in_no_fence),
	BAD_CASE(sync_out_handle),
	BAD_CASE(sync_out_pad),
	BAD_CASE(sync_out_point_no_handle),
	BAD_CASE(perfmon_create),
	BAD_CASE(perfmon_get_values),
	BAD_CASE(perfmon_destroy),
	BAD_CASE(perfmon_set_global),
	BAD_CASE(ioctl_unknown),
};

const unsigned int e2e_bad_count =
	ARRAY_SIZE(e2e_bad_cases);

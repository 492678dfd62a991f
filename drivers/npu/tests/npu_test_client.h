/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright © 2026 The drm_dep authors
 */

#ifndef _NPU_TEST_CLIENT_H_
#define _NPU_TEST_CLIENT_H_

#include <linux/types.h>

#include <drm/ethosu_accel.h>

struct dma_fence;
struct file;
struct kunit;
struct npu_bo;
struct npu_device;

/**
 * struct npu_test_client - an open file of the NPU, driven like userspace
 *
 * The file is a real one, made with mock_drm_getfile(); its ioctls go
 * through drm_ioctl() with their arguments in user memory that the test
 * maps with kunit_vm_mmap(), so they take the path userspace takes.
 */
struct npu_test_client {
	/** @test: the test */
	struct kunit *test;
	/** @filp: the file */
	struct file *filp;
	/** @user: NPU_TEST_USER_SIZE bytes of user memory */
	void __user *user;
};

/* User memory of a client: the ioctl argument, then a payload area. */
#define NPU_TEST_USER_SIZE	SZ_64K
#define NPU_TEST_ARG_SIZE	SZ_4K

/**
 * struct npu_test_stream - a command stream being built
 */
struct npu_test_stream {
	/** @words: the stream */
	u32 words[256];
	/** @n: words used */
	unsigned int n;
};

struct npu_device *npu_test_device(struct kunit *test);
struct npu_test_client *npu_test_open(struct kunit *test);
void npu_test_close(struct npu_test_client *c);
int npu_test_ioctl(struct npu_test_client *c, unsigned int cmd, void *arg,
		   size_t size);
void __user *npu_test_payload(struct npu_test_client *c, const void *data,
			      size_t size);

u32 npu_test_bo(struct npu_test_client *c, size_t size);
struct npu_bo *npu_test_lookup(struct npu_test_client *c, u32 handle);
void *npu_test_vaddr(struct npu_test_client *c, u32 handle);
int npu_test_cmdstream(struct npu_test_client *c,
		       const struct npu_test_stream *s, u32 *handle);
u32 npu_test_syncobj(struct npu_test_client *c);
struct dma_fence *npu_test_syncobj_fence(struct npu_test_client *c,
					 u32 handle);
int npu_test_submit(struct npu_test_client *c,
		    const struct drm_ethosu_job *jobs, u32 count, u32 out_sync);
int npu_test_wait(struct npu_test_client *c, u32 handle);

void npu_test_emit0(struct npu_test_stream *s, u32 code, u16 param);
void npu_test_emit1(struct npu_test_stream *s, u32 code, u64 value);
void npu_test_dma_copy(struct npu_test_stream *s, u32 src_region,
		       u64 src, u32 dst_region, u64 dst, u32 len);
void npu_test_stop(struct npu_test_stream *s);

bool npu_test_idle(struct npu_device *ndev, unsigned int timeout_ms);

#endif /* _NPU_TEST_CLIENT_H_ */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mman.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/uaccess.h>

#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_syncobj.h>

#include "npu_drv.h"
#include "npu_gem.h"
#include "npu_regs.h"
#include "npu_test_client.h"

static int npu_test_match(struct device *dev, const void *data)
{
	return dev->driver && !strcmp(to_platform_device(dev)->name, "npu");
}

/* The NPU the simulated NPU registered and the driver bound to. */
struct npu_device *npu_test_device(struct kunit *test)
{
	struct npu_device *ndev;
	struct device *dev;

	dev = bus_find_device(&platform_bus_type, NULL, NULL, npu_test_match);
	KUNIT_ASSERT_NOT_NULL_MSG(test, dev, "no npu device bound");
	ndev = dev_get_drvdata(dev);
	put_device(dev);
	return ndev;
}

static void npu_test_close_action(void *arg)
{
	npu_test_close(arg);
}

struct npu_test_client *npu_test_open(struct kunit *test)
{
	struct npu_device *ndev = npu_test_device(test);
	struct npu_test_client *c;
	unsigned long user;

	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	c->test = test;

	user = kunit_vm_mmap(test, NULL, 0, NPU_TEST_USER_SIZE,
			     PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(user));
	c->user = (void __user *)user;

	c->filp = mock_drm_getfile(ndev->drm.accel, O_RDWR);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->filp));
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, npu_test_close_action,
						  c));
	return c;
}

/* Closes the file now: its release runs before this returns. */
void npu_test_close(struct npu_test_client *c)
{
	if (!c->filp)
		return;
	fput(c->filp);
	c->filp = NULL;
	/* A kernel thread's fput() is deferred; run it here. */
	flush_delayed_fput();
}

int npu_test_ioctl(struct npu_test_client *c, unsigned int cmd, void *arg,
		   size_t size)
{
	long ret;

	if (WARN_ON(size > NPU_TEST_ARG_SIZE) ||
	    copy_to_user(c->user, arg, size))
		return -EFAULT;
	ret = c->filp->f_op->unlocked_ioctl(c->filp, cmd,
					    (unsigned long)c->user);
	if (copy_from_user(arg, c->user, size))
		return -EFAULT;
	return ret;
}

/* Copies @data to the payload area of the client's user memory. */
void __user *npu_test_payload(struct npu_test_client *c, const void *data,
			      size_t size)
{
	void __user *p = c->user + NPU_TEST_ARG_SIZE;

	KUNIT_ASSERT_LE(c->test, size, NPU_TEST_USER_SIZE - NPU_TEST_ARG_SIZE);
	KUNIT_ASSERT_EQ(c->test, 0, copy_to_user(p, data, size));
	return p;
}

u32 npu_test_bo(struct npu_test_client *c, size_t size)
{
	struct drm_ethosu_bo_create args = { .size = size };

	KUNIT_ASSERT_EQ(c->test, 0,
			npu_test_ioctl(c, DRM_IOCTL_ETHOSU_BO_CREATE, &args,
				       sizeof(args)));
	return args.handle;
}

struct npu_bo *npu_test_lookup(struct npu_test_client *c, u32 handle)
{
	struct drm_gem_object *obj;

	obj = drm_gem_object_lookup(c->filp->private_data, handle);
	KUNIT_ASSERT_NOT_NULL(c->test, obj);
	/* The handle keeps the object alive while the test uses it. */
	drm_gem_object_put(obj);
	return to_npu_bo(obj);
}

void *npu_test_vaddr(struct npu_test_client *c, u32 handle)
{
	return npu_test_lookup(c, handle)->base.vaddr;
}

int npu_test_cmdstream(struct npu_test_client *c,
		       const struct npu_test_stream *s, u32 *handle)
{
	struct drm_ethosu_cmdstream_bo_create args = {
		.size = s->n * 4,
	};
	__le32 words[ARRAY_SIZE(s->words)];
	unsigned int i;
	int ret;

	for (i = 0; i < s->n; i++)
		words[i] = cpu_to_le32(s->words[i]);
	args.data = (uintptr_t)npu_test_payload(c, words, s->n * 4);
	ret = npu_test_ioctl(c, DRM_IOCTL_ETHOSU_CMDSTREAM_BO_CREATE, &args,
			     sizeof(args));
	*handle = args.handle;
	return ret;
}

u32 npu_test_syncobj(struct npu_test_client *c)
{
	struct drm_syncobj *syncobj;
	u32 handle;

	KUNIT_ASSERT_EQ(c->test, 0, drm_syncobj_create(&syncobj, 0, NULL));
	KUNIT_ASSERT_EQ(c->test, 0,
			drm_syncobj_get_handle(c->filp->private_data,
					       syncobj, &handle));
	drm_syncobj_put(syncobj);
	return handle;
}

/* The fence in a binary syncobj, with a reference, or NULL. */
struct dma_fence *npu_test_syncobj_fence(struct npu_test_client *c,
					 u32 handle)
{
	struct dma_fence *fence = NULL;

	if (drm_syncobj_find_fence(c->filp->private_data, handle, 0, 0,
				   &fence))
		return NULL;
	return fence;
}

int npu_test_submit(struct npu_test_client *c,
		    const struct drm_ethosu_job *jobs, u32 count, u32 out_sync)
{
	u64 ujobs = (uintptr_t)npu_test_payload(c, jobs,
						count * sizeof(*jobs));

	if (out_sync) {
		struct drm_ethosu_submit_syncobj args = {
			.jobs = ujobs,
			.job_count = count,
			.out_sync.handle = out_sync,
		};

		return npu_test_ioctl(c, DRM_IOCTL_ETHOSU_SUBMIT_SYNCOBJ,
				      &args, sizeof(args));
	} else {
		struct drm_ethosu_submit args = {
			.jobs = ujobs,
			.job_count = count,
		};

		return npu_test_ioctl(c, DRM_IOCTL_ETHOSU_SUBMIT, &args,
				      sizeof(args));
	}
}

/* BO_WAIT with a deadline ten seconds away. */
int npu_test_wait(struct npu_test_client *c, u32 handle)
{
	struct drm_ethosu_bo_wait args = {
		.handle = handle,
		.timeout_ns = ktime_get_ns() + 10ULL * NSEC_PER_SEC,
	};

	return npu_test_ioctl(c, DRM_IOCTL_ETHOSU_BO_WAIT, &args,
			      sizeof(args));
}

void npu_test_emit0(struct npu_test_stream *s, u32 code, u16 param)
{
	if (!WARN_ON(s->n >= ARRAY_SIZE(s->words)))
		s->words[s->n++] = code | (u32)param << 16;
}

void npu_test_emit1(struct npu_test_stream *s, u32 code, u64 value)
{
	if (WARN_ON(s->n + 2 > ARRAY_SIZE(s->words)))
		return;
	s->words[s->n++] = code | (u32)((value >> 32) & 0xff) << 16;
	s->words[s->n++] = lower_32_bits(value);
}

void npu_test_dma_copy(struct npu_test_stream *s, u32 src_region, u64 src,
		       u32 dst_region, u64 dst, u32 len)
{
	npu_test_emit0(s, NPU_SET_DMA0_SRC_REGION, src_region);
	npu_test_emit1(s, NPU_SET_DMA0_SRC, src);
	npu_test_emit0(s, NPU_SET_DMA0_DST_REGION, dst_region);
	npu_test_emit1(s, NPU_SET_DMA0_DST, dst);
	npu_test_emit1(s, NPU_SET_DMA0_LEN, len);
	npu_test_emit0(s, NPU_OP_DMA_START, 0);
	npu_test_emit0(s, NPU_OP_DMA_WAIT, 0);
}

void npu_test_stop(struct npu_test_stream *s)
{
	npu_test_emit0(s, NPU_OP_STOP, 0xffff);
}

/*
 * Waits until every job the device ever created is freed and no runtime-PM
 * reference is left but those of autosuspend bookkeeping.
 */
bool npu_test_idle(struct npu_device *ndev, unsigned int timeout_ms)
{
	unsigned long end = jiffies + msecs_to_jiffies(timeout_ms);

	do {
		if (!atomic_read(&ndev->jobs_alive) &&
		    !atomic_read(&ndev->drm.dev->power.usage_count))
			return true;
		usleep_range(5000, 10000);
	} while (time_before(jiffies, end));
	return false;
}

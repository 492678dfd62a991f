// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 */

#include <linux/dma-resv.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_prime.h>
#include <drm/drm_utils.h>
#include <drm/ethosu_accel.h>

#include "npu_cmdstream.h"
#include "npu_drv.h"
#include "npu_gem.h"

/**
 * DOC: Buffer objects
 *
 * Buffer objects are DMA-contiguous, as in upstream ethosu, and for the
 * same reason: an Ethos-U65 has no MMU of its own and addresses memory
 * through its region base registers, so one base per region must cover a
 * whole buffer object. The simulated NPU reaches them the same way, at
 * the bus addresses the driver programs, which keeps the driver's memory
 * handling identical for silicon and simulation; isolation between
 * regions comes from the region limit registers the driver programs from
 * each buffer object's size.
 *
 * A command stream buffer object is made by the kernel: it copies the
 * user's stream once, validates that copy and puts it in a buffer object
 * that userspace can neither map, export nor bind as a data region, so
 * the stream the NPU executes is the stream that was validated.
 */

/* Caps a stream at 16 MiB: a few thousand operations fit in a page. */
#define NPU_CMDSTREAM_MAX_SIZE	SZ_16M

static void npu_bo_free(struct drm_gem_object *obj)
{
	struct npu_device *ndev = to_npu_device(obj->dev);
	struct npu_bo *bo = to_npu_bo(obj);

	if (bo->accounted) {
		atomic_dec(&ndev->bos_alive);
		atomic_long_sub(obj->size, &ndev->bo_bytes);
	}
	kfree(bo->info);
	drm_gem_dma_free(&bo->base);
}

static int npu_bo_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	if (to_npu_bo(obj)->flags & DRM_ETHOSU_BO_NO_MMAP)
		return -EPERM;
	return drm_gem_dma_object_mmap(obj, vma);
}

/* A validated stream must not change: no dma-buf of it, for anyone. */
static struct dma_buf *npu_bo_export(struct drm_gem_object *obj, int flags)
{
	if (to_npu_bo(obj)->info)
		return ERR_PTR(-EPERM);
	return drm_gem_prime_export(obj, flags);
}

static const struct vm_operations_struct npu_bo_vm_ops = {
	.open = drm_gem_vm_open,
	.close = drm_gem_vm_close,
};

static const struct drm_gem_object_funcs npu_bo_funcs = {
	.free = npu_bo_free,
	.export = npu_bo_export,
	.print_info = drm_gem_dma_object_print_info,
	.get_sg_table = drm_gem_dma_object_get_sg_table,
	.vmap = drm_gem_dma_object_vmap,
	.mmap = npu_bo_mmap,
	.vm_ops = &npu_bo_vm_ops,
};

/**
 * npu_gem_create_object() - &drm_driver.gem_create_object of the driver
 * @drm: the device
 * @size: size of the object
 *
 * Context: Process context.
 * Return: the GEM object of a new, zeroed &struct npu_bo, or
 * ERR_PTR(-ENOMEM).
 */
struct drm_gem_object *npu_gem_create_object(struct drm_device *drm,
					     size_t size)
{
	struct npu_bo *bo = kzalloc(sizeof(*bo), GFP_KERNEL);

	if (!bo)
		return ERR_PTR(-ENOMEM);
	bo->base.base.funcs = &npu_bo_funcs;
	return &bo->base.base;
}

static struct npu_bo *npu_bo_create(struct drm_device *drm, size_t size,
				    u32 flags)
{
	struct drm_gem_dma_object *dma;
	struct npu_bo *bo;

	dma = drm_gem_dma_create(drm, size);
	if (IS_ERR(dma))
		return ERR_CAST(dma);
	bo = container_of(dma, struct npu_bo, base);
	bo->accounted = true;
	atomic_inc(&to_npu_device(drm)->bos_alive);
	atomic_long_add(dma->base.size, &to_npu_device(drm)->bo_bytes);
	bo->flags = flags;
	return bo;
}

/* Hands @bo to @file under a new handle; drops the caller's reference. */
static int npu_bo_publish(struct drm_file *file, struct npu_bo *bo,
			  u32 *handle)
{
	int ret = drm_gem_handle_create(file, &bo->base.base, handle);

	drm_gem_object_put(&bo->base.base);
	return ret;
}

/**
 * npu_ioctl_bo_create() - DRM_IOCTL_ETHOSU_BO_CREATE
 * @drm: the device
 * @data: struct drm_ethosu_bo_create
 * @file: the caller's file
 *
 * Context: Process context.
 * Return: 0, -EINVAL for a zero size or an unknown flag, or -ENOMEM.
 */
int npu_ioctl_bo_create(struct drm_device *drm, void *data,
			struct drm_file *file)
{
	struct drm_ethosu_bo_create *args = data;
	struct npu_bo *bo;
	int ret;

	if (!args->size || args->size > SIZE_MAX - PAGE_SIZE ||
	    args->flags & ~DRM_ETHOSU_BO_NO_MMAP)
		return -EINVAL;

	bo = npu_bo_create(drm, args->size, args->flags);
	if (IS_ERR(bo))
		return PTR_ERR(bo);
	args->size = bo->base.base.size;
	ret = npu_bo_publish(file, bo, &args->handle);
	return ret;
}

/**
 * npu_ioctl_bo_wait() - DRM_IOCTL_ETHOSU_BO_WAIT
 * @drm: the device
 * @data: struct drm_ethosu_bo_wait
 * @file: the caller's file
 *
 * Context: Process context; sleeps interruptibly.
 * Return: 0 once every fence of the object signalled, -ETIME at the
 * deadline, -EINVAL for a bad handle or non-zero padding (as upstream
 * ethosu), or -ERESTARTSYS.
 */
int npu_ioctl_bo_wait(struct drm_device *drm, void *data,
		      struct drm_file *file)
{
	struct drm_ethosu_bo_wait *args = data;

	if (args->pad)
		return -EINVAL;
	return drm_gem_dma_resv_wait(file, args->handle, true,
				     drm_timeout_abs_to_jiffies(args->timeout_ns));
}

/**
 * npu_ioctl_bo_mmap_offset() - DRM_IOCTL_ETHOSU_BO_MMAP_OFFSET
 * @drm: the device
 * @data: struct drm_ethosu_bo_mmap_offset
 * @file: the caller's file
 *
 * As upstream ethosu, an object created with %DRM_ETHOSU_BO_NO_MMAP has
 * an offset too; mmap() refuses it with -EPERM.
 *
 * Context: Process context.
 * Return: 0, -ENOENT for a bad handle, or -EINVAL for non-zero padding.
 */
int npu_ioctl_bo_mmap_offset(struct drm_device *drm, void *data,
			     struct drm_file *file)
{
	struct drm_ethosu_bo_mmap_offset *args = data;
	struct drm_gem_object *obj;

	if (args->pad)
		return -EINVAL;

	obj = drm_gem_object_lookup(file, args->handle);
	if (!obj)
		return -ENOENT;
	args->offset = drm_vma_node_offset_addr(&obj->vma_node);
	drm_gem_object_put(obj);
	return 0;
}

/**
 * npu_ioctl_cmdstream_bo_create() - DRM_IOCTL_ETHOSU_CMDSTREAM_BO_CREATE
 * @drm: the device
 * @data: struct drm_ethosu_cmdstream_bo_create
 * @file: the caller's file
 *
 * Copies the stream from userspace once, validates that copy (see
 * npu_cmdstream_validate()) and puts it in a new buffer object that
 * userspace can neither map nor export.
 *
 * Context: Process context.
 * Return: 0; -EINVAL for a bad size, non-zero flags or padding, or a
 * stream the validator refuses; -EFAULT; -ENOMEM.
 */
int npu_ioctl_cmdstream_bo_create(struct drm_device *drm, void *data,
				  struct drm_file *file)
{
	struct drm_ethosu_cmdstream_bo_create *args = data;
	struct npu_cmdstream_info *info;
	struct npu_bo *bo;
	__le32 *words;
	int ret;

	if (args->flags || args->pad || !args->data || !args->size ||
	    args->size % 4 || args->size > NPU_CMDSTREAM_MAX_SIZE)
		return -EINVAL;

	/* Validate a copy in cached memory, then fill the buffer object. */
	words = vmemdup_user(u64_to_user_ptr(args->data), args->size);
	if (IS_ERR(words))
		return PTR_ERR(words);
	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info) {
		ret = -ENOMEM;
		goto out;
	}
	ret = npu_cmdstream_validate(words, args->size, info);
	if (ret) {
		kfree(info);
		goto out;
	}

	bo = npu_bo_create(drm, args->size, DRM_ETHOSU_BO_NO_MMAP);
	if (IS_ERR(bo)) {
		kfree(info);
		ret = PTR_ERR(bo);
		goto out;
	}
	bo->info = info;
	memcpy(bo->base.vaddr, words, args->size);
	ret = npu_bo_publish(file, bo, &args->handle);
out:
	kvfree(words);
	return ret;
}

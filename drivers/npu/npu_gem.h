/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright © 2026 The drm_dep authors
 */

#ifndef _NPU_GEM_H_
#define _NPU_GEM_H_

#include <drm/drm_gem_dma_helper.h>

struct drm_device;
struct drm_file;
struct npu_cmdstream_info;

/**
 * struct npu_bo - an NPU buffer object: DMA-contiguous memory
 */
struct npu_bo {
	/** @base: the DMA GEM object */
	struct drm_gem_dma_object base;
	/**
	 * @info: what the validator found in the stream of a command stream
	 * buffer object; NULL for a data buffer object. Set before the
	 * object gets a handle, never changed after.
	 */
	struct npu_cmdstream_info *info;
	/** @flags: DRM_ETHOSU_BO_* flags given at creation */
	u32 flags;
	/**
	 * @accounted: counted in &npu_device.bos_alive and
	 * &npu_device.bo_bytes, which npu_bo_free() undoes
	 */
	bool accounted;
};

static inline struct npu_bo *to_npu_bo(struct drm_gem_object *obj)
{
	return container_of(to_drm_gem_dma_obj(obj), struct npu_bo, base);
}

struct drm_gem_object *npu_gem_create_object(struct drm_device *drm,
					     size_t size);
int npu_ioctl_bo_create(struct drm_device *drm, void *data,
			struct drm_file *file);
int npu_ioctl_bo_wait(struct drm_device *drm, void *data,
		      struct drm_file *file);
int npu_ioctl_bo_mmap_offset(struct drm_device *drm, void *data,
			     struct drm_file *file);
int npu_ioctl_cmdstream_bo_create(struct drm_device *drm, void *data,
				  struct drm_file *file);

#endif /* _NPU_GEM_H_ */

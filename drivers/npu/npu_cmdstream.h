/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright © 2026 The drm_dep authors
 */

#ifndef _NPU_CMDSTREAM_H_
#define _NPU_CMDSTREAM_H_

#include <linux/types.h>

#include "npu_regs.h"

/**
 * struct npu_cmdstream_info - what a valid command stream needs to run
 *
 * Filled by npu_cmdstream_validate(). Submission checks each used region
 * against the buffer object bound to it: the buffer object must hold at
 * least @region_size bytes, and it is written by the job if the region
 * is an output region.
 */
struct npu_cmdstream_info {
	/** @size: bytes of the stream. */
	u32 size;

	/**
	 * @region_size: for each region, one plus the highest byte offset
	 * that an operation of the stream can touch in it; 0 if none can.
	 */
	u64 region_size[NPU_REGIONS];

	/**
	 * @used_regions: bit r is set if an operation addresses region r,
	 * even one that touches no byte of it.
	 */
	u8 used_regions;

	/** @output_regions: bit r is set if an operation writes region r. */
	u8 output_regions;
};

int npu_cmdstream_validate(const __le32 *words, u32 size,
			   struct npu_cmdstream_info *info);

#endif /* _NPU_CMDSTREAM_H_ */

/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 The drm_dep authors
 *
 * The kernel's short integer types for userspace, so that the hardware
 * description drivers/npu/npu_regs.h builds here too; the rest comes from
 * the kernel's uAPI <linux/types.h>.
 */
#ifndef _TOOLS_NPU_LINUX_TYPES_H
#define _TOOLS_NPU_LINUX_TYPES_H

#include_next <linux/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8 s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;

#endif /* _TOOLS_NPU_LINUX_TYPES_H */

/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 The drm_dep authors
 *
 * BIT() for userspace users of drivers/npu/npu_regs.h.
 */
#ifndef _TOOLS_NPU_LINUX_BITS_H
#define _TOOLS_NPU_LINUX_BITS_H

#define BIT(n)		(1UL << (n))
#define BIT_ULL(n)	(1ULL << (n))

#endif /* _TOOLS_NPU_LINUX_BITS_H */

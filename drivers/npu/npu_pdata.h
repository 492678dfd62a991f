/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright © 2026 The drm_dep authors
 */

#ifndef _NPU_PDATA_H_
#define _NPU_PDATA_H_

struct regmap;

#define NPU_MAX_CORES	4

/**
 * struct npu_platform_data - NPU cores provided as register maps
 *
 * A platform device named "npu" that carries this is an NPU whose cores'
 * register files are reached through regmaps, as the simulated NPU
 * provides them. Core i raises platform IRQ i. Without platform data the
 * driver maps memory resource i of the device for core i instead; both
 * ways end in the same regmap, and nothing else in the driver differs.
 */
struct npu_platform_data {
	/** @num_cores: cores, 1 to NPU_MAX_CORES. */
	unsigned int num_cores;
	/** @regs: register map of each core. */
	struct regmap *regs[NPU_MAX_CORES];
};

#endif /* _NPU_PDATA_H_ */

/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 The drm_dep authors
 *
 * A small int8 network for the npu tests and demo: a 3 x 3 convolution
 * (4 to 8 channels, padding 1, per-channel bias and scale), a 2 x 2 max
 * pooling, and an ADD of a second input with operand scales, from an
 * 8 x 8 x 4 input to a 4 x 4 x 8 output; and its result on the CPU.
 */
#ifndef _NPU_NET_H_
#define _NPU_NET_H_

#include "libnpu.h"
#include "npu_enc.h"

#define NPU_NET_LAYERS		3
#define NPU_NET_OUT_SIZE	(4 * 4 * 8)

/**
 * struct npu_net - the network's buffer objects and streams on one file
 * @consts: weights and records (region 0)
 * @in: the input and the ADD's second operand (region 1)
 * @tmp: the convolution's and the pooling's outputs (region 3)
 * @out: the output (region 4)
 * @whole: the stream of the whole network, one job
 * @layer: a stream per layer, one job each
 * @expect: the output the CPU computes
 */
struct npu_net {
	struct npu_buf consts, in, tmp, out;
	uint32_t whole;
	uint32_t layer[NPU_NET_LAYERS];
	uint8_t expect[NPU_NET_OUT_SIZE];
};

int npu_net_init(struct npu_dev *dev, struct npu_net *n, uint32_t seed);
void npu_net_fini(struct npu_net *n);
void npu_net_input(struct npu_net *n, uint32_t seed);
void npu_net_job(const struct npu_net *n, struct drm_ethosu_job *job);
void npu_net_layer_jobs(const struct npu_net *n,
			struct drm_ethosu_job jobs[NPU_NET_LAYERS]);
long npu_net_mismatch(const struct npu_net *n);

#endif /* _NPU_NET_H_ */

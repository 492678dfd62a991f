// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * The small int8 network of npu_net.h: its streams, its buffer objects
 * and its CPU reference.
 */
#include <errno.h>
#include <string.h>

#include "npu_net.h"

/*
 * Region 0: weights at 0 and records at NET_REC; region 1: the input at 0
 * and the ADD's second operand at NET_IN2; region 3: the convolution's
 * output at 0 and the pooling's at NET_POOL; region 4: the output.
 */
#define NET_REC		512
#define NET_IN2		256
#define NET_POOL	1024

static const struct npu_fm net_in = { 1, 0, 8, 8, 4, true, -3 };
static const struct npu_fm net_conv = { 3, 0, 8, 8, 8, true, 3 };
static const struct npu_fm net_pool = { 3, NET_POOL, 4, 4, 8, true, 0 };
static const struct npu_fm net_in2 = { 1, NET_IN2, 4, 4, 8, true, 5 };
static const struct npu_fm net_out = { 4, 0, 4, 4, 8, true, -2 };
static const struct npu_kernel net_k3 = { 3, 3, 1, 1, 1, 1, 1, 1 };
static const struct npu_kernel net_k2 = { 2, 2, 2, 2, 0, 0, 0, 0 };
static const struct npu_out net_conv_out = {
	.lo = -128, .hi = 127, .round = NPU_ROUND_NATURAL,
};

static const struct npu_out net_pool_out = { .lo = -100, .hi = 100 };
static const struct npu_out net_add_out = {
	.scale = 1 << 29, .shift = 30, .lo = -128, .hi = 127,
	.round = NPU_ROUND_DBL,
};

static const struct npu_ew_scales net_add_scales = { 3, 1, 5, 2 };

static void net_layer(struct npu_enc *e, unsigned int layer)
{
	switch (layer) {
	case 0:
		npu_enc_conv(e, false, &net_in, &net_k3, 0, 0, 0, NET_REC,
			     &net_conv, &net_conv_out);
		break;
	case 1:
		npu_enc_pool(e, NPU_POOL_MAX, &net_conv, &net_k2, &net_pool,
			     &net_pool_out);
		break;
	default:
		npu_enc_elementwise(e, NPU_EW_ADD, &net_pool, &net_in2,
				    &net_add_scales, &net_out, &net_add_out);
		break;
	}
	npu_enc_cmd(e, NPU_OP_KERNEL_WAIT, 0);
}

/* Layers @from to @to - 1 as one command stream buffer object. */
static int net_stream(struct npu_dev *dev, unsigned int from, unsigned int to,
		      uint32_t *handle)
{
	struct npu_enc e;
	int ret = -ENOMEM;

	npu_enc_init(&e);
	while (from < to)
		net_layer(&e, from++);
	npu_enc_stop(&e);
	if (!e.err)
		ret = npu_cmd_create(dev, e.w, e.n, handle);
	npu_enc_free(&e);

	return ret;
}

/**
 * npu_net_input() - a new input, and the output the CPU computes for it
 * @n: the network
 * @seed: the input's seed
 *
 * Only while no job of the network runs.
 */
void npu_net_input(struct npu_net *n, uint32_t seed)
{
	uint8_t conv[8 * 8 * 8], pool[4 * 4 * 8];

	npu_fill(n->in.map, npu_fm_size(&net_in), seed);
	npu_fill(n->in.map + NET_IN2, npu_fm_size(&net_in2), seed + 1);
	npu_ref_conv(false, &net_in, n->in.map, &net_k3,
		     (int8_t *)n->consts.map, n->consts.map + NET_REC,
		     &net_conv, &net_conv_out, conv);
	npu_ref_pool(NPU_POOL_MAX, &net_conv, conv, &net_k2, &net_pool,
		     &net_pool_out, pool);
	npu_ref_elementwise(NPU_EW_ADD, &net_pool, pool, &net_in2,
			    n->in.map + NET_IN2, NULL, &net_add_scales,
			    &net_out, &net_add_out, n->expect);
	memset(n->out.map, 0, NPU_NET_OUT_SIZE);
}

/**
 * npu_net_init() - the network's buffer objects, streams and first input
 * @dev: the file
 * @n: filled in
 * @seed: seed of the weights and of the input
 *
 * Return: 0 or a negative errno.
 */
int npu_net_init(struct npu_dev *dev, struct npu_net *n, uint32_t seed)
{
	size_t wsize = npu_conv_weights_size(false, &net_in, &net_k3,
					     &net_conv);
	unsigned int c;
	int ret;

	memset(n, 0, sizeof(*n));
	ret = npu_buf_create(dev, 4096, 0, &n->consts);
	if (!ret)
		ret = npu_buf_create(dev, 4096, 0, &n->in);
	if (!ret)
		ret = npu_buf_create(dev, 4096, 0, &n->tmp);
	if (!ret)
		ret = npu_buf_create(dev, 4096, 0, &n->out);
	if (!ret)
		ret = net_stream(dev, 0, NPU_NET_LAYERS, &n->whole);
	for (c = 0; c < NPU_NET_LAYERS && !ret; c++)
		ret = net_stream(dev, c, c + 1, &n->layer[c]);
	if (ret) {
		npu_net_fini(n);
		return ret;
	}

	/* Small weights, so that the sums spread over the output range. */
	npu_fill(n->consts.map, wsize, seed);
	for (c = 0; c < wsize; c++)
		n->consts.map[c] = (uint8_t)((int8_t)n->consts.map[c] / 16);
	for (c = 0; c < net_conv.c; c++)
		npu_scale_record(n->consts.map + NET_REC +
				 c * NPU_SCALE_RECORD_SIZE,
				 (int64_t)c * 37 - 150, (1 << 28) + c * 1234567,
				 31);
	npu_net_input(n, seed + 1);

	return 0;
}

/**
 * npu_net_fini() - release the network's buffer objects and streams
 * @n: the network
 */
void npu_net_fini(struct npu_net *n)
{
	struct npu_dev *dev = n->consts.dev;
	unsigned int l;

	for (l = 0; l < NPU_NET_LAYERS && dev; l++)
		if (n->layer[l])
			npu_gem_close(dev, n->layer[l]);
	if (n->whole && dev)
		npu_gem_close(dev, n->whole);
	npu_buf_destroy(&n->out);
	npu_buf_destroy(&n->tmp);
	npu_buf_destroy(&n->in);
	npu_buf_destroy(&n->consts);
}

/* The regions a layer uses; NPU_NET_LAYERS: the whole network. */
static void net_bind(const struct npu_net *n, struct drm_ethosu_job *job,
		     uint32_t cmd, unsigned int layer)
{
	npu_job_init(job, cmd);
	if (layer == 0 || layer == NPU_NET_LAYERS)
		job->region_bo_handles[0] = n->consts.handle;
	if (layer != 1)
		job->region_bo_handles[1] = n->in.handle;
	job->region_bo_handles[3] = n->tmp.handle;
	if (layer >= 2)
		job->region_bo_handles[4] = n->out.handle;
}

/**
 * npu_net_job() - the whole network as one job
 * @n: the network
 * @job: filled in
 */
void npu_net_job(const struct npu_net *n, struct drm_ethosu_job *job)
{
	net_bind(n, job, n->whole, NPU_NET_LAYERS);
}

/**
 * npu_net_layer_jobs() - the network as one job per layer
 * @n: the network
 * @jobs: filled in, to submit together in this order
 */
void npu_net_layer_jobs(const struct npu_net *n,
			struct drm_ethosu_job jobs[NPU_NET_LAYERS])
{
	unsigned int l;

	for (l = 0; l < NPU_NET_LAYERS; l++)
		net_bind(n, &jobs[l], n->layer[l], l);
}

/**
 * npu_net_mismatch() - compare the output with the CPU's
 * @n: the network, its jobs done
 *
 * Return: -1 if every byte is equal, else the index of the first that is
 * not.
 */
long npu_net_mismatch(const struct npu_net *n)
{
	size_t i;

	for (i = 0; i < NPU_NET_OUT_SIZE; i++)
		if (n->out.map[i] != n->expect[i])
			return i;

	return -1;
}

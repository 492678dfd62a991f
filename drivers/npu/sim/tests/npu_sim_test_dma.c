// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 *
 * NPU_OP_DMA_START in its three stride modes, run by the interpreter on
 * kernel buffers, against a byte-by-byte reference: pseudo-random lengths,
 * counts, strides (negative ones too) and overlapping copies, from fixed
 * seeds; all eight regions must come out the same.
 */

#include <kunit/test.h>

#include "npu_sim_test.h"

#define NPST_DMA_ITERATIONS	40
#define NPST_DMAS		3	/* per stream */

/* One DMA of a test */
struct npst_dma {
	u8 sr, dr, mode;
	u32 len, n0, n1;
	u64 src, dst;
	s64 ss0, ss1, ds0, ds1;
};

/* DMA: rows copied in order, each as if the source were read first. */
static void ref_dma(struct npst_mem *m, const struct npst_dma *d)
{
	s64 so, dof;
	u32 i, j, k;

	for (j = 0; j < d->n1; j++) {
		for (i = 0; i < d->n0; i++) {
			so = d->src + j * d->ss1 + i * d->ss0;
			dof = d->dst + j * d->ds1 + i * d->ds0;
			if (d->sr == d->dr && dof > so)
				for (k = d->len; k-- > 0;)
					m->buf[d->dr][dof + k] = m->buf[d->sr][so + k];
			else
				for (k = 0; k < d->len; k++)
					m->buf[d->dr][dof + k] = m->buf[d->sr][so + k];
		}
	}
}

static void npst_ref_dma(struct npst_ctx *t)
{
	const struct npst_dma *d = t->priv;
	unsigned int k;

	for (k = 0; k < NPST_DMAS; k++)
		ref_dma(&t->ref, &d[k]);
}

/* An offset that puts the n0 x n1 rows of len bytes inside the region. */
static u64 npst_dma_offset(struct npst_lcg *l, u32 len, u32 n0, s64 s0,
			   u32 n1, s64 s1)
{
	s64 lo = 0, hi = len;

	if (n0 && n1) {
		lo += min(0LL, (n0 - 1) * s0) + min(0LL, (n1 - 1) * s1);
		hi += max(0LL, (n0 - 1) * s0) + max(0LL, (n1 - 1) * s1);
	}

	return -lo + npst_range(l, 0, NPST_REGION_SIZE - (hi - lo) - 1);
}

static void npst_emit_dma(struct npst_stream *s, const struct npst_dma *d)
{
	npst_cmd0(s, NPU_SET_DMA0_SRC_REGION, d->sr | d->mode << 9);
	npst_cmd0(s, NPU_SET_DMA0_DST_REGION, d->dr | d->mode << 9);
	npst_cmd0(s, NPU_SET_DMA0_SIZE0, d->n0);
	npst_cmd0(s, NPU_SET_DMA0_SIZE1, d->n1);
	npst_addr(s, NPU_SET_DMA0_SRC, d->src);
	npst_addr(s, NPU_SET_DMA0_DST, d->dst);
	npst_addr(s, NPU_SET_DMA0_LEN, d->len);
	npst_addr(s, NPU_SET_DMA0_SRC_STRIDE0, d->ss0);
	npst_addr(s, NPU_SET_DMA0_SRC_STRIDE1, d->ss1);
	npst_addr(s, NPU_SET_DMA0_DST_STRIDE0, d->ds0);
	npst_addr(s, NPU_SET_DMA0_DST_STRIDE1, d->ds1);
	npst_cmd0(s, NPU_OP_DMA_START, 0);
	npst_cmd0(s, NPU_OP_DMA_WAIT, 0);
}

static void npst_rand_dma(struct npst_lcg *l, struct npst_dma *d, u8 mode)
{
	d->mode = mode;
	d->sr = npst_range(l, 0, 7);
	d->dr = npst_range(l, 0, 3) ? npst_range(l, 0, 7) : d->sr;
	if (mode || npst_range(l, 0, 1))
		d->len = npst_range(l, 1, 64);
	else
		d->len = npst_range(l, 65, 2000);
	d->n0 = mode ? npst_range(l, 0, 6) : 1;
	d->n1 = mode == 2 ? npst_range(l, 0, 4) : 1;
	d->ss0 = mode ? npst_range(l, -100, 100) : 0;
	d->ds0 = mode ? npst_range(l, -100, 100) : 0;
	d->ss1 = mode == 2 ? npst_range(l, -700, 700) : 0;
	d->ds1 = mode == 2 ? npst_range(l, -700, 700) : 0;
	d->src = npst_dma_offset(l, d->len, d->n0, d->ss0, d->n1, d->ss1);
	d->dst = npst_dma_offset(l, d->len, d->n0, d->ds0, d->n1, d->ds1);
	/* Overlapping source and destination, either way round. */
	if (d->sr == d->dr && !npst_range(l, 0, 1))
		d->dst = clamp_t(s64, (s64)d->src + npst_range(l, -8, 8),
				 3000, NPST_REGION_SIZE - 3000);
}

static void npst_dma(struct kunit *test)
{
	u8 mode = *(const u8 *)test->param_value;
	struct npst_ctx *t = npst_ctx_init(test, 0xd3a + mode);
	struct npst_dma *d;
	unsigned int iter, k;

	d = kunit_kcalloc(test, NPST_DMAS, sizeof(*d), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, d);
	t->priv = d;

	for (iter = 0; iter < NPST_DMA_ITERATIONS; iter++) {
		npst_ctx_shuffle(t);
		/* A few DMAs per stream, later ones reading earlier output. */
		for (k = 0; k < NPST_DMAS; k++) {
			npst_rand_dma(&t->lcg, &d[k], mode);
			npst_emit_dma(&t->s, &d[k]);
		}
		npst_cmd0(&t->s, NPU_OP_STOP, 0xffff);
		npst_check(t, iter, npst_ref_dma);
	}
}

static const u8 npst_dma_modes[] = { 0, 1, 2 };

static void npst_dma_desc(const u8 *mode, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "stride_mode_%u", *mode);
}

KUNIT_ARRAY_PARAM(npst_dma_mode, npst_dma_modes, npst_dma_desc);

static struct kunit_case npst_dma_cases[] = {
	KUNIT_CASE_PARAM(npst_dma, npst_dma_mode_gen_params),
	{}
};

static struct kunit_suite npst_dma_suite = {
	.name = "npu_sim_dma",
	.test_cases = npst_dma_cases,
};

kunit_test_suite(npst_dma_suite);

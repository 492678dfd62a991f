// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Each operation of the simulated NPU, run by its interpreter on kernel
 * buffers, against a plain CPU reference written here from "Arithmetic of
 * the simulated NPU": nested loops, its own rounding. The inputs, shapes,
 * tilings and strides are pseudo-random from fixed seeds, and the whole
 * memory of all eight regions must come out bit for bit the same, so a
 * stray write fails as surely as a wrong value.
 */

#include <kunit/test.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/unaligned.h>

#include "npu_sim_test.h"

#define NPST_ITERATIONS	40

/*
 * Outputs the reference computed, and those strictly inside the clamp: a
 * case checks that its random parameters did not clamp nearly everything.
 */
static unsigned int npst_outputs, npst_inside;

/* Reference arithmetic */

/* round(a / b), b > 0, from the floor quotient and its remainder */
static s64 ref_div(s64 a, s64 b, u8 mode)
{
	s64 q = div64_s64(a, b);
	s64 r = a - q * b;

	if (r < 0) {
		q--;
		r += b;
	}
	/* q = floor(a / b), 0 <= r < b */
	switch (mode) {
	case NPU_ROUND_TRUNCATE:
		return a < 0 && r ? q + 1 : q;
	case NPU_ROUND_NATURAL:
		return 2 * r >= b ? q + 1 : q;
	default:
		if (2 * r != b)
			return 2 * r > b ? q + 1 : q;
		return a >= 0 ? q + 1 : q;
	}
}

static s32 ref_sat(s64 v)
{
	if (v > S32_MAX)
		return S32_MAX;
	if (v < S32_MIN)
		return S32_MIN;
	return v;
}

static s32 ref_rescale(s32 v, s32 mult, u8 shift, u8 mode)
{
	if (!mult)
		return v;
	return ref_sat(ref_div((s64)v * mult, 1LL << shift, mode));
}

static s32 ref_get(const struct npst_mem *m, const struct npst_fm *fm,
		   u32 x, u32 y, u32 c)
{
	u8 v = m->buf[fm->region][npst_fm_offset(fm, x, y, c)];

	return (fm->is_signed ? (s8)v : v) - fm->zp;
}

static void ref_put(struct npst_mem *m, const struct npst_op *op, u32 x,
		    u32 y, u32 c, s32 t, s32 mult, u8 shift)
{
	s32 tmin = op->ofm.is_signed ? -128 : 0;
	s32 tmax = op->ofm.is_signed ? 127 : 255;
	s32 lo = op->act_min > tmin ? op->act_min : tmin;
	s32 hi = op->act_max < tmax ? op->act_max : tmax;
	s64 o = (s64)ref_rescale(t, mult, shift, op->round) + op->ofm.zp;

	npst_outputs++;
	if (o > lo && o < hi)
		npst_inside++;
	if (o < lo)
		o = lo;
	if (o > hi)
		o = hi;
	m->buf[op->ofm.region][npst_fm_offset(&op->ofm, x, y, c)] = (u8)o;
}

/* Reference operations */

static s32 ref_clz(s32 a)
{
	s32 n = 0;
	int bit;

	for (bit = 31; bit >= 0 && !((u32)a & (1U << bit)); bit--)
		n++;
	return n;
}

/* t of elementwise output (x, y, c) */
static s32 ref_ew(const struct npst_mem *m, const struct npst_op *op, u32 x,
		  u32 y, u32 c)
{
	const struct npst_fm *f2 = &op->ifm2;
	s32 a = ref_get(m, &op->ifm, x, y, c);
	s32 b = 0, aa, bb, s;

	if (op->mode == NPU_EW_LRELU || op->mode == NPU_EW_ABS ||
	    op->mode == NPU_EW_CLZ)
		b = 0;
	else if (op->bcast & NPU_IFM2_BCAST_SCALAR)
		b = op->scalar - f2->zp;
	else
		b = ref_get(m, f2, f2->w == 1 ? 0 : x, f2->h == 1 ? 0 : y,
			    f2->c == 1 ? 0 : c);
	if (op->mode != NPU_EW_LRELU && op->mode != NPU_EW_ABS &&
	    op->mode != NPU_EW_CLZ && (op->bcast & NPU_IFM2_BCAST_REVERSED))
		swap(a, b);

	aa = ref_rescale(a, op->opa.mult, op->opa.shift, op->round);
	bb = ref_rescale(b, op->opb.mult, op->opb.shift, op->round);
	s = b < 0 ? 0 : b > 31 ? 31 : b;

	switch (op->mode) {
	case NPU_EW_MUL:
		return ref_sat((s64)a * b);
	case NPU_EW_ADD:
		return ref_sat((s64)aa + bb);
	case NPU_EW_SUB:
		return ref_sat((s64)aa - bb);
	case NPU_EW_MIN:
		return aa < bb ? aa : bb;
	case NPU_EW_MAX:
		return aa > bb ? aa : bb;
	case NPU_EW_LRELU:
		return a >= 0 ? a : aa;
	case NPU_EW_ABS:
		return ref_sat(a < 0 ? -(s64)a : a);
	case NPU_EW_CLZ:
		return ref_clz(a);
	case NPU_EW_SHR:
		return ref_sat(ref_div(a, 1LL << s, op->round));
	default:
		return ref_sat((s64)a * (1LL << s));
	}
}

static void ref_elementwise(struct npst_mem *m, const struct npst_op *op)
{
	u32 x, y, c;

	for (y = 0; y < op->ofm.h; y++)
		for (x = 0; x < op->ofm.w; x++)
			for (c = 0; c < op->ofm.c; c++)
				ref_put(m, op, x, y, c, ref_ew(m, op, x, y, c),
					op->ofm_scale.mult,
					op->ofm_scale.shift);
}

/* IFM position of a window element, or -1 for padding */
static s64 ref_pos(u32 o, u32 k, u32 stride, u32 dil, u32 pad, u32 size)
{
	s64 i = (s64)o * stride + (s64)k * dil - pad;

	return i < 0 || i >= size ? -1 : i;
}

/* t of pooling output (x, y, c) */
static s32 ref_pool_one(const struct npst_mem *m, const struct npst_op *op,
			u32 x, u32 y, u32 c)
{
	s64 sum = 0, n = 0, ix, iy;
	s32 best = 0, a;
	u32 kx, ky;

	for (ky = 0; ky < op->kh; ky++) {
		for (kx = 0; kx < op->kw; kx++) {
			iy = ref_pos(y, ky, op->sy, op->dy, op->pad_top,
				     op->ifm.h);
			ix = ref_pos(x, kx, op->sx, op->dx, op->pad_left,
				     op->ifm.w);
			if (ix < 0 || iy < 0)
				continue;
			a = ref_get(m, &op->ifm, ix, iy, c);
			if (!n || a > best)
				best = a;
			sum += a;
			n++;
		}
	}

	if (!n)
		return 0;
	if (op->mode == NPU_POOL_MAX)
		return best;
	if (op->mode == NPU_POOL_AVERAGE)
		return ref_div(sum, n, op->round);
	return ref_sat(sum);
}

static void ref_pool(struct npst_mem *m, const struct npst_op *op)
{
	u32 x, y, c;

	for (y = 0; y < op->ofm.h; y++)
		for (x = 0; x < op->ofm.w; x++)
			for (c = 0; c < op->ofm.c; c++)
				ref_put(m, op, x, y, c,
					ref_pool_one(m, op, x, y, c),
					op->ofm_scale.mult,
					op->ofm_scale.shift);
}

/* sum of the products of convolution output (x, y, c) */
static s64 ref_conv_sum(const struct npst_mem *m, const struct npst_op *op,
			u32 x, u32 y, u32 c)
{
	const u8 *wt = m->buf[op->weight_region] + op->weight_base;
	u32 ic = op->ifm.c, kx, ky, i;
	s64 sum = 0, ix, iy;
	size_t w;

	for (ky = 0; ky < op->kh; ky++) {
		for (kx = 0; kx < op->kw; kx++) {
			iy = ref_pos(y, ky, op->sy, op->dy, op->pad_top,
				     op->ifm.h);
			ix = ref_pos(x, kx, op->sx, op->dx, op->pad_left,
				     op->ifm.w);
			if (ix < 0 || iy < 0)
				continue;
			if (op->code == NPU_OP_DEPTHWISE) {
				/* HWC */
				w = (ky * op->kw + kx) * op->ofm.c + c;
				sum += ref_get(m, &op->ifm, ix, iy, c) *
				       (s8)wt[w];
				continue;
			}
			for (i = 0; i < ic; i++) {
				/* OHWI */
				w = ((c * op->kh + ky) * op->kw + kx) * ic + i;
				sum += ref_get(m, &op->ifm, ix, iy, i) *
				       (s8)wt[w];
			}
		}
	}

	return sum;
}

static void ref_conv(struct npst_mem *m, const struct npst_op *op)
{
	const u8 *r;
	s64 bias;
	s32 mult;
	u32 x, y, c;
	u8 shift;

	for (c = 0; c < op->ofm.c; c++) {
		r = m->buf[op->scale_region] + op->scale_base + 10 * c;
		bias = 0;
		mult = op->ofm_scale.mult;
		shift = op->ofm_scale.shift;
		if (!op->global) {
			bias = (s64)r[0] | (s64)r[1] << 8 | (s64)r[2] << 16 |
			       (s64)r[3] << 24 | (s64)r[4] << 32;
			if (bias & (1LL << 39))
				bias -= 1LL << 40;
			mult = (s32)((u32)r[5] | (u32)r[6] << 8 |
				     (u32)r[7] << 16 | (u32)r[8] << 24);
			shift = r[9] % 64;
		}
		/* channel outermost: the OFM does not overlap the inputs */
		for (y = 0; y < op->ofm.h; y++)
			for (x = 0; x < op->ofm.w; x++)
				ref_put(m, op, x, y, c,
					ref_sat(ref_conv_sum(m, op, x, y, c) +
						bias), mult, shift);
	}
}

/* Random operations */

/* An operand scale: none, or a factor of magnitude 1/16 to 2. */
static void npst_rand_opscale(struct npst_lcg *l, struct npu_sim_scale *s)
{
	s->mult = 0;
	s->shift = npst_range(l, 0, 63);
	if (!npst_range(l, 0, 3))
		return;
	s->mult = npst_range(l, 1 << 14, 1 << 15);
	s->shift = npst_range(l, 14, 18);
	if (!npst_range(l, 0, 3))
		s->mult = -s->mult;
}

/*
 * An output scale that brings values of about 2^mag to about 2^6, within
 * a factor of 4: often with a small multiplier and shift, where exact
 * ties are frequent; none at times.
 */
static void npst_rand_outscale(struct npst_lcg *l, struct npu_sim_scale *s,
			       int mag)
{
	switch (npst_range(l, 0, 9)) {
	case 0:
		s->mult = 0;
		s->shift = npst_range(l, 0, 63);
		break;
	case 1 ... 4:
		s->mult = npst_range(l, 1, 3);
		s->shift = clamp(mag - 6 + npst_range(l, 0, 1), 1, 63);
		break;
	default:
		s->mult = npst_range(l, 1 << 20, 1 << 21);
		s->shift = clamp(14 + mag + npst_range(l, -1, 1), 0, 63);
		break;
	}
}

/*
 * Signedness, zero points, rounding, scales and clamp; the OFM scale for
 * values t of about 2^mag.
 */
static void npst_rand_common(struct npst_lcg *l, struct npst_op *op,
			     int mag)
{
	s32 tmin, tmax;

	op->ifm.is_signed = npst_range(l, 0, 1);
	op->ifm2.is_signed = npst_range(l, 0, 1);
	op->ofm.is_signed = npst_range(l, 0, 1);
	op->ifm.zp = npst_range(l, -150, 150);
	op->ifm2.zp = npst_range(l, -150, 150);
	op->ofm.zp = npst_range(l, -100, 100);
	op->round = npst_range(l, 0, 2);
	npst_rand_outscale(l, &op->ofm_scale, mag);
	npst_rand_opscale(l, &op->opa);
	npst_rand_opscale(l, &op->opb);

	tmin = op->ofm.is_signed ? -128 : 0;
	tmax = op->ofm.is_signed ? 127 : 255;
	switch (npst_range(l, 0, 9)) {
	case 0 ... 4:
		op->act_min = S16_MIN;
		op->act_max = S16_MAX;
		break;
	case 5:
		op->act_min = npst_range(l, tmin, tmax);
		op->act_max = npst_range(l, tmin, op->act_min);
		break;
	default:
		op->act_min = npst_range(l, tmin, tmax);
		op->act_max = npst_range(l, op->act_min, tmax);
		break;
	}
}

static void npst_rand_window(struct npst_lcg *l, struct npst_op *op, u32 c)
{
	op->ofm.w = npst_range(l, 1, 5);
	op->ofm.h = npst_range(l, 1, 4);
	op->ofm.c = c;
	op->kw = npst_range(l, 1, 3);
	op->kh = npst_range(l, 1, 3);
	op->sx = npst_range(l, 1, 4);
	op->sy = npst_range(l, 1, 4);
	op->dx = npst_range(l, 1, 2);
	op->dy = npst_range(l, 1, 2);
	op->pad_top = npst_range(l, 0, 2);
	op->pad_left = npst_range(l, 0, 2);
	op->pad_right = npst_range(l, 0, 2);
	op->pad_bottom = npst_range(l, 0, 2);
	op->ifm.w = (op->ofm.w - 1) * op->sx + (op->kw - 1) * op->dx + 1;
	op->ifm.h = (op->ofm.h - 1) * op->sy + (op->kh - 1) * op->dy + 1;
	if (op->ifm.w <= op->pad_left + op->pad_right) {
		op->pad_left = 0;
		op->pad_right = 0;
	}
	if (op->ifm.h <= op->pad_top + op->pad_bottom) {
		op->pad_top = 0;
		op->pad_bottom = 0;
	}
	op->ifm.w -= op->pad_left + op->pad_right;
	op->ifm.h -= op->pad_top + op->pad_bottom;
}

/* Place the IFM, IFM2 (if wanted) and OFM, each in its own region. */
static void npst_place(struct npst_ctx *t, u32 ifm_c, bool ifm2)
{
	struct npst_op *op = &t->op;
	u32 cur;

	cur = npst_range(&t->lcg, 0, 64);
	npst_place_fm(&t->lcg, &op->ifm, t->regions[0], op->ifm.w, op->ifm.h,
		      ifm_c, &cur);
	KUNIT_ASSERT_LE(t->test, cur, NPST_REGION_SIZE);
	cur = npst_range(&t->lcg, 0, 64);
	npst_place_fm(&t->lcg, &op->ofm, t->regions[1], op->ofm.w, op->ofm.h,
		      op->ofm.c, &cur);
	KUNIT_ASSERT_LE(t->test, cur, NPST_REGION_SIZE);
	cur = npst_range(&t->lcg, 0, 64);
	if (ifm2)
		npst_place_fm(&t->lcg, &op->ifm2, t->regions[2], op->ifm2.w,
			      op->ifm2.h, op->ifm2.c, &cur);
	KUNIT_ASSERT_LE(t->test, cur, NPST_REGION_SIZE);
}

static struct npst_ctx *npst_ops_init(struct kunit *test, u64 seed)
{
	npst_outputs = 0;
	npst_inside = 0;

	return npst_ctx_init(test, seed);
}

/* At least a fifth of the outputs were not clamped. */
static void npst_expect_unclamped(struct kunit *test)
{
	kunit_info(test, "%u of %u outputs inside the clamp\n", npst_inside,
		   npst_outputs);
	KUNIT_EXPECT_GE(test, npst_inside * 5, npst_outputs);
}

static void npst_ref_elementwise(struct npst_ctx *t)
{
	ref_elementwise(&t->ref, &t->op);
}

static void npst_ref_pool(struct npst_ctx *t)
{
	ref_pool(&t->ref, &t->op);
}

static void npst_ref_conv(struct npst_ctx *t)
{
	ref_conv(&t->ref, &t->op);
}

static const u16 npst_ew_modes[] = {
	NPU_EW_MUL, NPU_EW_ADD, NPU_EW_SUB, NPU_EW_MIN, NPU_EW_MAX,
	NPU_EW_LRELU, NPU_EW_ABS, NPU_EW_CLZ, NPU_EW_SHR, NPU_EW_SHL,
};

static void npst_ew_desc(const u16 *mode, char *desc)
{
	static const char * const names[] = {
		"mul", "add", "sub", "min", "max", "lrelu", "abs", "clz",
		"shr", "shl",
	};

	strscpy(desc, names[*mode], KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(npst_ew, npst_ew_modes, npst_ew_desc);

/* Typical log2 of t per elementwise mode, for the OFM scale */
static const int npst_ew_mag[] = {
	[NPU_EW_MUL] = 14, [NPU_EW_ADD] = 9, [NPU_EW_SUB] = 9,
	[NPU_EW_MIN] = 8, [NPU_EW_MAX] = 8, [NPU_EW_LRELU] = 8,
	[NPU_EW_ABS] = 8, [NPU_EW_CLZ] = 4, [NPU_EW_SHR] = 6,
	[NPU_EW_SHL] = 12,
};

/* Shift counts of 0 to max in IFM2 (and the scalar), not all clamped. */
static void npst_small_ifm2(struct npst_ctx *t, int max)
{
	struct npst_op *op = &t->op;
	struct npst_fm *f = &op->ifm2;
	u32 x, y, c;

	f->zp = f->is_signed ? npst_range(&t->lcg, -20, 20) :
			       npst_range(&t->lcg, 0, 20);
	op->scalar = f->zp + npst_range(&t->lcg, -2, max);
	for (y = 0; y < f->h; y++)
		for (x = 0; x < f->w; x++)
			for (c = 0; c < f->c; c++)
				t->sim.buf[f->region][npst_fm_offset(f, x, y, c)] =
					f->zp + npst_range(&t->lcg, -2, max);
}

static void npst_elementwise(struct kunit *test)
{
	u16 mode = *(const u16 *)test->param_value;
	struct npst_ctx *t = npst_ops_init(test, 0x5eed0000 + mode);
	struct npst_op *op = &t->op;
	unsigned int iter;

	for (iter = 0; iter < NPST_ITERATIONS; iter++) {
		npst_ctx_shuffle(t);
		memset(op, 0, sizeof(*op));
		op->code = NPU_OP_ELEMENTWISE;
		op->mode = mode;
		npst_unit_window(op);
		npst_rand_common(&t->lcg, op, npst_ew_mag[mode]);
		op->ofm.w = npst_range(&t->lcg, 1, 7);
		op->ofm.h = npst_range(&t->lcg, 1, 5);
		op->ifm.w = op->ofm.w;
		op->ifm.h = op->ofm.h;
		op->ofm.c = npst_range(&t->lcg, 1, 9);
		if (!npst_range(&t->lcg, 0, 2))
			op->bcast |= NPU_IFM2_BCAST_H;
		if (!npst_range(&t->lcg, 0, 2))
			op->bcast |= NPU_IFM2_BCAST_W;
		if (!npst_range(&t->lcg, 0, 2))
			op->bcast |= NPU_IFM2_BCAST_C;
		if (!npst_range(&t->lcg, 0, 4))
			op->bcast |= NPU_IFM2_BCAST_SCALAR;
		if (!npst_range(&t->lcg, 0, 3))
			op->bcast |= NPU_IFM2_BCAST_REVERSED;
		op->scalar = npst_range(&t->lcg, 0, 1) ?
			     npst_range(&t->lcg, -200, 200) :
			     npst_range(&t->lcg, S16_MIN, S16_MAX);
		op->ifm2.w = op->bcast & NPU_IFM2_BCAST_W ? 1 : op->ofm.w;
		op->ifm2.h = op->bcast & NPU_IFM2_BCAST_H ? 1 : op->ofm.h;
		op->ifm2.c = op->bcast & NPU_IFM2_BCAST_C ? 1 : op->ofm.c;
		npst_place(t, op->ofm.c, true);
		if (mode == NPU_EW_SHL || mode == NPU_EW_SHR)
			npst_small_ifm2(t, mode == NPU_EW_SHL ? 6 : 4);
		npst_emit_op(&t->s, op);
		npst_check(t, iter, npst_ref_elementwise);
	}
	npst_expect_unclamped(test);
}

static const u16 npst_pool_modes[] = {
	NPU_POOL_MAX, NPU_POOL_AVERAGE, NPU_POOL_REDUCE_SUM,
};

static void npst_pool_desc(const u16 *mode, char *desc)
{
	static const char * const names[] = { "max", "average", "sum" };

	strscpy(desc, names[*mode], KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(npst_pool, npst_pool_modes, npst_pool_desc);

static void npst_pool(struct kunit *test)
{
	u16 mode = *(const u16 *)test->param_value;
	struct npst_ctx *t = npst_ops_init(test, 0x9001 + mode);
	struct npst_op *op = &t->op;
	unsigned int iter;

	for (iter = 0; iter < NPST_ITERATIONS; iter++) {
		npst_ctx_shuffle(t);
		memset(op, 0, sizeof(*op));
		op->code = NPU_OP_POOL;
		op->mode = mode;
		npst_rand_window(&t->lcg, op, npst_range(&t->lcg, 1, 6));
		npst_rand_common(&t->lcg, op, mode == NPU_POOL_REDUCE_SUM ?
				 8 + ilog2(op->kw * op->kh) / 2 : 8);
		npst_place(t, op->ofm.c, false);
		npst_emit_op(&t->s, op);
		npst_check(t, iter, npst_ref_pool);
	}
	npst_expect_unclamped(test);
}

/* Weights and, unless global, bias and scale records for oc channels. */
/*
 * Weights, and bias and scale records for oc channels that bring sums of
 * about 2^mag to about 2^6.
 */
static void npst_rand_coeffs(struct npst_ctx *t, u32 weights, u32 oc,
			     int mag)
{
	struct npst_op *op = &t->op;
	u8 *rec;
	u32 c;

	op->weight_region = t->regions[3];
	op->weight_base = npst_range(&t->lcg, 0, 100);
	op->weight_len = weights + npst_range(&t->lcg, 0, 5);
	op->scale_region = t->regions[4];
	op->scale_base = npst_range(&t->lcg, 0, 100);
	op->scale_len = oc * NPU_SCALE_RECORD_SIZE + npst_range(&t->lcg, 0, 3);
	op->global = !npst_range(&t->lcg, 0, 3);

	rec = t->sim.buf[op->scale_region] + op->scale_base;
	for (c = 0; c < oc; c++, rec += NPU_SCALE_RECORD_SIZE) {
		s64 bias = npst_range(&t->lcg, -(1 << mag), 1 << mag);
		s32 mult = npst_range(&t->lcg, 1 << 20, 1 << 21);

		if (!npst_range(&t->lcg, 0, 7))
			bias = (s64)npst_rand(&t->lcg) << 7 |
			       npst_range(&t->lcg, 0, 127);
		if (!npst_range(&t->lcg, 0, 7))
			mult = -mult;
		if (!npst_range(&t->lcg, 0, 9))
			mult = 0;
		put_unaligned_le32((u32)bias, rec);
		rec[4] = (u64)bias >> 32;
		put_unaligned_le32(mult, rec + 5);
		rec[9] = (14 + mag + npst_range(&t->lcg, -1, 1)) |
			 npst_range(&t->lcg, 0, 3) << 6;
	}
}

static void npst_conv_common(struct kunit *test, bool depthwise)
{
	struct npst_ctx *t = npst_ops_init(test, depthwise ? 0xd00d : 0xc0c0);
	struct npst_op *op = &t->op;
	unsigned int iter;
	u32 ic, oc, terms;
	int mag;

	for (iter = 0; iter < NPST_ITERATIONS; iter++) {
		npst_ctx_shuffle(t);
		memset(op, 0, sizeof(*op));
		op->code = depthwise ? NPU_OP_DEPTHWISE : NPU_OP_CONV;
		oc = npst_range(&t->lcg, 1, depthwise ? 6 : 5);
		ic = depthwise ? oc : npst_range(&t->lcg, 1, 6);
		npst_rand_window(&t->lcg, op, oc);
		/* a sum of random signs grows as the root of its terms */
		terms = op->kw * op->kh * (depthwise ? 1 : ic);
		mag = 14 + (ilog2(terms) + 1) / 2;
		npst_rand_common(&t->lcg, op, mag);
		npst_rand_coeffs(t, op->kw * op->kh * (depthwise ? oc : oc * ic),
				 oc, mag);
		npst_place(t, ic, false);
		npst_emit_op(&t->s, op);
		npst_check(t, iter, npst_ref_conv);
	}
	npst_expect_unclamped(test);
}

static void npst_conv(struct kunit *test)
{
	npst_conv_common(test, false);
}

static void npst_depthwise(struct kunit *test)
{
	npst_conv_common(test, true);
}

static struct kunit_case npst_ops_cases[] = {
	KUNIT_CASE_PARAM(npst_elementwise, npst_ew_gen_params),
	KUNIT_CASE_PARAM(npst_pool, npst_pool_gen_params),
	KUNIT_CASE(npst_conv),
	KUNIT_CASE(npst_depthwise),
	{}
};

static struct kunit_suite npst_ops_suite = {
	.name = "npu_sim_ops",
	.test_cases = npst_ops_cases,
};

kunit_test_suite(npst_ops_suite);

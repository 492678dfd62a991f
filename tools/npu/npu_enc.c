// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Command stream encoder and CPU reference for int8/uint8 NHWC feature
 * maps. The encoder sets every state an operation addresses memory with,
 * so the driver's validator accepts the streams; the reference follows
 * the simulated NPU's documented arithmetic, written again from the
 * documentation rather than shared with the simulator, so that a test
 * comparing the two checks both.
 */
#include <stdlib.h>
#include <string.h>

#include "npu_enc.h"

/* Encoder */

/**
 * npu_enc_init() - an empty stream
 * @e: the stream
 */
void npu_enc_init(struct npu_enc *e)
{
	memset(e, 0, sizeof(*e));
}

/**
 * npu_enc_free() - release a stream's words
 * @e: the stream
 */
void npu_enc_free(struct npu_enc *e)
{
	free(e->w);
	npu_enc_init(e);
}

static void npu_enc_word(struct npu_enc *e, uint32_t w)
{
	if (e->n == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 64;
		uint32_t *p = realloc(e->w, cap * sizeof(*p));

		if (!p) {
			e->err = true;
			return;
		}
		e->w = p;
		e->cap = cap;
	}
	e->w[e->n++] = w;
}

/**
 * npu_enc_cmd() - one command
 * @e: the stream
 * @code: enum npu_cmd
 * @value: the 16-bit parameter, or the 40-bit payload of a two-word
 *	command
 */
void npu_enc_cmd(struct npu_enc *e, uint16_t code, uint64_t value)
{
	if (NPU_CMD_IS_CMD1(code)) {
		npu_enc_word(e, (uint32_t)((value >> 32) & 0xff) << 16 | code);
		npu_enc_word(e, (uint32_t)value);
	} else {
		npu_enc_word(e, (uint32_t)(value & 0xffff) << 16 | code);
	}
}

/* The commands of one feature map, IFM, IFM2 or OFM. */
struct npu_fm_cmds {
	uint16_t region, precision, zero_point, width0_m1, height0_m1,
		 height1_m1, base0, stride_x, stride_y, stride_c;
};

static const struct npu_fm_cmds npu_ifm_cmds = {
	NPU_SET_IFM_REGION, NPU_SET_IFM_PRECISION, NPU_SET_IFM_ZERO_POINT,
	NPU_SET_IFM_WIDTH0_M1, NPU_SET_IFM_HEIGHT0_M1, NPU_SET_IFM_HEIGHT1_M1,
	NPU_SET_IFM_BASE0, NPU_SET_IFM_STRIDE_X, NPU_SET_IFM_STRIDE_Y,
	NPU_SET_IFM_STRIDE_C,
};

static const struct npu_fm_cmds npu_ifm2_cmds = {
	NPU_SET_IFM2_REGION, NPU_SET_IFM2_PRECISION, NPU_SET_IFM2_ZERO_POINT,
	NPU_SET_IFM2_WIDTH0_M1, NPU_SET_IFM2_HEIGHT0_M1,
	NPU_SET_IFM2_HEIGHT1_M1, NPU_SET_IFM2_BASE0, NPU_SET_IFM2_STRIDE_X,
	NPU_SET_IFM2_STRIDE_Y, NPU_SET_IFM2_STRIDE_C,
};

static const struct npu_fm_cmds npu_ofm_cmds = {
	NPU_SET_OFM_REGION, NPU_SET_OFM_PRECISION, NPU_SET_OFM_ZERO_POINT,
	NPU_SET_OFM_WIDTH0_M1, NPU_SET_OFM_HEIGHT0_M1, NPU_SET_OFM_HEIGHT1_M1,
	NPU_SET_OFM_BASE0, NPU_SET_OFM_STRIDE_X, NPU_SET_OFM_STRIDE_Y,
	NPU_SET_OFM_STRIDE_C,
};

/* One tile covering the whole map, NHWC with no gaps. */
static void npu_enc_fm(struct npu_enc *e, const struct npu_fm_cmds *c,
		       const struct npu_fm *fm, uint16_t precision)
{
	unsigned int t;

	npu_enc_cmd(e, c->region, fm->region);
	npu_enc_cmd(e, c->precision, precision);
	npu_enc_cmd(e, c->zero_point, (uint16_t)fm->zp);
	npu_enc_cmd(e, c->width0_m1, fm->w - 1);
	npu_enc_cmd(e, c->height0_m1, fm->h - 1);
	npu_enc_cmd(e, c->height1_m1, fm->h - 1);
	for (t = 0; t < 4; t++)
		npu_enc_cmd(e, c->base0 + t, fm->base);
	npu_enc_cmd(e, c->stride_x, fm->c);
	npu_enc_cmd(e, c->stride_y, (uint64_t)fm->w * fm->c);
	npu_enc_cmd(e, c->stride_c, 1);
}

/**
 * npu_enc_ifm() - the IFM and its depth
 * @e: the stream
 * @fm: the feature map
 */
void npu_enc_ifm(struct npu_enc *e, const struct npu_fm *fm)
{
	npu_enc_fm(e, &npu_ifm_cmds, fm, fm->is_signed);
	npu_enc_cmd(e, NPU_SET_IFM_DEPTH_M1, fm->c - 1);
}

/**
 * npu_enc_ifm2() - the second input of an elementwise operation
 * @e: the stream
 * @fm: the feature map
 */
void npu_enc_ifm2(struct npu_enc *e, const struct npu_fm *fm)
{
	npu_enc_fm(e, &npu_ifm2_cmds, fm, fm->is_signed);
	npu_enc_cmd(e, NPU_SET_IFM2_BROADCAST, 0);
}

/**
 * npu_enc_ofm() - the OFM, its shape and how results are written
 * @e: the stream
 * @fm: the feature map
 * @out: scale, clamp and rounding
 */
void npu_enc_ofm(struct npu_enc *e, const struct npu_fm *fm,
		 const struct npu_out *out)
{
	uint16_t prec = fm->is_signed | (out->global_scale ? 1 << 8 : 0) |
			(uint16_t)(out->round & 3) << 14;

	npu_enc_fm(e, &npu_ofm_cmds, fm, prec);
	npu_enc_cmd(e, NPU_SET_OFM_WIDTH_M1, fm->w - 1);
	npu_enc_cmd(e, NPU_SET_OFM_HEIGHT_M1, fm->h - 1);
	npu_enc_cmd(e, NPU_SET_OFM_DEPTH_M1, fm->c - 1);
	npu_enc_cmd(e, NPU_SET_OFM_SCALE,
		    (uint64_t)(out->shift & 0x3f) << 32 | (uint32_t)out->scale);
	npu_enc_cmd(e, NPU_SET_ACTIVATION, 0);
	npu_enc_cmd(e, NPU_SET_ACTIVATION_MIN, (uint16_t)out->lo);
	npu_enc_cmd(e, NPU_SET_ACTIVATION_MAX, (uint16_t)out->hi);
}

/**
 * npu_enc_kernel() - the window of a pooling or convolution
 * @e: the stream
 * @k: the window (dilation 1)
 */
void npu_enc_kernel(struct npu_enc *e, const struct npu_kernel *k)
{
	uint32_t sx = k->sx - 1, sy = k->sy - 1;

	npu_enc_cmd(e, NPU_SET_KERNEL_WIDTH_M1, k->w - 1);
	npu_enc_cmd(e, NPU_SET_KERNEL_HEIGHT_M1, k->h - 1);
	npu_enc_cmd(e, NPU_SET_KERNEL_STRIDE, (sx & 1) | (sx & 2) << 5 |
		    (sy & 1) << 1 | (sy & 2) << 8);
	npu_enc_cmd(e, NPU_SET_IFM_PAD_TOP, k->pad_top);
	npu_enc_cmd(e, NPU_SET_IFM_PAD_LEFT, k->pad_left);
	npu_enc_cmd(e, NPU_SET_IFM_PAD_BOTTOM, k->pad_bottom);
	npu_enc_cmd(e, NPU_SET_IFM_PAD_RIGHT, k->pad_right);
}

/**
 * npu_enc_dma() - copy bytes from one region to another
 * @e: the stream
 * @src_region: source region
 * @src: source offset
 * @dst_region: destination region
 * @dst: destination offset
 * @len: bytes
 */
void npu_enc_dma(struct npu_enc *e, uint8_t src_region, uint64_t src,
		 uint8_t dst_region, uint64_t dst, uint64_t len)
{
	npu_enc_cmd(e, NPU_SET_DMA0_SRC_REGION, src_region);
	npu_enc_cmd(e, NPU_SET_DMA0_DST_REGION, dst_region);
	npu_enc_cmd(e, NPU_SET_DMA0_SRC, src);
	npu_enc_cmd(e, NPU_SET_DMA0_DST, dst);
	npu_enc_cmd(e, NPU_SET_DMA0_LEN, len);
	npu_enc_cmd(e, NPU_OP_DMA_START, 0);
	npu_enc_cmd(e, NPU_OP_DMA_WAIT, 0);
}

static void npu_enc_ew_scales(struct npu_enc *e,
			      const struct npu_ew_scales *sc)
{
	static const struct npu_ew_scales none;

	if (!sc)
		sc = &none;
	npu_enc_cmd(e, NPU_SET_OPA_SCALE,
		    (uint64_t)(sc->a_shift & 0x3f) << 32 | (uint32_t)sc->a);
	npu_enc_cmd(e, NPU_SET_OPB_SCALE,
		    (uint64_t)(sc->b_shift & 0x3f) << 32 | (uint32_t)sc->b);
}

/**
 * npu_enc_elementwise() - an elementwise operation of two maps, or one
 * @e: the stream
 * @mode: the operation
 * @ifm: the first operand
 * @ifm2: the second, or NULL for LRELU, ABS and CLZ
 * @sc: operand scales, or NULL for none
 * @ofm: the result, the same shape
 * @out: scale, clamp and rounding
 */
void npu_enc_elementwise(struct npu_enc *e, enum npu_elementwise_mode mode,
			 const struct npu_fm *ifm, const struct npu_fm *ifm2,
			 const struct npu_ew_scales *sc,
			 const struct npu_fm *ofm, const struct npu_out *out)
{
	npu_enc_ofm(e, ofm, out);
	npu_enc_ifm(e, ifm);
	if (ifm2)
		npu_enc_ifm2(e, ifm2);
	npu_enc_ew_scales(e, sc);
	npu_enc_cmd(e, NPU_OP_ELEMENTWISE, mode);
}

/**
 * npu_enc_elementwise_scalar() - an elementwise operation with a scalar
 * @e: the stream
 * @mode: the operation
 * @ifm: the first operand
 * @scalar: the second (its zero point is 0)
 * @sc: operand scales, or NULL for none
 * @ofm: the result, the same shape
 * @out: scale, clamp and rounding
 */
void npu_enc_elementwise_scalar(struct npu_enc *e,
				enum npu_elementwise_mode mode,
				const struct npu_fm *ifm, int16_t scalar,
				const struct npu_ew_scales *sc,
				const struct npu_fm *ofm,
				const struct npu_out *out)
{
	npu_enc_ofm(e, ofm, out);
	npu_enc_ifm(e, ifm);
	npu_enc_cmd(e, NPU_SET_IFM2_BROADCAST, NPU_IFM2_BCAST_SCALAR);
	npu_enc_cmd(e, NPU_SET_IFM2_SCALAR, (uint16_t)scalar);
	npu_enc_cmd(e, NPU_SET_IFM2_ZERO_POINT, 0);
	npu_enc_ew_scales(e, sc);
	npu_enc_cmd(e, NPU_OP_ELEMENTWISE, mode);
}

/**
 * npu_enc_pool() - a pooling operation
 * @e: the stream
 * @mode: maximum, average or sum
 * @ifm: the input; its width and height must be the window's reach
 * @k: the window
 * @ofm: the result, with the input's channels
 * @out: scale, clamp and rounding
 */
void npu_enc_pool(struct npu_enc *e, enum npu_pool_mode mode,
		  const struct npu_fm *ifm, const struct npu_kernel *k,
		  const struct npu_fm *ofm, const struct npu_out *out)
{
	npu_enc_ofm(e, ofm, out);
	npu_enc_ifm(e, ifm);
	npu_enc_kernel(e, k);
	npu_enc_cmd(e, NPU_OP_POOL, mode);
}

/**
 * npu_conv_weights_size() - bytes of uncompressed weights of a convolution
 * @depthwise: DEPTHWISE (HWC) rather than CONV (OHWI)
 * @ifm: the input
 * @k: the window
 * @ofm: the result
 *
 * Return: the size.
 */
size_t npu_conv_weights_size(bool depthwise, const struct npu_fm *ifm,
			     const struct npu_kernel *k,
			     const struct npu_fm *ofm)
{
	size_t hw = (size_t)k->w * k->h;

	return depthwise ? hw * ofm->c : hw * ofm->c * ifm->c;
}

/**
 * npu_scale_record() - the bias and scale record of one output channel
 * @rec: NPU_SCALE_RECORD_SIZE bytes
 * @bias: a 40-bit signed bias
 * @scale: the multiplier
 * @shift: the shift (0 to 63)
 */
void npu_scale_record(uint8_t *rec, int64_t bias, int32_t scale,
		      uint8_t shift)
{
	unsigned int i;

	for (i = 0; i < 5; i++)
		rec[i] = (uint64_t)bias >> (8 * i);
	for (i = 0; i < 4; i++)
		rec[5 + i] = (uint32_t)scale >> (8 * i);
	rec[9] = shift & 0x3f;
}

/**
 * npu_enc_conv() - a convolution, or a depthwise one
 * @e: the stream
 * @depthwise: DEPTHWISE rather than CONV
 * @ifm: the input; its width and height must be the window's reach
 * @k: the window
 * @weight_region: region of the weights
 * @weight_base: their offset, npu_conv_weights_size() bytes
 * @scale_region: region of the records
 * @scale_base: their offset, NPU_SCALE_RECORD_SIZE bytes per OFM channel
 *	(none are read with @out->global_scale)
 * @ofm: the result
 * @out: scale, clamp and rounding
 */
void npu_enc_conv(struct npu_enc *e, bool depthwise, const struct npu_fm *ifm,
		  const struct npu_kernel *k, uint8_t weight_region,
		  uint64_t weight_base, uint8_t scale_region,
		  uint64_t scale_base, const struct npu_fm *ofm,
		  const struct npu_out *out)
{
	npu_enc_ofm(e, ofm, out);
	npu_enc_ifm(e, ifm);
	npu_enc_kernel(e, k);
	npu_enc_cmd(e, NPU_SET_WEIGHT_REGION, weight_region);
	npu_enc_cmd(e, NPU_SET_WEIGHT_BASE, weight_base);
	npu_enc_cmd(e, NPU_SET_WEIGHT_LENGTH,
		    npu_conv_weights_size(depthwise, ifm, k, ofm));
	if (!out->global_scale) {
		npu_enc_cmd(e, NPU_SET_SCALE_REGION, scale_region);
		npu_enc_cmd(e, NPU_SET_SCALE_BASE, scale_base);
		npu_enc_cmd(e, NPU_SET_SCALE_LENGTH,
			    (uint64_t)ofm->c * NPU_SCALE_RECORD_SIZE);
	}
	npu_enc_cmd(e, depthwise ? NPU_OP_DEPTHWISE : NPU_OP_CONV, 0);
}

/**
 * npu_enc_stop() - end the stream
 * @e: the stream
 */
void npu_enc_stop(struct npu_enc *e)
{
	npu_enc_cmd(e, NPU_OP_STOP, 0);
}

/* Reference */

static int64_t npu_sat32(__int128 v)
{
	if (v > INT32_MAX)
		return INT32_MAX;
	if (v < INT32_MIN)
		return INT32_MIN;

	return (int64_t)v;
}

/* round(num / den), den > 0, in rounding mode @mode. */
static __int128 npu_round_div(__int128 num, __int128 den, unsigned int mode)
{
	__int128 mag = num < 0 ? -num : num;

	switch (mode) {
	case NPU_ROUND_TRUNCATE:
		return num / den;
	case NPU_ROUND_NATURAL: {
		__int128 n2 = 2 * num + den, d2 = 2 * den;
		__int128 q = n2 / d2;

		/* floor, not truncation */
		if (n2 % d2 && n2 < 0)
			q--;
		return q;
	}
	default:
		mag = (2 * mag + den) / (2 * den);
		return num < 0 ? -mag : mag;
	}
}

static int64_t npu_rescale(int64_t v, int32_t m, unsigned int n,
			   unsigned int mode)
{
	if (!m)
		return v;

	return npu_sat32(npu_round_div((__int128)v * m, (__int128)1 << n,
				       mode));
}

static uint8_t npu_out_byte(int64_t t, int32_t m, unsigned int n,
			    const struct npu_fm *ofm,
			    const struct npu_out *out)
{
	int64_t lo = ofm->is_signed ? -128 : 0, hi = ofm->is_signed ? 127 : 255;
	int64_t o = npu_rescale(t, m, n, out->round) + ofm->zp;

	if (out->lo > lo)
		lo = out->lo;
	if (out->hi < hi)
		hi = out->hi;
	if (o > hi || lo > hi)
		o = hi;
	else if (o < lo)
		o = lo;

	return (uint8_t)o;
}

static int64_t npu_elem(const struct npu_fm *fm, const uint8_t *d, size_t i)
{
	int64_t v = fm->is_signed ? (int8_t)d[i] : d[i];

	return v - fm->zp;
}

static unsigned int npu_clz32(uint32_t v)
{
	unsigned int n = 0;

	if (!v)
		return 32;
	while (!(v & 0x80000000u)) {
		v <<= 1;
		n++;
	}

	return n;
}

/**
 * npu_ref_elementwise() - what the NPU computes for an elementwise operation
 * @mode: the operation
 * @ifm: the first operand's map
 * @a: its bytes
 * @ifm2: the second operand's map, or NULL
 * @b: its bytes, or NULL
 * @scalar: the scalar second operand, or NULL
 * @sc: operand scales, or NULL
 * @ofm: the result's map
 * @out: scale, clamp and rounding
 * @ofm_data: the result
 */
void npu_ref_elementwise(enum npu_elementwise_mode mode,
			 const struct npu_fm *ifm, const uint8_t *a,
			 const struct npu_fm *ifm2, const uint8_t *b,
			 const int16_t *scalar, const struct npu_ew_scales *sc,
			 const struct npu_fm *ofm, const struct npu_out *out,
			 uint8_t *ofm_data)
{
	static const struct npu_ew_scales none;
	size_t i, n = npu_fm_size(ofm);

	if (!sc)
		sc = &none;
	for (i = 0; i < n; i++) {
		int64_t va = npu_elem(ifm, a, i), vb = 0, sa, sb, t, s;

		if (scalar)
			vb = *scalar;
		else if (ifm2)
			vb = npu_elem(ifm2, b, i);
		sa = npu_rescale(va, sc->a, sc->a_shift, out->round);
		sb = npu_rescale(vb, sc->b, sc->b_shift, out->round);
		s = vb < 0 ? 0 : vb > 31 ? 31 : vb;
		switch (mode) {
		case NPU_EW_MUL:
			t = npu_sat32((__int128)va * vb);
			break;
		case NPU_EW_ADD:
			t = npu_sat32((__int128)sa + sb);
			break;
		case NPU_EW_SUB:
			t = npu_sat32((__int128)sa - sb);
			break;
		case NPU_EW_MIN:
			t = sa < sb ? sa : sb;
			break;
		case NPU_EW_MAX:
			t = sa > sb ? sa : sb;
			break;
		case NPU_EW_LRELU:
			t = va >= 0 ? va : sa;
			break;
		case NPU_EW_ABS:
			t = va < 0 ? -va : va;
			break;
		case NPU_EW_CLZ:
			t = npu_clz32((uint32_t)va);
			break;
		case NPU_EW_SHR:
			t = npu_round_div(va, (__int128)1 << s, out->round);
			break;
		default:
			t = npu_sat32((__int128)va << s);
			break;
		}
		ofm_data[i] = npu_out_byte(t, out->scale, out->shift, ofm, out);
	}
}

static void npu_ifm_extent(const struct npu_kernel *k,
			   const struct npu_fm *ofm, long *iw, long *ih)
{
	*iw = (long)(ofm->w - 1) * k->sx + k->w - k->pad_left - k->pad_right;
	*ih = (long)(ofm->h - 1) * k->sy + k->h - k->pad_top - k->pad_bottom;
}

/*
 * The offset in the IFM of channel 0 at the position window element
 * (kx, ky) of output (x, y) reads, or -1 where that is padding. The IFM
 * extent is the one the NPU derives from the OFM and the window.
 */
static long npu_window_at(const struct npu_fm *ifm, const struct npu_fm *ofm,
			  const struct npu_kernel *k, uint32_t x, uint32_t y,
			  uint32_t kx, uint32_t ky)
{
	long ix = (long)x * k->sx - k->pad_left + kx;
	long iy = (long)y * k->sy - k->pad_top + ky;
	long iw, ih;

	npu_ifm_extent(k, ofm, &iw, &ih);
	if (ix < 0 || iy < 0 || ix >= iw || iy >= ih)
		return -1;

	return (iy * ifm->w + ix) * ifm->c;
}

/* t of pooling output (x, y, c). */
static int64_t npu_pool_one(enum npu_pool_mode mode, const struct npu_fm *ifm,
			    const uint8_t *a, const struct npu_kernel *k,
			    const struct npu_fm *ofm, const struct npu_out *out,
			    uint32_t x, uint32_t y, uint32_t c)
{
	int64_t sum = 0, max = INT64_MIN, v;
	uint32_t kx, ky;
	long count = 0, at;

	for (ky = 0; ky < k->h; ky++) {
		for (kx = 0; kx < k->w; kx++) {
			at = npu_window_at(ifm, ofm, k, x, y, kx, ky);
			if (at < 0)
				continue;
			v = npu_elem(ifm, a, at + c);
			sum += v;
			max = v > max ? v : max;
			count++;
		}
	}
	if (!count)
		return 0;
	if (mode == NPU_POOL_MAX)
		return max;
	if (mode == NPU_POOL_AVERAGE)
		return npu_round_div(sum, count, out->round);

	return npu_sat32(sum);
}

/**
 * npu_ref_pool() - what the NPU computes for a pooling operation
 * @mode: maximum, average or sum
 * @ifm: the input's map
 * @a: its bytes
 * @k: the window
 * @ofm: the result's map
 * @out: scale, clamp and rounding
 * @ofm_data: the result
 */
void npu_ref_pool(enum npu_pool_mode mode, const struct npu_fm *ifm,
		  const uint8_t *a, const struct npu_kernel *k,
		  const struct npu_fm *ofm, const struct npu_out *out,
		  uint8_t *ofm_data)
{
	uint32_t x, y, c;
	int64_t t;

	for (y = 0; y < ofm->h; y++)
		for (x = 0; x < ofm->w; x++)
			for (c = 0; c < ofm->c; c++) {
				t = npu_pool_one(mode, ifm, a, k, ofm, out, x,
						 y, c);
				ofm_data[(y * ofm->w + x) * ofm->c + c] =
					npu_out_byte(t, out->scale, out->shift,
						     ofm, out);
			}
}

static void npu_record(const uint8_t *rec, int64_t *bias, int32_t *m,
		       unsigned int *n)
{
	uint64_t b = 0;
	uint32_t s = 0;
	int i;

	for (i = 4; i >= 0; i--)
		b = b << 8 | rec[i];
	for (i = 8; i >= 5; i--)
		s = s << 8 | rec[i];
	/* sign-extend 40 bits */
	*bias = (int64_t)(b << 24) >> 24;
	*m = (int32_t)s;
	*n = rec[9] & 0x3f;
}

/* The exact sum of convolution output (x, y, c), before the bias. */
static int64_t npu_conv_sum(bool depthwise, const struct npu_fm *ifm,
			    const uint8_t *a, const struct npu_kernel *k,
			    const int8_t *w, const struct npu_fm *ofm,
			    uint32_t x, uint32_t y, uint32_t c)
{
	uint32_t kx, ky, i;
	int64_t sum = 0;
	long at;

	for (ky = 0; ky < k->h; ky++) {
		for (kx = 0; kx < k->w; kx++) {
			at = npu_window_at(ifm, ofm, k, x, y, kx, ky);
			if (at < 0)
				continue;
			/* HWC for DEPTHWISE, OHWI for CONV */
			if (depthwise) {
				sum += npu_elem(ifm, a, at + c) *
				       w[(ky * k->w + kx) * ofm->c + c];
				continue;
			}
			for (i = 0; i < ifm->c; i++)
				sum += npu_elem(ifm, a, at + i) *
				       w[((c * k->h + ky) * k->w + kx) * ifm->c + i];
		}
	}

	return sum;
}

/**
 * npu_ref_conv() - what the NPU computes for a convolution
 * @depthwise: DEPTHWISE rather than CONV
 * @ifm: the input's map
 * @a: its bytes
 * @k: the window
 * @weights: OHWI (CONV) or HWC (DEPTHWISE) int8 weights
 * @records: the bias and scale records, or NULL with @out->global_scale
 * @ofm: the result's map
 * @out: scale, clamp and rounding
 * @ofm_data: the result
 */
void npu_ref_conv(bool depthwise, const struct npu_fm *ifm, const uint8_t *a,
		  const struct npu_kernel *k, const int8_t *weights,
		  const uint8_t *records, const struct npu_fm *ofm,
		  const struct npu_out *out, uint8_t *ofm_data)
{
	uint32_t x, y, c;
	int64_t sum, bias;
	unsigned int n;
	int32_t m;

	for (y = 0; y < ofm->h; y++)
		for (x = 0; x < ofm->w; x++)
			for (c = 0; c < ofm->c; c++) {
				sum = npu_conv_sum(depthwise, ifm, a, k,
						   weights, ofm, x, y, c);
				bias = 0;
				m = out->scale;
				n = out->shift;
				if (!out->global_scale)
					npu_record(records +
						   c * NPU_SCALE_RECORD_SIZE,
						   &bias, &m, &n);
				ofm_data[(y * ofm->w + x) * ofm->c + c] =
					npu_out_byte(npu_sat32((__int128)sum +
							       bias),
						     m, n, ofm, out);
			}
}

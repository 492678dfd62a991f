// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 */

#include <linux/bitops.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/unaligned.h>

#include <kunit/visibility.h>

#include "npu_sim_internal.h"

/**
 * DOC: Arithmetic of the simulated NPU
 *
 * This is the arithmetic the simulated NPU implements, and the definition
 * its KUnit suites check it against. It was written without the Ethos-U65
 * Technical Reference Manual, so it defines the simulator and states
 * nothing about silicon; where we know or expect silicon to differ, we say
 * so. A stream that relies on the last bit of silicon's rounding will not
 * give the same bytes here.
 *
 * **Data.** Only 8-bit feature maps in NHWC layout are computed: int8 or
 * uint8 after bit 0 of the precision, elements of a pixel's channels
 * contiguous (STRIDE_C is not used). Any other precision or format (16 or
 * 32 bits, NHCWB16), an IFM upscaling mode other than 0, an activation
 * function other than none (ACTIVATION bits [11:0]) or rounding mode 3
 * stops the stream with STATUS.CMD_PARSE_ERR. Zero points are the 16-bit
 * parameters read as signed numbers. Every operation starts from the
 * zero-point corrected inputs ``a = IFM - IFM_ZERO_POINT`` and
 * ``b = IFM2 - IFM2_ZERO_POINT``.
 *
 * **Integers.** Intermediate values are exact 64-bit integers; where a
 * value is saturated, ``sat(v) = min(max(v, -2^31), 2^31 - 1)``.
 *
 * **Rounding.** ``round(v / d)`` uses the rounding mode in bits [15:14] of
 * the OFM precision, for every rescale and division of the operation (the
 * rounding bits of the IFM precisions are ignored):
 *
 * - 0, "double round" on silicon: here round half away from zero,
 *   ``round(-2.5) = -3``, ``round(2.5) = 3``. Silicon's mode is
 *   TFLite-style double rounding (a rounding doubling high multiply, then
 *   a rounding shift), which can differ from this by one on ties.
 * - 1, truncate: toward zero, ``round(-2.5) = -2``, ``round(2.7) = 2``.
 * - 2, natural: half up, ``round(v / d) = floor(v / d + 1/2)``,
 *   ``round(-2.5) = -2``, ``round(2.5) = 3``.
 *
 * **Rescale.** A scale is a signed 32-bit multiplier ``m`` and a shift
 * ``n`` of 0 to 63: OFM_SCALE, OPA_SCALE and OPB_SCALE carry the shift in
 * bits [5:0] of their parameter and the multiplier in their payload; a
 * bias and scale record carries both. Rescaling a value is
 * ``r(v, m, n) = sat(round(v * m / 2^n))``, the product exact. A
 * multiplier of 0 means no scale at all: ``r(v, 0, n) = v`` for any ``n``.
 * That holds for every scale, OFM_SCALE and the records included, so a
 * stream that never sets a scale computes unscaled.
 *
 * **Output.** An operation computes an integer ``t`` for each OFM element
 * and writes the byte
 * ``o = min(max(r(t, m, n) + OFM_ZERO_POINT, lo), hi)``, where
 * ``lo = max(ACTIVATION_MIN, type_min)``, ``hi = min(ACTIVATION_MAX,
 * type_max)``, ACTIVATION_MIN and ACTIVATION_MAX are signed 16-bit and the
 * type range is [-128, 127] for int8, [0, 255] for uint8 (if ``lo > hi``
 * every output is ``hi``). ``(m, n)`` is OFM_SCALE, except for CONV and
 * DEPTHWISE without the global scale bit (OFM precision bit 8), which use
 * the record of the output channel. Beware that state a stream does not
 * set reads as 0: without ACTIVATION_MIN and ACTIVATION_MAX every output
 * is clamped to 0.
 *
 * **Elementwise.** ``A = r(a, OPA_SCALE)`` and ``B = r(b, OPB_SCALE)``:
 *
 * ====== ==========================================================
 * mode   t
 * ====== ==========================================================
 * MUL    ``sat(a * b)`` (operand scales not used)
 * ADD    ``sat(A + B)``
 * SUB    ``sat(A - B)``
 * MIN    ``min(A, B)``
 * MAX    ``max(A, B)``
 * LRELU  ``a`` if ``a >= 0``, else ``A`` (OPA_SCALE is the slope)
 * ABS    ``|a|``
 * CLZ    leading zero bits of ``a`` as a 32-bit two's complement word
 *        (32 for 0)
 * SHR    ``round(a / 2^s)``, ``s = min(max(b, 0), 31)``
 * SHL    ``sat(a * 2^s)``, ``s = min(max(b, 0), 31)``
 * ====== ==========================================================
 *
 * LRELU, ABS and CLZ read no IFM2. With the scalar bit of IFM2_BROADCAST
 * the second operand is ``b = IFM2_SCALAR - IFM2_ZERO_POINT`` (the scalar
 * signed 16-bit) and no IFM2 is read; with its H, W or C bits IFM2 has one
 * row, column or channel, used along the whole OFM; with its reversed bit
 * ``a`` and ``b`` are exchanged before the table applies. The scale mode
 * bits [9:8] of the IFM precision are ignored (both operand scales are 32
 * bits). Silicon's ADD and SUB work at a higher intermediate precision
 * (Vela shifts 8-bit inputs left by 20 before the operand scales); with
 * the scales Vela computes for that, the results can differ in the last
 * bit.
 *
 * **Pooling and convolution windows.** The output element (x, y, c) reads
 * IFM positions ``ix = x * sx - PAD_LEFT + kx * dx`` and
 * ``iy = y * sy - PAD_TOP + ky * dy`` for ``0 <= kx < kw``,
 * ``0 <= ky < kh``, with the strides, dilations and kernel size of
 * KERNEL_STRIDE, KERNEL_WIDTH_M1 and KERNEL_HEIGHT_M1. The IFM is
 * ``(W - 1) * sx + (kw - 1) * dx + 1 - PAD_LEFT - PAD_RIGHT`` columns wide
 * (and alike high; not positive: parse error); positions outside it are
 * padding and contribute nothing: padding is not a zero of the IFM.
 *
 * **Pooling.** Over the values ``a`` of channel c at the non-padding
 * positions of the window, ``count`` of them: MAX ``t = max(a)``; AVERAGE
 * ``t = round(sum(a) / count)``; REDUCE_SUM ``t = sat(sum(a))``; ``t = 0``
 * if ``count = 0``. Averaging over the non-padding positions is TFLite's
 * definition; we could not check silicon's.
 *
 * **Convolution.** CONV:
 * ``t = sat(sum(a(ix, iy, i) * W[c][ky][kx][i]) + bias)`` over the
 * non-padding window positions and the ``IFM_DEPTH_M1 + 1`` IFM channels i;
 * DEPTHWISE (depth multiplier 1): ``t = sat(sum(a(ix, iy, c) *
 * W[ky][kx][c]) + bias)``. Weights are uncompressed signed int8 without a
 * zero point, OHWI for CONV and HWC for DEPTHWISE, at WEIGHT_BASE in
 * WEIGHT_REGION; silicon reads a compressed weight stream instead, and
 * the part-kernel-first bit of KERNEL_STRIDE, which orders it, is ignored.
 * The sum is exact: a window of more than 2^32 products is a parse error.
 * The bias and the scale come from the 10-byte record of channel c at
 * SCALE_BASE + 10 * c in SCALE_REGION: bytes 0 to 4 the bias, a 40-bit
 * little-endian signed number, bytes 5 to 8 the multiplier, little-endian
 * signed, byte 9 bits [5:0] the shift. With the global scale bit no record
 * is read, the bias is 0 and the scale is OFM_SCALE.
 *
 * **Order.** Output elements are computed one at a time, channel fastest,
 * then column, then row, each from the memory as it is at that moment: an
 * OFM that overlaps an input sees its own earlier outputs. A DMA copies
 * its rows in order, each as memmove() does.
 */

/**
 * npu_sim_sat32() - saturate to int32
 * @v: value
 *
 * Return: @v clamped to [S32_MIN, S32_MAX].
 */
s32 npu_sim_sat32(s64 v)
{
	return clamp_t(s64, v, S32_MIN, S32_MAX);
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_sat32);

/**
 * npu_sim_round_shift() - divide by a power of two, rounded
 * @v: dividend
 * @shift: log2 of the divisor, 0 to 63
 * @mode: NPU_ROUND_DBL, NPU_ROUND_TRUNCATE or NPU_ROUND_NATURAL
 *
 * Return: round(@v / 2^@shift) in @mode; never overflows.
 */
s64 npu_sim_round_shift(s64 v, unsigned int shift, unsigned int mode)
{
	u64 mag = v < 0 ? -(u64)v : (u64)v;
	u64 half;

	if (!shift)
		return v;
	half = 1ULL << (shift - 1);

	switch (mode) {
	case NPU_ROUND_TRUNCATE:
		mag >>= shift;
		break;
	case NPU_ROUND_NATURAL:
		/* floor((v + half) / 2^shift) */
		if (v >= 0)
			return (s64)((mag + half) >> shift);
		if (mag <= half)
			return 0;
		mag = (mag - half + (1ULL << shift) - 1) >> shift;
		break;
	default:
		mag = (mag + half) >> shift;
		break;
	}

	return v < 0 ? -(s64)mag : (s64)mag;
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_round_shift);

/**
 * npu_sim_div_round() - divide, rounded
 * @v: dividend
 * @d: divisor, not 0
 * @mode: NPU_ROUND_DBL, NPU_ROUND_TRUNCATE or NPU_ROUND_NATURAL
 *
 * Return: round(@v / @d) in @mode.
 */
s64 npu_sim_div_round(s64 v, u64 d, unsigned int mode)
{
	u64 mag = v < 0 ? -(u64)v : (u64)v;
	u64 rem;
	u64 q;

	q = div64_u64_rem(mag, d, &rem);

	switch (mode) {
	case NPU_ROUND_TRUNCATE:
		break;
	case NPU_ROUND_NATURAL:
		/* floor(v / d + 1/2): a tie rounds up, toward zero if v < 0 */
		if (v >= 0 ? rem >= d - rem : rem > d - rem)
			q++;
		break;
	default:
		if (rem >= d - rem)
			q++;
		break;
	}

	return v < 0 ? -(s64)q : (s64)q;
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_div_round);

/**
 * npu_sim_rescale() - rescale a value
 * @v: value
 * @s: scale; a multiplier of 0 leaves @v unchanged
 * @mode: rounding mode
 *
 * Return: sat(round(@v * @s->mult / 2^@s->shift)).
 */
s32 npu_sim_rescale(s32 v, const struct npu_sim_scale *s, unsigned int mode)
{
	if (!s->mult)
		return v;

	return npu_sim_sat32(npu_sim_round_shift((s64)v * s->mult,
						 s->shift & 63, mode));
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_rescale);

/**
 * npu_sim_output() - the output stage
 * @op: the operation (zero point, clamp and rounding mode)
 * @t: the value computed for the element
 * @s: the OFM scale of the element
 *
 * Return: the byte to store.
 */
u8 npu_sim_output(const struct npu_sim_op *op, s32 t,
		  const struct npu_sim_scale *s)
{
	s64 o = (s64)npu_sim_rescale(t, s, op->round) + op->ofm.zero_point;

	o = min_t(s64, max_t(s64, o, op->lo), op->hi);

	return (u8)o;
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_output);

/**
 * npu_sim_ew_value() - the value of an elementwise operation
 * @op: the operation (mode, operand scales, rounding)
 * @a: first operand, zero point removed
 * @b: second operand, zero point removed; unused by unary modes
 *
 * Return: t of the table in "Arithmetic of the simulated NPU".
 */
s32 npu_sim_ew_value(const struct npu_sim_op *op, s32 a, s32 b)
{
	s32 sh = clamp(b, 0, 31);

	switch (op->mode) {
	case NPU_EW_MUL:
		return npu_sim_sat32((s64)a * b);
	case NPU_EW_ADD:
		return npu_sim_sat32((s64)npu_sim_rescale(a, &op->opa, op->round) +
				     npu_sim_rescale(b, &op->opb, op->round));
	case NPU_EW_SUB:
		return npu_sim_sat32((s64)npu_sim_rescale(a, &op->opa, op->round) -
				     npu_sim_rescale(b, &op->opb, op->round));
	case NPU_EW_MIN:
		return min(npu_sim_rescale(a, &op->opa, op->round),
			   npu_sim_rescale(b, &op->opb, op->round));
	case NPU_EW_MAX:
		return max(npu_sim_rescale(a, &op->opa, op->round),
			   npu_sim_rescale(b, &op->opb, op->round));
	case NPU_EW_LRELU:
		return a >= 0 ? a : npu_sim_rescale(a, &op->opa, op->round);
	case NPU_EW_ABS:
		return npu_sim_sat32(a < 0 ? -(s64)a : a);
	case NPU_EW_CLZ:
		return 32 - fls((u32)a);
	case NPU_EW_SHR:
		return npu_sim_sat32(npu_sim_round_shift(a, sh, op->round));
	case NPU_EW_SHL:
		return npu_sim_sat32((s64)a * (1LL << sh));
	default:
		return 0;
	}
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_ew_value);

static u8 *npu_sim_fmap_ptr(const struct npu_sim_fmap *fm, u32 x, u32 y,
			    u32 c)
{
	unsigned int t = 0;

	if (x >= fm->width0) {
		t |= 1;
		x -= fm->width0;
	}
	if (y >= fm->height0) {
		t |= 2;
		y -= fm->height0;
	}

	return fm->mem + fm->base[t] + (s64)y * fm->stride_y +
	       (s64)x * fm->stride_x + c;
}

/* The element (x, y, c) with its zero point removed. */
static s32 npu_sim_fmap_get(const struct npu_sim_fmap *fm, u32 x, u32 y,
			    u32 c)
{
	u8 v = *npu_sim_fmap_ptr(fm, x, y, c);

	return (fm->is_signed ? (s32)(s8)v : (s32)v) - fm->zero_point;
}

/*
 * Compute and store every OFM element, channel fastest, then x, then y.
 * value() returns t of the element (x, y, c) and the scale of its output
 * stage in *s.
 */
static void npu_sim_compute_ofm(const struct npu_sim_op *op,
				s32 (*value)(const struct npu_sim_op *op,
					     u32 x, u32 y, u32 c,
					     struct npu_sim_scale *s))
{
	struct npu_sim_scale s;
	u32 x, y, c;
	s32 t;

	for (y = 0; y < op->ofm.h; y++) {
		for (x = 0; x < op->ofm.w; x++) {
			for (c = 0; c < op->ofm.c; c++) {
				t = value(op, x, y, c, &s);
				*npu_sim_fmap_ptr(&op->ofm, x, y, c) =
					npu_sim_output(op, t, &s);
			}
		}
		cond_resched();
	}
}

static bool npu_sim_ew_unary(unsigned int mode)
{
	return mode == NPU_EW_LRELU || mode == NPU_EW_ABS ||
	       mode == NPU_EW_CLZ;
}

static s32 npu_sim_ew_element(const struct npu_sim_op *op, u32 x, u32 y,
			      u32 c, struct npu_sim_scale *s)
{
	s32 a = npu_sim_fmap_get(&op->ifm, x, y, c);
	s32 b = 0;

	*s = op->ofm_scale;
	if (npu_sim_ew_unary(op->mode))
		return npu_sim_ew_value(op, a, b);

	if (op->scalar)
		b = op->scalar_value - op->ifm2.zero_point;
	else
		b = npu_sim_fmap_get(&op->ifm2, op->bcast_w ? 0 : x,
				     op->bcast_h ? 0 : y, op->bcast_c ? 0 : c);
	if (op->reversed)
		swap(a, b);

	return npu_sim_ew_value(op, a, b);
}

/**
 * npu_sim_elementwise() - run an elementwise operation
 * @op: the operation, its accesses checked
 */
void npu_sim_elementwise(const struct npu_sim_op *op)
{
	npu_sim_compute_ofm(op, npu_sim_ew_element);
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_elementwise);

/*
 * The IFM position of kernel element k for output position o, or -1 if it
 * is padding.
 */
static s64 npu_sim_window_pos(u32 o, u32 k, u32 stride, u32 dilation,
			      u32 pad, u32 size)
{
	s64 i = (s64)o * stride - pad + (s64)k * dilation;

	return i >= 0 && i < size ? i : -1;
}

static s64 npu_sim_window_x(const struct npu_sim_op *op, u32 x, u32 kx)
{
	return npu_sim_window_pos(x, kx, op->sx, op->dx, op->pad_left,
				  op->ifm.w);
}

static s64 npu_sim_window_y(const struct npu_sim_op *op, u32 y, u32 ky)
{
	return npu_sim_window_pos(y, ky, op->sy, op->dy, op->pad_top,
				  op->ifm.h);
}

static s32 npu_sim_pool_element(const struct npu_sim_op *op, u32 x, u32 y,
				u32 c, struct npu_sim_scale *s)
{
	s32 best = S32_MIN;
	u64 count = 0;
	s64 sum = 0;
	s64 ix, iy;
	u32 kx, ky;
	s32 a;

	*s = op->ofm_scale;
	for (ky = 0; ky < op->kh; ky++) {
		iy = npu_sim_window_y(op, y, ky);
		if (iy < 0)
			continue;
		for (kx = 0; kx < op->kw; kx++) {
			ix = npu_sim_window_x(op, x, kx);
			if (ix < 0)
				continue;
			a = npu_sim_fmap_get(&op->ifm, ix, iy, c);
			sum += a;
			best = max(best, a);
			count++;
		}
	}

	if (!count)
		return 0;
	if (op->mode == NPU_POOL_MAX)
		return best;
	if (op->mode == NPU_POOL_AVERAGE)
		return npu_sim_div_round(sum, count, op->round);

	return npu_sim_sat32(sum);
}

/**
 * npu_sim_pool() - run a pooling operation
 * @op: the operation, its accesses checked
 */
void npu_sim_pool(const struct npu_sim_op *op)
{
	npu_sim_compute_ofm(op, npu_sim_pool_element);
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_pool);

/* The bias of output channel c; its scale in *s. */
static s64 npu_sim_record(const struct npu_sim_op *op, u32 c,
			  struct npu_sim_scale *s)
{
	const u8 *rec;
	u64 bias;

	if (!op->scales) {
		*s = op->ofm_scale;
		return 0;
	}

	rec = op->scales + (size_t)c * NPU_SCALE_RECORD_SIZE;
	bias = get_unaligned_le32(rec) | (u64)rec[4] << 32;
	s->mult = (s32)get_unaligned_le32(rec + 5);
	s->shift = rec[9] & 0x3f;

	return sign_extend64(bias, 39);
}

static s32 npu_sim_conv_element(const struct npu_sim_op *op, u32 x, u32 y,
				u32 c, struct npu_sim_scale *s)
{
	u32 ic = op->ifm.c;
	s64 bias = npu_sim_record(op, c, s);
	const s8 *w;
	s64 sum = 0;
	s64 ix, iy;
	u32 kx, ky, i;

	for (ky = 0; ky < op->kh; ky++) {
		iy = npu_sim_window_y(op, y, ky);
		if (iy < 0)
			continue;
		for (kx = 0; kx < op->kw; kx++) {
			ix = npu_sim_window_x(op, x, kx);
			if (ix < 0)
				continue;
			/* OHWI */
			w = (const s8 *)op->weights +
			    (((size_t)c * op->kh + ky) * op->kw + kx) * ic;
			for (i = 0; i < ic; i++)
				sum += (s64)npu_sim_fmap_get(&op->ifm, ix, iy, i) *
				       w[i];
		}
	}

	return npu_sim_sat32(sum + bias);
}

/**
 * npu_sim_conv() - run a convolution
 * @op: the operation, its accesses checked
 */
void npu_sim_conv(const struct npu_sim_op *op)
{
	npu_sim_compute_ofm(op, npu_sim_conv_element);
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_conv);

static s32 npu_sim_depthwise_element(const struct npu_sim_op *op, u32 x,
				     u32 y, u32 c, struct npu_sim_scale *s)
{
	s64 bias = npu_sim_record(op, c, s);
	const s8 *w;
	s64 sum = 0;
	s64 ix, iy;
	u32 kx, ky;

	for (ky = 0; ky < op->kh; ky++) {
		iy = npu_sim_window_y(op, y, ky);
		if (iy < 0)
			continue;
		for (kx = 0; kx < op->kw; kx++) {
			ix = npu_sim_window_x(op, x, kx);
			if (ix < 0)
				continue;
			/* HWC */
			w = (const s8 *)op->weights +
			    ((size_t)ky * op->kw + kx) * op->ofm.c;
			sum += (s64)npu_sim_fmap_get(&op->ifm, ix, iy, c) *
			       w[c];
		}
	}

	return npu_sim_sat32(sum + bias);
}

/**
 * npu_sim_depthwise() - run a depthwise convolution
 * @op: the operation, its accesses checked
 */
void npu_sim_depthwise(const struct npu_sim_op *op)
{
	npu_sim_compute_ofm(op, npu_sim_depthwise_element);
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_depthwise);

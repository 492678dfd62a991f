// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 */

#include <linux/bitops.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include <kunit/visibility.h>

#include "npu_sim_internal.h"

/**
 * DOC: Command stream interpreter of the simulated NPU
 *
 * The interpreter reads a stream command by command. State commands store
 * their parameter or payload; every field starts at 0 with each stream.
 * Operations run synchronously, each to completion before the next
 * command is read, so NPU_OP_DMA_WAIT and NPU_OP_KERNEL_WAIT have nothing
 * to wait for. NPU_OP_IRQ, NPU_OP_PMU_MASK and the hints that only matter
 * to silicon's pipeline (IB_END, AB_START, IFM2_IB_START, BLOCKDEP,
 * OFM_BLK_*, PARALLEL_MODE, ACC_FORMAT, WEIGHT1_*, SCALE1_*) are accepted
 * and ignored. Any other code not in enum npu_cmd stops the stream with
 * STATUS.CMD_PARSE_ERR, and so does a stream that ends without
 * NPU_OP_STOP or in the middle of a two-word command.
 *
 * Every memory address of an operation is the region-relative offset of
 * the stream plus the region's base. Before an operation touches memory,
 * every byte it will read or write is checked to lie in
 * [0, REGION_LIMIT) of its region; if one does not, the stream stops with
 * STATUS.BUS_STATUS and the operation has written nothing. A feature map
 * is checked over its whole rectangle in each tile it uses, with strides
 * sign-extended from 40 bits (negative strides are allowed). A parse
 * error found in an operation's parameters takes precedence over a bus
 * fault.
 *
 * DMA (NPU_OP_DMA_START) copies DMA0_LEN bytes per row; stride mode 0 is
 * one row, mode 1 DMA0_SIZE0 rows at DMA0_*_STRIDE0, mode 2 DMA0_SIZE1
 * groups of those at DMA0_*_STRIDE1. The source and destination stride
 * modes must agree and mode 3 is a parse error, as is the internal memory
 * bit (no internal memory is modelled); a region above 7 is a bus fault.
 * A count or length of 0 copies nothing.
 *
 * QREAD is the byte offset of the next command: it advances past each
 * command as it completes, so it equals QSIZE after a final NPU_OP_STOP,
 * and it holds the offset of the command that raised a fault.
 */

static u32 npu_sim_size(u16 m1)
{
	return (u32)m1 + 1;
}

static s64 npu_sim_stride(u32 w0, u32 w1)
{
	return sign_extend64(NPU_CMD1_ADDR(w0, w1), 39);
}

/* Is [lo, hi) inside region r? An empty range always is. */
static bool npu_sim_in_region(const struct npu_sim_exec *x, unsigned int r,
			      s64 lo, s64 hi)
{
	if (lo >= hi)
		return true;
	if (r >= NPU_REGIONS || !x->region[r].base)
		return false;

	return lo >= 0 && hi <= x->region[r].limit;
}

/* The lowest and one past the highest offset of n steps of stride s. */
static void npu_sim_span(s64 s, u32 n, s64 *lo, s64 *hi)
{
	s64 d = (s64)(n - 1) * s;

	if (d < 0)
		*lo += d;
	else
		*hi += d;
}

/* Check the 8-bit NHWC precision of an IFM or IFM2. */
static u32 npu_sim_ifm_prec(u16 p)
{
	if (NPU_IFM_PREC_BITS(p) || NPU_IFM_PREC_FORMAT(p) != NPU_FORMAT_NHWC)
		return NPU_STATUS_CMD_PARSE_ERR;

	return 0;
}

/* Resolve a feature map of w x h x c elements. */
static void npu_sim_fmap_init(struct npu_sim_exec *x, struct npu_sim_fmap *fm,
			      const struct npu_sim_fm_state *s, bool is_signed,
			      u32 w, u32 h, u32 c)
{
	unsigned int t;

	fm->mem = x->region[s->region].base;
	for (t = 0; t < 4; t++)
		fm->base[t] = s->base[t];
	fm->stride_x = s->stride_x;
	fm->stride_y = s->stride_y;
	fm->width0 = npu_sim_size(s->width0_m1);
	fm->height0 = npu_sim_size(s->height0_m1);
	fm->w = w;
	fm->h = h;
	fm->c = c;
	fm->zero_point = s->zero_point;
	fm->is_signed = is_signed;
}

/* Are all bytes of the feature map inside its region? */
static bool npu_sim_fmap_ok(const struct npu_sim_exec *x,
			    const struct npu_sim_fm_state *s,
			    const struct npu_sim_fmap *fm)
{
	unsigned int t;

	for (t = 0; t < 4; t++) {
		u32 tw = t & 1 ? fm->w - min(fm->w, fm->width0) :
				 min(fm->w, fm->width0);
		u32 th = t & 2 ? fm->h - min(fm->h, fm->height0) :
				 min(fm->h, fm->height0);
		s64 lo = fm->base[t];
		s64 hi = fm->base[t] + fm->c;

		if (!tw || !th || !fm->c)
			continue;
		npu_sim_span(fm->stride_x, tw, &lo, &hi);
		npu_sim_span(fm->stride_y, th, &lo, &hi);
		if (!npu_sim_in_region(x, s->region, lo, hi))
			return false;
	}

	return true;
}

/* The OFM and the output stage, common to all feature map operations. */
static u32 npu_sim_prepare_ofm(struct npu_sim_exec *x)
{
	struct npu_sim_state *st = &x->st;
	struct npu_sim_op *op = &x->op;
	u16 p = st->ofm.precision;
	bool is_signed = NPU_OFM_PREC_SIGNED(p);

	memset(op, 0, sizeof(*op));
	if (NPU_OFM_PREC_BITS(p) || NPU_OFM_PREC_FORMAT(p) != NPU_FORMAT_NHWC ||
	    NPU_OFM_PREC_ROUND(p) > NPU_ROUND_NATURAL ||
	    (st->activation & 0xfff) || st->ifm_upscale)
		return NPU_STATUS_CMD_PARSE_ERR;

	npu_sim_fmap_init(x, &op->ofm, &st->ofm, is_signed,
			  npu_sim_size(st->ofm_width_m1),
			  npu_sim_size(st->ofm_height_m1),
			  npu_sim_size(st->ofm_depth_m1));
	op->round = NPU_OFM_PREC_ROUND(p);
	op->lo = max_t(s32, st->act_min, is_signed ? S8_MIN : 0);
	op->hi = min_t(s32, st->act_max, is_signed ? S8_MAX : U8_MAX);
	op->ofm_scale = st->ofm_scale;
	op->opa = st->opa_scale;
	op->opb = st->opb_scale;

	return 0;
}

/* The kernel window and the IFM it reads, for CONV, DEPTHWISE and POOL. */
static u32 npu_sim_prepare_window(struct npu_sim_exec *x, u32 ifm_c)
{
	struct npu_sim_state *st = &x->st;
	struct npu_sim_op *op = &x->op;
	s64 w, h;

	if (npu_sim_ifm_prec(st->ifm.precision))
		return NPU_STATUS_CMD_PARSE_ERR;

	op->kw = npu_sim_size(st->kernel_width_m1);
	op->kh = npu_sim_size(st->kernel_height_m1);
	op->sx = npu_kstride_x(st->kernel_stride);
	op->sy = npu_kstride_y(st->kernel_stride);
	op->dx = NPU_KSTRIDE_DILATION_X(st->kernel_stride);
	op->dy = NPU_KSTRIDE_DILATION_Y(st->kernel_stride);
	op->pad_top = st->pad_top;
	op->pad_left = st->pad_left;

	w = (s64)(op->ofm.w - 1) * op->sx + (s64)(op->kw - 1) * op->dx + 1 -
	    st->pad_left - st->pad_right;
	h = (s64)(op->ofm.h - 1) * op->sy + (s64)(op->kh - 1) * op->dy + 1 -
	    st->pad_top - st->pad_bottom;
	if (w <= 0 || h <= 0)
		return NPU_STATUS_CMD_PARSE_ERR;

	npu_sim_fmap_init(x, &op->ifm, &st->ifm,
			  NPU_IFM_PREC_SIGNED(st->ifm.precision), w, h, ifm_c);

	return 0;
}

static u32 npu_sim_op_pool(struct npu_sim_exec *x, u16 mode)
{
	struct npu_sim_op *op = &x->op;

	if (mode > NPU_POOL_REDUCE_SUM || npu_sim_prepare_ofm(x) ||
	    npu_sim_prepare_window(x, op->ofm.c))
		return NPU_STATUS_CMD_PARSE_ERR;
	op->mode = mode;

	if (!npu_sim_fmap_ok(x, &x->st.ifm, &op->ifm) ||
	    !npu_sim_fmap_ok(x, &x->st.ofm, &op->ofm))
		return NPU_STATUS_BUS_STATUS;

	npu_sim_pool(op);

	return 0;
}

static u32 npu_sim_op_conv(struct npu_sim_exec *x, u16 param, bool depthwise)
{
	struct npu_sim_state *st = &x->st;
	struct npu_sim_op *op = &x->op;
	bool global;
	u64 wlen, slen;
	u32 ic;

	if (!depthwise && (param & NPU_CONV_WEIGHTS_IFM2))
		return NPU_STATUS_CMD_PARSE_ERR;
	if (npu_sim_prepare_ofm(x))
		return NPU_STATUS_CMD_PARSE_ERR;
	ic = depthwise ? op->ofm.c : npu_sim_size(st->ifm_depth_m1);
	if (npu_sim_prepare_window(x, ic))
		return NPU_STATUS_CMD_PARSE_ERR;

	/* At most 2^32 products per output, so the sum is exact. */
	wlen = (u64)op->kw * op->kh;
	if (!depthwise && wlen * ic > BIT_ULL(32))
		return NPU_STATUS_CMD_PARSE_ERR;
	wlen *= depthwise ? op->ofm.c : (u64)op->ofm.c * ic;
	if (st->weight_length < wlen)
		return NPU_STATUS_CMD_PARSE_ERR;

	global = NPU_OFM_PREC_GLOBAL_SCALE(st->ofm.precision);
	slen = global ? 0 : (u64)op->ofm.c * NPU_SCALE_RECORD_SIZE;
	if (st->scale_length < slen)
		return NPU_STATUS_CMD_PARSE_ERR;

	if (!npu_sim_fmap_ok(x, &st->ifm, &op->ifm) ||
	    !npu_sim_in_region(x, st->weight_region, st->weight_base,
			       st->weight_base + wlen) ||
	    !npu_sim_in_region(x, st->scale_region, st->scale_base,
			       st->scale_base + slen) ||
	    !npu_sim_fmap_ok(x, &st->ofm, &op->ofm))
		return NPU_STATUS_BUS_STATUS;

	op->weights = x->region[st->weight_region].base + st->weight_base;
	if (!global)
		op->scales = x->region[st->scale_region].base + st->scale_base;

	if (depthwise)
		npu_sim_depthwise(op);
	else
		npu_sim_conv(op);

	return 0;
}

static u32 npu_sim_op_elementwise(struct npu_sim_exec *x, u16 mode)
{
	struct npu_sim_state *st = &x->st;
	struct npu_sim_op *op = &x->op;
	u16 bcast = st->ifm2_broadcast;
	bool ifm2;

	if (mode > NPU_EW_SHL || npu_sim_prepare_ofm(x) ||
	    npu_sim_ifm_prec(st->ifm.precision))
		return NPU_STATUS_CMD_PARSE_ERR;

	op->mode = mode;
	op->scalar = bcast & NPU_IFM2_BCAST_SCALAR;
	op->scalar_value = st->ifm2_scalar;
	op->reversed = bcast & NPU_IFM2_BCAST_REVERSED;
	op->bcast_h = bcast & NPU_IFM2_BCAST_H;
	op->bcast_w = bcast & NPU_IFM2_BCAST_W;
	op->bcast_c = bcast & NPU_IFM2_BCAST_C;
	ifm2 = !op->scalar && mode != NPU_EW_LRELU && mode != NPU_EW_ABS &&
	       mode != NPU_EW_CLZ;
	if (ifm2 && npu_sim_ifm_prec(st->ifm2.precision))
		return NPU_STATUS_CMD_PARSE_ERR;

	npu_sim_fmap_init(x, &op->ifm, &st->ifm,
			  NPU_IFM_PREC_SIGNED(st->ifm.precision),
			  op->ofm.w, op->ofm.h, op->ofm.c);
	npu_sim_fmap_init(x, &op->ifm2, &st->ifm2,
			  NPU_IFM_PREC_SIGNED(st->ifm2.precision),
			  op->bcast_w ? 1 : op->ofm.w,
			  op->bcast_h ? 1 : op->ofm.h,
			  op->bcast_c ? 1 : op->ofm.c);

	if (!npu_sim_fmap_ok(x, &st->ifm, &op->ifm) ||
	    (ifm2 && !npu_sim_fmap_ok(x, &st->ifm2, &op->ifm2)) ||
	    !npu_sim_fmap_ok(x, &st->ofm, &op->ofm))
		return NPU_STATUS_BUS_STATUS;

	npu_sim_elementwise(op);

	return 0;
}

static u32 npu_sim_op_dma(struct npu_sim_exec *x)
{
	struct npu_sim_state *st = &x->st;
	unsigned int mode = NPU_DMA_STRIDE_MODE(st->dma_src_region);
	unsigned int sr = NPU_DMA_REGION(st->dma_src_region);
	unsigned int dr = NPU_DMA_REGION(st->dma_dst_region);
	u32 n0 = mode >= 1 ? st->dma_size0 : 1;
	u32 n1 = mode == 2 ? st->dma_size1 : 1;
	s64 len = st->dma_len;
	s64 slo = st->dma_src, shi = st->dma_src + len;
	s64 dlo = st->dma_dst, dhi = st->dma_dst + len;
	u8 *src, *dst;
	u32 i, j;

	if (mode == 3 || mode != NPU_DMA_STRIDE_MODE(st->dma_dst_region) ||
	    ((st->dma_src_region | st->dma_dst_region) &
	     NPU_DMA_REGION_INTERNAL))
		return NPU_STATUS_CMD_PARSE_ERR;
	if (!len || !n0 || !n1)
		return 0;

	npu_sim_span(st->dma_src_stride0, n0, &slo, &shi);
	npu_sim_span(st->dma_src_stride1, n1, &slo, &shi);
	npu_sim_span(st->dma_dst_stride0, n0, &dlo, &dhi);
	npu_sim_span(st->dma_dst_stride1, n1, &dlo, &dhi);
	if (!npu_sim_in_region(x, sr, slo, shi) ||
	    !npu_sim_in_region(x, dr, dlo, dhi))
		return NPU_STATUS_BUS_STATUS;

	src = x->region[sr].base + st->dma_src;
	dst = x->region[dr].base + st->dma_dst;
	for (j = 0; j < n1; j++) {
		for (i = 0; i < n0; i++)
			memmove(dst + j * st->dma_dst_stride1 +
				i * st->dma_dst_stride0,
				src + j * st->dma_src_stride1 +
				i * st->dma_src_stride0, len);
		cond_resched();
	}

	return 0;
}

/* The feature map a CMD0 code from 0x100 sets, by its code's base. */
static struct npu_sim_fm_state *npu_sim_fm0(struct npu_sim_state *st,
					    u16 code)
{
	if (code >= NPU_SET_IFM2_BROADCAST)
		return &st->ifm2;
	if (code >= NPU_SET_OFM_WIDTH_M1)
		return &st->ofm;

	return &st->ifm;
}

/* The feature map a CMD1 code sets. */
static struct npu_sim_fm_state *npu_sim_fm1(struct npu_sim_state *st,
					    u16 code)
{
	if (code >= NPU_SET_IFM2_BASE0)
		return &st->ifm2;
	if (code >= NPU_SET_OFM_BASE0)
		return &st->ofm;

	return &st->ifm;
}

static void npu_sim_scale_set(struct npu_sim_scale *s, u16 param, u32 w1)
{
	s->mult = (s32)w1;
	s->shift = param & 0x3f;
}

static u32 npu_sim_cmd1(struct npu_sim_exec *x, u16 code, u32 w0, u32 w1)
{
	struct npu_sim_state *st = &x->st;
	struct npu_sim_fm_state *fm = npu_sim_fm1(st, code);
	u64 addr = NPU_CMD1_ADDR(w0, w1);

	switch (code) {
	case NPU_SET_IFM_BASE0 ... NPU_SET_IFM_BASE3:
		fm->base[code - NPU_SET_IFM_BASE0] = addr;
		break;
	case NPU_SET_OFM_BASE0 ... NPU_SET_OFM_BASE3:
		fm->base[code - NPU_SET_OFM_BASE0] = addr;
		break;
	case NPU_SET_IFM2_BASE0 ... NPU_SET_IFM2_BASE3:
		fm->base[code - NPU_SET_IFM2_BASE0] = addr;
		break;
	case NPU_SET_IFM_STRIDE_X:
	case NPU_SET_OFM_STRIDE_X:
	case NPU_SET_IFM2_STRIDE_X:
		fm->stride_x = npu_sim_stride(w0, w1);
		break;
	case NPU_SET_IFM_STRIDE_Y:
	case NPU_SET_OFM_STRIDE_Y:
	case NPU_SET_IFM2_STRIDE_Y:
		fm->stride_y = npu_sim_stride(w0, w1);
		break;
	case NPU_SET_IFM_STRIDE_C:
	case NPU_SET_OFM_STRIDE_C:
	case NPU_SET_IFM2_STRIDE_C:
		fm->stride_c = npu_sim_stride(w0, w1);
		break;
	case NPU_SET_WEIGHT_BASE:
		st->weight_base = addr;
		break;
	case NPU_SET_WEIGHT_LENGTH:
		st->weight_length = w1;
		break;
	case NPU_SET_SCALE_BASE:
		st->scale_base = addr;
		break;
	case NPU_SET_SCALE_LENGTH:
		st->scale_length = w1;
		break;
	case NPU_SET_OFM_SCALE:
		npu_sim_scale_set(&st->ofm_scale, NPU_CMD_PARAM(w0), w1);
		break;
	case NPU_SET_OPA_SCALE:
		npu_sim_scale_set(&st->opa_scale, NPU_CMD_PARAM(w0), w1);
		break;
	case NPU_SET_OPB_SCALE:
		npu_sim_scale_set(&st->opb_scale, NPU_CMD_PARAM(w0), w1);
		break;
	case NPU_SET_DMA0_SRC:
		st->dma_src = addr;
		break;
	case NPU_SET_DMA0_DST:
		st->dma_dst = addr;
		break;
	case NPU_SET_DMA0_LEN:
		st->dma_len = addr;
		break;
	case NPU_SET_DMA0_SRC_STRIDE0:
		st->dma_src_stride0 = npu_sim_stride(w0, w1);
		break;
	case NPU_SET_DMA0_SRC_STRIDE1:
		st->dma_src_stride1 = npu_sim_stride(w0, w1);
		break;
	case NPU_SET_DMA0_DST_STRIDE0:
		st->dma_dst_stride0 = npu_sim_stride(w0, w1);
		break;
	case NPU_SET_DMA0_DST_STRIDE1:
		st->dma_dst_stride1 = npu_sim_stride(w0, w1);
		break;
	case NPU_SET_WEIGHT1_BASE:
	case NPU_SET_WEIGHT1_LENGTH:
	case NPU_SET_SCALE1_BASE:
	case NPU_SET_SCALE1_LENGTH:
		break;
	default:
		return NPU_STATUS_CMD_PARSE_ERR;
	}

	return 0;
}

/* A feature map parameter, for any of IFM, IFM2 and OFM. */
static u32 npu_sim_fm_param(struct npu_sim_fm_state *fm, u16 code, u16 p)
{
	switch (code) {
	case NPU_SET_IFM_PRECISION:
	case NPU_SET_IFM2_PRECISION:
	case NPU_SET_OFM_PRECISION:
		fm->precision = p;
		break;
	case NPU_SET_IFM_ZERO_POINT:
	case NPU_SET_IFM2_ZERO_POINT:
	case NPU_SET_OFM_ZERO_POINT:
		fm->zero_point = (s16)p;
		break;
	case NPU_SET_IFM_WIDTH0_M1:
	case NPU_SET_IFM2_WIDTH0_M1:
	case NPU_SET_OFM_WIDTH0_M1:
		fm->width0_m1 = p;
		break;
	case NPU_SET_IFM_HEIGHT0_M1:
	case NPU_SET_IFM2_HEIGHT0_M1:
	case NPU_SET_OFM_HEIGHT0_M1:
		fm->height0_m1 = p;
		break;
	case NPU_SET_IFM_HEIGHT1_M1:
	case NPU_SET_IFM2_HEIGHT1_M1:
	case NPU_SET_OFM_HEIGHT1_M1:
		fm->height1_m1 = p;
		break;
	case NPU_SET_IFM_REGION:
	case NPU_SET_IFM2_REGION:
	case NPU_SET_OFM_REGION:
		fm->region = NPU_REGION(p);
		break;
	default:
		return NPU_STATUS_CMD_PARSE_ERR;
	}

	return 0;
}

static u32 npu_sim_cmd0(struct npu_sim_exec *x, u16 code, u16 p)
{
	struct npu_sim_state *st = &x->st;

	switch (code) {
	case NPU_OP_STOP:
	case NPU_OP_IRQ:
	case NPU_OP_DMA_WAIT:
	case NPU_OP_KERNEL_WAIT:
	case NPU_OP_PMU_MASK:
		return 0;
	case NPU_OP_CONV:
		return npu_sim_op_conv(x, p, false);
	case NPU_OP_DEPTHWISE:
		return npu_sim_op_conv(x, p, true);
	case NPU_OP_POOL:
		return npu_sim_op_pool(x, p);
	case NPU_OP_ELEMENTWISE:
		return npu_sim_op_elementwise(x, p);
	case NPU_OP_DMA_START:
		return npu_sim_op_dma(x);
	case NPU_SET_IFM_PAD_TOP:
		st->pad_top = p;
		break;
	case NPU_SET_IFM_PAD_LEFT:
		st->pad_left = p;
		break;
	case NPU_SET_IFM_PAD_RIGHT:
		st->pad_right = p;
		break;
	case NPU_SET_IFM_PAD_BOTTOM:
		st->pad_bottom = p;
		break;
	case NPU_SET_IFM_DEPTH_M1:
		st->ifm_depth_m1 = p;
		break;
	case NPU_SET_IFM_UPSCALE:
		st->ifm_upscale = p;
		break;
	case NPU_SET_OFM_WIDTH_M1:
		st->ofm_width_m1 = p;
		break;
	case NPU_SET_OFM_HEIGHT_M1:
		st->ofm_height_m1 = p;
		break;
	case NPU_SET_OFM_DEPTH_M1:
		st->ofm_depth_m1 = p;
		break;
	case NPU_SET_KERNEL_WIDTH_M1:
		st->kernel_width_m1 = p;
		break;
	case NPU_SET_KERNEL_HEIGHT_M1:
		st->kernel_height_m1 = p;
		break;
	case NPU_SET_KERNEL_STRIDE:
		st->kernel_stride = p;
		break;
	case NPU_SET_ACTIVATION:
		st->activation = p;
		break;
	case NPU_SET_ACTIVATION_MIN:
		st->act_min = (s16)p;
		break;
	case NPU_SET_ACTIVATION_MAX:
		st->act_max = (s16)p;
		break;
	case NPU_SET_WEIGHT_REGION:
		st->weight_region = NPU_REGION(p);
		break;
	case NPU_SET_SCALE_REGION:
		st->scale_region = NPU_REGION(p);
		break;
	case NPU_SET_DMA0_SRC_REGION:
		st->dma_src_region = p;
		break;
	case NPU_SET_DMA0_DST_REGION:
		st->dma_dst_region = p;
		break;
	case NPU_SET_DMA0_SIZE0:
		st->dma_size0 = p;
		break;
	case NPU_SET_DMA0_SIZE1:
		st->dma_size1 = p;
		break;
	case NPU_SET_IFM2_BROADCAST:
		st->ifm2_broadcast = p;
		break;
	case NPU_SET_IFM2_SCALAR:
		st->ifm2_scalar = (s16)p;
		break;
	case NPU_SET_IFM_IB_END:
	case NPU_SET_OFM_BLK_WIDTH_M1:
	case NPU_SET_OFM_BLK_HEIGHT_M1:
	case NPU_SET_OFM_BLK_DEPTH_M1:
	case NPU_SET_PARALLEL_MODE:
	case NPU_SET_ACC_FORMAT:
	case NPU_SET_AB_START:
	case NPU_SET_BLOCKDEP:
	case NPU_SET_IFM2_IB_START:
		break;
	default:
		return npu_sim_fm_param(npu_sim_fm0(st, code), code, p);
	}

	return 0;
}

/**
 * npu_sim_exec_stream() - run a command stream
 * @x: the stream, the regions, the fault to inject and the step hook;
 *	@x->st, @x->op and @x->qread are overwritten
 *
 * Runs the stream until NPU_OP_STOP, a fault, or @x->step returning false.
 * Touches no memory but @x->stream and the regions, allocates nothing.
 *
 * Context: process context; sleeps if @x->step does, and reschedules
 * during long operations.
 * Return: NPU_STATUS_CMD_END_REACHED, NPU_STATUS_CMD_PARSE_ERR or
 * NPU_STATUS_BUS_STATUS; 0 if the stream was aborted.
 */
u32 npu_sim_exec_stream(struct npu_sim_exec *x)
{
	u32 off, w0, w1, len, ret;
	u16 code;

	memset(&x->st, 0, sizeof(x->st));
	x->qread = 0;

	for (;;) {
		off = x->qread;
		if (x->step && !x->step(x))
			return 0;
		if (x->size - off < 4)
			return NPU_STATUS_CMD_PARSE_ERR;

		w0 = get_unaligned_le32(x->stream + off);
		code = NPU_CMD_CODE(w0);
		len = NPU_CMD_IS_CMD1(code) ? 8 : 4;
		if (x->size - off < len)
			return NPU_STATUS_CMD_PARSE_ERR;

		if (x->inject == NPU_SIM_INJECT_PARSE_ERROR) {
			x->inject = NPU_SIM_INJECT_NONE;
			return NPU_STATUS_CMD_PARSE_ERR;
		}
		if (x->inject == NPU_SIM_INJECT_BUS_FAULT && code < 0x100) {
			x->inject = NPU_SIM_INJECT_NONE;
			return NPU_STATUS_BUS_STATUS;
		}

		if (len == 8) {
			w1 = get_unaligned_le32(x->stream + off + 4);
			ret = npu_sim_cmd1(x, code, w0, w1);
		} else {
			ret = npu_sim_cmd0(x, code, NPU_CMD_PARAM(w0));
		}
		if (ret)
			return ret;

		x->qread = off + len;
		if (code == NPU_OP_STOP)
			return NPU_STATUS_CMD_END_REACHED;
	}
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_exec_stream);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 */

/**
 * DOC: Command stream validation
 *
 * npu_cmdstream_validate() checks a command stream that the kernel has
 * already copied out of userspace, and computes for each of the eight
 * regions how many bytes the stream's operations can touch in it.
 * Submission then binds only buffer objects at least that large, so the
 * NPU cannot reach memory outside them. The semantics are those of
 * Documentation/accel/npu-spec.draft.md, which the simulated NPU
 * implements independently.
 *
 * A stream it accepts is made of whole commands and ends with its only
 * NPU_OP_STOP. Each operation finds every state it reads to address
 * memory already set, and every state set has a valid value: regions 0
 * to 7, non-negative strides, known element sizes and formats, no DMA to
 * or from internal memory. State that only changes the values computed
 * (zero points, scales, activation, the IFM2 scalar) is not required:
 * the NPU reads it as 0 and it moves no access. Each operation's highest
 * byte is computed with checked 64-bit arithmetic, and must lie within
 * the 40-bit address space. Unknown commands are skipped, as silicon's
 * parser skips state it does not use.
 *
 * The bugs of the upstream ethosu validator it guards against:
 *
 * - A CMD1 straddling the end of the stream: refused.
 * - Region parameters masked with 0x7f: a region above 7 is refused.
 * - dma_length() overflowing: checked arithmetic and the 40-bit bound.
 * - Negative DMA strides wrapping the size: negative strides are refused.
 * - A never set DMA0_LEN passing as the 0xff sentinel: a bitmap of set state.
 * - Address bits 32 to 39 lost to a 32-bit shift: all payloads are 40-bit.
 * - IFM size underflow when the padding exceeds it: refused.
 * - OFM precision bits read as every feature map's element size: per map.
 * - An elementwise operation with a scalar accounting an IFM2: it has none.
 * - A stream that does not end with NPU_OP_STOP: refused.
 * - SCALE1/WEIGHT2_LENGTH stored at the wrong index (U85): not stored, as
 *   a single core reads neither WEIGHT1 nor SCALE1.
 */

#include <linux/bitmap.h>
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <asm/byteorder.h>

#include <kunit/visibility.h>

#include "npu_cmdstream.h"

/* The NPU's address space: no operation may reach past 1 TiB. */
#define NPU_ADDR_SPACE		BIT_ULL(40)
/* The sign bit of a 40-bit stride. */
#define NPU_STRIDE_NEGATIVE	BIT_ULL(39)
/* Stride mode 3 of a DMA region parameter is reserved. */
#define NPU_DMA_STRIDE_MODES	3
/* Codes below 0x100 are operations, the others set state. */
#define NPU_CMD_IS_OP(code)	((code) < 0x100)
/* Tiles of a feature map: bit 0 right of WIDTH0, bit 1 below HEIGHT0. */
#define NPU_FM_TILES		4

/*
 * The state of one feature map, in the order of a block of enum
 * npu_state: offsets from NPU_ST_IFM, NPU_ST_IFM2 or NPU_ST_OFM.
 */
enum npu_fm_state {
	NPU_FM_REGION,
	NPU_FM_PRECISION,
	NPU_FM_WIDTH0_M1,
	NPU_FM_HEIGHT0_M1,
	NPU_FM_BASE0,
	NPU_FM_STRIDE_X = NPU_FM_BASE0 + NPU_FM_TILES,
	NPU_FM_STRIDE_Y,
	NPU_FM_STRIDE_C,
	NPU_FM_STATES,
};

/* The state an operation can read to address memory. */
enum npu_state {
	NPU_ST_IFM = 0,
	NPU_ST_IFM2 = NPU_ST_IFM + NPU_FM_STATES,
	NPU_ST_OFM = NPU_ST_IFM2 + NPU_FM_STATES,
	NPU_ST_IFM_DEPTH_M1 = NPU_ST_OFM + NPU_FM_STATES,
	NPU_ST_IFM_PAD_TOP,
	NPU_ST_IFM_PAD_LEFT,
	NPU_ST_IFM_PAD_RIGHT,
	NPU_ST_IFM_PAD_BOTTOM,
	NPU_ST_IFM2_BROADCAST,
	NPU_ST_OFM_WIDTH_M1,
	NPU_ST_OFM_HEIGHT_M1,
	NPU_ST_OFM_DEPTH_M1,
	NPU_ST_KERNEL_WIDTH_M1,
	NPU_ST_KERNEL_HEIGHT_M1,
	NPU_ST_KERNEL_STRIDE,
	NPU_ST_WEIGHT_REGION,
	NPU_ST_WEIGHT_BASE,
	NPU_ST_WEIGHT_LENGTH,
	NPU_ST_SCALE_REGION,
	NPU_ST_SCALE_BASE,
	NPU_ST_SCALE_LENGTH,
	NPU_ST_DMA_SRC_REGION,
	NPU_ST_DMA_DST_REGION,
	NPU_ST_DMA_SIZE0,
	NPU_ST_DMA_SIZE1,
	NPU_ST_DMA_SRC,
	NPU_ST_DMA_DST,
	NPU_ST_DMA_LEN,
	NPU_ST_DMA_SRC_STRIDE0,
	NPU_ST_DMA_SRC_STRIDE1,
	NPU_ST_DMA_DST_STRIDE0,
	NPU_ST_DMA_DST_STRIDE1,
	NPU_ST_COUNT,
};

/**
 * struct npu_cs - the validator's view of the NPU while it walks a stream
 * @info: the result, filled as operations are found.
 * @val: the value of each state, indexed by enum npu_state.
 * @set: the states a command has set so far.
 * @missing: the current operation has read a state never set.
 */
struct npu_cs {
	struct npu_cmdstream_info *info;
	u64 val[NPU_ST_COUNT];
	DECLARE_BITMAP(set, NPU_ST_COUNT);
	bool missing;
};

/**
 * struct npu_fm_dims - the elements of a feature map an operation touches
 * @w: width.
 * @h: height.
 * @c: channels.
 */
struct npu_fm_dims {
	u64 w;
	u64 h;
	u64 c;
};

/* The state a command sets, or -1 if the validator does not track it. */
static int npu_state_of(u16 code)
{
	switch (code) {
	case NPU_SET_IFM_REGION:	return NPU_ST_IFM + NPU_FM_REGION;
	case NPU_SET_IFM_PRECISION:	return NPU_ST_IFM + NPU_FM_PRECISION;
	case NPU_SET_IFM_WIDTH0_M1:	return NPU_ST_IFM + NPU_FM_WIDTH0_M1;
	case NPU_SET_IFM_HEIGHT0_M1:	return NPU_ST_IFM + NPU_FM_HEIGHT0_M1;
	case NPU_SET_IFM_BASE0:		return NPU_ST_IFM + NPU_FM_BASE0;
	case NPU_SET_IFM_BASE1:		return NPU_ST_IFM + NPU_FM_BASE0 + 1;
	case NPU_SET_IFM_BASE2:		return NPU_ST_IFM + NPU_FM_BASE0 + 2;
	case NPU_SET_IFM_BASE3:		return NPU_ST_IFM + NPU_FM_BASE0 + 3;
	case NPU_SET_IFM_STRIDE_X:	return NPU_ST_IFM + NPU_FM_STRIDE_X;
	case NPU_SET_IFM_STRIDE_Y:	return NPU_ST_IFM + NPU_FM_STRIDE_Y;
	case NPU_SET_IFM_STRIDE_C:	return NPU_ST_IFM + NPU_FM_STRIDE_C;

	case NPU_SET_IFM2_REGION:	return NPU_ST_IFM2 + NPU_FM_REGION;
	case NPU_SET_IFM2_PRECISION:	return NPU_ST_IFM2 + NPU_FM_PRECISION;
	case NPU_SET_IFM2_WIDTH0_M1:	return NPU_ST_IFM2 + NPU_FM_WIDTH0_M1;
	case NPU_SET_IFM2_HEIGHT0_M1:	return NPU_ST_IFM2 + NPU_FM_HEIGHT0_M1;
	case NPU_SET_IFM2_BASE0:	return NPU_ST_IFM2 + NPU_FM_BASE0;
	case NPU_SET_IFM2_BASE1:	return NPU_ST_IFM2 + NPU_FM_BASE0 + 1;
	case NPU_SET_IFM2_BASE2:	return NPU_ST_IFM2 + NPU_FM_BASE0 + 2;
	case NPU_SET_IFM2_BASE3:	return NPU_ST_IFM2 + NPU_FM_BASE0 + 3;
	case NPU_SET_IFM2_STRIDE_X:	return NPU_ST_IFM2 + NPU_FM_STRIDE_X;
	case NPU_SET_IFM2_STRIDE_Y:	return NPU_ST_IFM2 + NPU_FM_STRIDE_Y;
	case NPU_SET_IFM2_STRIDE_C:	return NPU_ST_IFM2 + NPU_FM_STRIDE_C;

	case NPU_SET_OFM_REGION:	return NPU_ST_OFM + NPU_FM_REGION;
	case NPU_SET_OFM_PRECISION:	return NPU_ST_OFM + NPU_FM_PRECISION;
	case NPU_SET_OFM_WIDTH0_M1:	return NPU_ST_OFM + NPU_FM_WIDTH0_M1;
	case NPU_SET_OFM_HEIGHT0_M1:	return NPU_ST_OFM + NPU_FM_HEIGHT0_M1;
	case NPU_SET_OFM_BASE0:		return NPU_ST_OFM + NPU_FM_BASE0;
	case NPU_SET_OFM_BASE1:		return NPU_ST_OFM + NPU_FM_BASE0 + 1;
	case NPU_SET_OFM_BASE2:		return NPU_ST_OFM + NPU_FM_BASE0 + 2;
	case NPU_SET_OFM_BASE3:		return NPU_ST_OFM + NPU_FM_BASE0 + 3;
	case NPU_SET_OFM_STRIDE_X:	return NPU_ST_OFM + NPU_FM_STRIDE_X;
	case NPU_SET_OFM_STRIDE_Y:	return NPU_ST_OFM + NPU_FM_STRIDE_Y;
	case NPU_SET_OFM_STRIDE_C:	return NPU_ST_OFM + NPU_FM_STRIDE_C;

	case NPU_SET_IFM_DEPTH_M1:	return NPU_ST_IFM_DEPTH_M1;
	case NPU_SET_IFM_PAD_TOP:	return NPU_ST_IFM_PAD_TOP;
	case NPU_SET_IFM_PAD_LEFT:	return NPU_ST_IFM_PAD_LEFT;
	case NPU_SET_IFM_PAD_RIGHT:	return NPU_ST_IFM_PAD_RIGHT;
	case NPU_SET_IFM_PAD_BOTTOM:	return NPU_ST_IFM_PAD_BOTTOM;
	case NPU_SET_IFM2_BROADCAST:	return NPU_ST_IFM2_BROADCAST;
	case NPU_SET_OFM_WIDTH_M1:	return NPU_ST_OFM_WIDTH_M1;
	case NPU_SET_OFM_HEIGHT_M1:	return NPU_ST_OFM_HEIGHT_M1;
	case NPU_SET_OFM_DEPTH_M1:	return NPU_ST_OFM_DEPTH_M1;
	case NPU_SET_KERNEL_WIDTH_M1:	return NPU_ST_KERNEL_WIDTH_M1;
	case NPU_SET_KERNEL_HEIGHT_M1:	return NPU_ST_KERNEL_HEIGHT_M1;
	case NPU_SET_KERNEL_STRIDE:	return NPU_ST_KERNEL_STRIDE;
	case NPU_SET_WEIGHT_REGION:	return NPU_ST_WEIGHT_REGION;
	case NPU_SET_WEIGHT_BASE:	return NPU_ST_WEIGHT_BASE;
	case NPU_SET_WEIGHT_LENGTH:	return NPU_ST_WEIGHT_LENGTH;
	case NPU_SET_SCALE_REGION:	return NPU_ST_SCALE_REGION;
	case NPU_SET_SCALE_BASE:	return NPU_ST_SCALE_BASE;
	case NPU_SET_SCALE_LENGTH:	return NPU_ST_SCALE_LENGTH;

	case NPU_SET_DMA0_SRC_REGION:	return NPU_ST_DMA_SRC_REGION;
	case NPU_SET_DMA0_DST_REGION:	return NPU_ST_DMA_DST_REGION;
	case NPU_SET_DMA0_SIZE0:	return NPU_ST_DMA_SIZE0;
	case NPU_SET_DMA0_SIZE1:	return NPU_ST_DMA_SIZE1;
	case NPU_SET_DMA0_SRC:		return NPU_ST_DMA_SRC;
	case NPU_SET_DMA0_DST:		return NPU_ST_DMA_DST;
	case NPU_SET_DMA0_LEN:		return NPU_ST_DMA_LEN;
	case NPU_SET_DMA0_SRC_STRIDE0:	return NPU_ST_DMA_SRC_STRIDE0;
	case NPU_SET_DMA0_SRC_STRIDE1:	return NPU_ST_DMA_SRC_STRIDE1;
	case NPU_SET_DMA0_DST_STRIDE0:	return NPU_ST_DMA_DST_STRIDE0;
	case NPU_SET_DMA0_DST_STRIDE1:	return NPU_ST_DMA_DST_STRIDE1;
	default:			return -1;
	}
}

/* Whether @val is a value the command @code may set. */
static bool npu_value_ok(u16 code, u64 val)
{
	switch (code) {
	case NPU_SET_IFM_REGION:
	case NPU_SET_IFM2_REGION:
	case NPU_SET_OFM_REGION:
	case NPU_SET_WEIGHT_REGION:
	case NPU_SET_SCALE_REGION:
		return val < NPU_REGIONS;
	case NPU_SET_DMA0_SRC_REGION:
	case NPU_SET_DMA0_DST_REGION:
		return NPU_DMA_REGION(val) < NPU_REGIONS &&
		       !(val & NPU_DMA_REGION_INTERNAL) &&
		       NPU_DMA_STRIDE_MODE(val) < NPU_DMA_STRIDE_MODES;
	case NPU_SET_IFM_PRECISION:
	case NPU_SET_IFM2_PRECISION:
		/* Element size 1 << 3 is reserved. */
		return NPU_IFM_PREC_BITS(val) != 3 &&
		       NPU_IFM_PREC_FORMAT(val) <= NPU_FORMAT_NHCWB16;
	case NPU_SET_OFM_PRECISION:
		return NPU_OFM_PREC_BITS(val) != 3 &&
		       NPU_OFM_PREC_FORMAT(val) <= NPU_FORMAT_NHCWB16;
	case NPU_SET_IFM_STRIDE_X ... NPU_SET_IFM_STRIDE_C:
	case NPU_SET_IFM2_STRIDE_X ... NPU_SET_IFM2_STRIDE_C:
	case NPU_SET_OFM_STRIDE_X ... NPU_SET_OFM_STRIDE_C:
	case NPU_SET_DMA0_SRC_STRIDE0 ... NPU_SET_DMA0_DST_STRIDE1:
		return !(val & NPU_STRIDE_NEGATIVE);
	default:
		return true;
	}
}

static int npu_set_state(struct npu_cs *cs, u16 code, u32 w0, u32 w1)
{
	int id = npu_state_of(code);
	u64 val;

	if (id < 0)
		return 0;
	val = NPU_CMD_IS_CMD1(code) ? NPU_CMD1_ADDR(w0, w1) : NPU_CMD_PARAM(w0);
	if (!npu_value_ok(code, val))
		return -EINVAL;
	cs->val[id] = val;
	__set_bit(id, cs->set);
	return 0;
}

/*
 * Read a state for the current operation. A state never set reads as 0
 * and fails the operation once it has been computed.
 */
static u64 npu_get(struct npu_cs *cs, unsigned int id)
{
	if (!test_bit(id, cs->set))
		cs->missing = true;
	return cs->val[id];
}

/* Record that an operation touches bytes [0, @extent) of @region. */
static int npu_access(struct npu_cs *cs, u64 region, u64 extent, bool write)
{
	struct npu_cmdstream_info *info = cs->info;

	if (extent > NPU_ADDR_SPACE)
		return -EINVAL;
	info->used_regions |= BIT(region);
	if (write)
		info->output_regions |= BIT(region);
	info->region_size[region] = max(info->region_size[region], extent);
	return 0;
}

/* Record a read of @len bytes from the base state @base in @region. */
static int npu_access_span(struct npu_cs *cs, unsigned int region,
			   unsigned int base, u64 len)
{
	u64 extent;

	if (check_add_overflow(npu_get(cs, base), len, &extent))
		return -EINVAL;
	return npu_access(cs, npu_get(cs, region), extent, false);
}

/* *@end = @a + @i * @stride, -EINVAL on overflow. */
static int npu_step(u64 a, u64 i, u64 stride, u64 *end)
{
	u64 offset;

	if (check_mul_overflow(i, stride, &offset) ||
	    check_add_overflow(a, offset, end))
		return -EINVAL;
	return 0;
}

/*
 * The extent of one side of a DMA in stride mode @mode: @addr is the
 * state of its address, @stride0 that of its inner stride, which the
 * outer one follows in enum npu_state. A count of 0 copies nothing.
 */
static int npu_dma_extent(struct npu_cs *cs, unsigned int mode,
			  unsigned int addr, unsigned int stride0, u64 *extent)
{
	u64 end = npu_get(cs, addr);
	u64 len = npu_get(cs, NPU_ST_DMA_LEN);
	u64 size0 = 1, size1 = 1, s0 = 0, s1 = 0;

	if (mode >= 1) {
		size0 = npu_get(cs, NPU_ST_DMA_SIZE0);
		s0 = npu_get(cs, stride0);
	}
	if (mode == 2) {
		size1 = npu_get(cs, NPU_ST_DMA_SIZE1);
		s1 = npu_get(cs, stride0 + 1);
	}

	*extent = 0;
	if (!size0 || !size1)
		return 0;
	if (check_add_overflow(end, len, &end) ||
	    npu_step(end, size0 - 1, s0, &end) ||
	    npu_step(end, size1 - 1, s1, &end))
		return -EINVAL;
	*extent = end;
	return 0;
}

/*
 * One side of a DMA. Both region parameters carry a stride mode and the
 * specification does not say which one a DMA follows: bound the side
 * under each of the two modes.
 */
static int npu_dma_side(struct npu_cs *cs, unsigned int region,
			unsigned int addr, unsigned int stride0, bool write)
{
	u64 src_param = npu_get(cs, NPU_ST_DMA_SRC_REGION);
	u64 dst_param = npu_get(cs, NPU_ST_DMA_DST_REGION);
	u64 a, b;

	if (npu_dma_extent(cs, NPU_DMA_STRIDE_MODE(src_param), addr, stride0,
			   &a) ||
	    npu_dma_extent(cs, NPU_DMA_STRIDE_MODE(dst_param), addr, stride0,
			   &b))
		return -EINVAL;
	return npu_access(cs, NPU_DMA_REGION(npu_get(cs, region)), max(a, b),
			  write);
}

static int npu_op_dma(struct npu_cs *cs)
{
	return npu_dma_side(cs, NPU_ST_DMA_SRC_REGION, NPU_ST_DMA_SRC,
			    NPU_ST_DMA_SRC_STRIDE0, false) ?:
	       npu_dma_side(cs, NPU_ST_DMA_DST_REGION, NPU_ST_DMA_DST,
			    NPU_ST_DMA_DST_STRIDE0, true);
}

/* Bytes of one element of the feature map @fm. */
static u64 npu_fm_elem_size(struct npu_cs *cs, unsigned int fm)
{
	u64 prec = npu_get(cs, fm + NPU_FM_PRECISION);

	if (fm == NPU_ST_OFM)
		return 1 << NPU_OFM_PREC_BITS(prec);
	return 1 << NPU_IFM_PREC_BITS(prec);
}

static bool npu_fm_is_nhcwb16(struct npu_cs *cs, unsigned int fm)
{
	u64 prec = npu_get(cs, fm + NPU_FM_PRECISION);

	if (fm == NPU_ST_OFM)
		return NPU_OFM_PREC_FORMAT(prec) == NPU_FORMAT_NHCWB16;
	return NPU_IFM_PREC_FORMAT(prec) == NPU_FORMAT_NHCWB16;
}

/*
 * The highest channel offset within an element position over channels
 * [0, @c). NHWC: (c - 1) * elem. NHCWB16: (c / 16) * STRIDE_C +
 * (c % 16) * elem is highest either at the last channel or, when the
 * blocks of 16 channels are closer than 16 elements, at the last channel
 * of the block before the last.
 */
static int npu_fm_channel_max(struct npu_cs *cs, unsigned int fm, u64 c,
			      u64 elem, u64 *max_offset)
{
	u64 last = c - 1;
	u64 stride_c, prev;

	if (!npu_fm_is_nhcwb16(cs, fm))
		return npu_step(0, last, elem, max_offset);

	stride_c = npu_get(cs, fm + NPU_FM_STRIDE_C);
	if (npu_step((last % 16) * elem, last / 16, stride_c, max_offset))
		return -EINVAL;
	if (last < 16)
		return 0;
	if (npu_step(15 * elem, last / 16 - 1, stride_c, &prev))
		return -EINVAL;
	*max_offset = max(*max_offset, prev);
	return 0;
}

/*
 * The last index in a tile, along one axis of @n elements of which the
 * first @n0 are in the first tile. False if the tile has none.
 */
static bool npu_tile_last(u64 n, u64 n0, bool second, u64 *last)
{
	if (!second) {
		*last = min(n, n0) - 1;
		return true;
	}
	if (n <= n0)
		return false;
	*last = n - n0 - 1;
	return true;
}

/*
 * One plus the highest byte offset of elements [0, @d) of the feature map
 * @fm: the highest over the tiles that hold any of them.
 */
static int npu_fm_extent(struct npu_cs *cs, unsigned int fm,
			 const struct npu_fm_dims *d, u64 *extent)
{
	u64 w0 = npu_get(cs, fm + NPU_FM_WIDTH0_M1) + 1;
	u64 h0 = npu_get(cs, fm + NPU_FM_HEIGHT0_M1) + 1;
	u64 sx = npu_get(cs, fm + NPU_FM_STRIDE_X);
	u64 sy = npu_get(cs, fm + NPU_FM_STRIDE_Y);
	u64 elem = npu_fm_elem_size(cs, fm);
	unsigned int tile;
	u64 c_end;

	if (npu_fm_channel_max(cs, fm, d->c, elem, &c_end) ||
	    check_add_overflow(c_end, elem, &c_end))
		return -EINVAL;

	*extent = 0;
	for (tile = 0; tile < NPU_FM_TILES; tile++) {
		u64 base, x, y, end;

		if (!npu_tile_last(d->w, w0, tile & 1, &x) ||
		    !npu_tile_last(d->h, h0, tile & 2, &y))
			continue;
		base = npu_get(cs, fm + NPU_FM_BASE0 + tile);
		if (check_add_overflow(base, c_end, &end) ||
		    npu_step(end, x, sx, &end) ||
		    npu_step(end, y, sy, &end))
			return -EINVAL;
		*extent = max(*extent, end);
	}
	return 0;
}

static int npu_fm_access(struct npu_cs *cs, unsigned int fm,
			 const struct npu_fm_dims *d, bool write)
{
	u64 extent;

	if (npu_fm_extent(cs, fm, d, &extent))
		return -EINVAL;
	return npu_access(cs, npu_get(cs, fm + NPU_FM_REGION), extent, write);
}

static void npu_ofm_dims(struct npu_cs *cs, struct npu_fm_dims *d)
{
	d->w = npu_get(cs, NPU_ST_OFM_WIDTH_M1) + 1;
	d->h = npu_get(cs, NPU_ST_OFM_HEIGHT_M1) + 1;
	d->c = npu_get(cs, NPU_ST_OFM_DEPTH_M1) + 1;
}

/*
 * The IFM elements along one axis read to compute @out outputs:
 * (out - 1) * stride + (k - 1) * dilation + 1 less the padding on both
 * sides, which must leave at least one.
 */
static int npu_ifm_axis(u64 out, u64 stride, u64 k, u64 dilation,
			u64 pad_before, u64 pad_after, u64 *in)
{
	u64 span, pad;

	if (npu_step(1, out - 1, stride, &span) ||
	    npu_step(span, k - 1, dilation, &span) ||
	    check_add_overflow(pad_before, pad_after, &pad) ||
	    pad >= span)
		return -EINVAL;
	*in = span - pad;
	return 0;
}

/* The IFM of a kernel operation (CONV, DEPTHWISE, POOL) of @ifm_c channels. */
static int npu_kernel_ifm_dims(struct npu_cs *cs, const struct npu_fm_dims *ofm,
			       u64 ifm_c, struct npu_fm_dims *ifm)
{
	u64 kstride = npu_get(cs, NPU_ST_KERNEL_STRIDE);
	u64 kw = npu_get(cs, NPU_ST_KERNEL_WIDTH_M1) + 1;
	u64 kh = npu_get(cs, NPU_ST_KERNEL_HEIGHT_M1) + 1;

	ifm->c = ifm_c;
	return npu_ifm_axis(ofm->w, npu_kstride_x(kstride), kw,
			    NPU_KSTRIDE_DILATION_X(kstride),
			    npu_get(cs, NPU_ST_IFM_PAD_LEFT),
			    npu_get(cs, NPU_ST_IFM_PAD_RIGHT), &ifm->w) ?:
	       npu_ifm_axis(ofm->h, npu_kstride_y(kstride), kh,
			    NPU_KSTRIDE_DILATION_Y(kstride),
			    npu_get(cs, NPU_ST_IFM_PAD_TOP),
			    npu_get(cs, NPU_ST_IFM_PAD_BOTTOM), &ifm->h);
}

/* The IFM read and the OFM written by a kernel operation. */
static int npu_kernel_fms(struct npu_cs *cs, const struct npu_fm_dims *ofm,
			  u64 ifm_c)
{
	struct npu_fm_dims ifm;

	return npu_kernel_ifm_dims(cs, ofm, ifm_c, &ifm) ?:
	       npu_fm_access(cs, NPU_ST_IFM, &ifm, false) ?:
	       npu_fm_access(cs, NPU_ST_OFM, ofm, true);
}

/* Bytes of int8 weights: @per_pos for each position of the kernel. */
static int npu_kernel_weights(struct npu_cs *cs, u64 per_pos, u64 *bytes)
{
	u64 kw = npu_get(cs, NPU_ST_KERNEL_WIDTH_M1) + 1;
	u64 kh = npu_get(cs, NPU_ST_KERNEL_HEIGHT_M1) + 1;

	if (check_mul_overflow(kw, kh, bytes) ||
	    check_mul_overflow(*bytes, per_pos, bytes))
		return -EINVAL;
	return 0;
}

/*
 * The weights (@weights bytes needed) and, unless the OFM has a global
 * scale, the bias and scale records of @channels output channels, that a
 * CONV or DEPTHWISE reads. Their lengths must cover what it needs.
 */
static int npu_coefficients(struct npu_cs *cs, u64 weights, u64 channels)
{
	u64 ofm_prec = npu_get(cs, NPU_ST_OFM + NPU_FM_PRECISION);
	u64 len = npu_get(cs, NPU_ST_WEIGHT_LENGTH);
	u64 records;

	if (len < weights ||
	    npu_access_span(cs, NPU_ST_WEIGHT_REGION, NPU_ST_WEIGHT_BASE, len))
		return -EINVAL;

	if (NPU_OFM_PREC_GLOBAL_SCALE(ofm_prec))
		return 0;
	len = npu_get(cs, NPU_ST_SCALE_LENGTH);
	if (check_mul_overflow(channels, NPU_SCALE_RECORD_SIZE, &records) ||
	    len < records)
		return -EINVAL;
	return npu_access_span(cs, NPU_ST_SCALE_REGION, NPU_ST_SCALE_BASE, len);
}

static int npu_op_conv(struct npu_cs *cs, u16 param)
{
	struct npu_fm_dims ofm;
	u64 ifm_c, per_pos, weights;

	if (param & NPU_CONV_WEIGHTS_IFM2)
		return -EINVAL;
	npu_ofm_dims(cs, &ofm);
	ifm_c = npu_get(cs, NPU_ST_IFM_DEPTH_M1) + 1;
	if (check_mul_overflow(ofm.c, ifm_c, &per_pos) ||
	    npu_kernel_weights(cs, per_pos, &weights))
		return -EINVAL;
	return npu_coefficients(cs, weights, ofm.c) ?:
	       npu_kernel_fms(cs, &ofm, ifm_c);
}

static int npu_op_depthwise(struct npu_cs *cs)
{
	struct npu_fm_dims ofm;
	u64 weights;

	npu_ofm_dims(cs, &ofm);
	if (npu_kernel_weights(cs, ofm.c, &weights))
		return -EINVAL;
	return npu_coefficients(cs, weights, ofm.c) ?:
	       npu_kernel_fms(cs, &ofm, ofm.c);
}

static int npu_op_pool(struct npu_cs *cs, u16 mode)
{
	struct npu_fm_dims ofm;

	if (mode > NPU_POOL_REDUCE_SUM)
		return -EINVAL;
	npu_ofm_dims(cs, &ofm);
	return npu_kernel_fms(cs, &ofm, ofm.c);
}

/* The IFM2 an elementwise operation of OFM @ofm reads, if any. */
static int npu_elementwise_ifm2(struct npu_cs *cs, u16 mode,
				const struct npu_fm_dims *ofm)
{
	struct npu_fm_dims ifm2 = *ofm;
	u64 bcast;

	if (mode == NPU_EW_LRELU || mode == NPU_EW_ABS || mode == NPU_EW_CLZ)
		return 0;
	bcast = npu_get(cs, NPU_ST_IFM2_BROADCAST);
	if (bcast & NPU_IFM2_BCAST_SCALAR)
		return 0;
	if (bcast & NPU_IFM2_BCAST_H)
		ifm2.h = 1;
	if (bcast & NPU_IFM2_BCAST_W)
		ifm2.w = 1;
	if (bcast & NPU_IFM2_BCAST_C)
		ifm2.c = 1;
	return npu_fm_access(cs, NPU_ST_IFM2, &ifm2, false);
}

static int npu_op_elementwise(struct npu_cs *cs, u16 mode)
{
	struct npu_fm_dims ofm;

	if (mode > NPU_EW_SHL)
		return -EINVAL;
	npu_ofm_dims(cs, &ofm);
	return npu_fm_access(cs, NPU_ST_IFM, &ofm, false) ?:
	       npu_elementwise_ifm2(cs, mode, &ofm) ?:
	       npu_fm_access(cs, NPU_ST_OFM, &ofm, true);
}

static int npu_operation(struct npu_cs *cs, u16 code, u16 param)
{
	int ret;

	cs->missing = false;
	switch (code) {
	case NPU_OP_DMA_START:
		ret = npu_op_dma(cs);
		break;
	case NPU_OP_CONV:
		ret = npu_op_conv(cs, param);
		break;
	case NPU_OP_DEPTHWISE:
		ret = npu_op_depthwise(cs);
		break;
	case NPU_OP_POOL:
		ret = npu_op_pool(cs, param);
		break;
	case NPU_OP_ELEMENTWISE:
		ret = npu_op_elementwise(cs, param);
		break;
	default:
		return 0;
	}
	if (!ret && cs->missing)
		ret = -EINVAL;
	return ret;
}

static int npu_validate(struct npu_cs *cs, const __le32 *words, u32 size)
{
	u32 count = size / sizeof(*words);
	u32 i;

	if (!size || size % sizeof(*words))
		return -EINVAL;

	for (i = 0; i < count; i++) {
		u32 w0 = le32_to_cpu(words[i]);
		u16 code = NPU_CMD_CODE(w0);
		u32 w1 = 0;
		int ret;

		if (NPU_CMD_IS_CMD1(code)) {
			/* The payload must lie inside the stream. */
			if (++i == count)
				return -EINVAL;
			w1 = le32_to_cpu(words[i]);
		} else if (code == NPU_OP_STOP) {
			/* STOP ends the stream: nothing may follow it. */
			return i + 1 == count ? 0 : -EINVAL;
		}

		if (NPU_CMD_IS_OP(code))
			ret = npu_operation(cs, code, NPU_CMD_PARAM(w0));
		else
			ret = npu_set_state(cs, code, w0, w1);
		if (ret)
			return ret;
	}
	return -EINVAL;
}

/**
 * npu_cmdstream_validate() - validate a command stream and size its regions
 * @words: the stream, little-endian 32-bit words in kernel memory that
 *	   userspace cannot change while it is validated.
 * @size: bytes at @words.
 * @info: where to put what the stream needs to run.
 *
 * Checks that @words is a stream the NPU can run without touching memory
 * outside the sizes it computes, following the rules of "Command stream
 * validation" above, and fills @info for the submission to check
 * the bound buffer objects against.
 *
 * Context: Any context. Does not sleep or allocate.
 * Return: 0 with @info filled in, or -EINVAL if the stream is not valid;
 * @info is then zeroed.
 */
int npu_cmdstream_validate(const __le32 *words, u32 size,
			   struct npu_cmdstream_info *info)
{
	struct npu_cs cs = { .info = info };
	int ret;

	memset(info, 0, sizeof(*info));
	ret = npu_validate(&cs, words, size);
	if (ret) {
		memset(info, 0, sizeof(*info));
		return ret;
	}
	info->size = size;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(npu_cmdstream_validate);

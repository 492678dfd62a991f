// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 *
 * The NPU command stream validator: tables of valid streams with the
 * exact region sizes they need, and of invalid streams, each named after
 * the reason it must be refused. Every bug of the upstream ethosu
 * validator has a case of its own. A brute-force walk over the elements
 * of many feature map layouts checks the computed extents.
 */

#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "npu_cmdstream.h"

#define NPU_TEST_WORDS		128

/* Selects the command @code in npu_test_case::omit and ::patch. */
#define CMD(code)		(BIT(16) | (code))

#define R(r)			BIT(r)

struct npu_test_case;

/**
 * struct npu_test_stream - a command stream being built
 * @words: the stream.
 * @count: words in @words.
 * @size_adjust: bytes added to (or taken from) 4 * @count for its size.
 * @tc: the case being built, whose omit and patch apply.
 */
struct npu_test_stream {
	__le32 words[NPU_TEST_WORDS];
	unsigned int count;
	int size_adjust;
	const struct npu_test_case *tc;
};

/**
 * struct npu_test_case - a stream and what the validator must say of it
 * @name: what the case checks.
 * @build: emits the stream.
 * @omit: CMD() of a command to leave out of the stream, or 0.
 * @patch: CMD() of a command to give @value instead, or 0.
 * @value: see @patch.
 * @region_size: valid cases: the expected region sizes.
 * @used: valid cases: the expected used regions.
 * @output: valid cases: the expected output regions.
 */
struct npu_test_case {
	const char *name;
	void (*build)(struct npu_test_stream *s);
	u32 omit;
	u32 patch;
	u64 value;
	u64 region_size[NPU_REGIONS];
	u8 used;
	u8 output;
};

static void npu_test_word(struct npu_test_stream *s, u32 word)
{
	if (s->count < NPU_TEST_WORDS)
		s->words[s->count] = cpu_to_le32(word);
	s->count++;
}

/* Emit @code with @value: a 16-bit parameter, or a 40-bit CMD1 payload. */
static void npu_test_emit(struct npu_test_stream *s, u16 code, u64 value)
{
	if (s->tc && s->tc->omit == CMD(code))
		return;
	if (s->tc && s->tc->patch == CMD(code))
		value = s->tc->value;

	if (NPU_CMD_IS_CMD1(code)) {
		npu_test_word(s, code | (upper_32_bits(value) & 0xff) << 16);
		npu_test_word(s, lower_32_bits(value));
	} else {
		npu_test_word(s, code | (u32)(value & 0xffff) << 16);
	}
}

static void npu_test_stop(struct npu_test_stream *s)
{
	npu_test_emit(s, NPU_OP_STOP, 0xffff);
}

/* The commands of one feature map. */
struct npu_test_fm_cmds {
	u16 region;
	u16 precision;
	u16 width0_m1;
	u16 height0_m1;
	u16 height1_m1;
	u16 base0;
	u16 stride_x;
	u16 stride_y;
	u16 stride_c;
};

static const struct npu_test_fm_cmds npu_test_ifm = {
	.region = NPU_SET_IFM_REGION,
	.precision = NPU_SET_IFM_PRECISION,
	.width0_m1 = NPU_SET_IFM_WIDTH0_M1,
	.height0_m1 = NPU_SET_IFM_HEIGHT0_M1,
	.height1_m1 = NPU_SET_IFM_HEIGHT1_M1,
	.base0 = NPU_SET_IFM_BASE0,
	.stride_x = NPU_SET_IFM_STRIDE_X,
	.stride_y = NPU_SET_IFM_STRIDE_Y,
	.stride_c = NPU_SET_IFM_STRIDE_C,
};

static const struct npu_test_fm_cmds npu_test_ifm2 = {
	.region = NPU_SET_IFM2_REGION,
	.precision = NPU_SET_IFM2_PRECISION,
	.width0_m1 = NPU_SET_IFM2_WIDTH0_M1,
	.height0_m1 = NPU_SET_IFM2_HEIGHT0_M1,
	.height1_m1 = NPU_SET_IFM2_HEIGHT1_M1,
	.base0 = NPU_SET_IFM2_BASE0,
	.stride_x = NPU_SET_IFM2_STRIDE_X,
	.stride_y = NPU_SET_IFM2_STRIDE_Y,
	.stride_c = NPU_SET_IFM2_STRIDE_C,
};

static const struct npu_test_fm_cmds npu_test_ofm = {
	.region = NPU_SET_OFM_REGION,
	.precision = NPU_SET_OFM_PRECISION,
	.width0_m1 = NPU_SET_OFM_WIDTH0_M1,
	.height0_m1 = NPU_SET_OFM_HEIGHT0_M1,
	.height1_m1 = NPU_SET_OFM_HEIGHT1_M1,
	.base0 = NPU_SET_OFM_BASE0,
	.stride_x = NPU_SET_OFM_STRIDE_X,
	.stride_y = NPU_SET_OFM_STRIDE_Y,
	.stride_c = NPU_SET_OFM_STRIDE_C,
};

/* A feature map: tile 0 holds width0 x height0 elements. */
struct npu_test_fm {
	u8 region;
	u16 precision;
	u32 width0;
	u32 height0;
	u64 base[4];
	u64 stride_x;
	u64 stride_y;
	u64 stride_c;
};

static void npu_test_emit_fm(struct npu_test_stream *s,
			     const struct npu_test_fm_cmds *cmds,
			     const struct npu_test_fm *fm)
{
	unsigned int i;

	npu_test_emit(s, cmds->region, fm->region);
	npu_test_emit(s, cmds->precision, fm->precision);
	npu_test_emit(s, cmds->width0_m1, fm->width0 - 1);
	npu_test_emit(s, cmds->height0_m1, fm->height0 - 1);
	npu_test_emit(s, cmds->height1_m1, fm->height0 - 1);
	for (i = 0; i < ARRAY_SIZE(fm->base); i++)
		npu_test_emit(s, cmds->base0 + i, fm->base[i]);
	npu_test_emit(s, cmds->stride_x, fm->stride_x);
	npu_test_emit(s, cmds->stride_y, fm->stride_y);
	npu_test_emit(s, cmds->stride_c, fm->stride_c);
}

static void npu_test_ofm_shape(struct npu_test_stream *s, u32 w, u32 h, u32 c)
{
	npu_test_emit(s, NPU_SET_OFM_WIDTH_M1, w - 1);
	npu_test_emit(s, NPU_SET_OFM_HEIGHT_M1, h - 1);
	npu_test_emit(s, NPU_SET_OFM_DEPTH_M1, c - 1);
}

/* A kernel of @k x @k with stride param @kstride and padding @pad around. */
static void npu_test_kernel(struct npu_test_stream *s, u32 k, u16 kstride,
			    u16 pad)
{
	npu_test_emit(s, NPU_SET_KERNEL_WIDTH_M1, k - 1);
	npu_test_emit(s, NPU_SET_KERNEL_HEIGHT_M1, k - 1);
	npu_test_emit(s, NPU_SET_KERNEL_STRIDE, kstride);
	npu_test_emit(s, NPU_SET_IFM_PAD_TOP, pad);
	npu_test_emit(s, NPU_SET_IFM_PAD_LEFT, pad);
	npu_test_emit(s, NPU_SET_IFM_PAD_RIGHT, pad);
	npu_test_emit(s, NPU_SET_IFM_PAD_BOTTOM, pad);
}

static void npu_test_weights(struct npu_test_stream *s, u8 region, u64 base,
			     u64 len)
{
	npu_test_emit(s, NPU_SET_WEIGHT_REGION, region);
	npu_test_emit(s, NPU_SET_WEIGHT_BASE, base);
	npu_test_emit(s, NPU_SET_WEIGHT_LENGTH, len);
}

static void npu_test_scales(struct npu_test_stream *s, u8 region, u64 base,
			    u64 len)
{
	npu_test_emit(s, NPU_SET_SCALE_REGION, region);
	npu_test_emit(s, NPU_SET_SCALE_BASE, base);
	npu_test_emit(s, NPU_SET_SCALE_LENGTH, len);
}

/*
 * Streams. Each comment gives the extents the validator must find, as
 * region: bytes.
 */

/* Only STOP. */
static void npu_test_build_stop(struct npu_test_stream *s)
{
	npu_test_stop(s);
}

/* Nothing at all. */
static void npu_test_build_empty(struct npu_test_stream *s)
{
}

/* Copy 0x80 bytes from 0:0x100 to 1:0x40. 0: 0x180, 1: 0xc0. */
static void npu_test_dma_copy(struct npu_test_stream *s)
{
	npu_test_emit(s, NPU_SET_DMA0_SRC_REGION, 0);
	npu_test_emit(s, NPU_SET_DMA0_SRC, 0x100);
	npu_test_emit(s, NPU_SET_DMA0_DST_REGION, 1);
	npu_test_emit(s, NPU_SET_DMA0_DST, 0x40);
	npu_test_emit(s, NPU_SET_DMA0_LEN, 0x80);
	npu_test_emit(s, NPU_OP_DMA_START, 0);
	npu_test_emit(s, NPU_OP_DMA_WAIT, 0);
}

static void npu_test_build_dma(struct npu_test_stream *s)
{
	npu_test_dma_copy(s);
	npu_test_stop(s);
}

/* As npu_test_build_dma() and a second copy to 2:0x40. 2: 0xc0. */
static void npu_test_build_dma_twice(struct npu_test_stream *s)
{
	npu_test_dma_copy(s);
	npu_test_emit(s, NPU_SET_DMA0_DST_REGION, 2);
	npu_test_emit(s, NPU_OP_DMA_START, 0);
	npu_test_stop(s);
}

/* DMA0_LEN comes after the DMA that reads it. */
static void npu_test_build_dma_len_late(struct npu_test_stream *s)
{
	npu_test_emit(s, NPU_SET_DMA0_SRC_REGION, 0);
	npu_test_emit(s, NPU_SET_DMA0_SRC, 0x100);
	npu_test_emit(s, NPU_SET_DMA0_DST_REGION, 1);
	npu_test_emit(s, NPU_SET_DMA0_DST, 0x40);
	npu_test_emit(s, NPU_OP_DMA_START, 0);
	npu_test_emit(s, NPU_SET_DMA0_LEN, 0x80);
	npu_test_stop(s);
}

/*
 * Stride mode 1: 2 rows of 8 bytes from 3:0x10 every 0x20 to 4:0 every
 * 8. 3: 0x10 + 0x20 + 8 = 0x38, 4: 8 + 8 = 0x10.
 */
static void npu_test_build_dma_mode1(struct npu_test_stream *s)
{
	npu_test_emit(s, NPU_SET_DMA0_SRC_REGION, 3 | 1 << 9);
	npu_test_emit(s, NPU_SET_DMA0_DST_REGION, 4 | 1 << 9);
	npu_test_emit(s, NPU_SET_DMA0_SRC, 0x10);
	npu_test_emit(s, NPU_SET_DMA0_DST, 0);
	npu_test_emit(s, NPU_SET_DMA0_LEN, 8);
	npu_test_emit(s, NPU_SET_DMA0_SIZE0, 2);
	npu_test_emit(s, NPU_SET_DMA0_SRC_STRIDE0, 0x20);
	npu_test_emit(s, NPU_SET_DMA0_DST_STRIDE0, 8);
	npu_test_emit(s, NPU_OP_DMA_START, 0);
	npu_test_stop(s);
}

/*
 * Stride mode 2: 2 x 3 rows of 0x10 bytes from 5:0x1000 (strides 0x40,
 * 0x200) to 6:0x20 (strides 0x10, 0x30).
 * 5: 0x1000 + 0x200 + 2 * 0x40 + 0x10 = 0x1290,
 * 6: 0x20 + 0x30 + 2 * 0x10 + 0x10 = 0x80.
 */
static void npu_test_build_dma_mode2(struct npu_test_stream *s)
{
	npu_test_emit(s, NPU_SET_DMA0_SRC_REGION, 5 | 2 << 9);
	npu_test_emit(s, NPU_SET_DMA0_DST_REGION, 6 | 2 << 9);
	npu_test_emit(s, NPU_SET_DMA0_SRC, 0x1000);
	npu_test_emit(s, NPU_SET_DMA0_DST, 0x20);
	npu_test_emit(s, NPU_SET_DMA0_LEN, 0x10);
	npu_test_emit(s, NPU_SET_DMA0_SIZE0, 3);
	npu_test_emit(s, NPU_SET_DMA0_SIZE1, 2);
	npu_test_emit(s, NPU_SET_DMA0_SRC_STRIDE0, 0x40);
	npu_test_emit(s, NPU_SET_DMA0_SRC_STRIDE1, 0x200);
	npu_test_emit(s, NPU_SET_DMA0_DST_STRIDE0, 0x10);
	npu_test_emit(s, NPU_SET_DMA0_DST_STRIDE1, 0x30);
	npu_test_emit(s, NPU_OP_DMA_START, 0);
	npu_test_stop(s);
}

/*
 * Stride mode 2 with the largest counts and positive strides: the source
 * reaches about 2^55 bytes, past what 40-bit addresses reach.
 */
static void npu_test_build_dma_huge(struct npu_test_stream *s)
{
	npu_test_emit(s, NPU_SET_DMA0_SRC_REGION, 0 | 2 << 9);
	npu_test_emit(s, NPU_SET_DMA0_DST_REGION, 1 | 2 << 9);
	npu_test_emit(s, NPU_SET_DMA0_SRC, 0);
	npu_test_emit(s, NPU_SET_DMA0_DST, 0);
	npu_test_emit(s, NPU_SET_DMA0_LEN, 0xffffffff);
	npu_test_emit(s, NPU_SET_DMA0_SIZE0, 0xffff);
	npu_test_emit(s, NPU_SET_DMA0_SIZE1, 0xffff);
	npu_test_emit(s, NPU_SET_DMA0_SRC_STRIDE0, BIT_ULL(39) - 1);
	npu_test_emit(s, NPU_SET_DMA0_SRC_STRIDE1, BIT_ULL(39) - 1);
	npu_test_emit(s, NPU_SET_DMA0_DST_STRIDE0, 0);
	npu_test_emit(s, NPU_SET_DMA0_DST_STRIDE1, 0);
	npu_test_emit(s, NPU_OP_DMA_START, 0);
	npu_test_stop(s);
}

/*
 * Elementwise ADD of 4 x 3 x 5 int8 NHWC feature maps (strides x 5,
 * y 20): IFM at 1:0x20, IFM2 at 3:0x30, OFM at 4:0x10.
 * 1: 0x20 + 60 = 0x5c, 3: 0x30 + 60 = 0x6c, 4: 0x10 + 60 = 0x4c.
 */
static void npu_test_ew_fms(struct npu_test_stream *s, bool ifm2)
{
	npu_test_ofm_shape(s, 4, 3, 5);
	npu_test_emit_fm(s, &npu_test_ofm, &(struct npu_test_fm){
		.region = 4, .width0 = 4, .height0 = 3, .base = { 0x10 },
		.stride_x = 5, .stride_y = 20, .stride_c = 1 });
	npu_test_emit_fm(s, &npu_test_ifm, &(struct npu_test_fm){
		.region = 1, .width0 = 4, .height0 = 3, .base = { 0x20 },
		.stride_x = 5, .stride_y = 20, .stride_c = 1 });
	if (ifm2)
		npu_test_emit_fm(s, &npu_test_ifm2, &(struct npu_test_fm){
			.region = 3, .width0 = 4, .height0 = 3,
			.base = { 0x30 }, .stride_x = 5, .stride_y = 20,
			.stride_c = 1 });
	/* Values only: they move no access. */
	npu_test_emit(s, NPU_SET_IFM_ZERO_POINT, 0);
	npu_test_emit(s, NPU_SET_OFM_ZERO_POINT, 0);
	npu_test_emit(s, NPU_SET_ACTIVATION, 0);
	npu_test_emit(s, NPU_SET_ACTIVATION_MIN, 0xff80);
	npu_test_emit(s, NPU_SET_ACTIVATION_MAX, 0x7f);
	npu_test_emit(s, NPU_SET_OPA_SCALE, 1);
	npu_test_emit(s, NPU_SET_OFM_SCALE, 1);
}

static void npu_test_build_ew(struct npu_test_stream *s)
{
	npu_test_ew_fms(s, true);
	npu_test_emit(s, NPU_SET_IFM2_BROADCAST, 0);
	npu_test_emit(s, NPU_OP_ELEMENTWISE, NPU_EW_ADD);
	npu_test_stop(s);
}

/* ADD of the IFM and a scalar: no IFM2 state at all. 1: 0x5c, 4: 0x4c. */
static void npu_test_build_ew_scalar(struct npu_test_stream *s)
{
	npu_test_ew_fms(s, false);
	npu_test_emit(s, NPU_SET_IFM2_BROADCAST, NPU_IFM2_BCAST_SCALAR);
	npu_test_emit(s, NPU_SET_IFM2_SCALAR, 3);
	npu_test_emit(s, NPU_OP_ELEMENTWISE, NPU_EW_ADD);
	npu_test_stop(s);
}

/*
 * ABS of a 6 x 5 x 2 int8 IFM at 1:0 (strides x 2, y 12; 1: 60 = 0x3c)
 * into an OFM in four tiles of region 4: tile 0 is 4 x 3. Strides x 2,
 * y 0x40; bases 0, 0x1000, 0x2000, 0x800. The last element of each tile:
 * tile 0: 2 * 0x40 + 3 * 2 + 1 + 1 = 0x88, tile 1: 0x1000 + 0x80 + 2 +
 * 2 = 0x1084, tile 2: 0x2000 + 0x40 + 6 + 2 = 0x2048, tile 3: 0x800 +
 * 0x40 + 2 + 2 = 0x844. 4: 0x2048.
 */
static void npu_test_build_tiles(struct npu_test_stream *s)
{
	npu_test_ofm_shape(s, 6, 5, 2);
	npu_test_emit_fm(s, &npu_test_ofm, &(struct npu_test_fm){
		.region = 4, .width0 = 4, .height0 = 3,
		.base = { 0, 0x1000, 0x2000, 0x800 },
		.stride_x = 2, .stride_y = 0x40, .stride_c = 1 });
	npu_test_emit_fm(s, &npu_test_ifm, &(struct npu_test_fm){
		.region = 1, .width0 = 6, .height0 = 5,
		.stride_x = 2, .stride_y = 12, .stride_c = 1 });
	npu_test_emit(s, NPU_OP_ELEMENTWISE, NPU_EW_ABS);
	npu_test_stop(s);
}

/*
 * ABS of a 2 x 2 x 20 NHCWB16 int8 IFM at 1:0 (strides x 16, y 32, c 4)
 * into a 16-bit NHCWB16 OFM at 4:0x100 (strides x 32, y 64, c 8). The
 * blocks of 16 channels are closer than 16 elements, so the highest
 * channel offset is at c = 15, not c = 19.
 * 1: 32 + 16 + max(4 + 3, 15) + 1 = 0x40,
 * 4: 0x100 + 64 + 32 + max(8 + 3 * 2, 15 * 2) + 2 = 0x180.
 */
static void npu_test_build_nhcwb16(struct npu_test_stream *s)
{
	npu_test_ofm_shape(s, 2, 2, 20);
	npu_test_emit_fm(s, &npu_test_ofm, &(struct npu_test_fm){
		.region = 4, .width0 = 2, .height0 = 2, .base = { 0x100 },
		.precision = NPU_FORMAT_NHCWB16 << 6 | 1 << 1,
		.stride_x = 32, .stride_y = 64, .stride_c = 8 });
	npu_test_emit_fm(s, &npu_test_ifm, &(struct npu_test_fm){
		.region = 1, .width0 = 2, .height0 = 2,
		.precision = NPU_FORMAT_NHCWB16 << 6,
		.stride_x = 16, .stride_y = 32, .stride_c = 4 });
	npu_test_emit(s, NPU_OP_ELEMENTWISE, NPU_EW_ABS);
	npu_test_stop(s);
}

/*
 * MAX pooling 3 x 3, stride 1, padding 1, of a 4 x 4 x 8 int8 IFM at 1:0
 * (strides x 8, y 32; one 16 x 16 tile) into a 4 x 4 x 8 OFM at 2:0.
 * IFM width (4 - 1) + (3 - 1) + 1 - 2 = 4. 1: 0x80, 2: 0x80.
 */
static void npu_test_pool_stream(struct npu_test_stream *s, u64 ifm_stride_x,
				 u64 ifm_stride_y)
{
	npu_test_ofm_shape(s, 4, 4, 8);
	npu_test_emit_fm(s, &npu_test_ofm, &(struct npu_test_fm){
		.region = 2, .width0 = 4, .height0 = 4,
		.stride_x = 8, .stride_y = 32, .stride_c = 1 });
	npu_test_emit_fm(s, &npu_test_ifm, &(struct npu_test_fm){
		.region = 1, .width0 = 16, .height0 = 16,
		.stride_x = ifm_stride_x, .stride_y = ifm_stride_y,
		.stride_c = 1 });
	npu_test_kernel(s, 3, 0, 1);
	npu_test_emit(s, NPU_OP_POOL, NPU_POOL_MAX);
	npu_test_stop(s);
}

static void npu_test_build_pool(struct npu_test_stream *s)
{
	npu_test_pool_stream(s, 8, 32);
}

/*
 * As npu_test_build_pool(), over an IFM whose rows and columns all alias
 * (1: 8). With strides of 0, a wrapped IFM size multiplies to nothing:
 * only the padding check refuses it.
 */
static void npu_test_build_pool_flat(struct npu_test_stream *s)
{
	npu_test_pool_stream(s, 0, 0);
}

/*
 * CONV 3 x 3, stride 1, no padding, of a 4 x 4 x 3 int8 IFM at 1:0
 * (strides x 3, y 12; 1: 0x30) into a 2 x 2 x 4 OFM at 4:0 (strides x 4,
 * y 8; 4: 0x10). Weights 4 * 3 * 3 * 3 = 108 bytes at 0:0x100 (0: 0x16c),
 * scales 4 * 10 bytes at 6:0x40 (6: 0x68).
 */
static void npu_test_conv_stream(struct npu_test_stream *s, u32 ofm_c,
				 u32 ifm_c, u32 k)
{
	npu_test_ofm_shape(s, 2, 2, ofm_c);
	npu_test_emit_fm(s, &npu_test_ofm, &(struct npu_test_fm){
		.region = 4, .width0 = 2, .height0 = 2,
		.stride_x = 4, .stride_y = 8, .stride_c = 1 });
	npu_test_emit_fm(s, &npu_test_ifm, &(struct npu_test_fm){
		.region = 1, .width0 = 0x10000, .height0 = 0x10000,
		.stride_x = 3, .stride_y = 12, .stride_c = 1 });
	npu_test_emit(s, NPU_SET_IFM_DEPTH_M1, ifm_c - 1);
	npu_test_kernel(s, k, 0, 0);
	npu_test_weights(s, 0, 0x100, 108);
	npu_test_scales(s, 6, 0x40, ofm_c * NPU_SCALE_RECORD_SIZE);
	npu_test_emit(s, NPU_OP_CONV, 0);
	npu_test_stop(s);
}

static void npu_test_build_conv(struct npu_test_stream *s)
{
	npu_test_conv_stream(s, 4, 3, 3);
}

/*
 * A CONV of 65536 output and 65536 input channels with a 65536 x 65536
 * kernel needs 2^64 bytes of weights: the count overflows 64 bits, and
 * would wrap to 0 and pass a WEIGHT_LENGTH of 108.
 */
static void npu_test_build_conv_huge(struct npu_test_stream *s)
{
	npu_test_conv_stream(s, 0x10000, 0x10000, 0x10000);
}

/*
 * DEPTHWISE 3 x 3, stride 1, padding 1, of a 3 x 3 x 8 int8 IFM at 1:8
 * (strides x 8, y 24; 1: 8 + 48 + 16 + 8 = 0x50) into a 3 x 3 x 8 OFM at
 * 4:0 (4: 0x48). Weights 3 * 3 * 8 = 72 bytes at 0:0 and scales 80 bytes
 * at 0:0x80 share region 0: 0xd0.
 */
static void npu_test_build_depthwise(struct npu_test_stream *s)
{
	npu_test_ofm_shape(s, 3, 3, 8);
	npu_test_emit_fm(s, &npu_test_ofm, &(struct npu_test_fm){
		.region = 4, .width0 = 3, .height0 = 3,
		.stride_x = 8, .stride_y = 24, .stride_c = 1 });
	npu_test_emit_fm(s, &npu_test_ifm, &(struct npu_test_fm){
		.region = 1, .width0 = 3, .height0 = 3, .base = { 8 },
		.stride_x = 8, .stride_y = 24, .stride_c = 1 });
	npu_test_kernel(s, 3, 0, 1);
	npu_test_weights(s, 0, 0, 72);
	npu_test_scales(s, 0, 0x80, 80);
	npu_test_emit(s, NPU_OP_DEPTHWISE, 0);
	npu_test_stop(s);
}

/* A STOP, then a whole valid stream. */
static void npu_test_build_stop_first(struct npu_test_stream *s)
{
	npu_test_stop(s);
	npu_test_build_dma(s);
}

/* A valid stream, then a word after its STOP. */
static void npu_test_build_after_stop(struct npu_test_stream *s)
{
	npu_test_build_dma(s);
	npu_test_emit(s, NPU_OP_DMA_WAIT, 0);
}

/* The header of a CMD1 is the last word: its payload is past the end. */
static void npu_test_build_cmd1_straddles(struct npu_test_stream *s)
{
	npu_test_emit(s, NPU_OP_DMA_WAIT, 0);
	npu_test_word(s, NPU_SET_DMA0_LEN);
}

/* A CMD1 whose payload reads as STOP, and nothing after it. */
static void npu_test_build_stop_in_payload(struct npu_test_stream *s)
{
	npu_test_word(s, NPU_SET_DMA0_LEN);
	npu_test_word(s, NPU_OP_STOP);
}

/* A CMD1 whose payload reads as STOP, then a STOP. */
static void npu_test_build_payload_then_stop(struct npu_test_stream *s)
{
	npu_test_build_stop_in_payload(s);
	npu_test_stop(s);
}

/*
 * Codes the validator does not know: an operation, a state and a CMD1
 * whose payload reads as STOP.
 */
static void npu_test_build_unknown(struct npu_test_stream *s)
{
	npu_test_word(s, 0x00ff);
	npu_test_word(s, 0x1234017e);
	npu_test_word(s, 0x000040f0);
	npu_test_word(s, NPU_OP_STOP);
	npu_test_stop(s);
}

/* Two bytes past the end of a valid stream. */
static void npu_test_build_long_size(struct npu_test_stream *s)
{
	npu_test_build_dma(s);
	s->size_adjust = 2;
}

/* Two bytes short of a valid stream. */
static void npu_test_build_short_size(struct npu_test_stream *s)
{
	npu_test_build_dma(s);
	s->size_adjust = -2;
}

static const struct npu_test_case npu_test_valid_cases[] = {
	{
		.name = "stop only",
		.build = npu_test_build_stop,
	}, {
		.name = "unknown commands are skipped",
		.build = npu_test_build_unknown,
	}, {
		.name = "CMD1 payload that reads as STOP is skipped",
		.build = npu_test_build_payload_then_stop,
	}, {
		.name = "dma mode 0",
		.build = npu_test_build_dma,
		.region_size = { [0] = 0x180, [1] = 0xc0 },
		.used = R(0) | R(1), .output = R(1),
	}, {
		.name = "dma twice, state kept between operations",
		.build = npu_test_build_dma_twice,
		.region_size = { [0] = 0x180, [1] = 0xc0, [2] = 0xc0 },
		.used = R(0) | R(1) | R(2), .output = R(1) | R(2),
	}, {
		.name = "dma 40-bit source address (shift overflow)",
		.build = npu_test_build_dma,
		.patch = CMD(NPU_SET_DMA0_SRC), .value = 0x100000100ull,
		.region_size = { [0] = 0x100000180ull, [1] = 0xc0 },
		.used = R(0) | R(1), .output = R(1),
	}, {
		.name = "dma ending at 2^40",
		.build = npu_test_build_dma,
		.patch = CMD(NPU_SET_DMA0_SRC), .value = BIT_ULL(40) - 0x80,
		.region_size = { [0] = BIT_ULL(40), [1] = 0xc0 },
		.used = R(0) | R(1), .output = R(1),
	}, {
		.name = "dma mode 1",
		.build = npu_test_build_dma_mode1,
		.region_size = { [3] = 0x38, [4] = 0x10 },
		.used = R(3) | R(4), .output = R(4),
	}, {
		.name = "dma mode 1 in the source region param only",
		.build = npu_test_build_dma_mode1,
		.patch = CMD(NPU_SET_DMA0_DST_REGION), .value = 4,
		.region_size = { [3] = 0x38, [4] = 0x10 },
		.used = R(3) | R(4), .output = R(4),
	}, {
		.name = "dma mode 1 in the destination region param only",
		.build = npu_test_build_dma_mode1,
		.patch = CMD(NPU_SET_DMA0_SRC_REGION), .value = 3,
		.region_size = { [3] = 0x38, [4] = 0x10 },
		.used = R(3) | R(4), .output = R(4),
	}, {
		.name = "dma mode 1 with no rows touches nothing",
		.build = npu_test_build_dma_mode1,
		.patch = CMD(NPU_SET_DMA0_SIZE0), .value = 0,
		.used = R(3) | R(4), .output = R(4),
	}, {
		.name = "dma mode 2",
		.build = npu_test_build_dma_mode2,
		.region_size = { [5] = 0x1290, [6] = 0x80 },
		.used = R(5) | R(6), .output = R(6),
	}, {
		.name = "dma mode 2 with no planes touches nothing",
		.build = npu_test_build_dma_mode2,
		.patch = CMD(NPU_SET_DMA0_SIZE1), .value = 0,
		.used = R(5) | R(6), .output = R(6),
	}, {
		.name = "elementwise add",
		.build = npu_test_build_ew,
		.region_size = { [1] = 0x5c, [3] = 0x6c, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "elementwise NHWC needs no IFM stride C",
		.build = npu_test_build_ew,
		.omit = CMD(NPU_SET_IFM_STRIDE_C),
		.region_size = { [1] = 0x5c, [3] = 0x6c, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "elementwise IFM2 broadcast in H and W",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_IFM2_BROADCAST),
		.value = NPU_IFM2_BCAST_H | NPU_IFM2_BCAST_W,
		.region_size = { [1] = 0x5c, [3] = 0x35, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "elementwise IFM2 broadcast in C",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_IFM2_BROADCAST), .value = NPU_IFM2_BCAST_C,
		.region_size = { [1] = 0x5c, [3] = 0x68, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "elementwise scalar does not account the IFM2",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_IFM2_BROADCAST),
		.value = NPU_IFM2_BCAST_SCALAR,
		.region_size = { [1] = 0x5c, [4] = 0x4c },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "elementwise scalar needs no IFM2 state",
		.build = npu_test_build_ew_scalar,
		.region_size = { [1] = 0x5c, [4] = 0x4c },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "elementwise unary does not account the IFM2",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_OP_ELEMENTWISE), .value = NPU_EW_ABS,
		.region_size = { [1] = 0x5c, [4] = 0x4c },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "elementwise unary needs no IFM2 broadcast",
		.build = npu_test_build_ew_scalar,
		.omit = CMD(NPU_SET_IFM2_BROADCAST),
		.patch = CMD(NPU_OP_ELEMENTWISE), .value = NPU_EW_CLZ,
		.region_size = { [1] = 0x5c, [4] = 0x4c },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "element size: 16-bit IFM counts 2 bytes",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_IFM_PRECISION), .value = 1 << 2,
		.region_size = { [1] = 0x61, [3] = 0x6c, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "element size: 32-bit IFM2 counts 4 bytes",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_IFM2_PRECISION), .value = 2 << 2,
		.region_size = { [1] = 0x5c, [3] = 0x7b, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "element size: IFM bits [2:1] are not its size",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_IFM_PRECISION), .value = 1 << 1,
		.region_size = { [1] = 0x5c, [3] = 0x6c, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "element size: 16-bit OFM counts 2 bytes",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_OFM_PRECISION), .value = 1 << 1,
		.region_size = { [1] = 0x5c, [3] = 0x6c, [4] = 0x51 },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "element size: 32-bit OFM counts 4 bytes",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_OFM_PRECISION), .value = 2 << 1,
		.region_size = { [1] = 0x5c, [3] = 0x6c, [4] = 0x5b },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "feature map 40-bit base (shift overflow)",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_OFM_BASE0), .value = 0x1234567800ull,
		.region_size = { [1] = 0x5c, [3] = 0x6c,
				 [4] = 0x123456783cull },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "four tiles",
		.build = npu_test_build_tiles,
		.region_size = { [1] = 0x3c, [4] = 0x2048 },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "four tiles, tile 1 highest",
		.build = npu_test_build_tiles,
		.patch = CMD(NPU_SET_OFM_BASE2), .value = 0,
		.region_size = { [1] = 0x3c, [4] = 0x1084 },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "two tiles need no base for tile 3",
		.build = npu_test_build_tiles,
		.omit = CMD(NPU_SET_OFM_BASE3),
		.patch = CMD(NPU_SET_OFM_HEIGHT_M1), .value = 2,
		.region_size = { [1] = 0x24, [4] = 0x1084 },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "NHCWB16 highest channel before the last block",
		.build = npu_test_build_nhcwb16,
		.region_size = { [1] = 0x40, [4] = 0x180 },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "NHCWB16 highest channel in the last block",
		.build = npu_test_build_nhcwb16,
		.patch = CMD(NPU_SET_IFM_STRIDE_C), .value = 0x100,
		.region_size = { [1] = 0x134, [4] = 0x180 },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "pool with padding",
		.build = npu_test_build_pool,
		.region_size = { [1] = 0x80, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool reduce sum",
		.build = npu_test_build_pool,
		.patch = CMD(NPU_OP_POOL), .value = NPU_POOL_REDUCE_SUM,
		.region_size = { [1] = 0x80, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool stride 2",
		.build = npu_test_build_pool,
		.patch = CMD(NPU_SET_KERNEL_STRIDE), .value = 0x3,
		.region_size = { [1] = 0xf8, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool stride 3 in x (high stride bit)",
		.build = npu_test_build_pool,
		.patch = CMD(NPU_SET_KERNEL_STRIDE), .value = 1 << 6,
		.region_size = { [1] = 0xb0, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool dilation 2",
		.build = npu_test_build_pool,
		.patch = CMD(NPU_SET_KERNEL_STRIDE), .value = 0x18,
		.region_size = { [1] = 0xd0, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool padding leaves one IFM column",
		.build = npu_test_build_pool,
		.patch = CMD(NPU_SET_IFM_PAD_LEFT), .value = 4,
		.region_size = { [1] = 0x68, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool over an IFM with zero strides",
		.build = npu_test_build_pool_flat,
		.region_size = { [1] = 8, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool needs no IFM base for an unused tile",
		.build = npu_test_build_pool,
		.omit = CMD(NPU_SET_IFM_BASE1),
		.region_size = { [1] = 0x80, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "conv with per-channel scales",
		.build = npu_test_build_conv,
		.region_size = { [0] = 0x16c, [1] = 0x30, [4] = 0x10,
				 [6] = 0x68 },
		.used = R(0) | R(1) | R(4) | R(6), .output = R(4),
	}, {
		.name = "conv with global scale reads no scales",
		.build = npu_test_build_conv,
		.patch = CMD(NPU_SET_OFM_PRECISION),
		.value = BIT(8),
		.region_size = { [0] = 0x16c, [1] = 0x30, [4] = 0x10 },
		.used = R(0) | R(1) | R(4), .output = R(4),
	}, {
		.name = "conv with global scale needs no scale region",
		.build = npu_test_build_conv,
		.omit = CMD(NPU_SET_SCALE_REGION),
		.patch = CMD(NPU_SET_OFM_PRECISION), .value = BIT(8),
		.region_size = { [0] = 0x16c, [1] = 0x30, [4] = 0x10 },
		.used = R(0) | R(1) | R(4), .output = R(4),
	}, {
		.name = "conv weights extent is base + length",
		.build = npu_test_build_conv,
		.patch = CMD(NPU_SET_WEIGHT_LENGTH), .value = 0x200,
		.region_size = { [0] = 0x300, [1] = 0x30, [4] = 0x10,
				 [6] = 0x68 },
		.used = R(0) | R(1) | R(4) | R(6), .output = R(4),
	}, {
		.name = "depthwise with per-channel scales",
		.build = npu_test_build_depthwise,
		.region_size = { [0] = 0xd0, [1] = 0x50, [4] = 0x48 },
		.used = R(0) | R(1) | R(4), .output = R(4),
	}, {
		.name = "depthwise with global scale",
		.build = npu_test_build_depthwise,
		.patch = CMD(NPU_SET_OFM_PRECISION), .value = BIT(8),
		.region_size = { [0] = 0x48, [1] = 0x50, [4] = 0x48 },
		.used = R(0) | R(1) | R(4), .output = R(4),
	},
};

static const struct npu_test_case npu_test_invalid_cases[] = {
	{
		.name = "empty stream",
		.build = npu_test_build_empty,
	}, {
		.name = "size not a multiple of 4 (2 bytes past STOP)",
		.build = npu_test_build_long_size,
	}, {
		.name = "size not a multiple of 4 (STOP cut short)",
		.build = npu_test_build_short_size,
	}, {
		.name = "missing STOP",
		.build = npu_test_build_dma,
		.omit = CMD(NPU_OP_STOP),
	}, {
		.name = "words after STOP",
		.build = npu_test_build_after_stop,
	}, {
		.name = "STOP in the middle",
		.build = npu_test_build_stop_first,
	}, {
		.name = "command straddling the end",
		.build = npu_test_build_cmd1_straddles,
	}, {
		.name = "CMD1 payload that reads as STOP ends nothing",
		.build = npu_test_build_stop_in_payload,
	}, {
		.name = "IFM region 0x7f",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_IFM_REGION), .value = 0x7f,
	}, {
		.name = "OFM region 8",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_OFM_REGION), .value = 8,
	}, {
		.name = "scale region 8",
		.build = npu_test_build_conv,
		.patch = CMD(NPU_SET_SCALE_REGION), .value = 8,
	}, {
		.name = "dma source region 8",
		.build = npu_test_build_dma,
		.patch = CMD(NPU_SET_DMA0_SRC_REGION), .value = 8,
	}, {
		.name = "dma internal memory",
		.build = npu_test_build_dma,
		.patch = CMD(NPU_SET_DMA0_DST_REGION),
		.value = NPU_DMA_REGION_INTERNAL | 1,
	}, {
		.name = "dma stride mode 3",
		.build = npu_test_build_dma_mode1,
		.patch = CMD(NPU_SET_DMA0_SRC_REGION), .value = 3 | 3 << 9,
	}, {
		.name = "dma_length overflow (extent past 2^40)",
		.build = npu_test_build_dma_huge,
	}, {
		.name = "dma ending one byte past 2^40",
		.build = npu_test_build_dma,
		.patch = CMD(NPU_SET_DMA0_SRC), .value = BIT_ULL(40) - 0x7f,
	}, {
		.name = "dma negative source stride",
		.build = npu_test_build_dma_mode1,
		.patch = CMD(NPU_SET_DMA0_SRC_STRIDE0),
		.value = BIT_ULL(39) | 0x20,
	}, {
		.name = "dma negative destination outer stride",
		.build = npu_test_build_dma_mode2,
		.patch = CMD(NPU_SET_DMA0_DST_STRIDE1),
		.value = BIT_ULL(39) | 0x30,
	}, {
		.name = "dma uninitialised DMA0_LEN",
		.build = npu_test_build_dma,
		.omit = CMD(NPU_SET_DMA0_LEN),
	}, {
		.name = "dma DMA0_LEN set after the DMA",
		.build = npu_test_build_dma_len_late,
	}, {
		.name = "dma missing source address",
		.build = npu_test_build_dma,
		.omit = CMD(NPU_SET_DMA0_SRC),
	}, {
		.name = "dma missing destination region",
		.build = npu_test_build_dma,
		.omit = CMD(NPU_SET_DMA0_DST_REGION),
	}, {
		.name = "dma mode 1 missing destination stride",
		.build = npu_test_build_dma_mode1,
		.omit = CMD(NPU_SET_DMA0_DST_STRIDE0),
	}, {
		.name = "dma mode 2 missing outer count",
		.build = npu_test_build_dma_mode2,
		.omit = CMD(NPU_SET_DMA0_SIZE1),
	}, {
		.name = "elementwise mode above SHL",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_OP_ELEMENTWISE), .value = NPU_EW_SHL + 1,
	}, {
		.name = "elementwise missing IFM2 base",
		.build = npu_test_build_ew,
		.omit = CMD(NPU_SET_IFM2_BASE0),
	}, {
		.name = "elementwise missing IFM2 broadcast",
		.build = npu_test_build_ew,
		.omit = CMD(NPU_SET_IFM2_BROADCAST),
	}, {
		.name = "elementwise missing IFM precision",
		.build = npu_test_build_ew,
		.omit = CMD(NPU_SET_IFM_PRECISION),
	}, {
		.name = "elementwise missing OFM stride Y",
		.build = npu_test_build_ew,
		.omit = CMD(NPU_SET_OFM_STRIDE_Y),
	}, {
		.name = "elementwise missing OFM depth",
		.build = npu_test_build_ew,
		.omit = CMD(NPU_SET_OFM_DEPTH_M1),
	}, {
		.name = "IFM precision 3",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_IFM_PRECISION), .value = 3 << 2,
	}, {
		.name = "OFM precision 3",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_OFM_PRECISION), .value = 3 << 1,
	}, {
		.name = "IFM2 format 2",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_IFM2_PRECISION), .value = 2 << 6,
	}, {
		.name = "OFM format 3",
		.build = npu_test_build_ew,
		.patch = CMD(NPU_SET_OFM_PRECISION), .value = 3 << 6,
	}, {
		.name = "IFM negative stride",
		.build = npu_test_build_nhcwb16,
		.patch = CMD(NPU_SET_IFM_STRIDE_Y), .value = BIT_ULL(39) | 32,
	}, {
		.name = "NHCWB16 missing stride C",
		.build = npu_test_build_nhcwb16,
		.omit = CMD(NPU_SET_IFM_STRIDE_C),
	}, {
		.name = "tile 3 used without its base",
		.build = npu_test_build_tiles,
		.omit = CMD(NPU_SET_OFM_BASE3),
	}, {
		.name = "pool mode 3",
		.build = npu_test_build_pool,
		.patch = CMD(NPU_OP_POOL), .value = 3,
	}, {
		.name = "pool IFM width underflow from padding",
		.build = npu_test_build_pool_flat,
		.patch = CMD(NPU_SET_IFM_PAD_LEFT), .value = 5,
	}, {
		.name = "pool IFM height underflow from padding",
		.build = npu_test_build_pool_flat,
		.patch = CMD(NPU_SET_IFM_PAD_BOTTOM), .value = 0xffff,
	}, {
		.name = "pool missing kernel stride",
		.build = npu_test_build_pool,
		.omit = CMD(NPU_SET_KERNEL_STRIDE),
	}, {
		.name = "pool missing kernel height",
		.build = npu_test_build_pool,
		.omit = CMD(NPU_SET_KERNEL_HEIGHT_M1),
	}, {
		.name = "pool missing top padding",
		.build = npu_test_build_pool,
		.omit = CMD(NPU_SET_IFM_PAD_TOP),
	}, {
		.name = "pool missing IFM base",
		.build = npu_test_build_pool,
		.omit = CMD(NPU_SET_IFM_BASE0),
	}, {
		.name = "conv weights from IFM2",
		.build = npu_test_build_conv,
		.patch = CMD(NPU_OP_CONV), .value = NPU_CONV_WEIGHTS_IFM2,
	}, {
		.name = "conv weights shorter than the kernel",
		.build = npu_test_build_conv,
		.patch = CMD(NPU_SET_WEIGHT_LENGTH), .value = 107,
	}, {
		.name = "conv scales shorter than the channels",
		.build = npu_test_build_conv,
		.patch = CMD(NPU_SET_SCALE_LENGTH), .value = 39,
	}, {
		.name = "conv weight count overflow",
		.build = npu_test_build_conv_huge,
		.patch = CMD(NPU_SET_WEIGHT_LENGTH), .value = 0,
	}, {
		.name = "conv missing IFM depth",
		.build = npu_test_build_conv,
		.omit = CMD(NPU_SET_IFM_DEPTH_M1),
	}, {
		.name = "conv missing weight base",
		.build = npu_test_build_conv,
		.omit = CMD(NPU_SET_WEIGHT_BASE),
	}, {
		.name = "conv missing scale length",
		.build = npu_test_build_conv,
		.omit = CMD(NPU_SET_SCALE_LENGTH),
	}, {
		.name = "depthwise weights shorter than the kernel",
		.build = npu_test_build_depthwise,
		.patch = CMD(NPU_SET_WEIGHT_LENGTH), .value = 71,
	}, {
		.name = "depthwise scales shorter than the channels",
		.build = npu_test_build_depthwise,
		.patch = CMD(NPU_SET_SCALE_LENGTH), .value = 79,
	}, {
		.name = "depthwise missing weight length",
		.build = npu_test_build_depthwise,
		.omit = CMD(NPU_SET_WEIGHT_LENGTH),
	}, {
		.name = "depthwise missing scale base",
		.build = npu_test_build_depthwise,
		.omit = CMD(NPU_SET_SCALE_BASE),
	}, {
		.name = "depthwise missing kernel width",
		.build = npu_test_build_depthwise,
		.omit = CMD(NPU_SET_KERNEL_WIDTH_M1),
	},
};

static void npu_test_case_desc(const struct npu_test_case *tc, char *desc)
{
	strscpy(desc, tc->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(npu_test_valid, npu_test_valid_cases, npu_test_case_desc);
KUNIT_ARRAY_PARAM(npu_test_invalid, npu_test_invalid_cases,
		  npu_test_case_desc);

KUNIT_DEFINE_ACTION_WRAPPER(npu_test_vfree, vfree, const void *);

/*
 * Build the stream of @tc and validate it from the end of a page of its
 * own, so that a read past the stream hits the guard page after it.
 * Returns what the validator returns, and the size of the stream.
 */
static int npu_test_validate(struct kunit *test, const struct npu_test_case *tc,
			     struct npu_cmdstream_info *info, u32 *size)
{
	struct npu_test_stream *s;
	void *page;

	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	s->tc = tc;
	tc->build(s);
	KUNIT_ASSERT_LE(test, s->count, NPU_TEST_WORDS);
	*size = s->count * sizeof(s->words[0]) + s->size_adjust;

	page = vmalloc(PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, npu_test_vfree, page));
	page += PAGE_SIZE - ALIGN(*size, sizeof(s->words[0]));
	memcpy(page, s->words, *size);

	/* The validator must fill all of it. */
	memset(info, 0xa5, sizeof(*info));
	return npu_cmdstream_validate(page, *size, info);
}

static void npu_cmdstream_valid(struct kunit *test)
{
	const struct npu_test_case *tc = test->param_value;
	struct npu_cmdstream_info info;
	unsigned int r;
	u32 size;

	KUNIT_ASSERT_EQ(test, npu_test_validate(test, tc, &info, &size), 0);
	KUNIT_EXPECT_EQ(test, info.size, size);
	for (r = 0; r < NPU_REGIONS; r++)
		KUNIT_EXPECT_EQ_MSG(test, info.region_size[r],
				    tc->region_size[r], "region %u", r);
	KUNIT_EXPECT_EQ(test, info.used_regions, tc->used);
	KUNIT_EXPECT_EQ(test, info.output_regions, tc->output);
}

static void npu_cmdstream_invalid(struct kunit *test)
{
	const struct npu_test_case *tc = test->param_value;
	struct npu_cmdstream_info info;
	u32 size;

	KUNIT_EXPECT_EQ(test, npu_test_validate(test, tc, &info, &size),
			-EINVAL);
	KUNIT_EXPECT_NULL(test, memchr_inv(&info, 0, sizeof(info)));
}

/*
 * The extent of @d elements of a feature map, walking each element and
 * addressing it as the specification says.
 */
static u64 npu_test_fm_walk(const struct npu_test_fm *fm, bool nhcwb16,
			    u64 elem, const u32 *d)
{
	u32 x, y, c;
	u64 end = 0;

	for (y = 0; y < d[1]; y++) {
		for (x = 0; x < d[0]; x++) {
			unsigned int tile = 0;
			u64 tx = x, ty = y;
			u64 addr;

			if (tx >= fm->width0) {
				tile |= 1;
				tx -= fm->width0;
			}
			if (ty >= fm->height0) {
				tile |= 2;
				ty -= fm->height0;
			}
			addr = fm->base[tile] + ty * fm->stride_y +
			       tx * fm->stride_x;
			for (c = 0; c < d[2]; c++) {
				u64 off = c * elem;

				if (nhcwb16)
					off = c / 16 * fm->stride_c +
					      c % 16 * elem;
				end = max(end, addr + off + elem);
			}
		}
	}
	return end;
}

/*
 * An elementwise ABS whose IFM (@ofm false) or OFM (@ofm true) is @fm, in
 * region 1, of @bits precision and @nhcwb16 format; the other feature map
 * is a plain one in region 5.
 */
static void npu_test_build_walk(struct npu_test_stream *s,
				struct npu_test_fm *fm, bool ofm,
				unsigned int bits, bool nhcwb16, const u32 *d)
{
	struct npu_test_fm other = {
		.region = 5, .width0 = d[0], .height0 = d[1],
		.stride_x = d[2], .stride_y = d[0] * d[2], .stride_c = 1,
	};
	u16 format = (nhcwb16 ? NPU_FORMAT_NHCWB16 : NPU_FORMAT_NHWC) << 6;

	s->count = 0;
	fm->region = 1;
	fm->precision = format | bits << (ofm ? 1 : 2);
	npu_test_ofm_shape(s, d[0], d[1], d[2]);
	npu_test_emit_fm(s, &npu_test_ofm, ofm ? fm : &other);
	npu_test_emit_fm(s, &npu_test_ifm, ofm ? &other : fm);
	npu_test_emit(s, NPU_OP_ELEMENTWISE, NPU_EW_ABS);
	npu_test_stop(s);
}

/* Extents of many layouts, against a walk over their elements. */
static void npu_cmdstream_fm_walk(struct kunit *test)
{
	static const u32 dims[][3] = {	/* w, h, c */
		{ 1, 1, 1 }, { 3, 1, 17 }, { 5, 4, 33 }, { 2, 3, 48 },
		{ 4, 2, 16 },
	};
	static const u32 tile0[][2] = { { 1, 1 }, { 2, 3 }, { 16, 16 } };
	static const u64 strides[][3] = {	/* x, y, c */
		{ 0, 0, 0 }, { 1, 7, 3 }, { 64, 500, 40 }, { 20, 3, 1000 },
		{ 16, 128, 16 },
	};
	static const u64 bases[][4] = {
		{ 0, 0x3000, 0x1000, 0x2000 }, { 0x5000, 0x10, 0x20, 0x30 },
	};
	struct npu_cmdstream_info info;
	struct npu_test_stream *s;
	unsigned int i;
	u64 expected;
	int ret;

	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);

	for (i = 0; i < 2 * 2 * 3 * ARRAY_SIZE(dims) * ARRAY_SIZE(tile0) *
			ARRAY_SIZE(strides) * ARRAY_SIZE(bases); i++) {
		unsigned int n = i, bits;
		struct npu_test_fm fm;
		bool ofm, nhcwb16;
		const u64 *st, *b;
		const u32 *d, *t;

		ofm = n % 2;
		n /= 2;
		nhcwb16 = n % 2;
		n /= 2;
		bits = n % 3;
		n /= 3;
		d = dims[n % ARRAY_SIZE(dims)];
		n /= ARRAY_SIZE(dims);
		t = tile0[n % ARRAY_SIZE(tile0)];
		n /= ARRAY_SIZE(tile0);
		st = strides[n % ARRAY_SIZE(strides)];
		b = bases[n / ARRAY_SIZE(strides)];

		fm = (struct npu_test_fm){
			.width0 = t[0], .height0 = t[1],
			.base = { b[0], b[1], b[2], b[3] },
			.stride_x = st[0], .stride_y = st[1], .stride_c = st[2],
		};
		npu_test_build_walk(s, &fm, ofm, bits, nhcwb16, d);
		ret = npu_cmdstream_validate(s->words, 4 * s->count, &info);
		KUNIT_ASSERT_EQ_MSG(test, ret, 0, "layout %u", i);
		expected = npu_test_fm_walk(&fm, nhcwb16, 1 << bits, d);
		KUNIT_ASSERT_EQ_MSG(test, info.region_size[1], expected,
				    "layout %u", i);
	}
}

static struct kunit_case npu_cmdstream_cases[] = {
	KUNIT_CASE_PARAM(npu_cmdstream_valid, npu_test_valid_gen_params),
	KUNIT_CASE_PARAM(npu_cmdstream_invalid, npu_test_invalid_gen_params),
	KUNIT_CASE(npu_cmdstream_fm_walk),
	{}
};

static struct kunit_suite npu_cmdstream_suite = {
	.name = "npu_cmdstream",
	.test_cases = npu_cmdstream_cases,
};

kunit_test_suite(npu_cmdstream_suite);

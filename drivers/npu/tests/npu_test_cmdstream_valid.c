// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 *
 * The NPU command stream validator: the table of valid streams, each
 * with the exact region sizes it needs and the regions it uses and
 * writes. Most invalid cases of npu_test_cmdstream_invalid.c take one
 * of these streams and omit or patch one of its commands.
 */

#include <linux/array_size.h>
#include <linux/bits.h>

#include "npu_test_cmdstream.h"

#define R(r)			BIT(r)

/*
 * Streams. Each comment gives the extents the validator must find, as
 * region: bytes.
 */

/* Only STOP. */
static void npu_test_build_stop(struct npu_test_stream *s)
{
	npu_test_cmdstream_stop(s);
}

/* Copy 0x80 bytes from 0:0x100 to 1:0x40. 0: 0x180, 1: 0xc0. */
static void npu_test_dma_copy(struct npu_test_stream *s)
{
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC_REGION, 0);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC, 0x100);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST_REGION, 1);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST, 0x40);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_LEN, 0x80);
	npu_test_cmdstream_emit(s, NPU_OP_DMA_START, 0);
	npu_test_cmdstream_emit(s, NPU_OP_DMA_WAIT, 0);
}

void npu_test_cmdstream_build_dma(struct npu_test_stream *s)
{
	npu_test_dma_copy(s);
	npu_test_cmdstream_stop(s);
}

/* As npu_test_cmdstream_build_dma(), then a copy to 2:0x40. 2: 0xc0. */
static void npu_test_build_dma_twice(struct npu_test_stream *s)
{
	npu_test_dma_copy(s);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST_REGION, 2);
	npu_test_cmdstream_emit(s, NPU_OP_DMA_START, 0);
	npu_test_cmdstream_stop(s);
}

/*
 * Stride mode 1: 2 rows of 8 bytes from 3:0x10 every 0x20 to 4:0 every
 * 8. 3: 0x10 + 0x20 + 8 = 0x38, 4: 8 + 8 = 0x10.
 */
void npu_test_cmdstream_build_dma_mode1(struct npu_test_stream *s)
{
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC_REGION, 3 | 1 << 9);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST_REGION, 4 | 1 << 9);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC, 0x10);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST, 0);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_LEN, 8);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SIZE0, 2);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC_STRIDE0, 0x20);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST_STRIDE0, 8);
	npu_test_cmdstream_emit(s, NPU_OP_DMA_START, 0);
	npu_test_cmdstream_stop(s);
}

/*
 * Stride mode 2: 2 x 3 rows of 0x10 bytes from 5:0x1000 (strides 0x40,
 * 0x200) to 6:0x20 (strides 0x10, 0x30).
 * 5: 0x1000 + 0x200 + 2 * 0x40 + 0x10 = 0x1290,
 * 6: 0x20 + 0x30 + 2 * 0x10 + 0x10 = 0x80.
 */
void npu_test_cmdstream_build_dma_mode2(struct npu_test_stream *s)
{
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC_REGION, 5 | 2 << 9);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST_REGION, 6 | 2 << 9);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC, 0x1000);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST, 0x20);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_LEN, 0x10);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SIZE0, 3);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SIZE1, 2);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC_STRIDE0, 0x40);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC_STRIDE1, 0x200);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST_STRIDE0, 0x10);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST_STRIDE1, 0x30);
	npu_test_cmdstream_emit(s, NPU_OP_DMA_START, 0);
	npu_test_cmdstream_stop(s);
}

/*
 * Elementwise ADD of 4 x 3 x 5 int8 NHWC feature maps (strides x 5,
 * y 20): IFM at 1:0x20, IFM2 at 3:0x30, OFM at 4:0x10.
 * 1: 0x20 + 60 = 0x5c, 3: 0x30 + 60 = 0x6c, 4: 0x10 + 60 = 0x4c.
 */
static void npu_test_ew_fms(struct npu_test_stream *s, bool ifm2)
{
	npu_test_cmdstream_ofm_shape(s, 4, 3, 5);
	npu_test_cmdstream_ofm(s, &(struct npu_test_fm){
		.region = 4, .width0 = 4, .height0 = 3, .base = { 0x10 },
		.stride_x = 5, .stride_y = 20, .stride_c = 1 });
	npu_test_cmdstream_ifm(s, &(struct npu_test_fm){
		.region = 1, .width0 = 4, .height0 = 3, .base = { 0x20 },
		.stride_x = 5, .stride_y = 20, .stride_c = 1 });
	if (ifm2)
		npu_test_cmdstream_ifm2(s, &(struct npu_test_fm){
			.region = 3, .width0 = 4, .height0 = 3,
			.base = { 0x30 }, .stride_x = 5, .stride_y = 20,
			.stride_c = 1 });
	/* Values only: they move no access. */
	npu_test_cmdstream_emit(s, NPU_SET_IFM_ZERO_POINT, 0);
	npu_test_cmdstream_emit(s, NPU_SET_OFM_ZERO_POINT, 0);
	npu_test_cmdstream_emit(s, NPU_SET_ACTIVATION, 0);
	npu_test_cmdstream_emit(s, NPU_SET_ACTIVATION_MIN, 0xff80);
	npu_test_cmdstream_emit(s, NPU_SET_ACTIVATION_MAX, 0x7f);
	npu_test_cmdstream_emit(s, NPU_SET_OPA_SCALE, 1);
	npu_test_cmdstream_emit(s, NPU_SET_OFM_SCALE, 1);
}

void npu_test_cmdstream_build_ew(struct npu_test_stream *s)
{
	npu_test_ew_fms(s, true);
	npu_test_cmdstream_emit(s, NPU_SET_IFM2_BROADCAST, 0);
	npu_test_cmdstream_emit(s, NPU_OP_ELEMENTWISE, NPU_EW_ADD);
	npu_test_cmdstream_stop(s);
}

/* ADD of the IFM and a scalar: no IFM2 state at all. 1: 0x5c, 4: 0x4c. */
static void npu_test_build_ew_scalar(struct npu_test_stream *s)
{
	npu_test_ew_fms(s, false);
	npu_test_cmdstream_emit(s, NPU_SET_IFM2_BROADCAST,
				NPU_IFM2_BCAST_SCALAR);
	npu_test_cmdstream_emit(s, NPU_SET_IFM2_SCALAR, 3);
	npu_test_cmdstream_emit(s, NPU_OP_ELEMENTWISE, NPU_EW_ADD);
	npu_test_cmdstream_stop(s);
}

/*
 * ABS of a 6 x 5 x 2 int8 IFM at 1:0 (strides x 2, y 12; 1: 60 = 0x3c)
 * into an OFM in four tiles of region 4: tile 0 is 4 x 3. Strides x 2,
 * y 0x40; bases 0, 0x1000, 0x2000, 0x800. The last element of each tile:
 * tile 0: 2 * 0x40 + 3 * 2 + 1 + 1 = 0x88, tile 1: 0x1000 + 0x80 + 2 +
 * 2 = 0x1084, tile 2: 0x2000 + 0x40 + 6 + 2 = 0x2048, tile 3: 0x800 +
 * 0x40 + 2 + 2 = 0x844. 4: 0x2048.
 */
void npu_test_cmdstream_build_tiles(struct npu_test_stream *s)
{
	npu_test_cmdstream_ofm_shape(s, 6, 5, 2);
	npu_test_cmdstream_ofm(s, &(struct npu_test_fm){
		.region = 4, .width0 = 4, .height0 = 3,
		.base = { 0, 0x1000, 0x2000, 0x800 },
		.stride_x = 2, .stride_y = 0x40, .stride_c = 1 });
	npu_test_cmdstream_ifm(s, &(struct npu_test_fm){
		.region = 1, .width0 = 6, .height0 = 5,
		.stride_x = 2, .stride_y = 12, .stride_c = 1 });
	npu_test_cmdstream_emit(s, NPU_OP_ELEMENTWISE, NPU_EW_ABS);
	npu_test_cmdstream_stop(s);
}

/*
 * ABS of a 2 x 2 x 20 NHCWB16 int8 IFM at 1:0 (strides x 16, y 32, c 4)
 * into a 16-bit NHCWB16 OFM at 4:0x100 (strides x 32, y 64, c 8). The
 * blocks of 16 channels are closer than 16 elements, so the highest
 * channel offset is at c = 15, not c = 19.
 * 1: 32 + 16 + max(4 + 3, 15) + 1 = 0x40,
 * 4: 0x100 + 64 + 32 + max(8 + 3 * 2, 15 * 2) + 2 = 0x180.
 */
void npu_test_cmdstream_build_nhcwb16(struct npu_test_stream *s)
{
	npu_test_cmdstream_ofm_shape(s, 2, 2, 20);
	npu_test_cmdstream_ofm(s, &(struct npu_test_fm){
		.region = 4, .width0 = 2, .height0 = 2, .base = { 0x100 },
		.precision = NPU_FORMAT_NHCWB16 << 6 | 1 << 1,
		.stride_x = 32, .stride_y = 64, .stride_c = 8 });
	npu_test_cmdstream_ifm(s, &(struct npu_test_fm){
		.region = 1, .width0 = 2, .height0 = 2,
		.precision = NPU_FORMAT_NHCWB16 << 6,
		.stride_x = 16, .stride_y = 32, .stride_c = 4 });
	npu_test_cmdstream_emit(s, NPU_OP_ELEMENTWISE, NPU_EW_ABS);
	npu_test_cmdstream_stop(s);
}

/*
 * MAX pooling 3 x 3, stride 1, padding 1, of a 4 x 4 x 8 int8 IFM at 1:0
 * (strides x 8, y 32; one 16 x 16 tile) into a 4 x 4 x 8 OFM at 2:0.
 * IFM width (4 - 1) + (3 - 1) + 1 - 2 = 4. 1: 0x80, 2: 0x80.
 */
static void npu_test_pool_stream(struct npu_test_stream *s, u64 ifm_stride_x,
				 u64 ifm_stride_y)
{
	npu_test_cmdstream_ofm_shape(s, 4, 4, 8);
	npu_test_cmdstream_ofm(s, &(struct npu_test_fm){
		.region = 2, .width0 = 4, .height0 = 4,
		.stride_x = 8, .stride_y = 32, .stride_c = 1 });
	npu_test_cmdstream_ifm(s, &(struct npu_test_fm){
		.region = 1, .width0 = 16, .height0 = 16,
		.stride_x = ifm_stride_x, .stride_y = ifm_stride_y,
		.stride_c = 1 });
	npu_test_cmdstream_kernel(s, 3, 0, 1);
	npu_test_cmdstream_emit(s, NPU_OP_POOL, NPU_POOL_MAX);
	npu_test_cmdstream_stop(s);
}

void npu_test_cmdstream_build_pool(struct npu_test_stream *s)
{
	npu_test_pool_stream(s, 8, 32);
}

/*
 * As npu_test_cmdstream_build_pool(), over an IFM whose rows and columns
 * all alias (1: 8). With strides of 0, a wrapped IFM size multiplies to
 * nothing: only the padding check refuses it.
 */
void npu_test_cmdstream_build_pool_flat(struct npu_test_stream *s)
{
	npu_test_pool_stream(s, 0, 0);
}

/*
 * CONV 3 x 3, stride 1, no padding, of a 4 x 4 x 3 int8 IFM at 1:0
 * (strides x 3, y 12; 1: 0x30) into a 2 x 2 x 4 OFM at 4:0 (strides x 4,
 * y 8; 4: 0x10). Weights 4 * 3 * 3 * 3 = 108 bytes at 0:0x100 (0: 0x16c),
 * scales 4 * 10 bytes at 6:0x40 (6: 0x68).
 */
void npu_test_cmdstream_conv_stream(struct npu_test_stream *s, u32 ofm_c,
				    u32 ifm_c, u32 k)
{
	npu_test_cmdstream_ofm_shape(s, 2, 2, ofm_c);
	npu_test_cmdstream_ofm(s, &(struct npu_test_fm){
		.region = 4, .width0 = 2, .height0 = 2,
		.stride_x = 4, .stride_y = 8, .stride_c = 1 });
	npu_test_cmdstream_ifm(s, &(struct npu_test_fm){
		.region = 1, .width0 = 0x10000, .height0 = 0x10000,
		.stride_x = 3, .stride_y = 12, .stride_c = 1 });
	npu_test_cmdstream_emit(s, NPU_SET_IFM_DEPTH_M1, ifm_c - 1);
	npu_test_cmdstream_kernel(s, k, 0, 0);
	npu_test_cmdstream_weights(s, 0, 0x100, 108);
	npu_test_cmdstream_scales(s, 6, 0x40, ofm_c * NPU_SCALE_RECORD_SIZE);
	npu_test_cmdstream_emit(s, NPU_OP_CONV, 0);
	npu_test_cmdstream_stop(s);
}

void npu_test_cmdstream_build_conv(struct npu_test_stream *s)
{
	npu_test_cmdstream_conv_stream(s, 4, 3, 3);
}

/*
 * DEPTHWISE 3 x 3, stride 1, padding 1, of a 3 x 3 x 8 int8 IFM at 1:8
 * (strides x 8, y 24; 1: 8 + 48 + 16 + 8 = 0x50) into a 3 x 3 x 8 OFM at
 * 4:0 (4: 0x48). Weights 3 * 3 * 8 = 72 bytes at 0:0 and scales 80 bytes
 * at 0:0x80 share region 0: 0xd0.
 */
void npu_test_cmdstream_build_depthwise(struct npu_test_stream *s)
{
	npu_test_cmdstream_ofm_shape(s, 3, 3, 8);
	npu_test_cmdstream_ofm(s, &(struct npu_test_fm){
		.region = 4, .width0 = 3, .height0 = 3,
		.stride_x = 8, .stride_y = 24, .stride_c = 1 });
	npu_test_cmdstream_ifm(s, &(struct npu_test_fm){
		.region = 1, .width0 = 3, .height0 = 3, .base = { 8 },
		.stride_x = 8, .stride_y = 24, .stride_c = 1 });
	npu_test_cmdstream_kernel(s, 3, 0, 1);
	npu_test_cmdstream_weights(s, 0, 0, 72);
	npu_test_cmdstream_scales(s, 0, 0x80, 80);
	npu_test_cmdstream_emit(s, NPU_OP_DEPTHWISE, 0);
	npu_test_cmdstream_stop(s);
}

/* A CMD1 whose payload reads as STOP, then a STOP. */
static void npu_test_build_payload_then_stop(struct npu_test_stream *s)
{
	npu_test_cmdstream_word(s, NPU_SET_DMA0_LEN);
	npu_test_cmdstream_word(s, NPU_OP_STOP);
	npu_test_cmdstream_stop(s);
}

/*
 * Codes the validator does not know: an operation, a state and a CMD1
 * whose payload reads as STOP.
 */
static void npu_test_build_unknown(struct npu_test_stream *s)
{
	npu_test_cmdstream_word(s, 0x00ff);
	npu_test_cmdstream_word(s, 0x1234017e);
	npu_test_cmdstream_word(s, 0x000040f0);
	npu_test_cmdstream_word(s, NPU_OP_STOP);
	npu_test_cmdstream_stop(s);
}

const struct npu_test_case npu_test_cmdstream_valid_cases[] = {
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
		.build = npu_test_cmdstream_build_dma,
		.region_size = { [0] = 0x180, [1] = 0xc0 },
		.used = R(0) | R(1), .output = R(1),
	}, {
		.name = "dma twice, state kept between operations",
		.build = npu_test_build_dma_twice,
		.region_size = { [0] = 0x180, [1] = 0xc0, [2] = 0xc0 },
		.used = R(0) | R(1) | R(2), .output = R(1) | R(2),
	}, {
		.name = "dma 40-bit source address (shift overflow)",
		.build = npu_test_cmdstream_build_dma,
		.patch = CMD(NPU_SET_DMA0_SRC), .value = 0x100000100ull,
		.region_size = { [0] = 0x100000180ull, [1] = 0xc0 },
		.used = R(0) | R(1), .output = R(1),
	}, {
		.name = "dma ending at 2^40",
		.build = npu_test_cmdstream_build_dma,
		.patch = CMD(NPU_SET_DMA0_SRC), .value = BIT_ULL(40) - 0x80,
		.region_size = { [0] = BIT_ULL(40), [1] = 0xc0 },
		.used = R(0) | R(1), .output = R(1),
	}, {
		.name = "dma mode 1",
		.build = npu_test_cmdstream_build_dma_mode1,
		.region_size = { [3] = 0x38, [4] = 0x10 },
		.used = R(3) | R(4), .output = R(4),
	}, {
		.name = "dma mode 1 in the source region param only",
		.build = npu_test_cmdstream_build_dma_mode1,
		.patch = CMD(NPU_SET_DMA0_DST_REGION), .value = 4,
		.region_size = { [3] = 0x38, [4] = 0x10 },
		.used = R(3) | R(4), .output = R(4),
	}, {
		.name = "dma mode 1 in the destination region param only",
		.build = npu_test_cmdstream_build_dma_mode1,
		.patch = CMD(NPU_SET_DMA0_SRC_REGION), .value = 3,
		.region_size = { [3] = 0x38, [4] = 0x10 },
		.used = R(3) | R(4), .output = R(4),
	}, {
		.name = "dma mode 1 with no rows touches nothing",
		.build = npu_test_cmdstream_build_dma_mode1,
		.patch = CMD(NPU_SET_DMA0_SIZE0), .value = 0,
		.used = R(3) | R(4), .output = R(4),
	}, {
		.name = "dma mode 2",
		.build = npu_test_cmdstream_build_dma_mode2,
		.region_size = { [5] = 0x1290, [6] = 0x80 },
		.used = R(5) | R(6), .output = R(6),
	}, {
		.name = "dma mode 2 with no planes touches nothing",
		.build = npu_test_cmdstream_build_dma_mode2,
		.patch = CMD(NPU_SET_DMA0_SIZE1), .value = 0,
		.used = R(5) | R(6), .output = R(6),
	}, {
		.name = "elementwise add",
		.build = npu_test_cmdstream_build_ew,
		.region_size = { [1] = 0x5c, [3] = 0x6c, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "elementwise NHWC needs no IFM stride C",
		.build = npu_test_cmdstream_build_ew,
		.omit = CMD(NPU_SET_IFM_STRIDE_C),
		.region_size = { [1] = 0x5c, [3] = 0x6c, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "elementwise IFM2 broadcast in H and W",
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_IFM2_BROADCAST),
		.value = NPU_IFM2_BCAST_H | NPU_IFM2_BCAST_W,
		.region_size = { [1] = 0x5c, [3] = 0x35, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "elementwise IFM2 broadcast in C",
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_IFM2_BROADCAST), .value = NPU_IFM2_BCAST_C,
		.region_size = { [1] = 0x5c, [3] = 0x68, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "elementwise scalar does not account the IFM2",
		.build = npu_test_cmdstream_build_ew,
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
		.build = npu_test_cmdstream_build_ew,
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
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_IFM_PRECISION), .value = 1 << 2,
		.region_size = { [1] = 0x61, [3] = 0x6c, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "element size: 32-bit IFM2 counts 4 bytes",
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_IFM2_PRECISION), .value = 2 << 2,
		.region_size = { [1] = 0x5c, [3] = 0x7b, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "element size: IFM bits [2:1] are not its size",
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_IFM_PRECISION), .value = 1 << 1,
		.region_size = { [1] = 0x5c, [3] = 0x6c, [4] = 0x4c },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "element size: 16-bit OFM counts 2 bytes",
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_OFM_PRECISION), .value = 1 << 1,
		.region_size = { [1] = 0x5c, [3] = 0x6c, [4] = 0x51 },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "element size: 32-bit OFM counts 4 bytes",
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_OFM_PRECISION), .value = 2 << 1,
		.region_size = { [1] = 0x5c, [3] = 0x6c, [4] = 0x5b },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "feature map 40-bit base (shift overflow)",
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_OFM_BASE0), .value = 0x1234567800ull,
		.region_size = { [1] = 0x5c, [3] = 0x6c,
				 [4] = 0x123456783cull },
		.used = R(1) | R(3) | R(4), .output = R(4),
	}, {
		.name = "four tiles",
		.build = npu_test_cmdstream_build_tiles,
		.region_size = { [1] = 0x3c, [4] = 0x2048 },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "four tiles, tile 1 highest",
		.build = npu_test_cmdstream_build_tiles,
		.patch = CMD(NPU_SET_OFM_BASE2), .value = 0,
		.region_size = { [1] = 0x3c, [4] = 0x1084 },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "two tiles need no base for tile 3",
		.build = npu_test_cmdstream_build_tiles,
		.omit = CMD(NPU_SET_OFM_BASE3),
		.patch = CMD(NPU_SET_OFM_HEIGHT_M1), .value = 2,
		.region_size = { [1] = 0x24, [4] = 0x1084 },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "NHCWB16 highest channel before the last block",
		.build = npu_test_cmdstream_build_nhcwb16,
		.region_size = { [1] = 0x40, [4] = 0x180 },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "NHCWB16 highest channel in the last block",
		.build = npu_test_cmdstream_build_nhcwb16,
		.patch = CMD(NPU_SET_IFM_STRIDE_C), .value = 0x100,
		.region_size = { [1] = 0x134, [4] = 0x180 },
		.used = R(1) | R(4), .output = R(4),
	}, {
		.name = "pool with padding",
		.build = npu_test_cmdstream_build_pool,
		.region_size = { [1] = 0x80, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool reduce sum",
		.build = npu_test_cmdstream_build_pool,
		.patch = CMD(NPU_OP_POOL), .value = NPU_POOL_REDUCE_SUM,
		.region_size = { [1] = 0x80, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool stride 2",
		.build = npu_test_cmdstream_build_pool,
		.patch = CMD(NPU_SET_KERNEL_STRIDE), .value = 0x3,
		.region_size = { [1] = 0xf8, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool stride 3 in x (high stride bit)",
		.build = npu_test_cmdstream_build_pool,
		.patch = CMD(NPU_SET_KERNEL_STRIDE), .value = 1 << 6,
		.region_size = { [1] = 0xb0, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool dilation 2",
		.build = npu_test_cmdstream_build_pool,
		.patch = CMD(NPU_SET_KERNEL_STRIDE), .value = 0x18,
		.region_size = { [1] = 0xd0, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool padding leaves one IFM column",
		.build = npu_test_cmdstream_build_pool,
		.patch = CMD(NPU_SET_IFM_PAD_LEFT), .value = 4,
		.region_size = { [1] = 0x68, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool over an IFM with zero strides",
		.build = npu_test_cmdstream_build_pool_flat,
		.region_size = { [1] = 8, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "pool needs no IFM base for an unused tile",
		.build = npu_test_cmdstream_build_pool,
		.omit = CMD(NPU_SET_IFM_BASE1),
		.region_size = { [1] = 0x80, [2] = 0x80 },
		.used = R(1) | R(2), .output = R(2),
	}, {
		.name = "conv with per-channel scales",
		.build = npu_test_cmdstream_build_conv,
		.region_size = { [0] = 0x16c, [1] = 0x30, [4] = 0x10,
				 [6] = 0x68 },
		.used = R(0) | R(1) | R(4) | R(6), .output = R(4),
	}, {
		.name = "conv with global scale reads no scales",
		.build = npu_test_cmdstream_build_conv,
		.patch = CMD(NPU_SET_OFM_PRECISION),
		.value = BIT(8),
		.region_size = { [0] = 0x16c, [1] = 0x30, [4] = 0x10 },
		.used = R(0) | R(1) | R(4), .output = R(4),
	}, {
		.name = "conv with global scale needs no scale region",
		.build = npu_test_cmdstream_build_conv,
		.omit = CMD(NPU_SET_SCALE_REGION),
		.patch = CMD(NPU_SET_OFM_PRECISION), .value = BIT(8),
		.region_size = { [0] = 0x16c, [1] = 0x30, [4] = 0x10 },
		.used = R(0) | R(1) | R(4), .output = R(4),
	}, {
		.name = "conv weights extent is base + length",
		.build = npu_test_cmdstream_build_conv,
		.patch = CMD(NPU_SET_WEIGHT_LENGTH), .value = 0x200,
		.region_size = { [0] = 0x300, [1] = 0x30, [4] = 0x10,
				 [6] = 0x68 },
		.used = R(0) | R(1) | R(4) | R(6), .output = R(4),
	}, {
		.name = "depthwise with per-channel scales",
		.build = npu_test_cmdstream_build_depthwise,
		.region_size = { [0] = 0xd0, [1] = 0x50, [4] = 0x48 },
		.used = R(0) | R(1) | R(4), .output = R(4),
	}, {
		.name = "depthwise with global scale",
		.build = npu_test_cmdstream_build_depthwise,
		.patch = CMD(NPU_SET_OFM_PRECISION), .value = BIT(8),
		.region_size = { [0] = 0x48, [1] = 0x50, [4] = 0x48 },
		.used = R(0) | R(1) | R(4), .output = R(4),
	},
};

const unsigned int npu_test_cmdstream_valid_count =
	ARRAY_SIZE(npu_test_cmdstream_valid_cases);

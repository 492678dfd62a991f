// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 *
 * The NPU command stream validator: the table of invalid streams, each
 * named after the reason it must be refused. Every bug of the upstream
 * ethosu validator has a case of its own.
 */

#include <linux/array_size.h>
#include <linux/bits.h>

#include "npu_test_cmdstream.h"

/* Nothing at all. */
static void npu_test_build_empty(struct npu_test_stream *s)
{
}

/* DMA0_LEN comes after the DMA that reads it. */
static void npu_test_build_dma_len_late(struct npu_test_stream *s)
{
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC_REGION, 0);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC, 0x100);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST_REGION, 1);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST, 0x40);
	npu_test_cmdstream_emit(s, NPU_OP_DMA_START, 0);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_LEN, 0x80);
	npu_test_cmdstream_stop(s);
}

/*
 * Stride mode 2 with the largest counts and positive strides: the source
 * reaches about 2^55 bytes, past what 40-bit addresses reach.
 */
static void npu_test_build_dma_huge(struct npu_test_stream *s)
{
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC_REGION, 0 | 2 << 9);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST_REGION, 1 | 2 << 9);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC, 0);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST, 0);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_LEN, 0xffffffff);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SIZE0, 0xffff);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SIZE1, 0xffff);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC_STRIDE0, BIT_ULL(39) - 1);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_SRC_STRIDE1, BIT_ULL(39) - 1);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST_STRIDE0, 0);
	npu_test_cmdstream_emit(s, NPU_SET_DMA0_DST_STRIDE1, 0);
	npu_test_cmdstream_emit(s, NPU_OP_DMA_START, 0);
	npu_test_cmdstream_stop(s);
}

/*
 * A CONV of 65536 output and 65536 input channels with a 65536 x 65536
 * kernel needs 2^64 bytes of weights: the count overflows 64 bits, and
 * would wrap to 0 and pass a WEIGHT_LENGTH of 108.
 */
static void npu_test_build_conv_huge(struct npu_test_stream *s)
{
	npu_test_cmdstream_conv_stream(s, 0x10000, 0x10000, 0x10000);
}

/* A STOP, then a whole valid stream. */
static void npu_test_build_stop_first(struct npu_test_stream *s)
{
	npu_test_cmdstream_stop(s);
	npu_test_cmdstream_build_dma(s);
}

/* A valid stream, then a word after its STOP. */
static void npu_test_build_after_stop(struct npu_test_stream *s)
{
	npu_test_cmdstream_build_dma(s);
	npu_test_cmdstream_emit(s, NPU_OP_DMA_WAIT, 0);
}

/* The header of a CMD1 is the last word: its payload is past the end. */
static void npu_test_build_cmd1_straddles(struct npu_test_stream *s)
{
	npu_test_cmdstream_emit(s, NPU_OP_DMA_WAIT, 0);
	npu_test_cmdstream_word(s, NPU_SET_DMA0_LEN);
}

/* A CMD1 whose payload reads as STOP, and nothing after it. */
static void npu_test_build_stop_in_payload(struct npu_test_stream *s)
{
	npu_test_cmdstream_word(s, NPU_SET_DMA0_LEN);
	npu_test_cmdstream_word(s, NPU_OP_STOP);
}

/* Two bytes past the end of a valid stream. */
static void npu_test_build_long_size(struct npu_test_stream *s)
{
	npu_test_cmdstream_build_dma(s);
	s->size_adjust = 2;
}

/* Two bytes short of a valid stream. */
static void npu_test_build_short_size(struct npu_test_stream *s)
{
	npu_test_cmdstream_build_dma(s);
	s->size_adjust = -2;
}

const struct npu_test_case npu_test_cmdstream_invalid_cases[] = {
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
		.build = npu_test_cmdstream_build_dma,
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
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_IFM_REGION), .value = 0x7f,
	}, {
		.name = "OFM region 8",
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_OFM_REGION), .value = 8,
	}, {
		.name = "scale region 8",
		.build = npu_test_cmdstream_build_conv,
		.patch = CMD(NPU_SET_SCALE_REGION), .value = 8,
	}, {
		.name = "dma source region 8",
		.build = npu_test_cmdstream_build_dma,
		.patch = CMD(NPU_SET_DMA0_SRC_REGION), .value = 8,
	}, {
		.name = "dma internal memory",
		.build = npu_test_cmdstream_build_dma,
		.patch = CMD(NPU_SET_DMA0_DST_REGION),
		.value = NPU_DMA_REGION_INTERNAL | 1,
	}, {
		.name = "dma stride mode 3",
		.build = npu_test_cmdstream_build_dma_mode1,
		.patch = CMD(NPU_SET_DMA0_SRC_REGION), .value = 3 | 3 << 9,
	}, {
		.name = "dma_length overflow (extent past 2^40)",
		.build = npu_test_build_dma_huge,
	}, {
		.name = "dma ending one byte past 2^40",
		.build = npu_test_cmdstream_build_dma,
		.patch = CMD(NPU_SET_DMA0_SRC), .value = BIT_ULL(40) - 0x7f,
	}, {
		.name = "dma negative source stride",
		.build = npu_test_cmdstream_build_dma_mode1,
		.patch = CMD(NPU_SET_DMA0_SRC_STRIDE0),
		.value = BIT_ULL(39) | 0x20,
	}, {
		.name = "dma negative destination outer stride",
		.build = npu_test_cmdstream_build_dma_mode2,
		.patch = CMD(NPU_SET_DMA0_DST_STRIDE1),
		.value = BIT_ULL(39) | 0x30,
	}, {
		.name = "dma uninitialised DMA0_LEN",
		.build = npu_test_cmdstream_build_dma,
		.omit = CMD(NPU_SET_DMA0_LEN),
	}, {
		.name = "dma DMA0_LEN set after the DMA",
		.build = npu_test_build_dma_len_late,
	}, {
		.name = "dma missing source address",
		.build = npu_test_cmdstream_build_dma,
		.omit = CMD(NPU_SET_DMA0_SRC),
	}, {
		.name = "dma missing destination region",
		.build = npu_test_cmdstream_build_dma,
		.omit = CMD(NPU_SET_DMA0_DST_REGION),
	}, {
		.name = "dma mode 1 missing destination stride",
		.build = npu_test_cmdstream_build_dma_mode1,
		.omit = CMD(NPU_SET_DMA0_DST_STRIDE0),
	}, {
		.name = "dma mode 2 missing outer count",
		.build = npu_test_cmdstream_build_dma_mode2,
		.omit = CMD(NPU_SET_DMA0_SIZE1),
	}, {
		.name = "elementwise mode above SHL",
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_OP_ELEMENTWISE), .value = NPU_EW_SHL + 1,
	}, {
		.name = "elementwise missing IFM2 base",
		.build = npu_test_cmdstream_build_ew,
		.omit = CMD(NPU_SET_IFM2_BASE0),
	}, {
		.name = "elementwise missing IFM2 broadcast",
		.build = npu_test_cmdstream_build_ew,
		.omit = CMD(NPU_SET_IFM2_BROADCAST),
	}, {
		.name = "elementwise missing IFM precision",
		.build = npu_test_cmdstream_build_ew,
		.omit = CMD(NPU_SET_IFM_PRECISION),
	}, {
		.name = "elementwise missing OFM stride Y",
		.build = npu_test_cmdstream_build_ew,
		.omit = CMD(NPU_SET_OFM_STRIDE_Y),
	}, {
		.name = "elementwise missing OFM depth",
		.build = npu_test_cmdstream_build_ew,
		.omit = CMD(NPU_SET_OFM_DEPTH_M1),
	}, {
		.name = "IFM precision 3",
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_IFM_PRECISION), .value = 3 << 2,
	}, {
		.name = "OFM precision 3",
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_OFM_PRECISION), .value = 3 << 1,
	}, {
		.name = "IFM2 format 2",
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_IFM2_PRECISION), .value = 2 << 6,
	}, {
		.name = "OFM format 3",
		.build = npu_test_cmdstream_build_ew,
		.patch = CMD(NPU_SET_OFM_PRECISION), .value = 3 << 6,
	}, {
		.name = "IFM negative stride",
		.build = npu_test_cmdstream_build_nhcwb16,
		.patch = CMD(NPU_SET_IFM_STRIDE_Y), .value = BIT_ULL(39) | 32,
	}, {
		.name = "NHCWB16 missing stride C",
		.build = npu_test_cmdstream_build_nhcwb16,
		.omit = CMD(NPU_SET_IFM_STRIDE_C),
	}, {
		.name = "tile 3 used without its base",
		.build = npu_test_cmdstream_build_tiles,
		.omit = CMD(NPU_SET_OFM_BASE3),
	}, {
		.name = "pool mode 3",
		.build = npu_test_cmdstream_build_pool,
		.patch = CMD(NPU_OP_POOL), .value = 3,
	}, {
		.name = "pool IFM width underflow from padding",
		.build = npu_test_cmdstream_build_pool_flat,
		.patch = CMD(NPU_SET_IFM_PAD_LEFT), .value = 5,
	}, {
		.name = "pool IFM height underflow from padding",
		.build = npu_test_cmdstream_build_pool_flat,
		.patch = CMD(NPU_SET_IFM_PAD_BOTTOM), .value = 0xffff,
	}, {
		.name = "pool missing kernel stride",
		.build = npu_test_cmdstream_build_pool,
		.omit = CMD(NPU_SET_KERNEL_STRIDE),
	}, {
		.name = "pool missing kernel height",
		.build = npu_test_cmdstream_build_pool,
		.omit = CMD(NPU_SET_KERNEL_HEIGHT_M1),
	}, {
		.name = "pool missing top padding",
		.build = npu_test_cmdstream_build_pool,
		.omit = CMD(NPU_SET_IFM_PAD_TOP),
	}, {
		.name = "pool missing IFM base",
		.build = npu_test_cmdstream_build_pool,
		.omit = CMD(NPU_SET_IFM_BASE0),
	}, {
		.name = "conv weights from IFM2",
		.build = npu_test_cmdstream_build_conv,
		.patch = CMD(NPU_OP_CONV), .value = NPU_CONV_WEIGHTS_IFM2,
	}, {
		.name = "conv weights shorter than the kernel",
		.build = npu_test_cmdstream_build_conv,
		.patch = CMD(NPU_SET_WEIGHT_LENGTH), .value = 107,
	}, {
		.name = "conv scales shorter than the channels",
		.build = npu_test_cmdstream_build_conv,
		.patch = CMD(NPU_SET_SCALE_LENGTH), .value = 39,
	}, {
		.name = "conv weight count overflow",
		.build = npu_test_build_conv_huge,
		.patch = CMD(NPU_SET_WEIGHT_LENGTH), .value = 0,
	}, {
		.name = "conv missing IFM depth",
		.build = npu_test_cmdstream_build_conv,
		.omit = CMD(NPU_SET_IFM_DEPTH_M1),
	}, {
		.name = "conv missing weight base",
		.build = npu_test_cmdstream_build_conv,
		.omit = CMD(NPU_SET_WEIGHT_BASE),
	}, {
		.name = "conv missing scale length",
		.build = npu_test_cmdstream_build_conv,
		.omit = CMD(NPU_SET_SCALE_LENGTH),
	}, {
		.name = "depthwise weights shorter than the kernel",
		.build = npu_test_cmdstream_build_depthwise,
		.patch = CMD(NPU_SET_WEIGHT_LENGTH), .value = 71,
	}, {
		.name = "depthwise scales shorter than the channels",
		.build = npu_test_cmdstream_build_depthwise,
		.patch = CMD(NPU_SET_SCALE_LENGTH), .value = 79,
	}, {
		.name = "depthwise missing weight length",
		.build = npu_test_cmdstream_build_depthwise,
		.omit = CMD(NPU_SET_WEIGHT_LENGTH),
	}, {
		.name = "depthwise missing scale base",
		.build = npu_test_cmdstream_build_depthwise,
		.omit = CMD(NPU_SET_SCALE_BASE),
	}, {
		.name = "depthwise missing kernel width",
		.build = npu_test_cmdstream_build_depthwise,
		.omit = CMD(NPU_SET_KERNEL_WIDTH_M1),
	},
};

const unsigned int npu_test_cmdstream_invalid_count =
	ARRAY_SIZE(npu_test_cmdstream_invalid_cases);

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright © 2026 The drm_dep authors
 *
 * The builder of the command streams of the validator tests, and the
 * tables of valid and invalid streams it runs.
 */

#ifndef _NPU_TEST_CMDSTREAM_H_
#define _NPU_TEST_CMDSTREAM_H_

#include <linux/bits.h>
#include <linux/types.h>

#include "npu_cmdstream.h"

#define NPU_TEST_WORDS		128

/* Selects the command @code in npu_test_case::omit and ::patch. */
#define CMD(code)		(BIT(16) | (code))

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

/* The builder, in npu_test_cmdstream.c. */
void npu_test_cmdstream_word(struct npu_test_stream *s, u32 word);
void npu_test_cmdstream_emit(struct npu_test_stream *s, u16 code, u64 value);
void npu_test_cmdstream_stop(struct npu_test_stream *s);
void npu_test_cmdstream_ifm(struct npu_test_stream *s,
			    const struct npu_test_fm *fm);
void npu_test_cmdstream_ifm2(struct npu_test_stream *s,
			     const struct npu_test_fm *fm);
void npu_test_cmdstream_ofm(struct npu_test_stream *s,
			    const struct npu_test_fm *fm);
void npu_test_cmdstream_ofm_shape(struct npu_test_stream *s, u32 w, u32 h,
				  u32 c);
void npu_test_cmdstream_kernel(struct npu_test_stream *s, u32 k, u16 kstride,
			       u16 pad);
void npu_test_cmdstream_weights(struct npu_test_stream *s, u8 region,
				u64 base, u64 len);
void npu_test_cmdstream_scales(struct npu_test_stream *s, u8 region,
			       u64 base, u64 len);

/*
 * Valid streams that the invalid cases break, in
 * npu_test_cmdstream_valid.c.
 */
void npu_test_cmdstream_build_dma(struct npu_test_stream *s);
void npu_test_cmdstream_build_dma_mode1(struct npu_test_stream *s);
void npu_test_cmdstream_build_dma_mode2(struct npu_test_stream *s);
void npu_test_cmdstream_build_ew(struct npu_test_stream *s);
void npu_test_cmdstream_build_tiles(struct npu_test_stream *s);
void npu_test_cmdstream_build_nhcwb16(struct npu_test_stream *s);
void npu_test_cmdstream_build_pool(struct npu_test_stream *s);
void npu_test_cmdstream_build_pool_flat(struct npu_test_stream *s);
void npu_test_cmdstream_conv_stream(struct npu_test_stream *s, u32 ofm_c,
				    u32 ifm_c, u32 k);
void npu_test_cmdstream_build_conv(struct npu_test_stream *s);
void npu_test_cmdstream_build_depthwise(struct npu_test_stream *s);

/* The tables, in npu_test_cmdstream_valid.c and _invalid.c. */
extern const struct npu_test_case npu_test_cmdstream_valid_cases[];
extern const unsigned int npu_test_cmdstream_valid_count;
extern const struct npu_test_case npu_test_cmdstream_invalid_cases[];
extern const unsigned int npu_test_cmdstream_invalid_count;

#endif /* _NPU_TEST_CMDSTREAM_H_ */

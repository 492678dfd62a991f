// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 *
 * The NPU command stream validator: the stream builder, the runners of
 * the tables of valid streams (npu_test_cmdstream_valid.c) and of
 * invalid streams (npu_test_cmdstream_invalid.c), and a brute-force walk
 * over the elements of many feature map layouts that checks the computed
 * extents.
 */

#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/array_size.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "npu_test_cmdstream.h"

void npu_test_cmdstream_word(struct npu_test_stream *s, u32 word)
{
	if (s->count < NPU_TEST_WORDS)
		s->words[s->count] = cpu_to_le32(word);
	s->count++;
}

/* Emit @code with @value: a 16-bit parameter, or a 40-bit CMD1 payload. */
void npu_test_cmdstream_emit(struct npu_test_stream *s, u16 code, u64 value)
{
	if (s->tc && s->tc->omit == CMD(code))
		return;
	if (s->tc && s->tc->patch == CMD(code))
		value = s->tc->value;

	if (NPU_CMD_IS_CMD1(code)) {
		npu_test_cmdstream_word(s, code |
					(upper_32_bits(value) & 0xff) << 16);
		npu_test_cmdstream_word(s, lower_32_bits(value));
	} else {
		npu_test_cmdstream_word(s, code | (u32)(value & 0xffff) << 16);
	}
}

void npu_test_cmdstream_stop(struct npu_test_stream *s)
{
	npu_test_cmdstream_emit(s, NPU_OP_STOP, 0xffff);
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

static void npu_test_emit_fm(struct npu_test_stream *s,
			     const struct npu_test_fm_cmds *cmds,
			     const struct npu_test_fm *fm)
{
	unsigned int i;

	npu_test_cmdstream_emit(s, cmds->region, fm->region);
	npu_test_cmdstream_emit(s, cmds->precision, fm->precision);
	npu_test_cmdstream_emit(s, cmds->width0_m1, fm->width0 - 1);
	npu_test_cmdstream_emit(s, cmds->height0_m1, fm->height0 - 1);
	npu_test_cmdstream_emit(s, cmds->height1_m1, fm->height0 - 1);
	for (i = 0; i < ARRAY_SIZE(fm->base); i++)
		npu_test_cmdstream_emit(s, cmds->base0 + i, fm->base[i]);
	npu_test_cmdstream_emit(s, cmds->stride_x, fm->stride_x);
	npu_test_cmdstream_emit(s, cmds->stride_y, fm->stride_y);
	npu_test_cmdstream_emit(s, cmds->stride_c, fm->stride_c);
}

void npu_test_cmdstream_ifm(struct npu_test_stream *s,
			    const struct npu_test_fm *fm)
{
	npu_test_emit_fm(s, &npu_test_ifm, fm);
}

void npu_test_cmdstream_ifm2(struct npu_test_stream *s,
			     const struct npu_test_fm *fm)
{
	npu_test_emit_fm(s, &npu_test_ifm2, fm);
}

void npu_test_cmdstream_ofm(struct npu_test_stream *s,
			    const struct npu_test_fm *fm)
{
	npu_test_emit_fm(s, &npu_test_ofm, fm);
}

void npu_test_cmdstream_ofm_shape(struct npu_test_stream *s, u32 w, u32 h,
				  u32 c)
{
	npu_test_cmdstream_emit(s, NPU_SET_OFM_WIDTH_M1, w - 1);
	npu_test_cmdstream_emit(s, NPU_SET_OFM_HEIGHT_M1, h - 1);
	npu_test_cmdstream_emit(s, NPU_SET_OFM_DEPTH_M1, c - 1);
}

/* A kernel of @k x @k with stride param @kstride and padding @pad around. */
void npu_test_cmdstream_kernel(struct npu_test_stream *s, u32 k, u16 kstride,
			       u16 pad)
{
	npu_test_cmdstream_emit(s, NPU_SET_KERNEL_WIDTH_M1, k - 1);
	npu_test_cmdstream_emit(s, NPU_SET_KERNEL_HEIGHT_M1, k - 1);
	npu_test_cmdstream_emit(s, NPU_SET_KERNEL_STRIDE, kstride);
	npu_test_cmdstream_emit(s, NPU_SET_IFM_PAD_TOP, pad);
	npu_test_cmdstream_emit(s, NPU_SET_IFM_PAD_LEFT, pad);
	npu_test_cmdstream_emit(s, NPU_SET_IFM_PAD_RIGHT, pad);
	npu_test_cmdstream_emit(s, NPU_SET_IFM_PAD_BOTTOM, pad);
}

void npu_test_cmdstream_weights(struct npu_test_stream *s, u8 region,
				u64 base, u64 len)
{
	npu_test_cmdstream_emit(s, NPU_SET_WEIGHT_REGION, region);
	npu_test_cmdstream_emit(s, NPU_SET_WEIGHT_BASE, base);
	npu_test_cmdstream_emit(s, NPU_SET_WEIGHT_LENGTH, len);
}

void npu_test_cmdstream_scales(struct npu_test_stream *s, u8 region,
			       u64 base, u64 len)
{
	npu_test_cmdstream_emit(s, NPU_SET_SCALE_REGION, region);
	npu_test_cmdstream_emit(s, NPU_SET_SCALE_BASE, base);
	npu_test_cmdstream_emit(s, NPU_SET_SCALE_LENGTH, len);
}

/*
 * The next case of the table @cases of @count cases after @prev, or the
 * first if @prev is NULL; NULL past the last. As KUNIT_ARRAY_PARAM(), for
 * a table defined in another file.
 */
static const void *npu_test_next_case(const struct npu_test_case *cases,
				      unsigned int count, const void *prev,
				      char *desc)
{
	const struct npu_test_case *next = cases;

	if (prev)
		next = (const struct npu_test_case *)prev + 1;
	if (next - cases >= count)
		return NULL;
	strscpy(desc, next->name, KUNIT_PARAM_DESC_SIZE);
	return next;
}

static const void *npu_test_valid_gen_params(const void *prev, char *desc)
{
	return npu_test_next_case(npu_test_cmdstream_valid_cases,
				  npu_test_cmdstream_valid_count, prev, desc);
}

static const void *npu_test_invalid_gen_params(const void *prev, char *desc)
{
	return npu_test_next_case(npu_test_cmdstream_invalid_cases,
				  npu_test_cmdstream_invalid_count, prev, desc);
}

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
	npu_test_cmdstream_ofm_shape(s, d[0], d[1], d[2]);
	npu_test_cmdstream_ofm(s, ofm ? fm : &other);
	npu_test_cmdstream_ifm(s, ofm ? &other : fm);
	npu_test_cmdstream_emit(s, NPU_OP_ELEMENTWISE, NPU_EW_ABS);
	npu_test_cmdstream_stop(s);
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

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 *
 * The rounding, rescale and clamp helpers of the simulated NPU against
 * values computed by hand from "Arithmetic of the simulated NPU".
 */

#include <kunit/test.h>

#include "npu_sim_test.h"

#define DBL	NPU_ROUND_DBL
#define TRUNC	NPU_ROUND_TRUNCATE
#define NAT	NPU_ROUND_NATURAL

/* v / 2^shift in the three modes: double (half away), truncate, natural */
struct npst_shift_case {
	s64 v;
	unsigned int shift;
	s64 dbl, trunc, nat;
};

static const struct npst_shift_case npst_shift_cases[] = {
	{ 5, 1, 3, 2, 3 },			/* 2.5 */
	{ -5, 1, -3, -2, -2 },			/* -2.5 */
	{ 3, 1, 2, 1, 2 },			/* 1.5 */
	{ -3, 1, -2, -1, -1 },			/* -1.5 */
	{ 1, 1, 1, 0, 1 },			/* 0.5 */
	{ -1, 1, -1, 0, 0 },			/* -0.5 */
	{ 7, 2, 2, 1, 2 },			/* 1.75 */
	{ -7, 2, -2, -1, -2 },			/* -1.75 */
	{ -9, 3, -1, -1, -1 },			/* -1.125 */
	{ -12, 3, -2, -1, -1 },			/* -1.5 */
	{ 20, 3, 3, 2, 3 },			/* 2.5 */
	{ 0, 5, 0, 0, 0 },
	{ -7, 0, -7, -7, -7 },			/* shift 0 */
	{ 123456789, 0, 123456789, 123456789, 123456789 },
	{ 1LL << 62, 63, 1, 0, 1 },		/* 0.5 */
	{ -(1LL << 62), 63, -1, 0, 0 },		/* -0.5 */
	{ -(1LL << 62) - 1, 63, -1, 0, -1 },	/* just below -0.5 */
	{ S64_MIN, 63, -1, -1, -1 },		/* -1 exactly */
	{ S64_MAX, 63, 1, 0, 1 },		/* just below 1 */
	{ S64_MIN, 1, -(1LL << 62), -(1LL << 62), -(1LL << 62) },
	{ (3LL << 40) + (1LL << 39), 40, 4, 3, 4 },	/* 3.5 */
	{ -(3LL << 40) - (1LL << 39), 40, -4, -3, -3 },	/* -3.5 */
};

static void npst_round_shift(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(npst_shift_cases); i++) {
		const struct npst_shift_case *c = &npst_shift_cases[i];

		KUNIT_EXPECT_EQ_MSG(test, npu_sim_round_shift(c->v, c->shift, DBL),
				    c->dbl, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, npu_sim_round_shift(c->v, c->shift, TRUNC),
				    c->trunc, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, npu_sim_round_shift(c->v, c->shift, NAT),
				    c->nat, "case %u", i);
	}
}

/* v / d in the three modes */
struct npst_div_case {
	s64 v;
	u64 d;
	s64 dbl, trunc, nat;
};

static const struct npst_div_case npst_div_cases[] = {
	{ 7, 2, 4, 3, 4 },			/* 3.5 */
	{ -7, 2, -4, -3, -3 },			/* -3.5 */
	{ 10, 4, 3, 2, 3 },			/* 2.5 */
	{ -10, 4, -3, -2, -2 },			/* -2.5 */
	{ 11, 4, 3, 2, 3 },			/* 2.75 */
	{ -11, 4, -3, -2, -3 },			/* -2.75 */
	{ 9, 4, 2, 2, 2 },			/* 2.25 */
	{ -9, 4, -2, -2, -2 },			/* -2.25 */
	{ 5, 3, 2, 1, 2 },			/* 1.67 */
	{ -5, 3, -2, -1, -2 },			/* -1.67 */
	{ -4, 3, -1, -1, -1 },			/* -1.33 */
	{ 1, 2, 1, 0, 1 },			/* 0.5 */
	{ -1, 2, -1, 0, 0 },			/* -0.5 */
	{ 0, 7, 0, 0, 0 },
	{ -42, 1, -42, -42, -42 },
	{ 1LL << 31, 1ULL << 32, 1, 0, 1 },	/* 0.5, a count of 2^32 */
	{ -(1LL << 31), 1ULL << 32, -1, 0, 0 },	/* -0.5 */
	{ 127 * 9 + 4, 9, 127, 127, 127 },	/* 127.44 */
	{ -128 * 9 - 5, 9, -129, -128, -129 },	/* -128.56 */
};

static void npst_div_round(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(npst_div_cases); i++) {
		const struct npst_div_case *c = &npst_div_cases[i];

		KUNIT_EXPECT_EQ_MSG(test, npu_sim_div_round(c->v, c->d, DBL),
				    c->dbl, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, npu_sim_div_round(c->v, c->d, TRUNC),
				    c->trunc, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, npu_sim_div_round(c->v, c->d, NAT),
				    c->nat, "case %u", i);
	}
}

static void npst_sat32(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, npu_sim_sat32(5), 5);
	KUNIT_EXPECT_EQ(test, npu_sim_sat32(-5), -5);
	KUNIT_EXPECT_EQ(test, npu_sim_sat32(S32_MAX), S32_MAX);
	KUNIT_EXPECT_EQ(test, npu_sim_sat32(1LL << 31), S32_MAX);
	KUNIT_EXPECT_EQ(test, npu_sim_sat32(S32_MIN), S32_MIN);
	KUNIT_EXPECT_EQ(test, npu_sim_sat32(-(1LL << 31) - 1), S32_MIN);
	KUNIT_EXPECT_EQ(test, npu_sim_sat32(S64_MAX), S32_MAX);
	KUNIT_EXPECT_EQ(test, npu_sim_sat32(S64_MIN), S32_MIN);
}

/* r(v, m, n) in the three modes */
struct npst_rescale_case {
	s32 v, mult;
	u8 shift;
	s32 dbl, trunc, nat;
};

static const struct npst_rescale_case npst_rescale_cases[] = {
	{ -77, 0, 5, -77, -77, -77 },		/* multiplier 0: identity */
	{ S32_MIN, 0, 63, S32_MIN, S32_MIN, S32_MIN },
	{ 100, 3, 2, 75, 75, 75 },
	{ 5, 1, 1, 3, 2, 3 },			/* 2.5 */
	{ -5, 1, 1, -3, -2, -2 },		/* -2.5 */
	{ -100, -3, 3, 38, 37, 38 },		/* 37.5 */
	{ 127, 1 << 30, 31, 64, 63, 64 },	/* 63.5 */
	{ -127, 1 << 30, 31, -64, -63, -63 },	/* -63.5 */
	{ -128, 1 << 30, 31, -64, -64, -64 },
	{ -3, 7, 0, -21, -21, -21 },		/* shift 0 */
	{ 1 << 20, 1 << 21, 40, 2, 2, 2 },	/* large shift, exact */
	{ 3, 1, 32, 0, 0, 0 },
	{ 3, S32_MAX, 32, 1, 1, 1 },		/* 1.4999999998 */
	{ S32_MAX, S32_MAX, 0, S32_MAX, S32_MAX, S32_MAX },	/* saturates */
	{ S32_MIN, S32_MAX, 0, S32_MIN, S32_MIN, S32_MIN },
	{ S32_MIN, S32_MIN, 0, S32_MAX, S32_MAX, S32_MAX },	/* 2^62 */
	{ S32_MIN, S32_MIN, 62, 1, 1, 1 },	/* 2^62 / 2^62 */
	{ S32_MIN, S32_MIN, 63, 1, 0, 1 },	/* 0.5 */
	{ S32_MIN, S32_MAX, 63, 0, 0, 0 },	/* -0.4999999998 */
};

static void npst_rescale(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(npst_rescale_cases); i++) {
		const struct npst_rescale_case *c = &npst_rescale_cases[i];
		struct npu_sim_scale s = { .mult = c->mult, .shift = c->shift };

		KUNIT_EXPECT_EQ_MSG(test, npu_sim_rescale(c->v, &s, DBL),
				    c->dbl, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, npu_sim_rescale(c->v, &s, TRUNC),
				    c->trunc, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, npu_sim_rescale(c->v, &s, NAT),
				    c->nat, "case %u", i);
	}
}

static void npst_output(struct kunit *test)
{
	struct npu_sim_op *op = kunit_kzalloc(test, sizeof(*op), GFP_KERNEL);
	struct npu_sim_scale none = { 0, 0 };
	struct npu_sim_scale half = { 1, 1 };

	KUNIT_ASSERT_NOT_NULL(test, op);

	/* int8, zero point 10, no activation clamp */
	op->ofm.zero_point = 10;
	op->lo = -128;
	op->hi = 127;
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, 5, &none), 15);
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, 200, &none), 127);
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, -300, &none), 0x80);
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, -137, &none), 0x81);
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, S32_MAX, &none), 127);
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, S32_MIN, &none), 0x80);

	/* the rescale uses the operation's rounding mode */
	op->ofm.zero_point = 0;
	op->round = DBL;
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, -5, &half), 0xfd);
	op->round = TRUNC;
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, -5, &half), 0xfe);
	op->round = NAT;
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, -5, &half), 0xfe);
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, 5, &half), 3);

	/* uint8, zero point 128 */
	op->ofm.zero_point = 128;
	op->lo = 0;
	op->hi = 255;
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, -129, &none), 0);
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, -128, &none), 0);
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, 127, &none), 255);
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, 128, &none), 255);

	/* an activation clamp narrower than the type */
	op->ofm.zero_point = 0;
	op->lo = -10;
	op->hi = 20;
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, 25, &none), 20);
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, -50, &none), 0xf6);

	/* lo above hi: everything is hi */
	op->lo = 5;
	op->hi = 3;
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, -100, &none), 3);
	KUNIT_EXPECT_EQ(test, npu_sim_output(op, 100, &none), 3);
}

static s32 npst_ew(struct npu_sim_op *op, unsigned int mode, s32 a, s32 b)
{
	op->mode = mode;

	return npu_sim_ew_value(op, a, b);
}

static void npst_elementwise_value(struct kunit *test)
{
	struct npu_sim_op *op = kunit_kzalloc(test, sizeof(*op), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, op);
	op->round = DBL;

	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_MUL, -7, 9), -63);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_MUL, 1 << 20, 1 << 20),
			S32_MAX);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_MUL, -(1 << 20), 1 << 20),
			S32_MIN);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_SUB, 5, 7), -2);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_MIN, -3, 4), -3);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_MAX, -3, 4), 4);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_ADD, S32_MAX, 1), S32_MAX);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_SUB, S32_MIN, 1), S32_MIN);

	/* operand scales: A = r(5, 3, 1) = 7.5 -> 8 */
	op->opa.mult = 3;
	op->opa.shift = 1;
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_ADD, 5, -2), 6);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_SUB, 5, -2), 10);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_MUL, 5, -2), -10);
	op->opa.mult = 0;
	op->opb.mult = -1;
	op->opb.shift = 0;
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_MIN, -3, 4), -4);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_MAX, -3, 4), -3);
	op->opb.mult = 0;

	/* LRELU: OPA is the slope of the negative side */
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_LRELU, 10, 0), 10);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_LRELU, -10, 0), -10);
	op->opa.mult = 1;
	op->opa.shift = 2;
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_LRELU, 10, 0), 10);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_LRELU, -10, 0), -3);
	op->round = TRUNC;
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_LRELU, -10, 0), -2);
	op->round = NAT;
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_LRELU, -10, 0), -2);
	op->opa.mult = 0;
	op->round = DBL;

	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_ABS, -128, 0), 128);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_ABS, 7, 0), 7);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_ABS, S32_MIN, 0), S32_MAX);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_CLZ, 0, 0), 32);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_CLZ, 1, 0), 31);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_CLZ, 0x40, 0), 25);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_CLZ, -1, 0), 0);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_SHR, -5, 1), -3);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_SHR, 100, 40), 0);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_SHR, 7, -3), 7);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_SHL, 3, 4), 48);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_SHL, 1, 31), S32_MAX);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_SHL, -1, 31), S32_MIN);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_SHL, -3, 40), S32_MIN);
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_SHL, 5, -1), 5);
	op->round = TRUNC;
	KUNIT_EXPECT_EQ(test, npst_ew(op, NPU_EW_SHR, -5, 1), -2);
}

static struct kunit_case npst_math_cases[] = {
	KUNIT_CASE(npst_round_shift),
	KUNIT_CASE(npst_div_round),
	KUNIT_CASE(npst_sat32),
	KUNIT_CASE(npst_rescale),
	KUNIT_CASE(npst_output),
	KUNIT_CASE(npst_elementwise_value),
	{}
};

static struct kunit_suite npst_math_suite = {
	.name = "npu_sim_math",
	.test_cases = npst_math_cases,
};

kunit_test_suite(npst_math_suite);

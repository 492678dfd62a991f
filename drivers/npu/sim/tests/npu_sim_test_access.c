// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 *
 * What the simulated NPU refuses: accesses outside a region's limit (bus
 * faults, with nothing written) and streams it cannot execute (parse
 * errors), each at the right QREAD.
 */

#include <kunit/test.h>

#include "npu_sim_test.h"

/* Regions of the small operations */
#define R_IFM	1
#define R_IFM2	2
#define R_OFM	3
#define R_W	4
#define R_S	5

struct npst_access {
	struct npst_mem m;
	struct npst_mem copy;
	struct npst_stream s;
	struct npu_sim_exec *x;
	struct npst_op op;
};

static struct npst_access *npst_access_init(struct kunit *test)
{
	struct npst_access *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct npst_lcg l = { 0xacce55 };

	KUNIT_ASSERT_NOT_NULL(test, a);
	a->x = kunit_kzalloc(test, sizeof(*a->x), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a->x);
	npst_mem_init(test, &a->m);
	npst_mem_init(test, &a->copy);
	npst_mem_fill(&l, &a->m);
	npst_stream_init(test, &a->s, 256);

	return a;
}

/* A w x h x c NHWC map in one tile at base. */
static void npst_fm_compact(struct npst_fm *fm, u8 region, u64 base, u32 w,
			    u32 h, u32 c)
{
	fm->region = region;
	fm->base[0] = base;
	fm->base[1] = 0xff00000000ULL;
	fm->base[2] = 0xff00000000ULL;
	fm->base[3] = 0xff00000000ULL;
	fm->sx = c;
	fm->sy = (s64)w * c;
	fm->w0 = w;
	fm->w = w;
	fm->h0 = h;
	fm->h = h;
	fm->c = c;
	fm->is_signed = true;
}

/* One past the highest byte of a map */
static u32 npst_fm_end(const struct npst_fm *fm)
{
	size_t end = 0;
	u32 x, y, c;

	for (y = 0; y < fm->h; y++)
		for (x = 0; x < fm->w; x++)
			for (c = 0; c < fm->c; c++)
				end = max(end, npst_fm_offset(fm, x, y, c) + 1);
	return end;
}

/*
 * A small valid operation: OFM 3 x 2 x 4 at offset 100 of R_OFM, IFM and
 * IFM2 at 0 of their regions, weights and records at 0 of theirs.
 */
static void npst_small_op(struct npst_op *op, u16 code)
{
	u32 k = code == NPU_OP_ELEMENTWISE ? 1 : 2;
	u32 ic = code == NPU_OP_CONV ? 5 : 4;

	memset(op, 0, sizeof(*op));
	op->code = code;
	op->mode = code == NPU_OP_POOL ? NPU_POOL_AVERAGE :
		   code == NPU_OP_ELEMENTWISE ? NPU_EW_ADD : 0;
	npst_unit_window(op);
	op->kw = k;
	op->kh = k;
	npst_fm_compact(&op->ofm, R_OFM, 100, 3, 2, 4);
	npst_fm_compact(&op->ifm, R_IFM, 0, 3 + k - 1, 2 + k - 1, ic);
	npst_fm_compact(&op->ifm2, R_IFM2, 0, 3, 2, 4);
	op->weight_region = R_W;
	op->weight_len = code == NPU_OP_CONV ? 4 * k * k * ic : k * k * 4;
	op->scale_region = R_S;
	op->scale_len = 4 * NPU_SCALE_RECORD_SIZE;
	op->act_min = S16_MIN;
	op->act_max = S16_MAX;
}

/* Offset of the operation in a stream from npst_emit_op() */
static u32 npst_op_offset(const struct npst_stream *s)
{
	return npst_bytes(s) - 12;
}

/* Run with region r limited to limit bytes (0: no memory at all). */
static u32 npst_access_run(struct npst_access *a, int r, u32 limit)
{
	npst_mem_copy(&a->copy, &a->m);
	npst_exec_setup(&a->m, &a->s, a->x);
	if (r >= 0) {
		a->x->region[r].limit = limit;
		if (!limit)
			a->x->region[r].base = NULL;
	}

	return npu_sim_exec_stream(a->x);
}

static void npst_expect_untouched(struct kunit *test, struct npst_access *a)
{
	unsigned int r;

	for (r = 0; r < NPU_REGIONS; r++)
		KUNIT_EXPECT_MEMEQ_MSG(test, a->m.buf[r], a->copy.buf[r],
				       NPST_REGION_SIZE, "region %u", r);
}

static const u16 npst_codes[] = {
	NPU_OP_ELEMENTWISE, NPU_OP_POOL, NPU_OP_CONV, NPU_OP_DEPTHWISE,
};

static void npst_code_desc(const u16 *code, char *desc)
{
	static const char * const names[] = {
		[NPU_OP_CONV] = "conv", [NPU_OP_DEPTHWISE] = "depthwise",
		[NPU_OP_POOL] = "pool", [NPU_OP_ELEMENTWISE] = "elementwise",
	};

	strscpy(desc, names[*code], KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(npst_code, npst_codes, npst_code_desc);

/* An OFM one byte past REGION_LIMIT: a bus fault, nothing written. */
static void npst_ofm_past_limit(struct kunit *test)
{
	u16 code = *(const u16 *)test->param_value;
	struct npst_access *a = npst_access_init(test);
	u32 end;

	npst_small_op(&a->op, code);
	npst_emit_op(&a->s, &a->op);
	end = npst_fm_end(&a->op.ofm);

	KUNIT_EXPECT_EQ(test, npst_access_run(a, R_OFM, end - 1),
			NPU_STATUS_BUS_STATUS);
	KUNIT_EXPECT_EQ(test, a->x->qread, npst_op_offset(&a->s));
	npst_expect_untouched(test, a);

	KUNIT_EXPECT_EQ(test, npst_access_run(a, R_OFM, end),
			NPU_STATUS_CMD_END_REACHED);
	KUNIT_EXPECT_EQ(test, a->x->qread, npst_bytes(&a->s));
}

/* A DMA destination one byte past REGION_LIMIT, in each stride mode. */
static void npst_dma_past_limit(struct kunit *test)
{
	struct npst_access *a = npst_access_init(test);
	/* mode 2: 2 x 3 rows of 10 bytes, strides 16 and 100: end 142 */
	static const u32 ends[] = { 10, 42, 142 };
	unsigned int mode;

	for (mode = 0; mode < 3; mode++) {
		a->s.n = 0;
		npst_cmd0(&a->s, NPU_SET_DMA0_SRC_REGION, 0 | mode << 9);
		npst_cmd0(&a->s, NPU_SET_DMA0_DST_REGION, R_OFM | mode << 9);
		npst_cmd0(&a->s, NPU_SET_DMA0_SIZE0, 3);
		npst_cmd0(&a->s, NPU_SET_DMA0_SIZE1, 2);
		npst_addr(&a->s, NPU_SET_DMA0_SRC, 0);
		npst_addr(&a->s, NPU_SET_DMA0_DST, 0);
		npst_addr(&a->s, NPU_SET_DMA0_LEN, 10);
		npst_addr(&a->s, NPU_SET_DMA0_SRC_STRIDE0, 16);
		npst_addr(&a->s, NPU_SET_DMA0_SRC_STRIDE1, 100);
		npst_addr(&a->s, NPU_SET_DMA0_DST_STRIDE0, 16);
		npst_addr(&a->s, NPU_SET_DMA0_DST_STRIDE1, 100);
		npst_cmd0(&a->s, NPU_OP_DMA_START, 0);
		npst_cmd0(&a->s, NPU_OP_DMA_WAIT, 0);
		npst_cmd0(&a->s, NPU_OP_STOP, 0xffff);

		KUNIT_EXPECT_EQ_MSG(test,
				    npst_access_run(a, R_OFM, ends[mode] - 1),
				    NPU_STATUS_BUS_STATUS, "mode %u", mode);
		KUNIT_EXPECT_EQ(test, a->x->qread, npst_op_offset(&a->s));
		npst_expect_untouched(test, a);

		KUNIT_EXPECT_EQ_MSG(test, npst_access_run(a, R_OFM, ends[mode]),
				    NPU_STATUS_CMD_END_REACHED, "mode %u", mode);
		KUNIT_EXPECT_MEMEQ(test, a->m.buf[R_OFM] + ends[mode] - 10,
				   a->m.buf[0] + ends[mode] - 10, 10);
	}
}

/* Bus faults of an operation's other accesses */
struct npst_fault {
	const char *name;
	u16 code;
	void (*mutate)(struct npst_op *op);
	int region;		/* region to limit, -1 for none */
	bool relative;		/* limit: end of what it holds + delta */
	int delta;		/* else: limit (0: no memory at all) */
	u32 status;
};

static void npst_neg_stride(struct npst_op *op)
{
	op->ifm.sy = -op->ifm.sy;	/* row 1 below offset 0 */
}

static void npst_far_ofm(struct npst_op *op)
{
	op->ofm.base[0] = 0xff00000000ULL;
}

static void npst_scalar(struct npst_op *op)
{
	op->bcast = NPU_IFM2_BCAST_SCALAR;
}

static void npst_abs(struct npst_op *op)
{
	op->mode = NPU_EW_ABS;
}

static void npst_global(struct npst_op *op)
{
	op->global = true;
}

static void npst_bcast(struct npst_op *op)
{
	op->bcast = NPU_IFM2_BCAST_H | NPU_IFM2_BCAST_W;
	npst_fm_compact(&op->ifm2, R_IFM2, 0, 1, 1, 4);
}

static void npst_none(struct npst_op *op)
{
}

static const struct npst_fault npst_faults[] = {
	{ "ifm_negative_stride", NPU_OP_ELEMENTWISE, npst_neg_stride, -1,
	  false, 0, NPU_STATUS_BUS_STATUS },
	{ "ofm_far_base", NPU_OP_ELEMENTWISE, npst_far_ofm, -1, false, 0,
	  NPU_STATUS_BUS_STATUS },
	{ "ifm_no_memory", NPU_OP_POOL, npst_none, R_IFM, false, 0,
	  NPU_STATUS_BUS_STATUS },
	{ "ifm_past_limit", NPU_OP_POOL, npst_none, R_IFM, true, -1,
	  NPU_STATUS_BUS_STATUS },
	{ "ifm2_past_limit", NPU_OP_ELEMENTWISE, npst_none, R_IFM2, true, -1,
	  NPU_STATUS_BUS_STATUS },
	{ "ifm2_broadcast_fits", NPU_OP_ELEMENTWISE, npst_bcast, R_IFM2, true,
	  0, NPU_STATUS_CMD_END_REACHED },
	{ "ifm2_scalar_not_read", NPU_OP_ELEMENTWISE, npst_scalar, R_IFM2,
	  false, 0, NPU_STATUS_CMD_END_REACHED },
	{ "ifm2_unary_not_read", NPU_OP_ELEMENTWISE, npst_abs, R_IFM2, false,
	  0, NPU_STATUS_CMD_END_REACHED },
	{ "weights_past_limit", NPU_OP_CONV, npst_none, R_W, true, -1,
	  NPU_STATUS_BUS_STATUS },
	{ "scales_past_limit", NPU_OP_DEPTHWISE, npst_none, R_S, true, -1,
	  NPU_STATUS_BUS_STATUS },
	{ "scales_global_not_read", NPU_OP_CONV, npst_global, R_S, false, 0,
	  NPU_STATUS_CMD_END_REACHED },
};

static void npst_fault_desc(const struct npst_fault *f, char *desc)
{
	strscpy(desc, f->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(npst_fault, npst_faults, npst_fault_desc);

static void npst_other_faults(struct kunit *test)
{
	const struct npst_fault *f = test->param_value;
	struct npst_access *a = npst_access_init(test);
	struct npst_op *op = &a->op;
	int limit = f->delta;
	u32 status;

	npst_small_op(op, f->code);
	f->mutate(op);
	npst_emit_op(&a->s, op);
	if (f->relative && f->region == R_IFM)
		limit += npst_fm_end(&op->ifm);
	else if (f->relative && f->region == R_IFM2)
		limit += npst_fm_end(&op->ifm2);
	else if (f->relative && f->region == R_W)
		limit += op->weight_len;
	else if (f->relative && f->region == R_S)
		limit += op->scale_len;

	status = npst_access_run(a, f->region, limit);
	KUNIT_EXPECT_EQ(test, status, f->status);
	if (status == NPU_STATUS_BUS_STATUS) {
		KUNIT_EXPECT_EQ(test, a->x->qread, npst_op_offset(&a->s));
		npst_expect_untouched(test, a);
	}
}

/* The operations before a fault have run; the faulting one wrote nothing. */
static void npst_fault_after_op(struct kunit *test)
{
	struct npst_access *a = npst_access_init(test);
	u32 second;

	npst_cmd0(&a->s, NPU_SET_DMA0_SRC_REGION, 0);
	npst_cmd0(&a->s, NPU_SET_DMA0_DST_REGION, R_OFM);
	npst_addr(&a->s, NPU_SET_DMA0_SRC, 0);
	npst_addr(&a->s, NPU_SET_DMA0_DST, 0);
	npst_addr(&a->s, NPU_SET_DMA0_LEN, 100);
	npst_cmd0(&a->s, NPU_OP_DMA_START, 0);
	npst_addr(&a->s, NPU_SET_DMA0_DST, 200);
	second = npst_bytes(&a->s);
	npst_cmd0(&a->s, NPU_OP_DMA_START, 0);
	npst_cmd0(&a->s, NPU_OP_STOP, 0xffff);

	KUNIT_EXPECT_EQ(test, npst_access_run(a, R_OFM, 299),
			NPU_STATUS_BUS_STATUS);
	KUNIT_EXPECT_EQ(test, a->x->qread, second);
	KUNIT_EXPECT_MEMEQ(test, a->m.buf[R_OFM], a->m.buf[0], 100);
	KUNIT_EXPECT_MEMEQ(test, a->m.buf[R_OFM] + 100,
			   a->copy.buf[R_OFM] + 100, NPST_REGION_SIZE - 100);
}

/* A DMA region above 7 has no memory. */
static void npst_dma_bad_region(struct kunit *test)
{
	struct npst_access *a = npst_access_init(test);

	npst_cmd0(&a->s, NPU_SET_DMA0_SRC_REGION, 8);
	npst_cmd0(&a->s, NPU_SET_DMA0_DST_REGION, R_OFM);
	npst_addr(&a->s, NPU_SET_DMA0_LEN, 1);
	npst_cmd0(&a->s, NPU_OP_DMA_START, 0);
	npst_cmd0(&a->s, NPU_OP_DMA_WAIT, 0);
	npst_cmd0(&a->s, NPU_OP_STOP, 0xffff);

	KUNIT_EXPECT_EQ(test, npst_access_run(a, -1, 0),
			NPU_STATUS_BUS_STATUS);
	KUNIT_EXPECT_EQ(test, a->x->qread, npst_op_offset(&a->s));
	npst_expect_untouched(test, a);
}

static struct kunit_case npst_access_cases[] = {
	KUNIT_CASE_PARAM(npst_ofm_past_limit, npst_code_gen_params),
	KUNIT_CASE(npst_dma_past_limit),
	KUNIT_CASE_PARAM(npst_other_faults, npst_fault_gen_params),
	KUNIT_CASE(npst_fault_after_op),
	KUNIT_CASE(npst_dma_bad_region),
	{}
};

static struct kunit_suite npst_access_suite = {
	.name = "npu_sim_access",
	.test_cases = npst_access_cases,
};

/* Parse errors */

struct npst_parse {
	const char *name;
	u16 code;
	u16 mode;
	u32 extra;		/* a CMD0 word before the operation, or 0 */
	int weight_len;		/* added to the needed length */
	int scale_len;		/* added to the needed length */
	bool at_extra;		/* the error is at @extra */
};

#define W(code, param)	((code) | (u32)(param) << 16)

static const struct npst_parse npst_parses[] = {
	{ "ifm_16_bit", NPU_OP_POOL, 0, W(NPU_SET_IFM_PRECISION, 1 << 2) },
	{ "ifm_nhcwb16", NPU_OP_CONV, 0, W(NPU_SET_IFM_PRECISION, 1 << 6) },
	{ "ifm2_32_bit", NPU_OP_ELEMENTWISE, NPU_EW_MAX,
	  W(NPU_SET_IFM2_PRECISION, 2 << 2) },
	{ "ofm_16_bit", NPU_OP_ELEMENTWISE, NPU_EW_ABS,
	  W(NPU_SET_OFM_PRECISION, 1 << 1) },
	{ "ofm_nhcwb16", NPU_OP_DEPTHWISE, 0,
	  W(NPU_SET_OFM_PRECISION, 1 << 6) },
	{ "round_mode_3", NPU_OP_POOL, 1, W(NPU_SET_OFM_PRECISION, 3 << 14) },
	{ "activation_tanh", NPU_OP_ELEMENTWISE, NPU_EW_ADD,
	  W(NPU_SET_ACTIVATION, 1) },
	{ "upscale", NPU_OP_POOL, 0, W(NPU_SET_IFM_UPSCALE, 1) },
	{ "padding_eats_ifm", NPU_OP_POOL, 0, W(NPU_SET_IFM_PAD_LEFT, 4) },
	{ "pool_mode_3", NPU_OP_POOL, 3 },
	{ "elementwise_mode_10", NPU_OP_ELEMENTWISE, 10 },
	{ "conv_weights_ifm2", NPU_OP_CONV, NPU_CONV_WEIGHTS_IFM2 },
	{ "weights_short", NPU_OP_CONV, 0, 0, -1, 0 },
	{ "scales_short", NPU_OP_DEPTHWISE, 0, 0, 0, -1 },
	{ "unknown_code", NPU_OP_POOL, 0, W(0x0fff, 0), 0, 0, true },
	{ "resize_u85", NPU_OP_POOL, 0, W(0x0007, 0), 0, 0, true },
};

static void npst_parse_desc(const struct npst_parse *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(npst_parse, npst_parses, npst_parse_desc);

static void npst_parse_op(struct kunit *test)
{
	const struct npst_parse *p = test->param_value;
	struct npst_access *a = npst_access_init(test);
	struct npst_op *op = &a->op;

	npst_small_op(op, p->code);
	op->mode = p->mode;
	if (p->extra) {
		op->extra[0] = p->extra;
		op->num_extra = 1;
	}
	op->weight_len += p->weight_len;
	op->scale_len += p->scale_len;
	npst_emit_op(&a->s, op);

	KUNIT_EXPECT_EQ(test, npst_access_run(a, -1, 0),
			NPU_STATUS_CMD_PARSE_ERR);
	KUNIT_EXPECT_EQ(test, a->x->qread,
			npst_op_offset(&a->s) - (p->at_extra ? 4 : 0));
	npst_expect_untouched(test, a);
}

/* DMA parameters the simulator does not execute */
static void npst_parse_dma(struct kunit *test)
{
	static const u16 src[] = { 3 << 9, 1 << 9, NPU_DMA_REGION_INTERNAL };
	static const u16 dst[] = { 3 << 9 | R_OFM, R_OFM, R_OFM };
	struct npst_access *a = npst_access_init(test);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(src); i++) {
		a->s.n = 0;
		npst_cmd0(&a->s, NPU_SET_DMA0_SRC_REGION, src[i]);
		npst_cmd0(&a->s, NPU_SET_DMA0_DST_REGION, dst[i]);
		npst_cmd0(&a->s, NPU_SET_DMA0_SIZE0, 1);
		npst_addr(&a->s, NPU_SET_DMA0_LEN, 1);
		npst_cmd0(&a->s, NPU_OP_DMA_START, 0);
		npst_cmd0(&a->s, NPU_OP_DMA_WAIT, 0);
		npst_cmd0(&a->s, NPU_OP_STOP, 0xffff);

		KUNIT_EXPECT_EQ_MSG(test, npst_access_run(a, -1, 0),
				    NPU_STATUS_CMD_PARSE_ERR, "case %u", i);
		KUNIT_EXPECT_EQ(test, a->x->qread, npst_op_offset(&a->s));
		npst_expect_untouched(test, a);
	}
}

/* Streams that end badly */
static void npst_parse_stream(struct kunit *test)
{
	struct npst_access *a = npst_access_init(test);

	/* empty */
	KUNIT_EXPECT_EQ(test, npst_access_run(a, -1, 0),
			NPU_STATUS_CMD_PARSE_ERR);
	KUNIT_EXPECT_EQ(test, a->x->qread, 0);

	/* an unknown CMD0 code */
	npst_cmd0(&a->s, 0x0fff, 0);
	KUNIT_EXPECT_EQ(test, npst_access_run(a, -1, 0),
			NPU_STATUS_CMD_PARSE_ERR);
	KUNIT_EXPECT_EQ(test, a->x->qread, 0);

	/* an unknown CMD1 code after a known one */
	a->s.n = 0;
	npst_cmd0(&a->s, NPU_OP_IRQ, 0);
	npst_cmd1(&a->s, 0x4fff, 0, 0);
	npst_cmd0(&a->s, NPU_OP_STOP, 0);
	KUNIT_EXPECT_EQ(test, npst_access_run(a, -1, 0),
			NPU_STATUS_CMD_PARSE_ERR);
	KUNIT_EXPECT_EQ(test, a->x->qread, 4);

	/* no NPU_OP_STOP: runs past the end */
	a->s.n = 0;
	npst_cmd0(&a->s, NPU_OP_IRQ, 0);
	npst_cmd0(&a->s, NPU_OP_DMA_WAIT, 0);
	KUNIT_EXPECT_EQ(test, npst_access_run(a, -1, 0),
			NPU_STATUS_CMD_PARSE_ERR);
	KUNIT_EXPECT_EQ(test, a->x->qread, 8);

	/* a CMD1 whose payload lies past the end */
	a->s.n = 0;
	npst_cmd0(&a->s, NPU_OP_IRQ, 0);
	npst_cmd0(&a->s, NPU_SET_DMA0_SRC, 0);
	KUNIT_EXPECT_EQ(test, npst_access_run(a, -1, 0),
			NPU_STATUS_CMD_PARSE_ERR);
	KUNIT_EXPECT_EQ(test, a->x->qread, 4);

	/* commands after NPU_OP_STOP are never read */
	a->s.n = 0;
	npst_cmd0(&a->s, NPU_OP_STOP, 0);
	npst_cmd0(&a->s, 0x0fff, 0);
	KUNIT_EXPECT_EQ(test, npst_access_run(a, -1, 0),
			NPU_STATUS_CMD_END_REACHED);
	KUNIT_EXPECT_EQ(test, a->x->qread, 4);
}

/* Injected faults also work without a device. */
static void npst_parse_inject(struct kunit *test)
{
	struct npst_access *a = npst_access_init(test);

	npst_small_op(&a->op, NPU_OP_ELEMENTWISE);
	npst_emit_op(&a->s, &a->op);

	npst_mem_copy(&a->copy, &a->m);
	npst_exec_setup(&a->m, &a->s, a->x);
	a->x->inject = NPU_SIM_INJECT_PARSE_ERROR;
	KUNIT_EXPECT_EQ(test, npu_sim_exec_stream(a->x),
			NPU_STATUS_CMD_PARSE_ERR);
	KUNIT_EXPECT_EQ(test, a->x->qread, 0);
	npst_expect_untouched(test, a);

	npst_exec_setup(&a->m, &a->s, a->x);
	a->x->inject = NPU_SIM_INJECT_BUS_FAULT;
	KUNIT_EXPECT_EQ(test, npu_sim_exec_stream(a->x),
			NPU_STATUS_BUS_STATUS);
	KUNIT_EXPECT_EQ(test, a->x->qread, npst_op_offset(&a->s));
	npst_expect_untouched(test, a);
}

static struct kunit_case npst_parse_cases[] = {
	KUNIT_CASE_PARAM(npst_parse_op, npst_parse_gen_params),
	KUNIT_CASE(npst_parse_dma),
	KUNIT_CASE(npst_parse_stream),
	KUNIT_CASE(npst_parse_inject),
	{}
};

static struct kunit_suite npst_parse_suite = {
	.name = "npu_sim_parse",
	.test_cases = npst_parse_cases,
};

kunit_test_suites(&npst_access_suite, &npst_parse_suite);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Helpers of the simulated NPU's suites: a reproducible generator, a
 * command stream builder and the memory of the eight regions. They encode
 * streams after npu_regs.h and share no code with the simulator.
 */

#include <kunit/test.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "npu_sim_test.h"

/* Knuth's MMIX linear congruential generator; the high bits are used. */
u32 npst_rand(struct npst_lcg *l)
{
	l->state = l->state * 6364136223846793005ULL + 1442695040888963407ULL;

	return l->state >> 32;
}

/* A number in [lo, hi]. */
s32 npst_range(struct npst_lcg *l, s32 lo, s32 hi)
{
	return lo + (s32)(npst_rand(l) % (u32)(hi - lo + 1));
}

void npst_stream_init(struct kunit *test, struct npst_stream *s,
		      unsigned int max)
{
	s->words = kunit_kcalloc(test, max, sizeof(*s->words), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s->words);
	s->n = 0;
	s->max = max;
}

static void npst_word(struct npst_stream *s, u32 w)
{
	if (!WARN_ON(s->n >= s->max))
		s->words[s->n++] = cpu_to_le32(w);
}

void npst_cmd0(struct npst_stream *s, u16 code, u16 param)
{
	npst_word(s, code | (u32)param << 16);
}

void npst_cmd1(struct npst_stream *s, u16 code, u16 param, u32 payload)
{
	npst_word(s, (code | NPU_CMD1_FLAG) | (u32)param << 16);
	npst_word(s, payload);
}

/* A 40-bit address or stride: bits [39:32] in the parameter. */
void npst_addr(struct npst_stream *s, u16 code, u64 addr)
{
	npst_cmd1(s, code, (addr >> 32) & 0xff, (u32)addr);
}

u32 npst_bytes(const struct npst_stream *s)
{
	return s->n * 4;
}

/* Emit a feature map with the codes of the IFM, IFM2 or OFM. */
static void npst_emit_fm(struct npst_stream *s, const struct npst_fm *fm,
			 u16 base0, u16 stride_x, u16 region, u16 width0,
			 u16 height0, u16 height1, u16 zp)
{
	unsigned int t;

	npst_cmd0(s, region, fm->region);
	for (t = 0; t < 4; t++)
		npst_addr(s, base0 + t, fm->base[t]);
	npst_addr(s, stride_x, fm->sx);
	npst_addr(s, stride_x + 1, fm->sy);
	npst_addr(s, stride_x + 2, 1);
	npst_cmd0(s, width0, fm->w0 - 1);
	npst_cmd0(s, height0, fm->h0 - 1);
	npst_cmd0(s, height1, fm->h > fm->h0 ? fm->h - fm->h0 - 1 : 0);
	npst_cmd0(s, zp, (u16)fm->zp);
}

static void npst_emit_scale(struct npst_stream *s, u16 code,
			    const struct npu_sim_scale *sc)
{
	npst_cmd1(s, code, sc->shift, sc->mult);
}

/* The whole state of an operation, the operation, then NPU_OP_STOP. */
void npst_emit_op(struct npst_stream *s, const struct npst_op *op)
{
	u16 kstride = ((op->sx - 1) & 1) | ((op->sy - 1) & 1) << 1 |
		      (op->dx - 1) << 3 | (op->dy - 1) << 4 |
		      ((op->sx - 1) >> 1) << 6 | ((op->sy - 1) >> 1) << 9;
	u16 ofm_prec = op->ofm.is_signed | op->global << 8 | op->round << 14;
	unsigned int i;

	npst_emit_fm(s, &op->ifm, NPU_SET_IFM_BASE0, NPU_SET_IFM_STRIDE_X,
		     NPU_SET_IFM_REGION, NPU_SET_IFM_WIDTH0_M1,
		     NPU_SET_IFM_HEIGHT0_M1, NPU_SET_IFM_HEIGHT1_M1,
		     NPU_SET_IFM_ZERO_POINT);
	npst_cmd0(s, NPU_SET_IFM_PRECISION, op->ifm.is_signed);
	npst_cmd0(s, NPU_SET_IFM_DEPTH_M1, op->ifm.c - 1);
	npst_cmd0(s, NPU_SET_IFM_UPSCALE, 0);
	npst_cmd0(s, NPU_SET_IFM_PAD_TOP, op->pad_top);
	npst_cmd0(s, NPU_SET_IFM_PAD_LEFT, op->pad_left);
	npst_cmd0(s, NPU_SET_IFM_PAD_RIGHT, op->pad_right);
	npst_cmd0(s, NPU_SET_IFM_PAD_BOTTOM, op->pad_bottom);

	npst_emit_fm(s, &op->ofm, NPU_SET_OFM_BASE0, NPU_SET_OFM_STRIDE_X,
		     NPU_SET_OFM_REGION, NPU_SET_OFM_WIDTH0_M1,
		     NPU_SET_OFM_HEIGHT0_M1, NPU_SET_OFM_HEIGHT1_M1,
		     NPU_SET_OFM_ZERO_POINT);
	npst_cmd0(s, NPU_SET_OFM_PRECISION, ofm_prec);
	npst_cmd0(s, NPU_SET_OFM_WIDTH_M1, op->ofm.w - 1);
	npst_cmd0(s, NPU_SET_OFM_HEIGHT_M1, op->ofm.h - 1);
	npst_cmd0(s, NPU_SET_OFM_DEPTH_M1, op->ofm.c - 1);
	npst_cmd0(s, NPU_SET_OFM_BLK_WIDTH_M1, 7);
	npst_cmd0(s, NPU_SET_OFM_BLK_HEIGHT_M1, 7);
	npst_cmd0(s, NPU_SET_OFM_BLK_DEPTH_M1, 15);

	npst_cmd0(s, NPU_SET_KERNEL_WIDTH_M1, op->kw - 1);
	npst_cmd0(s, NPU_SET_KERNEL_HEIGHT_M1, op->kh - 1);
	npst_cmd0(s, NPU_SET_KERNEL_STRIDE, kstride);
	npst_cmd0(s, NPU_SET_ACTIVATION, 0);
	npst_cmd0(s, NPU_SET_ACTIVATION_MIN, (u16)op->act_min);
	npst_cmd0(s, NPU_SET_ACTIVATION_MAX, (u16)op->act_max);
	npst_emit_scale(s, NPU_SET_OFM_SCALE, &op->ofm_scale);
	npst_emit_scale(s, NPU_SET_OPA_SCALE, &op->opa);
	npst_emit_scale(s, NPU_SET_OPB_SCALE, &op->opb);

	npst_cmd0(s, NPU_SET_WEIGHT_REGION, op->weight_region);
	npst_addr(s, NPU_SET_WEIGHT_BASE, op->weight_base);
	npst_cmd1(s, NPU_SET_WEIGHT_LENGTH, 0, op->weight_len);
	npst_cmd0(s, NPU_SET_SCALE_REGION, op->scale_region);
	npst_addr(s, NPU_SET_SCALE_BASE, op->scale_base);
	npst_cmd1(s, NPU_SET_SCALE_LENGTH, 0, op->scale_len);

	npst_emit_fm(s, &op->ifm2, NPU_SET_IFM2_BASE0, NPU_SET_IFM2_STRIDE_X,
		     NPU_SET_IFM2_REGION, NPU_SET_IFM2_WIDTH0_M1,
		     NPU_SET_IFM2_HEIGHT0_M1, NPU_SET_IFM2_HEIGHT1_M1,
		     NPU_SET_IFM2_ZERO_POINT);
	npst_cmd0(s, NPU_SET_IFM2_PRECISION, op->ifm2.is_signed);
	npst_cmd0(s, NPU_SET_IFM2_BROADCAST, op->bcast);
	npst_cmd0(s, NPU_SET_IFM2_SCALAR, (u16)op->scalar);

	npst_cmd0(s, NPU_SET_BLOCKDEP, 0);
	for (i = 0; i < op->num_extra; i++)
		npst_cmd0(s, op->extra[i] & 0xffff, op->extra[i] >> 16);
	npst_cmd0(s, op->code, op->mode);
	npst_cmd0(s, NPU_OP_KERNEL_WAIT, 0);
	npst_cmd0(s, NPU_OP_STOP, 0xffff);
}

/* A 1 x 1 kernel, stride and dilation 1 */
void npst_unit_window(struct npst_op *op)
{
	op->kw = 1;
	op->kh = 1;
	op->sx = 1;
	op->sy = 1;
	op->dx = 1;
	op->dy = 1;
}

/* The spec's address of element (x, y, c): tiles split at w0 and h0. */
size_t npst_fm_offset(const struct npst_fm *fm, u32 x, u32 y, u32 c)
{
	unsigned int tile = 0;

	if (x >= fm->w0) {
		tile += 1;
		x -= fm->w0;
	}
	if (y >= fm->h0) {
		tile += 2;
		y -= fm->h0;
	}

	return fm->base[tile] + y * fm->sy + x * fm->sx + c;
}

/*
 * Lay out a w x h x c map from *cursor on: random tile split, padding
 * between pixels and rows, negative strides at times. Bases of tiles the
 * map does not use point far outside any region.
 */
void npst_place_fm(struct npst_lcg *l, struct npst_fm *fm, u8 region,
		   u32 w, u32 h, u32 c, u32 *cursor)
{
	bool neg_x = !npst_range(l, 0, 5);
	bool neg_y = !npst_range(l, 0, 3);
	u32 sx = c + npst_range(l, 0, 2);
	u32 sy = w * sx + npst_range(l, 0, 5);
	unsigned int t;

	fm->region = region;
	fm->w = w;
	fm->h = h;
	fm->c = c;
	fm->w0 = npst_range(l, 0, 1) ? w : npst_range(l, 1, w);
	fm->h0 = npst_range(l, 0, 1) ? h : npst_range(l, 1, h);
	fm->sx = neg_x ? -(s64)sx : sx;
	fm->sy = neg_y ? -(s64)sy : sy;

	for (t = 0; t < 4; t++) {
		u32 tw = t & 1 ? w - fm->w0 : fm->w0;
		u32 th = t & 2 ? h - fm->h0 : fm->h0;

		if (!tw || !th) {
			fm->base[t] = 0xfe00000000ULL;
			continue;
		}
		fm->base[t] = *cursor + (neg_x ? (tw - 1) * sx : 0) +
			      (neg_y ? (th - 1) * sy : 0);
		*cursor += (th - 1) * sy + (tw - 1) * sx + c +
			   npst_range(l, 0, 7);
	}
}

void npst_mem_init(struct kunit *test, struct npst_mem *m)
{
	unsigned int r;

	for (r = 0; r < NPU_REGIONS; r++) {
		m->buf[r] = kunit_kzalloc(test, NPST_REGION_SIZE, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, m->buf[r]);
	}
}

void npst_mem_fill(struct npst_lcg *l, struct npst_mem *m)
{
	unsigned int r, i;

	for (r = 0; r < NPU_REGIONS; r++)
		for (i = 0; i < NPST_REGION_SIZE; i++)
			m->buf[r][i] = npst_rand(l);
}

void npst_mem_copy(struct npst_mem *dst, const struct npst_mem *src)
{
	unsigned int r;

	for (r = 0; r < NPU_REGIONS; r++)
		memcpy(dst->buf[r], src->buf[r], NPST_REGION_SIZE);
}

/* Point x at a stream and at the regions of m, NPST_REGION_SIZE each. */
void npst_exec_setup(struct npst_mem *m, const struct npst_stream *s,
		     struct npu_sim_exec *x)
{
	unsigned int r;

	memset(x, 0, sizeof(*x));
	x->stream = (const u8 *)s->words;
	x->size = npst_bytes(s);
	for (r = 0; r < NPU_REGIONS; r++) {
		x->region[r].base = m->buf[r];
		x->region[r].limit = NPST_REGION_SIZE;
	}
}

u32 npst_run(struct npst_mem *m, const struct npst_stream *s,
	     struct npu_sim_exec *x)
{
	npst_exec_setup(m, s, x);

	return npu_sim_exec_stream(x);
}

struct npst_ctx *npst_ctx_init(struct kunit *test, u64 seed)
{
	struct npst_ctx *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->test = test;
	t->lcg.state = seed;
	npst_mem_init(test, &t->sim);
	npst_mem_init(test, &t->ref);
	t->x = kunit_kzalloc(test, sizeof(*t->x), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->x);

	return t;
}

/* A random order of the eight regions, and random memory. */
void npst_ctx_shuffle(struct npst_ctx *t)
{
	unsigned int i, j;

	for (i = 0; i < NPU_REGIONS; i++)
		t->regions[i] = i;
	for (i = NPU_REGIONS - 1; i > 0; i--) {
		j = npst_range(&t->lcg, 0, i);
		swap(t->regions[i], t->regions[j]);
	}
	npst_mem_fill(&t->lcg, &t->sim);
	npst_stream_init(t->test, &t->s, 256);
}

/*
 * Run the stream on the simulator and the reference on a copy of the
 * memory; compare all of it.
 */
void npst_check(struct npst_ctx *t, unsigned int iter,
		void (*ref)(struct npst_ctx *t))
{
	struct kunit *test = t->test;
	unsigned int r, i;
	u32 status;

	npst_mem_copy(&t->ref, &t->sim);
	status = npst_run(&t->sim, &t->s, t->x);
	KUNIT_ASSERT_EQ_MSG(test, status, NPU_STATUS_CMD_END_REACHED,
			    "iteration %u", iter);
	KUNIT_EXPECT_EQ(test, t->x->qread, npst_bytes(&t->s));
	ref(t);

	for (r = 0; r < NPU_REGIONS; r++) {
		for (i = 0; i < NPST_REGION_SIZE; i++)
			if (t->sim.buf[r][i] != t->ref.buf[r][i])
				break;
		KUNIT_ASSERT_EQ_MSG(test, i, NPST_REGION_SIZE,
				    "iteration %u: region %u byte %u: sim %#x ref %#x",
				    iter, r, i, t->sim.buf[r][i], t->ref.buf[r][i]);
	}
}

MODULE_DESCRIPTION("KUnit suites of the simulated NPU");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright © 2026 The drm_dep authors
 */

#ifndef _NPU_SIM_TEST_H_
#define _NPU_SIM_TEST_H_

#include <linux/sizes.h>
#include <linux/types.h>

#include "../npu_sim_internal.h"

struct kunit;

/* Bytes of each region of a test memory. */
#define NPST_REGION_SIZE	SZ_16K

/**
 * struct npst_lcg - a small reproducible pseudo-random generator
 * @state: the state; seed it with a constant
 */
struct npst_lcg {
	u64 state;
};

u32 npst_rand(struct npst_lcg *l);
s32 npst_range(struct npst_lcg *l, s32 lo, s32 hi);

/**
 * struct npst_stream - a command stream under construction
 * @words: the words, little-endian
 * @n: words written
 * @max: room in @words
 */
struct npst_stream {
	__le32 *words;
	unsigned int n;
	unsigned int max;
};

void npst_stream_init(struct kunit *test, struct npst_stream *s,
		      unsigned int max);
void npst_cmd0(struct npst_stream *s, u16 code, u16 param);
void npst_cmd1(struct npst_stream *s, u16 code, u16 param, u32 payload);
void npst_addr(struct npst_stream *s, u16 code, u64 addr);
u32 npst_bytes(const struct npst_stream *s);

/**
 * struct npst_fm - a feature map as a test lays it out
 * @region: its region
 * @base: tile bases, region-relative
 * @sx: byte stride between columns
 * @sy: byte stride between rows
 * @w0: width of tiles 0 and 2
 * @h0: height of tiles 0 and 1
 * @w: width
 * @h: height
 * @c: channels
 * @is_signed: int8, else uint8
 * @zp: zero point
 */
struct npst_fm {
	u8 region;
	u64 base[4];
	s64 sx;
	s64 sy;
	u32 w0;
	u32 h0;
	u32 w;
	u32 h;
	u32 c;
	bool is_signed;
	s16 zp;
};

/**
 * struct npst_op - one feature map operation as a test describes it
 * @code: NPU_OP_CONV, NPU_OP_DEPTHWISE, NPU_OP_POOL or NPU_OP_ELEMENTWISE
 * @mode: pool or elementwise mode
 * @ifm: the IFM
 * @ifm2: the IFM2
 * @ofm: the OFM
 * @kw: kernel width
 * @kh: kernel height
 * @sx: horizontal stride, 1 to 4
 * @sy: vertical stride, 1 to 4
 * @dx: horizontal dilation, 1 or 2
 * @dy: vertical dilation, 1 or 2
 * @pad_top: padding above
 * @pad_left: padding left
 * @pad_right: padding right
 * @pad_bottom: padding below
 * @weight_region: region of the weights
 * @weight_base: base of the weights
 * @weight_len: WEIGHT_LENGTH
 * @scale_region: region of the records
 * @scale_base: base of the records
 * @scale_len: SCALE_LENGTH
 * @global: OFM precision bit 8
 * @round: rounding mode
 * @ofm_scale: OFM_SCALE
 * @opa: OPA_SCALE
 * @opb: OPB_SCALE
 * @act_min: ACTIVATION_MIN
 * @act_max: ACTIVATION_MAX
 * @bcast: IFM2_BROADCAST
 * @scalar: IFM2_SCALAR
 * @extra: CMD0 words (code | param << 16) emitted just before the operation
 * @num_extra: words in @extra
 */
struct npst_op {
	u16 code;
	u16 mode;
	struct npst_fm ifm;
	struct npst_fm ifm2;
	struct npst_fm ofm;
	u32 kw;
	u32 kh;
	u32 sx;
	u32 sy;
	u32 dx;
	u32 dy;
	u32 pad_top;
	u32 pad_left;
	u32 pad_right;
	u32 pad_bottom;
	u8 weight_region;
	u64 weight_base;
	u32 weight_len;
	u8 scale_region;
	u64 scale_base;
	u32 scale_len;
	bool global;
	u8 round;
	struct npu_sim_scale ofm_scale;
	struct npu_sim_scale opa;
	struct npu_sim_scale opb;
	s16 act_min;
	s16 act_max;
	u16 bcast;
	s16 scalar;
	u32 extra[4];
	unsigned int num_extra;
};

void npst_unit_window(struct npst_op *op);
void npst_emit_op(struct npst_stream *s, const struct npst_op *op);
size_t npst_fm_offset(const struct npst_fm *fm, u32 x, u32 y, u32 c);
void npst_place_fm(struct npst_lcg *l, struct npst_fm *fm, u8 region,
		   u32 w, u32 h, u32 c, u32 *cursor);

/**
 * struct npst_mem - the memory of the eight regions of a test
 * @buf: NPST_REGION_SIZE bytes per region
 */
struct npst_mem {
	u8 *buf[NPU_REGIONS];
};

void npst_mem_init(struct kunit *test, struct npst_mem *m);
void npst_mem_fill(struct npst_lcg *l, struct npst_mem *m);
void npst_mem_copy(struct npst_mem *dst, const struct npst_mem *src);
void npst_exec_setup(struct npst_mem *m, const struct npst_stream *s,
		     struct npu_sim_exec *x);
u32 npst_run(struct npst_mem *m, const struct npst_stream *s,
	     struct npu_sim_exec *x);

/**
 * struct npst_ctx - a randomised test of the interpreter
 * @test: the test
 * @lcg: its generator
 * @sim: the memory the simulator runs on
 * @ref: a copy the reference runs on
 * @s: the stream
 * @x: the interpreter
 * @op: the operation of the stream, if it is one
 * @regions: the region numbers in a random order
 * @priv: for the test
 */
struct npst_ctx {
	struct kunit *test;
	struct npst_lcg lcg;
	struct npst_mem sim;
	struct npst_mem ref;
	struct npst_stream s;
	struct npu_sim_exec *x;
	struct npst_op op;
	u8 regions[NPU_REGIONS];
	void *priv;
};

struct npst_ctx *npst_ctx_init(struct kunit *test, u64 seed);
void npst_ctx_shuffle(struct npst_ctx *t);
void npst_check(struct npst_ctx *t, unsigned int iter,
		void (*ref)(struct npst_ctx *t));

#endif /* _NPU_SIM_TEST_H_ */

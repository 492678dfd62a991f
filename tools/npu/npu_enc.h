/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 The drm_dep authors
 *
 * A small encoder of NPU command streams (the format of
 * drivers/npu/npu_regs.h) for int8/uint8 NHWC feature maps, and a CPU
 * reference of what the simulated NPU computes for them, after the
 * "Arithmetic of the simulated NPU" in Documentation/accel/npu.rst.
 */
#ifndef _NPU_ENC_H_
#define _NPU_ENC_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "npu_regs.h"

/**
 * struct npu_enc - a command stream being built
 * @w: the words
 * @n: words used
 * @cap: words allocated
 * @err: set once an allocation failed; the stream is then unusable
 */
struct npu_enc {
	uint32_t *w;
	size_t n, cap;
	bool err;
};

/**
 * struct npu_fm - an NHWC feature map of 8-bit elements, densely packed
 * @region: the region (0 to 7)
 * @base: its offset in the region
 * @w: width
 * @h: height
 * @c: channels
 * @is_signed: int8 rather than uint8
 * @zp: the zero point
 */
struct npu_fm {
	uint8_t region;
	uint64_t base;
	uint32_t w, h, c;
	bool is_signed;
	int16_t zp;
};

/**
 * struct npu_out - how an operation's results become OFM bytes
 * @scale: the OFM_SCALE multiplier (0: no scale)
 * @shift: the OFM_SCALE shift
 * @lo: ACTIVATION_MIN
 * @hi: ACTIVATION_MAX
 * @round: rounding mode, NPU_ROUND_*
 * @global_scale: CONV and DEPTHWISE use @scale, not their records
 */
struct npu_out {
	int32_t scale;
	uint8_t shift;
	int16_t lo, hi;
	uint8_t round;
	bool global_scale;
};

/**
 * struct npu_kernel - the window of a pooling or convolution
 * @w: kernel width
 * @h: kernel height
 * @sx: stride in x (1 to 4)
 * @sy: stride in y (1 to 4)
 * @pad_top: IFM padding at the top
 * @pad_left: on the left
 * @pad_bottom: at the bottom
 * @pad_right: on the right
 */
struct npu_kernel {
	uint32_t w, h, sx, sy;
	uint32_t pad_top, pad_left, pad_bottom, pad_right;
};

/**
 * struct npu_ew_scales - the operand scales of an elementwise operation
 * @a: OPA_SCALE multiplier
 * @a_shift: its shift
 * @b: OPB_SCALE multiplier
 * @b_shift: its shift
 */
struct npu_ew_scales {
	int32_t a;
	uint8_t a_shift;
	int32_t b;
	uint8_t b_shift;
};

static inline size_t npu_fm_size(const struct npu_fm *fm)
{
	return (size_t)fm->w * fm->h * fm->c;
}

void npu_enc_init(struct npu_enc *e);
void npu_enc_free(struct npu_enc *e);
void npu_enc_cmd(struct npu_enc *e, uint16_t code, uint64_t value);
void npu_enc_ifm(struct npu_enc *e, const struct npu_fm *fm);
void npu_enc_ifm2(struct npu_enc *e, const struct npu_fm *fm);
void npu_enc_ofm(struct npu_enc *e, const struct npu_fm *fm,
		 const struct npu_out *out);
void npu_enc_kernel(struct npu_enc *e, const struct npu_kernel *k);
void npu_enc_dma(struct npu_enc *e, uint8_t src_region, uint64_t src,
		 uint8_t dst_region, uint64_t dst, uint64_t len);
void npu_enc_elementwise(struct npu_enc *e, enum npu_elementwise_mode mode,
			 const struct npu_fm *ifm, const struct npu_fm *ifm2,
			 const struct npu_ew_scales *sc,
			 const struct npu_fm *ofm, const struct npu_out *out);
void npu_enc_elementwise_scalar(struct npu_enc *e,
				enum npu_elementwise_mode mode,
				const struct npu_fm *ifm, int16_t scalar,
				const struct npu_ew_scales *sc,
				const struct npu_fm *ofm,
				const struct npu_out *out);
void npu_enc_pool(struct npu_enc *e, enum npu_pool_mode mode,
		  const struct npu_fm *ifm, const struct npu_kernel *k,
		  const struct npu_fm *ofm, const struct npu_out *out);
void npu_enc_conv(struct npu_enc *e, bool depthwise, const struct npu_fm *ifm,
		  const struct npu_kernel *k, uint8_t weight_region,
		  uint64_t weight_base, uint8_t scale_region,
		  uint64_t scale_base, const struct npu_fm *ofm,
		  const struct npu_out *out);
void npu_enc_stop(struct npu_enc *e);

size_t npu_conv_weights_size(bool depthwise, const struct npu_fm *ifm,
			     const struct npu_kernel *k,
			     const struct npu_fm *ofm);
void npu_scale_record(uint8_t *rec, int64_t bias, int32_t scale,
		      uint8_t shift);

/* The CPU reference: ofm_data gets npu_fm_size(ofm) bytes. */
void npu_ref_elementwise(enum npu_elementwise_mode mode,
			 const struct npu_fm *ifm, const uint8_t *a,
			 const struct npu_fm *ifm2, const uint8_t *b,
			 const int16_t *scalar, const struct npu_ew_scales *sc,
			 const struct npu_fm *ofm, const struct npu_out *out,
			 uint8_t *ofm_data);
void npu_ref_pool(enum npu_pool_mode mode, const struct npu_fm *ifm,
		  const uint8_t *a, const struct npu_kernel *k,
		  const struct npu_fm *ofm, const struct npu_out *out,
		  uint8_t *ofm_data);
void npu_ref_conv(bool depthwise, const struct npu_fm *ifm, const uint8_t *a,
		  const struct npu_kernel *k, const int8_t *weights,
		  const uint8_t *records, const struct npu_fm *ofm,
		  const struct npu_out *out, uint8_t *ofm_data);

#endif /* _NPU_ENC_H_ */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright © 2026 The drm_dep authors
 */

#ifndef _NPU_REGS_H_
#define _NPU_REGS_H_

#include <linux/bits.h>
#include <linux/types.h>

/**
 * DOC: NPU register file and command stream
 *
 * The hardware interface of an Ethos-U65-class NPU core as the npu driver
 * and the simulated NPU both see it: one register file and one interrupt
 * line per core, and a command stream the core fetches from memory. This
 * header describes the hardware and nothing else; the driver and the
 * simulator each include it and share no other code.
 *
 * Registers are 32 bits wide and 32-bit aligned. All of them follow the
 * Ethos-U65 layout except NPU_REG_REGION_LIMIT(), which is our addition:
 * the byte size of the memory behind each region base, programmed by the
 * driver from the bound buffer objects. The simulated NPU checks every
 * memory access against it and raises a bus fault instead of touching
 * memory outside; silicon gets the same isolation from an IOMMU or an
 * MPU in front of the NPU.
 *
 * A command stream is a sequence of little-endian 32-bit words. The low
 * 16 bits of a command's first word are its code, the high 16 bits its
 * parameter. A code with bit 14 (NPU_CMD1_FLAG) set is followed by a
 * second, 32-bit payload word; an address or stride payload has 40 bits:
 * bits [7:0] of the parameter are its bits [39:32]. Codes below 0x100
 * are operations, codes from 0x100 set the state operations use.
 */

/* Registers */
#define NPU_REG_ID			0x000
#define NPU_REG_STATUS			0x004
#define   NPU_STATUS_STATE_RUNNING	BIT(0)
#define   NPU_STATUS_IRQ_RAISED		BIT(1)
#define   NPU_STATUS_BUS_STATUS		BIT(2)
#define   NPU_STATUS_RESET_STATUS	BIT(3)
#define   NPU_STATUS_CMD_PARSE_ERR	BIT(4)
#define   NPU_STATUS_CMD_END_REACHED	BIT(5)
#define NPU_REG_CMD			0x008
#define   NPU_CMD_TRANSITION_TO_RUN	BIT(0)
#define   NPU_CMD_CLEAR_IRQ		BIT(1)
#define NPU_REG_RESET			0x00c
#define   NPU_RESET_PENDING_CPL		BIT(0)
#define   NPU_RESET_PENDING_CSL		BIT(1)
#define NPU_REG_QBASE			0x010
#define NPU_REG_QBASE_HI		0x014
#define NPU_REG_QREAD			0x018
#define NPU_REG_QCONFIG			0x01c
#define NPU_REG_QSIZE			0x020
#define NPU_REG_PROT			0x024
#define   NPU_PROT_ACTIVE_CSL		BIT(1)
#define NPU_REG_CONFIG			0x028
#define NPU_REG_REGIONCFG		0x03c
#define NPU_REG_AXILIMIT(n)		(0x040 + 4 * (n))
#define NPU_AXILIMITS			4
#define NPU_REG_BASEP(r)		(0x080 + 8 * (r))
#define NPU_REG_BASEP_HI(r)		(0x084 + 8 * (r))
/* Ours: the byte size of the memory region r may reach. */
#define NPU_REG_REGION_LIMIT(r)		(0x0c0 + 4 * (r))
#define NPU_REG_LAST			NPU_REG_REGION_LIMIT(NPU_REGIONS - 1)

/* ID fields */
#define NPU_ID_ARCH_MAJOR(id)		((id) >> 28)

/* CONFIG fields: [3:0] log2 of the MACs per cycle, [7:4] stream version */
#define NPU_CONFIG_MACS_LOG2(c)		((c) & 0xf)
#define NPU_CONFIG_CMD_STREAM_VER(c)	(((c) >> 4) & 0xf)

/* The value written to REGIONCFG: region 2 on AXI port M0, others on M1. */
#define NPU_REGIONCFG_DEFAULT		0x0000aa8a
/* AXI limits: the reset values of the U65 (no limit on outstanding ops). */
#define NPU_AXILIMIT_DEFAULT		0x0f1f0000

#define NPU_REGIONS			8
/* The region that Vela and upstream ethosu reserve for the on-chip SRAM. */
#define NPU_SRAM_REGION			2

/* Command stream words */
#define NPU_CMD_CODE(w)			((w) & 0xffff)
#define NPU_CMD_PARAM(w)		((w) >> 16)
#define NPU_CMD1_FLAG			0x4000
#define NPU_CMD_IS_CMD1(code)		(!!((code) & NPU_CMD1_FLAG))
/* The 40-bit address or stride of a CMD1 command, sign-less. */
#define NPU_CMD1_ADDR(w0, w1)		((((u64)NPU_CMD_PARAM(w0) & 0xff) << 32) | (w1))
/* Streams and their bases are 16-byte aligned. */
#define NPU_CMDSTREAM_ALIGN		16

/**
 * enum npu_cmd - command codes of the Ethos-U65 command stream
 *
 * Only the codes the driver's validator or the simulated NPU interpret
 * are listed; the validator ignores others, as silicon's parser does for
 * state it does not use, and the simulated NPU stops on them with a
 * parse error.
 *
 * @NPU_OP_STOP: end of the stream; the core raises its interrupt.
 * @NPU_OP_IRQ: raise the interrupt and continue.
 * @NPU_OP_CONV: convolution (param bit 0: weights come from IFM2).
 * @NPU_OP_DEPTHWISE: depthwise convolution.
 * @NPU_OP_POOL: pooling; param is enum npu_pool_mode.
 * @NPU_OP_ELEMENTWISE: elementwise; param is enum npu_elementwise_mode.
 * @NPU_OP_DMA_START: start the DMA described by the DMA0 state.
 * @NPU_OP_DMA_WAIT: wait until at most param DMA operations are pending.
 * @NPU_OP_KERNEL_WAIT: wait until at most param NPU operations are pending.
 * @NPU_OP_PMU_MASK: PMU event mask.
 * @NPU_SET_IFM_PAD_TOP: IFM padding at the top, in elements.
 * @NPU_SET_IFM_PAD_LEFT: IFM padding on the left.
 * @NPU_SET_IFM_PAD_RIGHT: IFM padding on the right.
 * @NPU_SET_IFM_PAD_BOTTOM: IFM padding at the bottom.
 * @NPU_SET_IFM_DEPTH_M1: IFM depth minus one.
 * @NPU_SET_IFM_PRECISION: IFM precision, see NPU_IFM_PREC_*.
 * @NPU_SET_IFM_UPSCALE: IFM upscaling mode.
 * @NPU_SET_IFM_ZERO_POINT: IFM zero point.
 * @NPU_SET_IFM_WIDTH0_M1: width of IFM tiles 0 and 2, minus one.
 * @NPU_SET_IFM_HEIGHT0_M1: height of IFM tiles 0 and 1, minus one.
 * @NPU_SET_IFM_HEIGHT1_M1: height of IFM tiles 2 and 3, minus one.
 * @NPU_SET_IFM_IB_END: end of the IFM input buffer in shared RAM.
 * @NPU_SET_IFM_REGION: region of the IFM (param bits [2:0]).
 * @NPU_SET_OFM_WIDTH_M1: OFM width minus one.
 * @NPU_SET_OFM_HEIGHT_M1: OFM height minus one.
 * @NPU_SET_OFM_DEPTH_M1: OFM depth minus one.
 * @NPU_SET_OFM_PRECISION: OFM precision, see NPU_OFM_PREC_*.
 * @NPU_SET_OFM_BLK_WIDTH_M1: OFM block width minus one.
 * @NPU_SET_OFM_BLK_HEIGHT_M1: OFM block height minus one.
 * @NPU_SET_OFM_BLK_DEPTH_M1: OFM block depth minus one.
 * @NPU_SET_OFM_ZERO_POINT: OFM zero point.
 * @NPU_SET_OFM_WIDTH0_M1: width of OFM tiles 0 and 2, minus one.
 * @NPU_SET_OFM_HEIGHT0_M1: height of OFM tiles 0 and 1, minus one.
 * @NPU_SET_OFM_HEIGHT1_M1: height of OFM tiles 2 and 3, minus one.
 * @NPU_SET_OFM_REGION: region of the OFM (param bits [2:0]).
 * @NPU_SET_KERNEL_WIDTH_M1: kernel width minus one.
 * @NPU_SET_KERNEL_HEIGHT_M1: kernel height minus one.
 * @NPU_SET_KERNEL_STRIDE: kernel stride and dilation, see NPU_KSTRIDE_*.
 * @NPU_SET_PARALLEL_MODE: parallel mode (single core only here).
 * @NPU_SET_ACC_FORMAT: accumulator format.
 * @NPU_SET_ACTIVATION: activation function ([11:0] type, 0 = none).
 * @NPU_SET_ACTIVATION_MIN: lower clamp of the output, signed 16 bits.
 * @NPU_SET_ACTIVATION_MAX: upper clamp of the output, signed 16 bits.
 * @NPU_SET_WEIGHT_REGION: region of the weights.
 * @NPU_SET_SCALE_REGION: region of the bias and scale records.
 * @NPU_SET_AB_START: start of the accumulator buffer in shared RAM.
 * @NPU_SET_BLOCKDEP: block dependency hint.
 * @NPU_SET_DMA0_SRC_REGION: DMA source ([7:0] region, bit 8 internal,
 *	[10:9] stride mode).
 * @NPU_SET_DMA0_DST_REGION: DMA destination, same fields.
 * @NPU_SET_DMA0_SIZE0: DMA inner repeat count (stride modes 1 and 2).
 * @NPU_SET_DMA0_SIZE1: DMA outer repeat count (stride mode 2).
 * @NPU_SET_IFM2_BROADCAST: IFM2 broadcast, see NPU_IFM2_BCAST_*.
 * @NPU_SET_IFM2_SCALAR: IFM2 scalar value.
 * @NPU_SET_IFM2_PRECISION: IFM2 precision, as the IFM's.
 * @NPU_SET_IFM2_ZERO_POINT: IFM2 zero point.
 * @NPU_SET_IFM2_WIDTH0_M1: width of IFM2 tiles 0 and 2, minus one.
 * @NPU_SET_IFM2_HEIGHT0_M1: height of IFM2 tiles 0 and 1, minus one.
 * @NPU_SET_IFM2_HEIGHT1_M1: height of IFM2 tiles 2 and 3, minus one.
 * @NPU_SET_IFM2_IB_START: start of the IFM2 input buffer in shared RAM.
 * @NPU_SET_IFM2_REGION: region of the IFM2 (param bits [2:0]).
 * @NPU_SET_IFM_BASE0: IFM tile 0 base, region-relative.
 * @NPU_SET_IFM_BASE1: IFM tile 1 base.
 * @NPU_SET_IFM_BASE2: IFM tile 2 base.
 * @NPU_SET_IFM_BASE3: IFM tile 3 base.
 * @NPU_SET_IFM_STRIDE_X: IFM byte stride between columns.
 * @NPU_SET_IFM_STRIDE_Y: IFM byte stride between rows.
 * @NPU_SET_IFM_STRIDE_C: IFM byte stride between channels (blocks of
 *	16 channels in NHCWB16).
 * @NPU_SET_OFM_BASE0: OFM tile 0 base, region-relative.
 * @NPU_SET_OFM_BASE1: OFM tile 1 base.
 * @NPU_SET_OFM_BASE2: OFM tile 2 base.
 * @NPU_SET_OFM_BASE3: OFM tile 3 base.
 * @NPU_SET_OFM_STRIDE_X: OFM byte stride between columns.
 * @NPU_SET_OFM_STRIDE_Y: OFM byte stride between rows.
 * @NPU_SET_OFM_STRIDE_C: OFM byte stride between channels.
 * @NPU_SET_WEIGHT_BASE: weights base, region-relative.
 * @NPU_SET_WEIGHT_LENGTH: weights length in bytes.
 * @NPU_SET_SCALE_BASE: bias and scale records base, region-relative.
 * @NPU_SET_SCALE_LENGTH: bias and scale records length in bytes.
 * @NPU_SET_OFM_SCALE: OFM scale (param: shift, payload: scale).
 * @NPU_SET_OPA_SCALE: operand A scale (param: shift, payload: scale).
 * @NPU_SET_OPB_SCALE: operand B scale (param: shift, payload: scale).
 * @NPU_SET_DMA0_SRC: DMA source address, region-relative.
 * @NPU_SET_DMA0_DST: DMA destination address, region-relative.
 * @NPU_SET_DMA0_LEN: DMA length in bytes (of one row in stride modes).
 * @NPU_SET_DMA0_SRC_STRIDE0: DMA source inner stride.
 * @NPU_SET_DMA0_SRC_STRIDE1: DMA source outer stride.
 * @NPU_SET_DMA0_DST_STRIDE0: DMA destination inner stride.
 * @NPU_SET_DMA0_DST_STRIDE1: DMA destination outer stride.
 * @NPU_SET_IFM2_BASE0: IFM2 tile 0 base, region-relative.
 * @NPU_SET_IFM2_BASE1: IFM2 tile 1 base.
 * @NPU_SET_IFM2_BASE2: IFM2 tile 2 base.
 * @NPU_SET_IFM2_BASE3: IFM2 tile 3 base.
 * @NPU_SET_IFM2_STRIDE_X: IFM2 byte stride between columns.
 * @NPU_SET_IFM2_STRIDE_Y: IFM2 byte stride between rows.
 * @NPU_SET_IFM2_STRIDE_C: IFM2 byte stride between channels.
 * @NPU_SET_WEIGHT1_BASE: second weight stream base (dual-core U65).
 * @NPU_SET_WEIGHT1_LENGTH: second weight stream length.
 * @NPU_SET_SCALE1_BASE: second scale stream base (U65).
 * @NPU_SET_SCALE1_LENGTH: second scale stream length (U65).
 */
enum npu_cmd {
	NPU_OP_STOP			= 0x000,
	NPU_OP_IRQ			= 0x001,
	NPU_OP_CONV			= 0x002,
	NPU_OP_DEPTHWISE		= 0x003,
	NPU_OP_POOL			= 0x005,
	NPU_OP_ELEMENTWISE		= 0x006,
	NPU_OP_DMA_START		= 0x010,
	NPU_OP_DMA_WAIT			= 0x011,
	NPU_OP_KERNEL_WAIT		= 0x012,
	NPU_OP_PMU_MASK			= 0x013,

	NPU_SET_IFM_PAD_TOP		= 0x100,
	NPU_SET_IFM_PAD_LEFT		= 0x101,
	NPU_SET_IFM_PAD_RIGHT		= 0x102,
	NPU_SET_IFM_PAD_BOTTOM		= 0x103,
	NPU_SET_IFM_DEPTH_M1		= 0x104,
	NPU_SET_IFM_PRECISION		= 0x105,
	NPU_SET_IFM_UPSCALE		= 0x107,
	NPU_SET_IFM_ZERO_POINT		= 0x109,
	NPU_SET_IFM_WIDTH0_M1		= 0x10a,
	NPU_SET_IFM_HEIGHT0_M1		= 0x10b,
	NPU_SET_IFM_HEIGHT1_M1		= 0x10c,
	NPU_SET_IFM_IB_END		= 0x10d,
	NPU_SET_IFM_REGION		= 0x10f,
	NPU_SET_OFM_WIDTH_M1		= 0x111,
	NPU_SET_OFM_HEIGHT_M1		= 0x112,
	NPU_SET_OFM_DEPTH_M1		= 0x113,
	NPU_SET_OFM_PRECISION		= 0x114,
	NPU_SET_OFM_BLK_WIDTH_M1	= 0x115,
	NPU_SET_OFM_BLK_HEIGHT_M1	= 0x116,
	NPU_SET_OFM_BLK_DEPTH_M1	= 0x117,
	NPU_SET_OFM_ZERO_POINT		= 0x118,
	NPU_SET_OFM_WIDTH0_M1		= 0x11a,
	NPU_SET_OFM_HEIGHT0_M1		= 0x11b,
	NPU_SET_OFM_HEIGHT1_M1		= 0x11c,
	NPU_SET_OFM_REGION		= 0x11f,
	NPU_SET_KERNEL_WIDTH_M1		= 0x120,
	NPU_SET_KERNEL_HEIGHT_M1	= 0x121,
	NPU_SET_KERNEL_STRIDE		= 0x122,
	NPU_SET_PARALLEL_MODE		= 0x123,
	NPU_SET_ACC_FORMAT		= 0x124,
	NPU_SET_ACTIVATION		= 0x125,
	NPU_SET_ACTIVATION_MIN		= 0x126,
	NPU_SET_ACTIVATION_MAX		= 0x127,
	NPU_SET_WEIGHT_REGION		= 0x128,
	NPU_SET_SCALE_REGION		= 0x129,
	NPU_SET_AB_START		= 0x12d,
	NPU_SET_BLOCKDEP		= 0x12f,
	NPU_SET_DMA0_SRC_REGION		= 0x130,
	NPU_SET_DMA0_DST_REGION		= 0x131,
	NPU_SET_DMA0_SIZE0		= 0x132,
	NPU_SET_DMA0_SIZE1		= 0x133,
	NPU_SET_IFM2_BROADCAST		= 0x180,
	NPU_SET_IFM2_SCALAR		= 0x181,
	NPU_SET_IFM2_PRECISION		= 0x185,
	NPU_SET_IFM2_ZERO_POINT		= 0x189,
	NPU_SET_IFM2_WIDTH0_M1		= 0x18a,
	NPU_SET_IFM2_HEIGHT0_M1		= 0x18b,
	NPU_SET_IFM2_HEIGHT1_M1		= 0x18c,
	NPU_SET_IFM2_IB_START		= 0x18d,
	NPU_SET_IFM2_REGION		= 0x18f,

	NPU_SET_IFM_BASE0		= 0x4000,
	NPU_SET_IFM_BASE1		= 0x4001,
	NPU_SET_IFM_BASE2		= 0x4002,
	NPU_SET_IFM_BASE3		= 0x4003,
	NPU_SET_IFM_STRIDE_X		= 0x4004,
	NPU_SET_IFM_STRIDE_Y		= 0x4005,
	NPU_SET_IFM_STRIDE_C		= 0x4006,
	NPU_SET_OFM_BASE0		= 0x4010,
	NPU_SET_OFM_BASE1		= 0x4011,
	NPU_SET_OFM_BASE2		= 0x4012,
	NPU_SET_OFM_BASE3		= 0x4013,
	NPU_SET_OFM_STRIDE_X		= 0x4014,
	NPU_SET_OFM_STRIDE_Y		= 0x4015,
	NPU_SET_OFM_STRIDE_C		= 0x4016,
	NPU_SET_WEIGHT_BASE		= 0x4020,
	NPU_SET_WEIGHT_LENGTH		= 0x4021,
	NPU_SET_SCALE_BASE		= 0x4022,
	NPU_SET_SCALE_LENGTH		= 0x4023,
	NPU_SET_OFM_SCALE		= 0x4024,
	NPU_SET_OPA_SCALE		= 0x4025,
	NPU_SET_OPB_SCALE		= 0x4026,
	NPU_SET_DMA0_SRC		= 0x4030,
	NPU_SET_DMA0_DST		= 0x4031,
	NPU_SET_DMA0_LEN		= 0x4032,
	NPU_SET_DMA0_SRC_STRIDE0	= 0x4033,
	NPU_SET_DMA0_SRC_STRIDE1	= 0x4034,
	NPU_SET_DMA0_DST_STRIDE0	= 0x4035,
	NPU_SET_DMA0_DST_STRIDE1	= 0x4036,
	NPU_SET_IFM2_BASE0		= 0x4080,
	NPU_SET_IFM2_BASE1		= 0x4081,
	NPU_SET_IFM2_BASE2		= 0x4082,
	NPU_SET_IFM2_BASE3		= 0x4083,
	NPU_SET_IFM2_STRIDE_X		= 0x4084,
	NPU_SET_IFM2_STRIDE_Y		= 0x4085,
	NPU_SET_IFM2_STRIDE_C		= 0x4086,
	NPU_SET_WEIGHT1_BASE		= 0x4090,
	NPU_SET_WEIGHT1_LENGTH		= 0x4091,
	NPU_SET_SCALE1_BASE		= 0x4092,
	NPU_SET_SCALE1_LENGTH		= 0x4093,
};

/**
 * enum npu_pool_mode - parameter of NPU_OP_POOL
 * @NPU_POOL_MAX: maximum over the kernel window.
 * @NPU_POOL_AVERAGE: average over the kernel window.
 * @NPU_POOL_REDUCE_SUM: sum over the kernel window.
 */
enum npu_pool_mode {
	NPU_POOL_MAX		= 0,
	NPU_POOL_AVERAGE	= 1,
	NPU_POOL_REDUCE_SUM	= 2,
};

/**
 * enum npu_elementwise_mode - parameter of NPU_OP_ELEMENTWISE (U65 numbering)
 * @NPU_EW_MUL: a * b.
 * @NPU_EW_ADD: a + b.
 * @NPU_EW_SUB: a - b.
 * @NPU_EW_MIN: min(a, b).
 * @NPU_EW_MAX: max(a, b).
 * @NPU_EW_LRELU: leaky ReLU of a (unary).
 * @NPU_EW_ABS: absolute value of a (unary).
 * @NPU_EW_CLZ: count of leading zeros of a (unary).
 * @NPU_EW_SHR: a >> b.
 * @NPU_EW_SHL: a << b.
 */
enum npu_elementwise_mode {
	NPU_EW_MUL	= 0,
	NPU_EW_ADD	= 1,
	NPU_EW_SUB	= 2,
	NPU_EW_MIN	= 3,
	NPU_EW_MAX	= 4,
	NPU_EW_LRELU	= 5,
	NPU_EW_ABS	= 6,
	NPU_EW_CLZ	= 7,
	NPU_EW_SHR	= 8,
	NPU_EW_SHL	= 9,
};

/* NPU_SET_IFM_PRECISION and NPU_SET_IFM2_PRECISION fields */
#define NPU_IFM_PREC_SIGNED(p)		((p) & 0x1)
#define NPU_IFM_PREC_BITS(p)		(((p) >> 2) & 0x3)	/* 0: 8, 1: 16, 2: 32 */
#define NPU_IFM_PREC_FORMAT(p)		(((p) >> 6) & 0x3)
#define NPU_IFM_PREC_SCALE_MODE(p)	(((p) >> 8) & 0x3)
#define NPU_IFM_PREC_ROUND(p)		(((p) >> 14) & 0x3)

/* NPU_SET_OFM_PRECISION fields */
#define NPU_OFM_PREC_SIGNED(p)		((p) & 0x1)
#define NPU_OFM_PREC_BITS(p)		(((p) >> 1) & 0x3)	/* 0: 8, 1: 16, 2: 32 */
#define NPU_OFM_PREC_FORMAT(p)		(((p) >> 6) & 0x3)
#define NPU_OFM_PREC_GLOBAL_SCALE(p)	(((p) >> 8) & 0x1)
#define NPU_OFM_PREC_ROUND(p)		(((p) >> 14) & 0x3)

/* Feature map formats */
#define NPU_FORMAT_NHWC			0
#define NPU_FORMAT_NHCWB16		1

/* Rounding modes (precision bits [15:14]) */
#define NPU_ROUND_DBL			0
#define NPU_ROUND_TRUNCATE		1
#define NPU_ROUND_NATURAL		2

/* NPU_SET_KERNEL_STRIDE fields */
/* Stride x - 1 is bits 6 and 0, stride y - 1 bits 9 and 1. */
static inline unsigned int npu_kstride_x(u32 p)
{
	return ((p & 0x1) | ((p >> 5) & 0x2)) + 1;
}

static inline unsigned int npu_kstride_y(u32 p)
{
	return (((p >> 1) & 0x1) | ((p >> 8) & 0x2)) + 1;
}

#define NPU_KSTRIDE_PART_KERNEL_FIRST(p) (((p) >> 2) & 0x1)
#define NPU_KSTRIDE_DILATION_X(p)	((((p) >> 3) & 0x1) + 1)
#define NPU_KSTRIDE_DILATION_Y(p)	((((p) >> 4) & 0x1) + 1)

/* NPU_OP_CONV parameter */
#define NPU_CONV_WEIGHTS_IFM2		BIT(0)

/* NPU_SET_IFM2_BROADCAST fields (U65) */
#define NPU_IFM2_BCAST_H		BIT(0)
#define NPU_IFM2_BCAST_W		BIT(1)
#define NPU_IFM2_BCAST_C		BIT(2)
#define NPU_IFM2_BCAST_REVERSED		BIT(6)
#define NPU_IFM2_BCAST_SCALAR		BIT(7)

/* NPU_SET_DMA0_{SRC,DST}_REGION fields */
#define NPU_DMA_REGION(p)		((p) & 0xff)
#define NPU_DMA_REGION_INTERNAL		BIT(8)
#define NPU_DMA_STRIDE_MODE(p)		(((p) >> 9) & 0x3)

/* Region fields of NPU_SET_{IFM,IFM2,OFM,WEIGHT,SCALE}_REGION */
#define NPU_REGION(p)			((p) & 0x7)

/* The bias and scale record of one output channel, in bytes. */
#define NPU_SCALE_RECORD_SIZE		10

#endif /* _NPU_REGS_H_ */

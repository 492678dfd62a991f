/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright © 2026 The drm_dep authors
 */

#ifndef _NPU_SIM_INTERNAL_H_
#define _NPU_SIM_INTERNAL_H_

#include <linux/completion.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "../npu_pdata.h"
#include "../npu_regs.h"
#include "npu_sim.h"

struct dentry;
struct fwnode_handle;
struct irq_domain;
struct platform_device;
struct regmap;

/**
 * struct npu_sim_region - the memory behind one region, as the core sees it
 * @base: kernel address of region offset 0, NULL if nothing is mapped.
 * @limit: bytes accessible from @base; 0 if @base is NULL.
 */
struct npu_sim_region {
	u8 *base;
	u32 limit;
};

/**
 * struct npu_sim_scale - a multiplier and a shift
 * @mult: signed multiplier; 0 means no scaling.
 * @shift: right shift, 0 to 63.
 */
struct npu_sim_scale {
	s32 mult;
	u8 shift;
};

/**
 * struct npu_sim_fm_state - the stream state of one feature map
 * @base: region-relative base of each tile.
 * @stride_x: byte stride between columns (sign-extended from 40 bits).
 * @stride_y: byte stride between rows.
 * @stride_c: byte stride between channel blocks (NHCWB16, unused).
 * @width0_m1: width of tiles 0 and 2, minus one.
 * @height0_m1: height of tiles 0 and 1, minus one.
 * @height1_m1: height of tiles 2 and 3, minus one (not needed to address).
 * @precision: the PRECISION parameter.
 * @zero_point: the ZERO_POINT parameter, signed.
 * @region: region index, 0 to 7.
 */
struct npu_sim_fm_state {
	u64 base[4];
	s64 stride_x;
	s64 stride_y;
	s64 stride_c;
	u16 width0_m1;
	u16 height0_m1;
	u16 height1_m1;
	u16 precision;
	s16 zero_point;
	u8 region;
};

/**
 * struct npu_sim_state - the state a command stream sets
 *
 * Every field starts at 0 when a stream starts; a field the stream does
 * not set reads as 0. The fields are named after the commands that set
 * them.
 */
struct npu_sim_state {
	/** @ifm: the IFM. */
	struct npu_sim_fm_state ifm;
	/** @ifm2: the IFM2. */
	struct npu_sim_fm_state ifm2;
	/** @ofm: the OFM. */
	struct npu_sim_fm_state ofm;
	/** @pad_top: IFM padding at the top. */
	u16 pad_top;
	/** @pad_left: IFM padding on the left. */
	u16 pad_left;
	/** @pad_right: IFM padding on the right. */
	u16 pad_right;
	/** @pad_bottom: IFM padding at the bottom. */
	u16 pad_bottom;
	/** @ifm_depth_m1: IFM depth minus one (CONV). */
	u16 ifm_depth_m1;
	/** @ifm_upscale: IFM upscaling mode; must be 0. */
	u16 ifm_upscale;
	/** @ofm_width_m1: OFM width minus one. */
	u16 ofm_width_m1;
	/** @ofm_height_m1: OFM height minus one. */
	u16 ofm_height_m1;
	/** @ofm_depth_m1: OFM depth minus one. */
	u16 ofm_depth_m1;
	/** @kernel_width_m1: kernel width minus one. */
	u16 kernel_width_m1;
	/** @kernel_height_m1: kernel height minus one. */
	u16 kernel_height_m1;
	/** @kernel_stride: the KERNEL_STRIDE parameter. */
	u16 kernel_stride;
	/** @activation: the ACTIVATION parameter. */
	u16 activation;
	/** @act_min: lower output clamp. */
	s16 act_min;
	/** @act_max: upper output clamp. */
	s16 act_max;
	/** @weight_region: region of the weights. */
	u8 weight_region;
	/** @scale_region: region of the bias and scale records. */
	u8 scale_region;
	/** @weight_base: region-relative base of the weights. */
	u64 weight_base;
	/** @weight_length: bytes of weights. */
	u64 weight_length;
	/** @scale_base: region-relative base of the records. */
	u64 scale_base;
	/** @scale_length: bytes of records. */
	u64 scale_length;
	/** @ofm_scale: OFM_SCALE. */
	struct npu_sim_scale ofm_scale;
	/** @opa_scale: OPA_SCALE. */
	struct npu_sim_scale opa_scale;
	/** @opb_scale: OPB_SCALE. */
	struct npu_sim_scale opb_scale;
	/** @ifm2_broadcast: the IFM2_BROADCAST parameter. */
	u16 ifm2_broadcast;
	/** @ifm2_scalar: the IFM2_SCALAR parameter, signed. */
	s16 ifm2_scalar;
	/** @dma_src_region: the DMA0_SRC_REGION parameter. */
	u16 dma_src_region;
	/** @dma_dst_region: the DMA0_DST_REGION parameter. */
	u16 dma_dst_region;
	/** @dma_size0: DMA inner repeat count. */
	u16 dma_size0;
	/** @dma_size1: DMA outer repeat count. */
	u16 dma_size1;
	/** @dma_src: region-relative DMA source. */
	u64 dma_src;
	/** @dma_dst: region-relative DMA destination. */
	u64 dma_dst;
	/** @dma_len: DMA bytes per row. */
	u64 dma_len;
	/** @dma_src_stride0: DMA source inner stride. */
	s64 dma_src_stride0;
	/** @dma_src_stride1: DMA source outer stride. */
	s64 dma_src_stride1;
	/** @dma_dst_stride0: DMA destination inner stride. */
	s64 dma_dst_stride0;
	/** @dma_dst_stride1: DMA destination outer stride. */
	s64 dma_dst_stride1;
};

/**
 * struct npu_sim_fmap - a feature map resolved to memory
 * @mem: kernel address of region offset 0.
 * @base: offset of each tile from @mem.
 * @stride_x: byte stride between columns.
 * @stride_y: byte stride between rows.
 * @width0: columns in tiles 0 and 2.
 * @height0: rows in tiles 0 and 1.
 * @w: columns accessed.
 * @h: rows accessed.
 * @c: channels accessed (contiguous bytes, NHWC).
 * @zero_point: subtracted from every element read.
 * @is_signed: elements are int8, else uint8.
 *
 * Element (x, y, c) is at @mem + @base[t] + y' * @stride_y + x' * @stride_x
 * + c, where t, x' and y' come from the tile split at @width0 and @height0.
 * Every such address of the @w x @h x @c elements has been checked to lie
 * inside its region before a kernel sees the map.
 */
struct npu_sim_fmap {
	u8 *mem;
	s64 base[4];
	s64 stride_x;
	s64 stride_y;
	u32 width0;
	u32 height0;
	u32 w;
	u32 h;
	u32 c;
	s32 zero_point;
	bool is_signed;
};

/**
 * struct npu_sim_op - one operation, resolved and checked
 * @ifm: the IFM.
 * @ifm2: the IFM2 (elementwise, binary modes without scalar).
 * @ofm: the OFM.
 * @kw: kernel width.
 * @kh: kernel height.
 * @sx: horizontal stride.
 * @sy: vertical stride.
 * @dx: horizontal dilation.
 * @dy: vertical dilation.
 * @pad_top: padding rows above the IFM.
 * @pad_left: padding columns left of the IFM.
 * @weights: CONV: OHWI int8; DEPTHWISE: HWC int8.
 * @scales: bias and scale records, one per OFM channel; NULL for the
 *	global scale (@ofm_scale, no bias).
 * @ofm_scale: OFM_SCALE.
 * @opa: OPA_SCALE.
 * @opb: OPB_SCALE.
 * @mode: enum npu_pool_mode or enum npu_elementwise_mode.
 * @round: rounding mode (NPU_ROUND_*).
 * @lo: lowest output value.
 * @hi: highest output value.
 * @bcast_h: IFM2 has one row.
 * @bcast_w: IFM2 has one column.
 * @bcast_c: IFM2 has one channel.
 * @scalar: the second operand is @scalar_value, no IFM2 is read.
 * @reversed: the operands are exchanged.
 * @scalar_value: IFM2_SCALAR.
 */
struct npu_sim_op {
	struct npu_sim_fmap ifm;
	struct npu_sim_fmap ifm2;
	struct npu_sim_fmap ofm;
	u32 kw;
	u32 kh;
	u32 sx;
	u32 sy;
	u32 dx;
	u32 dy;
	u32 pad_top;
	u32 pad_left;
	const u8 *weights;
	const u8 *scales;
	struct npu_sim_scale ofm_scale;
	struct npu_sim_scale opa;
	struct npu_sim_scale opb;
	unsigned int mode;
	unsigned int round;
	s32 lo;
	s32 hi;
	bool bcast_h;
	bool bcast_w;
	bool bcast_c;
	bool scalar;
	bool reversed;
	s32 scalar_value;
};

/**
 * struct npu_sim_exec - one run of the command stream interpreter
 * @stream: the command stream.
 * @size: bytes of @stream.
 * @region: the memory of each region.
 * @inject: fault to inject; NPU_SIM_INJECT_PARSE_ERROR and
 *	NPU_SIM_INJECT_BUS_FAULT are consumed by the interpreter, the others
 *	are left to @step.
 * @step: called before each command, in process context; returns false
 *	to abort the stream. May sleep. NULL: never abort.
 * @qread: byte offset of the next command; when the run ends, of the
 *	command that ended it (past it for NPU_OP_STOP).
 * @st: the state set by the stream.
 * @op: the operation being executed.
 */
struct npu_sim_exec {
	const u8 *stream;
	u32 size;
	struct npu_sim_region region[NPU_REGIONS];
	enum npu_sim_injection inject;
	bool (*step)(struct npu_sim_exec *x);
	u32 qread;
	struct npu_sim_state st;
	struct npu_sim_op op;
};

/**
 * struct npu_sim_regs - the stored registers of a core
 * @status: STATUS.
 * @qbase: QBASE.
 * @qbase_hi: QBASE_HI.
 * @qread: QREAD.
 * @qconfig: QCONFIG.
 * @qsize: QSIZE.
 * @prot: PROT.
 * @regioncfg: REGIONCFG.
 * @axilimit: AXILIMIT0 to AXILIMIT3.
 * @basep: BASEP(r).
 * @basep_hi: BASEP_HI(r).
 * @region_limit: REGION_LIMIT(r).
 */
struct npu_sim_regs {
	u32 status;
	u32 qbase;
	u32 qbase_hi;
	u32 qread;
	u32 qconfig;
	u32 qsize;
	u32 prot;
	u32 regioncfg;
	u32 axilimit[NPU_AXILIMITS];
	u32 basep[NPU_REGIONS];
	u32 basep_hi[NPU_REGIONS];
	u32 region_limit[NPU_REGIONS];
};

struct npu_sim;

/**
 * struct npu_sim_core - one simulated NPU core
 * @sim: the simulated NPU.
 * @index: core index.
 * @virq: Linux interrupt number of the core's line.
 * @regmap: the register map the driver uses.
 * @lock: protects @regs, @busy, @abort, @dead, @pending_inject,
 *	@run_inject and @stats. Taken with interrupts disabled; nests
 *	outside the irq descriptor lock.
 * @cmd_delay_us and @slow_us are knobs without a lock: written and read
 * once with WRITE_ONCE() and READ_ONCE().
 * @regs: the registers.
 * @busy: a stream is queued or executing.
 * @abort: a reset is waiting for the executing stream to stop.
 * @dead: the core is being torn down; no stream starts.
 * @pending_inject: fault for the next stream.
 * @run_inject: fault of the current stream.
 * @cmd_delay_us: latency of each command (no lock, see above).
 * @slow_us: extra latency of each command with NPU_SIM_INJECT_SLOW.
 * @stats: counters.
 * @wq: ordered workqueue executing the streams.
 * @work: executes one stream.
 * @waitq: wakes the worker from a delay or a hang on reset.
 * @exec: the interpreter, used by @work only.
 * @name: name of the core's worker.
 */
struct npu_sim_core {
	struct npu_sim *sim;
	unsigned int index;
	unsigned int virq;
	struct regmap *regmap;
	spinlock_t lock;	/* see above */
	struct npu_sim_regs regs;
	bool busy;
	bool abort;
	bool dead;
	enum npu_sim_injection pending_inject;
	enum npu_sim_injection run_inject;
	u32 cmd_delay_us;
	u32 slow_us;
	struct npu_sim_stats stats;
	struct workqueue_struct *wq;
	struct work_struct work;
	wait_queue_head_t waitq;
	struct npu_sim_exec exec;
	char name[32];
};

/**
 * struct npu_sim - a simulated NPU: cores, interrupts, a platform device
 * @num_cores: cores in @core.
 * @seq: instance number, for names.
 * @fwnode: names the interrupt domain.
 * @domain: the irq_sim domain with one interrupt per core.
 * @pdev: the platform device.
 * @ready: completed once @pdev is set, or creation has failed.
 * @debugfs: the debugfs directory, if any.
 * @core: the cores.
 */
struct npu_sim {
	unsigned int num_cores;
	unsigned int seq;
	struct fwnode_handle *fwnode;
	struct irq_domain *domain;
	struct platform_device *pdev;
	struct completion ready;
	struct dentry *debugfs;
	struct npu_sim_core core[NPU_MAX_CORES];
};

/* npu_sim_main.c */
struct npu_sim *npu_sim_create(const char *name, int id,
			       unsigned int num_cores);
void npu_sim_destroy(struct npu_sim *sim);

/* npu_sim_core.c */
int npu_sim_core_init(struct npu_sim_core *core, struct npu_sim *sim,
		      unsigned int index);
void npu_sim_core_fini(struct npu_sim_core *core);
void npu_sim_core_inject(struct npu_sim_core *core, enum npu_sim_injection what);
enum npu_sim_injection npu_sim_core_pending_inject(struct npu_sim_core *core);
void npu_sim_core_set_cmd_delay_us(struct npu_sim_core *core, u32 us);
u32 npu_sim_core_cmd_delay_us(struct npu_sim_core *core);
void npu_sim_core_set_slow_us(struct npu_sim_core *core, u32 us);
u32 npu_sim_core_slow_us(struct npu_sim_core *core);
void npu_sim_core_spurious_irq(struct npu_sim_core *core);
void npu_sim_core_get_stats(struct npu_sim_core *core,
			    struct npu_sim_stats *st);

/* npu_sim_exec.c */
u32 npu_sim_exec_stream(struct npu_sim_exec *x);

/* npu_sim_math.c */
s32 npu_sim_sat32(s64 v);
s64 npu_sim_round_shift(s64 v, unsigned int shift, unsigned int mode);
s64 npu_sim_div_round(s64 v, u64 d, unsigned int mode);
s32 npu_sim_rescale(s32 v, const struct npu_sim_scale *s, unsigned int mode);
u8 npu_sim_output(const struct npu_sim_op *op, s32 t,
		  const struct npu_sim_scale *s);
s32 npu_sim_ew_value(const struct npu_sim_op *op, s32 a, s32 b);
void npu_sim_elementwise(const struct npu_sim_op *op);
void npu_sim_pool(const struct npu_sim_op *op);
void npu_sim_conv(const struct npu_sim_op *op);
void npu_sim_depthwise(const struct npu_sim_op *op);

#endif /* _NPU_SIM_INTERNAL_H_ */

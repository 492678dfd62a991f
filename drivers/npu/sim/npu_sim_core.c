// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 */

#include <linux/bitfield.h>
#include <linux/dma-direct.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/mm.h>
#include <linux/platform_device.h>
#include <linux/regmap.h>
#include <linux/sched.h>

#include <kunit/visibility.h>

#include "npu_sim_internal.h"

/**
 * DOC: Register model of the simulated NPU
 *
 * Each core is a register file behind a regmap whose accessors take only
 * the core's spinlock, with interrupts disabled: registers may be read and
 * written from any context, a hard interrupt handler included, and an
 * access never sleeps or allocates.
 *
 * - ID reads as architecture 1.0.0 (arch_major 1: an Ethos-U65), CONFIG as
 *   256 MACs per cycle (log2 8) and command stream version 1. Both are
 *   read-only.
 * - STATUS is read-only. STATE_RUNNING is set from the start of a stream to
 *   its end; at the end, IRQ_RAISED is set with CMD_END_REACHED (the
 *   stream reached NPU_OP_STOP), CMD_PARSE_ERR or BUS_STATUS, and the
 *   interrupt line is raised.
 * - CMD.CLEAR_IRQ clears IRQ_RAISED, CMD_END_REACHED, CMD_PARSE_ERR and
 *   BUS_STATUS, and lowers the line. CMD.TRANSITION_TO_RUN, if the core is
 *   neither running nor resetting, sets STATE_RUNNING and QREAD to 0 and
 *   queues the stream at QBASE | QBASE_HI << 32, QSIZE bytes, to the core's
 *   worker; it leaves the other STATUS bits alone. CLEAR_IRQ acts first if
 *   both bits are written.
 * - Any write to RESET resets the core (silicon resets on the write and
 *   takes the value as the privilege and security level to come back
 *   with; here the core always comes back with PROT 0). If a stream is
 *   queued or executing, STATUS.RESET_STATUS is set until the worker has
 *   stopped it, which it does between two commands; then, or at once if
 *   the core is idle, every register returns to its reset value: 0, but
 *   ID, CONFIG, and AXILIMIT0-3 at NPU_AXILIMIT_DEFAULT. The line is
 *   lowered.
 * - QBASE, QBASE_HI, QSIZE, QCONFIG, PROT, REGIONCFG, AXILIMIT0-3,
 *   BASEP(r), BASEP_HI(r) and REGION_LIMIT(r) store what is written. QREAD
 *   is read-only and advances as the worker consumes commands.
 * - Other offsets up to NPU_REG_LAST read 0 and ignore writes.
 *
 * The worker is an ordered workqueue per core, allocated with
 * WQ_MEM_RECLAIM: a driver's fences depend on it finishing a stream,
 * as they would on silicon. It is also WQ_HIGHPRI, so that busy
 * processes do not hold a started core back for long: silicon runs
 * whatever the CPUs do, and a driver's timeout should see a stalled
 * core, not a starved simulator. (Under memory pressure the work may run
 * on the workqueue's rescuer, at normal priority.)
 *
 * At the start of a stream the worker translates QBASE and each BASEP(r)
 * with a non-zero REGION_LIMIT(r) from a DMA address of the platform
 * device to a kernel address, dma_to_phys() then phys_to_virt(), which is
 * right for dma-direct without an IOMMU (the x86_64 QEMU guest the tests
 * run in); every page of the range must be a valid, directly mapped page.
 * A region that fails to translate reaches no memory: its accesses are
 * bus faults. A stream that fails to translate ends at once with
 * BUS_STATUS. Registers written while a stream runs take effect at the
 * next stream.
 *
 * The interrupt is an irq_sim line, made pending when the core raises it
 * and cleared with IRQ_RAISED. It behaves as an edge: raised while no
 * handler is requested, it is lost, though STATUS still shows why it was
 * raised; raised while the interrupt is disabled, it is replayed when the
 * interrupt is enabled again if the architecture selects
 * HARDIRQS_SW_RESEND (x86 does, UML does not), and lost otherwise.
 */

#define NPU_SIM_ID_ARCH_MAJOR	GENMASK(31, 28)
#define NPU_SIM_ID		FIELD_PREP(NPU_SIM_ID_ARCH_MAJOR, 1)
#define NPU_SIM_CONFIG		(8 | 1 << 4)

static void npu_sim_core_line(struct npu_sim_core *core, bool raise)
{
	lockdep_assert_held(&core->lock);

	if (!core->virq)
		return;
	if (raise)
		core->stats.irqs++;
	irq_set_irqchip_state(core->virq, IRQCHIP_STATE_PENDING, raise);
}

static void npu_sim_core_reset_regs(struct npu_sim_core *core)
{
	unsigned int i;

	lockdep_assert_held(&core->lock);

	memset(&core->regs, 0, sizeof(core->regs));
	for (i = 0; i < ARRAY_SIZE(core->regs.axilimit); i++)
		core->regs.axilimit[i] = NPU_AXILIMIT_DEFAULT;
	npu_sim_core_line(core, false);
}

static void npu_sim_core_start(struct npu_sim_core *core)
{
	lockdep_assert_held(&core->lock);

	if (core->busy || core->dead ||
	    (core->regs.status & NPU_STATUS_RESET_STATUS))
		return;

	core->regs.status |= NPU_STATUS_STATE_RUNNING;
	core->regs.qread = 0;
	core->busy = true;
	core->run_inject = core->pending_inject;
	core->pending_inject = NPU_SIM_INJECT_NONE;
	core->stats.started++;
	queue_work(core->wq, &core->work);
}

static void npu_sim_core_reset(struct npu_sim_core *core)
{
	lockdep_assert_held(&core->lock);

	core->stats.resets++;
	if (!core->busy) {
		npu_sim_core_reset_regs(core);
		return;
	}

	core->regs.status |= NPU_STATUS_RESET_STATUS;
	WRITE_ONCE(core->abort, true);
	wake_up_all(&core->waitq);
}

static u32 *npu_sim_core_reg(struct npu_sim_core *core, unsigned int reg)
{
	struct npu_sim_regs *r = &core->regs;

	switch (reg) {
	case NPU_REG_QBASE:
		return &r->qbase;
	case NPU_REG_QBASE_HI:
		return &r->qbase_hi;
	case NPU_REG_QCONFIG:
		return &r->qconfig;
	case NPU_REG_QSIZE:
		return &r->qsize;
	case NPU_REG_PROT:
		return &r->prot;
	case NPU_REG_REGIONCFG:
		return &r->regioncfg;
	case NPU_REG_AXILIMIT(0) ... NPU_REG_AXILIMIT(NPU_AXILIMITS - 1):
		return &r->axilimit[(reg - NPU_REG_AXILIMIT(0)) / 4];
	case NPU_REG_BASEP(0) ... NPU_REG_BASEP_HI(NPU_REGIONS - 1):
		if (reg & 4)
			return &r->basep_hi[(reg - NPU_REG_BASEP(0)) / 8];
		return &r->basep[(reg - NPU_REG_BASEP(0)) / 8];
	case NPU_REG_REGION_LIMIT(0) ... NPU_REG_LAST:
		return &r->region_limit[(reg - NPU_REG_REGION_LIMIT(0)) / 4];
	default:
		return NULL;
	}
}

static int npu_sim_reg_read(void *context, unsigned int reg,
			    unsigned int *val)
{
	struct npu_sim_core *core = context;
	unsigned long flags;
	u32 *r;

	spin_lock_irqsave(&core->lock, flags);
	switch (reg) {
	case NPU_REG_ID:
		*val = NPU_SIM_ID;
		break;
	case NPU_REG_CONFIG:
		*val = NPU_SIM_CONFIG;
		break;
	case NPU_REG_STATUS:
		*val = core->regs.status;
		break;
	case NPU_REG_QREAD:
		*val = core->regs.qread;
		break;
	default:
		r = npu_sim_core_reg(core, reg);
		*val = r ? *r : 0;
		break;
	}
	spin_unlock_irqrestore(&core->lock, flags);

	return 0;
}

static int npu_sim_reg_write(void *context, unsigned int reg,
			     unsigned int val)
{
	struct npu_sim_core *core = context;
	unsigned long flags;
	u32 *r;

	spin_lock_irqsave(&core->lock, flags);
	switch (reg) {
	case NPU_REG_CMD:
		if (val & NPU_CMD_CLEAR_IRQ) {
			core->regs.status &= ~(NPU_STATUS_IRQ_RAISED |
					       NPU_STATUS_CMD_END_REACHED |
					       NPU_STATUS_CMD_PARSE_ERR |
					       NPU_STATUS_BUS_STATUS);
			npu_sim_core_line(core, false);
		}
		if (val & NPU_CMD_TRANSITION_TO_RUN)
			npu_sim_core_start(core);
		break;
	case NPU_REG_RESET:
		npu_sim_core_reset(core);
		break;
	default:
		r = npu_sim_core_reg(core, reg);
		if (r)
			*r = val;
		break;
	}
	spin_unlock_irqrestore(&core->lock, flags);

	return 0;
}

/*
 * The kernel address of len bytes at DMA address addr of the simulated
 * NPU's device, or NULL if they are not all valid directly mapped memory.
 */
static u8 *npu_sim_core_map(struct npu_sim_core *core, u64 addr, u64 len)
{
	struct platform_device *pdev = core->sim->pdev;
	unsigned long pfn, last;
	phys_addr_t phys;

	if (!pdev || !len || addr + len < addr || (dma_addr_t)addr != addr)
		return NULL;

	phys = dma_to_phys(&pdev->dev, addr);
	if (phys + len - 1 < phys)
		return NULL;
	last = PHYS_PFN(phys + len - 1);
	for (pfn = PHYS_PFN(phys); pfn <= last; pfn++) {
		if (!pfn_valid(pfn) || PageHighMem(pfn_to_page(pfn)))
			return NULL;
		if (!(pfn % 1024))
			cond_resched();
	}

	return phys_to_virt(phys);
}

/* Sleep for us microseconds, or until a reset. False on a reset. */
static bool npu_sim_core_delay(struct npu_sim_core *core, u32 us)
{
	if (us)
		wait_event_hrtimeout(core->waitq, READ_ONCE(core->abort),
				     ns_to_ktime((u64)us * NSEC_PER_USEC));

	return !READ_ONCE(core->abort);
}

/* Before each command: publish QREAD, then wait, hang or abort. */
static bool npu_sim_core_step(struct npu_sim_exec *x)
{
	struct npu_sim_core *core = container_of(x, struct npu_sim_core, exec);
	unsigned long flags;
	u32 us;

	spin_lock_irqsave(&core->lock, flags);
	core->regs.qread = x->qread;
	spin_unlock_irqrestore(&core->lock, flags);
	us = READ_ONCE(core->cmd_delay_us);
	if (x->inject == NPU_SIM_INJECT_SLOW)
		us += READ_ONCE(core->slow_us);

	if (x->inject == NPU_SIM_INJECT_HANG) {
		/* Idle: a hang must not trip the hung task detector. */
		wait_event_idle(core->waitq, READ_ONCE(core->abort));
		return false;
	}
	if (!npu_sim_core_delay(core, us))
		return false;
	cond_resched();

	return true;
}

static void npu_sim_core_work(struct work_struct *work)
{
	struct npu_sim_core *core = container_of(work, struct npu_sim_core,
						 work);
	struct npu_sim_exec *x = &core->exec;
	u64 base[NPU_REGIONS], qbase;
	u32 limit[NPU_REGIONS], qsize;
	unsigned long flags;
	unsigned int r;
	u32 result;

	/* A driver may start a core before npu_sim_create() knows @pdev. */
	wait_for_completion(&core->sim->ready);

	spin_lock_irqsave(&core->lock, flags);
	qbase = core->regs.qbase | (u64)core->regs.qbase_hi << 32;
	qsize = core->regs.qsize;
	for (r = 0; r < NPU_REGIONS; r++) {
		base[r] = core->regs.basep[r] |
			  (u64)core->regs.basep_hi[r] << 32;
		limit[r] = core->regs.region_limit[r];
	}
	x->inject = core->run_inject;
	spin_unlock_irqrestore(&core->lock, flags);

	x->step = npu_sim_core_step;
	x->size = qsize;
	x->stream = npu_sim_core_map(core, qbase, qsize);
	x->qread = 0;
	for (r = 0; r < NPU_REGIONS; r++) {
		x->region[r].base = npu_sim_core_map(core, base[r], limit[r]);
		x->region[r].limit = x->region[r].base ? limit[r] : 0;
	}

	if (qsize && !x->stream)
		result = NPU_STATUS_BUS_STATUS;
	else
		result = npu_sim_exec_stream(x);

	spin_lock_irqsave(&core->lock, flags);
	core->busy = false;
	if (core->abort) {
		WRITE_ONCE(core->abort, false);
		npu_sim_core_reset_regs(core);
		spin_unlock_irqrestore(&core->lock, flags);
		return;
	}

	core->regs.qread = x->qread;
	core->regs.status &= ~NPU_STATUS_STATE_RUNNING;
	core->regs.status |= result | NPU_STATUS_IRQ_RAISED;
	if (result & NPU_STATUS_CMD_END_REACHED)
		core->stats.stopped++;
	if (result & NPU_STATUS_BUS_STATUS)
		core->stats.bus_faults++;
	if (result & NPU_STATUS_CMD_PARSE_ERR)
		core->stats.parse_errors++;
	npu_sim_core_line(core, true);
	spin_unlock_irqrestore(&core->lock, flags);
}

/*
 * Accessors that only take the core's spinlock, usable from any context.
 * Without a name: regmap's debugfs calls the maps dummy0, dummy1, ...
 */
static const struct regmap_config npu_sim_regmap_config = {
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.max_register = NPU_REG_LAST,
	.reg_read = npu_sim_reg_read,
	.reg_write = npu_sim_reg_write,
	.fast_io = true,
	.cache_type = REGCACHE_NONE,
};

/**
 * npu_sim_core_init() - set up a core: registers, worker, register map
 * @core: the core, zeroed
 * @sim: the simulated NPU it belongs to
 * @index: its index
 *
 * The caller sets @core->virq before the core can be started.
 *
 * Context: process context, may sleep.
 * Return: 0 or a negative error code.
 */
int npu_sim_core_init(struct npu_sim_core *core, struct npu_sim *sim,
		      unsigned int index)
{
	unsigned long flags;

	core->sim = sim;
	core->index = index;
	spin_lock_init(&core->lock);
	init_waitqueue_head(&core->waitq);
	INIT_WORK(&core->work, npu_sim_core_work);
	snprintf(core->name, sizeof(core->name), "npu_sim%u-core%u",
		 sim->seq, index);

	spin_lock_irqsave(&core->lock, flags);
	npu_sim_core_reset_regs(core);
	spin_unlock_irqrestore(&core->lock, flags);

	core->wq = alloc_ordered_workqueue("%s", WQ_MEM_RECLAIM | WQ_HIGHPRI,
					   core->name);
	if (!core->wq)
		return -ENOMEM;

	core->regmap = regmap_init(NULL, NULL, core, &npu_sim_regmap_config);
	if (IS_ERR(core->regmap)) {
		int ret = PTR_ERR(core->regmap);

		core->regmap = NULL;
		destroy_workqueue(core->wq);
		core->wq = NULL;
		return ret;
	}

	return 0;
}

/**
 * npu_sim_core_fini() - stop a core and free it
 * @core: the core; nobody uses its register map any more
 *
 * Aborts a queued or executing stream and waits for the worker.
 *
 * Context: process context, may sleep.
 */
void npu_sim_core_fini(struct npu_sim_core *core)
{
	unsigned long flags;

	if (!core->wq)
		return;

	spin_lock_irqsave(&core->lock, flags);
	core->dead = true;
	if (core->busy) {
		WRITE_ONCE(core->abort, true);
		wake_up_all(&core->waitq);
	}
	spin_unlock_irqrestore(&core->lock, flags);

	destroy_workqueue(core->wq);
	core->wq = NULL;
	regmap_exit(core->regmap);
	core->regmap = NULL;
}

/**
 * npu_sim_core_inject() - set the fault of the next stream of a core
 * @core: the core
 * @what: the fault
 *
 * Context: any context.
 */
void npu_sim_core_inject(struct npu_sim_core *core, enum npu_sim_injection what)
{
	unsigned long flags;

	spin_lock_irqsave(&core->lock, flags);
	core->pending_inject = what;
	spin_unlock_irqrestore(&core->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_core_inject);

/**
 * npu_sim_core_pending_inject() - the fault set for the next stream
 * @core: the core
 *
 * Context: any context.
 * Return: the fault, NPU_SIM_INJECT_NONE if there is none.
 */
enum npu_sim_injection npu_sim_core_pending_inject(struct npu_sim_core *core)
{
	unsigned long flags;
	enum npu_sim_injection what;

	spin_lock_irqsave(&core->lock, flags);
	what = core->pending_inject;
	spin_unlock_irqrestore(&core->lock, flags);

	return what;
}

/**
 * npu_sim_core_set_cmd_delay_us() - set the latency of each command
 * @core: the core
 * @us: microseconds
 *
 * Context: any context.
 */
void npu_sim_core_set_cmd_delay_us(struct npu_sim_core *core, u32 us)
{
	/* A plain knob: the worker reads it once per command. */
	WRITE_ONCE(core->cmd_delay_us, us);
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_core_set_cmd_delay_us);

/**
 * npu_sim_core_cmd_delay_us() - the latency of each command
 * @core: the core
 *
 * Context: any context.
 * Return: microseconds.
 */
u32 npu_sim_core_cmd_delay_us(struct npu_sim_core *core)
{
	return READ_ONCE(core->cmd_delay_us);
}

/**
 * npu_sim_core_set_slow_us() - set the extra latency of a slow stream
 * @core: the core
 * @us: microseconds per command with NPU_SIM_INJECT_SLOW
 *
 * Context: any context.
 */
void npu_sim_core_set_slow_us(struct npu_sim_core *core, u32 us)
{
	/* A plain knob: the worker reads it once per command. */
	WRITE_ONCE(core->slow_us, us);
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_core_set_slow_us);

/**
 * npu_sim_core_slow_us() - the extra latency of a slow stream
 * @core: the core
 *
 * Context: any context.
 * Return: microseconds per command.
 */
u32 npu_sim_core_slow_us(struct npu_sim_core *core)
{
	return READ_ONCE(core->slow_us);
}

/**
 * npu_sim_core_spurious_irq() - raise a core's line without a reason
 * @core: the core
 *
 * Context: any context.
 */
void npu_sim_core_spurious_irq(struct npu_sim_core *core)
{
	unsigned long flags;

	spin_lock_irqsave(&core->lock, flags);
	npu_sim_core_line(core, true);
	spin_unlock_irqrestore(&core->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_core_spurious_irq);

/**
 * npu_sim_core_get_stats() - read a core's counters
 * @core: the core
 * @st: filled with a consistent snapshot
 *
 * Context: any context.
 */
void npu_sim_core_get_stats(struct npu_sim_core *core,
			    struct npu_sim_stats *st)
{
	unsigned long flags;

	spin_lock_irqsave(&core->lock, flags);
	*st = core->stats;
	spin_unlock_irqrestore(&core->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_core_get_stats);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/irq.h>
#include <linux/irq_sim.h>
#include <linux/irqdomain.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/regmap.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include <kunit/visibility.h>

#include "npu_sim_internal.h"

/**
 * DOC: The simulated NPU
 *
 * Module npu_sim models an Ethos-U65-class NPU of one to NPU_MAX_CORES
 * cores (module parameter ``cores``, default 2) that executes command
 * streams on the CPU. At load it creates, for each core, a register file
 * behind a regmap and an interrupt line of one irq_sim domain, then
 * registers one platform device named "npu" with a 40-bit DMA mask, the
 * cores' interrupts as its IRQ resources in core order and a
 * &struct npu_platform_data holding the cores' register maps. The npu
 * driver binds to it as it would to silicon; the simulator knows nothing
 * of the driver. At unload the device goes first, so the driver has
 * unbound before any core stops.
 *
 * The module parameters ``cmd_delay_us`` (default 0) and ``slow_us``
 * (default 10000) give every core its initial latency per command and its
 * extra latency per command of a stream started with NPU_SIM_INJECT_SLOW.
 *
 * The sources follow the concepts: npu_sim_main.c the module, the device,
 * the test knobs and debugfs; npu_sim_core.c the register file, the
 * interrupt and the worker of a core; npu_sim_exec.c the command stream
 * interpreter and its access checks; npu_sim_math.c the arithmetic, as
 * functions of checked operations on kernel memory. The interpreter needs
 * no device: the KUnit suites run it on plain kernel buffers.
 */

static unsigned int cores = 2;
module_param(cores, uint, 0444);
MODULE_PARM_DESC(cores, "Number of NPU cores, 1 to 4 (default 2)");

static unsigned int cmd_delay_us;
module_param(cmd_delay_us, uint, 0444);
MODULE_PARM_DESC(cmd_delay_us,
		 "Initial latency of each command in microseconds (default 0)");

static unsigned int slow_us = 10000;
module_param(slow_us, uint, 0444);
MODULE_PARM_DESC(slow_us,
		 "Initial extra latency of each command of a slow stream in microseconds (default 10000)");

static atomic_t npu_sim_seq = ATOMIC_INIT(0);
static struct npu_sim *npu_sim_dev;

static void npu_sim_teardown(struct npu_sim *sim)
{
	unsigned int i;

	if (!IS_ERR_OR_NULL(sim->pdev))
		platform_device_unregister(sim->pdev);
	debugfs_remove_recursive(sim->debugfs);

	for (i = 0; i < sim->num_cores; i++) {
		struct npu_sim_core *core = &sim->core[i];

		npu_sim_core_fini(core);
		if (core->virq)
			irq_dispose_mapping(core->virq);
	}

	if (!IS_ERR_OR_NULL(sim->domain))
		irq_domain_remove_sim(sim->domain);
	if (sim->fwnode)
		irq_domain_free_fwnode(sim->fwnode);
	kfree(sim);
}

/**
 * npu_sim_create() - create a simulated NPU and its platform device
 * @name: name of the platform device
 * @id: id of the platform device, or PLATFORM_DEVID_NONE or _AUTO
 * @num_cores: cores, 1 to NPU_MAX_CORES
 *
 * The module creates one, "npu"; the KUnit suites create private ones
 * under another name, which no driver binds to. The cores start with the
 * latencies of the module parameters.
 *
 * Context: process context, may sleep.
 * Return: the simulated NPU or an ERR_PTR().
 */
struct npu_sim *npu_sim_create(const char *name, int id,
			       unsigned int num_cores)
{
	struct resource res[NPU_MAX_CORES] = {};
	struct npu_platform_data pdata = {};
	struct platform_device_info info = {
		.name = name,
		.id = id,
		.res = res,
		.num_res = num_cores,
		.data = &pdata,
		.size_data = sizeof(pdata),
		.dma_mask = DMA_BIT_MASK(40),
	};
	struct platform_device *pdev;
	struct npu_sim *sim;
	unsigned int i;
	int ret;

	if (!num_cores || num_cores > NPU_MAX_CORES)
		return ERR_PTR(-EINVAL);

	sim = kzalloc(sizeof(*sim), GFP_KERNEL);
	if (!sim)
		return ERR_PTR(-ENOMEM);
	sim->num_cores = num_cores;
	sim->seq = atomic_inc_return(&npu_sim_seq) - 1;
	init_completion(&sim->ready);

	ret = -ENOMEM;
	sim->fwnode = irq_domain_alloc_named_id_fwnode("npu_sim", sim->seq);
	if (!sim->fwnode)
		goto err;
	sim->domain = irq_domain_create_sim(sim->fwnode, num_cores);
	if (IS_ERR(sim->domain)) {
		ret = PTR_ERR(sim->domain);
		goto err;
	}

	for (i = 0; i < num_cores; i++) {
		struct npu_sim_core *core = &sim->core[i];

		ret = npu_sim_core_init(core, sim, i);
		if (ret)
			goto err;
		npu_sim_core_set_cmd_delay_us(core, cmd_delay_us);
		npu_sim_core_set_slow_us(core, slow_us);

		core->virq = irq_create_mapping(sim->domain, i);
		if (!core->virq) {
			ret = -ENOMEM;
			goto err;
		}
		res[i] = DEFINE_RES_IRQ(core->virq);
		pdata.regs[i] = core->regmap;
	}
	pdata.num_cores = num_cores;

	/* A driver may bind, and start the cores, before this returns. */
	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev)) {
		ret = PTR_ERR(pdev);
		goto err;
	}
	sim->pdev = pdev;
	complete_all(&sim->ready);

	return sim;

err:
	complete_all(&sim->ready);
	npu_sim_teardown(sim);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_create);

/**
 * npu_sim_destroy() - remove a simulated NPU
 * @sim: the simulated NPU
 *
 * Unregisters the platform device (a bound driver unbinds), then stops the
 * cores, aborting any stream, and frees everything.
 *
 * Context: process context, may sleep.
 */
void npu_sim_destroy(struct npu_sim *sim)
{
	npu_sim_teardown(sim);
}
EXPORT_SYMBOL_IF_KUNIT(npu_sim_destroy);

/* debugfs: npu_sim/core<N>/ */

static int npu_sim_dbg_inject_get(void *data, u64 *val)
{
	*val = npu_sim_core_pending_inject(data);

	return 0;
}

static int npu_sim_dbg_inject_set(void *data, u64 val)
{
	if (val > NPU_SIM_INJECT_PARSE_ERROR)
		return -EINVAL;
	npu_sim_core_inject(data, val);

	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(npu_sim_dbg_inject_fops, npu_sim_dbg_inject_get,
			 npu_sim_dbg_inject_set, "%llu\n");

static int npu_sim_dbg_delay_get(void *data, u64 *val)
{
	*val = npu_sim_core_cmd_delay_us(data);

	return 0;
}

static int npu_sim_dbg_delay_set(void *data, u64 val)
{
	if (val > U32_MAX)
		return -EINVAL;
	npu_sim_core_set_cmd_delay_us(data, val);

	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(npu_sim_dbg_delay_fops, npu_sim_dbg_delay_get,
			 npu_sim_dbg_delay_set, "%llu\n");

static int npu_sim_dbg_slow_get(void *data, u64 *val)
{
	*val = npu_sim_core_slow_us(data);

	return 0;
}

static int npu_sim_dbg_slow_set(void *data, u64 val)
{
	if (val > U32_MAX)
		return -EINVAL;
	npu_sim_core_set_slow_us(data, val);

	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(npu_sim_dbg_slow_fops, npu_sim_dbg_slow_get,
			 npu_sim_dbg_slow_set, "%llu\n");

static int npu_sim_dbg_spurious_set(void *data, u64 val)
{
	npu_sim_core_spurious_irq(data);

	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(npu_sim_dbg_spurious_fops, NULL,
			 npu_sim_dbg_spurious_set, "%llu\n");

static int npu_sim_dbg_stats_show(struct seq_file *m, void *unused)
{
	struct npu_sim_stats st;

	npu_sim_core_get_stats(m->private, &st);
	seq_printf(m, "started %llu\nstopped %llu\nbus_faults %llu\n",
		   st.started, st.stopped, st.bus_faults);
	seq_printf(m, "parse_errors %llu\nresets %llu\nirqs %llu\n",
		   st.parse_errors, st.resets, st.irqs);

	return 0;
}

DEFINE_SHOW_ATTRIBUTE(npu_sim_dbg_stats);

static void npu_sim_debugfs_init(struct npu_sim *sim)
{
	char name[16];
	unsigned int i;

	sim->debugfs = debugfs_create_dir("npu_sim", NULL);
	for (i = 0; i < sim->num_cores; i++) {
		struct npu_sim_core *core = &sim->core[i];
		struct dentry *dir;

		snprintf(name, sizeof(name), "core%u", i);
		dir = debugfs_create_dir(name, sim->debugfs);
		debugfs_create_file_unsafe("inject", 0600, dir, core,
					   &npu_sim_dbg_inject_fops);
		debugfs_create_file_unsafe("cmd_delay_us", 0600, dir, core,
					   &npu_sim_dbg_delay_fops);
		debugfs_create_file_unsafe("slow_us", 0600, dir, core,
					   &npu_sim_dbg_slow_fops);
		debugfs_create_file_unsafe("spurious_irq", 0200, dir, core,
					   &npu_sim_dbg_spurious_fops);
		debugfs_create_file("stats", 0400, dir, core,
				    &npu_sim_dbg_stats_fops);
	}
}

/* The public test knobs: the cores of the module's device. */

static struct npu_sim_core *npu_sim_core_get(unsigned int core)
{
	struct npu_sim *sim = READ_ONCE(npu_sim_dev);

	if (WARN_ON_ONCE(!sim || core >= sim->num_cores))
		return NULL;

	return &sim->core[core];
}

/**
 * npu_sim_num_cores() - cores of the simulated NPU
 *
 * Context: any context.
 * Return: the number of cores of the "npu" device, 0 if it does not exist.
 */
unsigned int npu_sim_num_cores(void)
{
	struct npu_sim *sim = READ_ONCE(npu_sim_dev);

	return sim ? sim->num_cores : 0;
}
EXPORT_SYMBOL_GPL(npu_sim_num_cores);

/**
 * npu_sim_inject() - inject a fault into the next stream of a core
 * @core: core index
 * @what: the fault; NPU_SIM_INJECT_NONE cancels a pending one
 *
 * The fault is consumed by the next stream the core starts (a reset does
 * not cancel it); a later call replaces a pending fault.
 *
 * Context: any context.
 */
void npu_sim_inject(unsigned int core, enum npu_sim_injection what)
{
	struct npu_sim_core *c = npu_sim_core_get(core);

	if (c)
		npu_sim_core_inject(c, what);
}
EXPORT_SYMBOL_GPL(npu_sim_inject);

/**
 * npu_sim_set_cmd_delay_us() - set the latency of each command of a core
 * @core: core index
 * @us: microseconds before each command, 0 (the default) for none
 *
 * Takes effect at the next command. A reset interrupts the wait.
 *
 * Context: any context.
 */
void npu_sim_set_cmd_delay_us(unsigned int core, unsigned int us)
{
	struct npu_sim_core *c = npu_sim_core_get(core);

	if (c)
		npu_sim_core_set_cmd_delay_us(c, us);
}
EXPORT_SYMBOL_GPL(npu_sim_set_cmd_delay_us);

/**
 * npu_sim_set_slow_us() - set the extra latency of a slow stream
 * @core: core index
 * @us: microseconds added before each command of a stream started with
 *	NPU_SIM_INJECT_SLOW
 *
 * Context: any context.
 */
void npu_sim_set_slow_us(unsigned int core, unsigned int us)
{
	struct npu_sim_core *c = npu_sim_core_get(core);

	if (c)
		npu_sim_core_set_slow_us(c, us);
}
EXPORT_SYMBOL_GPL(npu_sim_set_slow_us);

/**
 * npu_sim_spurious_irq() - raise a core's interrupt for no reason
 * @core: core index
 *
 * Raises the line and changes no STATUS bit: the handler finds
 * STATUS.IRQ_RAISED clear (unless a stream had set it).
 *
 * Context: any context.
 */
void npu_sim_spurious_irq(unsigned int core)
{
	struct npu_sim_core *c = npu_sim_core_get(core);

	if (c)
		npu_sim_core_spurious_irq(c);
}
EXPORT_SYMBOL_GPL(npu_sim_spurious_irq);

/**
 * npu_sim_get_stats() - read the counters of a core
 * @core: core index
 * @st: filled with a consistent snapshot; zeroed for a bad index
 *
 * Context: any context.
 */
void npu_sim_get_stats(unsigned int core, struct npu_sim_stats *st)
{
	struct npu_sim_core *c = npu_sim_core_get(core);

	if (c)
		npu_sim_core_get_stats(c, st);
	else
		memset(st, 0, sizeof(*st));
}
EXPORT_SYMBOL_GPL(npu_sim_get_stats);

static int __init npu_sim_init(void)
{
	struct npu_sim *sim;

	if (!cores || cores > NPU_MAX_CORES) {
		pr_err("cores=%u, must be 1 to %u\n", cores,
		       NPU_MAX_CORES);
		return -EINVAL;
	}

	sim = npu_sim_create("npu", PLATFORM_DEVID_NONE, cores);
	if (IS_ERR(sim))
		return PTR_ERR(sim);
	npu_sim_debugfs_init(sim);
	WRITE_ONCE(npu_sim_dev, sim);

	return 0;
}
module_init(npu_sim_init);

static void __exit npu_sim_exit(void)
{
	struct npu_sim *sim = npu_sim_dev;

	WRITE_ONCE(npu_sim_dev, NULL);
	npu_sim_destroy(sim);
}
module_exit(npu_sim_exit);

MODULE_DESCRIPTION("Simulated Ethos-U65-class NPU");
MODULE_LICENSE("GPL");

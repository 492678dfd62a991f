// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 */

#include <linux/interrupt.h>
#include <linux/iopoll.h>
#include <linux/pm_runtime.h>
#include <linux/regmap.h>

#include <drm/drm_print.h>

#include "npu_drv.h"
#include "npu_regs.h"

/**
 * DOC: Registers, interrupts, reset and power
 *
 * The driver reaches a core only through its register map and its
 * interrupt line. Register accesses go through regmap with a spinlock
 * (``fast_io``), so they are safe from run_job(), from the hard interrupt
 * handler and from the timeout handler alike, and they neither sleep nor
 * allocate.
 *
 * The interrupt handler runs in hard IRQ context and does not wake a
 * thread: when a core reached the end of its stream it clears the
 * interrupt and reports one completed job to drm_dep with
 * drm_dep_engine_complete(); drm_dep knows which job that is. When the
 * core reports a bus fault or a parse error it saves the status for the
 * timeout handler and calls drm_dep_engine_fault(), which runs the
 * timeout handler at once. The handler never starts hardware work: every
 * start goes through run_job().
 *
 * A reset masks the core's interrupt with disable_irq(), which also waits
 * for a running handler, takes what the core raised that the handler did
 * not see, pulses the core's reset, waits for it to finish, programs the
 * region and AXI configuration again, clears the interrupt status and
 * unmasks. A completion the handler reported before the mask stands. A
 * core that does not come out of reset may still be writing memory: the
 * device is wedged, the buffer objects of the job keep a reference for
 * good, and every later job and submission fails with -EIO.
 *
 * The handler may miss a completion: the simulated NPU's line, like an
 * edge-triggered one, can fire while the handler still runs on another
 * CPU, and the interrupt core then drops it. The timeout handler looks
 * at STATUS with the interrupt masked before it resets, so such a job
 * completes late but with its true result.
 *
 * Runtime PM: every job holds a runtime-PM reference from before it is
 * armed until it is released. Resuming resets and configures every core;
 * nothing in the fence-signalling path touches runtime PM. System sleep
 * stops the engines and lets the running jobs finish first.
 */

u32 npu_hw_read(struct npu_core *core, unsigned int reg)
{
	unsigned int val = 0;

	/* A failed read of a plain register map reads as 0. */
	regmap_read(core->regs, reg, &val);
	return val;
}

void npu_hw_write(struct npu_core *core, unsigned int reg, u32 val)
{
	regmap_write(core->regs, reg, val);
}

/* What a core needs after power-up or a reset: its region routing. */
static void npu_hw_configure(struct npu_core *core)
{
	int i;

	npu_hw_write(core, NPU_REG_REGIONCFG, NPU_REGIONCFG_DEFAULT);
	for (i = 0; i < NPU_AXILIMITS; i++)
		npu_hw_write(core, NPU_REG_AXILIMIT(i), NPU_AXILIMIT_DEFAULT);
	for (i = 0; i < NPU_REGIONS; i++)
		npu_hw_write(core, NPU_REG_REGION_LIMIT(i), 0);
}

/**
 * npu_hw_reset() - reset one core and configure it again
 * @core: the core, with its interrupt masked or not yet requested
 *
 * Context: Process context; sleeps while the reset completes.
 * Return: 0, or -ETIMEDOUT if the core stayed in reset for a second.
 */
int npu_hw_reset(struct npu_core *core)
{
	u32 status;
	int ret;

	might_sleep();
	npu_hw_write(core, NPU_REG_RESET, NPU_RESET_PENDING_CSL);
	ret = read_poll_timeout(npu_hw_read, status,
				!(status & NPU_STATUS_RESET_STATUS),
				50, USEC_PER_SEC, false, core, NPU_REG_STATUS);
	if (ret) {
		drm_err(&core->ndev->drm, "core %u: reset timed out\n",
			core->index);
		return ret;
	}
	npu_hw_configure(core);
	return 0;
}

static irqreturn_t npu_hw_irq(int irq, void *arg)
{
	struct npu_core *core = arg;
	u32 status = npu_hw_read(core, NPU_REG_STATUS);

	if (!(status & NPU_STATUS_IRQ_RAISED))
		return IRQ_NONE;

	npu_hw_write(core, NPU_REG_CMD, NPU_CMD_CLEAR_IRQ);
	if (status & (NPU_STATUS_BUS_STATUS | NPU_STATUS_CMD_PARSE_ERR)) {
		WRITE_ONCE(core->fault_status, status);
		drm_dep_engine_fault(&core->engine);
	} else if (status & NPU_STATUS_CMD_END_REACHED) {
		drm_dep_engine_complete(&core->engine, 1, 0);
	}
	return IRQ_HANDLED;
}

/**
 * npu_hw_take_pending() - take what the core raised that the handler missed
 * @core: the core, with its interrupt masked
 * @completed: set if a finished job was completed
 *
 * An edge can be lost while the handler runs on another CPU. A job the
 * core finished is completed here.
 *
 * Context: Any context; the caller masked the core's interrupt.
 * Return: the status of a fault the core reported, or 0.
 */
u32 npu_hw_take_pending(struct npu_core *core, bool *completed)
{
	u32 status = npu_hw_read(core, NPU_REG_STATUS);

	*completed = false;
	if (!(status & NPU_STATUS_IRQ_RAISED))
		return 0;
	npu_hw_write(core, NPU_REG_CMD, NPU_CMD_CLEAR_IRQ);
	if (status & (NPU_STATUS_BUS_STATUS | NPU_STATUS_CMD_PARSE_ERR))
		return status;
	if (status & NPU_STATUS_CMD_END_REACHED)
		*completed = drm_dep_engine_complete(&core->engine, 1, 0);
	return 0;
}

/**
 * npu_hw_request_irqs() - install the interrupt handler of every core
 * @ndev: the device, whose engines are initialised
 *
 * Context: Process context.
 * Return: 0 or a negative errno; on failure no handler stays installed.
 */
int npu_hw_request_irqs(struct npu_device *ndev)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ndev->num_cores; i++) {
		struct npu_core *core = &ndev->cores[i];

		ret = request_irq(core->irq, npu_hw_irq, 0,
				  dev_name(ndev->drm.dev), core);
		if (ret) {
			while (i--)
				free_irq(ndev->cores[i].irq, &ndev->cores[i]);
			return ret;
		}
	}
	return 0;
}

/**
 * npu_hw_free_irqs() - remove the interrupt handler of every core
 * @ndev: the device
 *
 * Context: Process context; waits for running handlers.
 */
void npu_hw_free_irqs(struct npu_device *ndev)
{
	unsigned int i;

	for (i = 0; i < ndev->num_cores; i++)
		free_irq(ndev->cores[i].irq, &ndev->cores[i]);
}

static int npu_runtime_resume(struct device *dev)
{
	struct npu_device *ndev = dev_get_drvdata(dev);
	unsigned int i;
	int ret;

	/* A wedged device fails every job; do not fail the resume too. */
	if (READ_ONCE(ndev->wedged))
		return 0;
	for (i = 0; i < ndev->num_cores; i++) {
		ret = npu_hw_reset(&ndev->cores[i]);
		if (ret)
			return ret;
	}
	return 0;
}

static int npu_runtime_suspend(struct device *dev)
{
	/*
	 * Nothing to save: a resume resets and configures every core. A
	 * device with clocks or a power domain would turn them off here.
	 */
	return 0;
}

/*
 * System sleep: stop the engines, so that no job starts and no timeout
 * fires, let the jobs on the cores finish, and power down. Jobs still
 * running after a second are lost to the reset of the resume and time
 * out once the engines run again.
 */
static int npu_system_suspend(struct device *dev)
{
	struct npu_device *ndev = dev_get_drvdata(dev);
	unsigned int i;
	u32 status;
	int ret;

	for (i = 0; i < ndev->num_cores; i++)
		drm_dep_engine_stop(&ndev->cores[i].engine);
	for (i = 0; i < ndev->num_cores && !pm_runtime_suspended(dev); i++) {
		struct npu_core *core = &ndev->cores[i];
		bool completed;
		u32 fault;

		read_poll_timeout(npu_hw_read, status,
				  !(status & NPU_STATUS_STATE_RUNNING), 1000,
				  USEC_PER_SEC, false, core, NPU_REG_STATUS);
		/* The resume resets the core: take what it raised first. */
		disable_irq(core->irq);
		fault = npu_hw_take_pending(core, &completed);
		if (fault) {
			WRITE_ONCE(core->fault_status, fault);
			drm_dep_engine_fault(&core->engine);
		}
		enable_irq(core->irq);
	}
	ret = pm_runtime_force_suspend(dev);
	if (ret)
		for (i = 0; i < ndev->num_cores; i++)
			drm_dep_engine_start(&ndev->cores[i].engine);
	return ret;
}

static int npu_system_resume(struct device *dev)
{
	struct npu_device *ndev = dev_get_drvdata(dev);
	unsigned int i;
	int ret;

	ret = pm_runtime_force_resume(dev);
	for (i = 0; i < ndev->num_cores; i++)
		drm_dep_engine_start(&ndev->cores[i].engine);
	return ret;
}

const struct dev_pm_ops npu_pm_ops = {
	RUNTIME_PM_OPS(npu_runtime_suspend, npu_runtime_resume, NULL)
	SYSTEM_SLEEP_PM_OPS(npu_system_suspend, npu_system_resume)
};

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright © 2026 The drm_dep authors
 */

#ifndef _NPU_SIM_H_
#define _NPU_SIM_H_

#include <linux/types.h>

/**
 * DOC: Test knobs of the simulated NPU
 *
 * The simulated NPU (module npu_sim) behaves like a healthy Ethos-U65-class
 * NPU unless it is told otherwise. The functions below tell it otherwise,
 * for the driver's KUnit suites; the same knobs are files in debugfs under
 * ``npu_sim/core<N>/`` (``inject``, ``cmd_delay_us``, ``slow_us``,
 * ``spurious_irq``, ``stats``), and the module parameters ``cmd_delay_us``
 * and ``slow_us`` set the initial latencies of every core.
 *
 * A core is named by its index, 0 to npu_sim_num_cores() - 1, which is also
 * the index of its register map in &struct npu_platform_data and of its
 * interrupt among the platform device's IRQ resources. A bad index warns
 * once and is otherwise ignored.
 *
 * The knobs take only the core's spinlock: every one of them may be called
 * from any context, hard interrupt included.
 *
 * A completion that races the driver's timeout is produced with
 * npu_sim_set_cmd_delay_us(): a stream of n commands takes at least
 * n times the delay, so a delay around the timeout divided by n puts the
 * completion interrupt around the timeout.
 */

/**
 * enum npu_sim_injection - a fault for the next stream a core starts
 * @NPU_SIM_INJECT_NONE: no fault; cancels a pending injection.
 * @NPU_SIM_INJECT_HANG: the core stops before the first command: QREAD
 *	stays 0, STATUS.STATE_RUNNING stays set, no interrupt is raised,
 *	until the core is reset.
 * @NPU_SIM_INJECT_SLOW: every command of the stream takes the core's
 *	slow_us (npu_sim_set_slow_us()) on top of its per-command delay;
 *	QREAD keeps moving, and the stream completes normally.
 * @NPU_SIM_INJECT_BUS_FAULT: the first operation of the stream (a code
 *	below 0x100, NPU_OP_STOP included) raises a bus fault instead of
 *	running: STATUS.BUS_STATUS and the interrupt.
 * @NPU_SIM_INJECT_PARSE_ERROR: the first command of the stream raises a
 *	parse error: STATUS.CMD_PARSE_ERR and the interrupt.
 */
enum npu_sim_injection {
	NPU_SIM_INJECT_NONE,
	NPU_SIM_INJECT_HANG,
	NPU_SIM_INJECT_SLOW,
	NPU_SIM_INJECT_BUS_FAULT,
	NPU_SIM_INJECT_PARSE_ERROR,
};

/**
 * struct npu_sim_stats - what a core has done since the module was loaded
 * @started: streams started (CMD.TRANSITION_TO_RUN accepted).
 * @stopped: streams that reached NPU_OP_STOP.
 * @bus_faults: streams that ended with STATUS.BUS_STATUS.
 * @parse_errors: streams that ended with STATUS.CMD_PARSE_ERR.
 * @resets: writes to the RESET register.
 * @irqs: times the interrupt line was raised, spurious ones included.
 */
struct npu_sim_stats {
	u64 started;
	u64 stopped;
	u64 bus_faults;
	u64 parse_errors;
	u64 resets;
	u64 irqs;
};

unsigned int npu_sim_num_cores(void);
void npu_sim_inject(unsigned int core, enum npu_sim_injection what);
void npu_sim_set_cmd_delay_us(unsigned int core, unsigned int us);
void npu_sim_set_slow_us(unsigned int core, unsigned int us);
void npu_sim_spurious_irq(unsigned int core);
void npu_sim_get_stats(unsigned int core, struct npu_sim_stats *st);

#endif /* _NPU_SIM_H_ */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 *
 * The register model end to end, as a driver sees it: a private simulated
 * NPU of two cores (a platform device no driver binds to), streams in
 * DMA-coherent memory of that device, started through the regmap, their
 * completion taken from the interrupt. Needs dma_alloc_coherent() on a
 * platform device, which works with dma-direct on x86_64 and on UML; the
 * cases skip where it fails.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include <linux/platform_device.h>
#include <linux/regmap.h>
#include <linux/sizes.h>
#include <linux/sort.h>

#include "npu_sim_test.h"

#define NPST_CORES		2
#define NPST_WINDOW		SZ_32K	/* of the buffer, per core */
#define NPST_REGION0		SZ_4K	/* region 0 in the window */
#define NPST_IRQ_TIMEOUT_MS	10000

struct npst_dev;

/* One core and its interrupt */
struct npst_line {
	struct npst_dev *d;
	struct npu_sim_core *core;
	struct regmap *map;
	struct completion done;
	u32 status;		/* STATUS as the handler found it */
	atomic_t count;
	u8 *stream;		/* window of the buffer */
	u8 *mem;		/* region 0 */
	dma_addr_t dma;		/* of the window */
};

struct npst_dev {
	struct npu_sim *sim;
	u8 *buf;
	dma_addr_t dma;
	struct npst_line line[NPST_CORES];
};

static irqreturn_t npst_dev_irq(int irq, void *arg)
{
	struct npst_line *l = arg;
	unsigned int status;

	regmap_read(l->map, NPU_REG_STATUS, &status);
	WRITE_ONCE(l->status, status);
	regmap_write(l->map, NPU_REG_CMD, NPU_CMD_CLEAR_IRQ);
	atomic_inc(&l->count);
	complete(&l->done);

	return IRQ_HANDLED;
}

static void npst_dev_destroy(void *sim)
{
	npu_sim_destroy(sim);
}

static void npst_dev_free_dma(void *arg)
{
	struct npst_dev *d = arg;

	dma_free_coherent(&d->sim->pdev->dev, NPST_CORES * NPST_WINDOW, d->buf,
			  d->dma);
}

static void npst_dev_free_irq(void *arg)
{
	struct npst_line *l = arg;

	free_irq(l->core->virq, l);
}

static struct npu_sim *npst_sim_create(struct kunit *test)
{
	struct npu_sim *sim;

	sim = npu_sim_create("npu_sim_test", PLATFORM_DEVID_AUTO, NPST_CORES);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, sim);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   npst_dev_destroy,
							   sim));
	return sim;
}

static int npst_dev_init(struct kunit *test)
{
	struct npst_dev *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, d);
	test->priv = d;
	d->sim = npst_sim_create(test);
	for (i = 0; i < NPST_CORES; i++) {
		struct npst_line *l = &d->line[i];

		l->d = d;
		l->core = &d->sim->core[i];
		l->map = l->core->regmap;
		init_completion(&l->done);
		npu_sim_core_set_cmd_delay_us(l->core, 0);
	}

	d->buf = dma_alloc_coherent(&d->sim->pdev->dev,
				    NPST_CORES * NPST_WINDOW, &d->dma,
				    GFP_KERNEL);
	if (!d->buf)
		kunit_skip(test,
			   "dma_alloc_coherent() on a platform device failed");
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   npst_dev_free_dma,
							   d));

	for (i = 0; i < NPST_CORES; i++) {
		struct npst_line *l = &d->line[i];

		l->stream = d->buf + i * NPST_WINDOW;
		l->mem = l->stream + NPST_REGION0;
		l->dma = d->dma + i * NPST_WINDOW;
		KUNIT_ASSERT_EQ(test, 0, request_irq(l->core->virq,
						     npst_dev_irq, 0,
						     "npu_sim_test", l));
		KUNIT_ASSERT_EQ(test, 0,
				kunit_add_action_or_reset(test,
							  npst_dev_free_irq,
							  l));
	}

	return 0;
}

static u32 npst_reg(struct npst_line *l, unsigned int reg)
{
	unsigned int v = 0xdeadbeef;

	regmap_read(l->map, reg, &v);
	return v;
}

/* Copy a stream into the window and start it with region 0 behind it. */
static void npst_dev_start(struct npst_line *l, const struct npst_stream *s,
			   u32 limit)
{
	u64 q = l->dma, r0 = l->dma + NPST_REGION0;

	memcpy(l->stream, s->words, npst_bytes(s));
	regmap_write(l->map, NPU_REG_QBASE, lower_32_bits(q));
	regmap_write(l->map, NPU_REG_QBASE_HI, upper_32_bits(q));
	regmap_write(l->map, NPU_REG_QSIZE, npst_bytes(s));
	regmap_write(l->map, NPU_REG_BASEP(0), lower_32_bits(r0));
	regmap_write(l->map, NPU_REG_BASEP_HI(0), upper_32_bits(r0));
	regmap_write(l->map, NPU_REG_REGION_LIMIT(0), limit);
	reinit_completion(&l->done);
	regmap_write(l->map, NPU_REG_CMD, NPU_CMD_TRANSITION_TO_RUN);
}

static bool npst_dev_wait(struct npst_line *l)
{
	return wait_for_completion_timeout(&l->done,
					   msecs_to_jiffies(NPST_IRQ_TIMEOUT_MS));
}

/* Copy len bytes from offset 0 to offset 8K of region 0. */
static void npst_dma_stream(struct kunit *test, struct npst_stream *s,
			    u32 len)
{
	npst_stream_init(test, s, 64);
	npst_cmd0(s, NPU_SET_DMA0_SRC_REGION, 0);
	npst_cmd0(s, NPU_SET_DMA0_DST_REGION, 0);
	npst_addr(s, NPU_SET_DMA0_SRC, 0);
	npst_addr(s, NPU_SET_DMA0_DST, SZ_8K);
	npst_addr(s, NPU_SET_DMA0_LEN, len);
	npst_cmd0(s, NPU_OP_DMA_START, 0);
	npst_cmd0(s, NPU_OP_DMA_WAIT, 0);
	npst_cmd0(s, NPU_OP_STOP, 0xffff);
}

static void npst_fill(struct npst_line *l, u32 len, u8 seed)
{
	u32 i;

	for (i = 0; i < len; i++)
		l->mem[i] = seed + i * 7;
	memset(l->mem + SZ_8K, 0, len);
}

static void npst_dev_registers(struct kunit *test)
{
	struct npst_dev *d = test->priv;
	struct platform_device *pdev = d->sim->pdev;
	struct npu_platform_data *pdata = dev_get_platdata(&pdev->dev);
	struct npst_line *l = &d->line[0];
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, pdata);
	KUNIT_EXPECT_EQ(test, pdata->num_cores, NPST_CORES);
	for (i = 0; i < NPST_CORES; i++) {
		KUNIT_EXPECT_PTR_EQ(test, pdata->regs[i], d->sim->core[i].regmap);
		KUNIT_EXPECT_EQ(test, platform_get_irq(pdev, i),
				d->sim->core[i].virq);
	}
	KUNIT_EXPECT_EQ(test, dma_get_mask(&pdev->dev), DMA_BIT_MASK(40));

	KUNIT_EXPECT_EQ(test, NPU_ID_ARCH_MAJOR(npst_reg(l, NPU_REG_ID)), 1);
	KUNIT_EXPECT_EQ(test, NPU_CONFIG_MACS_LOG2(npst_reg(l, NPU_REG_CONFIG)),
			8);
	KUNIT_EXPECT_EQ(test,
			NPU_CONFIG_CMD_STREAM_VER(npst_reg(l, NPU_REG_CONFIG)),
			1);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_STATUS), 0);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_AXILIMIT(i)),
				NPU_AXILIMIT_DEFAULT);

	regmap_write(l->map, NPU_REG_REGIONCFG, NPU_REGIONCFG_DEFAULT);
	regmap_write(l->map, NPU_REG_BASEP_HI(3), 0xab);
	regmap_write(l->map, NPU_REG_BASEP(3), 0x12345670);
	regmap_write(l->map, NPU_REG_REGION_LIMIT(7), 0x1000);
	regmap_write(l->map, NPU_REG_QCONFIG, 0x55);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_REGIONCFG),
			NPU_REGIONCFG_DEFAULT);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_BASEP_HI(3)), 0xab);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_BASEP(3)), 0x12345670);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_BASEP(4)), 0);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_REGION_LIMIT(7)), 0x1000);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_QCONFIG), 0x55);
	/* the other core is another register file */
	KUNIT_EXPECT_EQ(test, npst_reg(&d->line[1], NPU_REG_BASEP(3)), 0);

	/* read-only and unknown registers */
	regmap_write(l->map, NPU_REG_STATUS, 0xff);
	regmap_write(l->map, NPU_REG_QREAD, 0x40);
	regmap_write(l->map, NPU_REG_ID, 0);
	regmap_write(l->map, 0x030, 0x77);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_STATUS), 0);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_QREAD), 0);
	KUNIT_EXPECT_EQ(test, NPU_ID_ARCH_MAJOR(npst_reg(l, NPU_REG_ID)), 1);
	KUNIT_EXPECT_EQ(test, npst_reg(l, 0x030), 0);

	/* a reset of an idle core: at once, everything back */
	regmap_write(l->map, NPU_REG_RESET, NPU_RESET_PENDING_CSL);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_STATUS), 0);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_BASEP(3)), 0);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_REGIONCFG), 0);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_PROT) & NPU_PROT_ACTIVE_CSL,
			0);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_AXILIMIT(2)),
			NPU_AXILIMIT_DEFAULT);
}

/* A DMA on each core at once, completed by the interrupt. */
static void npst_dev_dma(struct kunit *test)
{
	struct npst_dev *d = test->priv;
	struct npu_sim_stats st;
	struct npst_stream s;
	unsigned int i;

	npst_dma_stream(test, &s, 3000);
	for (i = 0; i < NPST_CORES; i++) {
		npst_fill(&d->line[i], 3000, i * 31);
		npst_dev_start(&d->line[i], &s, NPST_WINDOW - NPST_REGION0);
	}

	for (i = 0; i < NPST_CORES; i++) {
		struct npst_line *l = &d->line[i];

		KUNIT_ASSERT_TRUE_MSG(test, npst_dev_wait(l), "core %u", i);
		KUNIT_EXPECT_EQ(test, l->status, NPU_STATUS_CMD_END_REACHED |
				NPU_STATUS_IRQ_RAISED);
		KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_STATUS), 0);
		KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_QREAD),
				npst_bytes(&s));
		KUNIT_EXPECT_MEMEQ(test, l->mem + SZ_8K, l->mem, 3000);
		KUNIT_EXPECT_EQ(test, atomic_read(&l->count), 1);

		npu_sim_core_get_stats(l->core, &st);
		KUNIT_EXPECT_EQ(test, st.started, 1);
		KUNIT_EXPECT_EQ(test, st.stopped, 1);
		KUNIT_EXPECT_EQ(test, st.irqs, 1);
		KUNIT_EXPECT_EQ(test, st.bus_faults + st.parse_errors, 0);
	}
}

/* REGION_LIMIT one byte short of the destination: a bus fault. */
static void npst_dev_bus_fault(struct kunit *test)
{
	struct npst_line *l = &((struct npst_dev *)test->priv)->line[1];
	struct npu_sim_stats st;
	struct npst_stream s;

	npst_dma_stream(test, &s, 100);
	npst_fill(l, 100, 3);
	memset(l->mem + SZ_8K, 0xee, 100);
	npst_dev_start(l, &s, SZ_8K + 99);

	KUNIT_ASSERT_TRUE(test, npst_dev_wait(l));
	KUNIT_EXPECT_EQ(test, l->status,
			NPU_STATUS_BUS_STATUS | NPU_STATUS_IRQ_RAISED);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_QREAD), npst_bytes(&s) - 12);
	KUNIT_EXPECT_EQ(test, l->mem[SZ_8K], 0xee);
	KUNIT_EXPECT_EQ(test, l->mem[SZ_8K + 98], 0xee);
	npu_sim_core_get_stats(l->core, &st);
	KUNIT_EXPECT_EQ(test, st.bus_faults, 1);
	KUNIT_EXPECT_EQ(test, st.stopped, 0);
}

static void npst_dev_parse_error(struct kunit *test)
{
	struct npst_line *l = &((struct npst_dev *)test->priv)->line[0];
	struct npu_sim_stats st;
	struct npst_stream s;

	npst_stream_init(test, &s, 8);
	npst_cmd0(&s, NPU_OP_DMA_WAIT, 0);
	npst_cmd0(&s, 0x0fff, 0);
	npst_cmd0(&s, NPU_OP_STOP, 0xffff);
	npst_dev_start(l, &s, NPST_WINDOW - NPST_REGION0);

	KUNIT_ASSERT_TRUE(test, npst_dev_wait(l));
	KUNIT_EXPECT_EQ(test, l->status,
			NPU_STATUS_CMD_PARSE_ERR | NPU_STATUS_IRQ_RAISED);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_QREAD), 4);
	npu_sim_core_get_stats(l->core, &st);
	KUNIT_EXPECT_EQ(test, st.parse_errors, 1);
}

/* A hung core: QREAD stuck, no interrupt, until a reset stops it. */
static void npst_dev_hang_reset(struct kunit *test)
{
	struct npst_line *l = &((struct npst_dev *)test->priv)->line[0];
	struct npu_sim_stats st;
	struct npst_stream s;
	unsigned int status;
	int ret;

	npst_dma_stream(test, &s, 500);
	npst_fill(l, 500, 9);
	npu_sim_core_inject(l->core, NPU_SIM_INJECT_HANG);
	npst_dev_start(l, &s, NPST_WINDOW - NPST_REGION0);

	KUNIT_EXPECT_FALSE(test, wait_for_completion_timeout(&l->done,
							     msecs_to_jiffies(100)));
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_STATUS),
			NPU_STATUS_STATE_RUNNING);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_QREAD), 0);
	/* a second start while running is ignored */
	regmap_write(l->map, NPU_REG_CMD, NPU_CMD_TRANSITION_TO_RUN);

	regmap_write(l->map, NPU_REG_RESET, NPU_RESET_PENDING_CSL);
	ret = regmap_read_poll_timeout(l->map, NPU_REG_STATUS, status,
				       !(status & NPU_STATUS_RESET_STATUS),
				       100, 2 * USEC_PER_SEC);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, status, 0);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_QBASE), 0);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_QSIZE), 0);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_BASEP(0)), 0);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_REGION_LIMIT(0)), 0);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_PROT) & NPU_PROT_ACTIVE_CSL,
			0);
	KUNIT_EXPECT_EQ(test, atomic_read(&l->count), 0);
	KUNIT_EXPECT_EQ(test, l->mem[SZ_8K + 1], 0);

	npu_sim_core_get_stats(l->core, &st);
	KUNIT_EXPECT_EQ(test, st.started, 1);
	KUNIT_EXPECT_EQ(test, st.stopped, 0);
	KUNIT_EXPECT_EQ(test, st.resets, 1);
	KUNIT_EXPECT_EQ(test, st.irqs, 0);

	/* the injection is used up: the same stream now runs */
	npst_dev_start(l, &s, NPST_WINDOW - NPST_REGION0);
	KUNIT_ASSERT_TRUE(test, npst_dev_wait(l));
	KUNIT_EXPECT_EQ(test, l->status, NPU_STATUS_CMD_END_REACHED |
			NPU_STATUS_IRQ_RAISED);
	KUNIT_EXPECT_MEMEQ(test, l->mem + SZ_8K, l->mem, 500);
}

/* Injected bus fault and parse error, each for one stream. */
static void npst_dev_inject(struct kunit *test)
{
	struct npst_line *l = &((struct npst_dev *)test->priv)->line[1];
	struct npst_stream s;

	npst_dma_stream(test, &s, 64);
	npst_fill(l, 64, 1);

	npu_sim_core_inject(l->core, NPU_SIM_INJECT_BUS_FAULT);
	npst_dev_start(l, &s, NPST_WINDOW - NPST_REGION0);
	KUNIT_ASSERT_TRUE(test, npst_dev_wait(l));
	KUNIT_EXPECT_EQ(test, l->status,
			NPU_STATUS_BUS_STATUS | NPU_STATUS_IRQ_RAISED);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_QREAD), npst_bytes(&s) - 12);
	KUNIT_EXPECT_EQ(test, l->mem[SZ_8K + 1], 0);

	npu_sim_core_inject(l->core, NPU_SIM_INJECT_PARSE_ERROR);
	npst_dev_start(l, &s, NPST_WINDOW - NPST_REGION0);
	KUNIT_ASSERT_TRUE(test, npst_dev_wait(l));
	KUNIT_EXPECT_EQ(test, l->status,
			NPU_STATUS_CMD_PARSE_ERR | NPU_STATUS_IRQ_RAISED);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_QREAD), 0);
	KUNIT_EXPECT_EQ(test, l->mem[SZ_8K + 1], 0);

	npst_dev_start(l, &s, NPST_WINDOW - NPST_REGION0);
	KUNIT_ASSERT_TRUE(test, npst_dev_wait(l));
	KUNIT_EXPECT_EQ(test, l->status, NPU_STATUS_CMD_END_REACHED |
			NPU_STATUS_IRQ_RAISED);
	KUNIT_EXPECT_MEMEQ(test, l->mem + SZ_8K, l->mem, 64);
}

/* Each command takes at least the delay. */
static void npst_dev_cmd_delay(struct kunit *test)
{
	struct npst_line *l = &((struct npst_dev *)test->priv)->line[0];
	struct npst_stream s;
	ktime_t start;
	s64 us;

	npst_dma_stream(test, &s, 16);
	npu_sim_core_set_cmd_delay_us(l->core, 5000);
	start = ktime_get();
	npst_dev_start(l, &s, NPST_WINDOW - NPST_REGION0);
	KUNIT_ASSERT_TRUE(test, npst_dev_wait(l));
	us = ktime_us_delta(ktime_get(), start);
	npu_sim_core_set_cmd_delay_us(l->core, 0);

	/* 8 commands */
	KUNIT_EXPECT_GE(test, us, 8 * 5000);
	KUNIT_EXPECT_EQ(test, l->status, NPU_STATUS_CMD_END_REACHED |
			NPU_STATUS_IRQ_RAISED);
}

/* A slow stream: QREAD keeps moving, the stream completes. */
static void npst_dev_slow(struct kunit *test)
{
	struct npst_line *l = &((struct npst_dev *)test->priv)->line[1];
	unsigned long timeout = jiffies + msecs_to_jiffies(NPST_IRQ_TIMEOUT_MS);
	unsigned int seen = 0;
	struct npst_stream s;
	u32 last = 0, q;

	npst_dma_stream(test, &s, 16);
	npu_sim_core_set_slow_us(l->core, 20000);
	npu_sim_core_inject(l->core, NPU_SIM_INJECT_SLOW);
	npst_dev_start(l, &s, NPST_WINDOW - NPST_REGION0);

	while (!completion_done(&l->done) && time_before(jiffies, timeout)) {
		q = npst_reg(l, NPU_REG_QREAD);
		KUNIT_EXPECT_GE(test, q, last);
		if (q != last)
			seen++;
		last = q;
		usleep_range(2000, 4000);
	}
	KUNIT_ASSERT_TRUE(test, npst_dev_wait(l));
	KUNIT_EXPECT_EQ(test, l->status, NPU_STATUS_CMD_END_REACHED |
			NPU_STATUS_IRQ_RAISED);
	/* 8 commands of 20 ms, QREAD read every 2 to 4 ms */
	KUNIT_EXPECT_GE(test, seen, 3);
}

/* DMA addresses that are not memory: bus faults, not accesses. */
static void npst_dev_bad_address(struct kunit *test)
{
	struct npst_line *l = &((struct npst_dev *)test->priv)->line[0];
	const u64 nowhere = 0xfe00000000ULL;
	struct npst_stream s;

	/* region 0 behind nothing */
	npst_dma_stream(test, &s, 16);
	npst_fill(l, 16, 5);
	memcpy(l->stream, s.words, npst_bytes(&s));
	regmap_write(l->map, NPU_REG_QBASE, lower_32_bits(l->dma));
	regmap_write(l->map, NPU_REG_QBASE_HI, upper_32_bits(l->dma));
	regmap_write(l->map, NPU_REG_QSIZE, npst_bytes(&s));
	regmap_write(l->map, NPU_REG_BASEP(0), lower_32_bits(nowhere));
	regmap_write(l->map, NPU_REG_BASEP_HI(0), upper_32_bits(nowhere));
	regmap_write(l->map, NPU_REG_REGION_LIMIT(0), SZ_16K);
	reinit_completion(&l->done);
	regmap_write(l->map, NPU_REG_CMD, NPU_CMD_TRANSITION_TO_RUN);
	KUNIT_ASSERT_TRUE(test, npst_dev_wait(l));
	KUNIT_EXPECT_EQ(test, l->status,
			NPU_STATUS_BUS_STATUS | NPU_STATUS_IRQ_RAISED);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_QREAD), npst_bytes(&s) - 12);

	/* the stream itself behind nothing */
	regmap_write(l->map, NPU_REG_QBASE, lower_32_bits(nowhere));
	regmap_write(l->map, NPU_REG_QBASE_HI, upper_32_bits(nowhere));
	reinit_completion(&l->done);
	regmap_write(l->map, NPU_REG_CMD, NPU_CMD_TRANSITION_TO_RUN);
	KUNIT_ASSERT_TRUE(test, npst_dev_wait(l));
	KUNIT_EXPECT_EQ(test, l->status,
			NPU_STATUS_BUS_STATUS | NPU_STATUS_IRQ_RAISED);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_QREAD), 0);

	/* QSIZE 0: runs past the end at once */
	regmap_write(l->map, NPU_REG_QSIZE, 0);
	reinit_completion(&l->done);
	regmap_write(l->map, NPU_REG_CMD, NPU_CMD_TRANSITION_TO_RUN);
	KUNIT_ASSERT_TRUE(test, npst_dev_wait(l));
	KUNIT_EXPECT_EQ(test, l->status,
			NPU_STATUS_CMD_PARSE_ERR | NPU_STATUS_IRQ_RAISED);
}

/* A spurious interrupt: the line rises, STATUS says nothing. */
static void npst_dev_spurious(struct kunit *test)
{
	struct npst_line *l = &((struct npst_dev *)test->priv)->line[0];
	struct npu_sim_stats st;

	npu_sim_core_spurious_irq(l->core);
	KUNIT_ASSERT_TRUE(test, npst_dev_wait(l));
	KUNIT_EXPECT_EQ(test, l->status, 0);
	npu_sim_core_get_stats(l->core, &st);
	KUNIT_EXPECT_EQ(test, st.irqs, 1);
	KUNIT_EXPECT_EQ(test, st.started, 0);
}

/* Removing a simulated NPU whose core hangs does not hang. */
static void npst_dev_destroy_hung(struct kunit *test)
{
	struct npst_line *l = &((struct npst_dev *)test->priv)->line[0];
	struct npst_stream s;

	npst_dma_stream(test, &s, 16);
	npu_sim_core_inject(l->core, NPU_SIM_INJECT_HANG);
	npst_dev_start(l, &s, NPST_WINDOW - NPST_REGION0);
	msleep(20);
	KUNIT_EXPECT_EQ(test, npst_reg(l, NPU_REG_STATUS),
			NPU_STATUS_STATE_RUNNING);
	/* the kunit actions free the IRQs and the buffer, then destroy */
}

/* The module's own device, through the public API, read only. */
static void npst_dev_public_api(struct kunit *test)
{
	struct npu_sim_stats st;
	unsigned int n = npu_sim_num_cores();

	if (!n)
		kunit_skip(test, "no simulated NPU device");
	KUNIT_EXPECT_LE(test, n, NPU_MAX_CORES);
	memset(&st, 0xff, sizeof(st));
	npu_sim_get_stats(n - 1, &st);
	KUNIT_EXPECT_LE(test, st.stopped, st.started);
}

static struct kunit_case npst_dev_cases[] = {
	KUNIT_CASE(npst_dev_registers),
	KUNIT_CASE(npst_dev_dma),
	KUNIT_CASE(npst_dev_bus_fault),
	KUNIT_CASE(npst_dev_parse_error),
	KUNIT_CASE(npst_dev_hang_reset),
	KUNIT_CASE(npst_dev_inject),
	KUNIT_CASE(npst_dev_bad_address),
	KUNIT_CASE(npst_dev_cmd_delay),
	KUNIT_CASE(npst_dev_slow),
	KUNIT_CASE(npst_dev_spurious),
	KUNIT_CASE(npst_dev_destroy_hung),
	{}
};

static struct kunit_suite npst_dev_suite = {
	.name = "npu_sim_device",
	.init = npst_dev_init,
	.test_cases = npst_dev_cases,
};

static struct kunit_case npst_api_cases[] = {
	KUNIT_CASE(npst_dev_public_api),
	{}
};

static struct kunit_suite npst_api_suite = {
	.name = "npu_sim_api",
	.test_cases = npst_api_cases,
};

/*
 * The floor of make bench's NPU section: an empty stream (a lone STOP)
 * started on a simulated core through its registers and completed from
 * its interrupt, with no driver and no scheduler, in a closed loop. It
 * prints figures and asserts only that every stream completed; the bench
 * boots with a real npu_sim_kunit.floor_jobs, the lanes with the default.
 */
static unsigned int floor_jobs = 50;
module_param(floor_jobs, uint, 0444);
MODULE_PARM_DESC(floor_jobs, "streams of the npu_sim_floor case (default 50)");

static int npst_cmp_s64(const void *a, const void *b)
{
	s64 x = *(const s64 *)a, y = *(const s64 *)b;

	return x < y ? -1 : x > y;
}

static void npst_floor_empty_stream(struct kunit *test)
{
	struct npst_dev *d = test->priv;
	struct npst_line *l = &d->line[0];
	unsigned int i, n = max(floor_jobs, 2u);
	struct npst_stream s;
	ktime_t t0, start;
	s64 *lat, total;

	lat = kunit_kcalloc(test, n, sizeof(*lat), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, lat);
	npst_stream_init(test, &s, 4);
	npst_cmd0(&s, NPU_OP_STOP, 0xffff);

	start = ktime_get();
	for (i = 0; i < n; i++) {
		t0 = ktime_get();
		npst_dev_start(l, &s, 0);
		KUNIT_ASSERT_TRUE(test, npst_dev_wait(l));
		lat[i] = ktime_to_ns(ktime_sub(ktime_get(), t0));
		KUNIT_ASSERT_TRUE(test, READ_ONCE(l->status) &
				  NPU_STATUS_CMD_END_REACHED);
	}
	total = ktime_to_ns(ktime_sub(ktime_get(), start));
	sort(lat, n, sizeof(*lat), npst_cmp_s64, NULL);
	kunit_info(test,
		   "npu_sim_floor: jobs=%u p50_us=%lld.%01lld p99_us=%lld.%01lld jobs_per_s=%lld\n",
		   n, lat[(n - 1) / 2] / 1000, lat[(n - 1) / 2] % 1000 / 100,
		   lat[(n - 1) * 99 / 100] / 1000,
		   lat[(n - 1) * 99 / 100] % 1000 / 100,
		   div64_s64((s64)n * NSEC_PER_SEC, max(total, 1LL)));
}

static struct kunit_case npst_floor_cases[] = {
	KUNIT_CASE(npst_floor_empty_stream),
	{}
};

static struct kunit_suite npst_floor_suite = {
	.name = "npu_sim_floor",
	.init = npst_dev_init,
	.test_cases = npst_floor_cases,
};

kunit_test_suites(&npst_dev_suite, &npst_api_suite, &npst_floor_suite);

// SPDX-License-Identifier: MIT
/* A fault reported by the hardware: run the timeout handler now. */
static irqreturn_t foo_irq_handler(int irq, void *data)
{
	struct foo_gpu *gpu = data;
	u32 status = foo_read(gpu, FOO_IRQ_STATUS);

	if (status & FOO_IRQ_FAULT)
		drm_sched_fault(&gpu->sched);
	return IRQ_HANDLED;
}

void foo_ring_fault(struct foo_device *fdev, int instance)
{
	drm_sched_fault(&fdev->sdma.instance[instance].ring.sched);
}

/* Not the same: the scheduler's timeout becomes 0 for good. */
void foo_kill(struct foo_sched *sched)
{
	drm_sched_tdr_queue_imm(&sched->base);
}

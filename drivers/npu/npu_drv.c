// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 */

#include <linux/dma-mapping.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/regmap.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <drm/drm_accel.h>
#include <drm/drm_debugfs.h>
#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_gem_dma_helper.h>
#include <drm/drm_ioctl.h>
#include <drm/drm_managed.h>
#include <drm/ethosu_accel.h>

#include "npu_drv.h"
#include "npu_gem.h"
#include "npu_regs.h"

/**
 * DOC: NPU driver
 *
 * An accel driver for Arm Ethos-U65-class NPUs with one or more cores,
 * built on drm_dep. The device is a platform device named "npu". Its
 * cores' register files come either from its platform data, as regmaps
 * (the simulated NPU provides them so), or from its memory resources,
 * which the driver maps and wraps in MMIO regmaps; core i raises platform
 * interrupt i. Everything past probe is the same for both.
 *
 * The files of the driver: npu_drv.c (device, probe, ioctl table,
 * queries), npu_gem.c (buffer objects and command stream buffer objects),
 * npu_cmdstream.c (the validator), npu_job.c (jobs, submission and
 * timeouts), npu_hw.c (registers, interrupt, reset and runtime PM).
 */

static unsigned int npu_timeout_ms = 500;
module_param_named(timeout_ms, npu_timeout_ms, uint, 0444);
MODULE_PARM_DESC(timeout_ms, "Job timeout in ms, before a progress check (default and 0: 500)");

static int npu_open(struct drm_device *drm, struct drm_file *file)
{
	struct npu_file *nfile;
	int ret;

	nfile = kzalloc(sizeof(*nfile), GFP_KERNEL);
	if (!nfile)
		return -ENOMEM;
	nfile->ndev = to_npu_device(drm);
	ret = npu_job_file_open(nfile);
	if (ret) {
		kfree(nfile);
		return ret;
	}
	file->driver_priv = nfile;
	return 0;
}

static void npu_postclose(struct drm_device *drm, struct drm_file *file)
{
	struct npu_file *nfile = file->driver_priv;

	npu_job_file_close(nfile);
	kfree(nfile);
}

static int npu_ioctl_dev_query(struct drm_device *drm, void *data,
			       struct drm_file *file)
{
	struct npu_device *ndev = to_npu_device(drm);
	struct drm_ethosu_dev_query *args = data;
	struct drm_ethosu_npu_info info = {
		.id = ndev->id,
		.config = ndev->config,
	};
	u32 n = min_t(u32, args->size, sizeof(info));
	void __user *ptr = u64_to_user_ptr(args->pointer);

	if (args->type != DRM_ETHOSU_DEV_QUERY_NPU_INFO)
		return -EINVAL;
	if (!args->pointer) {
		args->size = sizeof(info);
		return 0;
	}
	/* The first version of the structure ended with sram_size. */
	if (args->size < offsetofend(struct drm_ethosu_npu_info, sram_size))
		return -EINVAL;
	if (copy_to_user(ptr, &info, n) ||
	    (args->size > n && clear_user(ptr + n, args->size - n)))
		return -EFAULT;
	args->size = n;
	return 0;
}

static int npu_ioctl_no_perfmon(struct drm_device *drm, void *data,
				struct drm_file *file)
{
	return -EOPNOTSUPP;
}

#define NPU_IOCTL(n, func) \
	DRM_IOCTL_DEF_DRV(ETHOSU_##n, func, 0)

static const struct drm_ioctl_desc npu_ioctls[] = {
	NPU_IOCTL(DEV_QUERY, npu_ioctl_dev_query),
	NPU_IOCTL(BO_CREATE, npu_ioctl_bo_create),
	NPU_IOCTL(BO_WAIT, npu_ioctl_bo_wait),
	NPU_IOCTL(BO_MMAP_OFFSET, npu_ioctl_bo_mmap_offset),
	NPU_IOCTL(CMDSTREAM_BO_CREATE, npu_ioctl_cmdstream_bo_create),
	NPU_IOCTL(SUBMIT, npu_ioctl_submit),
	NPU_IOCTL(PERFMON_CREATE, npu_ioctl_no_perfmon),
	NPU_IOCTL(PERFMON_DESTROY, npu_ioctl_no_perfmon),
	NPU_IOCTL(PERFMON_GET_VALUES, npu_ioctl_no_perfmon),
	NPU_IOCTL(PERFMON_SET_GLOBAL, npu_ioctl_no_perfmon),
	NPU_IOCTL(SUBMIT_SYNCOBJ, npu_ioctl_submit_syncobj),
};

DEFINE_DRM_ACCEL_FOPS(npu_fops);

static const struct drm_driver npu_drm_driver = {
	.driver_features = DRIVER_COMPUTE_ACCEL | DRIVER_GEM |
			   DRIVER_SYNCOBJ | DRIVER_SYNCOBJ_TIMELINE,
	.open = npu_open,
	.postclose = npu_postclose,
	.ioctls = npu_ioctls,
	.num_ioctls = ARRAY_SIZE(npu_ioctls),
	.fops = &npu_fops,
	.gem_create_object = npu_gem_create_object,
	.gem_prime_import_sg_table = drm_gem_dma_prime_import_sg_table,
	.name = "npu",
	.desc = "Ethos-U65-class NPU on drm_dep",
	.major = 1,
	.minor = 0,
};

static const struct regmap_config npu_mmio_regmap_config = {
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.max_register = NPU_REG_LAST,
	.fast_io = true,
};

/* Where the registers come from: the only difference with silicon. */
static int npu_map_cores(struct platform_device *pdev, struct npu_device *ndev)
{
	struct npu_platform_data *pdata = dev_get_platdata(&pdev->dev);
	unsigned int i;
	int irq;

	if (pdata) {
		if (!pdata->num_cores || pdata->num_cores > NPU_MAX_CORES)
			return -EINVAL;
		ndev->num_cores = pdata->num_cores;
	} else {
		ndev->num_cores = 0;
		while (ndev->num_cores < NPU_MAX_CORES &&
		       platform_get_resource(pdev, IORESOURCE_MEM,
					     ndev->num_cores))
			ndev->num_cores++;
		if (!ndev->num_cores)
			return -ENODEV;
	}

	for (i = 0; i < ndev->num_cores; i++) {
		struct npu_core *core = &ndev->cores[i];

		core->ndev = ndev;
		core->index = i;
		if (pdata) {
			core->regs = pdata->regs[i];
		} else {
			void __iomem *base;

			base = devm_platform_ioremap_resource(pdev, i);
			if (IS_ERR(base))
				return PTR_ERR(base);
			core->regs = devm_regmap_init_mmio(&pdev->dev, base,
							   &npu_mmio_regmap_config);
		}
		if (IS_ERR_OR_NULL(core->regs))
			return core->regs ? PTR_ERR(core->regs) : -EINVAL;
		irq = platform_get_irq(pdev, i);
		if (irq < 0)
			return irq;
		core->irq = irq;
	}
	return 0;
}

static void npu_fini_engines(struct npu_device *ndev, unsigned int n)
{
	while (n--)
		drm_dep_engine_fini(&ndev->cores[n].engine);
}

static int npu_init_engines(struct npu_device *ndev)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ndev->num_cores; i++) {
		char name[24];
		struct drm_dep_engine_args args = {
			.name = name,
			.timeout = msecs_to_jiffies(ndev->timeout_ms),
			.credit_limit = 1,
		};

		snprintf(name, sizeof(name), "npu-core%u", i);
		ret = drm_dep_engine_init(&ndev->cores[i].engine, &args);
		if (ret) {
			npu_fini_engines(ndev, i);
			return ret;
		}
		ndev->engines[i] = &ndev->cores[i].engine;
	}
	return 0;
}

/*
 * debugfs "state": what the device holds, so that userspace tests can
 * check that a closed or killed client left nothing behind.
 */
static int npu_debugfs_state(struct seq_file *m, void *data)
{
	struct drm_debugfs_entry *entry = m->private;
	struct npu_device *ndev = to_npu_device(entry->dev);
	struct npu_file *nfile;
	unsigned int files = 0, i;

	mutex_lock(&ndev->files_lock);
	list_for_each_entry(nfile, &ndev->files, link)
		files++;
	mutex_unlock(&ndev->files_lock);

	seq_printf(m, "files %u\njobs %d\nbos %d\nbo_bytes %ld\n", files,
		   atomic_read(&ndev->jobs_alive),
		   atomic_read(&ndev->bos_alive),
		   atomic_long_read(&ndev->bo_bytes));
	for (i = 0; i < ndev->num_cores; i++)
		seq_printf(m, "core%u_jobs %lu\ncore%u_resets %lu\n", i,
			   READ_ONCE(ndev->cores[i].jobs_run), i,
			   READ_ONCE(ndev->cores[i].resets));
	seq_printf(m, "wedged %d\n", READ_ONCE(ndev->wedged));
	return 0;
}

static int npu_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct npu_device *ndev;
	int ret;

	ndev = devm_drm_dev_alloc(dev, &npu_drm_driver, struct npu_device, drm);
	if (IS_ERR(ndev))
		return PTR_ERR(ndev);
	platform_set_drvdata(pdev, ndev);
	ndev->timeout_ms = npu_timeout_ms ?: 500;
	INIT_LIST_HEAD(&ndev->files);
	ret = drmm_mutex_init(&ndev->drm, &ndev->files_lock);
	if (ret)
		return ret;

	ret = npu_map_cores(pdev, ndev);
	if (ret)
		return ret;
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(40));
	if (ret)
		return ret;

	pm_runtime_set_autosuspend_delay(dev, 50);
	pm_runtime_use_autosuspend(dev);
	ret = devm_pm_runtime_enable(dev);
	if (ret)
		return ret;
	ret = pm_runtime_resume_and_get(dev);
	if (ret)
		return ret;
	ndev->id = npu_hw_read(&ndev->cores[0], NPU_REG_ID);
	ndev->config = npu_hw_read(&ndev->cores[0], NPU_REG_CONFIG);
	pm_runtime_mark_last_busy(dev);
	pm_runtime_put_autosuspend(dev);

	ret = npu_init_engines(ndev);
	if (ret)
		return ret;
	ret = npu_hw_request_irqs(ndev);
	if (ret)
		goto err_engines;
	drm_debugfs_add_file(&ndev->drm, "state", npu_debugfs_state, NULL);
	ret = drm_dev_register(&ndev->drm, 0);
	if (ret)
		goto err_irqs;

	drm_info(&ndev->drm, "%u cores, ID %#x, CONFIG %#x\n",
		 ndev->num_cores, ndev->id, ndev->config);
	return 0;

err_irqs:
	npu_hw_free_irqs(ndev);
err_engines:
	npu_fini_engines(ndev, ndev->num_cores);
	return ret;
}

static void npu_remove(struct platform_device *pdev)
{
	struct npu_device *ndev = platform_get_drvdata(pdev);

	/*
	 * No new file or submission after the unplug, which waits for those
	 * under way. Then every file's queue is killed and dropped; engine
	 * teardown waits for their last jobs, which need the interrupts:
	 * they go last.
	 */
	drm_dev_unplug(&ndev->drm);
	npu_job_kill_files(ndev);
	npu_fini_engines(ndev, ndev->num_cores);
	npu_hw_free_irqs(ndev);
}

static const struct platform_device_id npu_ids[] = {
	{ .name = "npu" },
	{ }
};
MODULE_DEVICE_TABLE(platform, npu_ids);

static struct platform_driver npu_platform_driver = {
	.probe = npu_probe,
	.remove = npu_remove,
	.id_table = npu_ids,
	.driver = {
		.name = "npu",
		.pm = pm_ptr(&npu_pm_ops),
	},
};
module_platform_driver(npu_platform_driver);

MODULE_DESCRIPTION("Ethos-U65-class NPU accel driver on drm_dep");
MODULE_LICENSE("GPL");

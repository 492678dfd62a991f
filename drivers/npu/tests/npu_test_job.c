// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright © 2026 The drm_dep authors
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-buf.h>
#include <linux/dma-fence.h>
#include <linux/mm.h>
#include <linux/string.h>

#include <drm/drm_syncobj.h>

#include "npu_drv.h"
#include "npu_gem.h"
#include "npu_regs.h"
#include "npu_test_client.h"
#include "../sim/npu_sim.h"

/*
 * The job path of the driver on the simulated NPU, through the ioctls:
 * submission, inferences of several jobs, hangs, slow progress, faults,
 * interrupts racing the timeout, files closed with jobs in flight, and
 * the balance of the cores. Each test leaves the device idle: no job
 * alive, no runtime-PM reference, no injection armed.
 */

#define NPU_TEST_BO_SIZE	SZ_4K

static void npu_test_sim_reset_knobs(void)
{
	unsigned int i;

	for (i = 0; i < npu_sim_num_cores(); i++) {
		npu_sim_inject(i, NPU_SIM_INJECT_NONE);
		npu_sim_set_cmd_delay_us(i, 0);
		npu_sim_set_slow_us(i, 0);
	}
}

static void npu_test_inject_all(enum npu_sim_injection what)
{
	unsigned int i;

	for (i = 0; i < npu_sim_num_cores(); i++)
		npu_sim_inject(i, what);
}

static void npu_test_sim_totals(struct npu_sim_stats *sum)
{
	struct npu_sim_stats st;
	unsigned int i;

	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < npu_sim_num_cores(); i++) {
		npu_sim_get_stats(i, &st);
		sum->started += st.started;
		sum->stopped += st.stopped;
		sum->bus_faults += st.bus_faults;
		sum->parse_errors += st.parse_errors;
		sum->resets += st.resets;
	}
}

static unsigned long npu_test_resets(struct npu_device *ndev)
{
	unsigned long n = 0;
	unsigned int i;

	for (i = 0; i < ndev->num_cores; i++)
		n += READ_ONCE(ndev->cores[i].resets);
	return n;
}

/*
 * The timeout handler counts a reset just after the completion it
 * reported, which may wake the test first: the count once it reached
 * @expect, or after a second.
 */
static unsigned long npu_test_resets_settled(struct npu_device *ndev,
					     unsigned long expect)
{
	unsigned int i;

	for (i = 0; i < 500 && npu_test_resets(ndev) != expect; i++)
		usleep_range(1000, 2000);
	return npu_test_resets(ndev);
}

static int npu_test_init(struct kunit *test)
{
	struct npu_device *ndev = npu_test_device(test);

	npu_test_sim_reset_knobs();
	KUNIT_ASSERT_TRUE_MSG(test, npu_test_idle(ndev, 5000),
			      "device busy before the test");
	test->priv = ndev;
	return 0;
}

static void npu_test_exit(struct kunit *test)
{
	struct npu_device *ndev = test->priv;

	/* The clients were closed by their cleanup actions already. */
	npu_test_sim_reset_knobs();
	KUNIT_EXPECT_TRUE_MSG(test, npu_test_idle(ndev, 10000),
			      "%d jobs alive, PM usage %d",
			      atomic_read(&ndev->jobs_alive),
			      atomic_read(&ndev->drm.dev->power.usage_count));
}

/* A pattern that differs per byte and per seed. */
static void npu_test_fill(u8 *p, size_t n, u8 seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(i * 7 + seed * 13 + 1);
}

/* A copy job: region 0 (@src) to region 1 (@dst), @len bytes. */
static u32 npu_test_copy_stream(struct npu_test_client *c, u32 len)
{
	struct npu_test_stream s = {};
	u32 cmd;

	npu_test_dma_copy(&s, 0, 0, 1, 0, len);
	npu_test_stop(&s);
	KUNIT_ASSERT_EQ(c->test, 0, npu_test_cmdstream(c, &s, &cmd));
	return cmd;
}

static struct drm_ethosu_job npu_test_copy_job(u32 cmd, u32 src, u32 dst)
{
	struct drm_ethosu_job job = { .cmd_bo = cmd };

	job.region_bo_handles[0] = src;
	job.region_bo_handles[1] = dst;
	return job;
}

static int npu_test_fence_error(struct kunit *test, struct dma_fence *fence)
{
	KUNIT_ASSERT_NOT_NULL(test, fence);
	KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(fence, false, 10 * HZ),
			0);
	KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(fence));
	return fence->error;
}

/* A client, a filled source, a destination and a copy job between them. */
struct npu_test_copy {
	struct npu_test_client *c;
	u32 src;
	u32 dst;
	u32 sync;
	struct drm_ethosu_job job;
};

static void npu_test_copy_setup(struct kunit *test, struct npu_test_copy *t,
				u8 seed)
{
	t->c = npu_test_open(test);
	t->src = npu_test_bo(t->c, NPU_TEST_BO_SIZE);
	t->dst = npu_test_bo(t->c, NPU_TEST_BO_SIZE);
	t->sync = npu_test_syncobj(t->c);
	npu_test_fill(npu_test_vaddr(t->c, t->src), NPU_TEST_BO_SIZE, seed);
	t->job = npu_test_copy_job(npu_test_copy_stream(t->c,
							NPU_TEST_BO_SIZE),
				   t->src, t->dst);
}

/*
 * Submits the copy with its out-sync and waits for it; a copy that
 * succeeded must have copied every byte. Returns its fence's error.
 */
static int npu_test_copy_run(struct npu_test_copy *t)
{
	struct kunit *test = t->c->test;
	struct dma_fence *fence;
	int err;

	KUNIT_ASSERT_EQ(test, 0, npu_test_submit(t->c, &t->job, 1, t->sync));
	KUNIT_EXPECT_EQ(test, 0, npu_test_wait(t->c, t->dst));
	fence = npu_test_syncobj_fence(t->c, t->sync);
	err = npu_test_fence_error(test, fence);
	dma_fence_put(fence);
	if (!err)
		KUNIT_EXPECT_MEMEQ(test, npu_test_vaddr(t->c, t->dst),
				   npu_test_vaddr(t->c, t->src),
				   NPU_TEST_BO_SIZE);
	return err;
}

static void npu_test_submit_copy(struct kunit *test)
{
	struct npu_test_copy t;

	npu_test_copy_setup(test, &t, 1);
	KUNIT_EXPECT_EQ(test, 0, npu_test_copy_run(&t));
}

/* Three jobs in one SUBMIT: a -> b -> c -> d, all on one core. */
static void npu_test_inference(struct kunit *test)
{
	struct npu_device *ndev = test->priv;
	struct npu_test_client *c = npu_test_open(test);
	unsigned long before[NPU_MAX_CORES];
	struct drm_ethosu_job jobs[3];
	unsigned int i, cores_used = 0;
	u32 bo[4], cmd;

	for (i = 0; i < 4; i++)
		bo[i] = npu_test_bo(c, NPU_TEST_BO_SIZE);
	npu_test_fill(npu_test_vaddr(c, bo[0]), NPU_TEST_BO_SIZE, 2);
	cmd = npu_test_copy_stream(c, NPU_TEST_BO_SIZE);
	for (i = 0; i < 3; i++)
		jobs[i] = npu_test_copy_job(cmd, bo[i], bo[i + 1]);
	for (i = 0; i < ndev->num_cores; i++)
		before[i] = READ_ONCE(ndev->cores[i].jobs_run);

	KUNIT_ASSERT_EQ(test, 0, npu_test_submit(c, jobs, 3, 0));
	KUNIT_EXPECT_EQ(test, 0, npu_test_wait(c, bo[3]));
	KUNIT_EXPECT_MEMEQ(test, npu_test_vaddr(c, bo[3]),
			   npu_test_vaddr(c, bo[0]), NPU_TEST_BO_SIZE);

	for (i = 0; i < ndev->num_cores; i++) {
		unsigned long n = READ_ONCE(ndev->cores[i].jobs_run) - before[i];

		if (n) {
			KUNIT_EXPECT_EQ(test, n, 3);
			cores_used++;
		}
	}
	KUNIT_EXPECT_EQ(test, cores_used, 1);
}

static void npu_test_dev_query(struct kunit *test)
{
	struct npu_test_client *c = npu_test_open(test);
	struct drm_ethosu_dev_query q = {
		.type = DRM_ETHOSU_DEV_QUERY_NPU_INFO,
	};
	struct drm_ethosu_npu_info info;
	struct drm_ethosu_perfmon_create pc = {};

	KUNIT_ASSERT_EQ(test, 0, npu_test_ioctl(c, DRM_IOCTL_ETHOSU_DEV_QUERY,
						&q, sizeof(q)));
	KUNIT_EXPECT_EQ(test, q.size, sizeof(info));

	q.pointer = (uintptr_t)npu_test_payload(c, &info, sizeof(info));
	KUNIT_ASSERT_EQ(test, 0, npu_test_ioctl(c, DRM_IOCTL_ETHOSU_DEV_QUERY,
						&q, sizeof(q)));
	KUNIT_ASSERT_EQ(test, 0, copy_from_user(&info,
						u64_to_user_ptr(q.pointer),
						sizeof(info)));
	KUNIT_EXPECT_EQ(test, DRM_ETHOSU_ARCH_MAJOR(info.id), 1);
	KUNIT_EXPECT_EQ(test, info.sram_size, 0);

	q.type = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL,
			npu_test_ioctl(c, DRM_IOCTL_ETHOSU_DEV_QUERY, &q,
				       sizeof(q)));
	KUNIT_EXPECT_EQ(test, -EOPNOTSUPP,
			npu_test_ioctl(c, DRM_IOCTL_ETHOSU_PERFMON_CREATE, &pc,
				       sizeof(pc)));
}

/* The smaller ioctls: sizes, handles and flags, as upstream ethosu. */
static void npu_test_uapi_misc(struct kunit *test)
{
	struct npu_test_client *c = npu_test_open(test);
	struct drm_ethosu_dev_query q = {
		.type = DRM_ETHOSU_DEV_QUERY_NPU_INFO,
		.size = 4,
	};
	struct drm_ethosu_bo_create bc = { .size = 1, .flags = 2 };
	struct drm_ethosu_bo_wait w = { .handle = 0x7fff };
	struct drm_ethosu_bo_mmap_offset mo = {};
	struct drm_ethosu_cmdstream_bo_create cc = { .size = 4 };
	struct npu_test_stream s = {};
	struct drm_gem_object *obj;
	struct dma_buf *buf;
	u32 cmd;

	/* Too small for the first version of the answer. */
	q.pointer = (uintptr_t)npu_test_payload(c, &q, sizeof(q));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			npu_test_ioctl(c, DRM_IOCTL_ETHOSU_DEV_QUERY, &q,
				       sizeof(q)));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			npu_test_ioctl(c, DRM_IOCTL_ETHOSU_BO_CREATE, &bc,
				       sizeof(bc)));
	bc.flags = 0;
	bc.size = 0;
	KUNIT_EXPECT_EQ(test, -EINVAL,
			npu_test_ioctl(c, DRM_IOCTL_ETHOSU_BO_CREATE, &bc,
				       sizeof(bc)));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			npu_test_ioctl(c, DRM_IOCTL_ETHOSU_BO_WAIT, &w,
				       sizeof(w)));
	/* An idle object with a deadline in the past: done. */
	w.handle = npu_test_bo(c, 1);
	KUNIT_EXPECT_EQ(test, 0,
			npu_test_ioctl(c, DRM_IOCTL_ETHOSU_BO_WAIT, &w,
				       sizeof(w)));
	KUNIT_EXPECT_EQ(test, 0, cc.data);
	KUNIT_EXPECT_EQ(test, -EINVAL,
			npu_test_ioctl(c, DRM_IOCTL_ETHOSU_CMDSTREAM_BO_CREATE,
				       &cc, sizeof(cc)));

	/* A command stream has an offset but no mapping and no dma-buf. */
	npu_test_stop(&s);
	KUNIT_ASSERT_EQ(test, 0, npu_test_cmdstream(c, &s, &cmd));
	mo.handle = cmd;
	KUNIT_EXPECT_EQ(test, 0,
			npu_test_ioctl(c, DRM_IOCTL_ETHOSU_BO_MMAP_OFFSET, &mo,
				       sizeof(mo)));
	KUNIT_EXPECT_NE(test, mo.offset, 0);
	obj = &npu_test_lookup(c, cmd)->base.base;
	buf = obj->funcs->export(obj, O_RDWR);
	KUNIT_EXPECT_EQ(test, PTR_ERR(buf), -EPERM);
}

/* Submissions that queue nothing, most with an errno. */
struct npu_test_bad_submit {
	const char *name;
	int err;
	void (*edit)(struct drm_ethosu_job *jobs, u32 *count, u32 *bo);
};

static void npu_bad_cmd_handle(struct drm_ethosu_job *j, u32 *n, u32 *bo)
{
	j[0].cmd_bo = 0x7fff;
}

static void npu_bad_cmd_is_data(struct drm_ethosu_job *j, u32 *n, u32 *bo)
{
	j[0].cmd_bo = bo[0];
}

static void npu_bad_region_missing(struct drm_ethosu_job *j, u32 *n, u32 *bo)
{
	j[0].region_bo_handles[1] = 0;
}

static void npu_bad_region_unused(struct drm_ethosu_job *j, u32 *n, u32 *bo)
{
	j[0].region_bo_handles[5] = bo[1];
}

static void npu_bad_region_small(struct drm_ethosu_job *j, u32 *n, u32 *bo)
{
	j[0].region_bo_handles[1] = bo[2];
}

static void npu_bad_region_cmd(struct drm_ethosu_job *j, u32 *n, u32 *bo)
{
	j[0].region_bo_handles[1] = j[0].cmd_bo;
}

static void npu_bad_region_handle(struct drm_ethosu_job *j, u32 *n, u32 *bo)
{
	j[0].region_bo_handles[0] = 0x7fff;
}

static void npu_bad_sram(struct drm_ethosu_job *j, u32 *n, u32 *bo)
{
	j[0].sram_size = SZ_4K;
}

static void npu_bad_no_jobs(struct drm_ethosu_job *j, u32 *n, u32 *bo)
{
	*n = 0;
}

static void npu_bad_too_many(struct drm_ethosu_job *j, u32 *n, u32 *bo)
{
	*n = 65;
}

static void npu_bad_second(struct drm_ethosu_job *j, u32 *n, u32 *bo)
{
	j[1] = j[0];
	j[1].region_bo_handles[0] = 0x7fff;
	*n = 2;
}

static const struct npu_test_bad_submit npu_bad_submits[] = {
	{ "cmd_handle", -ENOENT, npu_bad_cmd_handle },
	{ "cmd_is_data", -EINVAL, npu_bad_cmd_is_data },
	{ "region_missing", -EINVAL, npu_bad_region_missing },
	{ "region_unused", -EINVAL, npu_bad_region_unused },
	{ "region_too_small", -EOVERFLOW, npu_bad_region_small },
	{ "cmdstream_as_data", -EINVAL, npu_bad_region_cmd },
	{ "region_handle", -ENOENT, npu_bad_region_handle },
	{ "sram", -EINVAL, npu_bad_sram },
	{ "no_jobs_queue_nothing", 0, npu_bad_no_jobs },
	{ "too_many_jobs", -EINVAL, npu_bad_too_many },
	{ "second_job_bad", -ENOENT, npu_bad_second },
};

static void npu_bad_submit_desc(const struct npu_test_bad_submit *t,
				char *desc)
{
	strscpy(desc, t->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(npu_bad_submit, npu_bad_submits, npu_bad_submit_desc);

static void npu_test_bad_submit(struct kunit *test)
{
	const struct npu_test_bad_submit *t = test->param_value;
	struct npu_test_client *c = npu_test_open(test);
	struct npu_sim_stats before, after;
	struct drm_ethosu_job *jobs;
	u32 bo[3], count = 1;

	/* Room for the longest submission of the table. */
	jobs = kunit_kcalloc(test, 65, sizeof(*jobs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, jobs);

	bo[0] = npu_test_bo(c, NPU_TEST_BO_SIZE);
	bo[1] = npu_test_bo(c, NPU_TEST_BO_SIZE);
	bo[2] = npu_test_bo(c, NPU_TEST_BO_SIZE / 2 + 1);
	/* A copy of two pages: bo[2] has only one. */
	jobs[0] = npu_test_copy_job(npu_test_copy_stream(c, 2 * PAGE_SIZE),
				    bo[0], bo[1]);
	jobs[0].region_bo_handles[0] = npu_test_bo(c, 2 * PAGE_SIZE);
	jobs[0].region_bo_handles[1] = npu_test_bo(c, 2 * PAGE_SIZE);
	t->edit(jobs, &count, bo);

	npu_test_sim_totals(&before);
	KUNIT_EXPECT_EQ(test, t->err, npu_test_submit(c, jobs, count, 0));
	KUNIT_EXPECT_TRUE(test, npu_test_idle(test->priv, 1000));
	npu_test_sim_totals(&after);
	KUNIT_EXPECT_EQ(test, after.started, before.started);
}

static void npu_test_bad_syncs(struct kunit *test)
{
	struct npu_test_client *c = npu_test_open(test);
	u32 src = npu_test_bo(c, NPU_TEST_BO_SIZE);
	u32 dst = npu_test_bo(c, NPU_TEST_BO_SIZE);
	u32 empty = npu_test_syncobj(c);
	struct drm_ethosu_job job;
	struct drm_ethosu_sync in = { .handle = empty };
	struct drm_ethosu_submit_syncobj args = {
		.job_count = 1,
		.in_sync_count = 1,
	};

	job = npu_test_copy_job(npu_test_copy_stream(c, NPU_TEST_BO_SIZE),
				src, dst);
	/* Payload: the job, then the in-sync right after it. */
	args.jobs = (uintptr_t)npu_test_payload(c, &job, sizeof(job));
	args.in_syncs = args.jobs + sizeof(job);
	KUNIT_ASSERT_EQ(test, 0,
			copy_to_user(u64_to_user_ptr(args.in_syncs), &in,
				     sizeof(in)));

	/* An in-sync without a fence. */
	KUNIT_EXPECT_EQ(test, -EINVAL,
			npu_test_ioctl(c, DRM_IOCTL_ETHOSU_SUBMIT_SYNCOBJ,
				       &args, sizeof(args)));
	/* An out-sync that does not exist. */
	args.in_sync_count = 0;
	args.out_sync.handle = 0x7fff;
	KUNIT_EXPECT_EQ(test, -ENOENT,
			npu_test_ioctl(c, DRM_IOCTL_ETHOSU_SUBMIT_SYNCOBJ,
				       &args, sizeof(args)));
	args.out_sync.handle = 0;
	args.flags = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL,
			npu_test_ioctl(c, DRM_IOCTL_ETHOSU_SUBMIT_SYNCOBJ,
				       &args, sizeof(args)));
	KUNIT_EXPECT_TRUE(test, npu_test_idle(test->priv, 1000));
}

/* Gives @b a handle to the syncobj behind @a's @handle. */
static u32 npu_test_share_syncobj(struct npu_test_client *a, u32 handle,
				  struct npu_test_client *b)
{
	struct drm_syncobj *syncobj;
	u32 h;

	syncobj = drm_syncobj_find(a->filp->private_data, handle);
	KUNIT_ASSERT_NOT_NULL(a->test, syncobj);
	KUNIT_ASSERT_EQ(a->test, 0,
			drm_syncobj_get_handle(b->filp->private_data, syncobj,
					       &h));
	drm_syncobj_put(syncobj);
	return h;
}

/*
 * B's job waits for A's inference through a syncobj, binary (point 0) or
 * on a timeline (point 1): when B's fence signals, A's has, although A's
 * job is slow and B's could run at once on the other core.
 */
static void npu_test_explicit_sync(struct kunit *test)
{
	struct npu_test_client *a = npu_test_open(test);
	struct npu_test_client *b = npu_test_open(test);
	struct drm_ethosu_job ajob, bjob;
	struct dma_fence *af, *bf;
	unsigned int i;
	u64 point;

	ajob = npu_test_copy_job(npu_test_copy_stream(a, NPU_TEST_BO_SIZE),
				 npu_test_bo(a, NPU_TEST_BO_SIZE),
				 npu_test_bo(a, NPU_TEST_BO_SIZE));
	bjob = npu_test_copy_job(npu_test_copy_stream(b, NPU_TEST_BO_SIZE),
				 npu_test_bo(b, NPU_TEST_BO_SIZE),
				 npu_test_bo(b, NPU_TEST_BO_SIZE));

	for (point = 0; point <= 1; point++) {
		u32 as = npu_test_syncobj(a);
		u32 bs = npu_test_syncobj(b);
		struct drm_ethosu_sync in = {
			.handle = npu_test_share_syncobj(a, as, b),
			.point = point,
		};
		struct drm_ethosu_submit_syncobj aargs = {
			.job_count = 1,
			.out_sync = { .handle = as, .point = point },
		};
		struct drm_ethosu_submit_syncobj bargs = {
			.job_count = 1,
			.in_sync_count = 1,
			.out_sync.handle = bs,
		};

		for (i = 0; i < npu_sim_num_cores(); i++)
			npu_sim_set_cmd_delay_us(i, 10000);
		aargs.jobs = (uintptr_t)npu_test_payload(a, &ajob,
							 sizeof(ajob));
		KUNIT_ASSERT_EQ(test, 0,
				npu_test_ioctl(a, DRM_IOCTL_ETHOSU_SUBMIT_SYNCOBJ,
					       &aargs, sizeof(aargs)));
		for (i = 0; i < npu_sim_num_cores(); i++)
			npu_sim_set_cmd_delay_us(i, 0);

		bargs.jobs = (uintptr_t)npu_test_payload(b, &bjob,
							 sizeof(bjob));
		bargs.in_syncs = bargs.jobs + sizeof(bjob);
		KUNIT_ASSERT_EQ(test, 0,
				copy_to_user(u64_to_user_ptr(bargs.in_syncs),
					     &in, sizeof(in)));
		KUNIT_ASSERT_EQ(test, 0,
				npu_test_ioctl(b, DRM_IOCTL_ETHOSU_SUBMIT_SYNCOBJ,
					       &bargs, sizeof(bargs)));

		bf = npu_test_syncobj_fence(b, bs);
		KUNIT_EXPECT_EQ(test, 0, npu_test_fence_error(test, bf));
		KUNIT_ASSERT_EQ(test, 0,
				drm_syncobj_find_fence(a->filp->private_data,
						       as, point, 0, &af));
		KUNIT_EXPECT_TRUE_MSG(test, dma_fence_is_signaled(af),
				      "point %llu: B done before A", point);
		KUNIT_EXPECT_EQ(test, 0, npu_test_fence_error(test, af));
		dma_fence_put(af);
		dma_fence_put(bf);
	}
}

/* A hung job is reset with -ETIMEDOUT; the next job runs fine. */
static void npu_test_hang(struct kunit *test)
{
	struct npu_device *ndev = test->priv;
	unsigned long resets = npu_test_resets(ndev);
	struct npu_test_copy t;

	npu_test_copy_setup(test, &t, 3);
	npu_test_inject_all(NPU_SIM_INJECT_HANG);
	KUNIT_EXPECT_EQ(test, -ETIMEDOUT, npu_test_copy_run(&t));
	KUNIT_EXPECT_EQ(test, npu_test_resets_settled(ndev, resets + 1),
			resets + 1);

	npu_test_sim_reset_knobs();
	KUNIT_EXPECT_EQ(test, 0, npu_test_copy_run(&t));
}

/* A job slower than the timeout, but moving, is extended, not reset. */
static void npu_test_slow(struct kunit *test)
{
	struct npu_device *ndev = test->priv;
	unsigned long resets = npu_test_resets(ndev);
	struct npu_test_copy t;
	unsigned int i;
	ktime_t start;

	npu_test_copy_setup(test, &t, 4);
	/* Eight commands of 0.4 timeouts each: about three timeouts. */
	for (i = 0; i < npu_sim_num_cores(); i++)
		npu_sim_set_slow_us(i, ndev->timeout_ms * 400);
	npu_test_inject_all(NPU_SIM_INJECT_SLOW);
	start = ktime_get();
	KUNIT_EXPECT_EQ(test, 0, npu_test_copy_run(&t));
	KUNIT_EXPECT_GT(test, ktime_ms_delta(ktime_get(), start),
			(s64)ndev->timeout_ms);
	KUNIT_EXPECT_EQ(test, npu_test_resets(ndev), resets);
}

/*
 * A fault in the first job of an inference fails it and cancels the rest;
 * the device then serves another client.
 */
static void npu_test_fault_cancels_inference(struct kunit *test,
					     enum npu_sim_injection what)
{
	struct npu_test_client *a = npu_test_open(test);
	struct npu_test_client *b = npu_test_open(test);
	struct npu_sim_stats before, after;
	struct drm_ethosu_job jobs[3];
	u32 src = npu_test_bo(a, NPU_TEST_BO_SIZE);
	u32 sync = npu_test_syncobj(a);
	struct dma_fence *fence;
	u32 dst[3], cmd, bsrc, bdst;
	unsigned int i;
	u8 *p;

	npu_test_fill(npu_test_vaddr(a, src), NPU_TEST_BO_SIZE, 5);
	cmd = npu_test_copy_stream(a, NPU_TEST_BO_SIZE);
	for (i = 0; i < 3; i++) {
		dst[i] = npu_test_bo(a, NPU_TEST_BO_SIZE);
		jobs[i] = npu_test_copy_job(cmd, src, dst[i]);
	}

	npu_test_sim_totals(&before);
	npu_test_inject_all(what);
	KUNIT_ASSERT_EQ(test, 0, npu_test_submit(a, jobs, 3, sync));
	fence = npu_test_syncobj_fence(a, sync);
	KUNIT_EXPECT_EQ(test, -ECANCELED, npu_test_fence_error(test, fence));
	dma_fence_put(fence);
	npu_test_sim_reset_knobs();
	npu_test_sim_totals(&after);

	/* Only the first job reached the NPU; it wrote nothing. */
	KUNIT_EXPECT_EQ(test, after.started, before.started + 1);
	if (what == NPU_SIM_INJECT_BUS_FAULT)
		KUNIT_EXPECT_EQ(test, after.bus_faults, before.bus_faults + 1);
	else
		KUNIT_EXPECT_EQ(test, after.parse_errors,
				before.parse_errors + 1);
	for (i = 0; i < 3; i++) {
		p = npu_test_vaddr(a, dst[i]);
		KUNIT_EXPECT_TRUE(test, !memchr_inv(p, 0, NPU_TEST_BO_SIZE));
	}

	/* Another client goes on. */
	bsrc = npu_test_bo(b, NPU_TEST_BO_SIZE);
	bdst = npu_test_bo(b, NPU_TEST_BO_SIZE);
	npu_test_fill(npu_test_vaddr(b, bsrc), NPU_TEST_BO_SIZE, 6);
	jobs[0] = npu_test_copy_job(npu_test_copy_stream(b, NPU_TEST_BO_SIZE),
				    bsrc, bdst);
	KUNIT_ASSERT_EQ(test, 0, npu_test_submit(b, jobs, 1, 0));
	KUNIT_EXPECT_EQ(test, 0, npu_test_wait(b, bdst));
	KUNIT_EXPECT_MEMEQ(test, npu_test_vaddr(b, bdst),
			   npu_test_vaddr(b, bsrc), NPU_TEST_BO_SIZE);
}

static void npu_test_bus_fault(struct kunit *test)
{
	npu_test_fault_cancels_inference(test, NPU_SIM_INJECT_BUS_FAULT);
}

static void npu_test_parse_error(struct kunit *test)
{
	npu_test_fault_cancels_inference(test, NPU_SIM_INJECT_PARSE_ERROR);
}

/* An interrupt with no status bit is not ours and changes nothing. */
static void npu_test_spurious_irq(struct kunit *test)
{
	struct npu_test_copy t;
	unsigned int i;

	npu_test_copy_setup(test, &t, 7);
	for (i = 0; i < npu_sim_num_cores(); i++)
		npu_sim_spurious_irq(i);
	KUNIT_ASSERT_EQ(test, 0, npu_test_submit(t.c, &t.job, 1, 0));
	for (i = 0; i < npu_sim_num_cores(); i++)
		npu_sim_spurious_irq(i);
	KUNIT_EXPECT_EQ(test, 0, npu_test_wait(t.c, t.dst));
	KUNIT_EXPECT_MEMEQ(test, npu_test_vaddr(t.c, t.dst),
			   npu_test_vaddr(t.c, t.src), NPU_TEST_BO_SIZE);
}

/* A small deterministic generator, so that a failing run can be redone. */
static u32 npu_test_rand(u32 *state)
{
	*state = *state * 1664525 + 1013904223;
	return *state >> 8;
}

/*
 * The completion interrupt of a job races the reset of its timeout: a
 * one-command stream whose command takes about the timeout. Either the
 * interrupt wins (the job succeeds) or the reset does (-ETIMEDOUT); each
 * job completes exactly once, and the two counts add up.
 */
static void npu_test_irq_races_timeout(struct kunit *test)
{
	unsigned int rounds = IS_ENABLED(CONFIG_SMP) ? 200 : 20;
	struct npu_device *ndev = test->priv;
	struct npu_test_client *c = npu_test_open(test);
	unsigned long resets = npu_test_resets(ndev);
	unsigned int won = 0, reset = 0, r, i;
	struct npu_sim_stats before, after;
	struct npu_test_stream s = {};
	struct drm_ethosu_job job = {};
	u32 sync = npu_test_syncobj(c);
	u32 seed = 0x5eed;

	npu_test_stop(&s);
	KUNIT_ASSERT_EQ(test, 0, npu_test_cmdstream(c, &s, &job.cmd_bo));
	npu_test_sim_totals(&before);

	for (r = 0; r < rounds; r++) {
		/* 90% to 110% of the timeout. */
		u32 us = ndev->timeout_ms * (900 + npu_test_rand(&seed) % 201);
		struct dma_fence *fence;
		int err;

		for (i = 0; i < npu_sim_num_cores(); i++)
			npu_sim_set_cmd_delay_us(i, us);
		KUNIT_ASSERT_EQ(test, 0, npu_test_submit(c, &job, 1, sync));
		fence = npu_test_syncobj_fence(c, sync);
		err = npu_test_fence_error(test, fence);
		dma_fence_put(fence);
		if (!err)
			won++;
		else if (err == -ETIMEDOUT)
			reset++;
		else
			KUNIT_FAIL(test, "round %u: error %d", r, err);
	}
	npu_test_sim_reset_knobs();
	npu_test_sim_totals(&after);

	kunit_info(test, "%u rounds: interrupt first %u, reset first %u\n",
		   rounds, won, reset);
	KUNIT_EXPECT_EQ(test, won + reset, rounds);
	KUNIT_EXPECT_EQ(test, after.started - before.started, rounds);
	KUNIT_EXPECT_EQ(test, npu_test_resets_settled(ndev, resets + reset),
			resets + reset);
}

/*
 * Queues @n copies of 2 ms per command, each its own SUBMIT; returns the
 * last job.
 */
static struct drm_ethosu_job
npu_test_queue_slow_copies(struct npu_test_client *c, unsigned int n)
{
	u32 src = npu_test_bo(c, NPU_TEST_BO_SIZE);
	u32 cmd = npu_test_copy_stream(c, NPU_TEST_BO_SIZE);
	struct drm_ethosu_job job = {};
	unsigned int i;

	for (i = 0; i < npu_sim_num_cores(); i++)
		npu_sim_set_cmd_delay_us(i, 2000);
	for (i = 0; i < n; i++) {
		job = npu_test_copy_job(cmd, src,
					npu_test_bo(c, NPU_TEST_BO_SIZE));
		KUNIT_ASSERT_EQ(c->test, 0, npu_test_submit(c, &job, 1, 0));
	}
	return job;
}

/* A file closed with jobs queued and running leaves nothing behind. */
static void npu_test_close_in_flight(struct kunit *test)
{
	struct npu_device *ndev = test->priv;
	struct npu_test_client *c = npu_test_open(test);

	npu_test_queue_slow_copies(c, 8);
	KUNIT_EXPECT_GT(test, atomic_read(&ndev->jobs_alive), 0);
	npu_test_close(c);
	KUNIT_EXPECT_TRUE(test, npu_test_idle(ndev, 10000));
}

/*
 * System sleep with work queued: the running job finishes, nothing new
 * starts while the device sleeps, and everything runs after the resume.
 */
static void npu_test_system_sleep(struct kunit *test)
{
	struct npu_device *ndev = test->priv;
	const struct dev_pm_ops *pm = ndev->drm.dev->driver->pm;
	struct npu_test_client *c = npu_test_open(test);
	u32 src = npu_test_bo(c, NPU_TEST_BO_SIZE);
	u32 dst[4], cmd;
	struct npu_sim_stats before, asleep, later;
	struct drm_ethosu_job job;
	unsigned int i;

	npu_test_sim_totals(&before);
	npu_test_fill(npu_test_vaddr(c, src), NPU_TEST_BO_SIZE, 8);
	cmd = npu_test_copy_stream(c, NPU_TEST_BO_SIZE);
	for (i = 0; i < npu_sim_num_cores(); i++)
		npu_sim_set_cmd_delay_us(i, 1000);
	for (i = 0; i < 4; i++) {
		dst[i] = npu_test_bo(c, NPU_TEST_BO_SIZE);
		job = npu_test_copy_job(cmd, src, dst[i]);
		KUNIT_ASSERT_EQ(test, 0, npu_test_submit(c, &job, 1, 0));
	}

	KUNIT_ASSERT_EQ(test, 0, pm->suspend(ndev->drm.dev));
	npu_test_sim_totals(&asleep);
	msleep(50);
	npu_test_sim_totals(&later);
	/* Nothing started while asleep, and what had started had ended. */
	KUNIT_EXPECT_EQ(test, later.started, asleep.started);
	KUNIT_EXPECT_EQ(test, later.stopped - before.stopped,
			later.started - before.started);
	KUNIT_ASSERT_EQ(test, 0, pm->resume(ndev->drm.dev));

	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, 0, npu_test_wait(c, dst[i]));
		KUNIT_EXPECT_MEMEQ(test, npu_test_vaddr(c, dst[i]),
				   npu_test_vaddr(c, src), NPU_TEST_BO_SIZE);
	}
}

/*
 * Unbinding the driver while a file is open with jobs in flight: remove()
 * cancels what is queued, waits for what runs, and does not wait for the
 * file; the file's ioctls then fail with -ENODEV, and a new probe serves
 * new files.
 */
static void npu_test_remove_with_open_file(struct kunit *test)
{
	struct npu_device *ndev = test->priv;
	struct device *dev = ndev->drm.dev;
	struct npu_test_client *c = npu_test_open(test);
	struct drm_ethosu_job job;

	job = npu_test_queue_slow_copies(c, 4);

	device_release_driver(dev);
	KUNIT_EXPECT_EQ(test, atomic_read(&ndev->jobs_alive), 0);
	KUNIT_EXPECT_EQ(test, -ENODEV, npu_test_submit(c, &job, 1, 0));
	npu_test_sim_reset_knobs();

	KUNIT_ASSERT_GE(test, device_attach(dev), 0);
	/* The old device lives until its last file is closed. */
	npu_test_close(c);
	test->priv = npu_test_device(test);
	KUNIT_ASSERT_NOT_NULL(test, test->priv);

	c = npu_test_open(test);
	job = npu_test_copy_job(npu_test_copy_stream(c, NPU_TEST_BO_SIZE),
				npu_test_bo(c, NPU_TEST_BO_SIZE),
				npu_test_bo(c, NPU_TEST_BO_SIZE));
	KUNIT_ASSERT_EQ(test, 0, npu_test_submit(c, &job, 1, 0));
	KUNIT_EXPECT_EQ(test, 0, npu_test_wait(c, job.region_bo_handles[1]));
}

/* Several clients at once are spread over the cores. */
static void npu_test_balance(struct kunit *test)
{
	enum { CLIENTS = 4, ROUNDS = 16 };
	struct npu_device *ndev = test->priv;
	struct npu_test_client *c[CLIENTS];
	unsigned long before[NPU_MAX_CORES], total = 0;
	u32 src[CLIENTS], dst[CLIENTS], cmd[CLIENTS];
	struct drm_ethosu_job job;
	unsigned int i, r;

	if (ndev->num_cores < 2)
		kunit_skip(test, "one core");

	for (i = 0; i < CLIENTS; i++) {
		c[i] = npu_test_open(test);
		src[i] = npu_test_bo(c[i], NPU_TEST_BO_SIZE);
		dst[i] = npu_test_bo(c[i], NPU_TEST_BO_SIZE);
		cmd[i] = npu_test_copy_stream(c[i], NPU_TEST_BO_SIZE);
	}
	for (i = 0; i < ndev->num_cores; i++) {
		before[i] = READ_ONCE(ndev->cores[i].jobs_run);
		npu_sim_set_cmd_delay_us(i, 500);
	}

	for (r = 0; r < ROUNDS; r++) {
		for (i = 0; i < CLIENTS; i++) {
			job = npu_test_copy_job(cmd[i], src[i], dst[i]);
			KUNIT_ASSERT_EQ(test, 0,
					npu_test_submit(c[i], &job, 1, 0));
		}
	}
	for (i = 0; i < CLIENTS; i++)
		KUNIT_EXPECT_EQ(test, 0, npu_test_wait(c[i], dst[i]));

	for (i = 0; i < ndev->num_cores; i++)
		total += READ_ONCE(ndev->cores[i].jobs_run) - before[i];
	KUNIT_EXPECT_EQ(test, total, CLIENTS * ROUNDS);
	for (i = 0; i < ndev->num_cores; i++) {
		unsigned long n = READ_ONCE(ndev->cores[i].jobs_run) - before[i];

		kunit_info(test, "core %u: %lu of %lu jobs\n", i, n, total);
		/* Each core does at least half of its fair share. */
		KUNIT_EXPECT_GE(test, n * ndev->num_cores * 2, total);
	}
}

static struct kunit_case npu_job_cases[] = {
	KUNIT_CASE(npu_test_submit_copy),
	KUNIT_CASE(npu_test_inference),
	KUNIT_CASE(npu_test_dev_query),
	KUNIT_CASE(npu_test_uapi_misc),
	KUNIT_CASE_PARAM(npu_test_bad_submit, npu_bad_submit_gen_params),
	KUNIT_CASE(npu_test_bad_syncs),
	KUNIT_CASE(npu_test_explicit_sync),
	KUNIT_CASE_SLOW(npu_test_hang),
	KUNIT_CASE_SLOW(npu_test_slow),
	KUNIT_CASE(npu_test_bus_fault),
	KUNIT_CASE(npu_test_parse_error),
	KUNIT_CASE(npu_test_spurious_irq),
	KUNIT_CASE_SLOW(npu_test_irq_races_timeout),
	KUNIT_CASE(npu_test_close_in_flight),
	KUNIT_CASE(npu_test_system_sleep),
	KUNIT_CASE(npu_test_remove_with_open_file),
	KUNIT_CASE(npu_test_balance),
	{}
};

static struct kunit_suite npu_job_suite = {
	.name = "npu_job",
	.init = npu_test_init,
	.exit = npu_test_exit,
	.test_cases = npu_job_cases,
};

kunit_test_suite(npu_job_suite);

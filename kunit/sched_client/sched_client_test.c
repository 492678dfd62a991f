// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 */

/*
 * KUnit cases for sched_client. They use only the driver's own API
 * (submit, hang) and dma-fence and dma-resv, so that they run unchanged
 * on the driver as written for drm_sched (suite sched_client_sched) and
 * on its conversion to drm_dep (suite sched_client_dep).
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "sched_client.h"

#define SC_TEST_TIMEOUT_MS 100
#define SC_TEST_WAIT (5 * HZ)

struct sc_test {
	struct sc_device sdev;
	/* A fence the test signals by hand, as another device would. */
	struct dma_fence *in;
	/* The lock of @in. */
	spinlock_t in_lock;
};

static const char *sc_test_fence_name(struct dma_fence *fence)
{
	return "sc_test";
}

static const struct dma_fence_ops sc_test_fence_ops = {
	.get_driver_name = sc_test_fence_name,
	.get_timeline_name = sc_test_fence_name,
};

static int sc_test_init(struct kunit *test)
{
	struct sc_test *t;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, sc_device_init(&t->sdev, SC_TEST_TIMEOUT_MS), 0);
	t->in = kzalloc(sizeof(*t->in), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->in);
	spin_lock_init(&t->in_lock);
	dma_fence_init(t->in, &sc_test_fence_ops, &t->in_lock,
		       dma_fence_context_alloc(1), 1);
	test->priv = t;
	return 0;
}

static void sc_test_exit(struct kunit *test)
{
	struct sc_test *t = test->priv;

	dma_fence_signal(t->in);
	dma_fence_put(t->in);
	sc_device_fini(&t->sdev);
}

static struct sc_file *sc_test_open(struct kunit *test)
{
	struct sc_test *t = test->priv;
	struct sc_file *file = sc_file_open(&t->sdev);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, file);
	return file;
}

static struct dma_fence *sc_test_submit(struct kunit *test,
					struct sc_file *file,
					struct dma_resv *resv,
					struct dma_fence *in)
{
	struct dma_fence *out = sc_submit(file, resv, in);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, out);
	return out;
}

/* Wait for @fence and drop it; return its status (1 or an error). */
static int sc_test_wait(struct kunit *test, struct dma_fence *fence)
{
	int status;

	KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(fence, false,
						     SC_TEST_WAIT), 0);
	status = dma_fence_get_status(fence);
	dma_fence_put(fence);
	return status;
}

static void sc_test_one_job(struct kunit *test)
{
	struct sc_file *file = sc_test_open(test);
	struct dma_fence *out = sc_test_submit(test, file, NULL, NULL);

	KUNIT_EXPECT_EQ(test, sc_test_wait(test, out), 1);
	sc_file_close(file);
}

/* More jobs than the ring holds, completing in submission order. */
static void sc_test_in_order(struct kunit *test)
{
	struct sc_file *file = sc_test_open(test);
	struct dma_fence *out[16];
	int i;

	for (i = 0; i < ARRAY_SIZE(out); i++)
		out[i] = sc_test_submit(test, file, NULL, NULL);
	KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(out[ARRAY_SIZE(out) - 1],
						     false, SC_TEST_WAIT), 0);
	for (i = 0; i < ARRAY_SIZE(out); i++) {
		KUNIT_EXPECT_EQ(test, dma_fence_get_status(out[i]), 1);
		if (i)
			KUNIT_EXPECT_TRUE(test, dma_fence_is_later(out[i],
								   out[i - 1]));
		dma_fence_put(out[i]);
	}
	sc_file_close(file);
}

/* Two files, two contexts: both run, their fences are on two timelines. */
static void sc_test_two_files(struct kunit *test)
{
	struct sc_file *a = sc_test_open(test), *b = sc_test_open(test);
	struct dma_fence *fa = sc_test_submit(test, a, NULL, NULL);
	struct dma_fence *fb = sc_test_submit(test, b, NULL, NULL);

	KUNIT_EXPECT_NE(test, fa->context, fb->context);
	KUNIT_EXPECT_EQ(test, sc_test_wait(test, fa), 1);
	KUNIT_EXPECT_EQ(test, sc_test_wait(test, fb), 1);
	sc_file_close(b);
	sc_file_close(a);
}

/* A job does not run before its in-fence signals. */
static void sc_test_in_fence(struct kunit *test)
{
	struct sc_test *t = test->priv;
	struct sc_file *file = sc_test_open(test);
	struct dma_fence *out = sc_test_submit(test, file, NULL, t->in);

	msleep(20);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(out));
	dma_fence_signal(t->in);
	KUNIT_EXPECT_EQ(test, sc_test_wait(test, out), 1);
	sc_file_close(file);
}

/*
 * A job waits for the fences of the reservation object it writes, and
 * its out-fence becomes the object's writer: a job of another file on the
 * same object runs after it.
 */
static void sc_test_resv(struct kunit *test)
{
	struct sc_test *t = test->priv;
	struct sc_file *a = sc_test_open(test), *b = sc_test_open(test);
	struct dma_fence *fa, *fb;
	struct dma_resv resv;

	dma_resv_init(&resv);
	KUNIT_ASSERT_EQ(test, dma_resv_lock(&resv, NULL), 0);
	KUNIT_ASSERT_EQ(test, dma_resv_reserve_fences(&resv, 1), 0);
	dma_resv_add_fence(&resv, t->in, DMA_RESV_USAGE_READ);
	dma_resv_unlock(&resv);

	fa = sc_test_submit(test, a, &resv, NULL);
	fb = sc_test_submit(test, b, &resv, NULL);
	msleep(20);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fa));
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fb));
	KUNIT_EXPECT_FALSE(test,
			   dma_resv_test_signaled(&resv, DMA_RESV_USAGE_WRITE));

	dma_fence_signal(t->in);
	KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(fb, false,
						     SC_TEST_WAIT), 0);
	KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(fa));
	KUNIT_EXPECT_TRUE(test,
			  dma_resv_test_signaled(&resv, DMA_RESV_USAGE_BOOKKEEP));
	KUNIT_EXPECT_EQ(test, sc_test_wait(test, fa), 1);
	KUNIT_EXPECT_EQ(test, sc_test_wait(test, fb), 1);
	dma_resv_fini(&resv);
	sc_file_close(b);
	sc_file_close(a);
}

/*
 * The ring hangs: the job times out, the handler resets the ring, and the
 * job's out-fence carries an error: -ETIMEDOUT on drm_dep, -ECANCELED on
 * drm_sched, whose drm_sched_stop() detaches the hardware fence that
 * carried -ETIMEDOUT. The ring works again after the reset.
 */
static void sc_test_timeout(struct kunit *test)
{
	struct sc_test *t = test->priv;
	struct sc_file *file = sc_test_open(test);
	struct dma_fence *out;
	int status;

	out = sc_test_submit(test, file, NULL, NULL);
	KUNIT_EXPECT_EQ(test, sc_test_wait(test, out), 1);
	sc_hang(&t->sdev);
	out = sc_test_submit(test, file, NULL, NULL);
	status = sc_test_wait(test, out);
	KUNIT_EXPECT_TRUE(test, status == -ETIMEDOUT || status == -ECANCELED);
	KUNIT_EXPECT_EQ(test, READ_ONCE(t->sdev.resets), 1);

	out = sc_test_submit(test, file, NULL, NULL);
	KUNIT_EXPECT_EQ(test, sc_test_wait(test, out), 1);
	KUNIT_EXPECT_EQ(test, READ_ONCE(t->sdev.resets), 1);
	sc_file_close(file);
}

/*
 * A job's start: on a hung ring, the job that times out was started all
 * the same, before its out-fence signalled its error. A fence of another
 * kind has no start.
 */
static void sc_test_started(struct kunit *test)
{
	struct sc_test *t = test->priv;
	struct sc_file *file = sc_test_open(test);
	struct dma_fence *out, *started;

	KUNIT_EXPECT_NULL(test, sc_started(t->in));
	sc_hang(&t->sdev);
	out = sc_test_submit(test, file, NULL, NULL);
	started = sc_started(out);
	KUNIT_ASSERT_NOT_NULL(test, started);

	KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(out, false,
						     SC_TEST_WAIT), 0);
	KUNIT_EXPECT_LT(test, dma_fence_get_status(out), 0);
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(started), 1);
	KUNIT_EXPECT_LE(test, ktime_compare(started->timestamp,
					    out->timestamp), 0);
	dma_fence_put(started);
	dma_fence_put(out);
	sc_file_close(file);
}

/* Closing a file with jobs in flight: every out-fence still signals. */
static void sc_test_close_busy(struct kunit *test)
{
	struct sc_test *t = test->priv;
	struct sc_file *file = sc_test_open(test);
	struct dma_fence *out[8];
	int i;

	out[0] = sc_test_submit(test, file, NULL, t->in);
	for (i = 1; i < ARRAY_SIZE(out); i++)
		out[i] = sc_test_submit(test, file, NULL, NULL);
	dma_fence_signal(t->in);
	sc_file_close(file);
	for (i = 0; i < ARRAY_SIZE(out); i++)
		KUNIT_EXPECT_NE(test, sc_test_wait(test, out[i]), 0);
}

static struct kunit_case sc_test_cases[] = {
	KUNIT_CASE(sc_test_one_job),
	KUNIT_CASE(sc_test_in_order),
	KUNIT_CASE(sc_test_two_files),
	KUNIT_CASE(sc_test_in_fence),
	KUNIT_CASE(sc_test_resv),
	KUNIT_CASE(sc_test_timeout),
	KUNIT_CASE(sc_test_started),
	KUNIT_CASE(sc_test_close_busy),
	{}
};

static struct kunit_suite sc_test_suite = {
	.name = SC_SUITE_NAME,
	.init = sc_test_init,
	.exit = sc_test_exit,
	.test_cases = sc_test_cases,
};

kunit_test_suite(sc_test_suite);

MODULE_DESCRIPTION("KUnit cases of a drm_sched client and its drm_dep conversion");
MODULE_LICENSE("Dual MIT/GPL");

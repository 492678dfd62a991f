// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * Dependencies: waiting, siblings, deduplication, containers, resvs and
 * syncobjs.
 *
 * Whether a fence is a dependency is observed through the job: after the
 * shared submit workqueue ran dry (drm_dep_mock_flush()), a job that has
 * not run is waiting for something.
 */

#include <linux/dma-fence-array.h>
#include <linux/dma-fence-chain.h>
#include <linux/dma-resv.h>
#include <linux/slab.h>

#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_syncobj.h>

#include <kunit/test.h>

#include "drm_dep_mock.h"

static struct dma_fence *drm_dep_test_fence(struct kunit *test, u64 context,
					    u64 seqno, bool seqno64)
{
	struct dma_fence *fence = drm_dep_mock_fence_new(context, seqno,
							 seqno64);

	KUNIT_ASSERT_NOT_NULL(test, fence);
	return fence;
}

/* A job with no hardware work, for dependency tests. */
static struct drm_dep_mock_job *drm_dep_test_job(struct kunit *test,
						 struct drm_dep_mock_queue *mq)
{
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, mq, 1, 0);

	job->ret = DRM_DEP_MOCK_RET_NULL;
	return job;
}

/* Submit @job, check it waits, then release it by signalling @release. */
static void drm_dep_test_expect_waits_for(struct kunit *test,
					  struct drm_dep_mock_job *job,
					  struct dma_fence *release)
{
	struct dma_fence *fence = drm_dep_mock_job_submit(job);

	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 0);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fence));

	drm_dep_mock_fence_signal(release, 0);
	drm_dep_mock_expect_fence_put(test, fence, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
}

/* Arm @sibling, make @job wait for it as a sibling, and arm @job. */
static void drm_dep_test_arm_siblings(struct kunit *test,
				      struct drm_dep_mock_job *sibling,
				      struct drm_dep_mock_job *job)
{
	drm_dep_job_arm(&sibling->base);
	KUNIT_EXPECT_EQ(test, drm_dep_job_add_sibling_dependency(&job->base,
								 &sibling->base),
			0);
	drm_dep_job_arm(&job->base);
}

/* A job waits for its dependency, then runs. */
static void drm_dep_test_dep_waits(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_test_job(test, mq);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);

	KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, dep), 0);
	drm_dep_test_expect_waits_for(test, job, dep);

	dma_fence_put(dep);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* A job with several dependencies waits for the last of them. */
static void drm_dep_test_dep_waits_for_all(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_test_job(test, mq);
	struct dma_fence *deps[3], *fence;
	int i;

	for (i = 0; i < 3; i++) {
		deps[i] = drm_dep_mock_dep_new(test);
		KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, deps[i]), 0);
	}

	fence = drm_dep_mock_job_submit(job);
	for (i = 0; i < 2; i++) {
		drm_dep_mock_fence_signal(deps[i], 0);
		drm_dep_mock_flush(test);
		KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 0);
	}
	drm_dep_mock_fence_signal(deps[2], 0);
	drm_dep_mock_expect_fence_put(test, fence, 1);

	for (i = 0; i < 3; i++)
		dma_fence_put(deps[i]);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/*
 * A sibling on the same queue needs no wait: arm order is run order. The
 * pair runs in order even though the sibling's fence is inactive at add.
 */
static void drm_dep_test_sibling_same_queue(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	int warnings = drm_dep_warn_count();
	struct dma_fence *fa, *fb;

	drm_dep_test_arm_siblings(test, a, b);
	fa = drm_dep_mock_job_push(a);
	fb = drm_dep_mock_job_push(b);

	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fb));
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fa), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->order_errors), 0);
	KUNIT_EXPECT_EQ(test, drm_dep_warn_count(), warnings);

	dma_fence_put(fa);
	dma_fence_put(fb);
	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

/*
 * A sibling on the same queue abandoned instead of pushed: as documented
 * for drm_dep_job_add_sibling_dependency(), the dependent job is
 * cancelled with -ECANCELED, whatever queue the sibling is on.
 */
static void drm_dep_test_sibling_same_queue_abandoned(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fb;

	drm_dep_test_arm_siblings(test, a, b);
	drm_dep_mock_job_put(a);

	fb = drm_dep_mock_job_push(b);
	drm_dep_mock_expect_fence_put(test, fb, -ECANCELED);
	KUNIT_EXPECT_EQ(test, b->run_error, -ECANCELED);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 1);

	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

/*
 * A sibling on the same queue pushed after its dependent: that is a push
 * out of arm order, which warns once; both jobs still run once.
 */
static void drm_dep_test_sibling_same_queue_pushed_after(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fa, *fb;

	drm_dep_test_arm_siblings(test, a, b);
	drm_dep_job_push(&b->base);
	DRM_DEP_EXPECT_WARN(test, drm_dep_job_push(&a->base));
	fa = dma_fence_get(drm_dep_job_finished_fence(&a->base));
	fb = dma_fence_get(drm_dep_job_finished_fence(&b->base));

	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fa));
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fb));
	KUNIT_EXPECT_EQ(test, atomic_read(&a->run_count), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 1);

	dma_fence_put(fa);
	dma_fence_put(fb);
	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

/*
 * A job abandoned after a job of the same queue armed later was pushed:
 * the later job may already have run without it, out of the submission's
 * order, so the driver bug warns. A later job that has not run yet still
 * sees its sibling cancelled.
 */
static void drm_dep_test_abandoned_after_later_push(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	struct dma_fence *fb;

	drm_dep_test_arm_siblings(test, a, b);
	drm_dep_queue_stop(&mq->base);
	fb = drm_dep_mock_job_push(b);
	DRM_DEP_EXPECT_WARN(test, drm_dep_mock_job_put(a));
	drm_dep_queue_start(&mq->base);

	drm_dep_mock_expect_fence_put(test, fb, -ECANCELED);
	KUNIT_EXPECT_EQ(test, b->run_error, -ECANCELED);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 1);

	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

/* A sibling must be armed: otherwise a warning and -EINVAL. */
static void drm_dep_test_sibling_unarmed(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, mq, 1, 0);
	int ret = 0;

	DRM_DEP_EXPECT_WARN(test,
			    ret = drm_dep_job_add_sibling_dependency(&b->base,
								     &a->base));
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);

	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
}

/*
 * A sibling on another queue: the dependent job waits for the sibling to
 * complete, whether the sibling is pushed before or after it.
 */
static void drm_dep_test_sibling_cross_queue(struct kunit *test,
					     bool sibling_first)
{
	struct drm_dep_mock_queue *q1 = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_queue *q2 = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, q1, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_test_job(test, q2);
	int warnings = drm_dep_warn_count();
	struct dma_fence *fa, *fb;

	a->duration_us = 0;
	drm_dep_test_arm_siblings(test, a, b);

	if (sibling_first) {
		fa = drm_dep_mock_job_push(a);
		fb = drm_dep_mock_job_push(b);
	} else {
		fb = drm_dep_mock_job_push(b);
		drm_dep_mock_flush(test);
		KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 0);
		fa = drm_dep_mock_job_push(a);
	}

	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(q1, 1));
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 0);

	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(q1, 1), 1);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fb));
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fa), 1);
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fb), 1);
	KUNIT_EXPECT_EQ(test, b->run_error, 0);
	/* The sibling's inactive fence was waited on without a warning. */
	KUNIT_EXPECT_EQ(test, drm_dep_warn_count(), warnings);

	dma_fence_put(fa);
	dma_fence_put(fb);
	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(q1);
	drm_dep_mock_queue_put(q2);
}

static void drm_dep_test_sibling_pushed_first(struct kunit *test)
{
	drm_dep_test_sibling_cross_queue(test, true);
}

static void drm_dep_test_sibling_pushed_after(struct kunit *test)
{
	drm_dep_test_sibling_cross_queue(test, false);
}

/* A sibling abandoned instead of pushed cancels the job waiting for it. */
static void drm_dep_test_sibling_abandoned(struct kunit *test)
{
	struct drm_dep_mock_queue *q1 = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_queue *q2 = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, q1, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_mock_job_new(test, q2, 1, 0);
	int warnings = drm_dep_warn_count();
	struct dma_fence *fb;

	drm_dep_test_arm_siblings(test, a, b);
	fb = drm_dep_mock_job_push(b);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 0);

	drm_dep_mock_job_put(a);

	drm_dep_mock_expect_fence_put(test, fb, -ECANCELED);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->run_count), 1);
	KUNIT_EXPECT_EQ(test, b->run_error, -ECANCELED);
	KUNIT_EXPECT_EQ(test, atomic_read(&q1->runs), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&q1->frees), 1);
	KUNIT_EXPECT_EQ(test, drm_dep_warn_count(), warnings);

	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(q1);
	drm_dep_mock_queue_put(q2);
}

/*
 * Two siblings of one submission on another queue: their inactive fences
 * share a context but are not deduplicated. Abandoning the older one
 * cancels the job even though the younger one is pushed and completes.
 */
static void drm_dep_test_sibling_abandoned_not_dedup(struct kunit *test)
{
	struct drm_dep_mock_queue *q1 = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_queue *q2 = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *s1 = drm_dep_mock_job_new(test, q1, 1, 0);
	struct drm_dep_mock_job *s2 = drm_dep_mock_job_new(test, q1, 1, 0);
	struct drm_dep_mock_job *job = drm_dep_mock_job_new(test, q2, 1, 0);
	int warnings = drm_dep_warn_count();
	struct dma_fence *fs2;

	drm_dep_job_arm(&s1->base);
	drm_dep_job_arm(&s2->base);
	KUNIT_EXPECT_EQ(test, drm_dep_job_add_sibling_dependency(&job->base,
								 &s1->base), 0);
	KUNIT_EXPECT_EQ(test, drm_dep_job_add_sibling_dependency(&job->base,
								 &s2->base), 0);

	drm_dep_mock_job_put(s1);
	fs2 = drm_dep_mock_job_push(s2);
	drm_dep_mock_submit_expect(test, job, -ECANCELED);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	KUNIT_EXPECT_EQ(test, job->run_error, -ECANCELED);
	KUNIT_EXPECT_FALSE(test, job->hw_used);

	/* The pushed sibling is not affected. */
	drm_dep_mock_expect_fence_put(test, fs2, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&q1->runs), 1);
	KUNIT_EXPECT_EQ(test, drm_dep_warn_count(), warnings);

	drm_dep_mock_job_put(s2);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(q1);
	drm_dep_mock_queue_put(q2);
}

/*
 * Two fences of one context: only the later is kept, in whichever order
 * they were added. Signalling just the later one lets the job run.
 */
static void drm_dep_test_dedup_keeps_later(struct kunit *test,
					   u64 early_seqno, u64 late_seqno,
					   bool seqno64, bool late_first)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_test_job(test, mq);
	u64 ctx = dma_fence_context_alloc(1);
	struct dma_fence *early = drm_dep_test_fence(test, ctx, early_seqno,
						     seqno64);
	struct dma_fence *late = drm_dep_test_fence(test, ctx, late_seqno,
						    seqno64);

	if (late_first) {
		KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, late), 0);
		KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, early), 0);
	} else {
		KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, early), 0);
		KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, late), 0);
	}
	/* The job kept only one reference, to the later fence. */
	KUNIT_EXPECT_EQ(test, kref_read(&early->refcount), 1);
	KUNIT_EXPECT_EQ(test, kref_read(&late->refcount), 2);

	drm_dep_test_expect_waits_for(test, job, late);

	drm_dep_mock_fence_signal(early, 0);
	dma_fence_put(early);
	dma_fence_put(late);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

static void drm_dep_test_dedup_same_context(struct kunit *test)
{
	drm_dep_test_dedup_keeps_later(test, 1, 2, true, false);
}

static void drm_dep_test_dedup_same_context_reversed(struct kunit *test)
{
	drm_dep_test_dedup_keeps_later(test, 1, 2, true, true);
}

/* A 32-bit context wraps: seqno 1 comes after 0xffffffff. */
static void drm_dep_test_dedup_32bit_wrap(struct kunit *test)
{
	drm_dep_test_dedup_keeps_later(test, 0xffffffff, 1, false, false);
}

/* A 64-bit context does not: 0xffffffff comes after 1. */
static void drm_dep_test_dedup_64bit_no_wrap(struct kunit *test)
{
	drm_dep_test_dedup_keeps_later(test, 1, 0xffffffff, true, true);
}

/* A fence that already signalled is dropped at once. */
static void drm_dep_test_signalled_dropped(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_test_job(test, mq);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);

	drm_dep_mock_fence_signal(dep, 0);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, dep), 0);
	KUNIT_EXPECT_EQ(test, kref_read(&dep->refcount), 1);
	drm_dep_mock_submit_expect(test, job, 1);

	dma_fence_put(dep);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/*
 * A finished fence of the job's own queue is dropped; one of another
 * queue is kept.
 */
static void drm_dep_test_own_queue_dropped(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_queue *other = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *a = drm_dep_mock_job_new(test, mq, 1, 0);
	struct drm_dep_mock_job *o = drm_dep_mock_job_new(test, other, 1, 0);
	struct drm_dep_mock_job *b = drm_dep_test_job(test, mq);
	struct dma_fence *fa, *fo, *fb;
	unsigned int refs;

	a->duration_us = 0;
	o->duration_us = 0;
	fa = drm_dep_mock_job_submit(a);
	fo = drm_dep_mock_job_submit(o);

	refs = kref_read(&fa->refcount);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(b, fa), 0);
	KUNIT_EXPECT_EQ(test, kref_read(&fa->refcount), refs);

	refs = kref_read(&fo->refcount);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(b, fo), 0);
	KUNIT_EXPECT_EQ(test, kref_read(&fo->refcount), refs + 1);

	fb = drm_dep_mock_job_submit(b);
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(other, 1));
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(other, 1), 1);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fo));
	/*
	 * b runs without waiting for a to complete (a runs first anyway),
	 * but its finished fence signals after a's: in arm order.
	 */
	KUNIT_ASSERT_TRUE(test, drm_dep_mock_wait_runs(mq, 2));
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(fb));
	KUNIT_EXPECT_EQ(test, drm_dep_mock_advance(mq, 1), 1);
	KUNIT_EXPECT_TRUE(test, drm_dep_mock_fence_wait(fb));
	KUNIT_EXPECT_EQ(test, dma_fence_get_status(fa), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->order_errors), 0);

	dma_fence_put(fa);
	dma_fence_put(fo);
	dma_fence_put(fb);
	drm_dep_mock_job_put(a);
	drm_dep_mock_job_put(o);
	drm_dep_mock_job_put(b);
	drm_dep_mock_queue_put(mq);
	drm_dep_mock_queue_put(other);
}

/*
 * A dma_fence_array is unwrapped: its member of a context is superseded by
 * a later fence of that context added separately.
 */
static void drm_dep_test_array_unwrapped(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_test_job(test, mq);
	u64 ctx = dma_fence_context_alloc(2);
	struct dma_fence *a1 = drm_dep_test_fence(test, ctx, 1, true);
	struct dma_fence *b1 = drm_dep_test_fence(test, ctx + 1, 1, true);
	struct dma_fence *a2 = drm_dep_test_fence(test, ctx, 2, true);
	struct dma_fence_array *array;
	struct dma_fence **fences;

	fences = kmalloc_array(2, sizeof(*fences), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fences);
	fences[0] = dma_fence_get(a1);
	fences[1] = dma_fence_get(b1);
	array = dma_fence_array_create(2, fences, dma_fence_context_alloc(1),
				       1, false);
	KUNIT_ASSERT_NOT_NULL(test, array);

	KUNIT_EXPECT_EQ(test, drm_dep_job_add_dependency(&job->base,
							 &array->base), 0);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, a2), 0);
	/* The array is gone; a1 only lives in its test reference. */
	KUNIT_EXPECT_EQ(test, kref_read(&a1->refcount), 1);

	drm_dep_mock_fence_signal(b1, 0);
	drm_dep_test_expect_waits_for(test, job, a2);

	drm_dep_mock_fence_signal(a1, 0);
	dma_fence_put(a1);
	dma_fence_put(b1);
	dma_fence_put(a2);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/* A dma_fence_chain is unwrapped the same way. */
static void drm_dep_test_chain_unwrapped(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_test_job(test, mq);
	u64 ctx = dma_fence_context_alloc(1);
	struct dma_fence *f1 = drm_dep_test_fence(test, ctx, 1, true);
	struct dma_fence *f2 = drm_dep_test_fence(test, ctx, 2, true);
	struct dma_fence_chain *chain = dma_fence_chain_alloc();

	KUNIT_ASSERT_NOT_NULL(test, chain);
	dma_fence_chain_init(chain, NULL, dma_fence_get(f1), 1);

	KUNIT_EXPECT_EQ(test, drm_dep_job_add_dependency(&job->base,
							 &chain->base), 0);
	KUNIT_EXPECT_EQ(test, drm_dep_mock_add_dep(job, f2), 0);
	KUNIT_EXPECT_EQ(test, kref_read(&f1->refcount), 1);

	drm_dep_test_expect_waits_for(test, job, f2);

	drm_dep_mock_fence_signal(f1, 0);
	dma_fence_put(f1);
	dma_fence_put(f2);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

static void drm_dep_test_resv_add(struct kunit *test, struct dma_resv *resv,
				  struct dma_fence *fence,
				  enum dma_resv_usage usage)
{
	KUNIT_ASSERT_EQ(test, dma_resv_reserve_fences(resv, 1), 0);
	dma_resv_add_fence(resv, fence, usage);
}

/*
 * Two GEM objects share one reservation object. The second walk, with a
 * usage no wider than the first, is skipped: a fence added in between is
 * not a dependency. A wider usage walks again.
 */
static void drm_dep_test_resv_walk(struct kunit *test, bool second_write)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_test_job(test, mq);
	struct drm_gem_object *obj;
	struct dma_resv *resv;
	struct dma_fence *first, *second, *fence;
	int ret;

	resv = kunit_kzalloc(test, sizeof(*resv), GFP_KERNEL);
	obj = kunit_kzalloc(test, sizeof(*obj), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, resv);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	dma_resv_init(resv);
	obj->resv = resv;

	first = drm_dep_mock_dep_new(test);
	second = drm_dep_mock_dep_new(test);

	KUNIT_ASSERT_EQ(test, dma_resv_lock(resv, NULL), 0);
	drm_dep_test_resv_add(test, resv, first, DMA_RESV_USAGE_WRITE);
	/* A reader's walk: write fences only. */
	ret = drm_dep_job_add_resv_dependencies(&job->base, resv,
						DMA_RESV_USAGE_WRITE);
	KUNIT_EXPECT_EQ(test, ret, 0);
	drm_dep_test_resv_add(test, resv, second, DMA_RESV_USAGE_WRITE);
	ret = drm_dep_job_add_implicit_dependencies(&job->base, obj,
						    second_write);
	KUNIT_EXPECT_EQ(test, ret, 0);
	dma_resv_unlock(resv);

	fence = drm_dep_mock_job_submit(job);
	drm_dep_mock_fence_signal(first, 0);
	drm_dep_mock_flush(test);
	if (second_write) {
		/* Writing waits for readers too: a wider walk, second counts. */
		KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 0);
		drm_dep_mock_fence_signal(second, 0);
	}
	drm_dep_mock_expect_fence_put(test, fence, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 1);
	/* Without the second walk the job ran before @second signalled. */
	KUNIT_EXPECT_EQ(test, test_bit(DMA_FENCE_FLAG_SIGNALED_BIT,
				       &second->flags), second_write);

	drm_dep_mock_fence_signal(second, 0);
	drm_dep_mock_job_put(job);
	dma_resv_fini(resv);
	dma_fence_put(first);
	dma_fence_put(second);
	drm_dep_mock_queue_put(mq);
}

static void drm_dep_test_resv_walked_once(struct kunit *test)
{
	drm_dep_test_resv_walk(test, false);
}

static void drm_dep_test_resv_wider_walked_again(struct kunit *test)
{
	drm_dep_test_resv_walk(test, true);
}

/* A resv walk waits for every fence of the usage asked for. */
static void drm_dep_test_resv_usage(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_test_job(test, mq);
	struct dma_fence *write, *read, *fence;
	struct dma_resv resv;
	int ret;

	dma_resv_init(&resv);
	write = drm_dep_mock_dep_new(test);
	read = drm_dep_mock_dep_new(test);

	KUNIT_ASSERT_EQ(test, dma_resv_lock(&resv, NULL), 0);
	drm_dep_test_resv_add(test, &resv, write, DMA_RESV_USAGE_WRITE);
	drm_dep_test_resv_add(test, &resv, read, DMA_RESV_USAGE_READ);
	ret = drm_dep_job_add_resv_dependencies(&job->base, &resv,
						DMA_RESV_USAGE_READ);
	KUNIT_EXPECT_EQ(test, ret, 0);
	dma_resv_unlock(&resv);

	fence = drm_dep_mock_job_submit(job);
	drm_dep_mock_fence_signal(write, 0);
	drm_dep_mock_flush(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&job->run_count), 0);
	drm_dep_mock_fence_signal(read, 0);
	drm_dep_mock_expect_fence_put(test, fence, 1);

	drm_dep_mock_job_put(job);
	dma_resv_fini(&resv);
	dma_fence_put(write);
	dma_fence_put(read);
	drm_dep_mock_queue_put(mq);
}

/* A drm_file with just what the syncobj helpers need, no device. */
static struct drm_file *drm_dep_test_file(struct kunit *test)
{
	struct drm_file *file = kunit_kzalloc(test, sizeof(*file), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, file);
	idr_init_base(&file->syncobj_idr, 1);
	spin_lock_init(&file->syncobj_table_lock);
	return file;
}

static void drm_dep_test_file_fini(struct drm_file *file, u32 handle,
				   struct drm_syncobj *syncobj)
{
	spin_lock(&file->syncobj_table_lock);
	idr_remove(&file->syncobj_idr, handle);
	spin_unlock(&file->syncobj_table_lock);
	drm_syncobj_put(syncobj);	/* the handle's */
	drm_syncobj_put(syncobj);	/* ours */
	idr_destroy(&file->syncobj_idr);
}

/* A binary syncobj's fence is a dependency. */
static void drm_dep_test_syncobj_binary(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *job = drm_dep_test_job(test, mq);
	struct drm_file *file = drm_dep_test_file(test);
	struct dma_fence *dep = drm_dep_mock_dep_new(test);
	struct drm_syncobj *syncobj;
	u32 handle;
	int ret;

	KUNIT_ASSERT_EQ(test, drm_syncobj_create(&syncobj, 0, dep), 0);
	KUNIT_ASSERT_EQ(test, drm_syncobj_get_handle(file, syncobj, &handle), 0);

	ret = drm_dep_job_add_syncobj_dependency(&job->base, file, handle + 1,
						 0);
	KUNIT_EXPECT_EQ(test, ret, -ENOENT);
	ret = drm_dep_job_add_syncobj_dependency(&job->base, file, handle, 0);
	KUNIT_EXPECT_EQ(test, ret, 0);
	drm_dep_test_expect_waits_for(test, job, dep);

	drm_dep_test_file_fini(file, handle, syncobj);
	dma_fence_put(dep);
	drm_dep_mock_job_put(job);
	drm_dep_mock_queue_put(mq);
}

/*
 * A timeline syncobj: a job waiting for point 1 runs once point 1
 * signalled, while point 2 is still pending; a job waiting for point 2
 * waits for it.
 */
static void drm_dep_test_syncobj_timeline(struct kunit *test)
{
	struct drm_dep_mock_queue *mq = drm_dep_mock_queue_new(test, NULL);
	struct drm_dep_mock_job *j1 = drm_dep_test_job(test, mq);
	struct drm_dep_mock_job *j2 = drm_dep_test_job(test, mq);
	struct drm_file *file = drm_dep_test_file(test);
	struct dma_fence *p1 = drm_dep_mock_dep_new(test);
	struct dma_fence *p2 = drm_dep_mock_dep_new(test);
	struct dma_fence_chain *c1 = dma_fence_chain_alloc();
	struct dma_fence_chain *c2 = dma_fence_chain_alloc();
	struct drm_syncobj *syncobj;
	u32 handle;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, c1);
	KUNIT_ASSERT_NOT_NULL(test, c2);
	KUNIT_ASSERT_EQ(test, drm_syncobj_create(&syncobj, 0, NULL), 0);
	KUNIT_ASSERT_EQ(test, drm_syncobj_get_handle(file, syncobj, &handle), 0);
	drm_syncobj_add_point(syncobj, c1, p1, 1);
	drm_syncobj_add_point(syncobj, c2, p2, 2);

	ret = drm_dep_job_add_syncobj_dependency(&j1->base, file, handle, 1);
	KUNIT_EXPECT_EQ(test, ret, 0);
	ret = drm_dep_job_add_syncobj_dependency(&j2->base, file, handle, 2);
	KUNIT_EXPECT_EQ(test, ret, 0);

	drm_dep_test_expect_waits_for(test, j1, p1);
	drm_dep_test_expect_waits_for(test, j2, p2);

	drm_dep_test_file_fini(file, handle, syncobj);
	dma_fence_put(p1);
	dma_fence_put(p2);
	drm_dep_mock_job_put(j1);
	drm_dep_mock_job_put(j2);
	drm_dep_mock_queue_put(mq);
}

static struct kunit_case drm_dep_deps_cases[] = {
	KUNIT_CASE(drm_dep_test_dep_waits),
	KUNIT_CASE(drm_dep_test_dep_waits_for_all),
	KUNIT_CASE(drm_dep_test_sibling_same_queue),
	KUNIT_CASE(drm_dep_test_sibling_same_queue_abandoned),
	KUNIT_CASE(drm_dep_test_sibling_same_queue_pushed_after),
	KUNIT_CASE(drm_dep_test_abandoned_after_later_push),
	KUNIT_CASE(drm_dep_test_sibling_unarmed),
	KUNIT_CASE(drm_dep_test_sibling_pushed_first),
	KUNIT_CASE(drm_dep_test_sibling_pushed_after),
	KUNIT_CASE(drm_dep_test_sibling_abandoned),
	KUNIT_CASE(drm_dep_test_sibling_abandoned_not_dedup),
	KUNIT_CASE(drm_dep_test_dedup_same_context),
	KUNIT_CASE(drm_dep_test_dedup_same_context_reversed),
	KUNIT_CASE(drm_dep_test_dedup_32bit_wrap),
	KUNIT_CASE(drm_dep_test_dedup_64bit_no_wrap),
	KUNIT_CASE(drm_dep_test_signalled_dropped),
	KUNIT_CASE(drm_dep_test_own_queue_dropped),
	KUNIT_CASE(drm_dep_test_array_unwrapped),
	KUNIT_CASE(drm_dep_test_chain_unwrapped),
	KUNIT_CASE(drm_dep_test_resv_walked_once),
	KUNIT_CASE(drm_dep_test_resv_wider_walked_again),
	KUNIT_CASE(drm_dep_test_resv_usage),
	KUNIT_CASE(drm_dep_test_syncobj_binary),
	KUNIT_CASE(drm_dep_test_syncobj_timeline),
	{}
};

static struct kunit_suite drm_dep_deps_suite = {
	.name = "drm_dep_deps",
	.init = drm_dep_mock_test_init,
	.exit = drm_dep_mock_test_exit,
	.test_cases = drm_dep_deps_cases,
};

kunit_test_suite(drm_dep_deps_suite);

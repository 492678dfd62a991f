// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * npu_fuzz: a seeded, reproducible, time-bounded fuzzer of the npu uAPI.
 *
 *   npu_fuzz [-s SEED] [-t SECONDS] [-i ITERATIONS] [-x] [-v]
 *
 * Each iteration draws one action from the seed's random stream: open or
 * close a file (with jobs in flight), create, map, write, export, import
 * or close buffer objects, create or destroy syncobjs, query, wait, send
 * an ioctl with random argument bytes, or create a command stream and
 * submit it. Streams are mostly near-valid, so that they pass deep into
 * the validator: built from the operations of npu_enc.h with random
 * shapes, regions, offsets and parameters, then often mutated (bit flips,
 * words replaced, inserted, dropped or duplicated, truncation); some are
 * random words.
 *
 * Every accepted stream that is submitted gets an out-syncobj. A job the
 * simulated NPU ends with a bus fault ran a stream the validator should
 * have refused: a validator escape, printed with the stream and the seed
 * and counted as a failure. An errno outside the documented ones is a
 * failure too, and so is anything the driver still holds once every
 * file is closed (its debugfs state: files, jobs, buffer objects and
 * their bytes, against the figures before the first open). The last
 * line is TAP: "ok" or "not ok", with the counts. The same seed and
 * iteration count give the same actions.
 *
 * -x checks the checker: before some submissions it makes the simulated
 * NPU bus-fault the next stream (its "inject" knob), as an escape would;
 * the run then passes only if it reported escapes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "libnpu.h"
#include "npu_enc.h"

#define FUZZ_FILES	4
#define FUZZ_BOS	16
#define FUZZ_CMDS	16
#define FUZZ_SYNCS	8
#define FUZZ_PENDING	16
/* Each region of a generated stream stays within this many bytes. */
#define FUZZ_ARENA	(64 * 1024)
#define FUZZ_WAIT_NS	(5 * 1000000000LL)

static uint64_t rng;
static bool verbose, self_check;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;

	return rng * 2685821657736338717ULL;
}

static uint32_t below(uint32_t n)
{
	return n ? (uint32_t)(rnd() >> 32) % n : 0;
}

static bool chance(unsigned int percent)
{
	return below(100) < percent;
}

/* A stream the fuzzer made, and the regions its generator bound. */
struct fuzz_cmd {
	uint32_t handle;
	uint8_t regions;
	uint32_t *w;
	size_t n;
};

/* A submission not yet judged, with a copy of its last job's stream. */
struct fuzz_pending {
	uint32_t sync;
	uint32_t *w;
	size_t n;
};

struct fuzz_file {
	struct npu_dev dev;
	bool open;
	struct npu_buf bo[FUZZ_BOS];
	struct npu_buf arena[NPU_REGIONS];
	struct fuzz_cmd cmd[FUZZ_CMDS];
	uint32_t sync[FUZZ_SYNCS];
	struct fuzz_pending pending[FUZZ_PENDING];
	unsigned int npending;
};

static struct fuzz_file files[FUZZ_FILES];

static struct {
	unsigned long iterations, calls, ok, streams, accepted, jobs;
	unsigned long faults, escapes, unexpected, timeouts;
} st;

static void fuzz_errno(const char *what, int ret)
{
	static const int expected[] = {
		0, -EINVAL, -ENOENT, -EFAULT, -ENOMEM, -EPERM, -EOPNOTSUPP,
		-EOVERFLOW, -ETIME, -ENOTTY, -EBADF, -ENOSPC, -E2BIG, -ENODEV,
		-EACCES,
	};
	unsigned int i;

	st.calls++;
	if (!ret)
		st.ok++;
	for (i = 0; i < ARRAY_SIZE(expected); i++)
		if (ret == expected[i])
			return;
	st.unexpected++;
	printf("# unexpected: %s returned %d (%s)\n", what, ret,
	       strerror(-ret));
}

static struct fuzz_file *fuzz_file(void)
{
	struct fuzz_file *f = &files[below(FUZZ_FILES)];

	return f->open ? f : NULL;
}

static uint32_t fuzz_handle(struct fuzz_file *f)
{
	switch (below(6)) {
	case 0:
		return f->bo[below(FUZZ_BOS)].handle;
	case 1:
		return f->arena[below(NPU_REGIONS)].handle;
	case 2:
		return f->cmd[below(FUZZ_CMDS)].handle;
	case 3:
		return f->sync[below(FUZZ_SYNCS)];
	case 4:
		return below(64);
	default:
		return (uint32_t)rnd();
	}
}

/* Stream generation */

static void fuzz_fm(struct npu_fm *fm, uint8_t *regions, uint32_t w,
		    uint32_t h, uint32_t c)
{
	size_t size;

	fm->region = below(NPU_REGIONS);
	fm->w = w;
	fm->h = h;
	fm->c = c;
	fm->is_signed = chance(70);
	fm->zp = chance(50) ? 0 : (int16_t)(below(256) - 128);
	size = npu_fm_size(fm);
	fm->base = size < FUZZ_ARENA ? below(FUZZ_ARENA - size + 1) : 0;
	*regions |= 1 << fm->region;
}

static void fuzz_out(struct npu_out *out)
{
	out->scale = chance(40) ? 0 : (int32_t)rnd();
	out->shift = below(64);
	out->lo = chance(80) ? -128 : (int16_t)rnd();
	out->hi = chance(80) ? 127 : (int16_t)rnd();
	out->round = below(3);
	out->global_scale = chance(30);
}

static void fuzz_kernel(struct npu_kernel *k)
{
	k->w = 1 + below(3);
	k->h = 1 + below(3);
	k->sx = 1 + below(2);
	k->sy = 1 + below(2);
	k->pad_top = below(2);
	k->pad_left = below(2);
	k->pad_bottom = below(2);
	k->pad_right = below(2);
}

/* The IFM a window reads for an OFM, at least 1 x 1. */
static uint32_t fuzz_reach(uint32_t o, uint32_t s, uint32_t k, uint32_t p0,
			   uint32_t p1)
{
	long v = (long)(o - 1) * s + k - p0 - p1;

	return v > 0 ? v : 1;
}

static void fuzz_op(struct npu_enc *e, uint8_t *regions)
{
	struct npu_fm ifm, ifm2, ofm;
	struct npu_ew_scales sc;
	struct npu_kernel k;
	struct npu_out out;
	uint32_t w = 1 + below(8), h = 1 + below(8), c = 1 + below(16);
	uint64_t len, src, dst;
	uint8_t r0, r1, r2;
	bool dw;

	fuzz_out(&out);
	switch (below(5)) {
	case 0:
		len = 1 + below(4096);
		src = below(FUZZ_ARENA - len + 1);
		dst = below(FUZZ_ARENA - len + 1);
		r0 = below(NPU_REGIONS);
		r1 = below(NPU_REGIONS);
		npu_enc_dma(e, r0, src, r1, dst, len);
		*regions |= 1 << r0 | 1 << r1;
		break;
	case 1:
		fuzz_fm(&ifm, regions, w, h, c);
		fuzz_fm(&ofm, regions, w, h, c);
		sc = (struct npu_ew_scales){ (int32_t)rnd(), below(64),
					     (int32_t)rnd(), below(64) };
		if (chance(30)) {
			npu_enc_elementwise_scalar(e, below(10), &ifm,
						   (int16_t)rnd(), &sc, &ofm,
						   &out);
			break;
		}
		fuzz_fm(&ifm2, regions, w, h, c);
		npu_enc_elementwise(e, below(10), &ifm, &ifm2, &sc, &ofm,
				    &out);
		break;
	case 2:
		fuzz_kernel(&k);
		fuzz_fm(&ofm, regions, w, h, c);
		fuzz_fm(&ifm, regions,
			fuzz_reach(w, k.sx, k.w, k.pad_left, k.pad_right),
			fuzz_reach(h, k.sy, k.h, k.pad_top, k.pad_bottom), c);
		npu_enc_pool(e, below(3), &ifm, &k, &ofm, &out);
		break;
	default:
		dw = chance(40);
		fuzz_kernel(&k);
		fuzz_fm(&ofm, regions, 1 + below(6), 1 + below(6),
			1 + below(8));
		fuzz_fm(&ifm, regions,
			fuzz_reach(ofm.w, k.sx, k.w, k.pad_left, k.pad_right),
			fuzz_reach(ofm.h, k.sy, k.h, k.pad_top, k.pad_bottom),
			dw ? ofm.c : 1 + below(8));
		r0 = below(NPU_REGIONS);
		r2 = below(NPU_REGIONS);
		len = npu_conv_weights_size(dw, &ifm, &k, &ofm);
		*regions |= 1 << r0;
		if (!out.global_scale)
			*regions |= 1 << r2;
		npu_enc_conv(e, dw, &ifm, &k, r0, below(FUZZ_ARENA - len + 1),
			     r2, below(FUZZ_ARENA - 80 + 1), &ofm, &out);
		break;
	}
	if (chance(50))
		npu_enc_cmd(e, chance(50) ? NPU_OP_KERNEL_WAIT :
			    NPU_OP_DMA_WAIT, 0);
}

/* Mutate a stream in place; n may shrink or grow by a few words. */
static void fuzz_mutate(struct npu_enc *e)
{
	unsigned int m = 1 + below(3), i, at;

	while (m-- && e->n) {
		at = below(e->n);
		switch (below(7)) {
		case 0:
			e->w[at] ^= 1u << below(32);
			break;
		case 1:
			e->w[at] = (uint32_t)rnd();
			break;
		case 2:
			/* A small parameter in the high half. */
			e->w[at] = (e->w[at] & 0xffff) | below(32) << 16;
			break;
		case 3:
			for (i = at; i + 1 < e->n; i++)
				e->w[i] = e->w[i + 1];
			e->n--;
			break;
		case 4:
			e->n = at;
			break;
		case 5:
			npu_enc_cmd(e, (uint16_t)e->w[at], rnd());
			break;
		default:
			npu_enc_cmd(e, below(2) ? 0x100 + below(0x90) :
				    0x4000 + below(0x94), rnd());
			break;
		}
	}
}

static void fuzz_stream(struct npu_enc *e, uint8_t *regions)
{
	unsigned int ops, i;

	npu_enc_init(e);
	*regions = 0;
	if (chance(5)) {
		ops = below(32);
		for (i = 0; i < ops; i++)
			npu_enc_cmd(e, (uint16_t)rnd(), rnd());
		return;
	}
	ops = 1 + below(4);
	for (i = 0; i < ops; i++)
		fuzz_op(e, regions);
	npu_enc_stop(e);
	if (chance(45))
		fuzz_mutate(e);
}

static void fuzz_dump(const uint32_t *w, size_t n)
{
	size_t i;

	printf("# stream of %zu words:", n);
	for (i = 0; i < n; i++)
		printf("%s%08x", i % 8 ? " " : "\n#   ", w[i]);
	printf("\n");
}

/* Actions */

static void fuzz_drop_cmd(struct fuzz_file *f, unsigned int i)
{
	if (f->cmd[i].handle)
		npu_gem_close(&f->dev, f->cmd[i].handle);
	free(f->cmd[i].w);
	memset(&f->cmd[i], 0, sizeof(f->cmd[i]));
}

/* Bus faults the simulated NPU counted when last looked at. */
static uint64_t fuzz_bus_faults;

/*
 * Wait for a file's submissions and judge them. The fuzzer injects no
 * fault, so every bus fault is a stream the validator should have
 * refused: an escape. Jobs of other files may run meanwhile, so a fault
 * is counted when it is first seen, with the streams here that failed.
 */
static void fuzz_settle(struct fuzz_file *f)
{
	struct npu_sim_stats s;
	unsigned int i;
	int ret;

	for (i = 0; i < f->npending; i++) {
		ret = npu_syncobj_wait(&f->dev, f->pending[i].sync, 0,
				       FUZZ_WAIT_NS);
		if (ret) {
			st.unexpected++;
			printf("# a submission did not complete: %d\n", ret);
		}
	}
	npu_sim_stats_sum(&s);
	if (s.bus_faults != fuzz_bus_faults) {
		st.escapes += s.bus_faults - fuzz_bus_faults;
		printf("# ESCAPE: %llu bus faults on accepted streams by iteration %lu;\n",
		       (unsigned long long)(s.bus_faults - fuzz_bus_faults),
		       st.iterations);
		printf("# the failed streams of this file:\n");
	}
	for (i = 0; i < f->npending; i++) {
		struct fuzz_pending *p = &f->pending[i];

		ret = npu_syncobj_status(&f->dev, p->sync, 0);
		if (ret == -ETIMEDOUT)
			st.timeouts++;
		else if (ret < 0)
			st.faults++;
		if (ret < 0 && s.bus_faults != fuzz_bus_faults)
			fuzz_dump(p->w, p->n);
		npu_syncobj_destroy(&f->dev, p->sync);
		free(p->w);
	}
	fuzz_bus_faults = s.bus_faults;
	f->npending = 0;
}

static void fuzz_close(struct fuzz_file *f, bool settle)
{
	unsigned int i;

	if (settle)
		fuzz_settle(f);
	/* Without settling, jobs are in flight: the kernel cleans up. */
	for (i = 0; i < f->npending; i++)
		free(f->pending[i].w);
	for (i = 0; i < FUZZ_CMDS; i++)
		free(f->cmd[i].w);
	for (i = 0; i < FUZZ_BOS; i++)
		if (f->bo[i].map)
			munmap(f->bo[i].map, f->bo[i].size);
	for (i = 0; i < NPU_REGIONS; i++)
		if (f->arena[i].map)
			munmap(f->arena[i].map, f->arena[i].size);
	npu_close(&f->dev);
	memset(f, 0, sizeof(*f));
}

static void fuzz_open(struct fuzz_file *f)
{
	unsigned int r;
	int ret;

	ret = npu_open(&f->dev, NULL);
	fuzz_errno("open", ret);
	if (ret)
		return;
	f->open = true;
	for (r = 0; r < NPU_REGIONS; r++)
		fuzz_errno("arena", npu_buf_create(&f->dev, FUZZ_ARENA, 0,
						   &f->arena[r]));
}

static void fuzz_bo_create(struct fuzz_file *f)
{
	struct npu_buf *b = &f->bo[below(FUZZ_BOS)];
	uint64_t size = chance(90) ? 1 + below(256 * 1024) : rnd() >> below(64);
	uint32_t flags = chance(90) ? (chance(20) ? DRM_ETHOSU_BO_NO_MMAP : 0) :
			 (uint32_t)rnd();
	struct drm_ethosu_bo_create c = { .size = size, .flags = flags };
	int ret;

	npu_buf_destroy(b);
	ret = npu_ioctl(f->dev.fd, DRM_IOCTL_ETHOSU_BO_CREATE, &c);
	fuzz_errno("BO_CREATE", ret);
	if (!ret) {
		b->dev = &f->dev;
		b->handle = c.handle;
		b->size = c.size;
	}
}

static void fuzz_bo_touch(struct fuzz_file *f)
{
	struct npu_buf *b = chance(50) ? &f->bo[below(FUZZ_BOS)] :
				&f->arena[below(NPU_REGIONS)];
	struct drm_ethosu_bo_mmap_offset m = { .handle = b->handle };
	size_t len;
	void *p;
	int ret;

	if (!b->handle)
		return;
	if (!b->map) {
		ret = npu_ioctl(f->dev.fd, DRM_IOCTL_ETHOSU_BO_MMAP_OFFSET,
				&m);
		fuzz_errno("BO_MMAP_OFFSET", ret);
		if (ret)
			return;
		p = mmap(NULL, b->size, PROT_READ | PROT_WRITE, MAP_SHARED,
			 f->dev.fd, m.offset);
		fuzz_errno("mmap", p == MAP_FAILED ? -errno : 0);
		if (p == MAP_FAILED)
			return;
		b->map = p;
	}
	len = 1 + below(64);
	if (len > b->size)
		len = b->size;
	memset(b->map + below(b->size - len + 1), (int)rnd(), len);
}

static void fuzz_gem_close(struct fuzz_file *f)
{
	unsigned int i = below(FUZZ_BOS);

	if (chance(70) && f->bo[i].handle) {
		if (f->bo[i].map)
			munmap(f->bo[i].map, f->bo[i].size);
		fuzz_errno("GEM_CLOSE", npu_gem_close(&f->dev, f->bo[i].handle));
		memset(&f->bo[i], 0, sizeof(f->bo[i]));
		return;
	}
	if (chance(50)) {
		fuzz_drop_cmd(f, below(FUZZ_CMDS));
		return;
	}
	/* A random handle: may close one the fuzzer still lists. */
	fuzz_errno("GEM_CLOSE", npu_gem_close(&f->dev, below(64) + 100));
}

static void fuzz_cmd_create(struct fuzz_file *f)
{
	unsigned int i = below(FUZZ_CMDS);
	struct fuzz_cmd *c = &f->cmd[i];
	struct drm_ethosu_cmdstream_bo_create a = { 0 };
	struct npu_enc e;
	uint8_t regions;
	int ret;

	fuzz_drop_cmd(f, i);
	fuzz_stream(&e, &regions);
	if (e.err) {
		npu_enc_free(&e);
		return;
	}
	st.streams++;
	a.size = e.n * 4;
	a.data = (uintptr_t)e.w;
	if (chance(3))
		a.size = (uint32_t)rnd();
	if (chance(3))
		a.flags = (uint32_t)rnd();
	if (chance(2))
		a.data = rnd();
	ret = npu_ioctl(f->dev.fd, DRM_IOCTL_ETHOSU_CMDSTREAM_BO_CREATE, &a);
	fuzz_errno("CMDSTREAM_BO_CREATE", ret);
	if (ret) {
		npu_enc_free(&e);
		return;
	}
	st.accepted++;
	c->handle = a.handle;
	c->regions = regions;
	c->w = e.w;
	c->n = e.n;
}

/* The regions a stream names in its region commands. */
static uint8_t fuzz_named_regions(const struct fuzz_cmd *c)
{
	uint8_t mask = 0;
	size_t i;

	for (i = 0; i < c->n; i++) {
		uint16_t code = c->w[i] & 0xffff;
		uint16_t param = c->w[i] >> 16;

		if (code == NPU_SET_DMA0_SRC_REGION ||
		    code == NPU_SET_DMA0_DST_REGION)
			mask |= param < 8 ? 1 << param : 0;
		else if (code == NPU_SET_IFM_REGION ||
			 code == NPU_SET_IFM2_REGION ||
			 code == NPU_SET_OFM_REGION ||
			 code == NPU_SET_WEIGHT_REGION ||
			 code == NPU_SET_SCALE_REGION)
			mask |= 1 << (param & 7);
		if (NPU_CMD_IS_CMD1(code))
			i++;
	}

	return mask;
}

static void fuzz_submit(struct fuzz_file *f)
{
	struct drm_ethosu_job jobs[4];
	struct drm_ethosu_sync in = { 0 };
	unsigned int n = 1 + below(chance(80) ? 1 : 4), i, r, ci = 0;
	struct fuzz_pending *p;
	uint32_t out = 0;
	int ret;

	if (f->npending == FUZZ_PENDING || chance(20))
		fuzz_settle(f);
	for (i = 0; i < n; i++) {
		struct fuzz_cmd *c;
		uint8_t mask;

		ci = below(FUZZ_CMDS);
		c = &f->cmd[ci];
		npu_job_init(&jobs[i], c->handle);
		mask = chance(60) ? c->regions : fuzz_named_regions(c);
		for (r = 0; r < NPU_REGIONS; r++)
			if (mask & 1 << r)
				jobs[i].region_bo_handles[r] =
					f->arena[r].handle;
		if (chance(5))
			jobs[i].region_bo_handles[below(NPU_REGIONS)] =
				fuzz_handle(f);
		if (chance(2))
			jobs[i].sram_size = (uint32_t)rnd();
	}
	if (chance(10)) {
		ret = npu_submit(&f->dev, jobs, n);
		fuzz_errno("SUBMIT", ret);
		st.jobs += ret ? 0 : n;
		return;
	}
	if (self_check && chance(5))
		npu_sim_set_all(NPU_SIM_INJECT, NPU_SIM_BUS_FAULT);
	fuzz_errno("syncobj", npu_syncobj_create(&f->dev, false, &out));
	in.handle = f->sync[below(FUZZ_SYNCS)];
	ret = npu_submit_sync(&f->dev, jobs, n, &in, in.handle && chance(30),
			      out, 0);
	fuzz_errno("SUBMIT_SYNCOBJ", ret);
	if (ret) {
		npu_syncobj_destroy(&f->dev, out);
		return;
	}
	st.jobs += n;
	/* Keep the last job's stream, to print it should it fault. */
	p = &f->pending[f->npending++];
	p->sync = out;
	p->n = f->cmd[ci].n;
	p->w = malloc(p->n * sizeof(*p->w));
	if (p->w)
		memcpy(p->w, f->cmd[ci].w, p->n * sizeof(*p->w));
	else
		p->n = 0;
	/* Keep some fences for in-syncs. */
	if (chance(20)) {
		i = below(FUZZ_SYNCS);
		if (f->sync[i])
			npu_syncobj_destroy(&f->dev, f->sync[i]);
		npu_syncobj_create(&f->dev, chance(50), &f->sync[i]);
	}
}

static void fuzz_wait(struct fuzz_file *f)
{
	struct drm_ethosu_bo_wait w = {
		.handle = fuzz_handle(f),
		.pad = chance(5),
		.timeout_ns = npu_now_ns() + below(2000000),
	};

	fuzz_errno("BO_WAIT",
		   npu_ioctl(f->dev.fd, DRM_IOCTL_ETHOSU_BO_WAIT, &w));
}

static void fuzz_prime(struct fuzz_file *f)
{
	struct fuzz_file *g = fuzz_file();
	struct npu_buf *b = &f->arena[below(NPU_REGIONS)];
	struct drm_prime_handle p = { .fd = -1 };
	unsigned int i = below(FUZZ_BOS);
	int fd, ret;

	if (!g || !b->handle)
		return;
	ret = npu_prime_export(b, &fd);
	fuzz_errno("PRIME export", ret);
	if (ret)
		return;
	p.fd = fd;
	ret = npu_ioctl(g->dev.fd, DRM_IOCTL_PRIME_FD_TO_HANDLE, &p);
	fuzz_errno("PRIME import", ret);
	close(fd);
	if (ret)
		return;
	/* Import into a slot unless the handle is one g lists already. */
	if (g->bo[i].map)
		munmap(g->bo[i].map, g->bo[i].size);
	if (g->bo[i].handle && g->bo[i].handle != p.handle)
		npu_gem_close(&g->dev, g->bo[i].handle);
	memset(&g->bo[i], 0, sizeof(g->bo[i]));
	g->bo[i].dev = &g->dev;
	g->bo[i].handle = p.handle;
	g->bo[i].size = b->size;
}

/* An ioctl of the driver's range with random argument bytes. */
static void fuzz_raw_ioctl(struct fuzz_file *f)
{
	static const unsigned long reqs[] = {
		DRM_IOCTL_ETHOSU_DEV_QUERY, DRM_IOCTL_ETHOSU_BO_CREATE,
		DRM_IOCTL_ETHOSU_BO_WAIT, DRM_IOCTL_ETHOSU_BO_MMAP_OFFSET,
		DRM_IOCTL_ETHOSU_CMDSTREAM_BO_CREATE, DRM_IOCTL_ETHOSU_SUBMIT,
		DRM_IOCTL_ETHOSU_PERFMON_CREATE,
		DRM_IOCTL_ETHOSU_PERFMON_DESTROY,
		DRM_IOCTL_ETHOSU_PERFMON_GET_VALUES,
		DRM_IOCTL_ETHOSU_PERFMON_SET_GLOBAL,
		DRM_IOCTL_ETHOSU_SUBMIT_SYNCOBJ,
	};
	uint64_t arg[8];
	unsigned int i, req = below(ARRAY_SIZE(reqs));

	for (i = 0; i < 8; i++)
		arg[i] = chance(50) ? rnd() : below(4) ? below(256) : 0;
	/* Pointers into the first pages fault; never into our own memory. */
	if (reqs[req] == DRM_IOCTL_ETHOSU_SUBMIT ||
	    reqs[req] == DRM_IOCTL_ETHOSU_SUBMIT_SYNCOBJ ||
	    reqs[req] == DRM_IOCTL_ETHOSU_DEV_QUERY) {
		arg[0] = below(4096);
		arg[2] = below(4096);
	}
	if (reqs[req] == DRM_IOCTL_ETHOSU_CMDSTREAM_BO_CREATE)
		arg[1] = below(4096);
	if (reqs[req] == DRM_IOCTL_ETHOSU_BO_CREATE)
		arg[0] &= chance(50) ? 0xfffff : ~0ULL;
	if (reqs[req] == DRM_IOCTL_ETHOSU_BO_WAIT)
		arg[1] = npu_now_ns() + below(1000000);
	if (reqs[req] == DRM_IOCTL_ETHOSU_DEV_QUERY)
		arg[1] = below(4096);
	fuzz_errno("raw ioctl", npu_ioctl(f->dev.fd, reqs[req], arg));
	/* A created object's handle is leaked to the file, closed with it. */
}

static void fuzz_sync(struct fuzz_file *f)
{
	unsigned int i = below(FUZZ_SYNCS);

	if (f->sync[i]) {
		fuzz_errno("SYNCOBJ_DESTROY",
			   npu_syncobj_destroy(&f->dev, f->sync[i]));
		f->sync[i] = 0;
		return;
	}
	fuzz_errno("SYNCOBJ_CREATE",
		   npu_syncobj_create(&f->dev, chance(50), &f->sync[i]));
}

static void fuzz_step(void)
{
	struct fuzz_file *f = &files[below(FUZZ_FILES)];
	unsigned int a = below(100);

	if (!f->open) {
		fuzz_open(f);
		return;
	}
	if (a < 2)
		fuzz_close(f, chance(50));
	else if (a < 10)
		fuzz_bo_create(f);
	else if (a < 16)
		fuzz_bo_touch(f);
	else if (a < 20)
		fuzz_gem_close(f);
	else if (a < 50)
		fuzz_cmd_create(f);
	else if (a < 78)
		fuzz_submit(f);
	else if (a < 83)
		fuzz_wait(f);
	else if (a < 86)
		fuzz_prime(f);
	else if (a < 94)
		fuzz_raw_ioctl(f);
	else
		fuzz_sync(f);
}

/* Does the driver hold no more than @held (files, bos, bytes), no job? */
static bool fuzz_released(const long *held)
{
	return npu_state("files") == held[0] && npu_state("bos") == held[1] &&
	       npu_state("bo_bytes") == held[2] && npu_state("jobs") == 0;
}

int main(int argc, char **argv)
{
	unsigned long seed = 1, max = ~0UL;
	int64_t end, t0 = npu_now_ns();
	long held[3];
	double secs = 10;
	unsigned int i;
	bool failed;
	int opt;

	while ((opt = getopt(argc, argv, "s:t:i:xv")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoul(optarg, NULL, 0);
			break;
		case 't':
			secs = atof(optarg);
			break;
		case 'i':
			max = strtoul(optarg, NULL, 0);
			break;
		case 'v':
			verbose = true;
			break;
		case 'x':
			self_check = true;
			break;
		default:
			fprintf(stderr,
				"usage: %s [-s SEED] [-t SECONDS] [-i ITERATIONS] [-x] [-v]\n",
				argv[0]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	rng = seed * 0x9e3779b97f4a7c15ULL + 1;
	if (npu_sim_cores() < 1) {
		printf("not ok - npu_fuzz: no simulated NPU in debugfs\n");
		return 1;
	}
	{
		struct npu_sim_stats s;

		npu_sim_stats_sum(&s);
		fuzz_bus_faults = s.bus_faults;
	}
	if (npu_state_idle(&held[0], &held[1], &held[2])) {
		printf("not ok - npu_fuzz: the driver's debugfs state is missing or busy\n");
		return 1;
	}
	end = t0 + (int64_t)(secs * 1e9);
	while (st.iterations < max && npu_now_ns() < end) {
		st.iterations++;
		fuzz_step();
		if (verbose && !(st.iterations % 1000))
			printf("# %lu iterations\n", st.iterations);
	}
	for (i = 0; i < FUZZ_FILES; i++)
		if (files[i].open)
			fuzz_close(&files[i], true);
	/* Jobs of closed files may still run for a moment. */
	for (i = 0; i < 500 && !fuzz_released(held); i++)
		usleep(10 * 1000);
	if (!fuzz_released(held)) {
		st.unexpected++;
		printf("# left behind: files %ld (%ld before), jobs %ld,\n",
		       npu_state("files"), held[0], npu_state("jobs"));
		printf("# bos %ld (%ld before), bytes %ld (%ld before)\n",
		       npu_state("bos"), held[1], npu_state("bo_bytes"),
		       held[2]);
	}

	if (self_check) {
		npu_sim_set_all(NPU_SIM_INJECT, NPU_SIM_NONE);
		printf("%sok - npu_fuzz -x seed %lu: injected bus faults reported as %lu escapes\n",
		       st.escapes ? "" : "not ", seed, st.escapes);
		return st.escapes ? 0 : 1;
	}
	failed = st.escapes || st.unexpected;
	printf("# npu_fuzz: seed %lu, %lu iterations in %.1f s,\n", seed,
	       st.iterations, (npu_now_ns() - t0) / 1e9);
	printf("# %lu calls (%lu succeeded), %lu streams (%lu accepted),\n",
	       st.calls, st.ok, st.streams, st.accepted);
	printf("# %lu jobs submitted, %lu inferences failed (%lu timed out)\n",
	       st.jobs, st.faults, st.timeouts);
	printf("%sok - npu_fuzz seed %lu: %lu escapes, %lu unexpected errnos or leftovers\n",
	       failed ? "not " : "", seed, st.escapes, st.unexpected);

	return failed ? 1 : 0;
}

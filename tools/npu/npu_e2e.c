// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * npu_e2e: end-to-end tests of the npu driver and the simulated NPU, run
 * from userspace in a booted guest (tools/npu/guest.sh). Prints TAP: one
 * "ok" or "not ok" line per case.
 *
 *   npu_e2e [-n SCALE] [NAME...]
 *
 * SCALE multiplies the work of the load cases (default 1: 8 clients of
 * 1000 submissions); NAMEs pick cases by prefix.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "npu_e2e.h"
#include "npu_net.h"

int e2e_scale = 1;

/* Where a failed check returns to: e2e_run(). */
static jmp_buf e2e_jmp;

/**
 * e2e_fail() - say why the running case fails, and end it
 * @file: source file
 * @line: source line
 * @what: the failed condition
 * @fmt: more, printf-style
 */
void e2e_fail(const char *file, int line, const char *what,
	      const char *fmt, ...)
{
	va_list ap;

	printf("# %s:%d: %s", file, line, what);
	if (*fmt) {
		printf(": ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	printf("\n");
	fflush(stdout);
	longjmp(e2e_jmp, 1);
}

/**
 * e2e_ok() - fail the running case if a call failed
 * @file: source file
 * @line: source line
 * @what: the call
 * @ret: what it returned: 0 or a negative errno
 */
void e2e_ok(const char *file, int line, const char *what, int ret)
{
	if (ret)
		e2e_fail(file, line, what, "returned %d (%s)", ret,
			 strerror(-ret));
}

/**
 * e2e_cmd() - end a stream and make a command stream buffer object of it
 * @dev: the device
 * @e: the stream, freed
 * @handle: the new buffer object
 *
 * Return: 0 or a negative errno.
 */
int e2e_cmd(struct npu_dev *dev, struct npu_enc *e, uint32_t *handle)
{
	int ret = -ENOMEM;

	npu_enc_stop(e);
	if (!e->err)
		ret = npu_cmd_create(dev, e->w, e->n, handle);
	npu_enc_free(e);

	return ret;
}

/**
 * e2e_copy_init() - buffers and stream of a DMA copy of @len bytes
 * @dev: the device
 * @c: filled in
 * @len: bytes
 *
 * Return: 0 or a negative errno.
 */
int e2e_copy_init(struct npu_dev *dev, struct e2e_copy *c, size_t len)
{
	struct npu_enc e;
	int ret;

	memset(c, 0, sizeof(*c));
	c->len = len;
	ret = npu_buf_create(dev, len, 0, &c->src);
	if (!ret)
		ret = npu_buf_create(dev, len, 0, &c->dst);
	if (!ret) {
		npu_enc_init(&e);
		npu_enc_dma(&e, 0, 0, 1, 0, len);
		ret = e2e_cmd(dev, &e, &c->cmd);
	}
	if (ret)
		e2e_copy_fini(c);

	return ret;
}

/**
 * e2e_copy_fini() - release what e2e_copy_init() made
 * @c: the copy
 */
void e2e_copy_fini(struct e2e_copy *c)
{
	struct npu_dev *dev = c->src.dev;

	if (c->cmd)
		npu_gem_close(dev, c->cmd);
	npu_buf_destroy(&c->dst);
	npu_buf_destroy(&c->src);
	c->cmd = 0;
}

/**
 * e2e_copy_job() - the job description of a copy
 * @c: the copy
 * @job: filled in
 */
void e2e_copy_job(const struct e2e_copy *c, struct drm_ethosu_job *job)
{
	npu_job_init(job, c->cmd);
	job->region_bo_handles[0] = c->src.handle;
	job->region_bo_handles[1] = c->dst.handle;
}

/**
 * e2e_copy_run() - run a copy of a fresh pattern and check the result
 * @dev: the device
 * @c: the copy
 * @seed: the pattern's seed
 *
 * Return: 0, -EBADMSG if the bytes differ, or a negative errno.
 */
int e2e_copy_run(struct npu_dev *dev, struct e2e_copy *c, uint8_t seed)
{
	struct drm_ethosu_job job;
	int ret;

	npu_fill(c->src.map, c->len, seed);
	memset(c->dst.map, 0, c->len);
	e2e_copy_job(c, &job);
	ret = npu_submit(dev, &job, 1);
	if (!ret)
		ret = npu_buf_wait(&c->dst, E2E_WAIT_NS);
	if (!ret && memcmp(c->src.map, c->dst.map, c->len))
		ret = -EBADMSG;

	return ret;
}

/**
 * e2e_device_works() - a new file copies bytes correctly
 *
 * Return: 0 or a negative errno.
 */
int e2e_device_works(void)
{
	struct npu_dev dev;
	struct e2e_copy c;
	int ret;

	ret = npu_open(&dev, NULL);
	if (ret)
		return ret;
	ret = e2e_copy_init(&dev, &c, 4096);
	if (!ret) {
		ret = e2e_copy_run(&dev, &c, 0x5a);
		e2e_copy_fini(&c);
	}
	npu_close(&dev);

	return ret;
}

/**
 * e2e_settled() - wait until the driver holds what it held before
 * @files: open files then
 * @bos: buffer objects then
 * @bytes: their bytes then
 *
 * Jobs of a closed file may still run; their buffer objects go with them.
 *
 * Return: 0, or -EBUSY if something is still held after 5 s.
 */
int e2e_settled(long files, long bos, long bytes)
{
	int i;

	for (i = 0; i < 500; i++) {
		if (npu_state("files") == files && npu_state("bos") == bos &&
		    npu_state("bo_bytes") == bytes && npu_state("jobs") == 0)
			return 0;
		usleep(10 * 1000);
	}
	printf("# held: files %ld (%ld before), bos %ld (%ld), bytes %ld (%ld), jobs %ld\n",
	       npu_state("files"), files, npu_state("bos"), bos,
	       npu_state("bo_bytes"), bytes, npu_state("jobs"));

	return -EBUSY;
}

/**
 * e2e_sim_clear() - no injected fault pending and no delay, on every core
 *
 * Return: 0 or a negative errno.
 */
int e2e_sim_clear(void)
{
	int ret = npu_sim_set_all(NPU_SIM_INJECT, NPU_SIM_NONE);

	if (!ret)
		ret = npu_sim_set_all(NPU_SIM_CMD_DELAY_US, 0);

	return ret;
}

/* Cases */

static int e2e_query(void)
{
	struct drm_ethosu_npu_info info;
	struct drm_ethosu_dev_query q = {
		.type = DRM_ETHOSU_DEV_QUERY_NPU_INFO,
	};
	struct npu_dev dev;

	E2E_OK(npu_open(&dev, NULL));
	E2E_CHECK(DRM_ETHOSU_ARCH_MAJOR(dev.info.id) >= 1, "id %#x",
		  dev.info.id);
	E2E_CHECK(!dev.info.sram_size && !dev.info.pmu_counters);
	/* Without a pointer: the size of the answer. */
	E2E_OK(npu_ioctl(dev.fd, DRM_IOCTL_ETHOSU_DEV_QUERY, &q));
	E2E_CHECK(q.size == sizeof(info), "%u", q.size);
	/* A larger buffer: the rest is cleared. */
	memset(&info, 0xff, sizeof(info));
	q.pointer = (uintptr_t)&info;
	E2E_OK(npu_ioctl(dev.fd, DRM_IOCTL_ETHOSU_DEV_QUERY, &q));
	E2E_CHECK(info.id == dev.info.id && info.pmu_counters == 0);
	npu_close(&dev);

	return 0;
}

static int e2e_dma_copy(void)
{
	struct npu_dev dev;
	struct e2e_copy c;
	int i;

	E2E_OK(npu_open(&dev, NULL));
	E2E_OK(e2e_copy_init(&dev, &c, 64 * 1024));
	for (i = 0; i < 4; i++)
		E2E_OK(e2e_copy_run(&dev, &c, i));
	e2e_copy_fini(&c);
	npu_close(&dev);

	return 0;
}

static int e2e_net_check(struct npu_dev *dev, struct npu_net *n)
{
	long i;

	E2E_OK(npu_buf_wait(&n->out, E2E_WAIT_NS));
	i = npu_net_mismatch(n);
	E2E_CHECK(i < 0, "byte %ld: %d, expected %d", i, (int8_t)n->out.map[i],
		  (int8_t)n->expect[i]);
	npu_net_fini(n);
	npu_close(dev);

	return 0;
}

/* The whole network in one stream, one job, for a few inputs. */
static int e2e_network(void)
{
	struct drm_ethosu_job job;
	struct npu_dev dev;
	struct npu_net n;
	long i;
	int s;

	E2E_OK(npu_open(&dev, NULL));
	E2E_OK(npu_net_init(&dev, &n, 7));
	npu_net_job(&n, &job);
	for (s = 0; s < 3; s++) {
		npu_net_input(&n, 100 + s);
		E2E_OK(npu_submit(&dev, &job, 1));
		E2E_OK(npu_buf_wait(&n.out, E2E_WAIT_NS));
		i = npu_net_mismatch(&n);
		E2E_CHECK(i < 0, "input %d, byte %ld: %d, expected %d", s, i,
			  (int8_t)n.out.map[i], (int8_t)n.expect[i]);
	}
	npu_net_input(&n, 200);
	E2E_OK(npu_submit(&dev, &job, 1));

	return e2e_net_check(&dev, &n);
}

/* One job per layer, in one SUBMIT: the jobs run in order on one core. */
static int e2e_network_jobs(void)
{
	struct drm_ethosu_job jobs[NPU_NET_LAYERS];
	struct npu_dev dev;
	struct npu_net n;

	E2E_OK(npu_open(&dev, NULL));
	E2E_OK(npu_net_init(&dev, &n, 11));
	npu_net_layer_jobs(&n, jobs);
	E2E_OK(npu_submit(&dev, jobs, NPU_NET_LAYERS));

	return e2e_net_check(&dev, &n);
}

/**
 * e2e_slow_copy() - a stream of @ops DMA copies of @len bytes, region 0 to 1
 * @dev: the device
 * @ops: copies
 * @len: bytes each
 * @cmd: the new command stream buffer object
 *
 * With the simulated cores' command delay it runs long enough for a
 * reader that does not wait to see old bytes, or for a client to be
 * killed while it runs.
 *
 * Return: 0 or a negative errno.
 */
int e2e_slow_copy(struct npu_dev *dev, unsigned int ops, size_t len,
		  uint32_t *cmd)
{
	struct npu_enc e;
	unsigned int i;

	npu_enc_init(&e);
	for (i = 0; i < ops; i++)
		npu_enc_dma(&e, 0, 0, 1, 0, len);

	return e2e_cmd(dev, &e, cmd);
}

/*
 * A chain across two files in two processes: the writer's job fills a
 * shared buffer object slowly, the reader (another process, which imports
 * the buffer object with PRIME) copies it out. The reader submits without
 * waiting: implicit synchronisation through the buffer object's
 * reservation must order its job after the writer's.
 */
static int e2e_prime_chain(void)
{
	int sv[2], status, fd = -1;
	struct drm_ethosu_job job;
	struct npu_buf src, shared;
	struct npu_dev dev;
	uint32_t cmd;
	pid_t pid;
	char ok;

	E2E_OK(npu_open(&dev, NULL));
	E2E_OK(npu_buf_create(&dev, 4096, 0, &src));
	E2E_OK(npu_buf_create(&dev, 4096, 0, &shared));
	E2E_OK(npu_prime_export(&shared, &fd));
	npu_fill(src.map, 4096, 99);
	memset(shared.map, 0, 4096);
	E2E_CHECK(!pipe(sv));

	pid = fork();
	E2E_CHECK(pid >= 0);
	if (!pid) {
		/* The reader: its own file, the dma-buf inherited. */
		struct npu_dev rdev;
		struct npu_buf in, out;
		uint8_t expect[4096];
		int ret;

		close(sv[1]);
		if (npu_open(&rdev, NULL) ||
		    npu_prime_import(&rdev, fd, 4096, &in) ||
		    npu_buf_create(&rdev, 4096, 0, &out) ||
		    e2e_slow_copy(&rdev, 1, 4096, &cmd))
			_exit(2);
		/* Wait until the writer has submitted, then go at once. */
		if (read(sv[0], &ok, 1) != 1)
			_exit(3);
		npu_job_init(&job, cmd);
		job.region_bo_handles[0] = in.handle;
		job.region_bo_handles[1] = out.handle;
		ret = npu_submit(&rdev, &job, 1);
		if (!ret)
			ret = npu_buf_wait(&out, E2E_WAIT_NS);
		npu_fill(expect, sizeof(expect), 99);
		_exit(ret ? 4 : memcmp(out.map, expect, 4096) ? 5 : 0);
	}
	close(sv[0]);
	E2E_OK(npu_sim_set_all(NPU_SIM_CMD_DELAY_US, 2000));
	E2E_OK(e2e_slow_copy(&dev, 16, 4096, &cmd));
	npu_job_init(&job, cmd);
	job.region_bo_handles[0] = src.handle;
	job.region_bo_handles[1] = shared.handle;
	E2E_OK(npu_submit(&dev, &job, 1));
	E2E_CHECK(write(sv[1], "g", 1) == 1);
	E2E_CHECK(waitpid(pid, &status, 0) == pid);
	E2E_OK(e2e_sim_clear());
	E2E_CHECK(WIFEXITED(status) && !WEXITSTATUS(status),
		  "reader status %#x", status);
	close(sv[1]);
	close(fd);
	npu_gem_close(&dev, cmd);
	npu_buf_destroy(&shared);
	npu_buf_destroy(&src);
	npu_close(&dev);

	return 0;
}

/*
 * Explicit synchronisation across two files: B's inference waits for A's
 * out-syncobj (binary, or a timeline point), shared as a file
 * descriptor. A is slow, B touches none of A's buffer objects: only the
 * in-sync orders them, so A's fence must have signalled when B's has.
 */
static int e2e_syncobj_chain_one(bool timeline)
{
	struct npu_dev a, b;
	struct e2e_copy ca, cb;
	struct drm_ethosu_job ja, jb;
	struct drm_ethosu_sync in = { 0 };
	uint32_t sa, sb, sa_b, cmd;
	uint64_t point = timeline ? 5 : 0;
	int fd;

	E2E_OK(npu_open(&a, NULL));
	E2E_OK(npu_open(&b, NULL));
	E2E_OK(e2e_copy_init(&a, &ca, 4096));
	E2E_OK(e2e_copy_init(&b, &cb, 4096));
	E2E_OK(npu_syncobj_create(&a, false, &sa));
	E2E_OK(npu_syncobj_create(&b, false, &sb));
	E2E_OK(npu_syncobj_export(&a, sa, &fd));
	E2E_OK(npu_syncobj_import(&b, fd, &sa_b));
	close(fd);

	E2E_OK(npu_sim_set_all(NPU_SIM_CMD_DELAY_US, 2000));
	E2E_OK(e2e_slow_copy(&a, 16, 4096, &cmd));
	npu_job_init(&ja, cmd);
	ja.region_bo_handles[0] = ca.src.handle;
	ja.region_bo_handles[1] = ca.dst.handle;
	E2E_OK(npu_submit_sync(&a, &ja, 1, NULL, 0, sa, point));

	e2e_copy_job(&cb, &jb);
	in.handle = sa_b;
	in.point = point;
	E2E_OK(npu_submit_sync(&b, &jb, 1, &in, 1, sb, 0));
	E2E_OK(npu_syncobj_wait(&b, sb, 0, E2E_WAIT_NS));
	/* B is done: A must be too. */
	E2E_OK(npu_syncobj_wait(&a, sa, point, 0));
	E2E_OK(e2e_sim_clear());
	E2E_CHECK(npu_syncobj_status(&b, sb, 0) == 1);

	npu_gem_close(&a, cmd);
	e2e_copy_fini(&cb);
	e2e_copy_fini(&ca);
	npu_close(&b);
	npu_close(&a);

	return 0;
}

static int e2e_syncobj_chain(void)
{
	return e2e_syncobj_chain_one(false);
}

static int e2e_syncobj_timeline_chain(void)
{
	return e2e_syncobj_chain_one(true);
}

/*
 * A hung job: the core never finishes. BO_WAIT returns once the driver's
 * timeout has reset the core, the job's fence carries -ETIMEDOUT, and the
 * next submission works.
 */
static int e2e_hang(void)
{
	struct drm_ethosu_job job;
	struct npu_sim_stats st0, st1;
	struct npu_dev dev;
	struct e2e_copy c;
	uint32_t out;
	int64_t t0;

	E2E_OK(npu_open(&dev, NULL));
	E2E_OK(e2e_copy_init(&dev, &c, 4096));
	E2E_OK(npu_syncobj_create(&dev, false, &out));
	E2E_OK(npu_sim_stats_sum(&st0));
	E2E_OK(npu_sim_set_all(NPU_SIM_INJECT, NPU_SIM_HANG));
	e2e_copy_job(&c, &job);
	t0 = npu_now_ns();
	E2E_OK(npu_submit_sync(&dev, &job, 1, NULL, 0, out, 0));
	E2E_OK(npu_buf_wait(&c.dst, E2E_WAIT_NS));
	E2E_OK(e2e_sim_clear());
	E2E_CHECK(npu_now_ns() - t0 >= 150 * 1000000LL,
		  "BO_WAIT returned before the timeout");
	E2E_CHECK(npu_syncobj_status(&dev, out, 0) == -ETIMEDOUT, "%d",
		  npu_syncobj_status(&dev, out, 0));
	E2E_OK(npu_sim_stats_sum(&st1));
	E2E_CHECK(st1.resets > st0.resets);
	E2E_OK(e2e_copy_run(&dev, &c, 3));
	npu_syncobj_destroy(&dev, out);
	e2e_copy_fini(&c);
	npu_close(&dev);

	return e2e_device_works();
}

/*
 * A bus fault in the first job of an inference of three: that job fails
 * with -EIO, the two others never reach the hardware, the inference's
 * fence carries the error; the file's next inference runs.
 */
static int e2e_bus_fault(void)
{
	struct drm_ethosu_job jobs[3];
	struct npu_sim_stats st0, st1;
	struct npu_buf src, dst;
	struct npu_dev dev;
	struct npu_enc e;
	uint32_t cmd[3], out;
	unsigned int i;
	size_t j;

	E2E_OK(npu_open(&dev, NULL));
	E2E_OK(npu_buf_create(&dev, 4096, 0, &src));
	E2E_OK(npu_buf_create(&dev, 4096, 0, &dst));
	E2E_OK(npu_syncobj_create(&dev, false, &out));
	npu_fill(src.map, 4096, 5);
	memset(dst.map, 0, 4096);
	for (i = 0; i < 3; i++) {
		npu_enc_init(&e);
		npu_enc_dma(&e, 0, i * 1024, 1, i * 1024, 1024);
		E2E_OK(e2e_cmd(&dev, &e, &cmd[i]));
		npu_job_init(&jobs[i], cmd[i]);
		jobs[i].region_bo_handles[0] = src.handle;
		jobs[i].region_bo_handles[1] = dst.handle;
	}
	E2E_OK(npu_sim_stats_sum(&st0));
	E2E_OK(npu_sim_set_all(NPU_SIM_INJECT, NPU_SIM_BUS_FAULT));
	E2E_OK(npu_submit_sync(&dev, jobs, 3, NULL, 0, out, 0));
	E2E_OK(npu_syncobj_wait(&dev, out, 0, E2E_WAIT_NS));
	E2E_OK(e2e_sim_clear());
	/* The inference's fence is its last job's: cancelled. */
	E2E_CHECK(npu_syncobj_status(&dev, out, 0) == -ECANCELED, "%d",
		  npu_syncobj_status(&dev, out, 0));
	E2E_OK(npu_sim_stats_sum(&st1));
	E2E_CHECK(st1.started == st0.started + 1, "%llu streams started",
		  (unsigned long long)(st1.started - st0.started));
	E2E_CHECK(st1.bus_faults == st0.bus_faults + 1);
	for (j = 0; j < 3072; j++)
		E2E_CHECK(!dst.map[j], "byte %zu written", j);

	/* The same inference again, on the same file: it runs. */
	E2E_OK(npu_submit_sync(&dev, jobs, 3, NULL, 0, out, 0));
	E2E_OK(npu_syncobj_wait(&dev, out, 0, E2E_WAIT_NS));
	E2E_CHECK(npu_syncobj_status(&dev, out, 0) == 1);
	E2E_CHECK(!memcmp(src.map, dst.map, 3072));

	for (i = 0; i < 3; i++)
		npu_gem_close(&dev, cmd[i]);
	npu_syncobj_destroy(&dev, out);
	npu_buf_destroy(&dst);
	npu_buf_destroy(&src);
	npu_close(&dev);

	return 0;
}

static const struct e2e_case e2e_cases[] = {
	{ "query", e2e_query },
	{ "dma_copy", e2e_dma_copy },
	{ "network", e2e_network },
	{ "network_jobs", e2e_network_jobs },
	{ "prime_chain", e2e_prime_chain },
	{ "syncobj_chain", e2e_syncobj_chain },
	{ "syncobj_timeline_chain", e2e_syncobj_timeline_chain },
	{ "hang", e2e_hang },
	{ "bus_fault", e2e_bus_fault },
};

static bool e2e_selected(const char *name, int argc, char **argv)
{
	int i;

	if (!argc)
		return true;
	for (i = 0; i < argc; i++)
		if (!strncmp(name, argv[i], strlen(argv[i])))
			return true;

	return false;
}

static int e2e_run(const struct e2e_case *c, unsigned int *n, int argc,
		   char **argv)
{
	int ret;

	if (!e2e_selected(c->name, argc, argv))
		return 0;
	fflush(stdout);
	if (setjmp(e2e_jmp))
		ret = -1;
	else
		ret = c->fn();
	/* A failed case may leave a knob set: clear it for the next. */
	if (ret)
		e2e_sim_clear();
	printf("%sok %u - %s\n", ret ? "not " : "", ++*n, c->name);
	fflush(stdout);

	return ret ? 1 : 0;
}

int main(int argc, char **argv)
{
	unsigned int i, n = 0, failed = 0;
	int opt;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt != 'n' || atoi(optarg) < 1) {
			fprintf(stderr, "usage: %s [-n SCALE] [NAME...]\n",
				argv[0]);
			return 2;
		}
		e2e_scale = atoi(optarg);
	}
	argc -= optind;
	argv += optind;
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);

	printf("TAP version 13\n");
	for (i = 0; i < ARRAY_SIZE(e2e_cases); i++)
		failed += e2e_run(&e2e_cases[i], &n, argc, argv);
	for (i = 0; i < e2e_bad_count; i++)
		failed += e2e_run(&e2e_bad_cases[i], &n, argc, argv);
	for (i = 0; i < e2e_client_count; i++)
		failed += e2e_run(&e2e_client_cases[i], &n, argc, argv);
	printf("1..%u\n", n);
	printf("# npu_e2e: %u passed, %u failed\n", n - failed, failed);

	return failed ? 1 : 0;
}

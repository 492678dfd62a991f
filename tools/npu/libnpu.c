// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * libnpu: device, buffer objects, command streams, submission and
 * synchronisation for the npu accel driver, and the simulated NPU's
 * debugfs knobs.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/sync_file.h>

#include "libnpu.h"

#define NPU_SIM_DEBUGFS		"/sys/kernel/debug/npu_sim"

/**
 * npu_ioctl() - an ioctl, restarted on EINTR and EAGAIN
 * @fd: the file
 * @req: the request
 * @arg: its argument
 *
 * Return: 0 or a negative errno.
 */
int npu_ioctl(int fd, unsigned long req, void *arg)
{
	int ret;

	do {
		ret = ioctl(fd, req, arg);
	} while (ret == -1 && (errno == EINTR || errno == EAGAIN));

	return ret == -1 ? -errno : 0;
}

/**
 * npu_open() - open the device and query it
 * @dev: filled in
 * @node: the device node, or NULL for NPU_DEFAULT_NODE
 *
 * Return: 0 or a negative errno.
 */
int npu_open(struct npu_dev *dev, const char *node)
{
	struct drm_ethosu_dev_query q = {
		.type = DRM_ETHOSU_DEV_QUERY_NPU_INFO,
		.size = sizeof(dev->info),
		.pointer = (uintptr_t)&dev->info,
	};
	int ret;

	memset(&dev->info, 0, sizeof(dev->info));
	dev->fd = open(node ? node : NPU_DEFAULT_NODE, O_RDWR | O_CLOEXEC);
	if (dev->fd < 0)
		return -errno;
	ret = npu_ioctl(dev->fd, DRM_IOCTL_ETHOSU_DEV_QUERY, &q);
	if (ret) {
		close(dev->fd);
		dev->fd = -1;
	}

	return ret;
}

/**
 * npu_close() - close the file; the kernel drops what it still holds
 * @dev: the device
 */
void npu_close(struct npu_dev *dev)
{
	if (dev->fd >= 0)
		close(dev->fd);
	dev->fd = -1;
}

/**
 * npu_gem_close() - drop a GEM handle
 * @dev: the device
 * @handle: the handle
 *
 * Return: 0 or a negative errno.
 */
int npu_gem_close(struct npu_dev *dev, uint32_t handle)
{
	struct drm_gem_close c = { .handle = handle };

	return npu_ioctl(dev->fd, DRM_IOCTL_GEM_CLOSE, &c);
}

static int npu_buf_map(struct npu_buf *buf)
{
	struct drm_ethosu_bo_mmap_offset mo = { .handle = buf->handle };
	void *p;
	int ret;

	ret = npu_ioctl(buf->dev->fd, DRM_IOCTL_ETHOSU_BO_MMAP_OFFSET, &mo);
	if (ret)
		return ret;
	p = mmap(NULL, buf->size, PROT_READ | PROT_WRITE, MAP_SHARED,
		 buf->dev->fd, mo.offset);
	if (p == MAP_FAILED)
		return -errno;
	buf->map = p;

	return 0;
}

/**
 * npu_buf_create() - create a buffer object and map it
 * @dev: the device
 * @size: bytes
 * @flags: enum drm_ethosu_bo_flags; with DRM_ETHOSU_BO_NO_MMAP it is not
 *	mapped
 * @buf: filled in
 *
 * Return: 0 or a negative errno.
 */
int npu_buf_create(struct npu_dev *dev, size_t size, uint32_t flags,
		   struct npu_buf *buf)
{
	struct drm_ethosu_bo_create c = { .size = size, .flags = flags };
	int ret;

	memset(buf, 0, sizeof(*buf));
	ret = npu_ioctl(dev->fd, DRM_IOCTL_ETHOSU_BO_CREATE, &c);
	if (ret)
		return ret;
	buf->dev = dev;
	buf->handle = c.handle;
	buf->size = c.size;
	if (flags & DRM_ETHOSU_BO_NO_MMAP)
		return 0;
	ret = npu_buf_map(buf);
	if (ret) {
		npu_gem_close(dev, buf->handle);
		memset(buf, 0, sizeof(*buf));
	}

	return ret;
}

/**
 * npu_buf_destroy() - unmap a buffer object and drop its handle
 * @buf: the buffer object; may be all zeroes
 */
void npu_buf_destroy(struct npu_buf *buf)
{
	if (buf->map)
		munmap(buf->map, buf->size);
	if (buf->handle)
		npu_gem_close(buf->dev, buf->handle);
	memset(buf, 0, sizeof(*buf));
}

/**
 * npu_now_ns() - CLOCK_MONOTONIC in nanoseconds
 *
 * Return: the time.
 */
int64_t npu_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);

	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/**
 * npu_fill() - fill bytes from a seed (xorshift), the same bytes each time
 * @p: the bytes
 * @len: how many
 * @seed: the seed
 */
void npu_fill(uint8_t *p, size_t len, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 1;
	size_t i;

	for (i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (uint8_t)(x >> 7);
	}
}

static int npu_cmp_ns(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/**
 * npu_sort_ns() - sort times, for percentiles
 * @v: the times
 * @n: how many
 */
void npu_sort_ns(int64_t *v, size_t n)
{
	qsort(v, n, sizeof(*v), npu_cmp_ns);
}

/**
 * npu_load_args() - the options of the load programs: -c CLIENTS, -n JOBS
 * @argc: from main()
 * @argv: from main()
 * @clients: in: the default; out: -c
 * @n: in: the default; out: -n
 *
 * Return: 0, or -EINVAL for another option or a count of 0.
 */
int npu_load_args(int argc, char **argv, unsigned int *clients,
		  unsigned int *n)
{
	int opt;

	while ((opt = getopt(argc, argv, "c:n:")) != -1) {
		if (opt == 'c')
			*clients = strtoul(optarg, NULL, 0);
		else if (opt == 'n')
			*n = strtoul(optarg, NULL, 0);
		else
			return -EINVAL;
	}

	return *clients && *n ? 0 : -EINVAL;
}

/**
 * npu_buf_wait() - wait until every job using a buffer object is done
 * @buf: the buffer object
 * @timeout_ns: relative timeout
 *
 * Return: 0, -ETIME on timeout, or another negative errno.
 */
int npu_buf_wait(struct npu_buf *buf, int64_t timeout_ns)
{
	struct drm_ethosu_bo_wait w = {
		.handle = buf->handle,
		.timeout_ns = npu_now_ns() + timeout_ns,
	};

	return npu_ioctl(buf->dev->fd, DRM_IOCTL_ETHOSU_BO_WAIT, &w);
}

/**
 * npu_cmd_create() - create a command stream buffer object
 * @dev: the device
 * @words: the stream
 * @count: its length in 32-bit words
 * @handle: the new handle
 *
 * Return: 0, or a negative errno: -EINVAL if the validator refuses it.
 */
int npu_cmd_create(struct npu_dev *dev, const uint32_t *words, size_t count,
		   uint32_t *handle)
{
	struct drm_ethosu_cmdstream_bo_create c = {
		.size = count * 4,
		.data = (uintptr_t)words,
	};
	int ret;

	ret = npu_ioctl(dev->fd, DRM_IOCTL_ETHOSU_CMDSTREAM_BO_CREATE, &c);
	if (!ret)
		*handle = c.handle;

	return ret;
}

/**
 * npu_job_init() - a job with a command stream and no region bound
 * @job: filled in
 * @cmd_bo: the command stream buffer object
 */
void npu_job_init(struct drm_ethosu_job *job, uint32_t cmd_bo)
{
	memset(job, 0, sizeof(*job));
	job->cmd_bo = cmd_bo;
}

/**
 * npu_submit() - submit an inference with implicit synchronisation only
 * @dev: the device
 * @jobs: its jobs
 * @count: how many
 *
 * Return: 0 or a negative errno.
 */
int npu_submit(struct npu_dev *dev, const struct drm_ethosu_job *jobs,
	       unsigned int count)
{
	struct drm_ethosu_submit s = {
		.jobs = (uintptr_t)jobs,
		.job_count = count,
	};

	return npu_ioctl(dev->fd, DRM_IOCTL_ETHOSU_SUBMIT, &s);
}

/**
 * npu_submit_sync() - submit an inference with syncobjs
 * @dev: the device
 * @jobs: its jobs
 * @count: how many
 * @in: syncobjs (and points) to wait for
 * @in_count: how many
 * @out: syncobj to install the inference's fence in, or 0
 * @out_point: its timeline point, or 0 for a binary syncobj
 *
 * Return: 0 or a negative errno.
 */
int npu_submit_sync(struct npu_dev *dev, const struct drm_ethosu_job *jobs,
		    unsigned int count, const struct drm_ethosu_sync *in,
		    unsigned int in_count, uint32_t out, uint64_t out_point)
{
	struct drm_ethosu_submit_syncobj s = {
		.jobs = (uintptr_t)jobs,
		.job_count = count,
		.in_sync_count = in_count,
		.in_syncs = (uintptr_t)in,
		.out_sync = { .handle = out, .point = out_point },
	};

	return npu_ioctl(dev->fd, DRM_IOCTL_ETHOSU_SUBMIT_SYNCOBJ, &s);
}

/**
 * npu_syncobj_create() - create a syncobj
 * @dev: the device
 * @signaled: with a signalled fence in it
 * @handle: the new handle
 *
 * Return: 0 or a negative errno.
 */
int npu_syncobj_create(struct npu_dev *dev, bool signaled, uint32_t *handle)
{
	struct drm_syncobj_create c = {
		.flags = signaled ? DRM_SYNCOBJ_CREATE_SIGNALED : 0,
	};
	int ret;

	ret = npu_ioctl(dev->fd, DRM_IOCTL_SYNCOBJ_CREATE, &c);
	if (!ret)
		*handle = c.handle;

	return ret;
}

/**
 * npu_syncobj_destroy() - drop a syncobj handle
 * @dev: the device
 * @handle: the handle
 *
 * Return: 0 or a negative errno.
 */
int npu_syncobj_destroy(struct npu_dev *dev, uint32_t handle)
{
	struct drm_syncobj_destroy d = { .handle = handle };

	return npu_ioctl(dev->fd, DRM_IOCTL_SYNCOBJ_DESTROY, &d);
}

/**
 * npu_syncobj_wait() - wait for a syncobj's fence, or a timeline point
 * @dev: the device
 * @handle: the syncobj
 * @point: the timeline point, or 0 for a binary syncobj
 * @timeout_ns: relative timeout
 *
 * Waits for the fence to be submitted too (WAIT_FOR_SUBMIT).
 *
 * Return: 0, -ETIME on timeout, or another negative errno.
 */
int npu_syncobj_wait(struct npu_dev *dev, uint32_t handle, uint64_t point,
		     int64_t timeout_ns)
{
	struct drm_syncobj_timeline_wait w = {
		.handles = (uintptr_t)&handle,
		.points = (uintptr_t)&point,
		.timeout_nsec = npu_now_ns() + timeout_ns,
		.count_handles = 1,
		.flags = DRM_SYNCOBJ_WAIT_FLAGS_WAIT_FOR_SUBMIT,
	};

	return npu_ioctl(dev->fd, DRM_IOCTL_SYNCOBJ_TIMELINE_WAIT, &w);
}

/**
 * npu_syncobj_status() - the state of a binary syncobj's fence
 * @dev: the device
 * @handle: the syncobj
 * @point: must be 0: the status of a timeline point is the chain's, which
 *	does not carry the fence's error
 *
 * Exports the fence as a sync_file and reads its status.
 *
 * Return: 1 signalled without error, 0 not signalled, or the fence's
 * error (negative), or a negative errno if it could not be read.
 */
int npu_syncobj_status(struct npu_dev *dev, uint32_t handle, uint64_t point)
{
	struct drm_syncobj_handle h = {
		.handle = handle,
		.flags = DRM_SYNCOBJ_HANDLE_TO_FD_FLAGS_EXPORT_SYNC_FILE,
		.fd = -1,
	};
	struct sync_file_info info = { 0 };
	int ret;

	if (point)
		return -EINVAL;
	ret = npu_ioctl(dev->fd, DRM_IOCTL_SYNCOBJ_HANDLE_TO_FD, &h);
	if (ret)
		return ret;
	ret = npu_ioctl(h.fd, SYNC_IOC_FILE_INFO, &info);
	close(h.fd);

	return ret ? ret : info.status;
}

/**
 * npu_syncobj_export() - a file descriptor for a syncobj
 * @dev: the device
 * @handle: the syncobj
 * @fd: the new file descriptor
 *
 * Return: 0 or a negative errno.
 */
int npu_syncobj_export(struct npu_dev *dev, uint32_t handle, int *fd)
{
	struct drm_syncobj_handle h = { .handle = handle, .fd = -1 };
	int ret;

	ret = npu_ioctl(dev->fd, DRM_IOCTL_SYNCOBJ_HANDLE_TO_FD, &h);
	if (!ret)
		*fd = h.fd;

	return ret;
}

/**
 * npu_syncobj_import() - a handle for a syncobj file descriptor
 * @dev: the device
 * @fd: from npu_syncobj_export(), maybe in another process
 * @handle: the new handle
 *
 * Return: 0 or a negative errno.
 */
int npu_syncobj_import(struct npu_dev *dev, int fd, uint32_t *handle)
{
	struct drm_syncobj_handle h = { .fd = fd };
	int ret;

	ret = npu_ioctl(dev->fd, DRM_IOCTL_SYNCOBJ_FD_TO_HANDLE, &h);
	if (!ret)
		*handle = h.handle;

	return ret;
}

/**
 * npu_prime_export() - export a buffer object as a dma-buf
 * @buf: the buffer object
 * @fd: the dma-buf file descriptor
 *
 * Return: 0 or a negative errno.
 */
int npu_prime_export(struct npu_buf *buf, int *fd)
{
	struct drm_prime_handle p = {
		.handle = buf->handle,
		.flags = DRM_CLOEXEC | DRM_RDWR,
		.fd = -1,
	};
	int ret;

	ret = npu_ioctl(buf->dev->fd, DRM_IOCTL_PRIME_HANDLE_TO_FD, &p);
	if (!ret)
		*fd = p.fd;

	return ret;
}

/**
 * npu_prime_import() - import a dma-buf and map it through the device
 * @dev: the device
 * @fd: the dma-buf
 * @size: its size
 * @buf: filled in
 *
 * Return: 0 or a negative errno.
 */
int npu_prime_import(struct npu_dev *dev, int fd, size_t size,
		     struct npu_buf *buf)
{
	struct drm_prime_handle p = { .fd = fd };
	int ret;

	memset(buf, 0, sizeof(*buf));
	ret = npu_ioctl(dev->fd, DRM_IOCTL_PRIME_FD_TO_HANDLE, &p);
	if (ret)
		return ret;
	buf->dev = dev;
	buf->handle = p.handle;
	buf->size = size;
	ret = npu_buf_map(buf);
	if (ret) {
		npu_gem_close(dev, buf->handle);
		memset(buf, 0, sizeof(*buf));
	}

	return ret;
}

/**
 * npu_state() - a figure of the driver's debugfs "state" file
 * @key: its name: files, jobs, bos, bo_bytes, core<N>_jobs, core<N>_resets
 *	or wedged
 *
 * The file is the npu driver's, in its accel debugfs folder.
 *
 * Return: the figure, or a negative errno.
 */
long npu_state(const char *key)
{
	char name[64];
	long val, ret = -ENOENT;
	glob_t g;
	FILE *f;

	if (glob("/sys/kernel/debug/accel/*/state", 0, NULL, &g))
		return -ENODEV;
	f = fopen(g.gl_pathv[0], "r");
	globfree(&g);
	if (!f)
		return -errno;
	while (fscanf(f, "%63s %ld", name, &val) == 2) {
		if (!strcmp(name, key)) {
			ret = val;
			break;
		}
	}
	fclose(f);

	return ret;
}

/**
 * npu_state_idle() - what the driver holds once no job is left
 * @files: its open files
 * @bos: its buffer objects
 * @bytes: their bytes
 *
 * Jobs of closed files may still run, and hold buffer objects until they
 * are freed; this waits up to 5 s for the last job to go, so that the
 * figures are a baseline that closing files brings back.
 *
 * Return: 0, -EBUSY if jobs remain, or a negative errno.
 */
int npu_state_idle(long *files, long *bos, long *bytes)
{
	int i;

	for (i = 0; i < 500 && npu_state("jobs") > 0; i++)
		usleep(10 * 1000);
	if (npu_state("jobs") != 0)
		return -EBUSY;
	*files = npu_state("files");
	*bos = npu_state("bos");
	*bytes = npu_state("bo_bytes");

	return *files < 0 || *bos < 0 || *bytes < 0 ? -ENODEV : 0;
}

/* The simulated NPU's debugfs knobs */

static const char *const npu_sim_knob_names[] = {
	[NPU_SIM_INJECT] = "inject",
	[NPU_SIM_CMD_DELAY_US] = "cmd_delay_us",
	[NPU_SIM_SLOW_US] = "slow_us",
};

static int npu_sim_path(char *path, size_t len, int core, const char *file)
{
	int n = snprintf(path, len, NPU_SIM_DEBUGFS "/core%d/%s", core, file);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/**
 * npu_sim_cores() - how many cores the simulated NPU has
 *
 * Return: the count, or a negative errno without a simulated NPU (or
 * without debugfs).
 */
int npu_sim_cores(void)
{
	char path[128];
	int n;

	for (n = 0; n < 64; n++) {
		if (npu_sim_path(path, sizeof(path), n, "stats") ||
		    access(path, R_OK))
			break;
	}

	return n ? n : -ENODEV;
}

/**
 * npu_sim_set() - set a knob of one simulated core
 * @core: the core
 * @knob: the knob
 * @val: the value
 *
 * Return: 0 or a negative errno.
 */
int npu_sim_set(int core, enum npu_sim_knob knob, unsigned long val)
{
	char path[128];
	FILE *f;
	int ret;

	ret = npu_sim_path(path, sizeof(path), core, npu_sim_knob_names[knob]);
	if (ret)
		return ret;
	f = fopen(path, "w");
	if (!f)
		return -errno;
	ret = fprintf(f, "%lu\n", val) < 0 ? -EIO : 0;
	if (fclose(f) && !ret)
		ret = -errno;

	return ret;
}

/**
 * npu_sim_set_all() - set a knob of every simulated core
 * @knob: the knob
 * @val: the value
 *
 * Return: 0 or the first negative errno.
 */
int npu_sim_set_all(enum npu_sim_knob knob, unsigned long val)
{
	int n = npu_sim_cores(), i, ret;

	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		ret = npu_sim_set(i, knob, val);
		if (ret)
			return ret;
	}

	return 0;
}

/**
 * npu_sim_get() - read a knob of one simulated core
 * @core: the core
 * @knob: the knob
 *
 * Return: its value, or a negative errno.
 */
long npu_sim_get(int core, enum npu_sim_knob knob)
{
	char path[128];
	long val;
	FILE *f;
	int ret;

	ret = npu_sim_path(path, sizeof(path), core, npu_sim_knob_names[knob]);
	if (ret)
		return ret;
	f = fopen(path, "r");
	if (!f)
		return -errno;
	ret = fscanf(f, "%ld", &val);
	fclose(f);

	return ret == 1 ? val : -EIO;
}

/**
 * npu_sim_stats() - a simulated core's counters
 * @core: the core
 * @st: filled in
 *
 * Return: 0 or a negative errno.
 */
int npu_sim_stats(int core, struct npu_sim_stats *st)
{
	char path[128], key[32];
	unsigned long long v;
	FILE *f;
	int ret;

	memset(st, 0, sizeof(*st));
	ret = npu_sim_path(path, sizeof(path), core, "stats");
	if (ret)
		return ret;
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while (fscanf(f, "%31s %llu", key, &v) == 2) {
		if (!strcmp(key, "started"))
			st->started = v;
		else if (!strcmp(key, "stopped"))
			st->stopped = v;
		else if (!strcmp(key, "bus_faults"))
			st->bus_faults = v;
		else if (!strcmp(key, "parse_errors"))
			st->parse_errors = v;
		else if (!strcmp(key, "resets"))
			st->resets = v;
		else if (!strcmp(key, "irqs"))
			st->irqs = v;
	}
	fclose(f);

	return 0;
}

/**
 * npu_sim_stats_sum() - the counters of all simulated cores, added up
 * @st: filled in
 *
 * Return: 0 or a negative errno.
 */
int npu_sim_stats_sum(struct npu_sim_stats *st)
{
	struct npu_sim_stats one;
	int n = npu_sim_cores(), i, ret;

	memset(st, 0, sizeof(*st));
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		ret = npu_sim_stats(i, &one);
		if (ret)
			return ret;
		st->started += one.started;
		st->stopped += one.stopped;
		st->bus_faults += one.bus_faults;
		st->parse_errors += one.parse_errors;
		st->resets += one.resets;
		st->irqs += one.irqs;
	}

	return 0;
}

// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * npu_bench: submit-to-completion latency and throughput of empty command
 * streams (a lone STOP) from userspace, through the npu driver and
 * drm_dep, for a number of clients at once. Each client has its own file
 * and runs a closed loop: SUBMIT_SYNCOBJ with an out-syncobj, then a wait
 * on it. Compare with the kernel-side floor of the suite npu_sim_floor,
 * which writes the same stream to a simulated core's registers directly.
 *
 *   npu_bench [-c CLIENTS] [-n SUBMISSIONS PER CLIENT]
 *
 * Prints one line: "npu_bench: clients=C jobs=N p50_us=.. p99_us=..
 * jobs_per_s=..", latencies over every submission of every client.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libnpu.h"
#include "npu_enc.h"

#define WAIT_NS		(10 * 1000000000LL)

struct bench_log {
	int64_t start, end;
	int error;
	unsigned int done;
	int64_t lat[];
};

static int bench_client(struct bench_log *log, unsigned int n)
{
	struct drm_ethosu_job job;
	struct npu_dev dev;
	struct npu_enc e;
	uint32_t cmd, out;
	unsigned int i;
	int64_t t0;

	log->error = npu_open(&dev, NULL);
	if (log->error)
		return 1;
	npu_enc_init(&e);
	npu_enc_stop(&e);
	log->error = e.err ? -ENOMEM : npu_cmd_create(&dev, e.w, e.n, &cmd);
	npu_enc_free(&e);
	if (!log->error)
		log->error = npu_syncobj_create(&dev, false, &out);
	if (log->error)
		return 1;
	npu_job_init(&job, cmd);
	log->start = npu_now_ns();
	for (i = 0; i < n; i++) {
		t0 = npu_now_ns();
		log->error = npu_submit_sync(&dev, &job, 1, NULL, 0, out, 0);
		if (!log->error)
			log->error = npu_syncobj_wait(&dev, out, 0, WAIT_NS);
		if (log->error)
			return 1;
		log->lat[log->done++] = npu_now_ns() - t0;
	}
	log->end = npu_now_ns();
	npu_close(&dev);

	return 0;
}

int main(int argc, char **argv)
{
	unsigned int clients = 1, n = 1000, i, j, total = 0;
	int64_t from = INT64_MAX, to = 0, *all;
	size_t slot;
	uint8_t *shm;
	pid_t *pid;
	int status, failed = 0;

	if (npu_load_args(argc, argv, &clients, &n)) {
		fprintf(stderr, "usage: %s [-c CLIENTS] [-n JOBS]\n", argv[0]);
		return 2;
	}
	slot = sizeof(struct bench_log) + n * sizeof(int64_t);
	shm = mmap(NULL, slot * clients, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid = calloc(clients, sizeof(*pid));
	all = calloc((size_t)clients * n, sizeof(*all));
	if (shm == MAP_FAILED || !pid || !all) {
		printf("npu_bench: out of memory\n");
		return 1;
	}
	for (i = 0; i < clients; i++) {
		pid[i] = fork();
		if (!pid[i])
			_exit(bench_client((void *)(shm + i * slot), n));
	}
	for (i = 0; i < clients; i++) {
		struct bench_log *log = (void *)(shm + i * slot);

		waitpid(pid[i], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			printf("npu_bench: client %u failed: %d\n", i,
			       log->error);
			failed = 1;
			continue;
		}
		from = log->start < from ? log->start : from;
		to = log->end > to ? log->end : to;
		for (j = 0; j < log->done; j++)
			all[total++] = log->lat[j];
	}
	if (failed || !total)
		return 1;
	npu_sort_ns(all, total);
	printf("npu_bench: clients=%u jobs=%u p50_us=%.1f p99_us=%.1f jobs_per_s=%.0f\n",
	       clients, total, all[(total - 1) / 2] / 1e3,
	       all[(total - 1) * 99 / 100] / 1e3, total / ((to - from) / 1e9));

	return 0;
}

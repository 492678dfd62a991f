// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * npu_demo: the NPU serving a small int8 network to several clients at
 * once, a hang detected and recovered, and a client killed mid-flight,
 * told in a few lines. Run in the guest by make demo (tools/demo.sh).
 *
 *   npu_demo [-c CLIENTS] [-n INFERENCES]
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libnpu.h"
#include "npu_net.h"

#define WAIT_NS		(10 * 1000000000LL)
#define MAX_CORES	8

static int failures;

static void check(bool ok, const char *what)
{
	if (!ok) {
		failures++;
		printf("   FAILED: %s\n", what);
	}
}

struct client_log {
	unsigned int done, correct;
	int error;
	int64_t lat[];
};

static double pct_ms(int64_t *v, unsigned int n, unsigned int pct)
{
	if (!n)
		return 0;

	return v[(n - 1) * pct / 100] / 1e6;
}

/* One client: its own file, its own network, n fresh inputs. */
static int client(struct client_log *log, unsigned int id, unsigned int n)
{
	struct drm_ethosu_job job;
	struct npu_dev dev;
	struct npu_net net;
	unsigned int i;
	int64_t t0;

	log->error = npu_open(&dev, NULL);
	if (!log->error)
		log->error = npu_net_init(&dev, &net, 1000 + id);
	if (log->error)
		return 1;
	npu_net_job(&net, &job);
	for (i = 0; i < n; i++) {
		npu_net_input(&net, id * 100000 + i);
		t0 = npu_now_ns();
		log->error = npu_submit(&dev, &job, 1);
		if (!log->error)
			log->error = npu_buf_wait(&net.out, WAIT_NS);
		if (log->error)
			return 1;
		log->lat[log->done++] = npu_now_ns() - t0;
		log->correct += npu_net_mismatch(&net) < 0;
	}
	npu_net_fini(&net);
	npu_close(&dev);

	return 0;
}

static void demo_serve(unsigned int clients, unsigned int n)
{
	size_t slot = sizeof(struct client_log) + n * sizeof(int64_t);
	struct npu_sim_stats before[MAX_CORES], after[MAX_CORES];
	int cores = npu_sim_cores(), c, status;
	unsigned int i, total = 0;
	int64_t t0, t1;
	pid_t *pid;
	uint8_t *shm;

	printf("1. %u clients, each with its own file (so its own drm_dep queue),\n"
	       "   run the network %u times on fresh inputs; every output byte\n"
	       "   is compared with the CPU's result.\n", clients, n);
	shm = mmap(NULL, slot * clients, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid = calloc(clients, sizeof(*pid));
	if (shm == MAP_FAILED || !pid) {
		check(false, "memory for the clients");
		return;
	}
	for (c = 0; c < cores && c < MAX_CORES; c++)
		npu_sim_stats(c, &before[c]);
	t0 = npu_now_ns();
	for (i = 0; i < clients; i++) {
		pid[i] = fork();
		if (!pid[i])
			_exit(client((void *)(shm + i * slot), i, n));
	}
	for (i = 0; i < clients; i++)
		waitpid(pid[i], &status, 0);
	t1 = npu_now_ns();
	for (i = 0; i < clients; i++) {
		struct client_log *log = (void *)(shm + i * slot);

		npu_sort_ns(log->lat, log->done);
		printf("   client %u: %u/%u outputs correct, latency p50 %.2f ms, p99 %.2f ms\n",
		       i + 1, log->correct, n, pct_ms(log->lat, log->done, 50),
		       pct_ms(log->lat, log->done, 99));
		check(log->correct == n && !log->error, "client's results");
		total += log->done;
	}
	for (c = 0; c < cores && c < MAX_CORES; c++) {
		uint64_t jobs;

		npu_sim_stats(c, &after[c]);
		jobs = after[c].stopped - before[c].stopped;
		printf("   core %d: %llu inferences, %.0f/s\n", c,
		       (unsigned long long)jobs, jobs / ((t1 - t0) / 1e9));
	}
	printf("   all cores: %u inferences in %.2f s, %.0f/s\n", total,
	       (t1 - t0) / 1e9, total / ((t1 - t0) / 1e9));
	munmap(shm, slot * clients);
	free(pid);
}

static void demo_hang(void)
{
	struct npu_sim_stats s0, s1;
	struct drm_ethosu_job job;
	struct npu_dev dev;
	struct npu_net net;
	uint32_t out;
	int64_t t0, t1;
	int st;

	printf("2. A hang: the next stream stops the core dead\n"
	       "   (the simulated NPU's \"inject\" knob).\n");
	if (npu_open(&dev, NULL) || npu_net_init(&dev, &net, 7) ||
	    npu_syncobj_create(&dev, false, &out)) {
		check(false, "setup");
		return;
	}
	npu_net_job(&net, &job);
	npu_sim_stats_sum(&s0);
	npu_sim_set_all(NPU_SIM_INJECT, NPU_SIM_HANG);
	t0 = npu_now_ns();
	check(!npu_submit_sync(&dev, &job, 1, NULL, 0, out, 0), "submit");
	check(!npu_syncobj_wait(&dev, out, 0, WAIT_NS), "wait");
	t1 = npu_now_ns();
	npu_sim_set_all(NPU_SIM_INJECT, NPU_SIM_NONE);
	npu_sim_stats_sum(&s1);
	st = npu_syncobj_status(&dev, out, 0);
	printf("   the driver's timeout (200 ms) found the core stuck, reset it after %.0f ms;\n"
	       "   the inference's fence carries %d (-%s), %llu core reset(s).\n",
	       (t1 - t0) / 1e6, st, st < 0 ? strerrorname_np(-st) : "none",
	       (unsigned long long)(s1.resets - s0.resets));
	check(st == -ETIMEDOUT, "the fence's error");
	npu_net_input(&net, 8);
	check(!npu_submit(&dev, &job, 1) &&
	      !npu_buf_wait(&net.out, WAIT_NS) && npu_net_mismatch(&net) < 0,
	      "the next inference");
	printf("   the next inference on the same file: %s.\n",
	       npu_net_mismatch(&net) < 0 ? "correct" : "WRONG");
	npu_syncobj_destroy(&dev, out);
	npu_net_fini(&net);
	npu_close(&dev);
}

static void demo_kill(void)
{
	struct npu_sim_stats s0, s1;
	struct drm_ethosu_job job;
	struct npu_dev dev;
	struct npu_net net;
	int sv[2], status;
	long before;
	pid_t pid;
	char ok;

	printf("3. A client queues 16 slow inferences (1 ms per command)\n"
	       "   and is killed while one runs.\n");
	if (npu_open(&dev, NULL) || npu_net_init(&dev, &net, 9) || pipe(sv)) {
		check(false, "setup");
		return;
	}
	before = npu_state("files");
	npu_sim_stats_sum(&s0);
	npu_sim_set_all(NPU_SIM_CMD_DELAY_US, 1000);
	pid = fork();
	if (!pid) {
		struct npu_dev kdev;
		struct npu_net knet;
		int i;

		if (npu_open(&kdev, NULL) || npu_net_init(&kdev, &knet, 3))
			_exit(1);
		npu_net_job(&knet, &job);
		for (i = 0; i < 16; i++)
			if (npu_submit(&kdev, &job, 1))
				_exit(1);
		if (write(sv[1], "q", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	check(read(sv[0], &ok, 1) == 1, "the child queued");
	usleep(30 * 1000);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	npu_sim_set_all(NPU_SIM_CMD_DELAY_US, 0);
	npu_net_job(&net, &job);
	npu_net_input(&net, 10);
	check(!npu_submit(&dev, &job, 1) && !npu_buf_wait(&net.out, WAIT_NS),
	      "the survivor's inference");
	npu_sim_stats_sum(&s1);
	printf("   killed; %llu of its 16 inferences reached a core,\n"
	       "   the rest were dropped with its file; open files: %ld\n"
	       "   while it lived, %ld after; another client's inference: %s.\n",
	       (unsigned long long)(s1.started - s0.started - 1), before + 1,
	       npu_state("files"), npu_net_mismatch(&net) < 0 ? "correct" : "WRONG");
	check(npu_state("files") == before, "the killed client's file is released");
	check(npu_net_mismatch(&net) < 0, "the survivor's output");
	close(sv[0]);
	close(sv[1]);
	npu_net_fini(&net);
	npu_close(&dev);
}

int main(int argc, char **argv)
{
	unsigned int clients = 4, n = 250;
	struct npu_dev dev;
	int ret;

	if (npu_load_args(argc, argv, &clients, &n)) {
		fprintf(stderr, "usage: %s [-c CLIENTS] [-n JOBS]\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	ret = npu_open(&dev, NULL);
	if (ret) {
		printf("npu demo: cannot open %s: %s\n", NPU_DEFAULT_NODE,
		       strerror(-ret));
		return 1;
	}
	printf("npu demo: an Ethos-U65-class NPU (simulated, %d cores, arch %u.%u)\n"
	       "driven by the npu accel driver on drm_dep, from userspace\n"
	       "through %s. The workload: a small int8 network,\n"
	       "conv 3x3 (4 to 8 channels) -> max pool 2x2 -> add, as one\n"
	       "command stream.\n\n",
	       npu_sim_cores(), DRM_ETHOSU_ARCH_MAJOR(dev.info.id),
	       DRM_ETHOSU_ARCH_MINOR(dev.info.id), NPU_DEFAULT_NODE);
	npu_close(&dev);

	demo_serve(clients, n);
	demo_hang();
	demo_kill();
	printf("\nnpu demo: %s\n", failures ? "SOME CHECKS FAILED" :
	       "every check passed");

	return failures ? 1 : 0;
}

// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 *
 * npu_e2e: several processes at once. A client killed with jobs queued
 * and running, and many clients sharing the cores.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "npu_e2e.h"

/*
 * A client killed mid-flight: a child submits slow inferences until its
 * queue is deep, then is killed with SIGKILL while one runs. Its file and
 * everything it owned go away (the driver's debugfs state is back to
 * what it was), and another client, open all along, keeps working.
 */
static int e2e_kill_client(void)
{
	struct npu_sim_stats st0, st1;
	struct npu_dev dev;
	struct e2e_copy c;
	long files, bos, bytes;
	int sv[2], status;
	pid_t pid;
	char ok;

	E2E_OK(npu_open(&dev, NULL));
	E2E_OK(e2e_copy_init(&dev, &c, 4096));
	E2E_OK(npu_state_idle(&files, &bos, &bytes));
	E2E_CHECK(files >= 1 && bos >= 3 && bytes > 0, "%ld %ld %ld", files,
		  bos, bytes);
	E2E_OK(npu_sim_stats_sum(&st0));
	E2E_CHECK(!pipe(sv));
	E2E_OK(npu_sim_set_all(NPU_SIM_CMD_DELAY_US, 1000));

	pid = fork();
	E2E_CHECK(pid >= 0);
	if (!pid) {
		struct drm_ethosu_job job;
		struct npu_buf src, dst;
		struct npu_dev kdev;
		uint32_t cmd;
		int i;

		close(sv[0]);
		if (npu_open(&kdev, NULL) ||
		    npu_buf_create(&kdev, 4096, 0, &src) ||
		    npu_buf_create(&kdev, 4096, 0, &dst))
			_exit(2);
		if (e2e_slow_copy(&kdev, 20, 4096, &cmd))
			_exit(3);
		npu_job_init(&job, cmd);
		job.region_bo_handles[0] = src.handle;
		job.region_bo_handles[1] = dst.handle;
		/* 16 inferences of 40 commands, about 40 ms each. */
		for (i = 0; i < 16; i++)
			if (npu_submit(&kdev, &job, 1))
				_exit(4);
		if (write(sv[1], "q", 1) != 1)
			_exit(5);
		pause();
		_exit(0);
	}
	close(sv[1]);
	E2E_CHECK(read(sv[0], &ok, 1) == 1, "the child did not queue");
	close(sv[0]);
	usleep(20 * 1000);
	E2E_CHECK(npu_state("files") == files + 1);
	E2E_CHECK(npu_state("jobs") > 0, "no job in flight");
	kill(pid, SIGKILL);
	E2E_CHECK(waitpid(pid, &status, 0) == pid);
	E2E_CHECK(WIFSIGNALED(status), "child status %#x", status);

	/* Its file, jobs and buffer objects are gone. */
	E2E_OK(e2e_settled(files, bos, bytes));
	/* The other client is served, correctly. */
	E2E_OK(e2e_copy_run(&dev, &c, 9));
	E2E_OK(e2e_sim_clear());
	E2E_OK(npu_sim_stats_sum(&st1));
	/* Its running inference finished; the queued ones never started. */
	E2E_CHECK(st1.started - st0.started < 16 + 1, "%llu started",
		  (unsigned long long)(st1.started - st0.started));
	e2e_copy_fini(&c);
	npu_close(&dev);

	return e2e_device_works();
}

/* Completions a client records for the parent, in shared memory. */
struct e2e_client_log {
	int64_t start, end;
	int failed;
	uint32_t done;
	int64_t t[];
};

static int e2e_client(struct e2e_client_log *log, unsigned int id,
		      unsigned int rounds)
{
	struct npu_dev dev;
	struct e2e_copy c;
	unsigned int i;

	if (npu_open(&dev, NULL) || e2e_copy_init(&dev, &c, 4096))
		return 2;
	log->start = npu_now_ns();
	for (i = 0; i < rounds; i++) {
		int ret = e2e_copy_run(&dev, &c, (uint8_t)(id * 31 + i));

		if (ret) {
			printf("# client %u, round %u: %d (%s)\n", id, i, ret,
			       strerror(-ret));
			return 3;
		}
		log->t[log->done++] = npu_now_ns();
	}
	log->end = npu_now_ns();
	e2e_copy_fini(&c);
	npu_close(&dev);

	return 0;
}

/*
 * Many clients at once: 8 processes of 1000 submissions each (times the
 * scale), each checking every result. Over the time all of them were
 * running, each one's completions must be within a factor of two of the
 * mean: no client starves another.
 */
#define E2E_CLIENTS	8
#define E2E_SHARE_MIN	0.5
#define E2E_SHARE_MAX	1.5

static int e2e_many_clients(void)
{
	unsigned int rounds = 1000 * e2e_scale, i, j;
	size_t slot = sizeof(struct e2e_client_log) + rounds * sizeof(int64_t);
	int64_t from = 0, to = INT64_MAX;
	unsigned int in[E2E_CLIENTS];
	double mean = 0, lo, hi;
	pid_t pid[E2E_CLIENTS];
	uint8_t *shm;
	int status;

	shm = mmap(NULL, slot * E2E_CLIENTS, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	E2E_CHECK(shm != MAP_FAILED);
	for (i = 0; i < E2E_CLIENTS; i++) {
		pid[i] = fork();
		E2E_CHECK(pid[i] >= 0);
		if (!pid[i])
			_exit(e2e_client((void *)(shm + i * slot), i, rounds));
	}
	for (i = 0; i < E2E_CLIENTS; i++) {
		struct e2e_client_log *log = (void *)(shm + i * slot);

		E2E_CHECK(waitpid(pid[i], &status, 0) == pid[i]);
		E2E_CHECK(WIFEXITED(status) && !WEXITSTATUS(status),
			  "client %u: status %#x after %u rounds", i, status,
			  log->done);
		from = log->start > from ? log->start : from;
		to = log->end < to ? log->end : to;
	}
	E2E_CHECK(to > from, "the clients never ran together");
	for (i = 0; i < E2E_CLIENTS; i++) {
		struct e2e_client_log *log = (void *)(shm + i * slot);

		in[i] = 0;
		for (j = 0; j < log->done; j++)
			in[i] += log->t[j] >= from && log->t[j] <= to;
		mean += in[i];
	}
	mean /= E2E_CLIENTS;
	lo = in[0] / mean;
	hi = lo;
	for (i = 1; i < E2E_CLIENTS; i++) {
		lo = in[i] / mean < lo ? in[i] / mean : lo;
		hi = in[i] / mean > hi ? in[i] / mean : hi;
	}
	printf("# %u clients x %u submissions: %.0f ms together,\n",
	       E2E_CLIENTS, rounds, (to - from) / 1e6);
	printf("# shares %.2f to %.2f of the mean, %.0f jobs/s\n", lo, hi,
	       mean * E2E_CLIENTS / ((to - from) / 1e9));
	munmap(shm, slot * E2E_CLIENTS);
	E2E_CHECK(lo >= E2E_SHARE_MIN && hi <= E2E_SHARE_MAX,
		  "shares %.2f to %.2f, bound [%.1f, %.1f]", lo, hi,
		  E2E_SHARE_MIN, E2E_SHARE_MAX);

	return 0;
}

const struct e2e_case e2e_client_cases[] = {
	{ "kill_client", e2e_kill_client },
	{ "many_clients", e2e_many_clients },
};

const unsigned int e2e_client_count =
	ARRAY_SIZE(e2e_client_cases);

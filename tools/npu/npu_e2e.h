/* SPDX-License-Identifier: MIT */
/*
 * Copyright © 2026 The drm_dep authors
 *
 * End-to-end tests of the npu driver from userspace: shared helpers.
 */
#ifndef _NPU_E2E_H_
#define _NPU_E2E_H_

#include <stdio.h>

#include "libnpu.h"
#include "npu_enc.h"

/* The guest boots with npu.timeout_ms=200: a hung job ends well within. */
#define E2E_WAIT_NS		(10 * 1000000000LL)

/*
 * E2E_CHECK() fails the running case, with a message, if @cond is false;
 * E2E_OK() if a call returns a negative errno. Either ends the case: the
 * runner gets back control with longjmp(). Not for forked children.
 */
#define E2E_CHECK(cond, ...)						\
	((cond) ? (void)0 :						\
	 e2e_fail(__FILE__, __LINE__, #cond, "" __VA_ARGS__))
#define E2E_OK(call)	e2e_ok(__FILE__, __LINE__, #call, (call))

/**
 * struct e2e_case - one end-to-end test
 * @name: its name in the TAP output
 * @fn: the test; returns 0 if it passed
 */
struct e2e_case {
	const char *name;
	int (*fn)(void);
};

/**
 * struct e2e_copy - a job that copies region 0 to region 1 with DMA
 * @src: the source buffer object (region 0)
 * @dst: the destination buffer object (region 1)
 * @cmd: the command stream buffer object
 * @len: bytes copied
 */
struct e2e_copy {
	struct npu_buf src, dst;
	uint32_t cmd;
	size_t len;
};

extern int e2e_scale;

void e2e_fail(const char *file, int line, const char *what,
	      const char *fmt, ...);
void e2e_ok(const char *file, int line, const char *what, int ret);
int e2e_cmd(struct npu_dev *dev, struct npu_enc *e, uint32_t *handle);
int e2e_copy_init(struct npu_dev *dev, struct e2e_copy *c, size_t len);
void e2e_copy_fini(struct e2e_copy *c);
void e2e_copy_job(const struct e2e_copy *c, struct drm_ethosu_job *job);
int e2e_copy_run(struct npu_dev *dev, struct e2e_copy *c, uint8_t seed);
int e2e_slow_copy(struct npu_dev *dev, unsigned int ops, size_t len,
		  uint32_t *cmd);
int e2e_device_works(void);
int e2e_settled(long files, long bos, long bytes);
int e2e_sim_clear(void);

extern const struct e2e_case e2e_bad_cases[];
extern const unsigned int e2e_bad_count;
extern const struct e2e_case e2e_client_cases[];
extern const unsigned int e2e_client_count;

#endif /* _NPU_E2E_H_ */

/* SPDX-License-Identifier: MIT */
/*
 * Macro hints for spatch (--macro-file): block macros of the 6.12 drivers
 * that spatch cannot parse on its own and that hide drm_sched sites.
 */
#define scoped_guard(_name, ...) for (;;)
#define scoped_cond_guard(_name, _fail, ...) for (;;)
#define drm_exec_until_all_locked(exec) for (;;)

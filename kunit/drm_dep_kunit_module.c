// SPDX-License-Identifier: MIT
/*
 * Copyright © 2026 The drm_dep authors
 */

#include <linux/module.h>

MODULE_DESCRIPTION("KUnit suites for the DRM dependency job queue");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("Dual MIT/GPL");

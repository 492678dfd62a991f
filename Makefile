# SPDX-License-Identifier: MIT
#
# Kbuild part: used in-tree (linked into drivers/gpu/drm/dep/) and for
# out-of-tree builds with M=. The developer targets (demo, check, modules,
# bench) live in tools/dev.mk and are used when make runs in this folder.

ifneq ($(KERNELRELEASE),)

# Out of tree, our header is not in the kernel's include/drm/ yet.
ifneq ($(KBUILD_EXTMOD),)
ccflags-y += -I$(src)/include
endif

obj-$(CONFIG_DRM_DEP) += drm_dep.o
drm_dep-y := drm_dep_queue.o drm_dep_engine.o drm_dep_timeout.o drm_dep_job.o \
	     drm_dep_fence.o

obj-$(CONFIG_DRM_DEP_KUNIT_TEST) += kunit/
obj-$(CONFIG_DRM_DEP_BENCH) += bench/

# The conversion test: sched_client_dep/ is written by
# tools/sched-client-convert.sh, so only in-tree.
ifeq ($(KBUILD_EXTMOD),)
obj-$(CONFIG_DRM_DEP_SCHED_CLIENT_KUNIT_TEST) += kunit/sched_client/ \
						 sched_client_dep/
endif

else

include tools/dev.mk

endif

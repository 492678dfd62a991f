# SPDX-License-Identifier: MIT
#
# Developer targets, included by the root Makefile outside Kbuild:
#
#   make setup                 install packages, unpack and hook the tree
#   make check                 KUnit (UML, QEMU), checkpatch, kernel-doc,
#                              Sphinx (gpu book), sparse and W=1, and the
#                              out-of-tree module build
#   make modules [KDIR=dir]    build drm_dep.ko against a configured 6.12
#                              build dir (default: build/kmod, see below)
#   make clean-modules [KDIR=dir]
#   make demo                  the NPU guest serving several clients
#                              (tools/demo.sh)
#   make demo-core             the drm_dep core's demonstration on UML
#                              (tools/demo-core.sh)
#   make fuzz                  npu_fuzz in the QEMU guest for FUZZ_SECONDS
#                              (default 600), seed FUZZ_SEED
#   make bench                 drm_dep against drm_sched, and the NPU
#                              section (tools/bench.sh, tools/npu/bench.sh):
#                              prints the table, writes the results page
#   make convert               run the drm_sched -> drm_dep semantic patches
#                              on the ten drm_sched drivers (tools/convert.sh)

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.NOTPARALLEL:

REPO := $(CURDIR)
TREE := $(REPO)/build/linux-source-6.12
KMOD := $(REPO)/build/kmod
KDIR ?= $(KMOD)
KNPU := $(REPO)/build/kmod-npu
CHK := $(REPO)/build/check
NPROC := $(shell nproc)

# Our C sources: repo root, include/, kunit/ and drivers/; never build/.
SRCS = $(sort $(filter-out %.mod.c,$(wildcard *.[ch]) \
	$(shell find include kunit bench drivers tools/npu -name '*.[ch]' 2>/dev/null)))

CHECK_STEPS := checkpatch kernel-doc htmldocs cocci uml qemu e2e sparse modules

.PHONY: setup check demo demo-core fuzz bench convert modules clean-modules kmod knpu \
	$(addprefix check-,$(CHECK_STEPS))

setup:
	@bash tools/setup.sh

# Every step runs even if an earlier one failed; each writes
# build/check/<step>.result ("passed=N failed=N") and prints one line.
check: setup
	@rm -rf $(CHK)
	mkdir -p $(CHK)
	start=$$SECONDS
	$(MAKE) --no-print-directory -k $(addprefix check-,$(CHECK_STEPS)) || true
	echo "check: all steps in $$((SECONDS - start))s"
	cat $(CHK)/*.result | tr ' ' '\n' | awk -F= '
		{ s[$$1] += $$2 }
		END {
			printf "%d passed, %d failed\n", s["passed"], s["failed"]
			exit s["failed"] > 0
		}'

check-uml check-qemu: check-%:
	@echo failed=1 >$(CHK)/$*.result
	bash tools/kunit-lane.sh $* || true
	cp build/$*.result $(CHK)/$*.result 2>/dev/null || true

# $(call step-result,NAME,PROBLEMS,CLEAN-TEXT,FAIL-TEXT)
define step-result
	echo "$(1): $$( [ "$(2)" -eq 0 ] && echo "$(3)" || echo "$(4)") in $$((SECONDS - t))s"
	echo "passed=0 failed=$$( [ "$(2)" -eq 0 ] && echo 0 || echo 1)" >$(CHK)/$(1).result
endef

# The NPU from userspace in the guests booted from the lanes' kernels:
# end-to-end tests, a short fuzz pass and the fuzzer's self-check.
check-e2e:
	@echo failed=1 >$(CHK)/e2e.result
	bash tools/npu/e2e.sh || true
	cp build/e2e.result $(CHK)/e2e.result 2>/dev/null || true

# The tests of the semantic patches: input and expected output pairs,
# and that a second run changes nothing.
check-cocci:
	@echo failed=1 >$(CHK)/cocci.result
	bash tools/cocci-test.sh || true
	cp build/cocci.result $(CHK)/cocci.result 2>/dev/null || true

check-checkpatch:
	@echo failed=1 >$(CHK)/checkpatch.result
	t=$$SECONDS
	out=$$(perl $(TREE)/scripts/checkpatch.pl --strict --no-tree --terse \
		-f $(SRCS) 2>&1) || true
	n=$$(grep -cE '^[^ ]+:[0-9]+: (ERROR|WARNING|CHECK):' <<<"$$out" || true)
	[ "$$n" -eq 0 ] || grep -E '^[^ ]+:[0-9]+: ' <<<"$$out" | sed 's/^/  /'
	$(call step-result,checkpatch,$$n,clean ($(words $(SRCS)) files),$$n problems ($(words $(SRCS)) files))

check-kernel-doc:
	@echo failed=1 >$(CHK)/kernel-doc.result
	t=$$SECONDS
	out=$$(perl $(TREE)/scripts/kernel-doc -none $(SRCS) 2>&1) || true
	n=$$(grep -c . <<<"$$out" || true)
	[ "$$n" -eq 0 ] || sed 's/^/  /' <<<"$$out"
	$(call step-result,kernel-doc,$$n,clean ($(words $(SRCS)) files),$$n lines of output)

# Sphinx on the gpu and accel books, which hold our pages: any warning
# about them fails (the upstream pages of the 6.12 books have warnings of
# their own).
check-htmldocs:
	@echo failed=1 >$(CHK)/htmldocs.result
	t=$$SECONDS
	rc=0
	out=$$($(MAKE) --no-print-directory -C $(TREE) O=$(REPO)/build/docs \
		SPHINXDIRS="gpu accel" htmldocs 2>&1) || rc=$$?
	ours='drm-dep|drm_dep|accel/npu|ethosu_accel'
	n=$$(grep -E 'WARNING|ERROR|CRITICAL' <<<"$$out" | grep -cE "$$ours" || true)
	html=$(REPO)/build/docs/Documentation/output
	for f in gpu/drm-dep.html gpu/drm-dep-bench.html gpu/drm-dep-migration.html \
		accel/npu.html; do
		[ -s "$$html/$$f" ] || { echo "  missing $$f"; n=$$((n + 1)); }
	done
	[ "$$rc" -eq 0 ] || n=$$((n + 1))
	[ "$$n" -eq 0 ] || grep -E "$$ours|Error" <<<"$$out" | sed 's/^/  /'
	$(call step-result,htmldocs,$$n,our pages build without warnings,$$n problems (make rc=$$rc))

# Sparse and the compiler's W=1 warnings on our objects only, in the QEMU
# lane's kunit.py build dir (same ARCH and make variables as kunit.py, so
# nothing else gets rebuilt; W=1 changes the flags of our objects, so they
# are all compiled again here and any warning shows).
check-sparse:
	@echo failed=1 >$(CHK)/sparse.result
	t=$$SECONDS
	rc=0
	out=$$($(MAKE) --no-print-directory -C $(TREE) O=$(REPO)/build/qemu \
		ARCH=x86_64 C=2 W=1 -j$(NPROC) drivers/gpu/drm/dep/ \
		drivers/accel/npu/ 2>&1) || rc=$$?
	n=$$(grep -cE '(drivers/gpu/drm/dep/|drivers/accel/npu/|include/drm/drm_dep|ethosu_accel)[^:]*:[0-9]+:([0-9]+:)? (warning|error)' <<<"$$out" || true)
	files=$$(grep -c '^  CHECK ' <<<"$$out" || true)
	[ "$$rc" -eq 0 ] || n=$$((n + 1))
	[ "$$n" -eq 0 ] || grep -E '(warning|error|Error)' <<<"$$out" | sed 's/^/  /'
	$(call step-result,sparse,$$n,sparse and W=1 clean ($$files files),$$n problems (make rc=$$rc))

check-modules:
	@echo failed=1 >$(CHK)/modules.result
	t=$$SECONDS
	rc=0
	out=$$($(MAKE) --no-print-directory kmod modules KDIR=$(KMOD) 2>&1) || rc=$$?
	name=$$(PATH=$$PATH:/usr/sbin:/sbin modinfo -F name drm_dep.ko 2>/dev/null || true)
	[ "$$rc" -eq 0 ] && [ "$$name" = drm_dep ] || { rc=1; tail -n 30 <<<"$$out" | sed 's/^/  /'; }
	out=$$($(MAKE) --no-print-directory knpu 2>&1) || rc=1
	for m in gpu/drm/dep/drm_dep accel/npu/npu accel/npu/sim/npu_sim; do
		name=$$(PATH=$$PATH:/usr/sbin:/sbin modinfo -F name $(KNPU)/drivers/$$m.ko 2>/dev/null || true)
		[ "$$name" = "$${m##*/}" ] || { rc=1; echo "  $$m.ko missing"; }
	done
	[ "$$rc" -eq 0 ] || tail -n 30 <<<"$$out" | sed 's/^/  /'
	$(call step-result,modules,$$rc,drm_dep.ko built (KDIR=build/kmod); drm_dep npu npu_sim as modules (build/kmod-npu),build failed)

# A small x86_64 kernel with DRM=y to build the module against: modpost
# rejects a module exporting what vmlinux already exports, so the KUnit
# kernels (DRM_DEP=y) cannot serve as KDIR.
kmod: $(KMOD)/Module.symvers

$(KMOD)/.config:
	$(MAKE) -C $(TREE) O=$(KMOD) tinyconfig
	$(TREE)/scripts/config --file $@ -e 64BIT -e MODULES -e MODULE_UNLOAD -e DRM
	$(MAKE) -C $(TREE) O=$(KMOD) olddefconfig
	grep -q '^CONFIG_DRM=y' $@ || { echo "kmod: CONFIG_DRM=y did not stick"; rm -f $@; exit 1; }

$(KMOD)/Module.symvers: $(KMOD)/.config
	$(MAKE) -C $(TREE) O=$(KMOD) -j$(NPROC) vmlinux modules modules_prepare

# The NPU driver and the simulated NPU as modules, with drm_dep, built in
# the tree (they need helpers that build/kmod does not have).
knpu: $(KNPU)/.config
	$(MAKE) -C $(TREE) O=$(KNPU) -j$(NPROC) vmlinux modules

$(KNPU)/.config:
	$(MAKE) -C $(TREE) O=$(KNPU) tinyconfig
	$(TREE)/scripts/config --file $@ -e 64BIT -e MODULES -e MODULE_UNLOAD \
		-e PM -e DRM -e DRM_ACCEL -m DRM_ACCEL_NPU -m DRM_ACCEL_NPU_SIM
	$(MAKE) -C $(TREE) O=$(KNPU) olddefconfig
	grep -q '^CONFIG_DRM_ACCEL_NPU=m' $@ && grep -q '^CONFIG_DRM_ACCEL_NPU_SIM=m' $@ || \
		{ echo "knpu: the NPU modules did not stick"; rm -f $@; exit 1; }

modules:
	$(MAKE) -C $(KDIR) M=$(REPO) CONFIG_DRM_DEP=m modules

clean-modules:
	$(MAKE) -C $(KDIR) M=$(REPO) clean

demo:
	@bash tools/demo.sh

demo-core:
	@bash tools/demo-core.sh

# FUZZ_SECONDS (default 600) of npu_fuzz in the QEMU guest, seed FUZZ_SEED.
fuzz: setup
	@bash tools/npu/guest.sh qemu -t $$(( $${FUZZ_SECONDS:-600} + 600 )) \
		"npu_fuzz -s $${FUZZ_SEED:-1} -t $${FUZZ_SECONDS:-600} -v"; \
		rc=$$?; grep -v '^# [0-9]* iterations' build/guest-qemu.out; exit $$rc

bench:
	@bash tools/bench.sh

convert: setup
	@bash tools/convert.sh

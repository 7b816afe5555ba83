# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# kernel-patches/kernel.mk - our own linux-source-6.12 arm64 builds, for the top
# Makefile to include (after tests/e2e/e2e.mk):   include kernel-patches/kernel.mk
#
#   make kernel            stock 6.12, 4K pages (scripts/build-kernel; cached in
#                          $(MEMPLAN_CACHE)/kernel, ccache-backed: seconds when nothing
#                          changed, ~6-7 min cold on 2 cores)
#   make kernel-16k        the same with 16K / 64K pages (built on demand only)
#   make kernel-64k
#   make kernel-patched    with kernel-patches/6.12/series
#   make kernel-patches-check  fail if a patch of the series does not apply to
#                          linux-source-6.12 or checkpatch.pl --strict (from that tree) finds
#                          anything in it but the missing Signed-off-by and long quoted
#                          log lines in commit messages (needs the cached stock tree of
#                          scripts/build-kernel, which make check builds first)
#   make kernel-kunit      the series' KUnit suites: build the kunit variant and boot it
#                          in QEMU (tests/kunit/run.sh)
#   make kernel-e2e        boot the stock 4K build in QEMU: record + one full kdump cycle
#                          (tests/e2e/scenarios/k612-ck256m-2g.scn); run.sh builds the
#                          kernel itself when needed
#   make kernel-bench      the A/B boot measurement (scripts/kernel-bench): map_mem() time
#                          and page-table pages, stock vs patched, 4K and 16K, 8 GiB guests,
#                          KERNEL_BENCH_N boots each (default 5); table, text chart, SVG
#                          in build/kernel-bench/ (host-timed TCG) and
#                          build/kernel-bench-icount/ (QEMU -icount: instruction counts).
#                          A benchmark, never part of make check.
# Variables: KERNEL_E2E_SCENARIOS (the scenarios kernel-e2e runs), E2E_OUT (from e2e.mk).

KERNEL_BUILD := scripts/build-kernel
KERNEL_E2E_SCENARIOS ?= tests/e2e/scenarios/k612-ck256m-2g.scn

kernel:
	@$(KERNEL_BUILD) --page-size 4k

kernel-16k:
	@$(KERNEL_BUILD) --page-size 16k

kernel-64k:
	@$(KERNEL_BUILD) --page-size 64k

kernel-patched:
	@$(KERNEL_BUILD) --page-size 4k --patches kernel-patches/6.12

KERNEL_STOCK_SRC ?= $(or $(MEMPLAN_CACHE),/var/cache/memplan)/kernel/src/stock

kernel-patches-check:
	@scripts/check-patches

kernel-kunit:
	@tests/kunit/run.sh

KERNEL_BENCH_N ?= 5

kernel-bench: all
	scripts/kernel-bench -n $(KERNEL_BENCH_N) --out $(BUILD)/kernel-bench
	scripts/kernel-bench -n $(KERNEL_BENCH_N) --icount --out $(BUILD)/kernel-bench-icount

kernel-e2e: kernel
	E2E_OUT=$(E2E_OUT) tests/e2e/run.sh $(KERNEL_E2E_SCENARIOS)

.PHONY: kernel kernel-16k kernel-64k kernel-patched kernel-e2e kernel-patches-check kernel-kunit \
	kernel-bench

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
#   make kernel-patches    regenerate kernel-patches/6.12/0001-lib-add-the-memplan-planner-core.patch
#                          from planner/core + kernel-patches/glue/0001 (scripts/gen-kernel-patches)
#   make kernel-patches-check  fail if that patch is stale (planner/core or the glue changed
#                          without `make kernel-patches`) or a patch of the series does not apply
#                          to linux-source-6.12 (the apply check needs the cached stock tree
#                          of scripts/build-kernel and is skipped without it)
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

kernel-patches:
	@scripts/gen-kernel-patches

kernel-patches-check:
	@scripts/gen-kernel-patches --check
	@if [ -d $(KERNEL_STOCK_SRC)/lib ]; then \
		tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
		grep -v '^[[:space:]]*\(#\|$$\)' kernel-patches/6.12/series | while read -r p; do \
			for f in $$(lsdiff --strip=1 kernel-patches/6.12/$$p 2>/dev/null || \
				    sed -n 's|^+++ b/||p' kernel-patches/6.12/$$p); do \
				[ -e $$tmp/$$f ] || { [ -e $(KERNEL_STOCK_SRC)/$$f ] && \
				mkdir -p $$tmp/$$(dirname $$f) && cp $(KERNEL_STOCK_SRC)/$$f $$tmp/$$f; } || true; \
			done; \
			patch -d $$tmp -p1 --forward --batch --quiet <kernel-patches/6.12/$$p || \
				{ echo "kernel-patches-check: $$p does not apply" >&2; exit 1; }; \
		done; \
	else echo "kernel-patches-check: no $(KERNEL_STOCK_SRC): apply check skipped"; fi
	@echo "kernel-patches-check: ok"

KERNEL_BENCH_N ?= 5

kernel-bench: all
	scripts/kernel-bench -n $(KERNEL_BENCH_N) --out $(BUILD)/kernel-bench
	scripts/kernel-bench -n $(KERNEL_BENCH_N) --icount --out $(BUILD)/kernel-bench-icount

kernel-e2e: kernel
	E2E_OUT=$(E2E_OUT) tests/e2e/run.sh $(KERNEL_E2E_SCENARIOS)

.PHONY: kernel kernel-16k kernel-64k kernel-patched kernel-e2e kernel-patches kernel-patches-check \
	kernel-bench

# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# memplan - the two set-up commands are `make demo` and `make check`.
#
#   make            build build/memplan (and the sanitizer build used by tests)
#   make demo       install what is missing, build, plan a bundled DT and print it
#   make check      install what is missing, build, run every test
#   make install    install build/memplan, its man page and bash completion under
#                   $(DESTDIR)$(PREFIX) (PREFIX=/usr/local); make uninstall removes them
#   make bench      benchmarks (never timed tests)
#   make fuzz-smoke short libFuzzer runs of every parser, replaying the past crashes
#   make fuzz-long  each libFuzzer target FUZZ_LONG_SECONDS (1800) on one core; the CPU time
#                   goes to tests/fuzz/ledger.tsv and the table of docs/fuzzing.md
#   make e2e        every QEMU scenario (slow)
#   make audit      lint and plan every upstream arm64 DTB of Linux 6.12, refresh docs/upstream-audit.md
#   make fidelity   memplan verify over every recorded boot of tests/e2e/corpus, 6.1,
#                   6.12, patched 6.12 (memplan-6.12) and Debian's distribution 6.12 (4K,
#                   16K, 4K with LPA2) (no QEMU)
#   make fidelity-refresh  re-record the corpus boots of every kernel in QEMU (slow; builds
#                   our stock and patched 6.12 kernels with scripts/build-kernel first,
#                   cached; fetches Debian's 6.12 with scripts/guest-fetch-612.sh)

CC ?= gcc
BUILD := build
WARN := -std=gnu11 -Wall -Wextra -Wmissing-prototypes -Werror
CFLAGS_REL := $(WARN) -O2 -g
CFLAGS_SAN := $(WARN) -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

.DEFAULT_GOAL := all

include planner/bootrec/bootrec.mk
include planner/cli/cli.mk
include tests/e2e/e2e.mk
include kernel-patches/kernel.mk

CORE_SRCS := $(sort $(wildcard planner/core/*.c))
CORE_HDRS := $(wildcard planner/core/*.h)
CLI_HDRS := $(wildcard planner/cli/*.h) $(BOOTREC_HDRS)
ALL_SRCS := $(CORE_SRCS) $(CLI_SRCS)

MEMPLAN := $(BUILD)/memplan
MEMPLAN_SAN := $(BUILD)/memplan-san

.PHONY: all demo check check-model deps deps-build deps-test bench fuzz-smoke fuzz-long e2e clean unit golden \
	badinput format fidelity fidelity-refresh audit install uninstall

all: $(MEMPLAN) $(MEMPLAN_SAN)

# Debian packages (scripts/deps.sh): "build" is all that building and using memplan
# needs (make, make install, make demo); make check's tests use every group
deps:
	@scripts/deps.sh build test e2e kernel

deps-build:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh build test

$(BUILD):
	mkdir -p $@

$(MEMPLAN): $(ALL_SRCS) $(CORE_HDRS) $(CLI_HDRS) | $(BUILD)
	$(CC) $(CFLAGS_REL) $(CLI_CPPFLAGS) -o $@ $(ALL_SRCS) $(CLI_LDLIBS)

$(MEMPLAN_SAN): $(ALL_SRCS) $(CORE_HDRS) $(CLI_HDRS) | $(BUILD)
	$(CC) $(CFLAGS_SAN) $(CLI_CPPFLAGS) -o $@ $(ALL_SRCS) $(CLI_LDLIBS)

demo: deps-build $(MEMPLAN)
	$(MEMPLAN) plan --dts dts/rpi4-like.dts --kernel linux-6.12 --format text

# ---- install ------------------------------------------------------------------
# the release build only (no sanitizer build, no tests, no package installation)
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
COMPLETION := scripts/completion/memplan.bash

install: $(MEMPLAN)
	install -D -m 0755 $(MEMPLAN) $(DESTDIR)$(BINDIR)/memplan
	install -D -m 0644 $(CLI_MAN) $(DESTDIR)$(MANDIR)/man1/memplan.1
	install -D -m 0644 $(COMPLETION) $(DESTDIR)$(BASHCOMPDIR)/memplan

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/memplan $(DESTDIR)$(MANDIR)/man1/memplan.1 \
		$(DESTDIR)$(BASHCOMPDIR)/memplan

# ---- tests ------------------------------------------------------------------
UNIT_CORE_TESTS := $(sort $(wildcard tests/unit/test_core_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_CORE_TESTS) $(CLI_TESTS)) \
	$(BUILD)/tests/test_bootrec

UNIT_BINS += $(BUILD)/tests/test_ptdump

$(BUILD)/tests/test_ptdump: tests/unit/test_ptdump.c tests/unit/data/ptdump-4k-rodata-on.txt \
		tests/unit/testdata.h \
		planner/bootrec/ptdump.c planner/bootrec/ptdump.h planner/core/arm64.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -Iplanner/core $(BOOTREC_CPPFLAGS) -Itests/unit -o $@ $< \
		planner/bootrec/ptdump.c planner/core/arm64.c

$(BUILD)/tests/test_bootrec: tests/unit/test_bootrec.c planner/bootrec/bootrec.c \
		planner/bootrec/bootrec.h planner/core/hexdigit.h tests/unit/tap.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) $(BOOTREC_CPPFLAGS) -Itests/unit -o $@ $< planner/bootrec/bootrec.c

$(BUILD)/tests/test_core_%: tests/unit/test_core_%.c $(CORE_SRCS) $(CORE_HDRS) tests/unit/tap.h \
		tests/unit/plan_fixture.h tests/unit/crash_fixture.h tests/unit/testdata.h \
		tests/unit/le_bytes.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -Iplanner/core -Itests/unit -o $@ $< $(CORE_SRCS) -lfdt

$(BUILD)/tests/test_cli_%: tests/unit/test_cli_%.c $(CORE_SRCS) $(CLI_LIB_SRCS) $(CORE_HDRS) $(CLI_HDRS) \
		tests/unit/tap.h tests/unit/testdata.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) $(CLI_CPPFLAGS) -Itests/unit -o $@ $< $(CLI_LIB_SRCS) $(CORE_SRCS) \
		$(CLI_LDLIBS) $(CLI_TEST_LDLIBS)

$(BUILD)/expect-check: tests/golden/expect-check.c | $(BUILD)
	$(CC) $(CFLAGS_SAN) -o $@ $< -ljansson

# tests/btf: the struct sizes memplan's BTF reader finds in a file
$(BUILD)/btf-sizes: tests/unit/btf_sizes.c planner/cli/btf_file.c planner/cli/util.c \
		$(CORE_SRCS) $(CORE_HDRS) $(CLI_HDRS) | $(BUILD)
	$(CC) $(CFLAGS_SAN) $(CLI_CPPFLAGS) -o $@ $< planner/cli/btf_file.c planner/cli/util.c \
		$(CORE_SRCS) $(CLI_LDLIBS)

check: deps all $(UNIT_BINS) $(BUILD)/expect-check $(BUILD)/btf-sizes
	@E2E_OUT=$(E2E_OUT) E2E_CHECK_SCENARIOS="$(E2E_CHECK_SCENARIOS)" \
		E2E_CHECK_UBOOT_SCENARIOS="$(E2E_CHECK_UBOOT_SCENARIOS)" \
		E2E_CHECK_LIVE_SCENARIOS="$(E2E_CHECK_LIVE_SCENARIOS)" \
		E2E_CHECK_RECORD_SCENARIOS="$(E2E_CHECK_RECORD_SCENARIOS)" \
		E2E_CHECK_XEN_SCENARIOS="$(E2E_CHECK_XEN_SCENARIOS)" \
		scripts/run-tests.sh $(UNIT_BINS)

# the suites that need no QEMU and no kernel tree (a quick loop for model work)
check-model: deps-test all $(UNIT_BINS) $(BUILD)/expect-check
	@CHECK_MODEL_ONLY=1 scripts/run-tests.sh $(UNIT_BINS)

# the fidelity corpus: real 6.1 and 6.12 boots vs memplan verify (tests/e2e/corpus/fidelity.sh)
fidelity: $(MEMPLAN)
	@MEMPLAN=$(MEMPLAN) tests/e2e/corpus/fidelity.sh run

fidelity-refresh: deps
	tests/e2e/corpus/fidelity.sh refresh

audit: $(MEMPLAN) $(MEMPLAN_SAN)
	@MEMPLAN=$(MEMPLAN) MEMPLAN_SAN=$(MEMPLAN_SAN) scripts/audit.sh

bench: deps-test $(MEMPLAN)
	@bench/run.sh

fuzz-smoke: deps-test
	@tests/fuzz/run.sh smoke

fuzz-long: deps-test
	@FUZZ_LONG_SECONDS=$(FUZZ_LONG_SECONDS) tests/fuzz/run.sh long

clean:
	rm -rf $(BUILD)

format:
	clang-format -i planner/core/*.[ch] planner/cli/*.[ch] planner/bootrec/*.[ch]

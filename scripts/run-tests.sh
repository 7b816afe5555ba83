#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# run-tests.sh - run every test suite of `make check` and print one closing
# line "N passed, N failed" summed over the suites.  Each suite is a program
# or script whose last line is its own "N passed, N failed".
# Usage: scripts/run-tests.sh UNIT_BINARY...
set -u
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_suite() {
	name=$1
	shift
	printf '== %s\n' "$name"
	"$@" >"$log" 2>&1
	rc=$?
	tail -n 25 "$log" | grep -v '^ok ' || true
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "   suite '$name' printed no result line (exit $rc): counted as 1 failure"
		failed=$((failed + 1))
		return
	fi
	p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "   suite '$name' exited $rc with no failure counted: counted as 1 failure"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

for bin in "$@"; do
	run_suite "$(basename "$bin")" "$bin"
done
export MEMPLAN=${MEMPLAN:-build/memplan-san}
export EXPECT_CHECK=${EXPECT_CHECK:-build/expect-check}
[ -x tests/golden/run.sh ] && run_suite golden tests/golden/run.sh
# real board DTs from linux-source-6.12 against expectations derived without memplan
[ -x tests/upstream/run.sh ] && run_suite upstream tests/upstream/run.sh
[ -x tests/bad-input/run.sh ] && run_suite bad-input tests/bad-input/run.sh
[ -x tests/lint/run.sh ] && run_suite lint tests/lint/run.sh
# the hand-off, devmem and estimate commands
[ -x tests/handoff/run.sh ] && run_suite handoff tests/handoff/run.sh
[ -x tests/devmem/run.sh ] && run_suite devmem tests/devmem/run.sh
[ -x tests/estimate/run.sh ] && run_suite estimate tests/estimate/run.sh
# a careless user: wrong files, '-', impossible placements, colour, -o (sanitizer build)
[ -x tests/careless/run.sh ] && run_suite careless tests/careless/run.sh
# make install/uninstall into a scratch DESTDIR: program, man page, bash completion
[ -x tests/install/run.sh ] && run_suite install tests/install/run.sh
# memplan verify against the kernel's own plan (a recorded memplan.json, no QEMU)
[ -x tests/verify/run.sh ] && run_suite verify tests/verify/run.sh
[ -x tests/memblock-diff/run.sh ] && run_suite memblock-diff tests/memblock-diff/run.sh 100
# the fidelity corpus: memplan verify over recorded real boots (no QEMU)
[ -x tests/e2e/corpus/fidelity.sh ] && run_suite fidelity env FIDELITY_ALLOW_KNOWN=1 tests/e2e/corpus/fidelity.sh run

# the house rules of issue 16: file and function sizes, no circle among the
# core's files, kernel-doc on every function a header declares
run_suite limits scripts/limits.sh
run_suite core-deps scripts/core-deps.py
# shellcheck disable=SC2046
run_suite kernel-doc scripts/kdoc-check.py $(ls planner/*/*.h)
# nothing in the repository points outside it
run_suite self-contained scripts/self-contained.sh

# CHECK_MODEL_ONLY=1 (make check-model): stop here, before anything that boots
# QEMU or needs a kernel tree - the quick loop while changing the model
if [ -n "${CHECK_MODEL_ONLY:-}" ]; then
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

# records_of SCENARIO...: the boot record directories of the scenarios
records_of() {
	for scn in "$@"; do
		printf '%s ' "${E2E_OUT:-build/e2e}/$(basename "$scn" .scn)"
	done
}

# the QEMU oracle: synthetic vmcores through the checker, then real kdump cycles
[ -x tests/e2e/vmcore-check-test.sh ] && run_suite vmcore-check tests/e2e/vmcore-check-test.sh
if [ -n "${E2E_CHECK_SCENARIOS:-}" ]; then
	# shellcheck disable=SC2086
	run_suite e2e-kdump tests/e2e/run.sh $E2E_CHECK_SCENARIOS
	# the same boots, held against memplan: first and capture kernel
	# shellcheck disable=SC2086
	recs=$(records_of $E2E_CHECK_SCENARIOS)
	# shellcheck disable=SC2086
	run_suite e2e-verify env MEMPLAN="${MEMPLAN_REL:-build/memplan}" tests/e2e/capture-verify.sh $recs
fi
# UEFI boots verified from only what a running system shows (a user's inputs)
if [ -n "${E2E_CHECK_LIVE_SCENARIOS:-}" ]; then
	# shellcheck disable=SC2086
	run_suite e2e-live-boot tests/e2e/run.sh $E2E_CHECK_LIVE_SCENARIOS
	# shellcheck disable=SC2086
	recs=$(records_of $E2E_CHECK_LIVE_SCENARIOS)
	# shellcheck disable=SC2086
	run_suite e2e-live env MEMPLAN="${MEMPLAN_REL:-build/memplan}" tests/e2e/live-verify.sh $recs
fi
# record boots: devices' reserved memory, test_hmm, dom0 under Xen, against memplan
if [ -n "${E2E_CHECK_RECORD_SCENARIOS:-}" ]; then
	# shellcheck disable=SC2086
	run_suite e2e-device-boot tests/e2e/run.sh $E2E_CHECK_RECORD_SCENARIOS
	# shellcheck disable=SC2086
	recs=$(records_of $E2E_CHECK_RECORD_SCENARIOS)
	# shellcheck disable=SC2086
	run_suite e2e-devices env MEMPLAN="${MEMPLAN_REL:-build/memplan}" \
		tests/e2e/capture-verify.sh --first $recs
	# test_hmm's chunks; next to a virtio-mem device, with and without a collision; in
	# DT memory that mem= kept out
	run_suite e2e-devmem env MEMPLAN="${MEMPLAN_REL:-build/memplan}" tests/e2e/devmem-check.sh \
		"${E2E_OUT:-build/e2e}/k612-hmm-2g" "${E2E_OUT:-build/e2e}/k612-vmem-2g" \
		"${E2E_OUT:-build/e2e}/k612-vmem-apart-2g" "${E2E_OUT:-build/e2e}/k612-vmem-memcap-2g"
	# what the test driver (tests/e2e/rmem-probe) got for each region, against the plan
	run_suite e2e-rmem-probe env MEMPLAN="${MEMPLAN_REL:-build/memplan}" \
		tests/e2e/rmem-probe-check.sh "${E2E_OUT:-build/e2e}/k612-rmem-consumers-2g" \
		"${E2E_OUT:-build/e2e}/k612p-rmem-consumers-2g"
fi
# Debian's Xen 4.17: dom0's DT and its fault where memplan handoff xen-dom0 says
if [ -n "${E2E_CHECK_XEN_SCENARIOS:-}" ]; then
	# shellcheck disable=SC2086
	run_suite e2e-xen env MEMPLAN="${MEMPLAN_REL:-build/memplan}" tests/e2e/xen-check.sh \
		$E2E_CHECK_XEN_SCENARIOS
fi
# boots through U-Boot 2023.01 booti, held against memplan's hand-over prediction
if [ -n "${E2E_CHECK_UBOOT_SCENARIOS:-}" ]; then
	# shellcheck disable=SC2086
	run_suite e2e-uboot env MEMPLAN="${MEMPLAN_REL:-build/memplan}" tests/e2e/uboot-check.sh \
		$E2E_CHECK_UBOOT_SCENARIOS
fi
# a BTF subset of Debian's 6.12 Image (the e2e boots fetched it) gives the Image's sizes
[ -x tests/btf/run.sh ] && run_suite btf env BTF_SIZES="${BTF_SIZES:-build/btf-sizes}" tests/btf/run.sh
# the kernel series: every patch applies to linux-source-6.12 and is checkpatch-clean
run_suite kernel-patches scripts/check-patches
# the series' KUnit suites, built in and run at boot in QEMU
run_suite kunit tests/kunit/run.sh

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

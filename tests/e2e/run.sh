#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# run.sh - run e2e scenarios (tests/e2e/scenarios/*.scn) through scripts/qemu-boot.
#
# A scenario file has "key=value" lines ('#' comments), read by scripts/qemu-boot
# --scenario except expect= and log=:
#   mem=2G  smp=1  cpu=cortex-a57          QEMU machine
#   crashkernel=VALUE                      one crashkernel= argument (repeatable)
#   append=ARGS                            extra kernel arguments (repeatable)
#   dts=FILE                               DT source in tests/e2e/dts/ (default: QEMU's DT)
#   kernel=6.12[-16k|-64k][-acpi][-patched]  boot our own linux-source-6.12 build, made on
#                                          demand by scripts/build-kernel (-patched: with
#                                          kernel-patches/6.12/series); the record must
#                                          then hold kernel_page_tables (and, patched,
#                                          early_mm.json: the kernel's early decisions,
#                                          /sys/kernel/debug/arm64_early_mm).
#                                          -acpi: with EFI + ACPI (build-kernel --variant
#                                          acpi), for firmware=uefi; -hmm: the device
#                                          memory variant (--variant hmm): lib/test_hmm,
#                                          restricted DMA pools, virtio-mmio, and the
#                                          test driver tests/e2e/rmem-probe (a module);
#                                          -vmem: with virtio-mem and a 39-bit VA
#                                          (--variant hmm+vmem)
#   kernel=debian-6.12[-16k]               Debian's distribution 6.12 Image (4K or 16K
#                                          pages), fetched on demand by
#                                          scripts/guest-fetch-612.sh (no
#                                          kernel_page_tables: no PTDUMP_DEBUGFS)
#                                          Default (no key): Debian's 6.1 Image
#   firmware=uefi                          boot through UEFI firmware (EDK II's
#                                          QEMU_EFI.fd): the EFI stub, ACPI tables
#   object=ID-ARGS                         one more QEMU -object (a memory backend)
#   device=virtio-rng-pci                  one more QEMU -device (an RNG: EDK II then
#                                          offers EFI_RNG_PROTOCOL, and the EFI stub
#                                          places the Image at random)
#   machine=,acpi=off                      appended to -M virt (,acpi=off: QEMU
#                                          publishes no ACPI tables, so EDK II
#                                          hands the kernel QEMU's DT)
#   firmware=u-boot                        boot through U-Boot 2023.01 booti (u-boot-qemu)
#   uboot_env=FILE                         U-Boot's environment, tests/e2e/uboot/FILE
#                                          (uboot-check.sh predicts the hand-over)
#   mode=record|kdump                      (default kdump)
#   kexec=patched|unpatched|debian         (default patched)
#   expect=pass                            boot records complete and the vmcore passes
#   expect=vmcore-fail                     the capture kernel boots and vmcore-check
#                                          rejects the vmcore (a known-bad kexec)
#   expect=panic                           the kernel panics before init records
#                                          anything (a hand-over memplan flags);
#                                          log=/nolog= then read the serial log
#   log=TEXT                               TEXT must occur in the first kernel's dmesg
#                                          (repeatable)
#   nolog=TEXT                             TEXT must not occur in it (repeatable)
#   early_mm=TEXT                          TEXT must occur in the first kernel's
#                                          early_mm.json (patched kernels; repeatable)
#   timeout=SECONDS                        (default 240)
#   plan=OPTION                            one memplan option, one word, that the
#                                          record does not hold (e.g.
#                                          --rmem-caller=memplan,rmem-probe), kept in
#                                          the record's plan-options for the checkers
#                                          (repeatable)
# One line per scenario: PASS|FAIL, name, phase times; the last line is
# "N passed, N failed"; exit status 1 if any scenario failed.
# Boot records go to ${E2E_OUT:-build/e2e}/NAME/ (relative to the repository top).
#
# Usage: tests/e2e/run.sh SCENARIO.scn...
set -eu

case "${1:-}" in
-h | --help | "") sed -n '3,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
	[ $# -gt 0 ] && exit 0
	exit 2 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
outroot=${E2E_OUT:-$top/build/e2e}
pass=0
fail=0

# value of KEY in the timings file, formatted
tm() {
	v=$(awk -v k="$1" '$1 == k { print $2 }' "$2/timings" 2>/dev/null)
	echo "${v:--}"
}

for scn in "$@"; do
	name=$(basename "$scn" .scn)
	out=$outroot/$name
	mode=kdump
	expect=pass
	kernel=""
	logs=$(mktemp)
	nologs=$(mktemp)
	emms=$(mktemp)
	while IFS= read -r line || [ -n "$line" ]; do
		case "$line" in
		mode=*) mode=${line#*=} ;;
		kernel=6.12* | kernel=debian-6.12*) kernel=${line#*=} ;;
		expect=*) expect=${line#*=} ;;
		log=*) echo "${line#*=}" >>"$logs" ;;
		nolog=*) echo "${line#*=}" >>"$nologs" ;;
		early_mm=*) echo "${line#*=}" >>"$emms" ;;
		esac
	done <"$scn"

	why=""
	mkdir -p "$outroot"
	kopt=""
	case "$kernel" in
	debian-6.12*)
		fl=4k
		[ "$kernel" = debian-6.12-16k ] && fl=16k
		if "$top/scripts/guest-fetch-612.sh" --flavour "$fl" >"$outroot/$name.build.log" 2>&1
		then
			kopt=$(tail -n 1 "$outroot/$name.build.log")/Image
		else
			why="$why kernel-fetch-failed($outroot/$name.build.log)"
		fi
		;;
	6.12*)
		bk="--page-size 4k"
		case "$kernel" in *-16k*) bk="--page-size 16k" ;; *-64k*) bk="--page-size 64k" ;; esac
		case "$kernel" in *-patched*) bk="$bk --patches $top/kernel-patches/6.12" ;; esac
		v=""
		case "$kernel" in *-acpi*) v=acpi ;; esac
		case "$kernel" in *-hmm*) v=hmm ;; esac
		case "$kernel" in *-vmem*) v="${v:+$v+}vmem" ;; esac
		[ -z "$v" ] || bk="$bk --variant $v"
		# the device memory variant carries the test driver (insmod'ed by kexec/init.sh)
		case "$kernel" in *-hmm*) bk="$bk --module $here/rmem-probe" ;; esac
		# shellcheck disable=SC2086
		if "$top/scripts/build-kernel" $bk >"$outroot/$name.build.log" 2>&1; then
			kopt=$(tail -n 1 "$outroot/$name.build.log")/Image
		else
			why="$why kernel-build-failed($outroot/$name.build.log)"
		fi
		;;
	esac
	if [ -n "$why" ]; then
		rm -rf "$out"
		brc=2
	elif "$top/scripts/qemu-boot" --scenario "$scn" -q --mode "$mode" \
		${kopt:+--kernel "$kopt"} --out "$out" >"$outroot/$name.log" 2>&1; then
		brc=0
	else
		brc=$?
	fi
	# our builds have PTDUMP_DEBUGFS, Debian's do not
	if [ -n "$kopt" ] && [ "${kernel#debian-}" = "$kernel" ] && [ ! -s "$out/kernel_page_tables" ]; then
		why="$why missing:kernel_page_tables"
	fi
	case "$kernel" in *-patched*)
		# 0006: every patched kernel shows its early decisions in debugfs
		[ -s "$out/early_mm.json" ] || why="$why missing:early_mm.json" ;;
	esac
	case "$expect" in
	pass)
		[ "$brc" = 0 ] || why="$why $(cat "$out/result" 2>/dev/null || echo "qemu-boot rc=$brc")"
		;;
	vmcore-fail)
		if [ ! -s "$out/capture/vmcore-check.txt" ]; then
			why="$why no-capture-record"
		elif [ "$(tail -n 1 "$out/capture/vmcore-check.txt")" != "vmcore-check: FAIL" ]; then
			why="$why vmcore-check-did-not-fail"
		fi
		;;
	panic)
		[ "$brc" != 0 ] || why="$why booted"
		grep -qaF "Kernel panic - not syncing" "$out/serial.log" 2>/dev/null ||
			why="$why no-panic"
		;;
	*) why="$why bad-expect=$expect" ;;
	esac
	klog=$out/dmesg
	[ "$expect" = panic ] && klog=$out/serial.log
	while IFS= read -r l; do
		grep -qaF -- "$l" "$klog" 2>/dev/null || why="$why missing-log:\"$l\""
	done <"$logs"
	while IFS= read -r l; do
		! grep -qaF -- "$l" "$klog" 2>/dev/null || why="$why unexpected-log:\"$l\""
	done <"$nologs"
	while IFS= read -r l; do
		grep -qF -- "$l" "$out/early_mm.json" 2>/dev/null || why="$why missing-early_mm:\"$l\""
	done <"$emms"
	rm -f "$logs" "$nologs" "$emms"

	times="kernel->init $(tm kernel_to_init "$out")s"
	if [ "$mode" = kdump ]; then
		times="$times  kexec-load $(tm kexec_load "$out")s"
		times="$times  panic->capture $(tm panic_to_capture_kernel "$out")s"
		times="$times  capture-boot $(tm capture_boot "$out")s"
		times="$times  checks $(tm vmcore_checks "$out")s"
	fi
	times="$times  total $(tm total "$out")s"
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		printf 'PASS %-20s %s\n' "$name" "$times"
	else
		fail=$((fail + 1))
		printf 'FAIL %-20s %s  --%s (see %s)\n' "$name" "$times" "$why" "$out"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# live-verify.sh - memplan verify from what a user can collect on a running UEFI
# system, nothing else: for each boot record DIR (a tests/e2e live-*.scn boot, booted
# with efi=debug), a directory DIR/live/ gets only
#   dmesg      `dmesg -r`                  (the EFI memory map, efi=debug)
#   fdt.dtb    /sys/firmware/fdt           (the DT the EFI stub handed over)
#   iomem      /proc/iomem                 (where the Image is)
#   cmdline    /proc/cmdline
#   IORT       /sys/firmware/acpi/tables/IORT   (ACPI boots)
#   memblock-reserved, memblock-memory  /sys/kernel/debug/memblock/*
#   vmcoreinfo `vmcore-check --vmcoreinfo /proc/kcore`  (PHYS_OFFSET: KASLR's linear map)
# (no console log, no QEMU command line), and memplan verify runs on it with the
# kernel's .config (/boot/config-$(uname -r)) and the initrd's size (the file's, as
# `stat -c %s /boot/initrd.img-$(uname -r)` gives it).
#
# Usage: tests/e2e/live-verify.sh RECORD_DIR...
# Environment: MEMPLAN (default build/memplan).
# Prints one line per record and "N passed, N failed"; exit 1 on any mismatch.
set -eu

case "${1:-}" in
-h | --help | "") sed -n '3,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
	[ $# -gt 0 ] && exit 0
	exit 2 ;;
esac
memplan=${MEMPLAN:-build/memplan}
pass=0
fail=0
for dir in "$@"; do
	name=$(basename "$dir")
	live=$dir/live
	rm -rf "$live"
	mkdir -p "$live"
	for f in dmesg fdt.dtb iomem cmdline IORT memblock-reserved memblock-memory vmcoreinfo; do
		[ ! -f "$dir/$f" ] || cp "$dir/$f" "$live/$f"
	done
	# the kernel and initrd the boot used (a user has them in /boot)
	image=$(tr ' ' '\n' <"$dir/qemu-command" | sed -n '/^-kernel$/{n;p;q}')
	initrd=$(tr ' ' '\n' <"$dir/qemu-command" | sed -n '/^-initrd$/{n;p;q}')
	set -- --kernel linux-6.12 --kconfig "$(dirname "$image")/config" \
		--initrd-size "$(stat -c %s "$initrd")"
	out=$("$memplan" verify --record "$live" "$@" 2>&1) && rc=0 || rc=$?
	summary=$(printf '%s\n' "$out" | grep '^summary' || true)
	if [ "$rc" = 0 ] && printf '%s\n' "$out" | grep -q "derived --efi-memmap"; then
		echo "ok   $name: $summary"
		pass=$((pass + 1))
	else
		echo "FAIL $name (exit $rc): ${summary:-$(printf '%s\n' "$out" | head -n 3)}"
		printf '%s\n' "$out" | grep -E '^  [-+!] ' | head -n 10 || true
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# capture-verify.sh - hold memplan's predictions against the kdump boots that
# make check has just run: for each kdump boot record DIR (with DIR/capture/),
# `memplan verify --record DIR` checks the first kernel, and
# `memplan verify --record DIR --capture` plans the first kernel from DIR, builds
# the DT and placement kexec -p hands over, plans the capture kernel and compares
# it with DIR/capture (kernel_log families, allocations, linear map).
#
# The kernel of each record is read from its qemu-command: Debian's 6.1 Image
# (profile linux-6.1, its config from the guest cache) or our 6.12 build
# (profile linux-6.12, the config and Image next to it; memplan-6.12 when that
# config has CONFIG_MEMPLAN=y: the patched build, whose records also hold
# memplan.json, the kernel's own plan, compared member by member) or Debian's
# 6.12 package (scripts/guest-fetch-612.sh: its config next to the Image too, no
# System.map; profile linux-6.12).  With a
# kernel_page_tables.loaded record (taken after kexec -p) the first-kernel check also
# compares the linear map with the capture kernel loaded: memplan-6.12 predicts the
# crash region unmapped.
#
# The record's plan-options (scenario key plan=, one memplan option a line) describe
# the first kernel (/init loads the test modules there only): they are passed on to
# its verify.
#
# Usage: tests/e2e/capture-verify.sh [--first] RECORD_DIR...
#   --first   record boots (no capture kernel): check the first kernel only
# Environment: MEMPLAN (default build/memplan), MEMPLAN_CACHE (/var/cache/memplan).
# Prints one line per record and "N passed, N failed"; exit 1 on any mismatch.
set -eu

case "${1:-}" in
-h | --help | "") sed -n '3,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
	[ $# -gt 0 ] && exit 0
	exit 2 ;;
esac
stages="first capture"
if [ "$1" = --first ]; then
	stages=first
	shift
fi
memplan=${MEMPLAN:-build/memplan}
cache=${MEMPLAN_CACHE:-/var/cache/memplan}
pass=0
fail=0
for dir in "$@"; do
	name=$(basename "$dir")
	if [ "$stages" != first ] && [ ! -d "$dir/capture" ]; then
		echo "FAIL $name: no capture/ in the record (not a kdump boot)"
		fail=$((fail + 1))
		continue
	fi
	image=$(tr ' ' '\n' <"$dir/qemu-command" | sed -n '/^-kernel$/{n;p;q}')
	# under Xen the kernel is dom0's module (QEMU guest-loader, or with a DT of our own
	# a loader at 0x42000000 and its /chosen/module node), -kernel is Xen
	dom0=$(tr ' ' '\n' <"$dir/qemu-command" | tr -d '\\' |
		sed -n -e 's/^guest-loader,addr=[^,]*,kernel=\([^,]*\),.*/\1/p' \
			-e 's/^loader,file=\([^,]*\),addr=0x42000000,.*/\1/p' | head -n 1)
	[ -z "$dom0" ] || image=$dom0
	if [ -f "$(dirname "$image")/config" ]; then
		profile=linux-6.12
		# a kernel with the series (kernel-patches 0001) has its flattened-DT DMA limit
		grep -qs ' of_fdt_dma_max_cpu_address$' "$(dirname "$image")/System.map" &&
			profile=memplan-6.12
		set -- --kernel $profile --kconfig "$(dirname "$image")/config" --image "$image"
	else
		set -- --kernel linux-6.1 \
			--kconfig "$(ls "$cache"/guest/root/boot/config-* | head -1)" --image "$image"
	fi
	planopts=()
	[ ! -f "$dir/plan-options" ] || mapfile -t planopts <"$dir/plan-options"
	for stage in $stages; do
		extra=
		opts=("${planopts[@]}")
		[ $stage = capture ] && extra=--capture && opts=()
		# shellcheck disable=SC2086
		out=$("$memplan" verify --record "$dir" $extra "$@" "${opts[@]}" 2>&1) && rc=0 ||
			rc=$?
		summary=$(printf '%s\n' "$out" | grep '^summary' || true)
		if [ "$rc" = 0 ]; then
			pass=$((pass + 1))
			echo "ok   $name $stage: ${summary#summary: }"
		else
			fail=$((fail + 1))
			echo "FAIL $name $stage (exit $rc): ${summary:-$(printf '%s\n' "$out" | tail -3)}"
			printf '%s\n' "$out" | grep -E '^  [-+] ' | head -10
		fi
	done
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

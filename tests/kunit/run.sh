#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# tests/kunit/run.sh - the KUnit suites of the kernel series (kernel-patches/6.12, patch
# 0007), as `kunit.py run --arch arm64` would run them, on our own build: the series
# built with the kunit config variant (scripts/build-kernel --variant kunit, cached like
# every kernel build), booted in QEMU virt with tests/kunit/kunit-2g.dts and
# crashkernel=64M; the suites run at boot and kunit_shutdown=poweroff ends the boot.
# The KTAP lines of the console are checked:
#   - every test case of the expected suites reported "ok" (a "not ok", a skip or a
#     missing case is a failure: this boot has everything each case needs);
#   - the reserved-memory suite saw all 72 dynamically placed regions of the DT and
#     assigned the 3 regions that rmem-consumer names in memory-region.
# Prints one line per check and "N passed, N failed".  The console is kept in
# $KUNIT_OUT/console.log (default build/kunit).
# Usage: tests/kunit/run.sh [-h]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
case "${1:-}" in -h | --help) sed -n '3,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'; exit 0 ;; esac
out=${KUNIT_OUT:-$top/build/kunit}
mkdir -p "$out"

"$top/scripts/deps.sh" e2e kernel
kdir=$("$top/scripts/build-kernel" --page-size 4k --patches "$top/kernel-patches/6.12" \
	--variant kunit | tail -n 1)
[ -f "$kdir/Image" ] || { echo "kunit: no kernel built"; echo "0 passed, 1 failed"; exit 1; }
dtc -q -I dts -O dtb -i "$here" -o "$out/kunit-2g.dtb" "$here/kunit-2g.dts"

timeout 300 qemu-system-aarch64 -M virt,dtb-randomness=off -cpu cortex-a57 -smp 1 -m 2G \
	-display none -monitor none -serial stdio -nic none -no-reboot \
	-kernel "$kdir/Image" -dtb "$out/kunit-2g.dtb" \
	-append "console=ttyAMA0 earlycon=pl011,0x9000000 crashkernel=64M kunit_shutdown=poweroff panic=-1" \
	>"$out/console.log" 2>&1 || true

passed=0 failed=0
check() {	# check NAME CONDITION-RESULT(0/1)
	if [ "$2" = 0 ]; then
		echo "ok      $1"
		passed=$((passed + 1))
	else
		echo "FAIL    $1"
		failed=$((failed + 1))
	fi
}
# KTAP: "    ok N name" for a case that passed (indented once); "not ok", or a
# directive after the name ("ok N name # <directive> why": skipped, to-do), fails it
ktap=$(sed -E 's/^\[[ 0-9.]+\] //' "$out/console.log" | tr -d '\r')
for suite in "of_fdt_dma_max_cpu_address 13" "arm64_crash_map 3" "of_reserved_mem 2"; do
	set -- $suite
	cases=$(echo "$ktap" | awk -v s="$1" '
		/^    # Subtest: / { in_s = ($3 == s); next }
		in_s && /^    (not )?ok [0-9]+ / { print }
		/^(not )?ok [0-9]+ / { in_s = 0 }')
	n=0
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		n=$((n + 1))
		name=$(echo "$line" | sed -E 's/^ +(not )?ok [0-9]+ ([^ ]+).*/\2/')
		if [[ "$line" =~ ^\ +ok\ [0-9]+\ [^\ ]+$ ]]; then
			check "$1.$name" 0
		else
			check "$1.$name: $(echo "$line" | sed 's/^ *//')" 1
		fi
	done <<<"$cases"
	[ "$n" -eq "$2" ] || check "$1: $2 cases reported (found $n)" 1
done
echo "$ktap" | grep -q '# rmem_dynamic_regions_recorded: 72 dynamically-placed regions'
check "of_reserved_mem saw the DT's 72 dynamically placed regions" $?
echo "$ktap" | grep -q '# rmem_consumers_assigned: 3 regions assigned'
check "of_reserved_mem assigned rmem-consumer's 3 regions" $?
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

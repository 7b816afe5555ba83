#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# xen-check.sh - hold `memplan handoff xen-dom0` against Debian's Xen 4.17 in QEMU.
# For each scenario (firmware=xen with a dts of ours):
#  1. boot it (scripts/qemu-boot, record mode) into $E2E_OUT/NAME;
#  2. predict dom0's DT from the host DT Xen booted from (NAME/xen-input.dtb: the dts
#     with the /chosen/module nodes qemu-boot writes) and dom0's banks as Xen's
#     console prints them ("(XEN) BANK[i] ...": Xen's allocator places them, memplan
#     does not);
#  3. when memplan says the hand-over is safe: dom0 booted, and its DT
#     (/sys/firmware/fdt) matches the prediction (xen-dom0-compare.py: reserve map,
#     memory nodes, /reserved-memory, /chosen, every node Xen copies from the host), and
#     so do the DT and initrd addresses
#     Xen's console shows, and dom0's boot matches its plan (capture-verify.sh --first);
#     when memplan finds memory Xen does not give dom0 at the top of dom0's memory
#     (it then predicts the BUG in xen_starting_cpu()): dom0 panicked with that BUG,
#     then `handoff xen-dom0 --fix --host-output` writes the host DT, which is booted
#     ($E2E_OUT/NAME-fixed) and checked as a safe one: no fault, DT as predicted.
# The scenario's expect= is not read: the prediction says what must happen.
#
# Usage: tests/e2e/xen-check.sh SCENARIO.scn...
# Environment: MEMPLAN (default build/memplan), E2E_OUT (default build/e2e).
# One line per check and "N passed, N failed"; exit 1 on any failure.
set -eu

case "${1:-}" in
-h | --help | "") sed -n '3,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
	[ $# -gt 0 ] && exit 0
	exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
memplan=${MEMPLAN:-$top/build/memplan}
outroot=${E2E_OUT:-$top/build/e2e}
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "PASS $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# the Debian 6.12 Image the Xen scenarios boot as dom0
kernel=$("$top/scripts/guest-fetch-612.sh" --flavour 4k | tail -n 1)/Image

# boot NAME's scenario, with extra qemu-boot arguments, into DIR
boot() {
	local scn=$1 dir=$2
	shift 2
	"$top/scripts/qemu-boot" --scenario "$scn" -q --kernel "$kernel" "$@" --out "$dir" \
		>"$dir.log" 2>&1 || true
}

# dom0's banks from Xen's console: "BASE:SIZE,..."
banks() {
	local r list=""
	for r in $(grep -aoE '\(XEN\) BANK\[[0-9]+\] 0x[0-9a-f]+-0x[0-9a-f]+' "$1/serial.log" |
		awk '{ print $3 }'); do
		list="$list${list:+,}${r%-*}:$((${r#*-} - ${r%-*}))"
	done
	echo "$list"
}

# the address Xen's console gives after "Loading d0 WHAT ... to"
xen_loaded() {
	grep -aoE "Loading d0 $2 .*to 0x[0-9a-f]+" "$1/serial.log" | grep -oE '0x[0-9a-f]+$' |
		head -n 1
}

# check DIR against memplan's prediction; prints "safe", "fault" or "other"
check_record() {
	local name=$1 dir=$2 list rc
	list=$(banks "$dir")
	if [ -z "$list" ]; then
		bad "$name: no BANK line in Xen's console ($dir/serial.log)"
		echo other >"$dir.verdict"
		return
	fi
	rc=0
	"$memplan" handoff xen-dom0 --dtb "$dir/xen-input.dtb" --dom0-mem "$list" \
		-o "$dir.pred.dtb" >"$dir.handoff.txt" 2>&1 || rc=$?
	case "$rc" in
	0)
		echo safe >"$dir.verdict"
		if [ -s "$dir/fdt.dtb" ]; then
			ok "$name: memplan says safe, and dom0 booted"
		else
			bad "$name: memplan says safe, but dom0 left no record (see $dir/serial.log)"
			return
		fi
		# Xen's console (dtuart= of its command line) is Xen's, not dom0's
		local uart
		uart=$(grep -oE 'dtuart=[^ \\]+' "$dir/qemu-command" | head -n 1 | cut -d= -f2)
		if python3 "$here/xen-dom0-compare.py" ${uart:+--xen-uart "$uart"} "$dir.pred.dtb" \
			"$dir/fdt.dtb" >"$dir.compare.txt"; then
			ok "$name: dom0's DT as predicted ($(tail -n 1 "$dir.compare.txt"))"
		else
			bad "$name: dom0's DT differs: $(grep MISMATCH "$dir.compare.txt" | head -n 3)"
		fi
		local pdtb pinit
		pdtb=$(grep -oE 'DT at 0x[0-9a-f]+' "$dir.handoff.txt" | grep -oE '0x[0-9a-f]+$')
		pinit=$(grep -oE 'dom0 initrd \[0x[0-9a-f]+' "$dir.handoff.txt" | grep -oE '0x[0-9a-f]+$')
		if [ -n "$pdtb" ] && [ $((pdtb)) = $(($(xen_loaded "$dir" DTB))) ] &&
			[ $((pinit)) = $(($(xen_loaded "$dir" initrd))) ]; then
			ok "$name: DT at $pdtb, initrd at $pinit, where Xen loaded them"
		else
			bad "$name: DT/initrd at ${pdtb:-?}/${pinit:-?}, Xen: $(xen_loaded "$dir" DTB)/$(xen_loaded "$dir" initrd)"
		fi
		# and dom0's own boot, planned from that DT (memplan verify)
		if MEMPLAN=$memplan "$here/capture-verify.sh" --first "$dir" >"$dir.verify.txt" 2>&1
		then
			ok "$name: dom0's boot as planned ($(grep -oE '[0-9]+ of [0-9]+ lines' "$dir.verify.txt"))"
		else
			bad "$name: dom0's boot differs from its plan ($dir.verify.txt)"
		fi
		;;
	1)
		if ! grep -q "xen_starting_cpu" "$dir.handoff.txt"; then
			echo other >"$dir.verdict"
			bad "$name: memplan flags the hand-over without predicting its failure ($dir.handoff.txt)"
			return
		fi
		echo fault >"$dir.verdict"
		if [ ! -s "$dir/fdt.dtb" ] && grep -qa "kernel BUG at" "$dir/serial.log" &&
			grep -qa "pc : xen_starting_cpu+" "$dir/serial.log"; then
			ok "$name: memplan predicts dom0's BUG in xen_starting_cpu(), and dom0 hit it"
		else
			bad "$name: memplan predicts dom0's BUG in xen_starting_cpu(); not in $dir/serial.log"
		fi
		;;
	*)
		echo other >"$dir.verdict"
		bad "$name: memplan handoff xen-dom0 exit $rc ($dir.handoff.txt)"
		;;
	esac
}

mkdir -p "$outroot"
for scn in "$@"; do
	name=$(basename "$scn" .scn)
	dir=$outroot/$name
	boot "$scn" "$dir"
	check_record "$name" "$dir"
	[ "$(cat "$dir.verdict")" = fault ] || continue
	# memplan's fix: the host DT without what Xen 4.17 mishandles, booted as it is
	fixed=$outroot/$name-fixed
	mkdir -p "$fixed.in"
	if "$memplan" handoff xen-dom0 --dtb "$dir/input.dtb" --dom0-mem "$(banks "$dir")" --fix \
		--host-output "$fixed.in/host.dtb" -o "$fixed.in/dom0.dtb" >"$fixed.in/fix.txt" 2>&1
	then
		ok "$name: --fix writes a host DT memplan finds safe"
	else
		bad "$name: --fix did not give a safe hand-over ($fixed.in/fix.txt)"
		continue
	fi
	boot "$scn" "$fixed" --dtb "$fixed.in/host.dtb"
	check_record "$name-fixed" "$fixed"
	[ "$(cat "$fixed.verdict")" = safe ] || bad "$name-fixed: not safe"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

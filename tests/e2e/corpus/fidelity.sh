#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# fidelity.sh - the fidelity corpus: real boots of Debian's stock arm64 6.1 kernel in
# QEMU, one scenario per NAME.scn in this directory, and `memplan verify` over each
# recorded boot (DESIGN.md §5 item 2).
#
# Usage: tests/e2e/corpus/fidelity.sh [run] [NAME...]    verify the recorded boots (no QEMU)
#        tests/e2e/corpus/fidelity.sh refresh [NAME...]  re-record boots in QEMU
#        tests/e2e/corpus/fidelity.sh dtsi               re-dump virt-2g/4g/8g.dtsi from QEMU
#        tests/e2e/corpus/fidelity.sh record-one NAME    one boot (what refresh runs per NAME)
#        tests/e2e/corpus/fidelity.sh -h | --help
#
# A scenario NAME.scn has "key=value" lines ('#' comments; the first comment after the
# SPDX line describes it):
#   mem=2G                     guest RAM (-m; at most 16G), always -smp 1 -cpu cortex-a57
#   crashkernel=VALUE          one crashkernel= argument (repeatable)
#   append=ARG                 one more kernel argument (repeatable)
#   dts=FILE                   DT source in dts/ (default: QEMU's own DT)
# The kernel command line is scripts/qemu-boot's (console=ttyAMA0 earlycon=...
# log_buf_len=4M panic=-1 [crashkernel=...] memplan.mode=record [append...]).
#
# Recorded boots live in records/NAME/: cmdline iomem memblock-memory memblock-reserved
# (plain) and fdt.dtb.gz dmesg.gz serial.log.gz (gzipped; the console without the base64
# dumps of the record files).  `run` unpacks each into
# $FIDELITY_OUT/NAME/ (default build/fidelity) and runs
#   memplan verify --record DIR --kernel linux-6.1 --kconfig kernel/config-6.1.0-56-arm64(.gz)
#                  --image-size $(cat kernel/image-size)
# (image base and DTB base are derived from the record), then prints one table row per
# scenario, "fidelity: M of N lines matched" and "N passed, N failed".
# known-mismatches.txt lists scenarios whose mismatch is a diagnosed planner-core bug
# ("NAME reason" lines): they are still reported as MISMATCH and fail `make fidelity`;
# with FIDELITY_ALLOW_KNOWN=1 (what `make check` sets) they count as passed ("known"),
# and a listed scenario that now matches fails ("XPASS: drop it from the list").
# Environment: MEMPLAN (default build/memplan), FIDELITY_OUT, FIDELITY_JOBS (refresh
# parallelism, default 2), QEMU_BOOT (default scripts/qemu-boot), FIDELITY_ALLOW_KNOWN.
# Exit status: 0 every scenario matched, 1 a mismatch or a failed boot, 2 usage.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
usage() { sed -n '4,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'; }

cmd=run
case "${1:-}" in
-h | --help) usage; exit 0 ;;
run | refresh | dtsi | record-one) cmd=$1; shift ;;
-*) echo "fidelity.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
esac

# the scenario names (all, or the given ones; exits 2 on an unknown one: call it
# directly, not in $(...))
scenarios() {
	local n
	if [ $# -eq 0 ]; then
		for n in "$here"/*.scn; do basename "$n" .scn; done
	else
		for n in "$@"; do
			n=$(basename "$n" .scn)
			[ -f "$here/$n.scn" ] || { echo "fidelity.sh: no scenario $n" >&2; exit 2; }
			echo "$n"
		done
	fi
}

# ---- dtsi: QEMU's own DT for the RAM sizes the DTs include --------------------------
if [ "$cmd" = dtsi ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	for m in 2G 4G 8G; do
		lm=$(echo "$m" | tr '[:upper:]' '[:lower:]')
		qemu-system-aarch64 -M "virt,dumpdtb=$tmp/virt.dtb" -cpu cortex-a57 -smp 1 \
			-m "$m" -display none -nic none >/dev/null 2>&1
		{
			echo "// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause"
			echo "// QEMU $(qemu-system-aarch64 --version |
				sed -n '1s/.*version \([^ ]*\).*/\1/p') -M virt -cpu cortex-a57" \
				"-smp 1 -m $m, dumped by tests/e2e/corpus/fidelity.sh dtsi"
			dtc -q -I dtb -O dts "$tmp/virt.dtb" |
				sed -e '/^\/dts-v1\/;/d' -e '/rng-seed = /d' -e '/kaslr-seed = /d'
		} >"$here/dts/virt-$lm.dtsi"
		echo "$here/dts/virt-$lm.dtsi"
	done
	exit 0
fi

# ---- record-one NAME: one QEMU boot into records/NAME (used by refresh) ---------------
if [ "$cmd" = record-one ]; then
	name=$1
	scn=$here/$name.scn
	args=(--mem 2G --smp 1 --cpu cortex-a57 --mode record -q)
	while IFS= read -r line || [ -n "$line" ]; do
		case "$line" in '#'* | '') continue ;; esac
		key=${line%%=*}
		val=${line#*=}
		case "$key" in
		mem) args+=(--mem "$val") ;;
		crashkernel) args+=(--crashkernel "$val") ;;
		append) args+=(--append "$val") ;;
		dts) args+=(--dtb "$here/dts/$val") ;;
		*) echo "fidelity.sh: $scn: unknown key '$key'" >&2; exit 2 ;;
		esac
	done <"$scn"
	out=${FIDELITY_OUT:-$top/build/fidelity}/rec-$name
	if ! "${QEMU_BOOT:-$top/scripts/qemu-boot}" "${args[@]}" --out "$out" >/dev/null 2>&1; then
		echo "FAIL  $name: $(cat "$out/result" 2>/dev/null || echo 'qemu-boot failed')"
		exit 1
	fi
	dest=$here/records/$name
	rm -rf "$dest"
	mkdir -p "$dest"
	for f in cmdline iomem memblock-memory memblock-reserved; do cp "$out/$f" "$dest/$f"; done
	for f in fdt.dtb dmesg; do gzip -9n <"$out/$f" >"$dest/$f.gz"; done
	# the console without the base64 record dumps (they are the files above)
	awk '/@@MEMPLAN-BEGIN/ { skip = 1; print; next } /@@MEMPLAN-END/ { skip = 0 } !skip' \
		"$out/serial.log" | gzip -9n >"$dest/serial.log.gz"
	echo "rec   $name ($(awk '$1 == "total" { print $2 }' "$out/timings") s)"
	exit 0
fi

# ---- refresh: record every scenario ---------------------------------------------------
if [ "$cmd" = refresh ]; then
	scenarios "$@" >/dev/null
	list=$(scenarios "$@")
	# shellcheck disable=SC2086
	if printf '%s\n' $list | xargs -P "${FIDELITY_JOBS:-2}" -n 1 "$0" record-one; then
		echo "refresh: all recorded"
		exit 0
	fi
	echo "refresh: some boots failed (see above)" >&2
	exit 1
fi

# ---- run: memplan verify over every recorded boot -------------------------------------
memplan=${MEMPLAN:-$top/build/memplan}
case "$memplan" in /*) ;; *) memplan=$top/$memplan ;; esac
[ -x "$memplan" ] || { echo "fidelity.sh: no $memplan (run make)" >&2; exit 2; }
isize=$(cat "$here/kernel/image-size")
outroot=${FIDELITY_OUT:-$top/build/fidelity}
case "$outroot" in /*) ;; *) outroot=$top/$outroot ;; esac
kconfig=$outroot/config-6.1.0-56-arm64
mkdir -p "$outroot"
gzip -dc "$here/kernel/config-6.1.0-56-arm64.gz" >"$kconfig"
scenarios "$@" >/dev/null
pass=0 fail=0 mtot=0 ntot=0
printf '%-22s %9s  %s\n' scenario matched status
for name in $(scenarios "$@"); do
	rec=$here/records/$name
	dir=$outroot/$name
	if [ ! -f "$rec/cmdline" ]; then
		printf '%-22s %9s  %s\n' "$name" - "FAIL (not recorded: make fidelity-refresh)"
		fail=$((fail + 1))
		continue
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	for f in cmdline iomem memblock-memory memblock-reserved; do cp "$rec/$f" "$dir/$f"; done
	for f in fdt.dtb dmesg serial.log; do gzip -dc "$rec/$f.gz" >"$dir/$f"; done
	set +e
	"$memplan" verify --record "$dir" --kernel linux-6.1 --kconfig "$kconfig" \
		--image-size "$isize" >"$dir/verify.txt" 2>&1
	rc=$?
	set -e
	sum=$(sed -n 's/^summary: \([0-9]*\) of \([0-9]*\) lines matched.*/\1 \2/p' \
		"$dir/verify.txt" | tail -n 1)
	m=${sum% *} n=${sum#* }
	if [ -z "$sum" ]; then m=0 n=0; fi
	mtot=$((mtot + m)) ntot=$((ntot + n))
	known=$(awk -v n="$name" '$1 == n { $1 = ""; sub(/^ /, ""); print; exit }' \
		"$here/known-mismatches.txt" 2>/dev/null || true)
	case "$rc" in
	0)
		if [ -n "$known" ] && [ "${FIDELITY_ALLOW_KNOWN:-0}" = 1 ]; then
			st="XPASS: matches now, drop it from known-mismatches.txt"
			fail=$((fail + 1))
		else
			st=ok
			pass=$((pass + 1))
		fi
		;;
	1)
		st="MISMATCH ($dir/verify.txt)"
		if [ -n "$known" ] && [ "${FIDELITY_ALLOW_KNOWN:-0}" = 1 ]; then
			st="MISMATCH, known: $known"
			pass=$((pass + 1))
		else
			[ -z "$known" ] || st="MISMATCH, known: $known"
			fail=$((fail + 1))
		fi
		;;
	*) st="ERROR exit $rc: $(grep -m1 . "$dir/verify.txt")"; fail=$((fail + 1)) ;;
	esac
	printf '%-22s %4s/%-4s  %s\n' "$name" "$m" "$n" "$st"
done
echo "fidelity: $mtot of $ntot lines matched"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

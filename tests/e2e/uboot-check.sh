#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# uboot-check.sh - boot scenarios through U-Boot 2023.01 `booti` (tests/e2e/run.sh,
# scripts/qemu-boot --firmware u-boot) and hold each boot against memplan's
# prediction of the hand-over, made from what is known before the boot:
# QEMU's DT (board.dtb, dumpdtb), U-Boot's environment (the scenario's uboot_env
# file) plus what `qfw load` sets (filesize = the initrd's size, bootargs = QEMU's
# -append) and `ver` (the version string of u-boot.bin).  Per scenario:
#   dt       `memplan handoff uboot -o` writes the DT byte for byte as the kernel
#            received it (the record's fdt.dtb, /sys/firmware/fdt)
#   initrd   U-Boot's "Loading Ramdisk to S, end E" (or none: in place) = predicted
#   dtb      U-Boot's "Loading Device Tree to S, end E" / "Using Device Tree in
#            place at S, end E" = predicted address and length (totalsize + 0x3000)
#   image    "Moving Image from" printed exactly when predicted; the Image's
#            "Kernel code" (/proc/iomem) in its first 2 MiB (verify checks it exactly)
#   verify   `memplan verify --record DIR --image-base I --fdt-base F` (I, F predicted;
#            the kernel log, memblock, iomem) MATCH
#   plan     `memplan plan --dtb board.dtb --uboot-env ENV` = `memplan plan --dtb
#            fdt.dtb --image-base I --fdt-base F` (JSON, same input name)
# Usage: tests/e2e/uboot-check.sh SCENARIO.scn...
# Environment: MEMPLAN (default build/memplan), E2E_OUT (build/e2e), MEMPLAN_CACHE.
# Prints one line per check and "N passed, N failed".
set -eu

case "${1:-}" in
-h | --help | "") sed -n '3,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
	[ $# -gt 0 ] && exit 0
	exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
memplan=${MEMPLAN:-$top/build/memplan}
cache=${MEMPLAN_CACHE:-/var/cache/memplan}
outroot=${E2E_OUT:-$top/build/e2e}
uboot_bin=/usr/lib/u-boot/qemu_arm64/u-boot.bin
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
# the value of a JSON member (numbers and booleans of the flat memplan-uboot/1 object)
jget() { sed -n "s/^  \"$1\": \([^,]*\),*$/\1/p" "$2" | head -1; }
jbase() { sed -n "s/^  \"$1\": {\"base\": \([0-9]*\), \"size\": \([0-9]*\)}.*/\1 \2/p" "$2"; }

mkdir -p "$outroot"
for scn in "$@"; do
	name=$(basename "$scn" .scn)
	dir=$outroot/$name
	if ! E2E_OUT=$outroot "$here/run.sh" "$scn" >"$outroot/$name.run.log" 2>&1; then
		bad "$name boot: $(tail -2 "$outroot/$name.run.log" | head -1)"
		continue
	fi
	ok "$name boot"
	# qemu-command is printf %q output: read it back as words
	qcmd=()
	eval "qcmd=($(cat "$dir/qemu-command"))"
	qarg() { local i; for ((i = 0; i + 1 < ${#qcmd[@]}; i++)); do
		[ "${qcmd[i]}" = "$1" ] && { printf '%s' "${qcmd[i + 1]}"; return; }; done; }
	image=$(qarg -kernel)
	initrd=$(qarg -initrd)
	append=$(qarg -append)
	env=$dir/predict.env
	{
		cat "$dir/uboot.env"
		printf 'filesize=%x\n' "$(stat -c %s "$initrd")"
		printf 'bootargs=%s\n' "$append"
		printf 'ver=%s\n' "$(strings "$uboot_bin" | grep -m1 '^U-Boot 20')"
	} >"$env"
	json=$dir/predict.json
	if ! "$memplan" handoff uboot --dtb "$dir/board.dtb" --uboot-env "$env" --image "$image" \
		-o "$dir/predicted.dtb" --format json >"$json" 2>"$dir/predict.err"; then
		bad "$name predict: $(head -3 "$dir/predict.err" "$json" | tr '\n' ' ')"
		continue
	fi
	# dt: the DT the kernel received
	if cmp -s "$dir/predicted.dtb" "$dir/fdt.dtb"; then
		ok "$name dt: the hand-over DT equals the received one ($(stat -c %s "$dir/fdt.dtb") bytes)"
	else
		bad "$name dt: predicted.dtb differs from fdt.dtb"
		diff <(dtc -q -I dtb -O dts "$dir/predicted.dtb") <(dtc -q -I dtb -O dts "$dir/fdt.dtb") | head -10
	fi
	# initrd: U-Boot's own line
	read -r ib is <<<"$(jbase initrd "$json")"
	want=$(printf 'Loading Ramdisk to %08x, end %08x' "$ib" "$((ib + is))")
	[ "$(jget initrd_copied "$json")" = true ] || want=""
	got=$(grep -ao 'Loading Ramdisk to [0-9a-f]*, end [0-9a-f]*' "$dir/serial.log" | head -1 || true)
	if [ "$got" = "$want" ]; then ok "$name initrd: '${got:-in place}'"
	else bad "$name initrd: U-Boot '$got', predicted '$want'"; fi
	# dtb
	read -r fb _ <<<"$(jbase fdt "$json")"
	cl=$(jget fdt_copy_len "$json")
	if [ "$(jget fdt_relocated "$json")" = true ]; then
		want=$(printf 'Loading Device Tree to %016x, end %016x' "$fb" "$((fb + cl - 1))")
		got=$(grep -ao 'Loading Device Tree to [0-9a-f]*, end [0-9a-f]*' "$dir/serial.log" | head -1 || true)
	else
		want=$(printf 'Using Device Tree in place at %016x, end %016x' "$fb" "$((fb + cl - 1))")
		got=$(grep -ao 'Using Device Tree in place at [0-9a-f]*, end [0-9a-f]*' "$dir/serial.log" |
			head -1 || true)
	fi
	if [ "$got" = "$want" ]; then ok "$name dtb: '$got'"
	else bad "$name dtb: U-Boot '$got', predicted '$want'"; fi
	# image: moved or not, and where the kernel's text is
	read -r kb _ <<<"$(jbase image "$json")"
	moved=false
	grep -aq 'Moving Image from' "$dir/serial.log" && moved=true
	code=$(sed -n 's/^ *\([0-9a-f]*\)-[0-9a-f]* : Kernel code$/\1/p' "$dir/iomem" | head -1)
	if [ "$moved" = "$(jget image_moved "$json")" ] && [ -n "$code" ] &&
		[ $((0x$code)) -ge "$kb" ] && [ $((0x$code - kb)) -lt $((0x200000)) ]; then
		ok "$name image: at $(printf '0x%x' "$kb") (Kernel code 0x$code, moved=$moved)"
	else
		bad "$name image: predicted $(printf '0x%x' "$kb") moved=$(jget image_moved "$json"); Kernel code 0x$code moved=$moved"
	fi
	# verify: the kernel's own decisions against memplan's plan of that DT
	# shellcheck disable=SC2012 # one config-VERSION file
	kconfig=$(ls "$cache"/guest/root/boot/config-* | head -1)
	kargs=(--kernel linux-6.1 --kconfig "$kconfig" --image "$image")
	if out=$("$memplan" verify --record "$dir" "${kargs[@]}" --image-base "$kb" --fdt-base "$fb" 2>&1); then
		ok "$name verify: $(printf '%s\n' "$out" | grep '^summary' | head -1)"
	else
		bad "$name verify: $(printf '%s\n' "$out" | grep -E '^summary|^  [-+] ' | head -6 | tr '\n' ' ')"
	fi
	# plan: --uboot-env over the board DT = the plan of the received DT and placement
	a=$("$memplan" plan --dtb "$dir/board.dtb" --uboot-env "$env" "${kargs[@]}" --format json 2>/dev/null | sed 's/board\.dtb/DT/g' || true)
	b=$("$memplan" plan --dtb "$dir/fdt.dtb" "${kargs[@]}" --image-base "$kb" --fdt-base "$fb" --format json 2>/dev/null | sed 's/fdt\.dtb/DT/g' || true)
	# equal but for the inputs' sources: U-Boot's placement ("boot-loader") against the
	# same addresses given on the command line ("given")
	if [ -n "$a" ] && why=$(python3 - "$a" "$b" "$kb" "$fb" <<'PY'
import json, sys
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
kb, fb = int(sys.argv[3], 0), int(sys.argv[4], 0)
ia, ib = a.pop("inputs"), b.pop("inputs")
for k, want in (("image_base", kb), ("dtb_base", fb)):
    if ia[k]["source"] != "boot-loader" or int(ia[k]["value"], 16) != want:
        sys.exit("inputs.%s is %s" % (k, ia[k]))
    if ib[k]["source"] != "given":
        sys.exit("the plan of the received DT: inputs.%s is %s" % (k, ib[k]))
if a != b:
    sys.exit("the plans differ beyond inputs")
PY
	); then ok "$name plan: --uboot-env plan = plan of the received DT"
	else bad "$name plan: $why"; diff <(echo "$a") <(echo "$b") | head -8; fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# fidelity.sh - the fidelity corpus: real boots of several arm64 kernels in QEMU, one
# scenario per NAME.scn in this directory, and `memplan verify` over each recorded boot
# (docs/design.md §5 item 2).  The kernels (KERNEL):
#   6.1   Debian's stock 6.1 Image (scripts/guest-fetch.sh), profile linux-6.1
#   6.12  our stock 4K build of linux-source-6.12 (scripts/build-kernel), profile
#         linux-6.12; its records also hold kernel_page_tables (the linear map)
#   memplan-6.12  the same with kernel-patches/6.12 (scripts/build-kernel --patches),
#         profile memplan-6.12; its records also hold early_mm.json (the kernel's
#         early decisions, /sys/kernel/debug/arm64_early_mm), compared member by
#         member.  Every scenario recorded on 6.12 is recorded on memplan-6.12 too.
#   memplan-6.12-64k  the same series built with 64K pages (scripts/build-kernel
#         --page-size 64k --patches), profile memplan-6.12; opt-in per scenario
#   debian-6.12   Debian's distribution 6.12 Image, 4K pages
#         (linux-image-6.12.*+deb12-arm64-unsigned, scripts/guest-fetch-612.sh),
#         profile linux-6.12: 52-bit VA/PA with LPA2, which cortex-a57 lacks (the kernel
#         falls back to 48 bits), NUMA, 64 MiB CMA; no PTDUMP_DEBUGFS, so no
#         kernel_page_tables in its records
#   debian-6.12-16k  the same with 16K pages (-arm64-16k-unsigned), booted with
#         -cpu max,pauth=off (cortex-a57 has no 16K granule; max offers LPA2, so this
#         kernel runs with 52-bit VA/PA); opt-in per scenario (see kernels=)
#   debian-6.12-max  the 4K image of debian-6.12 on -cpu max,pauth=off: LPA2, so
#         52 bits and 5 translation levels; opt-in per scenario
#   UEFI boots (opt-in per scenario), every one through EDK II (QEMU_EFI.fd of
#   qemu-efi-aarch64) and its EFI stub, booted with efi=debug (the EFI memory map
#   verify plans from) and nokaslr; ACPI tables unless the scenario says
#   machine=,acpi=off (then QEMU's DT):
#   6.1-uefi  Debian's 6.1 Image (the 6.1 kernel's config, image size and BTF)
#   debian-6.12-uefi  Debian's 6.12 4K Image (debian-6.12's files)
#   6.12-acpi  our stock build with EFI + ACPI (scripts/build-kernel --variant acpi),
#         profile linux-6.12, kernel_page_tables in its records
#   memplan-6.12-acpi  the same with kernel-patches/6.12, profile memplan-6.12
#
# Usage: tests/e2e/corpus/fidelity.sh [run] [-k KERNEL] [NAME...]
#                                    verify the recorded boots (no QEMU, no kernel cache)
#        tests/e2e/corpus/fidelity.sh refresh [-k KERNEL] [NAME...]
#                                    re-record boots in QEMU (6.12: builds the kernel
#                                    with scripts/build-kernel first, cached; debian-6.12:
#                                    fetches it with scripts/guest-fetch-612.sh)
#        tests/e2e/corpus/fidelity.sh dtsi           re-dump virt-2g/4g/8g.dtsi from QEMU
#        tests/e2e/corpus/fidelity.sh boards [NAME...]  write dts/board-*.dts again: the
#                                    board DTs of linux-source-6.12 listed in boards.txt
#                                    grafted onto virt-*.dtsi (board-graft.py; its header
#                                    says how)
#        tests/e2e/corpus/fidelity.sh record-one KERNEL NAME   one boot (what refresh runs)
#        tests/e2e/corpus/fidelity.sh -h | --help
# -k KERNEL (repeatable) limits run/refresh to that kernel; default: every kernel.
#
# A scenario NAME.scn has "key=value" lines ('#' comments; the first comment after the
# SPDX line describes it):
#   mem=2G                     guest RAM (-m; at most 16G), always -smp 1 -cpu cortex-a57
#                              (debian-6.12-16k, debian-6.12-max: -cpu max,pauth=off)
#   crashkernel=VALUE          one crashkernel= argument (repeatable)
#   append=ARG                 one more kernel argument (repeatable)
#   dts=FILE                   DT source in dts/ (default: QEMU's own DT)
#   machine=,acpi=off          appended to -M virt (UEFI kernels: no ACPI tables, so
#                              EDK II hands over QEMU's DT)
#   device=virtio-rng-pci      one more QEMU -device
#   kaslr=yes                  no nokaslr: the kernel's random offsets stay (with an RNG
#                              device the EFI stub places the Image at random and gives
#                              a seed); the record keeps the kernel's VMCOREINFO
#                              (vmcoreinfo: PHYS_OFFSET, the linear map's shift)
#   kernels=6.1 6.12           the kernels it is recorded and verified on (default:
#                              "default" = 6.1 6.12 memplan-6.12 debian-6.12; the word
#                              default may be listed with others, e.g. "kernels=default
#                              debian-6.12-16k"; 6.12 implies memplan-6.12)
# The kernel command line is scripts/qemu-boot's (console=ttyAMA0 earlycon=...
# log_buf_len=4M panic=-1 [crashkernel=...] memplan.mode=record memblock=debug
# [nokaslr] [append...]): memblock=debug logs every memblock call, which verify compares
# one by one; nokaslr on Debian's kernels (6.1, debian-*), whose KASLR would add a
# page-table page at random.
#
# Recorded boots live in RECORDS/NAME/ (records/ for 6.1, records-KERNEL/ for the
# others): cmdline iomem memblock-memory memblock-reserved [early_mm.json] [IORT]
# [vmcoreinfo] (plain) and
# fdt.dtb.gz dmesg.gz serial.log.gz [kernel_page_tables.gz] (gzipped; the
# console without the base64 dumps of the record files).  The kernel each was recorded
# with is described by kernel/:
#   6.1   config-6.1.gz             image-size        kernel-version-6.1
#   6.12  config-6.12.gz            image-size-6.12   (written by `refresh -k 6.12`)
#   memplan-6.12  config-memplan-6.12.gz  image-size-memplan-6.12
#   memplan-6.12-64k  config-memplan-6.12-64k.gz  image-size-memplan-6.12-64k
#   debian-6.12[-16k]  config-debian-6.12[-16k].gz  image-size-debian-6.12[-16k]
#                 (the package's /boot/config-*, written by refresh, with kernel-version-*;
#                 debian-6.12-max shares debian-6.12's)
#   btf-6.1.btf, btf-debian-6.12[-16k].btf  the sizes of the structs memplan reads
#                 (scripts/btf-subset.py: device_node, property, pglist_data,
#                 mem_section_usage) cut from the BTF inside Debian's Image by refresh;
#                 run passes it as --btf (our own builds have no BTF: .config layouts)
# (image-size = the Image header's image_size).  `run` unpacks each record into
# $FIDELITY_OUT/KERNEL/NAME/ (default build/fidelity) and runs
#   memplan verify --record DIR --kernel PROFILE --kconfig CONFIG --image-size SIZE
# (image base and DTB base are derived from the record), then prints per kernel a
# header and one table row per scenario, and at the end one "fidelity: M of N lines
# matched (KERNEL)" per kernel and one "N passed, N failed" over all kernels.
# known-mismatches.txt lists (scenario, kernel) pairs whose mismatch is a diagnosed
# planner-core bug ("KERNEL NAME reason" lines): they are still reported as MISMATCH and
# fail `make fidelity`; with FIDELITY_ALLOW_KNOWN=1 (what `make check` sets) they count
# as passed ("known"), and a listed pair that now matches fails ("XPASS: drop it").
# Environment: MEMPLAN (default build/memplan), FIDELITY_OUT, FIDELITY_JOBS (refresh
# parallelism, default 2), QEMU_BOOT (default scripts/qemu-boot), BUILD_KERNEL (default
# scripts/build-kernel), GUEST_FETCH_612 (default scripts/guest-fetch-612.sh),
# FIDELITY_ALLOW_KNOWN; record-one of 6.12 needs FIDELITY_IMAGE
# (the Image; refresh sets it).
# Exit status: 0 every scenario matched, 1 a mismatch or a failed boot, 2 usage.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
usage() { sed -n '4,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'; }
all_kernels="6.1 6.12 memplan-6.12 memplan-6.12-64k debian-6.12 debian-6.12-16k debian-6.12-max"
all_kernels="$all_kernels 6.1-uefi debian-6.12-uefi 6.12-acpi memplan-6.12-acpi"
# the kernels of a scenario without a kernels= line (and of the word "default" in one)
default_kernels="6.1 6.12 memplan-6.12 debian-6.12"

# per-kernel facts: records directory, memplan profile, config file, image-size file
krecords() { case "$1" in 6.1) echo "$here/records" ;; *) echo "$here/records-$1" ;; esac; }
kprofile() {
	case "$1" in
	memplan-6.12*) echo memplan-6.12 ;; debian-6.12* | 6.12*) echo linux-6.12 ;;
	6.1*) echo linux-6.1 ;; *) echo "linux-$1" ;;
	esac
}
# kernels booted through UEFI firmware
kuefi() { case "$1" in *-uefi | *-acpi) return 0 ;; esac; return 1; }
# QEMU CPU: cortex-a57 has no 16K granule; max without pointer authentication (slow
# under TCG) has it
kcpu() { case "$1" in *-16k | *-max) echo "max,pauth=off" ;; *) echo cortex-a57 ;; esac; }
# the kernel whose Image, config and image size a kernel uses: itself, or the image
# booted on another CPU
kimage() {
	case "$1" in
	debian-6.12-max | debian-6.12-uefi) echo debian-6.12 ;; 6.1-uefi) echo 6.1 ;;
	*) echo "$1" ;;
	esac
}
# kernels whose records must hold kernel_page_tables (built with PTDUMP_DEBUGFS)
kptdump() { case "$1" in 6.12 | 6.12-acpi | memplan-6.12*) return 0 ;; esac; return 1; }
kconfig_gz() { echo "$here/kernel/config-$(kimage "$1").gz"; }
# the BTF subset of a Debian kernel (our own builds have none)
kbtf() { case "$(kimage "$1")" in 6.1 | debian-6.12*) echo "$here/kernel/btf-$(kimage "$1").btf" ;; esac; }
btf_structs="device_node property pglist_data mem_section_usage"
kisize() { case "$(kimage "$1")" in 6.1) echo "$here/kernel/image-size" ;; *) echo "$here/kernel/image-size-$(kimage "$1")" ;; esac; }
kcheck() {
	case " $all_kernels " in *" $1 "*) ;; *)
		echo "fidelity.sh: unknown kernel '$1' (one of: $all_kernels)" >&2; exit 2 ;;
	esac
}

cmd=run
case "${1:-}" in
-h | --help) usage; exit 0 ;;
run | refresh | dtsi | boards | record-one) cmd=$1; shift ;;
esac
kernels=""
if [ "$cmd" = run ] || [ "$cmd" = refresh ]; then
	while [ $# -gt 0 ]; do
		case "$1" in
		-k | --kernel) kcheck "${2:-}"; kernels="$kernels $2"; shift 2 ;;
		-h | --help) usage; exit 0 ;;
		-*) echo "fidelity.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
		*) break ;;
		esac
	done
fi
[ -n "$kernels" ] || kernels=$all_kernels

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

# is scenario $1 recorded on kernel $2? (its kernels= line, default all)
on_kernel() {
	local ks
	ks=$(sed -n 's/^kernels=//p' "$here/$1.scn" | tail -n 1)
	[ -n "$ks" ] || ks=default
	case " $ks " in *" default "*) ks="$ks $default_kernels" ;; esac
	case " $ks " in *" 6.12 "*) ks="$ks memplan-6.12" ;; esac
	case " $ks " in *" $2 "*) return 0 ;; esac
	return 1
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

# ---- boards: the board-DT scenarios' DTs (board-graft.py) ---------------------------
if [ "$cmd" = boards ]; then
	exec python3 "$here/board-graft.py" "$@"
fi

# ---- record-one KERNEL NAME: one QEMU boot into RECORDS/NAME (used by refresh) --------
if [ "$cmd" = record-one ]; then
	[ $# -eq 2 ] || { echo "fidelity.sh: usage: record-one KERNEL NAME" >&2; exit 2; }
	k=$1 name=$2
	kcheck "$k"
	scn=$here/$name.scn
	[ -f "$scn" ] || { echo "fidelity.sh: no scenario $name" >&2; exit 2; }
	# memblock=debug: every memblock_reserve/alloc/free is in the log, which verify
	# compares one by one with the plan's allocations
	args=(--mem 2G --smp 1 --cpu "$(kcpu "$k")" --mode record -q --append memblock=debug)
	nokaslr=(--append nokaslr)
	grep -qx 'kaslr=yes' "$scn" && nokaslr=()
	# Debian's kernels have KASLR: its random kernel and linear-map offsets move
	# page-table pages (memplan's kaslr-tables note), which only the kernel's
	# PHYS_OFFSET tells; nokaslr (and so no kaslr-seed from QEMU) makes their boots
	# reproducible, except in the kaslr=yes scenarios
	case "$k" in 6.1 | debian-*) args+=("${nokaslr[@]}") ;; esac
	# through EDK II: efi=debug prints the EFI memory map that verify plans from;
	# nokaslr keeps the stub's placement of the Image fixed
	kuefi "$k" && args+=(--firmware uefi --append efi=debug "${nokaslr[@]}")
	if [ "$(kimage "$k")" != 6.1 ]; then
		[ -f "${FIDELITY_IMAGE:-}" ] ||
			{ echo "fidelity.sh: record-one $k needs FIDELITY_IMAGE (see --help)" >&2; exit 2; }
		args+=(--kernel "$FIDELITY_IMAGE")
	fi
	while IFS= read -r line || [ -n "$line" ]; do
		case "$line" in '#'* | '') continue ;; esac
		key=${line%%=*}
		val=${line#*=}
		case "$key" in
		mem) args+=(--mem "$val") ;;
		crashkernel) args+=(--crashkernel "$val") ;;
		append) args+=(--append "$val") ;;
		dts) args+=(--dtb "$here/dts/$val") ;;
		machine) args+=(--machine-opts "$val") ;;
		device) args+=(--qemu-arg -device --qemu-arg "$val") ;;
		kernels | kaslr) ;;
		*) echo "fidelity.sh: $scn: unknown key '$key'" >&2; exit 2 ;;
		esac
	done <"$scn"
	out=${FIDELITY_OUT:-$top/build/fidelity}/rec-$k-$name
	if ! "${QEMU_BOOT:-$top/scripts/qemu-boot}" "${args[@]}" --out "$out" >/dev/null 2>&1; then
		echo "FAIL  $k $name: $(cat "$out/result" 2>/dev/null || echo 'qemu-boot failed')"
		exit 1
	fi
	if kptdump "$k" && [ ! -s "$out/kernel_page_tables" ]; then
		echo "FAIL  $k $name: no kernel_page_tables in the record"
		exit 1
	fi
	if [ "$(kprofile "$k")" = memplan-6.12 ] && [ ! -s "$out/early_mm.json" ]; then
		echo "FAIL  $k $name: no early_mm.json (/sys/kernel/debug/arm64_early_mm) in the record"
		exit 1
	fi
	dest=$(krecords "$k")/$name
	rm -rf "$dest"
	mkdir -p "$dest"
	if grep -qx 'kaslr=yes' "$scn" && [ ! -s "$out/vmcoreinfo" ]; then
		echo "FAIL  $k $name: no vmcoreinfo (/proc/kcore's VMCOREINFO) in the record"
		exit 1
	fi
	for f in cmdline iomem memblock-memory memblock-reserved early_mm.json IORT vmcoreinfo; do
		[ ! -f "$out/$f" ] || cp "$out/$f" "$dest/$f"
	done
	for f in fdt.dtb dmesg kernel_page_tables; do
		[ ! -f "$out/$f" ] || gzip -9n <"$out/$f" >"$dest/$f.gz"
	done
	# the console without the base64 record dumps (they are the files above)
	awk '/@@MEMPLAN-BEGIN/ { skip = 1; print; next } /@@MEMPLAN-END/ { skip = 0 } !skip' \
		"$out/serial.log" | gzip -9n >"$dest/serial.log.gz"
	echo "rec   $k $name ($(awk '$1 == "total" { print $2 }' "$out/timings") s)"
	exit 0
fi

# ---- refresh: record every scenario ---------------------------------------------------
if [ "$cmd" = refresh ]; then
	scenarios "$@" >/dev/null
	list=$(scenarios "$@")
	ok=1
	for k in $kernels; do
		if [ "$(kimage "$k")" = 6.1 ]; then
			# Debian's 6.1 package as scripts/guest-fetch.sh gives it (cached)
			"$top/scripts/guest-fetch.sh" >&2
			bout=$("$top/scripts/guest-fetch.sh" --print-dir)
			ver=$(cat "$bout/kernel-version")
			cp "$bout/kernel-version" "$here/kernel/kernel-version-6.1"
			isz=$(od -An -t u8 -j 16 -N 8 "$bout/Image" | tr -d ' ')
			printf '0x%x\n' "$isz" >"$(kisize 6.1)"
			gzip -9n <"$bout/root/boot/config-$ver" >"$(kconfig_gz 6.1)"
			# shellcheck disable=SC2086
			python3 "$top/scripts/btf-subset.py" "$bout/Image" "$(kbtf 6.1)" $btf_structs
		else
			# Debian's package (fetched, cached) or our own build (made, cached); then
			# keep its .config and image size
			case "$k" in
			debian-6.12*)
				fl=4k
				[ "$k" = debian-6.12-16k ] && fl=16k
				bout=$("${GUEST_FETCH_612:-$top/scripts/guest-fetch-612.sh}" \
					--flavour "$fl" | tail -n 1)
				cp "$bout/kernel-version" "$here/kernel/kernel-version-$(kimage "$k")"
				# shellcheck disable=SC2086
				python3 "$top/scripts/btf-subset.py" "$bout/Image" "$(kbtf "$k")" \
					$btf_structs
				;;
			*)
				bopt=()
				[ "$(kprofile "$k")" = memplan-6.12 ] &&
					bopt=(--patches "$top/kernel-patches/6.12")
				psz=4k
				[ "$k" = memplan-6.12-64k ] && psz=64k
				case "$k" in *-acpi) bopt+=(--variant acpi) ;; esac
				bout=$("${BUILD_KERNEL:-$top/scripts/build-kernel}" --page-size "$psz" \
					"${bopt[@]}" | tail -n 1)
				;;
			esac
			[ -f "$bout/Image" ] || { echo "refresh: no Image in '$bout'" >&2; exit 1; }
			export FIDELITY_IMAGE=$bout/Image
			isz=$(od -An -t u8 -j 16 -N 8 "$bout/Image" | tr -d ' ')
			isz=$(printf '0x%x' "$isz")
			if [ $# -gt 0 ] && { [ "$isz" != "$(cat "$(kisize "$k")" 2>/dev/null)" ] ||
				! gzip -dc "$(kconfig_gz "$k")" 2>/dev/null | cmp -s - "$bout/config"; }; then
				echo "refresh: warning: the $k kernel changed; re-record all its scenarios" >&2
			fi
			echo "$isz" >"$(kisize "$k")"
			gzip -9n <"$bout/config" >"$(kconfig_gz "$k")"
		fi
		# shellcheck disable=SC2086
		for n in $list; do on_kernel "$n" "$k" && echo "$k $n"; done |
			xargs -P "${FIDELITY_JOBS:-2}" -n 2 "$0" record-one || ok=0
	done
	if [ "$ok" = 1 ]; then
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
outroot=${FIDELITY_OUT:-$top/build/fidelity}
case "$outroot" in /*) ;; *) outroot=$top/$outroot ;; esac
scenarios "$@" >/dev/null
pass=0 fail=0 sums=""
for k in $kernels; do
	mkdir -p "$outroot/$k"
	kconfig=$outroot/$k/config
	isize=$(cat "$(kisize "$k")")
	gzip -dc "$(kconfig_gz "$k")" >"$kconfig"
	recs=$(krecords "$k")
	mtot=0 ntot=0
	echo "== kernel $k: $(kprofile "$k"), ${recs#"$top"/}/"
	printf '%-26s %9s  %s\n' scenario matched status
	for name in $(scenarios "$@"); do
		on_kernel "$name" "$k" || continue
		rec=$recs/$name
		dir=$outroot/$k/$name
		if [ ! -f "$rec/cmdline" ]; then
			printf '%-26s %9s  %s\n' "$name" - "FAIL (not recorded: make fidelity-refresh)"
			fail=$((fail + 1))
			continue
		fi
		rm -rf "$dir"
		mkdir -p "$dir"
		for f in cmdline iomem memblock-memory memblock-reserved early_mm.json IORT vmcoreinfo; do
			[ ! -f "$rec/$f" ] || cp "$rec/$f" "$dir/$f"
		done
		for f in fdt.dtb dmesg serial.log kernel_page_tables; do
			[ ! -f "$rec/$f.gz" ] || gzip -dc "$rec/$f.gz" >"$dir/$f"
		done
		set +e
		btf=()
		[ -z "$(kbtf "$k")" ] || btf=(--btf "$(kbtf "$k")")
		"$memplan" verify --record "$dir" --kernel "$(kprofile "$k")" --kconfig "$kconfig" \
			--image-size "$isize" "${btf[@]}" >"$dir/verify.txt" 2>&1
		rc=$?
		set -e
		sum=$(sed -n 's/^summary: \([0-9]*\) of \([0-9]*\) lines matched.*/\1 \2/p' \
			"$dir/verify.txt" | tail -n 1)
		m=${sum% *} n=${sum#* }
		if [ -z "$sum" ]; then m=0 n=0; fi
		mtot=$((mtot + m)) ntot=$((ntot + n))
		known=$(awk -v k="$k" -v n="$name" '$1 == k && $2 == n {
				$1 = ""; $2 = ""; sub(/^ +/, ""); print; exit }' \
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
			st="MISMATCH (${dir#"$top"/}/verify.txt)"
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
		printf '%-26s %4s/%-4s  %s\n' "$name" "$m" "$n" "$st"
	done
	sums="${sums}fidelity: $mtot of $ntot lines matched ($k)
"
done
printf '%s' "$sums"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

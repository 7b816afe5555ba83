#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# tests/fuzz/run.sh smoke|long|build|table [TARGET...]
#
# Builds the libFuzzer targets (clang -fsanitize=fuzzer,address,undefined)
# into build/fuzz/ and runs them one after the other, each on one core:
#   smoke  replay tests/fuzz/crashes/<target>-* through their target, then
#          each target $FUZZ_SMOKE_SECONDS s (default 20), about 4 minutes in all
#   long   each target $FUZZ_LONG_SECONDS s (default 1800); every run appends a
#          line to tests/fuzz/ledger.tsv and the table in docs/fuzzing.md is
#          regenerated from the ledger
#   build  only build and seed the corpora
#   table  only regenerate the docs/fuzzing.md table from the ledger
# $FUZZ_JOBS > 1 runs each target with -fork=$FUZZ_JOBS (default 1).
# Seeds: dts/*.dts compiled with dtc (plan), a few command lines (cmdline),
# the e2e boot records (bootrec), a tiny ELF core (vmcore), the stored early_mm.json
# records (jsonread), 6.12 kernel_page_tables and iomem (ptdump), the .config
# files of tests/ and of the kernel cache (kconfig), Image headers of the kernel
# cache and a crafted one (image), plan option lines (args), the BTF subsets of
# tests/unit/data raw and wrapped as a vmlinux and an Image, and a blob of every
# kind (btf), IORTs laid out like QEMU 7.2 virt's and with named components and
# root complexes of several revisions and limits (iort), the efi=debug logs of
# tests/unit/data and a JSON map (efimap).  Corpora grow in
# build/fuzz/corpus/<target>/; any crash is copied to tests/fuzz/crashes/ and
# the run exits 1.  docs/fuzzing.md says what each target covers.
set -eu
cd "$(dirname "$0")/../.."
MODE=${1:-smoke}
shift || true
ALL="fuzz_plan fuzz_cmdline fuzz_kconfig fuzz_image fuzz_args fuzz_bootrec fuzz_vmcore \
	fuzz_jsonread fuzz_ptdump fuzz_uboot_env fuzz_btf fuzz_iort fuzz_efimap fuzz_handoff_xen"
TARGETS=${*:-$ALL}
B=build/fuzz
F=tests/fuzz
LEDGER=$F/ledger.tsv
DOC=docs/fuzzing.md
CC=${FUZZ_CC:-clang}
CFLAGS="-std=gnu11 -Wall -Wextra -Werror -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
CORE=$(ls planner/core/*.c)

# The docs/fuzzing.md table between its markers, from every ledger line:
# per target the runs, the CPU time of all of them and of those since the last
# finding, the executions, and the last run's coverage, corpus and result.
table() {
	[ -f $LEDGER ] || return 0
	awk -F'\t' -v order="$ALL" '
	/^#/ { next }
	{
		t = $2; runs[t]++; cpu[t] += $3; execs[t] += $4
		if ($7 == "ok") clean[t] += $3; else clean[t] = 0
		cov[t] = $5; corp[t] = $6; res[t] = $7; date[t] = substr($1, 1, 10)
	}
	END {
		print "| target | runs | CPU time | CPU since the last finding | executions | coverage (last run) | corpus (last run) | last result |"
		print "|---|---:|---:|---:|---:|---:|---:|---|"
		n = split(order, o, " ")
		for (i = 1; i <= n; i++) {
			t = o[i]
			if (!(t in runs)) {
				printf "| %s | 0 | - | - | - | - | - | not run |\n", t
				continue
			}
			printf "| %s | %d | %.0f s (%.2f h) | %.0f s (%.2f h) | %d | %d | %d | %s (%s) |\n",
			       t, runs[t], cpu[t], cpu[t] / 3600, clean[t], clean[t] / 3600,
			       execs[t], cov[t], corp[t], res[t], date[t]
		}
	}' $LEDGER >$B/table.md
	awk -v tf=$B/table.md '
	/<!-- fuzz:begin -->/ { print; while ((getline l < tf) > 0) print l; skip = 1; next }
	/<!-- fuzz:end -->/ { skip = 0 }
	!skip' $DOC >$DOC.tmp
	mv $DOC.tmp $DOC
}
if [ "$MODE" = table ]; then
	mkdir -p $B
	table
	exit 0
fi

mkdir -p $B $F/crashes
# rebuild a target only when a source is newer than it
stale() { # target sources...
	local bin=$B/$1
	shift
	[ -x "$bin" ] || return 0
	[ -n "$(find "$@" planner/core/*.h planner/cli/*.h planner/bootrec/*.h $F/*.h -newer "$bin" 2>/dev/null | head -1)" ]
}
for t in $TARGETS; do
	case $t in
	fuzz_plan|fuzz_cmdline|fuzz_btf|fuzz_iort|fuzz_handoff_xen) srcs="$F/$t.c $CORE" ;;
	fuzz_bootrec) srcs="$F/$t.c planner/bootrec/bootrec.c" ;;
	fuzz_vmcore) srcs="$F/$t.c kexec/vmcore-check.c planner/bootrec/bootrec.c" ;;
	fuzz_jsonread) srcs="$F/$t.c planner/bootrec/jsonread.c" ;;
	fuzz_ptdump) srcs="$F/$t.c planner/bootrec/ptdump.c planner/core/arm64.c" ;;
	fuzz_kconfig) srcs="$F/$t.c planner/cli/kconfig.c planner/cli/util.c $CORE" ;;
	fuzz_image) srcs="$F/$t.c planner/cli/image.c $CORE" ;;
	fuzz_uboot_env) srcs="$F/$t.c planner/cli/uboot_env.c planner/cli/util.c $CORE" ;;
	fuzz_efimap) srcs="$F/$t.c planner/cli/efimap_file.c planner/cli/util.c
		planner/bootrec/jsonread.c $CORE" ;;
	# planinput.c calls the readers of .config, BTF, Image, DTS and the U-Boot
	# planinput.c calls the readers of .config, BTF, IORT, Image, DTS and the U-Boot
	# hand-over (never reached: the target only parses options), so they are
	# linked too
	fuzz_args) srcs="$F/$t.c planner/cli/planinput.c planner/cli/util.c planner/cli/kconfig.c
		planner/cli/btf_file.c planner/cli/acpi_file.c planner/cli/efimap_file.c
		planner/bootrec/jsonread.c planner/cli/image.c planner/cli/dtc.c
		planner/cli/uboot_plan.c planner/cli/uboot_env.c $CORE" ;;
	*) srcs= ;;
	esac
	# shellcheck disable=SC2086
	[ -z "$srcs" ] || stale $t $srcs || continue
	case $t in
	fuzz_plan|fuzz_cmdline|fuzz_btf|fuzz_iort|fuzz_handoff_xen)
		# shellcheck disable=SC2086
		$CC $CFLAGS -Iplanner/core -o $B/$t $F/$t.c $CORE -lfdt ;;
	fuzz_bootrec)
		$CC $CFLAGS -Iplanner/bootrec -Iplanner/core -o $B/$t $F/$t.c planner/bootrec/bootrec.c ;;
	fuzz_vmcore)
		# vmcore-check.c has only main(): rename it, drive it with files
		$CC $CFLAGS -Iplanner/bootrec -Iplanner/core -Dmain=vmcore_check_main -o $B/$t $F/$t.c \
			kexec/vmcore-check.c planner/bootrec/bootrec.c ;;
	fuzz_jsonread | fuzz_ptdump)
		# shellcheck disable=SC2086
		$CC $CFLAGS -Iplanner/bootrec -Iplanner/core -o $B/$t $srcs ;;
	fuzz_efimap)
		# shellcheck disable=SC2086
		$CC $CFLAGS -Iplanner/cli -Iplanner/core -Iplanner/bootrec -o $B/$t $srcs -lfdt -lz ;;
	fuzz_kconfig | fuzz_image | fuzz_args | fuzz_uboot_env)
		# shellcheck disable=SC2086
		$CC $CFLAGS -Iplanner/cli -Iplanner/core -Iplanner/bootrec -o $B/$t $srcs -lfdt -lz ;;
	*) echo "run.sh: unknown target $t" >&2; exit 2 ;;
	esac
done

# ---- seed corpora (only added, never removed) ----
seed() { # target name < data
	mkdir -p $B/corpus/$1
	cat >"$B/corpus/$1/seed-$2"
}
for f in dts/*.dts; do
	n=$(basename "$f" .dts)
	dtc -q -I dts -O dtb -o $B/tmp.dtb "$f" 2>/dev/null || continue
	# mode byte: strict bit, profile bit; 12: 6.12 with rmem callers
	for m in 00 01 02 03 12; do
		{ printf "\\x$m"; cat $B/tmp.dtb; } | seed fuzz_plan "$n-$m"
	done
	for m in 00 01 02 41; do	# construction bits, dom0's bank (41: 0x80000000 with 4.19)
		{ printf "\\x$m"; cat $B/tmp.dtb; } | seed fuzz_handoff_xen "$n-$m"
	done
done
rm -f $B/tmp.dtb
i=0
for c in "console=ttyAMA0" "crashkernel=256M" "crashkernel=512M,high crashkernel=128M,low" \
	 "crashkernel=1G-4G:256M,4G-:512M@0x80000000" "mem=768M cma=64M" "cma=16M@0x40000000-0x60000000" \
	 "rodata=off kfence.sample_interval=100 debug_pagealloc=on" "crashkernel=64M@0x48000000 mem=1G" \
	 "\"quoted arg\" crashkernel=0x10000000 -- init=/bin/sh crashkernel=1M"; do
	printf '%s' "$c" | seed fuzz_cmdline "$i"
	i=$((i + 1))
done
i=0
for d in tests/e2e/corpus/records/*/; do
	[ $i -lt 12 ] || break
	for f in "$d"iomem "$d"memblock-memory "$d"memblock-reserved "$d"*.log; do
		[ -f "$f" ] || continue
		case $(basename "$f") in
		iomem) sel=3 ;; memblock-*) sel=4 ;; *) sel=0 ;;
		esac
		{ printf "\\x0$sel"; head -c 65536 "$f"; } | seed fuzz_bootrec "$i-$(basename "$f")"
	done
	i=$((i + 1))
done
printf '\x00<6>[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x410fd083]\n' | seed fuzz_bootrec line
for f in tests/verify/records/*/early_mm*.json tests/verify/records/*/capture/early_mm.json; do
	[ -f "$f" ] && seed fuzz_jsonread "$(echo "$f" | tr / _)" <"$f"
done
printf '{"a": [1, -2.5e3, "x\\u00e9", true, null, {}]}' | seed fuzz_jsonread small
i=0
for f in tests/e2e/corpus/records-6.12/*/kernel_page_tables.gz; do
	[ $i -lt 8 ] || break
	{ printf '\x00'; gzip -dc "$f" | head -c 65536; } | seed fuzz_ptdump "$i-pt"
	{ printf '\x01'; cat "$(dirname "$f")/iomem"; } | seed fuzz_ptdump "$i-iomem"
	i=$((i + 1))
done
printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\xb7\x00\x01\x00\x00\x00' | seed fuzz_vmcore elf-head
# kconfig: the .config files of the tests and of the kernel builds, if cached
for f in tests/*/*.config tests/*/kernel/config-*.gz tests/e2e/corpus/kernel/config-*.gz \
	 /var/cache/memplan/kernel/out/*/config; do
	[ -f "$f" ] || continue
	case $f in
	*.gz) gzip -dc "$f" ;;
	*) cat "$f" ;;
	esac | seed fuzz_kconfig "$(echo "$f" | tr / _)"
done
printf '%s\n' '# comment' 'CONFIG_ARM64_16K_PAGES=y' '# CONFIG_ARM64_4K_PAGES is not set' \
	'CONFIG_ARM64_VA_BITS=47' 'CONFIG_CMDLINE="console=ttyAMA0 \"x\\y\" cma=32M"' \
	'CONFIG_CMDLINE_EXTEND=y' 'CONFIG_CMA=y' 'CONFIG_CMA_SIZE_MBYTES=0x40' \
	'CONFIG_NR_CPUS=512  ' 'CONFIG_KFENCE=m' 'CONFIG_KFENCE_NUM_OBJECTS=255' | seed fuzz_kconfig crafted
# image: the headers of the cached kernel Images, and made-up ones
for f in /var/cache/memplan/kernel/out/*/Image; do
	[ -f "$f" ] && head -c 64 "$f" | seed fuzz_image "$(basename "$(dirname "$f")")"
done
# code0/1, text_offset 0, image_size 0x2000000, flags 0xa (LE, 4K, anywhere),
# res2-4, "ARM\x64", res5
{ printf 'MZ\x40\xfa\x00\x00\x00\x14'; printf '\x00%.0s' $(seq 8)
  printf '\x00\x00\x00\x02\x00\x00\x00\x00\x0a\x00\x00\x00\x00\x00\x00\x00'
  printf '\x00%.0s' $(seq 24); printf 'ARM\x64\x00\x00\x00\x00'; } | seed fuzz_image crafted
printf '\x1f\x8b\x08\x00' | seed fuzz_image gzip
# /proc/config.gz as it is: the gzip path of cli_kconfig_load()
for f in tests/*/*.config; do
	gzip -c "$f" | seed fuzz_kconfig "gz-$(basename "$f")"
done
printf 'MZ\x00\x00zimg\x00\x00' | seed fuzz_image zboot
# uboot_env: the e2e environments, printenv text and env export -t escapes
for f in tests/e2e/uboot/*.env; do
	[ -f "$f" ] && seed fuzz_uboot_env "$(basename "$f")" <"$f"
done
printf '%s\n' 'bootdelay=2' 'fdt_high=0xffffffff' 'initrd_high=ffffffffffffffff' \
	'kernel_addr_r=0x40400000' 'ramdisk_addr_r=0x44000000' 'filesize=e10ff6' \
	'fdtcontroladdr=bedb6db0' 'ver=U-Boot 2023.01 (Jan 01 2023)' '' \
	'Environment size: 1234/262140 bytes' | seed fuzz_uboot_env printenv
printf 'bootcmd=echo a\\\nb\r\nfdt_addr_r=4a000004\nbootm_size=10000000\n' |
	seed fuzz_uboot_env export
# efimap: the efi=debug logs of tests/unit/data (6.1 and 6.12, DT and ACPI), a
# JSON map
for f in tests/unit/data/efi-*.log; do
	[ -f "$f" ] && seed fuzz_efimap "$(basename "$f")" <"$f"
done
printf '%s' '{"map":{"address":"0xbbdd0040","size":"0x60","desc_size":48},' \
	'"tables":{"MEMATTR":"0xbe171018","memattr_entries":2,"ACPI 2.0":"0xbc430018"},' \
	'"descriptors":[{"type":"Conventional","start":"0x40000000","end":"0xbfffffff",' \
	'"attributes":["WB"]},{"type":"MMIO","start":"0x4000000","pages":16384,' \
	'"attributes":["RUN","WC"]}]}' | seed fuzz_efimap json
# btf: the stored subsets of Debian's kernels, raw and as a vmlinux (.BTF) and an
# Image; a blob with one type of every kind (Documentation/bpf/btf.rst), a typedef
# pg_data_t and the struct device_node it names
for f in tests/unit/data/btf-*.btf; do
	n=$(basename "$f" .btf)
	seed fuzz_btf "$n" <"$f"
	for c in elf image; do
		scripts/btf-subset.py --container $c "$f" $B/tmp.btf device_node pglist_data &&
			seed fuzz_btf "$n-$c" <$B/tmp.btf
	done
done
rm -f $B/tmp.btf
python3 - $B/corpus/fuzz_btf/seed-kinds <<'PY'
import struct, sys
strs = b"\0a\0pg_data_t\0device_node\0"
trailer = {1: 4, 3: 12, 4: 12, 5: 12, 6: 8, 13: 8, 14: 4, 15: 12, 17: 4, 19: 12}
types = b""
for kind in range(1, 20):  # ids 1..19, vlen 1 where the kind has per-member data
    vlen = 1 if kind in (4, 5, 6, 13, 15, 19) else 0
    types += struct.pack("<III", 1, kind << 24 | vlen, 1) + b"\0" * trailer.get(kind, 0)
types += struct.pack("<III", 3, 8 << 24, 21)  # id 20: typedef pg_data_t -> id 21
types += struct.pack("<III", 13, 4 << 24, 208)  # id 21: struct device_node, 208 bytes
hdr = struct.pack("<HBBIIIII", 0xEB9F, 1, 0, 24, 0, len(types), len(types), len(strs))
open(sys.argv[1], "wb").write(hdr + types + strs)
PY
# iort: QEMU 7.2 virt's layout (an ITS group, a revision-3 root complex of 64
# bits), named components of 32/40/48/0/72 bits, root complexes of revision 0
# and 1, an SMMUv3-sized node memplan only counts, no nodes (scripts/iort-table.py)
mkdir -p $B/corpus/fuzz_iort
scripts/iort-table.py $B/corpus/fuzz_iort/seed-qemu-virt
scripts/iort-table.py $B/corpus/fuzz_iort/seed-nc its nc:32 nc:40 nc:48 nc:0 nc:72
scripts/iort-table.py --revision 0 $B/corpus/fuzz_iort/seed-rc its rc:0:30 rc:1:44
scripts/iort-table.py $B/corpus/fuzz_iort/seed-other other:4:88 nc:36
scripts/iort-table.py $B/corpus/fuzz_iort/seed-empty none
# args: option lines, one argument per NUL-separated field
args() { # name args...
	local n=$1
	shift
	printf '%s\0' "$@" | head -c -1 | seed fuzz_args "$n"
}
args dtb --dtb virt.dtb
args dts-61 --dts board.dts --kernel linux-6.1
args cmdline --dtb virt.dtb --cmdline "crashkernel=256M cma=64M"
args eq --dtb=virt.dtb --image-base=0x40200000 --image-size=32M
args fdtbase --dtb virt.dtb --fdt-base 0x48000000
args files --kernel mainline --dtb d.dtb --kconfig .config --image Image
args out -o plan.svg --dtb virt.dtb
args help -h
args both --dtb d.dtb --dts d.dts
args imgboth --dtb d.dtb --image Image --image-size 1G
args all --dtb d.dtb --kernel memplan-6.12 --image-base 0x80000000 --image-size 0x2000000 \
	--fdt-base 0x88000000 --cmdline "mem=512M crashkernel=64M"
args size0 --dtb d.dtb --image-size 0
args huge --dtb d.dtb --image-base 18446744073709551615 --image-size 16E
args stray --dtb d.dtb stray
args missing --dtb
args badkernel --dtb d.dtb --kernel linux-5.10
args iort --dtb d.dtb --acpi-iort IORT --kernel linux-6.1

[ "$MODE" = build ] && exit 0
case $MODE in
smoke) secs=${FUZZ_SMOKE_SECONDS:-20} ;;
long) secs=${FUZZ_LONG_SECONDS:-1800} ;;
*) echo "usage: $0 smoke|long|build|table [TARGET...]" >&2; exit 2 ;;
esac
jobs=${FUZZ_JOBS:-1}
fork=
[ "$jobs" -gt 1 ] && fork=-fork=$jobs

# -close_fd_mask=1: vmcore-check prints its verdicts to stdout; 3 also drops
# stderr (libFuzzer and sanitizer reports keep a copy of it) for the targets
# whose code under test prints every rejected input there
mask() {
	case $1 in
	fuzz_args) echo 3 ;;
	*) echo 1 ;;
	esac
}

status=0
# every reproducer ever found must run once through its target without a finding
if [ "$MODE" = smoke ]; then
	for t in $TARGETS; do
		set -- $F/crashes/$t-*
		[ -f "$1" ] || continue
		set +e
		$B/$t -timeout=10 -rss_limit_mb=4096 -close_fd_mask="$(mask $t)" "$@" \
			>$B/$t-replay.log 2>&1
		rc=$?
		set -e
		if [ $rc != 0 ]; then
			status=1
			echo "$t: FAILED replaying $F/crashes/$t-* (exit $rc), log $B/$t-replay.log"
			grep -m1 -A25 'ERROR: \|runtime error\|deadly signal' $B/$t-replay.log |
				head -40 || true
		else
			echo "$t: $# regression input(s) replayed, ok"
		fi
	done
fi

# the commit the fuzzed code is from; -dirty when its sources differ from it
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- planner kexec $F/*.c $F/*.h 2>/dev/null || commit=$commit-dirty
TIMEFORMAT='%3U %3S'
for t in $TARGETS; do
	mkdir -p $B/corpus/$t $B/artifacts/$t
	log=$B/$t.log
	set +e
	# the time keyword reports the user and system CPU of the fuzzer process
	# (with its -fork children) on the group's stderr
	{ time $B/$t -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -max_len=1048576 \
		-close_fd_mask="$(mask $t)" -print_final_stats=1 -artifact_prefix=$B/artifacts/$t/ \
		${fork:+"$fork"} $B/corpus/$t >"$log" 2>&1; } 2>$B/$t.cpu
	rc=$?
	set -e
	cpu=$(awk '{printf "%.1f", $1 + $2}' $B/$t.cpu)
	execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{s+=$2} END {print s+0}')
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
	corpus=$(find $B/corpus/$t -type f | wc -l)
	found=0
	kinds=
	for a in $B/artifacts/$t/*; do
		[ -f "$a" ] || continue
		cp "$a" "$F/crashes/$t-$(basename "$a")"
		found=$((found + 1))
		k=$(basename "$a" | sed 's/-[0-9a-f]*$//')	# crash, timeout, oom, leak, slow-unit
		case " $kinds " in *" $k "*) ;; *) kinds="$kinds $k" ;; esac
	done
	rm -f $B/artifacts/$t/*
	if [ $rc != 0 ] || [ $found != 0 ]; then
		status=1
		result=$(echo $kinds | tr ' ' ,)
		result=${result:-exit-$rc}
		echo "$t: FAILED (exit $rc), $found reproducer(s) in $F/crashes/, execs=$execs, log $log"
		grep -m1 -A25 'ERROR: \|runtime error\|deadly signal' "$log" | head -40 || true
	else
		result=ok
		echo "$t: ok, ${secs}s, cpu=${cpu}s, execs=$execs, cov=${cov:-?}, corpus=$corpus"
	fi
	if [ "$MODE" = long ]; then
		[ -f $LEDGER ] || printf '# date\ttarget\tcpu_s\texecs\tcov\tcorpus\tresult\tcommit\n' >$LEDGER
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$t" \
			"$cpu" "$execs" "${cov:-0}" "$corpus" "$result" "$commit" >>$LEDGER
	fi
done
[ "$MODE" = long ] && table
exit $status

#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# tests/fuzz/run.sh smoke|long|build [TARGET...]
#
# Builds the libFuzzer targets (clang -fsanitize=fuzzer,address,undefined)
# into build/fuzz/ and runs them:
#   smoke  each target ~20 s (-max_total_time), about 2 minutes in all
#   long   each target $FUZZ_LONG_SECONDS s (default 1800), 2 jobs in parallel
#   build  only build and seed the corpora
# Seeds: dts/*.dts compiled with dtc (plan), a few command lines (cmdline),
# the e2e boot records (bootrec), a tiny ELF core (vmcore), the stored early_mm.json
# records (jsonread), 6.12 kernel_page_tables and iomem (ptdump).  Corpora grow in
# build/fuzz/corpus/<target>/; any crash is copied to tests/fuzz/crashes/ and
# the run exits 1.
set -eu
cd "$(dirname "$0")/../.."
MODE=${1:-smoke}
shift || true
TARGETS=${*:-"fuzz_plan fuzz_cmdline fuzz_bootrec fuzz_vmcore fuzz_jsonread fuzz_ptdump"}
B=build/fuzz
F=tests/fuzz
CC=${FUZZ_CC:-clang}
CFLAGS="-std=gnu11 -Wall -Wextra -Werror -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
CORE=$(ls planner/core/*.c)

mkdir -p $B $F/crashes
# rebuild a target only when a source is newer than it
stale() { # target sources...
	local bin=$B/$1
	shift
	[ -x "$bin" ] || return 0
	[ -n "$(find "$@" planner/core/*.h planner/cli/*.h -newer "$bin" 2>/dev/null | head -1)" ]
}
for t in $TARGETS; do
	case $t in
	fuzz_plan|fuzz_cmdline) srcs="$F/$t.c $CORE" ;;
	fuzz_bootrec) srcs="$F/$t.c planner/cli/bootrec.c" ;;
	fuzz_vmcore) srcs="$F/$t.c kexec/vmcore-check.c planner/cli/bootrec.c" ;;
	fuzz_jsonread) srcs="$F/$t.c planner/cli/jsonread.c" ;;
	fuzz_ptdump) srcs="$F/$t.c planner/cli/ptdump.c" ;;
	*) srcs= ;;
	esac
	# shellcheck disable=SC2086
	[ -z "$srcs" ] || stale $t $srcs || continue
	case $t in
	fuzz_plan|fuzz_cmdline)
		# shellcheck disable=SC2086
		$CC $CFLAGS -Iplanner/core -o $B/$t $F/$t.c $CORE -lfdt ;;
	fuzz_bootrec)
		$CC $CFLAGS -Iplanner/cli -o $B/$t $F/$t.c planner/cli/bootrec.c ;;
	fuzz_vmcore)
		# vmcore-check.c has only main(): rename it, drive it with files
		$CC $CFLAGS -Iplanner/cli -Dmain=vmcore_check_main -o $B/$t $F/$t.c \
			kexec/vmcore-check.c planner/cli/bootrec.c ;;
	fuzz_jsonread | fuzz_ptdump)
		# shellcheck disable=SC2086
		$CC $CFLAGS -Iplanner/cli -Iplanner/core -o $B/$t $srcs ;;
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
	for m in 0 1 2 3; do	# mode byte: strict bit, profile bit
		{ printf "\\x0$m"; cat $B/tmp.dtb; } | seed fuzz_plan "$n-$m"
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

[ "$MODE" = build ] && exit 0
case $MODE in
smoke) secs=${FUZZ_SMOKE_SECONDS:-20}; jobs=1 ;;
long) secs=${FUZZ_LONG_SECONDS:-1800}; jobs=2 ;;
*) echo "usage: $0 smoke|long|build [TARGET...]" >&2; exit 2 ;;
esac

status=0
for t in $TARGETS; do
	mkdir -p $B/corpus/$t $B/artifacts/$t
	log=$B/$t.log
	set +e
	# -close_fd_mask=1: vmcore-check prints its verdicts to stdout
	$B/$t -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -max_len=1048576 \
		-close_fd_mask=1 -print_final_stats=1 -artifact_prefix=$B/artifacts/$t/ \
		$([ $jobs -gt 1 ] && echo "-fork=$jobs") $B/corpus/$t >"$log" 2>&1
	rc=$?
	set -e
	execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{s+=$2} END {print s+0}')
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
	found=0
	for a in $B/artifacts/$t/*; do
		[ -f "$a" ] || continue
		cp "$a" $F/crashes/$t-$(basename "$a")
		found=$((found + 1))
	done
	rm -f $B/artifacts/$t/*
	if [ $rc != 0 ] || [ $found != 0 ]; then
		status=1
		echo "$t: FAILED (exit $rc), $found reproducer(s) in $F/crashes/, execs=$execs, log $log"
		grep -m1 -A25 'ERROR: \|runtime error\|deadly signal' "$log" | head -40 || true
	else
		echo "$t: ok, ${secs}s, execs=$execs, cov=${cov:-?}, corpus=$(ls $B/corpus/$t | wc -l)"
	fi
done
exit $status

#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# bench/run.sh - memplan benchmarks (`make bench`); never part of the tests.
#
#  (a) one typical DT planned: mp_plan_build() in-process, a few hundred
#      iterations, for dts/qemu-virt-8g.dts and dts/rpi4-like.dts (goal < 1 ms)
#  (b) N static /reserved-memory regions, N = 1,000 / 10,000 / 100,000
#      (goal: 10,000 in < 50 ms, n log n growth); profile linux-6.12.  The DTS
#      is generated and compiled by dtc for N <= 10,000; for 100,000 dtc needs
#      minutes, so the identical tree is written with libfdt (bench_plan gendtb;
#      identical output checked at N = 1,000).  DTBs are cached in build/bench.
#  (c) memblock op throughput: the same random op sequences (tests/memblock-diff
#      gen.c) replayed by the kernel's real mm/memblock.c and by memplan's model,
#      both -O2 without sanitizers, --quiet (checksum only, no printing).
#  (d) start-up: one `build/memplan lint FILE` process per upstream arm64 DTB
#      of Linux 6.12 (how CI and scripts call it) vs one `dtc -q -I dtb -O dts
#      -o /dev/null FILE` per DTB, in the same run, interleaved file by file
#      (which of the two runs first alternates); goal: lint/dtc <= 1.0.  Also
#      an empty run of each (`--version`).  The DTBs are the ones `make audit`
#      builds ($MEMPLAN_CACHE/dtbs/linux-6.12); without them (d) says so.
#
# Environment: BENCH_TIMEOUT (s, per plan measurement, default 120),
#              BENCH_NS (default "1000 10000 100000"),
#              MEMPLAN_CACHE (default /var/cache/memplan).
set -eu
cd "$(dirname "$0")/.."
B=build/bench
CC=${CC:-gcc}
WARN="-std=gnu11 -Wall -Wextra -Werror"
TMO=${BENCH_TIMEOUT:-120}
NS=${BENCH_NS:-"1000 10000 100000"}
mkdir -p $B

echo "memplan benchmarks  $(date -u '+%Y-%m-%d %H:%M UTC')  git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- planner 2>/dev/null || echo '+dirty')"
echo "machine: nproc=$(nproc)  cpu: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')  $(uname -sr)"
echo "compiler: $($CC --version | head -1), -O2, no sanitizers"
echo

$CC $WARN -O2 -Iplanner/core -o $B/bench_plan bench/bench_plan.c planner/core/*.c -lfdt

# ---- (a) ---------------------------------------------------------------------
echo "(a) typical DT, mp_plan_build() in-process (goal < 1 ms)"
printf '  %-22s %-11s %6s %10s %10s  %s\n' "DT" "profile" "iters" "mean" "min" "verdict"
for dt in qemu-virt-8g rpi4-like; do
	dtc -q -I dts -O dtb -o $B/$dt.dtb dts/$dt.dts
	for prof in linux-6.12 linux-6.1; do
		r=$($B/bench_plan plan $B/$dt.dtb $prof 300 64)
		mean=$(echo "$r" | sed 's/.*mean_us=\([0-9.]*\).*/\1/')
		min=$(echo "$r" | sed 's/.*min_us=\([0-9.]*\).*/\1/')
		ok=$(awk -v m="$mean" 'BEGIN { print (m < 1000) ? "ok" : "SLOW (goal 1000 us)" }')
		printf '  %-22s %-11s %6s %8s us %8s us  %s\n' "$dt.dts" "$prof" 300 "$mean" "$min" "$ok"
	done
done
echo

# ---- (b) ---------------------------------------------------------------------
echo "(b) N static reserved-memory regions, linux-6.12 (goal: 10,000 < 50 ms, n log n)"
printf '  %8s %-6s %5s %12s %16s %6s %9s  %s\n' "N" "dtb" "iters" "t(N)" "t/(N log2 N)" "rmem" "mb_resvd" "verdict"
for n in $NS; do
	dtb=$B/static-$n.dtb
	if [ ! -s "$dtb" ] || [ "$dtb" -ot bench/bench_plan.c ]; then
		if [ "$n" -le 10000 ]; then
			$B/bench_plan gendts "$n" >$B/static-$n.dts
			dtc -q -I dts -O dtb -o "$dtb" $B/static-$n.dts
		else
			$B/bench_plan gendtb "$n" "$dtb"
		fi
	fi
	how=$([ "$n" -le 10000 ] && echo dtc || echo libfdt)
	iters=$([ "$n" -le 1000 ] && echo 5 || echo 1)
	arena=$(( 64 + n / 50 ))	# MiB: 2 GiB at 100,000
	set +e
	r=$(timeout "$TMO" $B/bench_plan plan "$dtb" linux-6.12 $iters $arena 2>&1)
	rc=$?
	set -e
	if [ $rc = 124 ]; then
		printf '  %8s %-6s %5s %12s %16s %6s %9s  %s\n' "$n" "$how" "$iters" ">${TMO} s" "-" "-" "-" "TIMEOUT"
		continue
	fi
	mean=$(echo "$r" | sed -n 's/.*mean_us=\([0-9.]*\).*/\1/p')
	rmem=$(echo "$r" | sed -n 's/.* rmem=\([0-9]*\).*/\1/p')
	mbr=$(echo "$r" | sed -n 's/.*mb_reserved=\([0-9]*\).*/\1/p')
	ret=$(echo "$r" | sed -n 's/^ret=\(-*[0-9]*\).*/\1/p')
	awk -v n="$n" -v us="$mean" -v how="$how" -v it="$iters" -v rm="$rmem" -v mb="$mbr" -v ret="$ret" 'BEGIN {
		ms = us / 1000; ratio = us * 1000 / (n * log(n) / log(2));
		v = (ret != 0) ? "plan failed ret=" ret : (n == 10000 ? (ms < 50 ? "ok" : "SLOW (goal 50 ms)") : "");
		printf "  %8d %-6s %5d %9.1f ms %13.1f ns %6d %9d  %s\n", n, how, it, ms, ratio, rm, mb, v }'
done
echo "  (rmem = plan->nr_rmem, mb_resvd = final memblock.reserved regions in the plan)"
echo

# ---- (c) ---------------------------------------------------------------------
echo "(c) memblock op throughput: kernel mm/memblock.c (6.12, user space) vs memplan model"
ORACLE=$(tests/memblock-diff/build-oracle.sh)
D=tests/memblock-diff
$CC $WARN -O2 -o $B/gen $D/gen.c
$CC $WARN -O2 $(cat "$ORACLE/cflags") -I$D -o $B/oracle $D/oracle.c "$ORACLE/lib/libmemblock-fast.a" -lurcu
$CC $WARN -O2 -Iplanner/core -I$D -o $B/model $D/model.c planner/core/*.c -lfdt
printf '  %-34s %12s %14s %14s %9s  %s\n' "workload" "ops" "kernel ops/s" "memplan ops/s" "memplan/kernel" "checksums"
for spec in "200 sequences x 60 ops:--ops 60 --seqs 200:50" "200 sequences x 1-60 ops:--seqs 200:100" \
	    "200 tame sequences x 60 ops:--ops 60 --seqs 200 --tame:50"; do
	name=${spec%%:*}; rest=${spec#*:}; gopts=${rest%%:*}; rep=${rest##*:}
	# shellcheck disable=SC2086
	$B/gen 42 $gopts >$B/ops.txt
	k=$($B/oracle --quiet --repeat "$rep" $B/ops.txt 2>/dev/null)
	m=$($B/model --quiet --repeat "$rep" $B/ops.txt)
	kops=$(echo "$k" | sed 's/.*ops_per_sec=\([0-9]*\).*/\1/')
	mops=$(echo "$m" | sed 's/.*ops_per_sec=\([0-9]*\).*/\1/')
	nops=$(echo "$k" | sed 's/.* ops=\([0-9]*\).*/\1/')
	kck=$(echo "$k" | sed 's/.*checksum=\([0-9a-f]*\).*/\1/')
	mck=$(echo "$m" | sed 's/.*checksum=\([0-9a-f]*\).*/\1/')
	same=$([ "$kck" = "$mck" ] && echo "equal" || echo "DIFFER ($kck/$mck)")
	awk -v nm="$name" -v n="$nops" -v k="$kops" -v m="$mops" -v s="$same" 'BEGIN {
		printf "  %-34s %12d %14d %14d %8.2fx  %s\n", nm, n, k, m, m / k, s }'
done
echo "  (goal memplan/kernel >= 1x; the simulator's arrays hold 128 regions, so sequences are"
echo "   short: this measures small-array behaviour, where the kernel's memmove-based arrays are"
echo "   at their best; checksums differ when a sequence hits a known model divergence)"
echo

# ---- (d) ---------------------------------------------------------------------
echo "(d) start-up: one \`memplan lint FILE\` process per DTB vs one \`dtc -I dtb -O dts\` (goal <= 1.0)"
dtbs=${MEMPLAN_CACHE:-/var/cache/memplan}/dtbs/linux-6.12
dtbdir=$dtbs/arch/arm64/boot/dts
if [ ! -f "$dtbs/.memplan-dtbs" ] || [ ! -d "$dtbdir" ]; then
	echo "  skipped: no upstream DTBs in $dtbs;"
	echo "  \`make audit\` builds them (every arm64 DTB of linux-source-6.12, once; cached)"
else
	(cd "$dtbdir" && find . -name '*.dtb' | sed 's#^\./##' | LC_ALL=C sort) >$B/dtbs.list
	usec() { local t=${1//[!0-9]/}; echo $((10#$t)); }	# EPOCHREALTIME, 6 decimals
	lint_us=0 dtc_us=0 nf=0 crashed=0
	one_lint() {
		local t0=$EPOCHREALTIME t1 rc=0
		build/memplan lint "$dtbdir/$1" >/dev/null 2>&1 || rc=$?
		t1=$EPOCHREALTIME
		lint_us=$((lint_us + $(usec "$t1") - $(usec "$t0")))
		[ "$rc" -le 1 ] || crashed=$((crashed + 1))
	}
	one_dtc() {
		local t0=$EPOCHREALTIME t1
		dtc -q -I dtb -O dts -o /dev/null "$dtbdir/$1" || true
		t1=$EPOCHREALTIME
		dtc_us=$((dtc_us + $(usec "$t1") - $(usec "$t0")))
	}
	while read -r f; do
		nf=$((nf + 1))
		if [ $((nf % 2)) = 1 ]; then one_lint "$f"; one_dtc "$f"; else one_dtc "$f"; one_lint "$f"; fi
	done <$B/dtbs.list
	awk -v n="$nf" -v l="$lint_us" -v d="$dtc_us" 'BEGIN {
		printf "  %-44s %6s %9s %10s\n", "", "files", "total", "per file"
		printf "  %-44s %6d %7.2f s %7.3f ms\n", "memplan lint FILE (one process per DTB)", n, l / 1e6, l / n / 1e3
		printf "  %-44s %6d %7.2f s %7.3f ms\n", "dtc -q -I dtb -O dts -o /dev/null FILE", n, d / 1e6, d / n / 1e3
		printf "  ratio lint/dtc %.3f  %s\n", l / d, (l <= d) ? "ok" : "SLOW (goal <= 1.0)" }'
	[ "$crashed" = 0 ] || echo "  memplan lint exited >= 2 on $crashed DTBs (make audit lists them)"
	lint_us=0 dtc_us=0
	for ((i = 0; i < 500; i++)); do
		t0=$EPOCHREALTIME; build/memplan --version >/dev/null; t1=$EPOCHREALTIME
		dtc --version >/dev/null; t2=$EPOCHREALTIME
		lint_us=$((lint_us + $(usec "$t1") - $(usec "$t0")))
		dtc_us=$((dtc_us + $(usec "$t2") - $(usec "$t1")))
	done
	awk -v l="$lint_us" -v d="$dtc_us" 'BEGIN {
		printf "  empty run x500: memplan --version %.3f ms, dtc --version %.3f ms (ratio %.3f)\n",
			l / 500e3, d / 500e3, l / d }'
	echo "  (DTBs: $dtbs; \`make audit\` also times one lint process over all of them)"
fi

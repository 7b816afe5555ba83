#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# audit.sh - `make audit`: lint and plan every upstream arm64 DTB of linux-source-6.12 and
# regenerate the numbers of docs/upstream-audit.md.
#
# Usage: scripts/audit.sh [--no-report] [--sample N]
#   --no-report  print the numbers, leave docs/upstream-audit.md alone
#   --sample N   run the sanitizer build on every Nth DTB (default 10)
#   -h, --help   show this help
# env: MEMPLAN (default build/memplan), MEMPLAN_SAN (default build/memplan-san),
#      MEMPLAN_CACHE (default /var/cache/memplan)
#
# Steps:
#  1. the extracted kernel tree $MEMPLAN_CACHE/kernel/src/stock (made by
#     scripts/build-kernel; run with --page-size 4k when missing);
#  2. every DTB: make ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
#     CONFIG_OF_ALL_DTBS=y dtbs -j2 O=$MEMPLAN_CACHE/dtbs/linux-6.12 (after
#     allnoconfig there), under flock $MEMPLAN_CACHE/kernel/.lock so it never
#     runs beside a kernel build; cached: rebuilt only when the tree's stamp
#     changes;
#  3. `memplan lint --format json` on each DTB (every exit status must be 0 or
#     1: 2 would mean a DTB the kernel accepts was refused, >2 a crash), and
#     `dtc -I dtb -O dts` on each, timed side by side in the same run (one
#     process per file for both), plus one `memplan lint` over all files;
#  3b. `memplan plan --format json` on each DTB under linux-6.1, linux-6.12 and
#     memplan-6.12: every exit status 0 or 1; where memory came from (the DT or
#     assumed) and whether the default Image placement had to step past a
#     reservation, counted;
#  4. the sanitizer build (lint and plan) on a sample: no AddressSanitizer/UBSan report;
#  5. counts per code and severity, worst files, times: printed, and written
#     between the "audit:begin" and "audit:end" markers of
#     docs/upstream-audit.md (the text around them is written by hand).
# Exit status: 0 ok; 1 a crash, a refused DTB (lint or plan) or a sanitizer report; 2 usage.
set -eu

usage() {
	sed -n '3,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
}

report=1 sample=10
while [ $# -gt 0 ]; do
	case "$1" in
	-h | --help) usage; exit 0 ;;
	--no-report) report=0; shift ;;
	--sample) sample=${2:?--sample needs a number}; shift 2 ;;
	*) echo "audit.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
done
case "$sample" in '' | *[!0-9]* | 0) echo "audit.sh: --sample: a positive number" >&2; exit 2 ;; esac

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
MEMPLAN=${MEMPLAN:-build/memplan}
MEMPLAN_SAN=${MEMPLAN_SAN:-build/memplan-san}
cache=${MEMPLAN_CACHE:-/var/cache/memplan}
src=$cache/kernel/src/stock
out=$cache/dtbs/linux-6.12
lock=$cache/kernel/.lock
doc=docs/upstream-audit.md
for b in "$MEMPLAN" "$MEMPLAN_SAN"; do
	[ -x "$b" ] || { echo "audit.sh: $b missing: run make first" >&2; exit 2; }
done
abs() { case "$1" in /*) echo "$1" ;; *) echo "$top/$1" ;; esac; }
MEMPLAN=$(abs "$MEMPLAN")
MEMPLAN_SAN=$(abs "$MEMPLAN_SAN")

# 1. the kernel tree
if [ ! -f "$src/Makefile" ]; then
	echo "audit.sh: $src missing: scripts/build-kernel --page-size 4k"
	scripts/build-kernel --page-size 4k
fi

# 2. the DTBs (cached)
stamp=$(cat "$src.stamp" 2>/dev/null || echo none)
if [ ! -f "$out/.memplan-dtbs" ] || [ "$(cat "$out/.memplan-dtbs")" != "$stamp" ]; then
	mkdir -p "$out"
	echo "audit.sh: building every arm64 DTB into $out"
	start=$(date +%s)
	flock "$lock" sh -c '
		set -e
		cd "$1"
		[ -f "$2/.config" ] || make -s ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- O="$2" allnoconfig
		make -s ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- O="$2" CONFIG_OF_ALL_DTBS=y dtbs -j2
	' sh "$src" "$out"
	echo "$stamp" >"$out/.memplan-dtbs"
	echo "audit.sh: DTBs built in $(($(date +%s) - start)) s"
fi

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
(cd "$out/arch/arm64/boot/dts" && find . -name '*.dtb' | sed 's#^\./##' | LC_ALL=C sort) >"$T/list"
n=$(wc -l <"$T/list")
[ "$n" -gt 0 ] || { echo "audit.sh: no DTB under $out" >&2; exit 1; }
echo "audit.sh: $n DTBs"
dtbdir=$out/arch/arm64/boot/dts

# 3. lint and dtc, side by side, one process per file each
now() { date +%s.%N; }
mkdir -p "$T/json"
# the JSON names outside the timed loop: a `tr` per file would time two more
# processes per DTB on lint's side only
sed 'h; s#/#_#g; G; s/\n/ /' "$T/list" >"$T/pairs"
t0=$(now)
while read -r j f; do
	rc=0
	"$MEMPLAN" lint --format json "$dtbdir/$f" >"$T/json/$j.json" 2>>"$T/lint.err" || rc=$?
	echo "$rc $f" >>"$T/rc"
done <"$T/pairs"
t1=$(now)
while read -r f; do
	dtc -q -I dtb -O dts -o /dev/null "$dtbdir/$f" || echo "dtc failed: $f" >>"$T/dtc.err"
done <"$T/list"
t2=$(now)
# one lint process over all files (what CI would run)
(cd "$dtbdir" && xargs "$MEMPLAN" lint --format json <"$T/list" >"$T/all.json" 2>/dev/null) || true
t3=$(now)

# 3b. memplan plan on each DTB under every profile (issue 13: a board DT that leaves
# memory to the boot loader is planned with assumed RAM, never refused): one
# "PROFILE RC MEMORY-SOURCE IMAGE-MOVED IMAGE-ON-RESERVATION FILE" line each
tp0=$(now)
for prof in linux-6.1 linux-6.12 memplan-6.12; do
	while read -r f; do
		rc=0
		"$MEMPLAN" plan --kernel $prof --format json -o "$T/plan.json" "$dtbdir/$f" \
			2>>"$T/plan.err" || rc=$?
		msrc=$( (grep -m1 -A1 '"memory": {' "$T/plan.json" 2>/dev/null || true) | sed -n 's/.*"source": "\(.*\)".*/\1/p')
		moved=$(grep -c '"code": "placement-assumed"' "$T/plan.json" 2>/dev/null || true)
		onrsv=$(grep -c '"code": "placement-on-reservation"' "$T/plan.json" 2>/dev/null || true)
		echo "$prof $rc ${msrc:-none} ${moved:-0} ${onrsv:-0} $f" >>"$T/plan"
		rm -f "$T/plan.json"
	done <"$T/list"
done
tp1=$(now)

# 4. the sanitizer build on every Nth file
san_files=0 san_reports=0
i=0
while read -r f; do
	i=$((i + 1))
	[ $((i % sample)) -eq 1 ] || [ "$sample" -eq 1 ] || continue
	san_files=$((san_files + 1))
	rc=0
	"$MEMPLAN_SAN" lint --format json "$dtbdir/$f" >/dev/null 2>"$T/san.err" || rc=$?
	"$MEMPLAN_SAN" plan --format json -o /dev/null "$dtbdir/$f" 2>>"$T/san.err" || [ $? -eq 1 ] || rc=3
	if [ "$rc" -ge 2 ] || grep -Eq 'AddressSanitizer|LeakSanitizer|runtime error' "$T/san.err"; then
		san_reports=$((san_reports + 1))
		echo "sanitizer: $f (exit $rc)" >>"$T/san.bad"
		head -n 5 "$T/san.err" >>"$T/san.bad"
	fi
done <"$T/list"

# 5. numbers
python3 - "$T" "$n" "$t0" "$t1" "$t2" "$t3" "$san_files" "$san_reports" "$report" "$doc" "$sample" \
	"$dtbdir" "$tp0" "$tp1" <<'PY'
import collections, glob, json, os, re, sys
T, n, t0, t1, t2, t3, san_files, san_reports, report, doc, sample, dtbdir, tp0, tp1 = sys.argv[1:]
n, san_files, san_reports = int(n), int(san_files), int(san_reports)
lint_t, dtc_t, all_t = float(t1) - float(t0), float(t2) - float(t1), float(t3) - float(t2)
rcs = collections.Counter()
bad = []
for line in open(os.path.join(T, "rc")):
    rc, f = line.split(" ", 1)
    rcs[int(rc)] += 1
    if int(rc) >= 2:
        bad.append((int(rc), f.strip()))
codes = collections.Counter()
sev = collections.Counter()
files_with = collections.Counter()
per_file = collections.defaultdict(lambda: collections.Counter())
for path in glob.glob(os.path.join(T, "json", "*.json")):
    try:
        d = json.load(open(path))
    except ValueError:
        continue
    seen = set()
    for x in d["findings"]:
        f = os.path.relpath(x["file"], dtbdir)
        codes[(x["severity"], x["code"])] += 1
        sev[x["severity"]] += 1
        per_file[f][x["severity"]] += 1
        if x["code"] not in seen:
            files_with[x["code"]] += 1
            seen.add(x["code"])
clean = n - len(per_file)
out = []
out.append("Generated by `make audit` (scripts/audit.sh); do not edit between the markers.\n")
out.append("| | |\n|---|---|")
out.append(f"| DTBs (linux-source-6.12, `CONFIG_OF_ALL_DTBS=y dtbs`) | {n} |")
out.append(f"| `memplan lint` exit 0 / 1 / >=2 | {rcs[0]} / {rcs[1]} / {sum(v for k, v in rcs.items() if k >= 2)} |")
out.append(f"| DTBs without any finding | {clean} |")
out.append(f"| findings: error / warning / note | {sev['error']} / {sev['warning']} / {sev['note']} |")
out.append(f"| sanitizer build on every {sample}th DTB | {san_files} files, {san_reports} reports |")
out.append(f"| time, `dtc -I dtb -O dts` one process per DTB (dtc takes one file) | {dtc_t:.2f} s |")
out.append(f"| time, one `memplan lint` process over all DTBs (how lint is run) | {all_t:.2f} s |")
out.append(f"| **ratio lint / dtc** | **{all_t / dtc_t:.2f}** |")
out.append(f"| time, `memplan lint` one process per DTB (for comparison) | {lint_t:.2f} s |")
plans = collections.defaultdict(collections.Counter)
for line in open(os.path.join(T, "plan")):
    prof, rc, src, moved, onrsv, f = line.split(" ", 5)
    c = plans[prof]
    c["rc%d" % min(int(rc), 2)] += 1
    c["mem-" + src] += 1
    c["moved"] += int(moved) > 0
    c["onrsv"] += int(onrsv) > 0
out.append("\n`memplan plan --format json` on every DTB (no options: memory the DT leaves to the")
out.append("boot loader is assumed, Image and DTB placed as a boot loader's lmb would):\n")
out.append("| profile | exit 0 / 1 / >=2 | memory from the DT / assumed | Image default moved past a reservation | a default still on a reservation |")
out.append("|---|---|---|---:|---:|")
for prof in sorted(plans):
    c = plans[prof]
    out.append(f"| {prof} | {c['rc0']} / {c['rc1']} / {c['rc2']} | {c['mem-dt']} / {c['mem-assumed']} | {c['moved']} | {c['onrsv']} |")
out.append(f"\nTime for the {sum(sum(v for k, v in c.items() if k.startswith('rc')) for c in plans.values())} plans (one process each): {float(tp1) - float(tp0):.2f} s.")
out.append("\nFindings per code (a finding is one code on one node of one file; the")
out.append("profiles linted are linux-6.1 and linux-6.12):\n")
out.append("| severity | code | findings | files |\n|---|---|---:|---:|")
for (s, c), v in sorted(codes.items(), key=lambda kv: (["error", "warning", "note"].index(kv[0][0]), -kv[1], kv[0][1])):
    out.append(f"| {s} | `{c}` | {v} | {files_with[c]} |")
out.append("\nWorst offenders (most error findings, then warnings):\n")
out.append("| file | errors | warnings | notes |\n|---|---:|---:|---:|")
worst = sorted(per_file.items(), key=lambda kv: (-kv[1]["error"], -kv[1]["warning"], kv[0]))[:15]
for f, c in worst:
    out.append(f"| `{f}` | {c['error']} | {c['warning']} | {c['note']} |")
if bad:
    out.append("\nDTBs with exit status >= 2:\n")
    for rc, f in bad[:50]:
        out.append(f"- `{f}`: exit {rc}")
text = "\n".join(out) + "\n"
print(text)
if report == "1":
    s = open(doc).read() if os.path.exists(doc) else "# Upstream DT audit\n\n<!-- audit:begin -->\n<!-- audit:end -->\n"
    new, k = re.subn(r"(<!-- audit:begin -->\n).*?(<!-- audit:end -->)",
                     lambda m: m.group(1) + text + m.group(2), s, flags=re.S)
    if not k:
        new = s + "\n<!-- audit:begin -->\n" + text + "<!-- audit:end -->\n"
    open(doc, "w").write(new)
    print(f"audit.sh: numbers written to {doc}")
PY
status=0
if [ -s "$T/san.bad" ]; then cat "$T/san.bad"; status=1; fi
if [ -s "$T/dtc.err" ]; then head -n 5 "$T/dtc.err"; fi
if grep -qv '^[01] ' "$T/rc"; then
	echo "audit.sh: memplan lint exited >= 2 on:"; grep -v '^[01] ' "$T/rc" | head -n 20
	status=1
fi
if grep -qv '^[^ ]* [01] ' "$T/plan"; then
	echo "audit.sh: memplan plan exited >= 2 on:"; grep -v '^[^ ]* [01] ' "$T/plan" | head -n 20
	status=1
fi
exit $status

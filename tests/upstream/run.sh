#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# upstream/run.sh - memplan plan on real board DTs from Linux's own tree, against
# expectations derived without memplan (derive.py: the documented rules of assumed
# memory, the default Image placement and static /reserved-memory, written a
# second time in Python over fdtget/fdtdump).
#
# For each board of boards.txt:
#  1. its DTB is compiled from Debian's linux-source-6.12 as Kbuild does (cpp with
#     the kernel's include paths, then dtc: compile-dtb.sh, which extracts the DT
#     sources once into $MEMPLAN_CACHE/upstream-dts, cached per tarball);
#  2. expect/BOARD.json is the golden expectation (derive.py's output, with the
#     DTB's sha256); when the DTB differs (a new linux-source-6.12) the
#     expectation is derived again and the run says so;
#  3. `memplan plan --kernel P --format json` for linux-6.1 and linux-6.12 must exit 0
#     or 1, say where memory came from, put the Image where a boot loader's lmb
#     would, reserve each free-standing static region at its reg and (6.12) print
#     its "OF: reserved mem:" line.
# usage: tests/upstream/run.sh [--update]   (--update rewrites expect/ with derive.py)
# env: MEMPLAN (default build/memplan), MEMPLAN_CACHE (default /var/cache/memplan)
# Ends with "N passed, N failed"; exit 1 if anything failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.." || exit 2
MEMPLAN=${MEMPLAN:-build/memplan}
. tests/lib.sh
update=0
[ "${1:-}" = --update ] && update=1

grep -v '^#' tests/upstream/boards.txt >"$T/boards"
while read -r b; do
	[ -n "$b" ] || continue
	name=$(echo "$b" | tr / _)
	dtb=$T/$name.dtb
	if ! tests/upstream/compile-dtb.sh "$b" "$dtb" 2>"$T/err"; then
		bad "$b: does not compile: $(head -n 1 "$T/err")"
		continue
	fi
	sum=$(sha256sum "$dtb" | cut -d' ' -f1)
	exp=tests/upstream/expect/$name.json
	if [ $update -eq 1 ] || [ ! -f "$exp" ]; then
		python3 tests/upstream/derive.py "$dtb" |
			python3 -c 'import json,sys; d=json.load(sys.stdin); d["dtb_sha256"]=sys.argv[1]; print(json.dumps(d, indent=1, sort_keys=True))' "$sum" >"$exp"
	elif ! grep -q "\"dtb_sha256\": \"$sum\"" "$exp"; then
		echo "upstream: $b changed in this linux-source-6.12: expectation derived again"
		python3 tests/upstream/derive.py "$dtb" >"$T/$name.exp"
		exp=$T/$name.exp
	fi
	for prof in linux-6.1 linux-6.12; do
		rc=0
		"$MEMPLAN" plan --dtb "$dtb" --kernel $prof --format json -o "$T/$name.$prof.json" \
			2>"$T/err" || rc=$?
		if [ $rc -gt 1 ]; then
			bad "$b ($prof): exit $rc: $(head -n 1 "$T/err")"
			continue
		fi
		if python3 - "$exp" "$T/$name.$prof.json" $prof >"$T/why" <<'PY'
import json, sys
exp, got, prof = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
why = []
inp = got["inputs"]
if inp["memory"]["source"] != exp["memory_source"]:
    why.append("memory %s, expected %s" % (inp["memory"]["source"], exp["memory_source"]))
if "banks" in exp:
    banks = [[b["base"], b["size"]] for b in inp["memory"].get("banks", [])]
    if banks != exp["banks"]:
        why.append("assumed banks %s, expected %s" % (banks, exp["banks"]))
    if not any(d["code"] == "memory-assumed" for d in got["diagnostics"]):
        why.append("no memory-assumed note")
if inp["image_base"]["value"] != exp["image_base"] or inp["image_base"]["source"] != "assumed":
    why.append("image %s (%s), expected %s assumed" % (inp["image_base"]["value"],
               inp["image_base"]["source"], exp["image_base"]))
rm = {(r["name"], r["base"]): r for r in got["reserved_memory"]}
for name, base in exp["reserved"]:
    r = rm.get((name, base))
    if not r or r["status"] != "reserved":
        why.append("%s at %s: %s" % (name, base, r["status"] if r else "missing"))
if prof == "linux-6.12":
    log = set(got["kernel_log"])
    why += ["log lacks: " + l for l in exp["kernel_log"] if l not in log]
print("; ".join(why[:4]))
sys.exit(1 if why else 0)
PY
		then ok; else bad "$b ($prof): $(cat "$T/why")"; fi
	done
done <"$T/boards"
finish

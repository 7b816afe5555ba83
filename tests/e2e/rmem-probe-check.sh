#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# rmem-probe-check.sh - what the test driver tests/e2e/rmem-probe saw against memplan's
# consumer model: for each boot record DIR of a kernel that loaded it (the device memory
# variant, scenario key plan=--rmem-caller=memplan,rmem-probe), its dmesg lines
#   DEV: rmem-probe: index=I ret=R [dma=ADDR size=N | dma=none]
# (one per memory-region index of each "memplan,rmem-probe" node: what
# of_reserved_mem_device_init_by_idx() returned, and where a dma_alloc_coherent() of
# the device landed while it held that region alone) are held against
# `memplan plan --format json` of the record (fdt.dtb, cmdline, the kernel's config and
# Image, the Image's place from /proc/iomem, DIR/plan-options): for every consumers[]
# entry the driver calls (driver_calls), the line of its device and index must exist,
# R must be 0 for assigned and target-disabled and -errno otherwise, and an assigned
# region's allocation must lie inside that region's [base, base + size) of
# reserved_memory[] (a dynamic region's base as the plan places it).  A line nothing
# predicts fails too.
#
# Usage: tests/e2e/rmem-probe-check.sh RECORD_DIR...
# Environment: MEMPLAN (default build/memplan).
# Prints one line per phandle and "N passed, N failed"; exit 1 on any mismatch.
set -eu

case "${1:-}" in
-h | --help | "") sed -n '3,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
	[ $# -gt 0 ] && exit 0
	exit 2 ;;
esac
memplan=${MEMPLAN:-build/memplan}
pass=0
fail=0
for dir in "$@"; do
	name=$(basename "$dir")
	image=$(tr ' ' '\n' <"$dir/qemu-command" | sed -n '/^-kernel$/{n;p;q}')
	profile=linux-6.12
	# a kernel with the series (kernel-patches 0001) has its flattened-DT DMA limit
	grep -qs ' of_fdt_dma_max_cpu_address$' "$(dirname "$image")/System.map" &&
		profile="memplan-6.12"
	planopts=()
	[ ! -f "$dir/plan-options" ] || mapfile -t planopts <"$dir/plan-options"
	# pa(_text): /proc/iomem "Kernel code" rounded down to 2 MiB, as verify derives it
	code=$(sed -n 's/^ *\([0-9a-f]*\)-[0-9a-f]* : Kernel code$/\1/p' "$dir/iomem" | head -n 1)
	base=()
	[ -z "$code" ] || base=(--image-base "$(printf '0x%x' $((0x$code & ~0x1fffff)))")
	json=$(mktemp)
	# exit 1 is a plan with errors (the test DT's failing phandles): the JSON is whole
	"$memplan" plan --dtb "$dir/fdt.dtb" --kernel "$profile" --cmdline "$(cat "$dir/cmdline")" \
		--kconfig "$(dirname "$image")/config" --image "$image" "${base[@]}" \
		"${planopts[@]}" --format json -o "$json" || [ $? = 1 ]
	out=$(python3 - "$json" "$dir/dmesg" "$name" <<'PY'
import json, re, sys

plan = json.load(open(sys.argv[1]))
name = sys.argv[3]
regions = {r["name"]: r for r in plan["reserved_memory"]}
line_re = re.compile(r"(\S+): rmem-probe: index=(\d+) ret=(-?\d+)(?: dma=(0x[0-9a-f]+|none))?")
seen = {}
for text in open(sys.argv[2], errors="replace"):
    m = line_re.search(text)
    if m:
        dma = m.group(4)
        seen[(m.group(1), int(m.group(2)))] = (int(m.group(3)), dma)
ok = bad = 0
def report(good, msg):
    global ok, bad
    ok += good
    bad += not good
    print(("ok   " if good else "FAIL ") + name + ": " + msg)
calls = [c for c in plan["consumers"] if c["driver_calls"]]
if not calls:
    report(False, "the plan has no phandle a driver calls (no --rmem-caller in plan-options?)")
for c in calls:
    key = (c["device"], c["index"])
    want = 0 if c["outcome"] in ("assigned", "target-disabled") else -c["errno"]
    what = "%s[%d] -> %s: predicted %s ret=%d" % (c["device"], c["index"],
                                                c["region"] or c["target"], c["outcome"], want)
    if key not in seen:
        report(False, what + "; the driver printed no line")
        continue
    ret, dma = seen.pop(key)
    if ret != want:
        report(False, what + "; the driver got ret=%d" % ret)
    elif c["outcome"] != "assigned":
        report(True, what + (", dma=%s (not the region's)" % dma if dma else ""))
    else:
        r = regions.get(c["region"])
        b, s = (int(r["base"], 16), int(r["size"], 16)) if r and r["base"] else (0, 0)
        if not dma or dma == "none":
            report(False, what + "; dma_alloc_coherent() failed")
        elif not b <= int(dma, 16) < b + s:
            report(False, what + "; dma=%s outside the region [0x%x, 0x%x)" % (dma, b, b + s))
        else:
            report(True, what + ", dma=%s in [0x%x, 0x%x)" % (dma, b, b + s))
for (dev, idx), (ret, dma) in sorted(seen.items()):
    report(False, "%s[%d]: the driver printed ret=%d, nothing predicted" % (dev, idx, ret))
print("counts %d %d" % (ok, bad))
PY
	) || out="FAIL $name: the check did not run
counts 0 1"
	rm -f "$json"
	printf '%s\n' "$out" | grep -v '^counts '
	read -r p f <<<"$(printf '%s\n' "$out" | sed -n 's/^counts //p')"
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

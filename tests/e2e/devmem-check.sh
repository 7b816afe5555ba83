#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# devmem-check.sh - the kernel's own pick of device-private memory against memplan's
# prediction: for each boot record DIR of a kernel with lib/test_hmm built in
# (tests/e2e/scenarios/k612-hmm-*.scn), the "hmm_dmirror" ranges of DIR/iomem are
# where request_free_mem_region() put each dmirror device's 256 MiB chunk, one after
# the other; `memplan devmem --size 256M --format json` on DIR/fdt.dtb predicts the
# first one (kernel_pick), which must be the highest of them (the second device's
# chunk is the next free range below it; not compared).
# A record with a virtio-mem device (its "start address" and "region size" lines in
# DIR/dmesg, the region the device claims when it probes, which no DT shows) passes
# that region as --device-memory: memplan then says whether the kernel's pick
# collides with it, and the device's probe must fail ("could not reserve device
# region") exactly when it does.  When memplan says the pick lies in memory the DT
# declares but the kernel did not add (mem=), DIR/iomem must have no System RAM there.
#
# Usage: tests/e2e/devmem-check.sh RECORD_DIR...
# Environment: MEMPLAN (default build/memplan).
# Prints one line per record and "N passed, N failed"; exit 1 on any mismatch.
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
	real=$(sed -n 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) : hmm_dmirror$/0x\1-0x\2/p' "$dir/iomem")
	# the booted kernel's memstart_addr: 6.12's PHYSMEM_END follows it (KASLR)
	po=()
	off=$(sed -n 's/^NUMBER(PHYS_OFFSET)=//p' "$dir/vmcoreinfo" 2>/dev/null || true)
	[ -z "$off" ] || po=(--phys-offset "$off")
	# a virtio-mem device's region, as its driver prints it at probe
	dm=()
	vbase=$(sed -n 's/.*virtio_mem virtio[0-9]*: start address: \(0x[0-9a-f]*\).*/\1/p' \
		"$dir/dmesg" | head -n 1)
	vsize=$(sed -n 's/.*virtio_mem virtio[0-9]*: region size: \(0x[0-9a-f]*\).*/\1/p' \
		"$dir/dmesg" | head -n 1)
	[ -z "$vbase" ] || [ -z "$vsize" ] || dm=(--device-memory "$vbase:$vsize")
	json=$("$memplan" devmem --dtb "$dir/fdt.dtb" --kernel linux-6.12 \
		--kconfig "$(dirname "$image")/config" --cmdline "$(cat "$dir/cmdline")" \
		"${po[@]}" "${dm[@]}" --size 256M --format json || true)
	pick=$(printf '%s' "$json" | python3 -c '
import json, sys
k = json.load(sys.stdin)["kernel_pick"]
print("0x%x-0x%x" % (int(k["base"], 16), int(k["end"], 16)) if k else "none")')
	first=$(printf '%s\n' "$real" | sort | tail -n 1 | sed 's/0x0*/0x/g')
	if [ -n "$real" ] && [ "$first" = "$pick" ]; then
		echo "ok   $name: the kernel's first chunk $first as predicted"
		pass=$((pass + 1))
	else
		echo "FAIL $name: iomem hmm_dmirror [$(printf '%s' "$real" | tr '\n' ' ')], predicted $pick"
		fail=$((fail + 1))
	fi
	kind=$(printf '%s' "$json" | python3 -c '
import json, sys
c = (json.load(sys.stdin)["kernel_pick"] or {}).get("collides_with")
print(c["kind"].replace(" ", "-") if c else "none")')
	# memory the DT declares but the kernel did not add: no System RAM where the pick is
	case "$kind" in RAM | hotpluggable)
		if python3 - "$dir/iomem" "$pick" <<'PY'
import re, sys
lo, hi = (int(x, 16) for x in sys.argv[2].split("-"))
for line in open(sys.argv[1]):
    m = re.match(r"\s*([0-9a-f]+)-([0-9a-f]+) : System RAM$", line)
    if m and int(m.group(1), 16) <= hi and lo <= int(m.group(2), 16):
        sys.exit(1)
PY
		then
			echo "ok   $name: the pick lies in $kind memory the kernel did not add (no System RAM there), as predicted"
			pass=$((pass + 1))
		else
			echo "FAIL $name: memplan says the pick lies in unadded $kind memory, iomem has System RAM there"
			fail=$((fail + 1))
		fi ;;
	esac
	[ ${#dm[@]} -gt 0 ] || continue
	collides=$([ "$kind" = device-memory ] && echo yes || echo no)
	refused=no
	grep -q "virtio_mem virtio[0-9]*: could not reserve device region" "$dir/dmesg" && refused=yes
	if [ "$collides" = "$refused" ]; then
		echo "ok   $name: virtio-mem $vbase+$vsize: collision predicted $collides, probe refused $refused"
		pass=$((pass + 1))
	else
		echo "FAIL $name: virtio-mem $vbase+$vsize: collision predicted $collides, probe refused $refused"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

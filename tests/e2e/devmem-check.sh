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
	pick=$("$memplan" devmem --dtb "$dir/fdt.dtb" --kernel linux-6.12 \
		--kconfig "$(dirname "$image")/config" --cmdline "$(cat "$dir/cmdline")" \
		"${po[@]}" --size 256M --format json | python3 -c '
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
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

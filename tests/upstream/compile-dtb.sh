#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# compile-dtb.sh - compile one upstream arm64 board DT of Debian's linux-source-6.12 as
# Kbuild does: cpp with the kernel's include paths, then dtc.  What tests/upstream/run.sh
# and tests/e2e/corpus/board-graft.py (the board-DT scenarios of the fidelity corpus)
# share.
#
# Usage: tests/upstream/compile-dtb.sh [-@] BOARD OUT.dtb
#   BOARD  a path under arch/arm64/boot/dts without .dts (e.g. qcom/sm8550-qrd)
#   -@     dtc -@ (a __symbols__ node), as Kbuild builds a board that is the base of an
#          overlay in its Makefile (scripts/Makefile.dtbs: base-dtb-y)
# The DT sources (arch/arm64 and arch/arm dts, include/dt-bindings, include/uapi,
# scripts/dtc/include-prefixes) are extracted once from /usr/src/linux-source-6.12.tar.xz
# into $MEMPLAN_CACHE/upstream-dts (default /var/cache/memplan), again when the tarball
# changes (its size and mtime are the stamp); a missing tarball is installed with
# scripts/deps.sh kernel.  The DTB equals the one `make dtbs` writes for BOARD (same
# flags), byte for byte, with dtc 1.6.1.
# Exit status: 0 compiled; 1 no tarball, extraction or compilation failed (the first
# error on stderr); 2 usage.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
sym=""
[ "${1:-}" = -@ ] && { sym=-@; shift; }
[ $# -eq 2 ] || { echo "usage: compile-dtb.sh [-@] BOARD OUT.dtb" >&2; exit 2; }
b=$1 out=$2

tarball=/usr/src/linux-source-6.12.tar.xz
[ -f "$tarball" ] || "$top/scripts/deps.sh" kernel >/dev/null
[ -f "$tarball" ] || { echo "compile-dtb: $tarball missing after scripts/deps.sh kernel" >&2; exit 1; }
cache=${MEMPLAN_CACHE:-/var/cache/memplan}/upstream-dts
stamp=$(stat -c '%s-%Y' "$tarball")
src=$cache/linux-source-6.12
if [ "$(cat "$cache/stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$cache"
	mkdir -p "$cache"
	tar -xJf "$tarball" -C "$cache" --wildcards 'linux-source-6.12/arch/arm64/boot/dts/*' \
		'linux-source-6.12/arch/arm/boot/dts/*' 'linux-source-6.12/include/dt-bindings/*' \
		'linux-source-6.12/include/uapi/*' \
		'linux-source-6.12/scripts/dtc/include-prefixes/*' || exit 1
	echo "$stamp" >"$cache/stamp"
fi

[ -f "$src/arch/arm64/boot/dts/$b.dts" ] ||
	{ echo "compile-dtb: no arch/arm64/boot/dts/$b.dts in linux-source-6.12" >&2; exit 1; }
pp=$(mktemp)
trap 'rm -f "$pp"' EXIT
cpp -nostdinc -I "$src/include" -I "$src/arch/arm64/boot/dts" \
	-I "$src/scripts/dtc/include-prefixes" -undef -D__DTS__ -x assembler-with-cpp \
	-o "$pp" "$src/arch/arm64/boot/dts/$b.dts" || exit 1
# shellcheck disable=SC2086
dtc -q $sym -I dts -O dtb -o "$out" "$pp" || exit 1

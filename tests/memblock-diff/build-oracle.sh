#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# build-oracle.sh - build the kernel's real mm/memblock.c in user space, the way
# tools/testing/memblock/Makefile does (docs/kernel-model.md §12), for the
# differential test and the benchmark.
#
# Extracts tools/testing/memblock and what it needs from the Debian kernel
# source tarball into $MEMPLAN_CACHE/memblock-oracle (default
# /var/cache/memplan/memblock-oracle), outside the repository, and produces
#   $ORACLE/lib/libmemblock-san.a   the simulator's flags (-O2 + ASan/UBSan)
#   $ORACLE/lib/libmemblock-fast.a  the same objects at -O2 without sanitizers
#                                   (for throughput measurements)
#   $ORACLE/cflags                  the include/define flags a driver needs
# Each archive holds memblock.o mmzone.o slab.o cmdline.o lib/slab.o, i.e. the
# Makefile's DEP_OFILES; main.o and tests/*.o are replaced by our own driver
# (which must define `bool movable_node_enabled`, normally in tests/common.c).
#
# Idempotent: re-running does nothing once the archives exist (delete the
# directory, or pass --force, to rebuild).  Prints the oracle directory.
set -eu

TARBALL=${MEMPLAN_KERNEL_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
CACHE=${MEMPLAN_CACHE:-/var/cache/memplan}
ORACLE=$CACHE/memblock-oracle
TOP=linux-source-6.12
SIM=$ORACLE/$TOP/tools/testing/memblock
CC=${CC:-gcc}
force=0
[ "${1:-}" = "--force" ] && force=1

if [ $force = 0 ] && [ -f "$ORACLE/lib/libmemblock-san.a" ] && \
   [ -f "$ORACLE/lib/libmemblock-fast.a" ] && [ -f "$ORACLE/cflags" ]; then
	echo "$ORACLE"
	exit 0
fi

[ -r "$TARBALL" ] || { echo "build-oracle: cannot read $TARBALL" >&2; exit 1; }
echo "#include <urcu/uatomic.h>" | ${CC:-gcc} -E -x c - >/dev/null 2>&1 || {
	echo "build-oracle: liburcu-dev is needed (urcu/uatomic.h)" >&2; exit 1; }

mkdir -p "$ORACLE"
if [ $force = 1 ] || [ ! -f "$ORACLE/.extracted" ]; then
	echo "build-oracle: extracting from $TARBALL ..." >&2
	rm -rf "${ORACLE:?}/$TOP"
	# What the simulator's Makefile and headers reach: the simulator itself,
	# the tools/ user-space kernel headers and libs, the real memblock
	# source, the kernel headers the tools/ headers include by relative path
	# (include/linux/memblock.h, gfp_types.h, ...) and the x86 asm headers
	# the Makefile symlinks (asm.h, cmpxchg.h).
	tar -xJf "$TARBALL" -C "$ORACLE" \
		"$TOP/tools/testing/memblock" \
		"$TOP/tools/include" \
		"$TOP/tools/lib" \
		"$TOP/tools/arch/x86/include" \
		"$TOP/mm/memblock.c" \
		"$TOP/include" \
		"$TOP/arch/x86/include"
	touch "$ORACLE/.extracted"
fi

# The simulator's own Makefile creates the symlinks (memblock.c, linux/memblock.h,
# asm/asm.h, asm/cmpxchg.h) ...
make -s -C "$SIM" include memblock.c >&2

# ... and its CFLAGS (Makefile + scripts/Makefile.include, no NUMA/DEBUG):
SIM_CPPFLAGS="-I. -I../../include -D CONFIG_PHYS_ADDR_T_64BIT"
SAN_FLAGS="-Wall -O2 -fsanitize=address -fsanitize=undefined"
FAST_FLAGS="-Wall -O2"
# DEP_OFILES = memblock.o lib/slab.o mmzone.o slab.o cmdline.o, where slab.o
# and cmdline.o come from tools/lib via "vpath %.c ../../lib".
SRCS="memblock.c lib/slab.c mmzone.c ../../lib/slab.c ../../lib/cmdline.c"

build_variant() { # name flags
	local name=$1 flags=$2 objs="" src obj
	mkdir -p "$ORACLE/obj-$name" "$ORACLE/lib"
	for src in $SRCS; do
		obj=$ORACLE/obj-$name/$(echo "$src" | sed 's|^\.\./\.\./lib/|tools_lib_|; s|/|_|g; s|\.c$|.o|')
		(cd "$SIM" && $CC $SIM_CPPFLAGS $flags -c "$src" -o "$obj")
		objs="$objs $obj"
	done
	rm -f "$ORACLE/lib/libmemblock-$name.a"
	ar rcs "$ORACLE/lib/libmemblock-$name.a" $objs
}
echo "build-oracle: compiling mm/memblock.c (sanitized and -O2) ..." >&2
build_variant san "$SAN_FLAGS"
build_variant fast "$FAST_FLAGS"

# flags for a driver compiled outside $SIM
# -isystem: the kernel/tools headers are not -Wextra clean
echo "-isystem $SIM -isystem $ORACLE/$TOP/tools/include -D CONFIG_PHYS_ADDR_T_64BIT" >"$ORACLE/cflags"
echo "$ORACLE"

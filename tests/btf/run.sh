#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# btf tests: a BTF subset holds the sizes of the Image it was cut from.
# scripts/btf-subset.py cuts the struct sizes the planner needs out of Debian's
# 6.12 (4K) arm64 Image, as tests/unit/data/btf-*.btf were made; memplan's
# reader (build/btf-sizes: cli_btf_load(), mp_btf_struct_size()) must then find
# the same sizes in the subset as in the full Image, also with the subset
# wrapped as a vmlinux (.BTF section) and as an Image, and a typedef name
# (pg_data_t) must give its struct's size.  Files that carry no BTF give one
# error line and exit 2.
# The Image is the one of scripts/guest-fetch-612.sh in ${MEMPLAN_CACHE:-/var/cache/memplan}
# (make check's e2e boots fetch it); when it is missing it is fetched here.
#
# usage: tests/btf/run.sh   (env BTF_SIZES, default build/btf-sizes; MEMPLAN_CACHE)
# Ends with "N passed, N failed"; exit 1 if anything failed.
set -u
. "$(dirname "$0")/../lib.sh"
BTF_SIZES=${BTF_SIZES:-build/btf-sizes}
NAMES="device_node property pglist_data pg_data_t zone page mem_section mem_section_usage
	memblock_region reserved_mem"

image=$(scripts/guest-fetch-612.sh --print-dir)/Image
if [ ! -f "$image" ]; then
	echo "btf: fetching Debian's 6.12 Image (scripts/guest-fetch-612.sh)"
	scripts/guest-fetch-612.sh >"$T/fetch.log" 2>&1 || { cat "$T/fetch.log"; }
fi
if [ ! -f "$image" ]; then
	bad "no Debian 6.12 Image at $image, and scripts/guest-fetch-612.sh could not fetch it"
	finish
	exit 1
fi

# shellcheck disable=SC2086
expect "full Image: every size" 0 "$BTF_SIZES" "$image" $NAMES
cp "$T/out" "$T/full"
# the sizes this project's tests and docs quote for Debian's 6.12 (4K)
has "full Image: struct device_node" '^device_node 208$' "$T/full"
has "full Image: struct property" '^property 104$' "$T/full"
has "full Image: pg_data_t is struct pglist_data" "^pg_data_t $(sed -n 's/^pglist_data //p' "$T/full")\$" "$T/full"

# shellcheck disable=SC2086
expect "btf-subset.py" 0 scripts/btf-subset.py "$image" "$T/subset.btf" $NAMES
size=$(wc -c <"$T/subset.btf")
if [ "$size" -lt 1024 ]; then ok; else bad "the subset is $size bytes, not a few hundred"; fi
for c in raw elf image; do
	# shellcheck disable=SC2086
	expect "subset as $c" 0 scripts/btf-subset.py --container $c "$T/subset.btf" "$T/sub.$c" $NAMES
	# shellcheck disable=SC2086
	expect "subset as $c: read" 0 "$BTF_SIZES" "$T/sub.$c" $NAMES
	if cmp -s "$T/out" "$T/full"; then ok; else
		bad "subset as $c: sizes differ from the full Image"
		diff "$T/full" "$T/out" | sed 's/^/    /'
	fi
done
# the stored subset of this kernel gives what the Image gives, for the names it holds
expect "stored subset: read" 0 "$BTF_SIZES" tests/unit/data/btf-debian-6.12-4k.btf device_node \
	property pglist_data zone page mem_section mem_section_usage memblock_region reserved_mem
if grep -vx -f "$T/full" "$T/out" >"$T/diff"; then
	bad "tests/unit/data/btf-debian-6.12-4k.btf differs from $image: $(cat "$T/diff")" \
		"(a newer Debian kernel? cut it again with scripts/btf-subset.py)"
else ok; fi

# what carries no BTF: one line naming the file, exit 2
expect "a .config: exit 2" 2 "$BTF_SIZES" tests/estimate/64k.config page
has "a .config: says why" '^btf-sizes: --btf tests/estimate/64k.config: no BTF: not raw BTF, an ELF with \.BTF or an arm64 Image carrying one$' "$T/err"
head -c 65536 "$image" >"$T/head.Image"
expect "an Image's first 64 KiB: exit 2" 2 "$BTF_SIZES" "$T/head.Image" page
has "an Image's first 64 KiB: says why" "^btf-sizes: --btf $T/head.Image: arm64 Image without BTF" "$T/err"
expect "btf-subset.py: a .config" 1 scripts/btf-subset.py tests/estimate/64k.config "$T/x" page
expect "btf-subset.py: an ambiguous name" 1 scripts/btf-subset.py "$image" "$T/x" console
has "btf-subset.py: says ambiguous" 'struct console is ambiguous' "$T/err"
expect "btf-subset.py: no such struct" 1 scripts/btf-subset.py "$image" "$T/x" no_such_struct
expect "btf-subset.py: usage" 2 scripts/btf-subset.py "$image"
finish

#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# verify tests: `memplan verify` against the kernel's early decisions.  records/NAME/
# is a real boot of our patched 6.12 build (kernel=6.12-patched, tests/e2e/scenarios/
# NAME.scn, recorded by tests/e2e/run.sh) that holds early_mm.json, the kernel's
# /sys/kernel/debug/arm64_early_mm (kernel patch 0006), for the first and the capture
# kernel, and early_mm.loaded.json, read after kexec -p; kernel/ holds that build's
# .config and Image size.
#  - the recorded decisions equal memplan's prediction, member by member, first kernel
#    (at boot and with the capture kernel loaded) and kdump capture kernel;
#  - one value changed in a copy (the crash kernel's base, the DMA limit's source, a
#    mapping level), a member removed, one added: MISMATCH naming the member and the
#    first differing value, exit 1;
#  - the linear map with the capture kernel loaded (kernel_page_tables.loaded) has no
#    crash region; the boot's page tables in its place: MISMATCH;
#  - records/k612p-shrink-2g, crashkernel=256M shrunk to 161 MiB before kexec -p:
#    early_mm.shrunk.json (read after the shrink) equals the prediction, the kept
#    region re-mapped on its own (PMD blocks, PTEs at its new end); that end
#    changed to blocks in a copy: MISMATCH;
#  - the wrong profile for a patched kernel (linux-6.12 reserves late): MISMATCH;
#  - an early_mm.json that is not JSON or not the kernel's decisions: exit 2;
#  - an IORT in the record (an ACPI boot's, or --acpi-iort): QEMU virt's, no limit,
#    still matches; one of 30 bits empties ZONE_DMA: MISMATCH; a truncated one: exit 2.
# Records are stored like the fidelity corpus: small files plain, the rest gzipped.
#
# usage: tests/verify/run.sh   (env MEMPLAN, default build/memplan)
# Ends with "N passed, N failed"; exit 1 if anything failed.
set -u
. "$(dirname "$0")/../lib.sh"
D=tests/verify

# unpack RECORD into $T/RECORD (gunzip every *.gz)
unpack() {
	rm -rf "${T:?}/$1"
	cp -r "$D/records/$1" "$T/$1"
	find "$T/$1" -name '*.gz' -exec gzip -d {} +
}
gzip -dc "$D/kernel/config-memplan-6.12.gz" >"$T/config"
isize=$(cat "$D/kernel/image-size-memplan-6.12")
verify() {
	"$MEMPLAN" verify --kernel memplan-6.12 --kconfig "$T/config" --image-size "$isize" "$@"
}
# edit NAME FILE SED-SCRIPT [RECORD]: a copy of RECORD (k612p-ck256m-2g) whose FILE
# is edited
edit() {
	from=${4:-k612p-ck256m-2g}
	rm -rf "${T:?}/$1"
	cp -r "$T/$from" "$T/$1"
	sed -i -e "$3" "$T/$1/$2"
	if cmp -s "$T/$from/$2" "$T/$1/$2"; then
		bad "$1: the edit '$3' changed nothing"
	fi
}

unpack k612p-ck256m-2g
R=$T/k612p-ck256m-2g

# ---- the recorded decisions are memplan's prediction ----------------------------
expect "first kernel: verify matches" 0 verify --record "$R"
cp "$T/out" "$T/out1"
has "first kernel: every member matches, at boot and loaded" \
	'; kernel decisions 8 of 8 members: MATCH$'
has "first kernel: DMA limits and crash kernel" '^  MATCH     crashkernel$'
has "first kernel: the crash region's map once loaded" '^  MATCH     loaded:crash_linear_map$'
hasnt "first kernel: no mismatch" 'MISMATCH'
expect "capture kernel: verify matches" 0 verify --record "$R" --capture
has "capture kernel: every member matches" '; kernel decisions 4 of 4 members: MATCH$'
expect "json output" 0 verify --record "$R" --format json
has "json output: per member" '^    \{"member": "crashkernel", "status": "matched", "detail": null\}'

# ---- a changed value, a missing member, an extra member ----------------------
edit crash-moved early_mm.json 's/"start":"0x00000000b0000000"/"start":"0x00000000b0200000"/g'
expect "crash base changed: mismatch" 1 verify --record "$T/crash-moved"
has "crash base changed: member and first difference" \
	'^  MISMATCH  crashkernel  \(crashkernel\.regions\[0\]\.start: kernel "0x00000000b0200000", memplan "0x00000000b0000000"\)$'
has "crash base changed: the other members still match" '^  MATCH     dma_limits$'
has "crash base changed: verdict" '; kernel decisions 6 of 8 members: MISMATCH$'

edit late-limits early_mm.json 's/"source":"fdt"/"source":"dt,iort"/'
expect "limits taken late: mismatch" 1 verify --record "$T/late-limits"
has "limits taken late: path into the object" \
	'^  MISMATCH  dma_limits  \(dma_limits\.source: kernel "dt,iort", memplan "fdt"\)$'

edit pte-mapped early_mm.json 's/"mapping":"pmd"/"mapping":"pte"/'
expect "crash region with pages: mismatch" 1 verify --record "$T/pte-mapped"
has "crash region with pages: the level" \
	'^  MISMATCH  crash_linear_map  \(crash_linear_map\[0\]\.mapping: kernel "pte", memplan "pmd"\)$'

edit still-mapped early_mm.loaded.json 's/"mapping":"none"/"mapping":"pmd"/'
expect "loaded but not protected: mismatch" 1 verify --record "$T/still-mapped"
has "loaded but not protected: named" \
	'^  MISMATCH  loaded:crash_linear_map  \(crash_linear_map\[0\]\.mapping: kernel "pmd", memplan "none"\)$'

edit no-map-member early_mm.json 's/,"crash_linear_map":\[[^]]*\]//'
expect "member missing: mismatch" 1 verify --record "$T/no-map-member"
has "member missing: absent in the kernel's" \
	'^  MISMATCH  crash_linear_map  \(kernel \(absent\), memplan \[1 entry\]\)$'

edit extra-member early_mm.json 's/^{"schema":"arm64-early-mm\/1",/&"extra":true,/'
expect "extra member: mismatch" 1 verify --record "$T/extra-member"
has "extra member: only the kernel's" '^  MISMATCH  extra  \(kernel true, memplan \(absent\)\)$'

# ---- the linear map once kexec -p loaded the capture kernel ------------------------
has "loaded: the crash region is out of the linear map" \
	'; loaded 3 of 3 ranges; kernel decisions 8 of 8 members: MATCH$' "$T/out1"
rm -rf "$T/unprotected" && cp -r "$R" "$T/unprotected"
cp "$R/kernel_page_tables" "$T/unprotected/kernel_page_tables.loaded"
expect "loaded but still mapped: mismatch" 1 verify --record "$T/unprotected"
has "loaded but still mapped: the crash region is reported" \
	'^  \+ 0x00000000b0000000-0x00000000bfffffff pmd$'

# ---- a kexec_crash_size shrink before kexec -p ------------------------------------
unpack k612p-shrink-2g
expect "shrunk: verify matches" 0 verify --record "$T/k612p-shrink-2g"
has "shrunk: every member matches, at boot, shrunk and loaded" \
	'; kernel decisions 12 of 12 members: MATCH$'
has "shrunk: the kept region's map" '^  MATCH     shrunk:crash_linear_map$'
has "shrunk: the kept region" '^  MATCH     shrunk:crashkernel$'
edit shrunk-blocks early_mm.shrunk.json 's/"mapping":"pte"/"mapping":"pmd"/' k612p-shrink-2g
expect "shrunk, end mapped with blocks: mismatch" 1 verify --record "$T/shrunk-blocks"
has "shrunk, end mapped with blocks: the level" \
	'^  MISMATCH  shrunk:crash_linear_map  \(crash_linear_map\[1\]\.mapping: kernel "pmd", memplan "pte"\)$'
edit shrunk-not-shrunk early_mm.shrunk.json 's/"end":"0x00000000ba0fffff"}\]}/"end":"0x00000000bfffffff"}]}/' \
	k612p-shrink-2g
expect "shrunk but region unchanged: mismatch" 1 verify --record "$T/shrunk-not-shrunk"
has "shrunk but region unchanged: the end" \
	'^  MISMATCH  shrunk:crashkernel  \(crashkernel\.regions\[0\]\.end: kernel "0x00000000bfffffff", memplan "0x00000000ba0fffff"\)$'

# ---- an ACPI boot's IORT kept in the record (DIR/IORT), or --acpi-iort -----------
# (scripts/iort-table.py: QEMU 7.2 virt's layout, a root complex of 64 bits)
rm -rf "$T/iort" && cp -r "$R" "$T/iort"
scripts/iort-table.py "$T/iort/IORT"
expect "IORT without a limit in the record: verify matches" 0 verify --record "$T/iort"
has "IORT in the record: said" '^  derived IORT from the record: ZONE_DMA limit 0xffffffffffffffff$'
scripts/iort-table.py "$T/nc30.iort" its nc:30
cp "$T/nc30.iort" "$T/iort/IORT"
expect "IORT of 30 bits in the record: mismatch" 1 verify --record "$T/iort"
has "IORT of 30 bits: ZONE_DMA below all RAM" '^  - zone          DMA      empty$'
scripts/iort-table.py "$T/qemu.iort"
expect "--acpi-iort wins over the record's IORT" 0 verify --record "$T/iort" --acpi-iort "$T/qemu.iort"
hasnt "--acpi-iort: the record's IORT is not read" 'derived IORT from the record'
expect "--acpi-iort without a record's: mismatch" 1 verify --record "$R" --acpi-iort "$T/nc30.iort"
scripts/iort-table.py --truncate 60 "$T/iort/IORT"
expect "truncated IORT in the record: bad input" 2 verify --record "$T/iort"
has "truncated IORT: names the file" 'iort/IORT: truncated: the header.s length is 128 bytes, the file has 60' \
	"$T/err"

# ---- the wrong profile, bad files ----------------------------------------------
expect "linux-6.12 for a patched kernel: mismatch" 1 \
	"$MEMPLAN" verify --record "$R" --kernel linux-6.12 --kconfig "$T/config" \
	--image-size "$isize"
has "linux-6.12: the crash kernel is reserved late" \
	'^  MISMATCH  crashkernel  \(crashkernel\.reserved_in: kernel "arm64_memblock_init", memplan "bootmem_init"\)$'

edit not-json early_mm.json 's/}$/}}/'
expect "not JSON: bad input" 2 verify --record "$T/not-json"
has "not JSON: says where" 'early_mm.json: not JSON: text after the JSON value at byte' "$T/err"
edit not-decisions early_mm.json 's/arm64-early-mm\/1/memplan-plan\/1/'
expect "not the decisions: bad input" 2 verify --record "$T/not-decisions"
has "not the decisions: says so" "early_mm.json: not the kernel's early decisions" "$T/err"

finish

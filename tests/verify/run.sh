#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# verify tests: `memplan verify` against the kernel's own plan.  records/NAME/ is a
# real boot of our patched 6.12 build (kernel=6.12-patched, tests/e2e/scenarios/
# NAME.scn, recorded by tests/e2e/run.sh) that holds memplan.json, the kernel's
# /sys/kernel/debug/memplan (kernel patch 0006), for the first and the capture kernel;
# kernel/ holds that build's .config and Image size.
#  - the recorded plan equals memplan's own for the record's inputs, member by member
#    (kconfig_source is not compared), first kernel and kdump capture kernel;
#  - one value changed in a copy (the crash kernel's base), a member removed, one
#    added: MISMATCH naming the member and the first differing value, exit 1;
#  - the linear map with the capture kernel loaded (kernel_page_tables.loaded) has no
#    crash region; the boot's page tables in its place: MISMATCH;
#  - the wrong profile for a patched kernel: "profile" differs;
#  - a memplan.json that is not JSON or not a plan: exit 2.
# Records are stored like the fidelity corpus: small files plain, the rest gzipped.
#
# usage: tests/verify/run.sh   (env MEMPLAN, default build/memplan)
# Ends with "N passed, N failed"; exit 1 if anything failed.
set -u
case "${1:-}" in -h | --help) sed -n '3,/^set -u/p' "$0" | sed -e '/^set -u/d' -e 's/^# \{0,1\}//'; exit 0 ;; esac
cd "$(dirname "$0")/../.." || exit 2
MEMPLAN=${MEMPLAN:-build/memplan}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/handoff/lib.sh
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
# edit NAME SED-SCRIPT: a copy of the record whose memplan.json is edited
edit() {
	rm -rf "${T:?}/$1"
	cp -r "$T/k612p-ck256m-2g" "$T/$1"
	sed -i -e "$2" "$T/$1/memplan.json"
	if cmp -s "$T/k612p-ck256m-2g/memplan.json" "$T/$1/memplan.json"; then
		bad "$1: the edit '$2' changed nothing"
	fi
}

unpack k612p-ck256m-2g
R=$T/k612p-ck256m-2g

# ---- the recorded plan is memplan's -----------------------------------------
expect "first kernel: verify matches" 0 verify --record "$R"
cp "$T/out" "$T/out1"
has "first kernel: every member compared matches" \
	'; kernel plan 13 of 13 members: MATCH$'
has "first kernel: crash kernel at 256 MiB" \
	'^  MATCH     crashkernel$'
has "first kernel: kconfig_source differs by design" \
	'^  IGNORED   kconfig_source  \(differs by design: kernel "kernel:memplan-6.12", memplan "'
hasnt "first kernel: no mismatch" 'MISMATCH'
expect "capture kernel: verify matches" 0 verify --record "$R" --capture
has "capture kernel: every member compared matches" \
	'; kernel plan 13 of 13 members: MATCH$'
expect "json output" 0 verify --record "$R" --format json
has "json output: per member" '^    \{"member": "crashkernel", "status": "matched", "detail": null\}'
has "json output: ignored member" '^    \{"member": "kconfig_source", "status": "ignored", '

# ---- a changed value, a missing member, an extra member ----------------------
edit crash-moved '0,/"0x00000000b0000000"/s//"0x00000000b0200000"/'
expect "crash base changed: mismatch" 1 verify --record "$T/crash-moved"
has "crash base changed: member and first difference" \
	'^  MISMATCH  crashkernel  \(crashkernel\.low\.base: kernel "0x00000000b0200000", memplan "0x00000000b0000000"\)$'
has "crash base changed: the other members still match" '^  MATCH     allocations$'
has "crash base changed: verdict" '; kernel plan 12 of 13 members: MISMATCH$'

edit alloc-renamed '/"what": "CMA (default area)"/s/"CMA (default area)"/"CMA"/'
expect "allocation renamed: mismatch" 1 verify --record "$T/alloc-renamed"
has "allocation renamed: path into the array" \
	'^  MISMATCH  allocations  \(allocations\[[0-9]+\]\.what: kernel "CMA", memplan "CMA \(default area\)"\)$'

edit no-dma-limit '/^  "dma_limit": /d'
expect "member missing: mismatch" 1 verify --record "$T/no-dma-limit"
has "member missing: absent in the kernel's" \
	'^  MISMATCH  dma_limit  \(kernel \(absent\), memplan "0x00000000c0000000"\)$'

edit extra-member 's/^  "schema": "memplan-plan\/1",$/&\n  "extra": true,/'
expect "extra member: mismatch" 1 verify --record "$T/extra-member"
has "extra member: only the kernel's" '^  MISMATCH  extra  \(kernel true, memplan \(absent\)\)$'

# ---- the linear map once kexec -p loaded the capture kernel ------------------------
has "loaded: the crash region is out of the linear map" \
	'; loaded 3 of 3 ranges; kernel plan 13 of 13 members: MATCH$' "$T/out1"
rm -rf "$T/unprotected" && cp -r "$R" "$T/unprotected"
cp "$R/kernel_page_tables" "$T/unprotected/kernel_page_tables.loaded"
expect "loaded but still mapped: mismatch" 1 verify --record "$T/unprotected"
has "loaded but still mapped: the crash region is reported" \
	'^  \+ 0x00000000b0000000-0x00000000bfffffff pmd$'

# ---- the wrong profile, bad files ----------------------------------------------
expect "linux-6.12 for a patched kernel: mismatch" 1 \
	"$MEMPLAN" verify --record "$R" --kernel linux-6.12 --kconfig "$T/config" \
	--image-size "$isize"
has "linux-6.12: profile differs" \
	'^  MISMATCH  profile  \(kernel "memplan-6.12", memplan "linux-6.12"\)$'

edit not-json 's/^}$/}}/'
expect "not JSON: bad input" 2 verify --record "$T/not-json"
has "not JSON: says where" 'memplan.json: not JSON: text after the JSON value at byte' "$T/err"
edit not-a-plan 's/memplan-plan\/1/memplan-verify\/1/'
expect "not a plan: bad input" 2 verify --record "$T/not-a-plan"
has "not a plan: says so" 'memplan.json: not a plan' "$T/err"

finish

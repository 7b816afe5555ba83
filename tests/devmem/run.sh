#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# devmem tests: `memplan devmem --size N` over literal DTs (tests/devmem/*.dts).
# soc-pa40.dts with 40-bit PA: the search starts at 2^40, skips the PCIe 64-bit
# window, the hotpluggable memory and a translated bus window, and picks
# [0x7d80000000, 0x7dc0000000); section rounding for 4K and 64K pages; with the
# default 48-bit PA the linear map's end (memstart + 2^47) bounds the search.
# ram42.dts, RAM at 0x42000000: memstart is 0x40000000 with 4K, 16K and 64K
# pages (ARM64_MEMSTART_ALIGN 1 GiB, 1 GiB, 512 MiB), as the core's plan has it;
# with 16K pages and 47-bit VA the search starts at 0x40000000 + 2^46; a 52-bit
# configuration without LPA2 runs with 48 bits.
#
# usage: tests/devmem/run.sh   (env MEMPLAN, default build/memplan)
# Ends with "N passed, N failed"; exit 1 if anything failed.
set -u
. "$(dirname "$0")/../lib.sh"
D=tests/devmem

expect "4k: found" 0 "$MEMPLAN" devmem --dts $D/soc-pa40.dts --kconfig $D/pa40-4k.config --size 1G
has "4k: search from 2^40" 'search from 0x0000010000000000 down'
has "4k: PCIe window rejected" '^  \[0x000000ffc0000000-0x000000ffffffffff\] rejected: overlaps bus window /pcie@10000000'
has "4k: hotpluggable rejected" 'rejected: overlaps hotpluggable /memory@7e00000000'
has "4k: translated device MMIO" 'MMIO /soc@7dc0000000/dev@10000000 \[0x7dd0000000-0x7dd0000fff\]'
has "4k: chosen" '^chosen: 0x0000007d80000000-0x0000007dbfffffff \(1 GiB\)'
has "4k: untranslatable reg skipped" '\(1 reg entries not memory-mapped: skipped\)'

expect "64k json" 0 "$MEMPLAN" devmem --dts $D/soc-pa40.dts --kconfig $D/pa40-64k.config \
	--size 600M --format json
cp "$T/out" "$T/64k.json"
py "64k: 512 MiB sections, 600M -> 1 GiB, section-aligned, above RAM" "$T/64k.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "memplan-devmem/1"
assert int(d["section_size"], 16) == 512 << 20
assert int(d["size"], 16) == 1 << 30
c = d["chosen"]
base, end = int(c["base"], 16), int(c["end"], 16) + 1
assert base % (512 << 20) == 0 and end - base == 1 << 30, c
assert c["above_all_ram"] and base == 0x7d80000000, c
assert [x["accepted"] for x in d["candidates"]] == [False, False, False, True]
PY

expect "48-bit default: linear map bound" 0 "$MEMPLAN" devmem --dts $D/soc-pa40.dts --size 100M
has "default: rounded to a section" '100 MiB rounded up to whole sections'
has "default: top is memstart + 2^47" 'search from 0x0000800040000000 down'
has "default: chosen under the linear-map end" '^chosen: 0x0000800038000000-0x000080003fffffff'

# no room: 2^40 of space asked for
expect "too big: no range" 1 "$MEMPLAN" devmem --dts $D/soc-pa40.dts --kconfig $D/pa40-4k.config --size 1T
has "too big: says so" '^no free section-aligned range'

# 16K pages: memstart_addr is aligned to CONT_PMD (1 GiB), not 32 MiB
expect "16k: found" 0 "$MEMPLAN" devmem --dts $D/ram42.dts --kconfig $D/va47-16k.config --size 1G
has "16k: 128 MiB sections" '^  memory section 128 MiB \(16 KiB pages\)'
has "16k: memstart 0x40000000" 'linear map end 0x0000400040000000 = memstart 0x40000000 \+ 2\^46\)'
has "16k: search from the linear-map end" 'search from 0x0000400040000000 down'
has "16k: chosen" '^chosen: 0x0000400000000000-0x000040003fffffff \(1 GiB\)'
expect "16k json" 0 "$MEMPLAN" devmem --dts $D/ram42.dts --kconfig $D/va47-16k.config --size 1G \
	--format json
py "16k json: linear map limit 0x40000000 + 2^46" "$T/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert int(d["linear_map_limit"], 16) == 0x40000000 + (1 << 46), d["linear_map_limit"]
assert int(d["section_size"], 16) == 128 << 20
assert d["page_size"] == 16384
PY
for cfg in pa40-4k pa40-64k; do
	expect "$cfg: ram42" 0 "$MEMPLAN" devmem --dts $D/ram42.dts --kconfig $D/$cfg.config --size 1G
	has "$cfg: ram42 memstart 0x40000000" 'linear map end 0x0000800040000000 = memstart 0x40000000 '
done

# a 52-bit configuration (Debian's 6.12) on a CPU without LPA2, as memplan assumes
# without knowing the CPU: 48-bit PA, linear region 2^48 - 2^47 (asm/memory.h 6.12)
expect "va52: found" 0 "$MEMPLAN" devmem --dts $D/ram42.dts --kconfig $D/va52-4k.config --size 1G
has "va52: 48 bits in use" 'min\(2\^48 PA bits = 0x0001000000000000, linear map end 0x0000800040000000 = memstart 0x40000000 \+ 2\^47)'

expect "usage: --size required" 2 "$MEMPLAN" devmem --dts $D/soc-pa40.dts
expect "usage: bad size" 2 "$MEMPLAN" devmem --dts $D/soc-pa40.dts --size lots
expect "usage: bad format" 2 "$MEMPLAN" devmem --dts $D/soc-pa40.dts --size 1G --format xml
expect "--help" 0 "$MEMPLAN" devmem --help
has "--help explains sections" '128 MiB with 4K and 16K pages, 512 MiB with 64K'
# the kernel's own pick (request_free_mem_region()): 6.12 from the linear map's end
# (QEMU virt 2 GiB: memstart 0x40000000 + 2^47), 6.1 from 2^48
expect "kernel pick 6.12" 0 "$MEMPLAN" devmem --dts dts/qemu-virt-2g.dts --size 256M
has "kernel pick 6.12: the linear map's end" "^the kernel's pick .*6.12.*: 0x0000800030000000-0x000080003fffffff, the same range"
expect "kernel pick 6.1" 0 "$MEMPLAN" devmem --dts dts/qemu-virt-2g.dts --size 256M --kernel linux-6.1
has "kernel pick 6.1: 2^48" "^the kernel's pick .*6.1.*: 0x0000fffff0000000-0x0000ffffffffffff, above memplan's"
# a virtio-mem device's region (QEMU: 256 GiB at 0xc0000000) over a 39-bit VA's
# PHYSMEM_END: the kernel's pick, which cannot see it, lands inside; memplan's avoids it
V=--device-memory=0xc0000000:256G
expect "device memory: collision" 1 "$MEMPLAN" devmem --dts $D/ram42.dts \
	--kconfig $D/va39-4k.config --size 256M $V
has "device memory: the kernel's pick" "^the kernel's pick .*: 0x0000004030000000-0x000000403fffffff"
has "device memory: COLLISION" '^  COLLISION: the kernel.s pick lies in device memory --device-memory \[0x00000000c0000000-0x00000040bfffffff\]'
has "device memory: counted" ' 1 device memory '
expect "device memory json" 1 "$MEMPLAN" devmem --dts $D/ram42.dts --kconfig $D/va39-4k.config \
	--size 256M $V --format json
py "device memory json: collides_with, chosen below the device" "$T/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["kernel_pick"]["collides_with"]
assert c and c["kind"] == "device memory" and int(c["base"], 16) == 0xc0000000, c
assert int(d["chosen"]["end"], 16) < 0xc0000000, d["chosen"]
assert d["obstacles"]["device memory"] == 1
PY
expect "device memory elsewhere: no collision" 0 "$MEMPLAN" devmem --dts $D/ram42.dts \
	--kconfig $D/va39-4k.config --size 256M --device-memory 0x1000000000:64G
hasnt "device memory elsewhere: no COLLISION" 'COLLISION'
# hotpluggable DT memory the kernel added is System RAM (avoided by its pick); cut off
# by mem= it is not, and the pick lands in it
expect "hotpluggable, added" 0 "$MEMPLAN" devmem --dts $D/hotplug-high.dts \
	--kconfig $D/va39-4k.config --size 256M
has "hotpluggable, added: the same range" "^the kernel's pick .*: 0x0000003ff0000000-0x0000003fffffffff, the same range"
expect "hotpluggable, cut by mem=" 1 "$MEMPLAN" devmem --dts $D/hotplug-high.dts \
	--kconfig $D/va39-4k.config --size 256M --cmdline mem=2G
has "hotpluggable, cut by mem=: the pick" "^the kernel's pick .*: 0x0000004030000000-0x000000403fffffff"
has "hotpluggable, cut by mem=: COLLISION" '^  COLLISION: the kernel.s pick lies in hotpluggable /memory@4000000000 .*did not add this memory'
expect "usage: bad --device-memory" 2 "$MEMPLAN" devmem --dts $D/ram42.dts --size 256M \
	--device-memory 0xc0000000
expect "usage: overlapping --device-memory" 2 "$MEMPLAN" devmem --dts $D/ram42.dts --size 256M \
	--device-memory 0xc0000000:1G,0xc8000000:1G
finish

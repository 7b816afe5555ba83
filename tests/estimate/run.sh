#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# estimate tests: `memplan estimate` over literal DTs.
#  - kdump-utils' table: 1 GiB -> not recommended, 3 GiB -> 256M, 8 GiB -> 320M,
#    64K pages +100M, 64K + SMMUv3 +384M (dts/iommu-soc-high.dts: 804M);
#  - dma1g-crowded.dts: 320M does not fit below the 1 GiB DMA limit; 6.12 gets
#    crashkernel=320M,high (default 128M low), 6.1 gets ,high + explicit ,low;
#  - fragmented-3g.dts: nothing above the DMA limit, a smaller size (224M) fits;
#  - uefi-stub.dts with an EFI memory map (--efi-memmap): a UEFI ACPI boot of Debian's
#    6.12, the size and place the real boot had.
# Each recommendation is then checked with `memplan plan` independently.
#
# usage: tests/estimate/run.sh   (env MEMPLAN, default build/memplan)
# Ends with "N passed, N failed"; exit 1 if anything failed.
set -u
. "$(dirname "$0")/../lib.sh"
D=tests/estimate

last() { tail -n 1 "$T/out"; }
# replan NAME DTS KERNEL PARAM...: memplan plan reserves the crash kernel below the DMA limit
replan() {
	name=$1 dts=$2 kernel=$3
	shift 3
	"$MEMPLAN" plan --dts "$dts" --kernel "$kernel" --cmdline "$*" --format json >"$T/p.json"
	py "$name: re-planned with '$*'" "$T/p.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
c = p["crashkernel"]
assert c["status"] == "reserved", c
low = c["low"]
assert low, "no region below the DMA limit"
PY
}

expect "1G: not recommended" 0 "$MEMPLAN" estimate --dts $D/small-1g.dts
has "1G: says so" '^crashkernel: not recommended$'
expect "3G via --ram" 0 "$MEMPLAN" estimate --dts $D/small-1g.dts --ram 3G
has "3G: 256M" '^crashkernel=256M$'
expect "8G virt: 320M" 0 "$MEMPLAN" estimate --dts dts/qemu-virt-8g.dts
has "8G: fits low" '^fits below the DMA limit$'
has "8G: 320M" '^crashkernel=320M$'
expect "100G 64K: 676M" 0 "$MEMPLAN" estimate --dts $D/small-1g.dts --kconfig $D/64k.config --ram 100G
has "100G 64K: +100M" '^  \+100 MiB: 64K pages'
has "100G 64K: 576+100" '^crashkernel=676M$'
expect "SMMU 64K: 804M" 0 "$MEMPLAN" estimate --dts dts/iommu-soc-high.dts --kconfig $D/64k.config
has "SMMU 64K: +384M" '^  \+384 MiB: SMMU \(arm,smmu-v3\)'
has "SMMU 64K: 320+100+384" '^crashkernel=804M$'
expect "SMMU 4K: no addition" 0 "$MEMPLAN" estimate --dts dts/iommu-soc-high.dts
has "SMMU 4K: +0 explained" '^  \+0: IOMMU \(arm,smmu-v3\) found'
has "SMMU 4K: 320M" '^crashkernel=320M$'

expect "crowded 6.12" 0 "$MEMPLAN" estimate --dts $D/dma1g-crowded.dts
has "crowded 6.12: fell back high" 'reserved, but above the DMA limit'
has "crowded 6.12: ,high" '^crashkernel=320M,high$'
replan "crowded 6.12" $D/dma1g-crowded.dts linux-6.12 "$(last)"
expect "crowded 6.1" 0 "$MEMPLAN" estimate --dts $D/dma1g-crowded.dts --kernel linux-6.1
has "crowded 6.1: warns about no default low" 'linux-6.1: crashkernel=X,high reserves no default low region'
has "crowded 6.1: ,high + ,low" '^crashkernel=320M,high crashkernel=128M,low$'
replan "crowded 6.1" $D/dma1g-crowded.dts linux-6.1 "$(last)"

expect "fragmented: smaller" 0 "$MEMPLAN" estimate --dts $D/fragmented-3g.dts
has "fragmented: says smaller" '^smaller than recommended \(256 MiB\)'
has "fragmented: 224M" '^crashkernel=224M$'
replan "fragmented" $D/fragmented-3g.dts linux-6.12 "$(last)"

# --format json: the same answer as the text's last line, with every trial
for case in "dts/qemu-virt-8g.dts linux-6.12" "$D/dma1g-crowded.dts linux-6.1" \
	    "$D/fragmented-3g.dts linux-6.12" "$D/small-1g.dts linux-6.12"; do
	set -- $case
	"$MEMPLAN" estimate --dts "$1" --kernel "$2" >"$T/text" 2>/dev/null
	expect "json $1 $2" "$?" "$MEMPLAN" estimate --dts "$1" --kernel "$2" --format json \
		-o "$T/e.json"
	py "json $1 $2: answer equals the text's" "$T/e.json" "$T/text" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
last = open(sys.argv[2]).read().splitlines()[-1]
assert e["schema"] == "memplan-estimate/1", e["schema"]
if last.startswith("crashkernel="):
    assert e["crashkernel"] == last, (e["crashkernel"], last)
    assert e["trials"][-1]["crashkernel"] == last and e["trials"][-1]["reserved"], e["trials"]
else:
    assert e["crashkernel"] is None and e["verdict"].startswith("not-"), e
PY
done
# a UEFI ACPI server as a user collects it (the stub's DT, the efi=debug log, the
# .config, the initrd's size): 2 GiB -> 256M, placed where Debian's 6.12 put it on the
# real boot (crashkernel reserved: 0x00000000a1800000 - 0x00000000b1800000)
gzip -dc tests/e2e/corpus/kernel/config-debian-6.12.gz >"$T/deb612.config"
expect "UEFI ACPI: 256M" 0 "$MEMPLAN" estimate --dts $D/uefi-stub.dts \
	--efi-memmap tests/unit/data/efi-d612-acpi.log --kconfig "$T/deb612.config" \
	--image-size "$(cat tests/e2e/corpus/kernel/image-size-debian-6.12)" --initrd-size 17687510
has "UEFI ACPI: placed as the kernel did" 'low \[0x00000000a1800000-0x00000000b17fffff\]'
has "UEFI ACPI: crashkernel=256M" '^crashkernel=256M$'
expect "UEFI stub DT without the map" 2 "$MEMPLAN" estimate --dts $D/uefi-stub.dts
expect "usage: bad --ram" 2 "$MEMPLAN" estimate --dts $D/small-1g.dts --ram x
expect "usage: no DT" 2 "$MEMPLAN" estimate
expect "--help" 0 "$MEMPLAN" estimate --help
has "--help names the table" '2-4 GiB: 256M; 4-64 GiB: 320M'
finish

#!/usr/bin/env python3
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
"""Generate the scenario device trees dts/*.dts.

Every scenario is QEMU 7.2 `-M virt -cpu cortex-a57` (the node set of
qemu-virt-base.dtsi, dumped with `-machine dumpdtb=` and converted with
`dtc -I dtb -O dts`, rng-seed/kaslr-seed dropped) plus the memory layout,
/reserved-memory, DMA-constrained buses and bootargs the scenario is about.
The output files are self-contained (no /include/), so `dtc` or memplan's
--dts reader can compile each on its own.

Usage: dts/tools/make-scenarios.py [OUTDIR]   (default: the dts/ directory)
Edit scenarios here, then regenerate; the hand-derived expectations live in
tests/golden/expect/ and must be re-derived by hand when a scenario changes.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(HERE)
BASE = open(os.path.join(HERE, "qemu-virt-base.dtsi")).read()
# the CFI flash of QEMU virt sits at 0..128 MiB: drop it when RAM starts at 0
FLASH = """
	flash@0 {
		bank-width = <0x04>;
		reg = <0x00 0x00 0x00 0x4000000 0x00 0x4000000 0x00 0x4000000>;
		compatible = "cfi-flash";
	};
"""
assert FLASH in BASE


def mem(addr_hi, addr_lo, size_hi, size_lo, extra=""):
    unit = "%x" % ((addr_hi << 32) | addr_lo)
    return ("\tmemory@%s {\n\t\tdevice_type = \"memory\";\n"
            "\t\treg = <0x%x 0x%08x 0x%x 0x%08x>;\n%s\t};\n"
            % (unit, addr_hi, addr_lo, size_hi, size_lo, extra))


def rmem(children):
    return ("\treserved-memory {\n\t\t#address-cells = <2>;\n"
            "\t\t#size-cells = <2>;\n\t\tranges;\n\n"
            + children + "\t};\n")


def write(name, header, bootargs, memory, reserved="", extra="",
          memreserve=(), ram_at_zero=False, model=None):
    body = BASE
    if ram_at_zero:
        body = body.replace(FLASH, "\n")
    lines = ["/dts-v1/;", ""]
    lines += ["/*"] + [(" * " + l).rstrip() for l in header.strip().splitlines()] + [" */", ""]
    for a, s in memreserve:
        lines.append("/memreserve/ 0x%x 0x%x;" % (a, s))
    if memreserve:
        lines.append("")
    text = "\n".join(lines)
    text += "/ {\n"
    text += "\tinterrupt-parent = <0x8002>;\n"
    text += "\tmodel = \"%s\";\n" % (model or ("memplan " + name))
    text += "\t#size-cells = <0x02>;\n\t#address-cells = <0x02>;\n"
    text += "\tcompatible = \"linux,dummy-virt\";\n"
    text += body
    text += "\n" + memory
    if reserved:
        text += "\n" + reserved
    if extra:
        text += "\n" + extra
    text += "\n\tchosen {\n\t\tstdout-path = \"/pl011@9000000\";\n"
    text += "\t\tbootargs = \"%s\";\n\t};\n};\n" % bootargs
    with open(os.path.join(OUT, name + ".dts"), "w") as f:
        f.write(text)


CON = "console=ttyAMA0 earlycon"

# ---------------------------------------------------------------- QEMU virt
write("qemu-virt-1g", """
QEMU virt, 1 GiB of RAM at 0x40000000 (qemu -m 1G), plain crashkernel=128M.
Exercises: ZONE_DMA = all RAM (DRAM below 4 GiB, no dma-ranges; docs/kernel-model.md
§4.2/§4.3), empty DMA32/Normal; default CMA area and crash kernel below the DMA
limit where the early allocations of §9 also land, so the crash address is only
bounded, not exact (§9.1).
""", CON + " crashkernel=128M", mem(0, 0x40000000, 0, 0x40000000))

write("qemu-virt-2g", """
QEMU virt, 2 GiB of RAM at 0x40000000 (qemu -m 2G), crashkernel range list.
Exercises: crashkernel=512M-2G:64M,2G-:128M (§5.2): system RAM 2048 MiB rounds
up to 2048 MiB; the first range's end is exclusive, so the second entry (128M)
is selected.  All RAM below 4 GiB: crash address bounded only (§9.1).
""", CON + " crashkernel=512M-2G:64M,2G-:128M", mem(0, 0x40000000, 0, 0x80000000))

write("qemu-virt-8g", """
QEMU virt, 8 GiB of RAM at 0x40000000 (qemu -m 8G), crashkernel=256M.
Exercises: ZONE_DMA [1G,4G), ZONE_NORMAL above; the early allocations go above
4 GiB, so the default CMA area (64 MiB on 6.1 / 32 MiB on 6.12) and the crash
kernel are exactly predictable at the top of the memory below 4 GiB (§6.3,
§9.3, §13.3).
""", CON + " crashkernel=256M", mem(0, 0x40000000, 2, 0))

# ---------------------------------------------------------------- Raspberry Pi 4-like
RPI_BUSES = """\
	soc {
		compatible = "simple-bus";
		#address-cells = <1>;
		#size-cells = <1>;
		/* bus 0x7c000000.. = CPU 0xfc000000.. (peripherals) */
		ranges = <0x7c000000 0x0 0xfc000000 0x02000000>;
		/* legacy DMA masters see CPU 0..1 GiB at bus 0xc0000000 */
		dma-ranges = <0xc0000000 0x0 0x00000000 0x40000000>;

		dma-controller@7e007000 {
			compatible = "brcm,bcm2835-dma";
			reg = <0x7e007000 0xb00>;
			#dma-cells = <1>;
		};
	};

	emmc2bus {
		compatible = "simple-bus";
		#address-cells = <2>;
		#size-cells = <1>;
		ranges = <0x0 0x7e000000 0x0 0xfe000000 0x01800000>;
		/* bus 0xc0000000 = CPU 0, 1 GiB: the emmc2 controller reaches 1 GiB */
		dma-ranges = <0x0 0xc0000000 0x0 0x00000000 0x40000000>;

		mmc@7e340000 {
			compatible = "brcm,bcm2711-emmc2";
			reg = <0x0 0x7e340000 0x100>;
		};
	};
"""
write("rpi4-like", """
Raspberry Pi 4-like (8 GiB model): RAM from 0 in three banks (two memory nodes,
the first with a two-entry reg: [0,0x3b400000) and [0x40000000,0xfc000000);
the second [4G,8G)), buses whose dma-ranges limit DMA to the first 1 GiB, the
firmware's /memreserve/ of the spin table page, two firmware no-map carve-outs
(TF-A, VideoCore firmware) and a 64 MiB linux,cma shared-dma-pool (reusable,
linux,cma-default) with alloc-ranges [0,768M) like the downstream rpi DTs.
Exercises: dma-ranges -> ZONE_DMA 1 GiB on both 6.1 (fls64) and 6.12 (§4);
CMA pool from alloc-ranges (§7.4) becoming the default CMA area (§7.6, §9.3);
crash kernel below 1 GiB skipping a free range that is too small (§2.3.5, §6).
""", CON + " crashkernel=256M",
    "\tmemory@0 {\n\t\tdevice_type = \"memory\";\n"
    "\t\treg = <0x0 0x00000000 0x0 0x3b400000>,\n"
    "\t\t      <0x0 0x40000000 0x0 0xbc000000>;\n\t};\n\n"
    + mem(1, 0, 1, 0),
    rmem("""\
		tfa@10000 {
			reg = <0x0 0x00010000 0x0 0x00070000>;
			no-map;
		};

		vc-firmware@3ac00000 {
			reg = <0x0 0x3ac00000 0x0 0x00800000>;
			no-map;
		};

		linux,cma {
			compatible = "shared-dma-pool";
			size = <0x0 0x04000000>;
			reusable;
			linux,cma-default;
			alloc-ranges = <0x0 0x00000000 0x0 0x30000000>;
		};
"""), RPI_BUSES, memreserve=[(0, 0x1000)], ram_at_zero=True,
    model="Raspberry Pi 4 Model B (memplan model)")

# ---------------------------------------------------------------- IOMMU SoC
write("iommu-soc-high", """
Server-class SoC behind an SMMUv3: 8 GiB of DRAM at 32 GiB (nothing below
4 GiB), no DMA limit (the bus has an empty `dma-ranges;`), crashkernel=256M,high.
Exercises: DRAM entirely above 4 GiB -> ZONE_DMA covers all DRAM, DMA32 and
Normal empty (§4.2 PHYS_ADDR_MAX branch, §4.3); CRASH_ADDR_LOW_MAX = end of DRAM;
default CMA area placed bottom-up from 4 GiB (§9.3); 6.12 `,high` finds nothing
above LOW_MAX and falls back below it (§6.2), 6.1 searches [0,2^48) (§6.1) --
in both the region is below LOW_MAX, so no low region is added.
""", CON + " crashkernel=256M,high", mem(8, 0, 2, 0), extra="""\
	smmu@9050000 {
		compatible = "arm,smmu-v3";
		reg = <0x0 0x09050000 0x0 0x20000>;
		interrupts = <0x00 0x4a 0x01 0x00 0x4b 0x01 0x00 0x4c 0x01 0x00 0x4d 0x01>;
		interrupt-names = "eventq", "priq", "cmdq-sync", "gerror";
		dma-coherent;
		#iommu-cells = <1>;
		phandle = <0x9000>;
	};

	axi@20000000 {
		compatible = "simple-bus";
		#address-cells = <2>;
		#size-cells = <2>;
		ranges = <0x0 0x20000000 0x0 0x20000000 0x0 0x01000000>;
		dma-ranges;
		dma-coherent;

		ethernet@20000000 {
			compatible = "snps,dwmac";
			reg = <0x0 0x20000000 0x0 0x10000>;
			iommus = <0x9000 0x10>;
		};
	};
""")

# ---------------------------------------------------------------- many regions
static70 = ""
for i in range(70):
    a = 0x50000000 + i * 0x100000
    static70 += "\t\tregion@%x {\n\t\t\treg = <0x0 0x%08x 0x0 0x10000>;\n%s\t\t};\n\n" % (
        a, a, "\t\t\tno-map;\n" if i % 5 == 4 else "")
write("many-static-70", """
QEMU virt 2 GiB with 70 static /reserved-memory regions (64 KiB each, one every
MiB from 0x50000000; every fifth no-map).  The DTB is above 64 KiB by design.
Exercises: 6.1's 64-entry reserved_mem[] array -> "not enough space for all
defined regions." for the 65th..70th node (still reserved, no record, §7.7);
6.12 records all of them at unflatten time (array sized dynamically).
""", CON, mem(0, 0x40000000, 0, 0x80000000), rmem(static70.rstrip("\n") + "\n"))

dyn70 = ""
for i in range(70):
    dyn70 += "\t\tpool-%02d {\n\t\t\tsize = <0x0 0x100000>;\n\t\t};\n\n" % i
write("many-dynamic-70", """
QEMU virt 2 GiB with 70 dynamic /reserved-memory regions (1 MiB each, no
alignment, no alloc-ranges).
Exercises: 6.1: only 64 records fit (§7.7), the heapsort of 64 equal records
gives allocation order pool-01..pool-63, pool-00 (§2.4, §7.5), pool-64..69 are
dropped and never allocated; 6.12.117: the first 64 dynamic nodes are allocated
in DT order, the rest rejected with "too many defined dynamic regions" (§7.4).
""", CON, mem(0, 0x40000000, 0, 0x80000000), rmem(dyn70.rstrip("\n") + "\n"))

# ---------------------------------------------------------------- overlap
write("overlap-static", """
QEMU virt 2 GiB with overlapping static regions: a@50000000 / b@50100000 (both
plain, overlap by 1 MiB) and d@51f00000 (plain) / c@52000000 (no-map, DT order
d first).
Exercises: plain overlaps merge in memblock; the no-map region overlapping an
already reserved range fails with EBUSY and stays ordinary memory (§7.3); the
sorted-record overlap report "OVERLAP DETECTED!" for both adjacent pairs (§7.5).
""", CON, mem(0, 0x40000000, 0, 0x80000000), rmem("""\
		a@50000000 {
			reg = <0x0 0x50000000 0x0 0x200000>;
		};

		b@50100000 {
			reg = <0x0 0x50100000 0x0 0x200000>;
		};

		d@51f00000 {
			reg = <0x0 0x51f00000 0x0 0x200000>;
		};

		c@52000000 {
			reg = <0x0 0x52000000 0x0 0x200000>;
			no-map;
		};
"""))

# ---------------------------------------------------------------- outside RAM
write("outside-ram", """
QEMU virt 2 GiB ([0x40000000,0xc0000000)) with reserved-memory regions partly and
wholly outside RAM: a plain region straddling the end of RAM, a plain region at
4 GiB (no RAM there), a no-map region wholly outside RAM, a no-map region
straddling the start of RAM, and a dynamic region whose alloc-ranges lie outside
RAM.
Exercises: memblock_reserve outside memory succeeds, no-map outside memory is a
silent no-op, no-map marks only the part inside memory (§7.3); the dynamic
allocation fails: "failed to allocate memory for node" (§7.4).
""", CON, mem(0, 0x40000000, 0, 0x80000000), rmem("""\
		partial@bff00000 {
			reg = <0x0 0xbff00000 0x0 0x200000>;
		};

		outside@100000000 {
			reg = <0x1 0x00000000 0x0 0x1000000>;
		};

		outside-nomap@c8000000 {
			reg = <0x0 0xc8000000 0x0 0x100000>;
			no-map;
		};

		partial-nomap@3ff00000 {
			reg = <0x0 0x3ff00000 0x0 0x200000>;
			no-map;
		};

		dyn-outside {
			size = <0x0 0x100000>;
			alloc-ranges = <0x1 0x00000000 0x0 0x10000000>;
		};
"""))

# ---------------------------------------------------------------- no-map vs memreserve
write("nomap-memreserve", """
QEMU virt 2 GiB with /memreserve/ entries that collide with /reserved-memory:
a no-map region fw@50000000 covering /memreserve/ 0x50000000+1M, and a dynamic
region competing with /memreserve/ of the top 2 MiB of RAM.
Exercises the version-dependent order of §7.1: 6.1 reserves /memreserve/ first,
so the no-map region fails (EBUSY) and the dynamic region goes below the
/memreserve/ range; 6.12.117 reserves /memreserve/ last, so the no-map region
succeeds and the dynamic region is placed on top of the /memreserve/ range.
""", CON, mem(0, 0x40000000, 0, 0x80000000), rmem("""\
		fw@50000000 {
			reg = <0x0 0x50000000 0x0 0x200000>;
			no-map;
		};

		dyn {
			size = <0x0 0x400000>;
		};
"""), memreserve=[(0x50000000, 0x100000), (0xbfe00000, 0x200000)])

# ---------------------------------------------------------------- 3 GiB dma-ranges
write("dma-3g-8g", """
8 GiB of RAM from address 0 with a bus whose dma-ranges reach only the first
3 GiB (dma-ranges = <0 0 0 0 0 0xc0000000>), crashkernel=512M.
Exercises docs/kernel-model.md §13.5 / §4.3 table row 3: 6.1 rounds the limit up to a
power of two (fls64(0xbfffffff) = 32 -> ZONE_DMA 4 GiB), 6.12 uses the exact
address (ZONE_DMA 3 GiB, ZONE_DMA32 [3G,4G)); CMA and the crash kernel go just
below the respective limit.
""", CON + " crashkernel=512M", mem(0, 0, 2, 0), extra="""\
	dma-bus@30000000 {
		compatible = "simple-bus";
		#address-cells = <2>;
		#size-cells = <2>;
		ranges = <0x0 0x30000000 0x0 0x30000000 0x0 0x01000000>;
		dma-ranges = <0x0 0x0 0x0 0x0 0x0 0xc0000000>;

		dma-controller@30000000 {
			compatible = "arm,pl330", "arm,primecell";
			reg = <0x0 0x30000000 0x0 0x1000>;
			#dma-cells = <1>;
		};
	};
""", ram_at_zero=True)

# ---------------------------------------------------------------- RAM at 2G, 1G DMA
write("ram2g-dma1g", """
4 GiB of RAM starting at 2 GiB ([0x80000000,0x180000000)) with a bus whose
dma-ranges reach only CPU addresses below 1 GiB (where there is no RAM),
crashkernel=256M.
Exercises §4.3 table row 4: 6.1 -> ZONE_DMA [2G,4G) (start > mask -> U32_MAX
branch); 6.12 -> arm64_dma_phys_limit = 1 GiB, ZONE_DMA empty, the default CMA
area fails, and the plain crash kernel fails low, succeeds high, then its 128 MiB
low part fails -> nothing reserved (§6.2).
""", CON + " crashkernel=256M", mem(0, 0x80000000, 1, 0), extra="""\
	dma-bus@30000000 {
		compatible = "simple-bus";
		#address-cells = <2>;
		#size-cells = <2>;
		ranges = <0x0 0x30000000 0x0 0x30000000 0x0 0x01000000>;
		dma-ranges = <0x0 0x0 0x0 0x0 0x0 0x40000000>;

		dma-controller@30000000 {
			compatible = "arm,pl330", "arm,primecell";
			reg = <0x0 0x30000000 0x0 0x1000>;
			#dma-cells = <1>;
		};
	};
""")

# ---------------------------------------------------------------- alloc-ranges
write("alloc-ranges-compete", """
QEMU virt 4 GiB with three dynamic regions whose alloc-ranges compete for
[0x60000000,0x80000000): vpu (16 MiB in [0x60000000,0x70000000)), isp (16 MiB in
[0x70000000,0x80000000)), codec (32 MiB, alignment 4 MiB, in
[0x60000000,0x80000000)).
Exercises: 6.1 allocation order from the heapsort of 3 equal records (isp,
codec, vpu; §7.5) with plain top-down search; 6.12 DT order plus the
"keep range allocations contiguous" heuristic: isp's range starts at vpu's end ->
bottom-up (§7.4).
""", CON, mem(0, 0x40000000, 1, 0), rmem("""\
		vpu {
			size = <0x0 0x1000000>;
			alloc-ranges = <0x0 0x60000000 0x0 0x10000000>;
		};

		isp {
			size = <0x0 0x1000000>;
			alloc-ranges = <0x0 0x70000000 0x0 0x10000000>;
		};

		codec {
			size = <0x0 0x2000000>;
			alignment = <0x0 0x400000>;
			alloc-ranges = <0x0 0x60000000 0x0 0x20000000>;
		};
"""))

# ---------------------------------------------------------------- restricted DMA
write("restricted-dma-pool", """
QEMU virt 2 GiB with a static restricted-dma-pool (4 MiB at 0x50000000), a
dynamic restricted-dma-pool (4 MiB, alignment 1 MiB) and a dynamic reusable
shared-dma-pool of 3 MiB (not a multiple of the 2 MiB CMA alignment).
Exercises: restricted pools stay reserved (§7.6 rmem_swiotlb_setup or ENOENT);
the reusable pool is aligned up to CMA_MIN_ALIGNMENT_BYTES (§7.4), its CMA init
fails ("incorrect alignment of CMA region"), the coherent-pool init rejects
`reusable`, so the region is freed again (§7.6).
""", CON, mem(0, 0x40000000, 0, 0x80000000), rmem("""\
		dma-pool@50000000 {
			compatible = "restricted-dma-pool";
			reg = <0x0 0x50000000 0x0 0x400000>;
		};

		swiotlb-dyn {
			compatible = "restricted-dma-pool";
			size = <0x0 0x400000>;
			alignment = <0x0 0x100000>;
		};

		bad-cma {
			compatible = "shared-dma-pool";
			reusable;
			size = <0x0 0x300000>;
		};
"""))

# ---------------------------------------------------------------- multi-entry reg
write("multi-reg", """
QEMU-virt-like machine with a two-entry memory reg (1 GiB at 0x40000000 and
1 GiB at 4 GiB) and reserved-memory nodes with multi-entry reg: fw@50000000
(three entries, the last of size 0) and carve@70000000 (two no-map entries),
crashkernel=128M.
Exercises: every memory entry is added (§2.2); every reg entry of a static node
is reserved and a size-0 entry is reported as a failure (§7.3); 6.12 records only
the first entry ("ignores N regions" warning); CMA and crash kernel fit below
4 GiB around the carve-outs, skipping free ranges that are too small (§2.3.5).
""", CON + " crashkernel=128M",
    "\tmemory@40000000 {\n\t\tdevice_type = \"memory\";\n"
    "\t\treg = <0x0 0x40000000 0x0 0x40000000>,\n"
    "\t\t      <0x1 0x00000000 0x0 0x40000000>;\n\t};\n",
    rmem("""\
		fw@50000000 {
			reg = <0x0 0x50000000 0x0 0x100000>,
			      <0x0 0x60000000 0x0 0x200000>,
			      <0x0 0x74000000 0x0 0x0>;
		};

		carve@70000000 {
			reg = <0x0 0x70000000 0x0 0x400000>,
			      <0x0 0x78000000 0x0 0x400000>;
			no-map;
		};
"""))

# ---------------------------------------------------------------- hotplug
write("hotplug-memory", """
QEMU virt 2 GiB at 0x40000000 plus 1 GiB of hotpluggable memory at 4 GiB (a
second memory node with `hotpluggable`), booted with movable_node and
crashkernel=256M,high.
Exercises: memblock_mark_hotplug (§2.2); with movable_node the allocator skips
HOTPLUG memory (§2.3.4), so the dynamic region lands at the top of the boot
memory, not at the top of RAM; the `,high` crash kernel finds no usable memory
above 4 GiB (6.12 falls back low, §6.2; 6.1 searches [0,2^48), §6.1).
""", CON + " movable_node crashkernel=256M,high",
    mem(0, 0x40000000, 0, 0x80000000) + "\n" +
    mem(1, 0, 0, 0x40000000, "\t\thotpluggable;\n"),
    rmem("""\
		pool {
			size = <0x0 0x1000000>;
		};
"""))

# ---------------------------------------------------------------- crash variants
write("crash-high-low", """
QEMU virt 8 GiB with crashkernel=512M,high crashkernel=64M,low.
Exercises §5.3/§6: the high region goes to the top of RAM (exact address depends
on the early allocations of §9: bounded only), the explicit 64 MiB low region
goes right below the default CMA area under 4 GiB (both versions).
""", CON + " crashkernel=512M,high crashkernel=64M,low", mem(0, 0x40000000, 2, 0))

write("crash-high-only", """
QEMU virt 4 GiB with crashkernel=256M,high and no ,low.
Exercises §5.3: 6.12 adds the default 128 MiB low region (below the CMA area,
§13.3 example B), 6.1 has no default and reserves no low region.
""", CON + " crashkernel=256M,high", mem(0, 0x40000000, 1, 0))

write("crash-fixed", """
QEMU virt 4 GiB with a fixed crash kernel crashkernel=256M@0x60000000.
Exercises the @offset placement (§5.2, §6.1, §6.2): a 2 MiB aligned, free base
is taken exactly.
""", CON + " crashkernel=256M@0x60000000", mem(0, 0x40000000, 1, 0))

write("crash-fixed-busy", """
QEMU virt 4 GiB with crashkernel=256M@0x60000000 where a static reserved-memory
region (busy@68000000) sits inside the requested range.
Exercises the fixed-placement failure: 6.1 "cannot allocate crashkernel", 6.12
"crashkernel reservation failed - memory is in use." (§6.1, §6.2, §10).
""", CON + " crashkernel=256M@0x60000000", mem(0, 0x40000000, 1, 0), rmem("""\
		busy@68000000 {
			reg = <0x0 0x68000000 0x0 0x100000>;
		};
"""))

write("crash-malformed-char", """
QEMU virt 2 GiB with a malformed plain crashkernel= value: crashkernel=256M,foo.
Exercises §5.1/§5.2: the token does not end in ,high/,low so it is the plain
request; parse_simple stops at ',' -> "crashkernel: unrecognized char: ," and
nothing is reserved.
""", CON + " crashkernel=256M,foo", mem(0, 0x40000000, 0, 0x80000000))

write("crash-malformed-range", """
QEMU virt 2 GiB with a malformed range list after a valid plain token:
crashkernel=128M crashkernel=2G-1G:128M.
Exercises §5.1 (the LAST plain token wins) and §5.2 range parsing ("crashkernel:
end <= start"): nothing is reserved.
""", CON + " crashkernel=128M crashkernel=2G-1G:128M", mem(0, 0x40000000, 0, 0x80000000))

write("crash-low-only", """
QEMU virt 4 GiB with only crashkernel=64M,low.
Exercises §5.3: ,low without ,high or a plain request reserves nothing and
prints nothing.
""", CON + " crashkernel=64M,low", mem(0, 0x40000000, 1, 0))

# ---------------------------------------------------------------- more crash / CMA / rmem rules
write("crash-too-big", """
QEMU virt 1 GiB with crashkernel=1G (as large as all of RAM).
Exercises §5.3: 6.12 rejects size >= system RAM silently (no message, nothing
reserved); 6.1 has no such check, tries [0, LOW_MAX) and fails with
"cannot allocate crashkernel (size:0x40000000)" (§6.1).
""", CON + " crashkernel=1G", mem(0, 0x40000000, 0, 0x40000000))

write("crash-fallback-high", """
QEMU virt 8 GiB with crashkernel=4G (more than the 3 GiB below 4 GiB).
Exercises §6.2: 6.12 fails below CRASH_ADDR_LOW_MAX, retries above it and adds the
default 128 MiB low region; 6.1 has no fallback: "cannot allocate crashkernel".
""", CON + " crashkernel=4G", mem(0, 0x40000000, 2, 0))

write("crash-bad-low", """
QEMU virt 4 GiB with crashkernel=256M,high crashkernel=abc,low.
Exercises §5.3: an invalid ,low value (not merely absent) makes the whole
request fail in both versions ("crashkernel: memory value expected").
""", CON + " crashkernel=256M,high crashkernel=abc,low", mem(0, 0x40000000, 1, 0))

write("mem-limit", """
QEMU virt 8 GiB booted with mem=2G crashkernel=256M.
Exercises §3.2 / §2.3.7: mem= caps memblock.memory at the address where 2 GiB of
memory is reached (0xc0000000): zones shrink to [1G,3G), system RAM for crashkernel
is 2 GiB, and CMA + crash kernel go below 3 GiB.
""", CON + " mem=2G crashkernel=256M", mem(0, 0x40000000, 2, 0))

write("rmem-disabled", """
QEMU virt 8 GiB; /reserved-memory holds a disabled 32 MiB region at 0xfe000000
(status = "disabled") and an enabled 16 MiB one at 0xf0000000 (status = "okay"),
crashkernel=256M.
Exercises §7.2: children with a non-okay status are skipped, so the top of the
memory below 4 GiB stays free for the default CMA area; the crash kernel skips the
free range between the okay region and CMA because it is too small.
""", CON + " crashkernel=256M", mem(0, 0x40000000, 2, 0), rmem("""\
		disabled@fe000000 {
			reg = <0x0 0xfe000000 0x0 0x2000000>;
			status = "disabled";
		};

		okay@f0000000 {
			reg = <0x0 0xf0000000 0x0 0x1000000>;
			status = "okay";
		};
"""))

write("rmem-bad-format", """
QEMU virt 8 GiB whose /reserved-memory has #size-cells = <1> (root has 2), with
a 32 MiB region at 0xfe000000 written in 2+1 cells, crashkernel=256M.
Exercises §7.2: "Reserved memory: unsupported node format, ignoring" -- nothing
under the node is processed, so CMA and the crash kernel are placed as if it
were absent.
""", CON + " crashkernel=256M", mem(0, 0x40000000, 2, 0), """\
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <1>;
		ranges;

		fw@fe000000 {
			reg = <0x0 0xfe000000 0x2000000>;
			no-map;
		};
	};
""")

write("cma-cmdline-override", """
QEMU virt 8 GiB with a DT default CMA pool (linux,cma: shared-dma-pool, reusable,
linux,cma-default, 64 MiB, no alloc-ranges) and cma=128M on the command line,
crashkernel=256M.
Exercises §7.6: rmem_cma_setup bypasses the DT pool when cma= was given, the
coherent-pool init rejects `reusable`, so the region is freed; §9.3: the default
CMA area then comes from cma=128M below the DMA limit.
""", CON + " cma=128M crashkernel=256M", mem(0, 0x40000000, 2, 0), rmem("""\
		linux,cma {
			compatible = "shared-dma-pool";
			reusable;
			linux,cma-default;
			size = <0x0 0x4000000>;
		};
"""))

write("heapsort-mixed", """
QEMU virt 4 GiB with static and dynamic reserved-memory children mixed in DT
order: s9@90000000 (static), d1 (16 MiB), s8@80000000 (static), d3 (8 MiB),
d4 (4 MiB).
Exercises §7.5: 6.1 allocates the dynamic regions in heapsort order d1, d4, d3
(the worked example of docs/kernel-model.md §7.5, [S@0x90000000, D1, S@0x80000000, D3, D4]);
6.12 allocates them in DT order d1, d3, d4.
""", CON, mem(0, 0x40000000, 1, 0), rmem("""\
		s9@90000000 {
			reg = <0x0 0x90000000 0x0 0x100000>;
		};

		d1 {
			size = <0x0 0x1000000>;
		};

		s8@80000000 {
			reg = <0x0 0x80000000 0x0 0x100000>;
		};

		d3 {
			size = <0x0 0x800000>;
		};

		d4 {
			size = <0x0 0x400000>;
		};
"""))

# ---------------------------------------------------------------- third batch
write("alloc-ranges-multi", """
QEMU virt 4 GiB: a dynamic region with two alloc-ranges whose first range is
entirely taken by a static region, and a dynamic no-map region.
Exercises §7.4: alloc-ranges entries are tried in order until one succeeds; a
dynamic no-map region is both reserved and NOMAP (§7.9).
""", CON, mem(0, 0x40000000, 1, 0), rmem("""\
		fw@60000000 {
			reg = <0x0 0x60000000 0x0 0x800000>;
		};

		buf {
			size = <0x0 0x1000000>;
			alloc-ranges = <0x0 0x60000000 0x0 0x800000>,
				       <0x0 0x70000000 0x0 0x2000000>;
		};

		nm {
			size = <0x0 0x200000>;
			alignment = <0x0 0x200000>;
			no-map;
		};
"""))

write("usable-memory", """
QEMU virt whose memory node has reg = 8 GiB but linux,usable-memory = 4 GiB.
Exercises §2.2: linux,usable-memory replaces reg, so RAM is [1G,5G).
""", CON + " crashkernel=256M",
    "\tmemory@40000000 {\n\t\tdevice_type = \"memory\";\n"
    "\t\treg = <0x0 0x40000000 0x2 0x00000000>;\n"
    "\t\tlinux,usable-memory = <0x0 0x40000000 0x1 0x00000000>;\n\t};\n")

write("kdump-usable-range", """
The DT a kdump (capture) kernel receives on QEMU virt 2 GiB: /chosen has
linux,usable-memory-range = 256 MiB at 0xa0000000 (the crash region of the first
kernel) and linux,elfcorehdr = 64 KiB at 0xaff00000.
Exercises §2.2 / §2.3.7: memblock_cap_memory_range() keeps only the usable range
(zones shrink to it); §7.8: the elfcorehdr is reserved with "Reserving 64 KiB of
memory at 0xaff00000 for elfcorehdr".  Kernel image at 0xa0200000, DTB at
0xa8000000 (inside the range, as kexec places them).
""", CON + " maxcpus=1 reset_devices", mem(0, 0x40000000, 0, 0x80000000))
# add the kdump-only /chosen properties
_p = os.path.join(OUT, "kdump-usable-range.dts")
_s = open(_p).read().replace(
    "\t\tstdout-path = \"/pl011@9000000\";\n",
    "\t\tstdout-path = \"/pl011@9000000\";\n"
    "\t\tlinux,usable-memory-range = <0x0 0xa0000000 0x0 0x10000000>;\n"
    "\t\tlinux,elfcorehdr = <0x0 0xaff00000 0x0 0x10000>;\n")
open(_p, "w").write(_s)

write("kernel-text-nomap", """
QEMU virt 2 GiB with a 64 KiB no-map region exactly at the kernel's _text
(0x40200000, the [_text, _stext) head of the image).
Exercises §3.2/§7.3: 6.1 reserves the kernel from _stext = _text + 64 KiB, so the
no-map region overlaps nothing reserved and succeeds; 6.12.54+ reserves from
_text, so the same region overlaps the kernel and fails with EBUSY.
""", CON, mem(0, 0x40000000, 0, 0x80000000), rmem("""\
		hdr@40200000 {
			reg = <0x0 0x40200000 0x0 0x10000>;
			no-map;
		};
"""))

write("crash-unaligned-size", """
QEMU virt 8 GiB with crashkernel=0x10000800 (256 MiB + 2 KiB).
Exercises §5.3: 6.1 page-aligns the size (0x10001000), 6.12 does not; the 2 MiB
aligned top-down placement below the CMA area differs accordingly (§6).
""", CON + " crashkernel=0x10000800", mem(0, 0x40000000, 2, 0))

write("crash-range-offset", """
QEMU virt 4 GiB with a range list plus @offset:
crashkernel=512M-4G:128M,4G-:256M@0x60000000.
Exercises §5.2: system RAM 4096 MiB -> the 4G- entry (end exclusive) -> 256 MiB,
then the @offset after the list -> fixed placement at 0x60000000 (§6).
""", CON + " crashkernel=512M-4G:128M,4G-:256M@0x60000000", mem(0, 0x40000000, 1, 0))

write("static-cma-freed", """
QEMU virt 8 GiB with a static reusable shared-dma-pool of 31 MiB at 0xfe000000
(not a multiple of the 2 MiB CMA alignment), crashkernel=256M.
Exercises §7.6: CMA init fails ("incorrect alignment of CMA region"), the
coherent-pool init rejects `reusable`, and the region is freed -- in 6.1 during
early reserved-memory init, in 6.12 at unflatten time -- both before the default
CMA area and the crash kernel are placed, so these land as if the pool did not
exist (§9.3, §6.3).
""", CON + " crashkernel=256M", mem(0, 0x40000000, 2, 0), rmem("""\
		pool@fe000000 {
			compatible = "shared-dma-pool";
			reusable;
			reg = <0x0 0xfe000000 0x0 0x1f00000>;
		};
"""))

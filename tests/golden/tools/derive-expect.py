#!/usr/bin/env python3
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
"""The hand derivation behind tests/golden/expect/*.expect, kept for review.

Every number here was worked out from docs/kernel-model.md (the
section is cited in the comment written above each expectation) for the DTs
of dts/ -- never copied from memplan output.  The script only does the
arithmetic and writes the files; change a scenario -> re-derive by hand here.
Usage: tests/golden/tools/derive-expect.py   (rewrites tests/golden/expect/)
"""
import os
OUT=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'expect')
os.makedirs(OUT, exist_ok=True)
PROFILES=('linux-6.1','linux-6.12')
def zl(name, rng):
    # zone printout line (§4.4): 2 spaces, name left-justified in 8 columns, a space
    s = '  %-8s %s' % (name, 'empty' if rng is None else '[mem 0x%016x-0x%016x]' % rng)
    return 'kernel_log contains "%s"' % s
def zones(dma, dma32, normal, why):
    out = ['# zones (§4.2 6.1 / §4.3 6.12): ' + why]
    for n, r in (('DMA', dma), ('DMA32', dma32), ('Normal', normal)):
        if r is None:
            out.append('zones.%s = null' % n)
        else:
            out.append('zones.%s.start = 0x%016x' % (n, r[0]))
            out.append('zones.%s.end = 0x%016x' % (n, r[1]))
    for n, r in (('DMA', dma), ('DMA32', dma32), ('Normal', normal)):
        out.append(zl(n, r))
    return out
def a(x): return '0x%016x' % x
def sz(x): return '0x%x' % x
ALIGN2M = '^0x[0-9a-f]{10}[02468ace]00000$'
def write(name, profile, fdt, image, header, lines, extra_args=''):
    p = os.path.join(OUT, '%s.%s.expect' % (name, profile))
    with open(p, 'w') as f:
        f.write('@args --fdt-base 0x%x --image-base 0x%x --image-size 0x2000000%s\n' % (fdt, image, extra_args))
        f.write('# %s.dts on %s -- expectations derived by hand from\n' % (name, profile))
        f.write('# docs/kernel-model.md (section numbers below), NOT from memplan output.\n')
        f.write('# assumes fdt-base 0x%x (DTB reserved [0x%x, +totalsize), totalsize < 64 KiB except the\n' % (fdt, fdt))
        f.write('#   70-region DTs), image _text 0x%x size 0x2000000 (6.1 reserves from _stext = _text+0x10000),\n' % image)
        f.write('#   no initrd, profile default kconfig: 4K pages, 48-bit VA/PA, ZONE_DMA+ZONE_DMA32, CMA %s MiB,\n' % ('64' if profile=='linux-6.1' else '32'))
        f.write('#   CMA_MIN_ALIGNMENT 2 MiB (every CMA result below is also 4 MiB aligned), KFENCE off, rodata=full.\n')
        for l in header.strip().splitlines():
            f.write('# ' + l.strip() + '\n')
        f.write('\nschema = memplan-plan/1\n')
        prev = ''
        for l in lines:
            if l.startswith('#') and not prev.startswith('#'):
                f.write('\n')
            for part in l.split('\n'):
                f.write(part + '\n')
            prev = l
    return p

V = (0x48000000, 0x40200000)   # virt fdt / image
CMA = {'linux-6.1': 0x4000000, 'linux-6.12': 0x2000000}
def cmalog(p, base):
    if p == 'linux-6.1':
        return 'kernel_log contains cma: Reserved 64 MiB at %s' % a(base)
    return 'kernel_log contains cma: Reserved 32 MiB at %s on node -1' % a(base)
def cmare(p, hi8):
    if p == 'linux-6.1':
        return 'kernel_log matches ^cma: Reserved 64 MiB at 0x%s[0-9a-f]{8}$' % hi8
    return 'kernel_log matches ^cma: Reserved 32 MiB at 0x%s[0-9a-f]{8} on node -1$' % hi8
def kcma(p):
    return ['cma.size = %s' % sz(CMA[p]), 'cma.source = kconfig']
def crashlog(lo, size):
    # printed exactly once (§6: one reservation per boot)
    return 'kernel_log times 1 crashkernel reserved: %s - %s (%d MB)' % (a(lo), a(lo+size), size >> 20)
def rsv_pfx(p):
    return 'OF: fdt: Reserved memory:' if p == 'linux-6.1' else 'OF: reserved mem: Reserved memory:'
NOOVL = 'kernel_log lacks OVERLAP DETECTED!'
def norm_no_rmem(p):
    if p == 'linux-6.12':
        return ['# §10 (6.12): no /reserved-memory node',
                '# printed by fdt_scan_reserved_mem_reg_nodes() only (the early scan returns -ENODEV silently)',
                'kernel_log times 1 OF: reserved mem: Reserved memory: No reserved-memory node in the DT']
    return ['kernel_log lacks No reserved-memory node']

# ------------------------------------------------------------------ qemu-virt-1g
for p in PROFILES:
    c = CMA[p]
    top = 0x80000000
    cma_hi = top - 0x200000 - c
    L = zones((0x40000000, 0x7fffffff), None, None,
              'DRAM [1G,2G) below 4 GiB, no dma-ranges: DMA limit = min(4G-1, end-1)+1 = 0x80000000; DMA32 and Normal get no pages')
    L += ['memory[0].base = 0x0000000040000000', 'memory[0].size = 0x40000000',
          'linear_map.forced_pte = true']
    L += norm_no_rmem(p)
    L += ['# default CMA (§9.3): limit 2G; the bottom-up try needs end_of_DRAM >= 4G+size (no); top-down below 2G,',
          '# after the linear-map tables (§8.4, the highest free pages, so the top 2 MiB window is partly used)',
          '# and the memmap etc. (§9): base <= round_down(0x80000000 - 4K - %s, 2M) = %s; the early allocations' % (sz(c), a(cma_hi)),
          '# for 1 GiB total well under 64 MiB, so base >= 0x80000000 - 64M - size.']
    L += kcma(p) + ['cma.base <= %s' % a(cma_hi), 'cma.base >= %s' % a(top - 0x4000000 - c), 'cma.base matches ' + ALIGN2M,
                    cmare(p, '00000000')]
    L += ['# crashkernel=128M (§5.2 simple), LOW_MAX = 0x80000000 (§6): top-down below the CMA area (the free range',
          '# above CMA is < %d MiB): base <= %s - 128M = %s, 2 MiB aligned; exact value depends on §9 sizes' % (c>>20, a(cma_hi), a(cma_hi-0x8000000)),
          'crashkernel.status = reserved', 'crashkernel.deferred = true', 'crashkernel.high = null',
          'crashkernel.low.size = 0x8000000',
          'crashkernel.low.base <= %s' % a(cma_hi - 0x8000000),
          'crashkernel.low.base >= %s' % a(top - 0x4000000 - c - 0x8000000),
          'crashkernel.low.base matches ' + ALIGN2M,
          'kernel_log matches ^crashkernel reserved: 0x00000000[0-9a-f]{8} - 0x00000000[0-9a-f]{8} \\(128 MB\\)$',
          'kernel_log lacks crashkernel low memory reserved', 'kernel_log lacks cannot allocate crashkernel',
          'kernel_log lacks crashkernel: ', NOOVL]
    write('qemu-virt-1g', p, *V, 'QEMU virt -m 1G, crashkernel=128M.', L)

# ------------------------------------------------------------------ qemu-virt-2g
for p in PROFILES:
    c = CMA[p]; top = 0xc0000000
    cma_hi = top - 0x200000 - c
    L = zones((0x40000000, 0xbfffffff), None, None, 'DRAM [1G,3G) below 4 GiB, no dma-ranges -> DMA limit = 0xc0000000')
    L += ['memory[0].base = 0x0000000040000000', 'memory[0].size = 0x80000000']
    L += norm_no_rmem(p)
    L += ['# default CMA (§9.3) top-down below 3G under the linear-map tables: base <= %s; early allocations' % a(cma_hi),
          '# for 2 GiB (tables ~4 MiB, memmap ~32 MiB, §9.2) < 96 MiB -> base >= 0xc0000000 - 96M - size']
    L += kcma(p) + ['cma.base <= %s' % a(cma_hi), 'cma.base >= %s' % a(top - 0x6000000 - c), cmare(p, '00000000')]
    L += ['# crashkernel=512M-2G:64M,2G-:128M (§5.2): system_ram = 2048 MiB, round_up(.,128M) = 2048 MiB;',
          '# entry 1: 512M <= 2048M < 2048M is false (end exclusive); entry 2: 2G <= 2048M < inf -> 128 MiB',
          'crashkernel.status = reserved', 'crashkernel.deferred = true', 'crashkernel.high = null',
          'crashkernel.low.size = 0x8000000',
          '# below the CMA area: base <= %s - 128M' % a(cma_hi),
          'crashkernel.low.base <= %s' % a(cma_hi - 0x8000000),
          'crashkernel.low.base >= %s' % a(top - 0x6000000 - c - 0x8000000),
          'crashkernel.low.base matches ' + ALIGN2M,
          'kernel_log matches ^crashkernel reserved: 0x00000000[0-9a-f]{8} - 0x00000000[0-9a-f]{8} \\(128 MB\\)$',
          'kernel_log lacks crashkernel: ', 'kernel_log lacks cannot allocate crashkernel', NOOVL]
    write('qemu-virt-2g', p, *V, 'QEMU virt -m 2G, crashkernel=512M-2G:64M,2G-:128M.', L)

# ------------------------------------------------------------------ qemu-virt-8g
for p in PROFILES:
    c = CMA[p]
    cb = 0x100000000 - c
    L = zones((0x40000000, 0xffffffff), None, (0x100000000, 0x23fffffff),
              'DRAM [1G,9G): DMA limit min(0xffffffff, end-1)+1 = 4G (6.1: zone_dma_bits 32, same); DMA32 empty (same limit); Normal [4G,9G)')
    L += ['memory[0].base = 0x0000000040000000', 'memory[0].size = 0x200000000', 'linear_map.forced_pte = true']
    L += norm_no_rmem(p)
    L += ['# default CMA (§9.3): limit 4G; bottom-up try in [4G,4G) is empty; top-down below 4G. Everything of §9',
          '# (tables ~16 MiB, memmap 128 MiB) lands above 4G (5 GiB there), so [0x48000000+dtb, 4G) is free:',
          '# base = 0x100000000 - %s = %s' % (sz(c), a(cb))]
    L += kcma(p) + ['cma.base = %s' % a(cb), cmalog(p, cb)]
    L += ['# crashkernel=256M, LOW_MAX 4G (§6.3): highest free range below 4G is [dtb end, %s):' % a(cb),
          '# round_down(%s - 256M, 2M) = %s' % (a(cb), a(cb - 0x10000000)),
          'crashkernel.status = reserved', 'crashkernel.deferred = true', 'crashkernel.high = null',
          'crashkernel.low.base = %s' % a(cb - 0x10000000), 'crashkernel.low.size = 0x10000000',
          crashlog(cb - 0x10000000, 0x10000000),
          'kernel_log lacks crashkernel low memory reserved', NOOVL]
    write('qemu-virt-8g', p, *V, 'QEMU virt -m 8G, crashkernel=256M.', L)

# ------------------------------------------------------------------ rpi4-like
for p in PROFILES:
    L = zones((0, 0x3fffffff), (0x40000000, 0xffffffff), (0x100000000, 0x1ffffffff),
              'dma-ranges end 0x3fffffff (soc and emmc2bus, §4.1). 6.1: zone_dma_bits = min(32, fls64(0x3fffffff)=30) -> 1 GiB;'
              '\n# 6.12: min(0x3fffffff, 0xffffffff, end-1)+1 = 1 GiB. DMA32 = [1G, 4G) (max_zone_phys(32) = 4G), Normal [4G, 8G)')
    L += ['memory[0].base = 0x0000000000000000']
    L += ['# static no-map regions (§7.3): nothing reserved overlaps them (/memreserve/ is [0,4K), kernel from',
          '# 0x200000/0x210000) -> NOMAP, status reserved',
          'reserved_memory[name=tfa@10000].status = reserved', 'reserved_memory[name=tfa@10000].no_map = true',
          'reserved_memory[name=tfa@10000].kind = static',
          'reserved_memory[name=tfa@10000].base = 0x0000000000010000', 'reserved_memory[name=tfa@10000].size = 0x70000',
          'reserved_memory[name=vc-firmware@3ac00000].status = reserved',
          'reserved_memory[name=vc-firmware@3ac00000].base = 0x000000003ac00000',
          'reserved_memory[name=vc-firmware@3ac00000].size = 0x800000',
          '# linux,cma (§7.4): reusable shared-dma-pool -> align 2 MiB; alloc-ranges [0,0x30000000) top-down; free',
          '# there: [0x2200000, 0x30000000) -> round_down(0x30000000 - 64M, 2M) = 0x2c000000',
          'reserved_memory[name=linux,cma].kind = dynamic', 'reserved_memory[name=linux,cma].status = reserved',
          'reserved_memory[name=linux,cma].reusable = true', 'reserved_memory[name=linux,cma].no_map = false',
          'reserved_memory[name=linux,cma].base = 0x000000002c000000', 'reserved_memory[name=linux,cma].size = 0x4000000',
          '# rmem_cma_setup succeeds (base/size 2 MiB multiples) -> default CMA area from DT (§7.6); dma_contiguous_reserve adds none (§9.3)',
          'cma.base = 0x000000002c000000', 'cma.size = 0x4000000', 'cma.source = dt',
          'kernel_log contains Reserved memory: created CMA memory pool at 0x000000002c000000, size 64 MiB',
          'kernel_log contains OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool',
          'kernel_log lacks cma: Reserved',
          '# crashkernel=256M, LOW_MAX = 1 GiB (§6). Free ranges below 1G, descending: [0x30000000,0x3ac00000) = 172 MiB',
          '# (too small, skipped, §2.3.5), then [0x2200000,0x2c000000) -> 0x2c000000 - 256M = 0x1c000000. Everything of',
          '# §9 lands in [4G,8G).',
          'crashkernel.status = reserved', 'crashkernel.deferred = true', 'crashkernel.high = null',
          'crashkernel.low.base = 0x000000001c000000', 'crashkernel.low.size = 0x10000000',
          crashlog(0x1c000000, 0x10000000), 'kernel_log lacks crashkernel low memory reserved', NOOVL]
    if p == 'linux-6.12':
        L += ['# §7.6 (6.12): one line per initialised region (ENOENT counts as success)',
              'kernel_log contains OF: reserved mem: 0x0000000000010000..0x000000000007ffff (448 KiB) nomap non-reusable tfa@10000',
              'kernel_log contains OF: reserved mem: 0x000000003ac00000..0x000000003b3fffff (8192 KiB) nomap non-reusable vc-firmware@3ac00000',
              'kernel_log contains OF: reserved mem: 0x000000002c000000..0x000000002fffffff (65536 KiB) map reusable linux,cma']
    write('rpi4-like', p, 0x48000000, 0x200000, 'Raspberry Pi 4-like, RAM from 0 (image at RAM base + 2 MiB = 0x200000).', L)

# ------------------------------------------------------------------ iommu-soc-high
for p in PROFILES:
    c = CMA[p]
    L = zones((0x800000000, 0x9ffffffff), None, None,
              'DRAM [32G,40G) starts above 4G. 6.1: max_zone_phys(32) -> PHYS_ADDR_MAX branch -> end of DRAM for DMA and DMA32'
              '\n# (DMA32 then empty); 6.12: no dma-ranges limit, no 4G clamp (start >= 4G) -> DMA = end of DRAM, dma32 = 4G -> empty')
    L += ['memory[0].base = 0x0000000800000000', 'memory[0].size = 0x200000000']
    L += norm_no_rmem(p)
    L += ['# default CMA (§9.3): limit = arm64_dma_phys_limit = end of DRAM; end >= 4G + size -> bottom-up in [4G, end):',
          '# [32G, kernel) is only 2 MiB (+64K on 6.1), next free from the kernel end 0x802200000 up to the DTB at',
          '# 0x808000000 (94 MiB) -> 0x802200000',
          'cma.base = 0x0000000802200000'] + kcma(p) + [cmalog(p, 0x802200000)]
    L += ['# crashkernel=256M,high, LOW_MAX = end of DRAM 0xa00000000 (§6). 6.12: [LOW_MAX, 2^48) has no memory ->',
          '# retry [0, LOW_MAX) (the >=6.11 guard allows it since LOW_MAX != HIGH_MAX); 6.1: ,high searches [0, 2^48).',
          '# Either way top-down at the top of DRAM below the §9 allocations, addr < LOW_MAX -> no low region.',
          '# base <= round_down(0xa00000000 - 4K - 256M, 2M) = 0x9efe00000; §9 for 8 GiB < 256 MiB -> base >= 0x9e0000000',
          'crashkernel.status = reserved', 'crashkernel.deferred = true', 'crashkernel.high = null',
          'crashkernel.low.size = 0x10000000',
          'crashkernel.low.base <= 0x00000009efe00000', 'crashkernel.low.base >= 0x00000009e0000000',
          'crashkernel.low.base matches ' + ALIGN2M,
          'kernel_log matches ^crashkernel reserved: 0x00000009[0-9a-f]{8} - 0x00000009[0-9a-f]{8} \\(256 MB\\)$',
          'kernel_log lacks crashkernel low memory reserved', 'kernel_log lacks cannot allocate crashkernel']
    write('iommu-soc-high', p, 0x808000000, 0x800200000, 'SMMU SoC, DRAM [0x800000000, 0xa00000000), image at RAM base + 2 MiB.', L)

# ------------------------------------------------------------------ many-static-70
for p in PROFILES:
    L = zones((0x40000000, 0xbfffffff), None, None, 'DRAM [1G,3G) -> DMA limit 3G')
    L += ['# DT order, one entry per child (docs/design.md §4)',
          'reserved_memory[0].name = region@50000000', 'reserved_memory[69].name = region@54500000',
          'reserved_memory[name=region@50000000].kind = static',
          'reserved_memory[name=region@50000000].base = 0x0000000050000000',
          'reserved_memory[name=region@50000000].size = 0x10000',
          'reserved_memory[name=region@50000000].status = reserved',
          'reserved_memory[name=region@50400000].no_map = true',
          'reserved_memory[name=region@50400000].status = reserved',
          'reserved_memory[name=region@53f00000].status = reserved', NOOVL]
    if p == 'linux-6.1':
        L += ['# §7.7 (6.1): 64-entry reserved_mem[]; nodes 65..70 (region@54000000..region@54500000) are still reserved',
              '# by the scan (§7.3) but their record is dropped, once per node (6 times):',
              'kernel_log times 6 OF: reserved mem: not enough space for all defined regions.',
              'kernel_log lacks OF: reserved mem: initialized node']
    else:
        L += ['# §7.7 (6.12.105+): the array is sized at unflatten time for all 70 static regions: no drop',
              'kernel_log lacks not enough space for all defined regions.',
              'reserved_memory[name=region@54500000].status = reserved',
              'kernel_log contains OF: reserved mem: 0x0000000050000000..0x000000005000ffff (64 KiB) map non-reusable region@50000000',
              '# region 69 (i % 5 == 4) is no-map',
              'kernel_log contains OF: reserved mem: 0x0000000054500000..0x000000005450ffff (64 KiB) nomap non-reusable region@54500000']
    write('many-static-70', p, *V, 'QEMU virt 2G, 70 static regions of 64 KiB at 0x50000000 + i MiB; no crashkernel.', L + ['crashkernel.status = none'])

# ------------------------------------------------------------------ many-dynamic-70
for p in PROFILES:
    L = zones((0x40000000, 0xbfffffff), None, None, 'DRAM [1G,3G) -> DMA limit 3G')
    L += ['reserved_memory[0].name = pool-00', 'reserved_memory[69].name = pool-69',
          'reserved_memory[name=pool-00].kind = dynamic', 'reserved_memory[name=pool-00].size = 0x100000']
    if p == 'linux-6.1':
        L += ['# §7.7: only pool-00..pool-63 get a record; the heapsort of 64 equal (0/0) records is the rotation',
              '# pool-01..pool-63, pool-00 (§2.4, §7.5); each 1 MiB top-down (align 64) from 0xc0000000:',
              '# pool-k (1..63) = 0xc0000000 - k MiB, pool-00 = 0xc0000000 - 64 MiB = 0xbc000000',
              'reserved_memory[name=pool-01].base = 0x00000000bff00000',
              'reserved_memory[name=pool-02].base = 0x00000000bfe00000',
              'reserved_memory[name=pool-32].base = 0x00000000be000000',
              'reserved_memory[name=pool-63].base = 0x00000000bc100000',
              'reserved_memory[name=pool-00].base = 0x00000000bc000000',
              'reserved_memory[name=pool-00].status = reserved',
              'reserved_memory[name=pool-63].status = reserved',
              '# pool-64..69: record dropped before allocation -> never allocated',
              'reserved_memory[name=pool-64].status = dropped', 'reserved_memory[name=pool-69].status = dropped',
              '# printed once per dropped record: pool-64..pool-69',
              'kernel_log times 6 OF: reserved mem: not enough space for all defined regions.',
              'kernel_log lacks too many defined dynamic regions']
    else:
        L += ['# §7.4 (6.12.105+): first 64 dynamic nodes collected and allocated in DT order, 1 MiB each top-down:',
              '# pool-k = 0xc0000000 - (k+1) MiB',
              'reserved_memory[name=pool-00].base = 0x00000000bff00000',
              'reserved_memory[name=pool-01].base = 0x00000000bfe00000',
              'reserved_memory[name=pool-31].base = 0x00000000be000000',
              'reserved_memory[name=pool-63].base = 0x00000000bc000000',
              'reserved_memory[name=pool-00].status = reserved', 'reserved_memory[name=pool-63].status = reserved',
              'reserved_memory[name=pool-64].status = dropped', 'reserved_memory[name=pool-69].status = dropped',
              "kernel_log contains OF: reserved mem: too many defined dynamic regions, skip 'pool-64'",
              "kernel_log contains OF: reserved mem: too many defined dynamic regions, skip 'pool-69'",
              'kernel_log lacks not enough space for all defined regions.',
              'kernel_log contains OF: reserved mem: 0x00000000bff00000..0x00000000bfffffff (1024 KiB) map non-reusable pool-00',
              'kernel_log contains OF: reserved mem: 0x00000000bc000000..0x00000000bc0fffff (1024 KiB) map non-reusable pool-63']
    L += [NOOVL, 'crashkernel.status = none']
    write('many-dynamic-70', p, *V, 'QEMU virt 2G, 70 dynamic 1 MiB regions pool-00..pool-69 (no alignment, no alloc-ranges).', L)
# memplan-6.12 = 6.12 + kernel-patches/6.12 (0005: no limit on dynamically placed regions)
p = 'memplan-6.12'
L = zones((0x40000000, 0xbfffffff), None, None, 'DRAM [1G,3G) -> DMA limit 3G')
L += ['reserved_memory[0].name = pool-00', 'reserved_memory[69].name = pool-69',
      'reserved_memory[name=pool-00].kind = dynamic', 'reserved_memory[name=pool-00].size = 0x100000',
      '# §7.4 without the 64-node limit (patch 0005): all 70 dynamic nodes allocated in DT order, 1 MiB each',
      '# top-down: pool-k = 0xc0000000 - (k+1) MiB, pool-69 = 0xc0000000 - 70 MiB = 0xbba00000',
      'reserved_memory[name=pool-00].base = 0x00000000bff00000',
      'reserved_memory[name=pool-63].base = 0x00000000bc000000',
      'reserved_memory[name=pool-64].base = 0x00000000bbf00000',
      'reserved_memory[name=pool-69].base = 0x00000000bba00000',
      'reserved_memory[name=pool-64].status = reserved', 'reserved_memory[name=pool-69].status = reserved',
      'kernel_log lacks too many defined dynamic regions',
      'kernel_log lacks not enough space for all defined regions.',
      'kernel_log contains OF: reserved mem: 0x00000000bc000000..0x00000000bc0fffff (1024 KiB) map non-reusable pool-63',
      'kernel_log contains OF: reserved mem: 0x00000000bbf00000..0x00000000bbffffff (1024 KiB) map non-reusable pool-64',
      'kernel_log contains OF: reserved mem: 0x00000000bba00000..0x00000000bbafffff (1024 KiB) map non-reusable pool-69',
      '# patch 0005: the 70 records (48 bytes each: one page) are taken bottom-up after the static regions, from the',
      '# lowest free page: [0x40000000, 0x40200000) is free below the Image, no /memreserve/ entry',
      'diagnostics[code=rmem-early-records].message contains [0x40000000, 0x40001000)',
      NOOVL, 'crashkernel.status = none']
write('many-dynamic-70', p, *V, 'QEMU virt 2G, 70 dynamic 1 MiB regions pool-00..pool-69 (no alignment, no alloc-ranges).', L)

# ------------------------------------------------------------------ overlap-static
for p in PROFILES:
    L = zones((0x40000000, 0xbfffffff), None, None, 'DRAM [1G,3G)')
    L += ['# §7.3: plain regions a, b, d reserve (overlaps just merge in memblock); c is no-map and overlaps d, which',
          '# is already reserved, and memory -> EBUSY -> failed, c stays ordinary memory',
          'reserved_memory[name=a@50000000].status = reserved', 'reserved_memory[name=b@50100000].status = reserved',
          'reserved_memory[name=d@51f00000].status = reserved', 'reserved_memory[name=c@52000000].status = failed',
          'reserved_memory[name=c@52000000].base = 0x0000000052000000',
          "kernel_log contains %s failed to reserve memory for node 'c@52000000': base 0x0000000052000000, size 2 MiB" % rsv_pfx(p),
          '# §7.5: records sorted by base: a, b, d, c (c is recorded too: 6.1 records the first entry even if it failed;',
          '# 6.12 records every static node whose reg parsed). Adjacent pairs (a,b) and (d,c) overlap; ends printed are',
          '# base+size (exclusive), %pa = 0x%016llx; the message is one pr_err with an embedded newline -> 2 lines',
          'kernel_log contains OF: reserved mem: OVERLAP DETECTED!',
          'kernel_log contains a@50000000 (0x0000000050000000--0x0000000050200000) overlaps with b@50100000 (0x0000000050100000--0x0000000050300000)',
          'kernel_log contains d@51f00000 (0x0000000051f00000--0x0000000052100000) overlaps with c@52000000 (0x0000000052000000--0x0000000052200000)',
          'kernel_log lacks overlaps with d@51f00000', 'kernel_log lacks b@50100000 (0x0000000050100000--0x0000000050300000) overlaps']
    if p == 'linux-6.12':
        L += ['# §7.6: c has no compatible -> init ENOENT -> its line is printed although the no-map mark failed',
              'kernel_log contains OF: reserved mem: 0x0000000052000000..0x00000000521fffff (2048 KiB) nomap non-reusable c@52000000',
              'kernel_log contains OF: reserved mem: 0x0000000050000000..0x00000000501fffff (2048 KiB) map non-reusable a@50000000']
    write('overlap-static', p, *V, 'QEMU virt 2G with overlapping static regions.', L + ['crashkernel.status = none'])

# ------------------------------------------------------------------ outside-ram
for p in PROFILES:
    L = zones((0x40000000, 0xbfffffff), None, None,
              'DRAM [1G,3G); the NOMAP part [1G,1G+1M) still counts for start_of_DRAM (§2.3.3)')
    L += ['memory[0].base = 0x0000000040000000',
          '# §7.3: memblock_reserve outside memory succeeds; no-map outside memory is a silent no-op; the straddling',
          '# no-map marks only [0x40000000,0x40100000) (no reserved range overlaps it: kernel from 0x40200000)',
          'reserved_memory[name=partial@bff00000].status = reserved',
          'reserved_memory[name=partial@bff00000].size = 0x200000',
          'reserved_memory[name=outside@100000000].status = reserved',
          'reserved_memory[name=outside@100000000].base = 0x0000000100000000',
          'reserved_memory[name=outside-nomap@c8000000].status = reserved',
          'reserved_memory[name=partial-nomap@3ff00000].status = reserved',
          'kernel_log lacks failed to reserve memory',
          '# §7.4: the only alloc-range [4G, 4G+256M) has no memory -> base 0 -> error, status failed',
          'reserved_memory[name=dyn-outside].kind = dynamic',
          'reserved_memory[name=dyn-outside].status = failed',
          "kernel_log contains OF: reserved mem: failed to allocate memory for node 'dyn-outside': size 1 MiB",
          '# sorted records: (dyn 0/0,) 0x3ff00000+2M, 0xbff00000+2M, 0xc8000000, 0x100000000: no overlap', NOOVL]
    if p == 'linux-6.12':
        L += ['kernel_log contains OF: reserved mem: 0x00000000bff00000..0x00000000c00fffff (2048 KiB) map non-reusable partial@bff00000',
              'kernel_log contains OF: reserved mem: 0x0000000100000000..0x0000000100ffffff (16384 KiB) map non-reusable outside@100000000',
              'kernel_log contains OF: reserved mem: 0x00000000c8000000..0x00000000c80fffff (1024 KiB) nomap non-reusable outside-nomap@c8000000',
              'kernel_log contains OF: reserved mem: 0x000000003ff00000..0x00000000400fffff (2048 KiB) nomap non-reusable partial-nomap@3ff00000',
              'kernel_log lacks non-reusable dyn-outside']
    write('outside-ram', p, *V, 'QEMU virt 2G, reserved-memory partly/wholly outside RAM.', L + ['crashkernel.status = none'])

# ------------------------------------------------------------------ nomap-memreserve
for p in PROFILES:
    L = zones((0x40000000, 0xbfffffff), None, None, 'DRAM [1G,3G)')
    if p == 'linux-6.1':
        L += ['# §7.1 (6.1): /memreserve/ first -> [0x50000000,+1M) and [0xbfe00000,+2M) reserved; then fw (no-map) overlaps',
              '# a reserved range and memory -> EBUSY (§7.3) -> failed',
              'reserved_memory[name=fw@50000000].status = failed',
              "kernel_log contains OF: fdt: Reserved memory: failed to reserve memory for node 'fw@50000000': base 0x0000000050000000, size 2 MiB",
              '# dyn: top-down, 4 MiB, align 64: highest free range is [.., 0xbfe00000) -> 0xbfa00000',
              'reserved_memory[name=dyn].base = 0x00000000bfa00000']
    else:
        L += ['# §7.1 (6.12.73+): static, then dynamic, then /memreserve/ -> fw finds nothing reserved in its range',
              '# (kernel, DTB only) -> NOMAP succeeds',
              'reserved_memory[name=fw@50000000].status = reserved',
              'kernel_log lacks failed to reserve memory',
              '# dyn allocated before /memreserve/: top of RAM 0xc0000000 - 4M = 0xbfc00000 (on top of the /memreserve/ range)',
              'reserved_memory[name=dyn].base = 0x00000000bfc00000',
              'kernel_log contains OF: reserved mem: 0x0000000050000000..0x00000000501fffff (2048 KiB) nomap non-reusable fw@50000000',
              'kernel_log contains OF: reserved mem: 0x00000000bfc00000..0x00000000bfffffff (4096 KiB) map non-reusable dyn']
    L += ['reserved_memory[name=dyn].status = reserved', 'reserved_memory[name=dyn].size = 0x400000',
          'reserved_memory[name=fw@50000000].no_map = true', NOOVL, 'crashkernel.status = none']
    write('nomap-memreserve', p, *V, 'QEMU virt 2G; /memreserve/ 0x50000000+1M and 0xbfe00000+2M; fw@50000000 no-map; dyn 4 MiB.', L)

# ------------------------------------------------------------------ dma-3g-8g
for p in PROFILES:
    c = CMA[p]
    if p == 'linux-6.1':
        L = zones((0, 0xffffffff), None, (0x100000000, 0x1ffffffff),
                  '§13.5: fls64(0xbfffffff) = 32 -> zone_dma_bits 32 -> DMA limit 4G; DMA32 same limit -> empty')
        lim = 0x100000000
    else:
        L = zones((0, 0xbfffffff), (0xc0000000, 0xffffffff), (0x100000000, 0x1ffffffff),
                  '§13.5: zone_dma_limit = min(0xbfffffff, 0xffffffff) -> DMA limit 3G; DMA32 [3G,4G)')
        lim = 0xc0000000
    cb = lim - c
    L += ['memory[0].base = 0x0000000000000000']
    L += ['# default CMA (§9.3): top-down below the DMA limit %s (bottom-up try [4G, limit) is empty); all of §9' % a(lim),
          '# lands in [4G,8G) -> base = %s - %s = %s' % (a(lim), sz(c), a(cb)),
          'cma.base = %s' % a(cb)] + kcma(p) + [cmalog(p, cb)]
    L += ['# crashkernel=512M below LOW_MAX = %s, under the CMA area: %s - 512M = %s' % (a(lim), a(cb), a(cb - 0x20000000)),
          'crashkernel.status = reserved', 'crashkernel.high = null',
          'crashkernel.low.base = %s' % a(cb - 0x20000000), 'crashkernel.low.size = 0x20000000',
          crashlog(cb - 0x20000000, 0x20000000), NOOVL]
    write('dma-3g-8g', p, 0x48000000, 0x200000, '8 GiB from 0, dma-ranges limit 0xbfffffff, crashkernel=512M (image at 0x200000).', L)

# ------------------------------------------------------------------ ram2g-dma1g
for p in PROFILES:
    if p == 'linux-6.1':
        L = zones((0x80000000, 0xffffffff), None, (0x100000000, 0x17fffffff),
                  '§4.2: zone_dma_bits = fls64(0x3fffffff) = 30; start_of_DRAM 2G > mask 0x3fffffff -> mask = U32_MAX -> 4G')
        L += ['# default CMA: 64 MiB top-down below 4G; [4G,6G) holds all of §9 -> 0x100000000 - 64M',
              'cma.base = 0x00000000fc000000'] + kcma(p) + [cmalog(p, 0xfc000000)]
        L += ['# crashkernel=256M, LOW_MAX 4G -> below CMA: 0xfc000000 - 256M = 0xec000000',
              'crashkernel.status = reserved', 'crashkernel.high = null',
              'crashkernel.low.base = 0x00000000ec000000', 'crashkernel.low.size = 0x10000000',
              crashlog(0xec000000, 0x10000000)]
    else:
        L = zones(None, (0x80000000, 0xffffffff), (0x100000000, 0x17fffffff),
                  '§4.3 row 4: arm64_dma_phys_limit = min(0x3fffffff, end-1)+1 = 1G < start of DRAM -> ZONE_DMA empty; DMA32 [2G,4G)')
        L += ['# default CMA: 32 MiB below limit 1G where there is no memory -> fails (§9.3)',
              'kernel_log contains cma: Failed to reserve 32 MiB on node -1', 'kernel_log lacks cma: Reserved',
              '# crashkernel=256M (§6.2): [0,1G) fails; retry [1G,2^48) with low_size 128M succeeds at the top; the 128 MiB',
              '# low part below 1G fails -> "cannot allocate crashkernel low memory" and the high part is freed',
              'crashkernel.status = failed', 'crashkernel.low = null', 'crashkernel.high = null',
              'kernel_log contains cannot allocate crashkernel low memory (size:0x8000000).',
              'kernel_log lacks crashkernel reserved:', 'kernel_log lacks cannot allocate crashkernel (size:']
    L += [NOOVL]
    write('ram2g-dma1g', p, 0x88000000, 0x80200000, 'RAM [2G,6G), dma-ranges limit 0x3fffffff, crashkernel=256M (image at 0x80200000).', L)

# ------------------------------------------------------------------ alloc-ranges-compete
for p in PROFILES:
    c = CMA[p]
    L = zones((0x40000000, 0xffffffff), None, (0x100000000, 0x13fffffff), 'DRAM [1G,5G): DMA limit 4G')
    if p == 'linux-6.1':
        L += ['# §7.5: 3 dynamic records only -> heapsort order isp, codec, vpu; plain top-down (no heuristic in 6.1):',
              '# isp in [0x70000000,0x80000000) -> 0x7f000000; codec (32M, align 4M) in [0x60000000,0x80000000): free',
              '# [0x60000000,0x7f000000) -> round_down(0x7d000000, 4M) = 0x7d000000; vpu in [0x60000000,0x70000000) -> 0x6f000000',
              'reserved_memory[name=isp].base = 0x000000007f000000',
              'reserved_memory[name=codec].base = 0x000000007d000000',
              'reserved_memory[name=vpu].base = 0x000000006f000000']
    else:
        L += ['# §7.4 (6.12): DT order with the contiguity heuristic. vpu: no recorded region -> top-down -> 0x6f000000.',
              '# isp: its range start 0x70000000 lies in [vpu.base, vpu.base+size] -> bottom-up only -> 0x70000000.',
              '# codec: neither 0x60000000 nor 0x80000000 touches vpu/isp -> top-down: free [0x71000000,0x80000000) ->',
              '# round_down(0x80000000 - 32M, 4M) = 0x7e000000',
              'reserved_memory[name=vpu].base = 0x000000006f000000',
              'reserved_memory[name=isp].base = 0x0000000070000000',
              'reserved_memory[name=codec].base = 0x000000007e000000',
              'kernel_log contains OF: reserved mem: 0x000000006f000000..0x000000006fffffff (16384 KiB) map non-reusable vpu',
              'kernel_log contains OF: reserved mem: 0x0000000070000000..0x0000000070ffffff (16384 KiB) map non-reusable isp',
              'kernel_log contains OF: reserved mem: 0x000000007e000000..0x000000007fffffff (32768 KiB) map non-reusable codec']
    L += ['reserved_memory[name=vpu].status = reserved', 'reserved_memory[name=isp].status = reserved',
          'reserved_memory[name=codec].status = reserved', 'reserved_memory[name=codec].size = 0x2000000',
          '# default CMA below 4G: [0x80000000, 4G) is free (§9 allocations fit in [4G,5G)) -> 4G - size',
          'cma.base = %s' % a(0x100000000 - c)] + kcma(p) + [NOOVL, 'crashkernel.status = none']
    write('alloc-ranges-compete', p, *V, 'QEMU virt 4G, dynamic vpu/isp/codec with competing alloc-ranges.', L)

# ------------------------------------------------------------------ restricted-dma-pool
for p in PROFILES:
    L = zones((0x40000000, 0xbfffffff), None, None, 'DRAM [1G,3G)')
    L += ['# static restricted-dma-pool: reserved (rmem_swiotlb_setup accepts it, or ENOENT without the option)',
          'reserved_memory[name=dma-pool@50000000].status = reserved',
          'reserved_memory[name=dma-pool@50000000].base = 0x0000000050000000',
          'reserved_memory[name=dma-pool@50000000].size = 0x400000',
          '# swiotlb-dyn (4 MiB, align 1 MiB) and bad-cma (3 MiB, reusable -> align 2 MiB). 6.12: DT order; 6.1: heapsort',
          '# order swiotlb-dyn, bad-cma, static (§7.5). Either way swiotlb-dyn is first: 0xc0000000 - 4M = 0xbfc00000;',
          '# bad-cma then at round_down(0xbfc00000 - 3M, 2M) = 0xbf800000, its CMA init fails (size not a 2 MiB',
          '# multiple), rmem_dma_setup rejects reusable -> "compatible matching fail" -> freed (§7.6)',
          'reserved_memory[name=swiotlb-dyn].base = 0x00000000bfc00000',
          'reserved_memory[name=swiotlb-dyn].status = reserved',
          'reserved_memory[name=bad-cma].status = freed',
          'reserved_memory[name=bad-cma].reusable = true',
          'kernel_log contains Reserved memory: incorrect alignment of CMA region',
          'kernel_log contains OF: reserved mem: node bad-cma compatible matching fail', NOOVL]
    if p == 'linux-6.12':
        L += ['kernel_log contains OF: reserved mem: 0x0000000050000000..0x00000000503fffff (4096 KiB) map non-reusable dma-pool@50000000',
              'kernel_log contains OF: reserved mem: 0x00000000bfc00000..0x00000000bfffffff (4096 KiB) map non-reusable swiotlb-dyn',
              'kernel_log lacks reusable bad-cma']
    write('restricted-dma-pool', p, *V, 'QEMU virt 2G with restricted-dma-pool regions and a misaligned reusable pool.', L + ['crashkernel.status = none'])

# ------------------------------------------------------------------ multi-reg
for p in PROFILES:
    c = CMA[p]
    cb = 0x80000000 - c
    L = zones((0x40000000, 0xffffffff), None, (0x100000000, 0x13fffffff),
              'memory reg entries [1G,2G) and [4G,5G): DMA limit min(0xffffffff, 5G-1)+1 = 4G; DMA zone spans [1G,4G)')
    L += ['memory[0].base = 0x0000000040000000',
          '# §7.3: every reg entry is reserved; the size-0 third entry of fw is reported as a failure',
          'reserved_memory[name=fw@50000000].base = 0x0000000050000000', 'reserved_memory[name=fw@50000000].size = 0x100000',
          'reserved_memory[name=fw@50000000].status = reserved',
          'reserved_memory[name=carve@70000000].status = reserved', 'reserved_memory[name=carve@70000000].no_map = true',
          "kernel_log contains %s failed to reserve memory for node 'fw@50000000': base 0x0000000074000000, size 0 MiB" % rsv_pfx(p),
          "kernel_log lacks failed to reserve memory for node 'carve@70000000'",
          '# default CMA below 4G; §9 fits in [4G,5G); free ranges below 4G, descending: [0x78400000,0x80000000) (124M),',
          '# [0x70400000,0x78000000) (124M), [0x60200000,0x70000000), [0x50100000,0x60000000), ... -> %s' % a(cb),
          'cma.base = %s' % a(cb)] + kcma(p) + [cmalog(p, cb)]
    L += ['# crashkernel=128M below the CMA area: [0x78400000,%s) and [0x70400000,0x78000000) are < 128M (skipped),' % a(cb),
          '# [0x60200000,0x70000000) -> 0x70000000 - 128M = 0x68000000',
          'crashkernel.status = reserved', 'crashkernel.high = null',
          'crashkernel.low.base = 0x0000000068000000', 'crashkernel.low.size = 0x8000000',
          crashlog(0x68000000, 0x8000000), NOOVL]
    if p == 'linux-6.12':
        L += ['# 6.12 records only the first entry: fdt_scan_reserved_mem_reg_nodes() warns (len / t_len - 1)',
              "kernel_log contains OF: reserved mem: fdt_scan_reserved_mem_reg_nodes() ignores 2 regions in node 'fw@50000000'",
              "kernel_log contains OF: reserved mem: fdt_scan_reserved_mem_reg_nodes() ignores 1 regions in node 'carve@70000000'"]
    else:
        L += ['kernel_log lacks ignores']
    write('multi-reg', p, *V, 'Two-entry memory reg [1G,2G)+[4G,5G); multi-entry reserved-memory reg; crashkernel=128M.', L)

# ------------------------------------------------------------------ hotplug-memory
for p in PROFILES:
    c = CMA[p]
    hi = 0xbf000000 - 0x1000 - c
    hi = hi & ~0x1fffff
    L = zones((0x40000000, 0xffffffff), None, (0x100000000, 0x13fffffff),
              'memory [1G,3G) + hotpluggable [4G,5G): DMA limit 4G, Normal [4G,5G) (hotplug memory is still memory)')
    L += ['# movable_node: HOTPLUG memory is skipped by every allocation (§2.3.4) -> pool (16 MiB) at the top of the',
          '# boot memory: 0xc0000000 - 16M = 0xbf000000 (not at the top of RAM 0x140000000)',
          'reserved_memory[name=pool].base = 0x00000000bf000000', 'reserved_memory[name=pool].status = reserved',
          '# crashkernel=256M,high: 6.12 finds no usable memory in [4G,2^48) -> retries [0,4G) (§6.2); 6.1 searches',
          '# [0,2^48) (§6.1). Either way below 4G, below the CMA area which is below the linear-map tables that sit',
          '# under the pool: CMA <= round_down(0xbf000000 - 4K - %s, 2M) = %s, crash <= that - 256M.' % (sz(c), a(hi)),
          '# No low region (addr < LOW_MAX). Lower bound: §9 for 3 GiB < 128 MiB.',
          'crashkernel.status = reserved', 'crashkernel.high = null', 'crashkernel.low.size = 0x10000000',
          'crashkernel.low.base <= %s' % a(hi - 0x10000000),
          'crashkernel.low.base >= %s' % a(0xbf000000 - c - 0x10000000 - 0x8000000),
          'crashkernel.low.base matches ' + ALIGN2M,
          'kernel_log lacks crashkernel low memory reserved', 'kernel_log lacks cannot allocate crashkernel',
          'cma.base <= %s' % a(hi)] + kcma(p) + [NOOVL]
    if p == 'linux-6.12':
        L += ['kernel_log contains OF: reserved mem: 0x00000000bf000000..0x00000000bfffffff (16384 KiB) map non-reusable pool']
    write('hotplug-memory', p, *V, 'QEMU virt 2G + 1G hotpluggable at 4G, movable_node, crashkernel=256M,high.', L)

# ------------------------------------------------------------------ crash-high-low
for p in PROFILES:
    c = CMA[p]; cb = 0x100000000 - c
    L = zones((0x40000000, 0xffffffff), None, (0x100000000, 0x23fffffff), 'DRAM [1G,9G): DMA limit 4G')
    L += norm_no_rmem(p)
    L += ['cma.base = %s' % a(cb)] + kcma(p)
    L += ['# crashkernel=512M,high crashkernel=64M,low (§5.3): plain -> ENOENT; high 512M in [4G,2^48) (6.12) / [0,2^48) (6.1)',
          '# top-down -> top of RAM under the §9 allocations: <= round_down(0x240000000 - 4K - 512M, 2M) = 0x21fe00000,',
          '# >= 0x240000000 - 512M - 256M (§9 for 8 GiB < 256 MiB)',
          'crashkernel.status = reserved', 'crashkernel.deferred = true',
          'crashkernel.high.size = 0x20000000',
          'crashkernel.high.base <= 0x000000021fe00000', 'crashkernel.high.base >= 0x0000000210000000',
          'crashkernel.high.base matches ' + ALIGN2M,
          'kernel_log matches ^crashkernel reserved: 0x00000002[0-9a-f]{8} - 0x00000002[0-9a-f]{8} \\(512 MB\\)$',
          '# high addr >= LOW_MAX (4G) and low = 64M: low region top-down in [0,4G) under the CMA area:',
          '# %s - 64M = %s; printed with %%08llx' % (a(cb), a(cb - 0x4000000)),
          'crashkernel.low.base = %s' % a(cb - 0x4000000), 'crashkernel.low.size = 0x4000000',
          'kernel_log contains crashkernel low memory reserved: 0x%08x - 0x%08x (64 MB)' % (cb - 0x4000000, cb), NOOVL]
    write('crash-high-low', p, *V, 'QEMU virt 8G, crashkernel=512M,high crashkernel=64M,low.', L)

# ------------------------------------------------------------------ crash-high-only
for p in PROFILES:
    c = CMA[p]; cb = 0x100000000 - c
    L = zones((0x40000000, 0xffffffff), None, (0x100000000, 0x13fffffff), 'DRAM [1G,5G): DMA limit 4G')
    L += ['cma.base = %s' % a(cb)] + kcma(p)
    L += ['# crashkernel=256M,high: high part top-down in the 1 GiB above 4G, under the §9 allocations (~75 MiB for',
          '# 4 GiB): <= round_down(0x140000000 - 4K - 256M, 2M) = 0x12fe00000, >= 0x140000000 - 256M - 160M',
          'crashkernel.status = reserved', 'crashkernel.deferred = true', 'crashkernel.high.size = 0x10000000',
          'crashkernel.high.base <= 0x000000012fe00000', 'crashkernel.high.base >= 0x0000000126000000',
          'crashkernel.high.base matches ' + ALIGN2M,
          'kernel_log matches ^crashkernel reserved: 0x00000001[0-9a-f]{8} - 0x00000001[0-9a-f]{8} \\(256 MB\\)$']
    if p == 'linux-6.1':
        L += ['# §5.3 (6.1): no ,low -> low size 0, no default -> no low region',
              'crashkernel.low = null', 'kernel_log lacks crashkernel low memory reserved']
    else:
        L += ['# §5.3 (6.12): no ,low -> DEFAULT_CRASH_KERNEL_LOW_SIZE 128 MiB below 4G under CMA (§13.3):',
              '# 0xfe000000 - 128M = 0xf6000000',
              'crashkernel.low.base = 0x00000000f6000000', 'crashkernel.low.size = 0x8000000',
              'kernel_log contains crashkernel low memory reserved: 0xf6000000 - 0xfe000000 (128 MB)']
    write('crash-high-only', p, *V, 'QEMU virt 4G, crashkernel=256M,high.', L + [NOOVL])

# ------------------------------------------------------------------ crash-fixed
for p in PROFILES:
    c = CMA[p]; cb = 0x100000000 - c
    L = zones((0x40000000, 0xffffffff), None, (0x100000000, 0x13fffffff), 'DRAM [1G,5G): DMA limit 4G')
    L += ['cma.base = %s' % a(cb)] + kcma(p)
    L += ['# crashkernel=256M@0x60000000: range [base, base+size) searched top-down -> round_down(base, 2M) = base,',
          '# the range is free -> exactly [0x60000000, 0x70000000); below LOW_MAX -> the low region',
          'crashkernel.status = reserved', 'crashkernel.high = null',
          'crashkernel.low.base = 0x0000000060000000', 'crashkernel.low.size = 0x10000000',
          crashlog(0x60000000, 0x10000000), NOOVL]
    write('crash-fixed', p, *V, 'QEMU virt 4G, crashkernel=256M@0x60000000.', L)

# ------------------------------------------------------------------ crash-fixed-busy
for p in PROFILES:
    L = zones((0x40000000, 0xffffffff), None, (0x100000000, 0x13fffffff), 'DRAM [1G,5G): DMA limit 4G')
    L += ['reserved_memory[name=busy@68000000].status = reserved',
          '# crashkernel=256M@0x60000000 with [0x68000000,+1M) reserved: the free pieces of [0x60000000,0x70000000) are',
          '# 128M and 127M -> no fit -> failure; fixed placement has no fallback',
          'crashkernel.status = failed', 'crashkernel.low = null', 'crashkernel.high = null',
          'kernel_log lacks crashkernel reserved:']
    if p == 'linux-6.1':
        L += ['kernel_log contains cannot allocate crashkernel (size:0x10000000)']
    else:
        L += ['kernel_log contains crashkernel reservation failed - memory is in use.',
              'kernel_log lacks cannot allocate crashkernel']
    write('crash-fixed-busy', p, *V, 'QEMU virt 4G, busy@68000000 inside crashkernel=256M@0x60000000.', L + [NOOVL])

# ------------------------------------------------------------------ crash-malformed-char
for p in PROFILES:
    L = zones((0x40000000, 0xbfffffff), None, None, 'DRAM [1G,3G)')
    L += ['# crashkernel=256M,foo: not ,high/,low -> plain token; parse_simple: memparse stops at "," (§5.2)',
          'kernel_log contains crashkernel: unrecognized char: ,',
          'crashkernel.status != reserved', 'crashkernel.low = null', 'crashkernel.high = null',
          'kernel_log lacks crashkernel reserved:', 'kernel_log lacks cannot allocate crashkernel']
    write('crash-malformed-char', p, *V, 'QEMU virt 2G, crashkernel=256M,foo.', L)

# ------------------------------------------------------------------ crash-malformed-range
for p in PROFILES:
    L = zones((0x40000000, 0xbfffffff), None, None, 'DRAM [1G,3G)')
    L += ['# the LAST plain token wins (§5.1): "crashkernel=2G-1G:128M" has ":" -> range list: start 2G, end 1G <= start',
          'kernel_log contains crashkernel: end <= start',
          'crashkernel.status != reserved', 'crashkernel.low = null', 'crashkernel.high = null',
          'kernel_log lacks crashkernel reserved:']
    write('crash-malformed-range', p, *V, 'QEMU virt 2G, crashkernel=128M crashkernel=2G-1G:128M.', L)

# ------------------------------------------------------------------ crash-low-only
for p in PROFILES:
    c = CMA[p]; cb = 0x100000000 - c
    L = zones((0x40000000, 0xffffffff), None, (0x100000000, 0x13fffffff), 'DRAM [1G,5G): DMA limit 4G')
    L += ['cma.base = %s' % a(cb)] + kcma(p) + [cmalog(p, cb)]
    L += ['# crashkernel=64M,low alone (§5.3): plain -> ENOENT, ,high -> ENOENT -> return, no message at all',
          'crashkernel.status != reserved', 'crashkernel.low = null', 'crashkernel.high = null',
          'kernel_log lacks crashkernel']
    write('crash-low-only', p, *V, 'QEMU virt 4G, crashkernel=64M,low only.', L)
print('done')

# ================================================================== second batch
Z8 = ((0x40000000, 0xffffffff), None, (0x100000000, 0x23fffffff), 'DRAM [1G,9G): DMA limit 4G, DMA32 empty, Normal [4G,9G)')
Z4 = ((0x40000000, 0xffffffff), None, (0x100000000, 0x13fffffff), 'DRAM [1G,5G): DMA limit 4G, DMA32 empty, Normal [4G,5G)')

# ------------------------------------------------------------------ crash-too-big
for p in PROFILES:
    L = zones((0x40000000, 0x7fffffff), None, None, 'DRAM [1G,2G): DMA limit 2G')
    L += ['crashkernel.low = null', 'crashkernel.high = null', 'crashkernel.status != reserved',
          'kernel_log lacks crashkernel reserved:']
    if p == 'linux-6.1':
        L += ['# §5.3/§6.1 (6.1): no size check; 1 GiB in [0, 2G) where RAM is 1 GiB minus the kernel and DTB -> fails,',
              '# no fallback; size printed with %llx',
              'kernel_log contains cannot allocate crashkernel (size:0x40000000)']
    else:
        L += ['# §5.3 (6.12): size (1 GiB) >= system_ram (1 GiB) -> EINVAL silently: no crashkernel line at all',
              'kernel_log lacks crashkernel']
    write('crash-too-big', p, *V, 'QEMU virt 1G, crashkernel=1G.', L)

# ------------------------------------------------------------------ crash-fallback-high
for p in PROFILES:
    c = CMA[p]; cb = 0x100000000 - c
    L = zones(*Z8)
    L += ['cma.base = %s' % a(cb)] + kcma(p)
    if p == 'linux-6.1':
        L += ['# §6.1 (6.1): 4 GiB in [0, 4G) (3 GiB of RAM there) fails; no fallback above the DMA limit',
              'crashkernel.status = failed', 'crashkernel.low = null', 'crashkernel.high = null',
              'kernel_log contains cannot allocate crashkernel (size:0x100000000)',
              'kernel_log lacks crashkernel reserved:']
    else:
        L += ['# §6.2 (6.12): [0, 4G) cannot hold 4 GiB -> retry [4G, 2^48) with low_size 128M: top-down under the §9',
              '# allocations at the top of RAM: base <= round_down(0x240000000 - 4K - 4G, 2M) = 0x13fe00000,',
              '# >= 0x240000000 - 4G - 256M = 0x130000000; then the 128 MiB low part under CMA: 0xfe000000 - 128M',
              'crashkernel.status = reserved', 'crashkernel.high.size = 0x100000000',
              'crashkernel.high.base <= 0x000000013fe00000', 'crashkernel.high.base >= 0x0000000130000000',
              'crashkernel.high.base matches ' + ALIGN2M,
              'kernel_log matches ^crashkernel reserved: 0x00000001[0-9a-f]{8} - 0x00000002[0-9a-f]{8} \\(4096 MB\\)$',
              'crashkernel.low.base = 0x00000000f6000000', 'crashkernel.low.size = 0x8000000',
              'kernel_log contains crashkernel low memory reserved: 0xf6000000 - 0xfe000000 (128 MB)',
              'kernel_log lacks cannot allocate crashkernel']
    write('crash-fallback-high', p, *V, 'QEMU virt 8G, crashkernel=4G.', L + [NOOVL])

# ------------------------------------------------------------------ crash-bad-low
for p in PROFILES:
    L = zones(*Z4)
    L += ['# §5.3: plain -> ENOENT (both tokens end in a suffix); ,high = 256M; ,low "abc" -> memparse consumes',
          '# nothing -> "crashkernel: memory value expected", EINVAL (not ENOENT) -> nothing is reserved',
          'kernel_log contains crashkernel: memory value expected',
          'crashkernel.status != reserved', 'crashkernel.low = null', 'crashkernel.high = null',
          'kernel_log lacks crashkernel reserved:', 'kernel_log lacks crashkernel low memory reserved']
    write('crash-bad-low', p, *V, 'QEMU virt 4G, crashkernel=256M,high crashkernel=abc,low.', L)

# ------------------------------------------------------------------ mem-limit
for p in PROFILES:
    c = CMA[p]; top = 0xc0000000
    cma_hi = top - 0x200000 - c
    L = zones((0x40000000, 0xbfffffff), None, None,
              '§3.2 mem=2G: find_max_addr(2G) = 0x40000000 + 2G = 0xc0000000, memory capped to [1G,3G) -> DMA limit 3G')
    L += ['memory[0].base = 0x0000000040000000', 'memory[0].size = 0x80000000',
          '# all of §9 now lands below the DMA limit: CMA and crash are bounded like qemu-virt-2g',
          'cma.base <= %s' % a(cma_hi), 'cma.base >= %s' % a(top - 0x6000000 - c)] + kcma(p)
    L += ['# crashkernel=256M, system_ram = 2 GiB after mem= (§5.2)',
          'crashkernel.status = reserved', 'crashkernel.high = null', 'crashkernel.low.size = 0x10000000',
          'crashkernel.low.base <= %s' % a(cma_hi - 0x10000000),
          'crashkernel.low.base >= %s' % a(top - 0x6000000 - c - 0x10000000),
          'kernel_log matches ^crashkernel reserved: 0x00000000[0-9a-f]{8} - 0x00000000[0-9a-f]{8} \\(256 MB\\)$']
    write('mem-limit', p, *V, 'QEMU virt 8G booted with mem=2G crashkernel=256M.', L)

# ------------------------------------------------------------------ rmem-disabled
for p in PROFILES:
    c = CMA[p]; cb = 0x100000000 - c
    L = zones(*Z8)
    L += ['# §7.2: status = "disabled" child skipped; okay@f0000000 reserved',
          'reserved_memory[name=okay@f0000000].status = reserved',
          'reserved_memory[name=okay@f0000000].base = 0x00000000f0000000',
          '# default CMA: [0xf1000000, 4G) is free (the disabled region is not reserved) -> 4G - size',
          'cma.base = %s' % a(cb)] + kcma(p) + [cmalog(p, cb)]
    L += ['# crashkernel=256M: [0xf1000000, %s) is %d MiB < 256M -> skipped; [dtb end, 0xf0000000) -> 0xe0000000' % (a(cb), (cb - 0xf1000000) >> 20),
          'crashkernel.status = reserved', 'crashkernel.low.base = 0x00000000e0000000', 'crashkernel.low.size = 0x10000000',
          crashlog(0xe0000000, 0x10000000), 'kernel_log lacks disabled@fe000000', NOOVL]
    if p == 'linux-6.12':
        L += ['kernel_log contains OF: reserved mem: 0x00000000f0000000..0x00000000f0ffffff (16384 KiB) map non-reusable okay@f0000000']
    write('rmem-disabled', p, *V, 'QEMU virt 8G, a disabled and an okay static region, crashkernel=256M.', L)

# ------------------------------------------------------------------ rmem-bad-format
for p in PROFILES:
    c = CMA[p]; cb = 0x100000000 - c
    L = zones(*Z8)
    if p == 'linux-6.1':
        L += ['# §7.2: /reserved-memory #size-cells 1 != root 2 -> ignored (prefix "OF: fdt: " in 6.1)',
              'kernel_log times 1 OF: fdt: Reserved memory: unsupported node format, ignoring']
    else:
        L += ['# §7.2: /reserved-memory #size-cells 1 != root 2 -> ignored. NOTE: 6.12.117 checks the root in both',
              '# fdt_scan_reserved_mem() (early) and fdt_scan_reserved_mem_reg_nodes() (unflatten), so the line is',
              '# printed twice',
              'kernel_log times 2 OF: reserved mem: Reserved memory: unsupported node format, ignoring',
              'kernel_log lacks fw@fe000000']
    L += ['# nothing under the node is processed: CMA and the crash kernel as in qemu-virt-8g',
          'cma.base = %s' % a(cb)] + kcma(p) + [cmalog(p, cb),
          'crashkernel.status = reserved', 'crashkernel.low.base = %s' % a(cb - 0x10000000),
          'crashkernel.low.size = 0x10000000', crashlog(cb - 0x10000000, 0x10000000)]
    write('rmem-bad-format', p, *V, 'QEMU virt 8G, /reserved-memory with #size-cells = <1>, crashkernel=256M.', L)

# ------------------------------------------------------------------ cma-cmdline-override
for p in PROFILES:
    L = zones(*Z8)
    L += ['# §7.4: linux,cma (64 MiB, reusable -> align 2 MiB, no alloc-ranges) top-down anywhere: 0x240000000 - 64M',
          '# = 0x23c000000; §7.6: cma= given and linux,cma-default -> rmem_cma_setup returns EBUSY ("bypass"),',
          '# rmem_dma_setup rejects reusable -> "compatible matching fail" -> memblock_phys_free -> freed',
          'reserved_memory[name=linux,cma].status = freed',
          'kernel_log contains Reserved memory: bypass linux,cma node, using cmdline CMA params instead',
          'kernel_log contains OF: reserved mem: node linux,cma compatible matching fail',
          'kernel_log lacks created CMA memory pool',
          '# §9.3: cma=128M -> size 128M, base 0, limit min_not_zero(0, 4G) = 4G, not fixed -> top-down below 4G:',
          '# 0x100000000 - 128M = 0xf8000000',
          'cma.source = cmdline', 'cma.size = 0x8000000', 'cma.base = 0x00000000f8000000',
          ('kernel_log contains cma: Reserved 128 MiB at 0x00000000f8000000' + ('' if p == 'linux-6.1' else ' on node -1')),
          '# crashkernel=256M under the CMA area: 0xf8000000 - 256M = 0xe8000000',
          'crashkernel.status = reserved', 'crashkernel.low.base = 0x00000000e8000000', 'crashkernel.low.size = 0x10000000',
          crashlog(0xe8000000, 0x10000000)]
    write('cma-cmdline-override', p, *V, 'QEMU virt 8G, DT default CMA pool + cma=128M, crashkernel=256M.', L)

# ------------------------------------------------------------------ heapsort-mixed
for p in PROFILES:
    c = CMA[p]; cb = 0x100000000 - c
    L = zones(*Z4)
    L += ['reserved_memory[name=s9@90000000].status = reserved', 'reserved_memory[name=s8@80000000].status = reserved']
    if p == 'linux-6.1':
        L += ['# §7.5 (6.1): records [s9, d1, s8, d3, d4] heapsorted by (base, size) -> d1, d4, d3, s8, s9 (the worked',
              '# example of §7.5); top-down from 0x140000000: d1 16M -> 0x13f000000, d4 4M -> 0x13ec00000, d3 8M -> 0x13e400000',
              'reserved_memory[name=d1].base = 0x000000013f000000',
              'reserved_memory[name=d4].base = 0x000000013ec00000',
              'reserved_memory[name=d3].base = 0x000000013e400000']
    else:
        L += ['# §7.5 (6.12): DT order d1, d3, d4: 0x13f000000, 0x13e800000, 0x13e400000',
              'reserved_memory[name=d1].base = 0x000000013f000000',
              'reserved_memory[name=d3].base = 0x000000013e800000',
              'reserved_memory[name=d4].base = 0x000000013e400000']
    L += ['reserved_memory[name=d3].size = 0x800000',
          '# default CMA below 4G: [0x90100000, 4G) free -> 4G - size', 'cma.base = %s' % a(cb)] + kcma(p) + [NOOVL, 'crashkernel.status = none']
    write('heapsort-mixed', p, *V, 'QEMU virt 4G, static and dynamic children mixed (s9, d1, s8, d3, d4).', L)
print('batch2 done')

# ================================================================== third batch
# ------------------------------------------------------------------ alloc-ranges-multi
for p in PROFILES:
    c = CMA[p]; cb = 0x100000000 - c
    L = zones(*Z4)
    L += ['reserved_memory[name=fw@60000000].status = reserved',
          '# §7.4: buf tries [0x60000000,0x60800000) (all taken by fw) -> fails silently, then [0x70000000,0x72000000)',
          '# top-down -> 0x72000000 - 16M = 0x71000000 (6.12: no earlier dynamic region touches either range end)',
          'reserved_memory[name=buf].base = 0x0000000071000000', 'reserved_memory[name=buf].status = reserved',
          'kernel_log lacks failed to allocate memory',
          '# nm: 2 MiB, align 2 MiB, no-map, top-down anywhere -> 0x140000000 - 2M; stays reserved and becomes NOMAP',
          'reserved_memory[name=nm].base = 0x000000013fe00000', 'reserved_memory[name=nm].status = reserved',
          'reserved_memory[name=nm].no_map = true',
          '# NOMAP memory still counts for end_of_DRAM (§2.3.3): Normal still ends at 0x13fffffff',
          '# default CMA below 4G', 'cma.base = %s' % a(cb)] + kcma(p) + [NOOVL, 'crashkernel.status = none']
    if p == 'linux-6.12':
        L += ['kernel_log contains OF: reserved mem: 0x0000000071000000..0x0000000071ffffff (16384 KiB) map non-reusable buf',
              'kernel_log contains OF: reserved mem: 0x000000013fe00000..0x000000013fffffff (2048 KiB) nomap non-reusable nm']
    write('alloc-ranges-multi', p, *V, 'QEMU virt 4G, two alloc-ranges (first one taken), a dynamic no-map region.', L)

# ------------------------------------------------------------------ usable-memory
for p in PROFILES:
    c = CMA[p]; cb = 0x100000000 - c
    L = zones(*Z4)
    L += ['# §2.2: linux,usable-memory (4 GiB) is used instead of reg (8 GiB)',
          'memory[0].base = 0x0000000040000000', 'memory[0].size = 0x100000000',
          '# §9 fits in [4G,5G); CMA at 4G - size, crash 256M under it',
          'cma.base = %s' % a(cb)] + kcma(p) + [
          'crashkernel.status = reserved', 'crashkernel.low.base = %s' % a(cb - 0x10000000),
          'crashkernel.low.size = 0x10000000', crashlog(cb - 0x10000000, 0x10000000)]
    write('usable-memory', p, *V, 'QEMU virt, reg 8 GiB but linux,usable-memory 4 GiB, crashkernel=256M.', L)

# ------------------------------------------------------------------ kdump-usable-range
for p in PROFILES:
    c = CMA[p]
    L = zones((0xa0000000, 0xafffffff), None, None,
              '§2.2 linux,usable-memory-range: memblock_cap_memory_range(0xa0000000, 256M) -> RAM [0xa0000000,0xb0000000);\n'
              '# below 4G -> DMA limit = end of RAM 0xb0000000')
    L += ['memory[0].base = 0x00000000a0000000', 'memory[0].size = 0x10000000',
          '# §7.8: nothing reserved overlaps [0xaff00000,+64K) (kernel 0xa0200000.., DTB 0xa8000000..) -> reserved',
          'kernel_log contains OF: fdt: Reserving 64 KiB of memory at 0xaff00000 for elfcorehdr',
          'kernel_log lacks elfcorehdr is overlapped',
          '# default CMA below 0xb0000000 and below the elfcorehdr (only 960 KiB free above it):',
          '# base <= round_down(0xaff00000 - size, 2M); the early allocations for 256 MiB are small, so it stays',
          '# above the DTB',
          'cma.base <= %s' % a((0xaff00000 - c) & ~0x1fffff), 'cma.base >= 0x00000000a8000000'] + kcma(p) + [
          'crashkernel.status = none', NOOVL]
    write('kdump-usable-range', p, 0xa8000000, 0xa0200000,
          'kdump capture kernel DT: usable-memory-range 0xa0000000+256M, elfcorehdr 0xaff00000+64K (image at 0xa0200000).', L)

# ------------------------------------------------------------------ kernel-text-nomap
for p in PROFILES:
    L = zones((0x40000000, 0xbfffffff), None, None, 'DRAM [1G,3G)')
    if p == 'linux-6.1':
        L += ['# §3.2 (6.1): kernel reserved from _stext = 0x40210000 -> [0x40200000,0x40210000) overlaps nothing reserved',
              '# -> no-map succeeds (§7.3)',
              'reserved_memory[name=hdr@40200000].status = reserved',
              'kernel_log lacks failed to reserve memory']
    else:
        L += ['# §3.2 (6.12.54+): kernel reserved from _text = 0x40200000 -> the no-map region overlaps it -> EBUSY',
              '# -> failed; size printed in MiB: 64 KiB >> 20 = 0',
              'reserved_memory[name=hdr@40200000].status = failed',
              "kernel_log contains OF: reserved mem: Reserved memory: failed to reserve memory for node 'hdr@40200000': base 0x0000000040200000, size 0 MiB",
              '# §7.6: init of a compatible-less node is ENOENT -> its line is printed anyway',
              'kernel_log contains OF: reserved mem: 0x0000000040200000..0x000000004020ffff (64 KiB) nomap non-reusable hdr@40200000']
    L += ['crashkernel.status = none']
    write('kernel-text-nomap', p, *V, 'QEMU virt 2G, no-map region over [_text, _stext).', L)

# ------------------------------------------------------------------ crash-unaligned-size
for p in PROFILES:
    c = CMA[p]; cb = 0x100000000 - c
    L = zones(*Z8)
    L += ['cma.base = %s' % a(cb)] + kcma(p)
    if p == 'linux-6.1':
        sz_ = 0x10001000
        L += ['# §5.3 (6.1): size = PAGE_ALIGN(0x10000800) = 0x10001000; top-down under CMA:',
              '# round_down(0xfc000000 - 0x10001000 = 0xebfff000, 2M) = 0xebe00000; end = base + size; MB = size >> 20 = 256']
    else:
        sz_ = 0x10000800
        L += ['# §5.3 (6.12): size not page-aligned: 0x10000800; round_down(0xfe000000 - 0x10000800 = 0xedfff800, 2M) =',
              '# 0xede00000; end = base + size; MB = size >> 20 = 256']
    base = (cb - sz_) & ~0x1fffff
    L += ['crashkernel.status = reserved', 'crashkernel.low.base = %s' % a(base), 'crashkernel.low.size = %s' % sz(sz_),
          crashlog(base, sz_)]
    write('crash-unaligned-size', p, *V, 'QEMU virt 8G, crashkernel=0x10000800.', L)

# ------------------------------------------------------------------ crash-range-offset
for p in PROFILES:
    c = CMA[p]; cb = 0x100000000 - c
    L = zones(*Z4)
    L += ['cma.base = %s' % a(cb)] + kcma(p)
    L += ['# §5.2: system_ram 4096 MiB (round_up 128M: 4096M): 512M-4G excludes 4096M (end exclusive); 4G- matches ->',
          '# 256M; the text after the list is scanned to "@" -> base 0x60000000 -> fixed placement (free, 2M aligned)',
          'crashkernel.status = reserved', 'crashkernel.high = null',
          'crashkernel.low.base = 0x0000000060000000', 'crashkernel.low.size = 0x10000000',
          crashlog(0x60000000, 0x10000000)]
    write('crash-range-offset', p, *V, 'QEMU virt 4G, crashkernel=512M-4G:128M,4G-:256M@0x60000000.', L)
print('batch3 done')

# ------------------------------------------------------------------ static-cma-freed
for p in PROFILES:
    c = CMA[p]; cb = 0x100000000 - c
    L = zones(*Z8)
    L += ['# §7.6: static reusable shared-dma-pool, 31 MiB: rmem_cma_setup rejects (base|size not 2 MiB aligned),',
          '# rmem_dma_setup rejects reusable -> freed (6.1: in fdt_init_reserved_mem; 6.12: at unflatten, before bootmem_init)',
          'reserved_memory[name=pool@fe000000].status = freed',
          'kernel_log contains Reserved memory: incorrect alignment of CMA region',
          'kernel_log contains OF: reserved mem: node pool@fe000000 compatible matching fail',
          'kernel_log lacks reusable pool@fe000000',
          '# the freed range is free again for the default CMA area and the crash kernel: as in qemu-virt-8g',
          'cma.base = %s' % a(cb)] + kcma(p) + [cmalog(p, cb),
          'crashkernel.status = reserved', 'crashkernel.low.base = %s' % a(cb - 0x10000000),
          'crashkernel.low.size = 0x10000000', crashlog(cb - 0x10000000, 0x10000000)]
    write('static-cma-freed', p, *V, 'QEMU virt 8G, static misaligned reusable pool at 0xfe000000, crashkernel=256M.', L)
print('batch4 done')

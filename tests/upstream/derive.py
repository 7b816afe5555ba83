#!/usr/bin/env python3
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
"""Expectations for memplan plan on upstream board DTs, derived without memplan.

Reads a DTB with fdtget/fdtdump (device-tree-compiler) and applies the rules as
docs/kernel-model.md and memplan_inputs.h state them, written a second time here:
  - memory: the DT's own when a device_type = "memory" node that is not disabled
    has a non-empty reg; a "memory" node without device_type and with a
    non-empty reg is taken at its word; otherwise assumed: 2 GiB at the placeholder node's base
    (default 0x80000000), lowered to the lowest static reservation rounded down
    to 256 MiB when that lies below, grown in 1 GiB steps to cover the static
    reservations above the base that 64 GiB can reach; one size cell caps it at
    0xffe00000;
  - the Image's default: RAM base rounded up to 2 MiB, + 2 MiB, stepped past each
    static reservation it meets to the next 2 MiB boundary;
  - each static /reserved-memory child lying wholly in RAM and on nothing else
    (no other reservation, not the Image, not the DTB) is reserved at its reg, and
    6.12 prints "OF: reserved mem: BASE..END (N KiB) [no]map [non-]reusable NAME"
    (fdt_reserved_mem_save_node(), drivers/of/of_reserved_mem.c, 6.12).
Usage: derive.py DTB  -> the expectation (JSON) on standard output
"""
import json, re, subprocess, sys

def get(dtb, node, prop, kind='x'):
    r = subprocess.run(['fdtget', '-t', kind, dtb, node, prop], capture_output=True, text=True)
    return r.stdout.split() if r.returncode == 0 else None

def subnodes(dtb, node):
    r = subprocess.run(['fdtget', '-l', dtb, node], capture_output=True, text=True)
    return r.stdout.split() if r.returncode == 0 else []

def has(dtb, node, prop):
    return subprocess.run(['fdtget', dtb, node, prop], capture_output=True).returncode == 0

def cells(dtb, node):
    ac, sc = get(dtb, node, '#address-cells', 'u'), get(dtb, node, '#size-cells', 'u')
    return (int(ac[0]) if ac else 2), (int(sc[0]) if sc else 1)

def regs(dtb, node, ac, sc):
    v = get(dtb, node, 'reg')
    if not v:
        return []
    v = [int(x, 16) for x in v]
    out = []
    for i in range(0, len(v) - (ac + sc) + 1, ac + sc):
        b = 0
        for c in v[i:i + ac]:
            b = b << 32 | c
        s = 0
        for c in v[i + ac:i + ac + sc]:
            s = s << 32 | c
        out.append((b, s))
    return out

def status_ok(dtb, node):
    s = get(dtb, node, 'status', 's')
    return s is None or s[0] in ('okay', 'ok')

def memreserve(dtb):
    dump = subprocess.run(['fdtdump', dtb], capture_output=True, text=True).stdout
    return [(int(b, 16), int(s, 16)) for b, s in
            re.findall(r'^// \d+: rsvmap: 0x([0-9a-f]+) 0x([0-9a-f]+)', dump, re.M)
            if int(s, 16)] or [(int(b, 16), int(s, 16)) for b, s in
            re.findall(r'^/memreserve/ 0x([0-9a-f]+) 0x([0-9a-f]+);', dump, re.M) if int(s, 16)]

def up(x, a): return (x + a - 1) // a * a
def down(x, a): return x // a * a
M, G = 1 << 20, 1 << 30

def derive(dtb):
    ac, sc = cells(dtb, '/')
    typed = [n for n in subnodes(dtb, '/') if (get(dtb, '/' + n, 'device_type', 's') or [''])[0] == 'memory']
    banks = []
    for n in typed:
        if status_ok(dtb, '/' + n):
            banks += [(b, s) for b, s in regs(dtb, '/' + n, ac, sc) if s]
    statics = []  # (name, base, size, nomap, reusable)
    if '/reserved-memory' in ['/' + n for n in subnodes(dtb, '/')]:
        rac, rsc = cells(dtb, '/reserved-memory')
        for n in subnodes(dtb, '/reserved-memory'):
            p = '/reserved-memory/' + n
            if not status_ok(dtb, p):
                continue
            for b, s in regs(dtb, p, rac, rsc):
                if s:
                    statics.append((n, b, s, has(dtb, p, 'no-map'), has(dtb, p, 'reusable')))
    rsv = [(b, s) for _, b, s, _, _ in statics] + memreserve(dtb)
    exp = {'memory_source': 'dt'}
    # a "memory" node without device_type: the kernel skips it, memplan plans
    # with its own reg (and lint says the property is missing)
    untyped = [n for n in subnodes(dtb, '/') if (n == 'memory' or n.startswith('memory@'))
               and n not in typed]
    if not banks and untyped:
        banks = [(b, s) for b, s in regs(dtb, '/' + untyped[0], ac, sc) if s]
        if banks:
            exp['banks'] = [['0x%016x' % b, '0x%x' % s] for b, s in banks]
    if not banks:
        ph = None
        for n in typed:
            r = regs(dtb, '/' + n, ac, sc)
            if r:
                ph = r[0][0]
                break
        lo = min((b for b, _ in rsv), default=None)
        if lo is not None and (ph is None or lo < ph):
            base = down(lo, 256 * M)
        else:
            base = ph if ph is not None else 0x80000000
        size = 2 * G
        # only the reservations 64 GiB of RAM from the base can reach
        hi = max((b + s for b, s in rsv if b >= base and b + s - base <= 64 * G), default=0)
        if hi > base and hi - base > size:
            size = min(up(hi - base, G), 64 * G)
        if ac == 1 and base < 1 << 32:
            size = min(size, (1 << 32) - base)
        if sc == 1:
            size = min(size, 0xffe00000)
        banks = [(base, size)]
        exp['memory_source'] = 'assumed'
        exp['banks'] = [['0x%016x' % base, '0x%x' % size]]
    ram = min(b for b, _ in banks)
    want = up(ram, 2 * M) + 2 * M
    image, isize = want, 0x2010000
    for _ in range(len(rsv) + 1):
        hit = [(b, s) for b, s in rsv if b < image + isize and image < b + s]
        if not hit:
            break
        image = up(hit[0][0] + hit[0][1], 2 * M)
    else:
        image = want
    exp['image_base'] = '0x%016x' % image
    inram = lambda b, s: any(rb <= b and b + s <= rb + rs for rb, rs in banks)
    lines, regions = [], []
    for n, b, s, nomap, reusable in statics:
        others = [(ob, os_) for (on, ob, os_, _, _) in statics if (on, ob) != (n, b)] + memreserve(dtb)
        if not inram(b, s) or any(ob < b + s and b < ob + os_ for ob, os_ in others):
            continue
        if b < image + isize and image < b + s:
            continue
        regions.append([n, '0x%016x' % b])
        # the KiB count is size / SZ_1K, truncated
        lines.append('OF: reserved mem: 0x%016x..0x%016x (%d KiB) %s %s %s' % (
            b, b + s - 1, s // 1024, 'nomap' if nomap else 'map',
            'reusable' if reusable else 'non-reusable', n))
    exp['reserved'] = regions
    exp['kernel_log'] = lines
    return exp

if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: derive.py DTB')
    print(json.dumps(derive(sys.argv[1]), indent=1, sort_keys=True))

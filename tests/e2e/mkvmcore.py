#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""mkvmcore.py - write small synthetic arm64 vmcores (and the matching /proc/iomem)
for feeding kexec/vmcore-check natively.  Python standard library only.

Usage: tests/e2e/mkvmcore.py DIR
Writes DIR/iomem and DIR/<variant>.vmcore for the variants:
  good         what a correct kexec-tools writes: linear PT_LOADs = System RAM minus
               Crash kernel, a kernel-image PT_LOAD at vaddr = paddr + kimage_voffset
  text-bug     what kexec-tools 2.0.25 writes without _text in kallsyms: kernel-image
               PT_LOAD with vaddr UINT64_MAX and a huge size, linear vaddrs without
               PAGE_OFFSET (so the file size wraps too)
  no-exclude   one linear PT_LOAD over all RAM, the crash region not left out
  no-panic     correct layout, but the printk ring lacks the panic message
  truncated    the good file cut after its program headers
  va52         good, from a 52-bit VA kernel on a CPU without LPA2: VMCOREINFO says
               VA_BITS=52 and a PHYS_OFFSET lowered by _PAGE_OFFSET(48) -
               _PAGE_OFFSET(52), the linear map is the 48-bit one (Debian's 6.12)
"""
import os
import struct
import sys

PAGE_OFFSET = 0xffff000000000000
PHYS_OFFSET = 0x40000000
KIMAGE_VOFFSET = 0xffff7fffc8000000
RAM = (0x40000000, 0x40100000)          # [start, end)
CODE = (0x40010000, 0x4001ffff)
DATA = (0x40020000, 0x4003ffff)
CRASH = (0x40080000, 0x400bffff)
PRB_SYM_PA = 0x40020000                  # &prb (a pointer) in kernel data
PRB_PA = 0x40020100                      # struct printk_ringbuffer
RING_PA = 0x40050000                     # text data ring, 4 KiB
TEXT_DATA_RING_OFF, SIZE_BITS_OFF, DATA_OFF = 0x40, 0, 8


def lin(pa):
    return (pa - PHYS_OFFSET) | PAGE_OFFSET


def kimg(pa):
    return (pa + KIMAGE_VOFFSET) & 0xffffffffffffffff


def note(name, ntype, desc):
    n = name.encode() + b"\0"
    pad = lambda b: b + b"\0" * (-len(b) % 4)
    return struct.pack("<III", len(n), len(desc), ntype) + pad(n) + pad(desc)


def memory(panic=True):
    mem = bytearray(RAM[1] - RAM[0])
    put = lambda pa, b: mem.__setitem__(slice(pa - RAM[0], pa - RAM[0] + len(b)), b)
    put(PRB_SYM_PA, struct.pack("<Q", kimg(PRB_PA)))
    put(PRB_PA + TEXT_DATA_RING_OFF + SIZE_BITS_OFF, struct.pack("<I", 12))
    put(PRB_PA + TEXT_DATA_RING_OFF + DATA_OFF, struct.pack("<Q", lin(RING_PA)))
    msg = b"Booting Linux\0" + (b"sysrq: Trigger a crash\0" if panic else b"nothing\0")
    put(RING_PA + 64, msg)
    return bytes(mem)


def vmcore(loads, mem, va_bits=48):
    """loads: list of (vaddr, paddr, size, data-bytes) PT_LOADs after one PT_NOTE."""
    # arm64_memblock_init() 6.12: a 52-bit VA kernel running with 48 bits moves
    # memstart_addr down by _PAGE_OFFSET(48) - _PAGE_OFFSET(52), so that
    # (pa - PHYS_OFFSET) | _PAGE_OFFSET(52) is the 48-bit linear address
    phys_offset = PHYS_OFFSET
    if va_bits == 52:
        phys_offset = (PHYS_OFFSET - (PAGE_OFFSET - 0xfff0000000000000)) & 0xffffffffffffffff
    info = "\n".join([
        "OSRELEASE=6.1.0-test", "PAGESIZE=4096", "NUMBER(VA_BITS)=%d" % va_bits,
        "NUMBER(kimage_voffset)=0x%x" % KIMAGE_VOFFSET,
        "NUMBER(PHYS_OFFSET)=0x%x" % phys_offset,
        "SYMBOL(prb)=%x" % kimg(PRB_SYM_PA),
        "OFFSET(printk_ringbuffer.text_data_ring)=%d" % TEXT_DATA_RING_OFF,
        "OFFSET(prb_data_ring.size_bits)=%d" % SIZE_BITS_OFF,
        "OFFSET(prb_data_ring.data)=%d" % DATA_OFF, ""]).encode()
    notes = note("CORE", 1, b"\0" * 392) + note("VMCOREINFO", 0, info)
    phnum = 1 + len(loads)
    off = 64 + 56 * phnum
    phdrs = [struct.pack("<IIQQQQQQ", 4, 0, off, 0, 0, len(notes), len(notes), 0)]
    off += len(notes)
    off = (off + 4095) & ~4095
    body = bytearray()
    data_start = off
    for vaddr, paddr, size, data in loads:
        phdrs.append(struct.pack("<IIQQQQQQ", 1, 7, off, vaddr, paddr, size, size, 0))
        body += data
        off += len(data)
    eh = struct.pack("<16sHHIQQQIHHHHHH", b"\x7fELF\x02\x01\x01" + b"\0" * 9,
                     4, 183, 1, 0, 64, 0, 0, 64, 56, phnum, 0, 0, 0)
    head = eh + b"".join(phdrs) + notes
    return head + b"\0" * (data_start - len(head)) + bytes(body)


def ram_load(mem, start, end):
    return (lin(start), start, end - start, mem[start - RAM[0]:end - RAM[0]])


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "iomem"), "w") as f:
        f.write("09000000-09000fff : pl011@9000000\n"
                "%08x-%08x : System RAM\n" % (RAM[0], RAM[1] - 1) +
                "  %08x-%08x : Kernel code\n" % CODE +
                "  %08x-%08x : Kernel data\n" % DATA +
                "  %08x-%08x : Crash kernel\n" % CRASH)
    mem = memory()
    text = (kimg(CODE[0]), CODE[0], DATA[1] + 1 - CODE[0],
            mem[CODE[0] - RAM[0]:DATA[1] + 1 - RAM[0]])
    low = ram_load(mem, RAM[0], CRASH[0])
    high = ram_load(mem, CRASH[1] + 1, RAM[1])
    variants = {
        "good": [text, low, high],
        "no-exclude": [text, ram_load(mem, RAM[0], RAM[1])],
        # after a crashkernel shrink kexec-tools describes the nested "System RAM"
        # of the freed part as well: an exact duplicate, allowed
        "dup-nested": [text, low, high, high],
        # a PT_LOAD that overlaps another without being its duplicate: refused
        "overlap": [text, low, high, ram_load(mem, CRASH[1] + 1, CRASH[1] + 1 + 0x1000)],
    }
    nm = memory(panic=False)
    variants["no-panic"] = [
        (kimg(CODE[0]), CODE[0], DATA[1] + 1 - CODE[0], nm[CODE[0] - RAM[0]:DATA[1] + 1 - RAM[0]]),
        ram_load(nm, RAM[0], CRASH[0]), ram_load(nm, CRASH[1] + 1, RAM[1])]
    for name, loads in variants.items():
        with open(os.path.join(d, name + ".vmcore"), "wb") as f:
            f.write(vmcore(loads, mem))
    # kexec-tools 2.0.25 without _text: huge bogus text segment (only its header is
    # written here; the file then ends long before the segment does), linear vaddrs
    # without PAGE_OFFSET.
    bogus = (0xffffffffffffffff, (CODE[0] - 0xffff800008010000) & 0xffffffffffffffff,
             (DATA[1] + 1 - CODE[0] + 0xffff800008010000) & 0xffffffffffffffff, b"")
    bad_low = (low[1] - PHYS_OFFSET, low[1], low[2], low[3])
    bad_high = (high[1] - PHYS_OFFSET, high[1], high[2], high[3])
    with open(os.path.join(d, "text-bug.vmcore"), "wb") as f:
        f.write(vmcore([bogus, bad_low, bad_high], mem))
    with open(os.path.join(d, "va52.vmcore"), "wb") as f:
        f.write(vmcore([text, low, high], mem, va_bits=52))
    good = open(os.path.join(d, "good.vmcore"), "rb").read()
    with open(os.path.join(d, "truncated.vmcore"), "wb") as f:
        f.write(good[:64 + 56 * 4])


if __name__ == "__main__":
    main()

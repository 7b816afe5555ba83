#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""iort-table.py - write an ACPI IORT for the tests of --acpi-iort.

Usage: scripts/iort-table.py [--revision N] [--bad-checksum] [--truncate N] OUT [NODE...]

OUT becomes a table as /sys/firmware/acpi/tables/IORT gives it (Arm DEN 0049,
ACPICA's include/acpi/actbl2.h; little-endian, packed): the 36-byte ACPI
header with QEMU's OEM fields ("BOCHS ", "BXPC    ", creator "BXPC"), the
IORT header (node count, node array at 48), then the NODEs in order:

  its            an ITS group with one ITS (revision 1, 24 bytes)
  rc:REV:BITS    a root complex of revision REV with one ID mapping to the
                 first node, memory address size limit BITS (56 bytes)
  nc:BITS        a named component "\\_SB.DEV0", limit BITS (39 bytes)
  other:TYPE:LEN a node of TYPE and LEN bytes, zero after its header
  none           no node at all (alone)

Without NODEs: "its rc:3:64", the layout QEMU 7.2's build_iort()
(hw/arm/virt-acpi-build.c) gives the virt machine without an SMMU, table
revision 3 - 0x80 bytes, modelled on that code, not captured from a guest.
--bad-checksum flips the checksum byte; --truncate N keeps the first N bytes
(the header still says the whole length).  Python 3 standard library only.
Exit status: 0 ok, 2 usage.
"""
import struct
import sys

HDR = 48


def node(typ, length, rev, ident, maps=0, map_off=0):
    return struct.pack("<BHBIII", typ, length, rev, ident, maps, map_off)


def its(ident):
    return node(0, 24, 1, ident) + struct.pack("<II", 1, 0)


def root_complex(ident, rev, bits):
    return (node(2, 56, rev, ident, 1, 36) +
            struct.pack("<IBHB", 1, 0, 0, 3) +         # CCA coherent; CCA, CPM, DACS
            struct.pack("<IIB3x", 0, 0, bits) +        # ATS, PCI segment, limit
            struct.pack("<IIIII", 0, 0xFFFF, 0, HDR, 0))  # all RIDs to the first node


def named_component(ident, bits):
    return node(1, 39, 4, ident) + struct.pack("<IQB", 0, 0, bits) + b"\\_SB.DEV0\0"


def parse_node(spec, ident):
    f = spec.split(":")
    if f == ["its"]:
        return its(ident)
    if f[0] == "rc" and len(f) == 3:
        return root_complex(ident, int(f[1], 0), int(f[2], 0))
    if f[0] == "nc" and len(f) == 2:
        return named_component(ident, int(f[1], 0))
    if f[0] == "other" and len(f) == 3:
        length = int(f[2], 0)
        return node(int(f[1], 0), length, 0, ident) + bytes(max(0, length - 16))
    raise ValueError(spec)


def table(specs, revision):
    nodes = [parse_node(s, i) for i, s in enumerate(specs)]
    body = b"".join(nodes)
    t = bytearray(b"IORT" + struct.pack("<IBB", HDR + len(body), revision, 0) +
                  b"BOCHS " + b"BXPC    " + struct.pack("<I", 1) + b"BXPC" +
                  struct.pack("<I", 1) + struct.pack("<III", len(nodes), HDR, 0) + body)
    t[9] = -sum(t) & 0xFF
    return t


def main(argv):
    revision, bad, truncate, args = 3, False, None, []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--revision" and i + 1 < len(argv):
            revision, i = int(argv[i + 1], 0), i + 1
        elif a == "--truncate" and i + 1 < len(argv):
            truncate, i = int(argv[i + 1], 0), i + 1
        elif a == "--bad-checksum":
            bad = True
        elif a.startswith("-"):
            raise ValueError(a)
        else:
            args.append(a)
        i += 1
    if not args:
        raise ValueError("OUT missing")
    specs = args[1:] or ["its", "rc:3:64"]
    t = table([] if specs == ["none"] else specs, revision)
    if bad:
        t[9] ^= 0x01
    with open(args[0], "wb") as f:
        f.write(bytes(t[:truncate] if truncate is not None else t))


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except (ValueError, IndexError) as e:
        print(f"iort-table.py: bad argument {e}\n{__doc__.splitlines()[2]}", file=sys.stderr)
        sys.exit(2)

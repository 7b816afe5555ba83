#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""xen-dom0-compare.py PREDICTED.dtb RECORDED.dtb

Hold the dom0 DT memplan handoff xen-dom0 predicted against the one Xen built
(dom0's /sys/firmware/fdt): the reserve map, every memory node (name, reg),
the /reserved-memory subtree (every node, every property) and /chosen's
bootargs and linux,initrd-*.  The nodes Xen rebuilds for itself (GIC, timer,
cpus, psci, hypervisor) hold no memory and are not compared.  Property and
node order do not count: of_fdt reads them by name.  One line per item and
"N passed, N failed"; exit 1 on any difference."""
import struct
import sys


def parse(path):
    """{node path: {property: bytes}} and the reserve map of a flattened DT"""
    b = open(path, "rb").read()
    magic, _, off_struct, off_strings, off_rsv = struct.unpack_from(">5I", b, 0)
    if magic != 0xD00DFEED:
        sys.exit(f"{path}: not a flattened DT")
    rsv, o = [], off_rsv
    while True:
        a, s = struct.unpack_from(">QQ", b, o)
        o += 16
        if not a and not s:
            break
        rsv.append((a, s))
    nodes, stack, o = {}, [], off_struct
    while True:
        (tag,) = struct.unpack_from(">I", b, o)
        o += 4
        if tag == 1:  # FDT_BEGIN_NODE
            end = b.index(b"\0", o)
            stack.append(b[o:end].decode())
            o = (end + 4) & ~3
            nodes["/" + "/".join(stack[1:])] = {}
        elif tag == 2:  # FDT_END_NODE
            stack.pop()
        elif tag == 3:  # FDT_PROP
            ln, nameoff = struct.unpack_from(">II", b, o)
            o += 8
            name = b[off_strings + nameoff:b.index(b"\0", off_strings + nameoff)].decode()
            nodes["/" + "/".join(stack[1:])][name] = b[o:o + ln]
            o = (o + ln + 3) & ~3
        elif tag == 4:  # FDT_NOP
            continue
        elif tag == 9:  # FDT_END
            break
        else:
            sys.exit(f"{path}: bad tag {tag}")
    return nodes, rsv


def main():
    pred, prsv = parse(sys.argv[1])
    rec, rrsv = parse(sys.argv[2])
    items = [("reserve map", prsv, rrsv)]

    def memory(nodes):
        return {p: n.get("reg") for p, n in nodes.items()
                if p.count("/") == 1 and n.get("device_type") == b"memory\0"}

    items.append(("memory nodes", memory(pred), memory(rec)))

    def subtree(nodes, top):
        return {p: n for p, n in nodes.items() if p == top or p.startswith(top + "/")}

    items.append(("/reserved-memory", subtree(pred, "/reserved-memory"),
                  subtree(rec, "/reserved-memory")))
    for prop in ("bootargs", "linux,initrd-start", "linux,initrd-end"):
        items.append((f"/chosen {prop}", pred.get("/chosen", {}).get(prop),
                      rec.get("/chosen", {}).get(prop)))
    passed = failed = 0
    for name, p, r in items:
        if p == r:
            passed += 1
            print(f"MATCH {name}")
        else:
            failed += 1
            print(f"MISMATCH {name}: predicted {p!r}, Xen built {r!r}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

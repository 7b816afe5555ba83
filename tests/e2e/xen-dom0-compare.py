#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""xen-dom0-compare.py [--xen-uart PATH] PREDICTED.dtb RECORDED.dtb

Hold the dom0 DT memplan handoff xen-dom0 predicted against the one Xen built
(dom0's /sys/firmware/fdt): the reserve map, every memory node (name, reg),
the /reserved-memory subtree, /chosen's bootargs and linux,initrd-*, and every
other node Xen copies from the host DT (each property).  Not compared: the
nodes Xen builds for itself or keeps (domain_build.c handle_node(): the GIC
and the timer rebuilt, /cpus, psci and the hypervisor node written anew, PMUs
and other nodes using PPIs skipped, and its own console, --xen-uart: the node
of Xen's dtuart=); they hold no memory.  Property and node order do not count:
of_fdt reads them by name.  One line per item and "N passed, N failed"; exit 1
on any difference."""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fdtblob import flatten, parse_dtb  # noqa: E402 (the shared DTB reader)


def parse(path):
    """{node path: {property: bytes}} and the reserve map of a flattened DT"""
    try:
        root, rsv = parse_dtb(open(path, "rb").read())
    except (ValueError, struct.error) as e:
        sys.exit(f"{path}: not a flattened DT ({e})")
    return flatten(root), rsv


# compatibles of the nodes Xen rebuilds (GIC, timer) or skips (PMUs, psci)
XEN_OWN = (b"arm,cortex-a15-gic", b"arm,gic-400", b"arm,gic-v3", b"arm,armv8-timer",
           b"arm,armv7-timer", b"arm,armv8-pmuv3", b"arm,cortex-a15-pmu",
           b"arm,cortex-a7-pmu", b"arm,psci", b"arm,psci-0.2", b"arm,psci-1.0",
           b"xen,xen")


def xen_own(nodes, path, uart):
    """whether Xen builds or drops @path (or an ancestor) itself"""
    parts = path.split("/")
    for i in range(2, len(parts) + 1):
        p = "/".join(parts[:i])
        compat = nodes.get(p, {}).get("compatible", b"").split(b"\0")
        if p in ("/cpus", "/psci", "/hypervisor", "/chosen", "/reserved-memory") or \
                p == uart or any(c in XEN_OWN for c in compat) or \
                nodes.get(p, {}).get("device_type") == b"memory\0":
            return True
    return False


def main():
    args = sys.argv[1:]
    uart = None
    if len(args) == 4 and args[0] == "--xen-uart":
        uart, args = args[1], args[2:]
    if len(args) != 2:
        sys.exit(__doc__)
    pred, prsv = parse(args[0])
    rec, rrsv = parse(args[1])
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
    # the rest of the host DT, as Xen copies it
    pc = {p: n for p, n in pred.items() if p != "/" and not xen_own(pred, p, uart)}
    rc = {p: n for p, n in rec.items() if p != "/" and not xen_own(rec, p, uart)}
    items.append((f"the {len(pc)} other nodes Xen copies", pc, rc))
    passed = failed = 0
    for name, p, r in items:
        if p == r:
            passed += 1
            print(f"MATCH {name}")
            continue
        failed += 1
        if isinstance(p, dict) and isinstance(r, dict):
            diff = sorted(set(p) ^ set(r)) + sorted(k for k in set(p) & set(r) if p[k] != r[k])
            print(f"MISMATCH {name}: {', '.join(diff[:8])}")
        else:
            print(f"MISMATCH {name}: predicted {p!r}, Xen built {r!r}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

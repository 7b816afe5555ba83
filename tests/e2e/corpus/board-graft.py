#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""board-graft.py - real arm64 board DTs carried onto QEMU virt for the fidelity corpus.

Usage: tests/e2e/corpus/board-graft.py [--check] [NAME...]
  writes dts/NAME.dts for each line of boards.txt (or the NAMEs given); --check writes
  nothing and exits 1 when a dts/NAME.dts differs from what it would write.
  (`tests/e2e/corpus/fidelity.sh boards [NAME...]` runs it.)
Needs Python 3 (stdlib), dtc, and tests/upstream/compile-dtb.sh (cpp, the
linux-source-6.12 tarball).  The output depends only on the tarball, the dtsi and dtc's
compilation of the board: the same inputs give the same bytes.

A real board DT is many times larger than QEMU's (hundreds of nodes, thousands of
properties, dozens of /reserved-memory carve-outs), and its size is what moves the
kernel's early allocations (the unflattened DT) and so the crash kernel and CMA.  A
board-DT scenario boots QEMU virt with a DT that holds all of the board's tree but whose
devices are never probed:

  1. the board:  tests/upstream/compile-dtb.sh [-@] BOARD compiles
     arch/arm64/boot/dts/BOARD.dts of linux-source-6.12 as Kbuild does (with -@ where
     boards.txt says "symbols"); when the DTBs of `make audit`
     ($MEMPLAN_CACHE/dtbs/linux-6.12) are there, it must equal Kbuild's DTB of BOARD,
     byte for byte (a warning otherwise).
  2. QEMU's DT:  dts/virt-<ram>.dtsi (QEMU's own DT for that RAM, `fidelity.sh dtsi`),
     included unchanged: /memory, /cpus, /psci, /timer, /intc (the GIC), pl011,
     /chosen, fw-cfg, virtio-mmio, the flash, the platform bus.
  3. the container: the board's root node becomes /board, with all its properties and
     every node below it except /reserved-memory (rule 4), in their order, plus
     compatible = "memplan,board-graft" and status = "disabled" first.  The kernel
     unflattens all of it and creates no device for it: of_platform_populate() creates
     no device for a disabled node and never descends into it, and
     of_dma_get_max_cpu_address() (the DMA zone) walks only available nodes.  What the
     kernel finds by path (/chosen, /aliases, /cpus and cpu-map, /psci, /memory,
     /reserved-memory, /firmware) stays QEMU's, since the board's nodes are now
     /board/chosen, /board/cpus ...; except the board's /aliases, which stays at the
     root (QEMU's virt DT has none): of_alias_scan() allocates an entry per alias
     right after the unflattened tree, as on the board (their paths lead into
     /board, rule 7; no QEMU device has an alias, so no device's id changes)  What it finds anywhere in the tree by type or
     compatible, looking at the node's own status only, is hidden by renaming two
     properties in every node of the container (same values, same property count, so
     the unflattened size is unchanged):
       compatible  -> memplan,compatible   IRQCHIP_OF_DECLARE (a second GIC), TIMER_OF_
                   DECLARE (a second arch timer), CLK_OF_DECLARE, psci's first match,
                   numa-distance-map-v1, of_platform's reserved-memory devices
                   (qcom,cmd-db, qcom,smem, qcom,rmtfs-mem, ramoops, nvmem-rmem), SoC
                   early initcalls that map registers of a matching node (tegra fuse,
                   pmc)
       device_type -> memplan,device_type  of_numa's memory nodes, "cpu", "pci"
     The container's /board compatible is the only compatible property below /board.
  4. /reserved-memory: the board's node (its own properties) becomes the root
     /reserved-memory, holding the regions of it that a boot on QEMU can have: a
     static region (reg) is kept when every (base, size) of its reg lies inside QEMU's
     RAM (0x40000000 + RAM) and outside where QEMU puts the kernel image
     (0x40200000, 64 MiB) and the initrd and DTB (0x48000000, 32 MiB); every dynamic
     region (size, no reg) is kept, its alloc-ranges as they are (the kernel allocates
     it or says it could not).  Kept regions keep every property (compatible, no-map,
     reusable, linux,cma-default, alignment, status, phandle ...).  Dropped ones are
     listed in the header comment of the .dts and are not in the DT at all (a phandle
     that referred to one refers to nothing; no device of the container resolves it).
     The board's /memreserve/ entries follow the static-region rule.
  5. node names: QEMU's arm_load_dtb() deletes ("nop") every node named memory or
     memory@... anywhere in the DT before it adds its own /memory, so such a node of
     the board (its /memory, MediaTek's carve-outs memory@50000000 ...) is renamed
     board-memory... (in the container and in /reserved-memory alike).
  6. phandles: the board's are kept as they are (dtc numbers them from 1; QEMU's are
     0x8000 and up): the script fails if one of them is one of QEMU's or appears
     twice.  References keep working without renumbering.
  7. paths: a string that names a node of the board by path (the values of
     /aliases and /board/__symbols__, /board/chosen's stdout-path before its
     ':') is rewritten to the node's new path (/board/..., /reserved-memory/...);
     a path of a dropped region is left as it was.
The .dts is: a header comment (the board, its SPDX identifier, its DTB's size and
sha256, node and property counts, what was kept, dropped and renamed), /memreserve/
lines, /include/ "virt-<ram>.dtsi", then a root node with /reserved-memory and /board,
every value written as dtc reads it back to the same bytes (strings, <cells>, [bytes]).
"""

import hashlib
import os
import re
import struct
import subprocess
import sys
import tempfile
import textwrap

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from fdtblob import Node, parse_dtb  # noqa: E402 (the shared DTB reader, tests/e2e)

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
CACHE = os.environ.get("MEMPLAN_CACHE", "/var/cache/memplan")
KBUILD_DTBS = os.path.join(CACHE, "dtbs", "linux-6.12", "arch", "arm64", "boot", "dts")
UPSTREAM_SRC = os.path.join(CACHE, "upstream-dts", "linux-source-6.12", "arch", "arm64",
                            "boot", "dts")

RAM_BASE = 0x40000000
# where QEMU's direct kernel boot puts what the kernel must not share with a carve-out:
# the Image at RAM + 2 MiB (64 MiB covers every kernel of the corpus) and the initrd at
# RAM + 128 MiB with the DTB after it (32 MiB covers the initramfs and a 2 MiB DTB)
QEMU_WINDOWS = ((0x40200000, 64 << 20, "the kernel image"),
                (0x48000000, 32 << 20, "QEMU's initrd and DTB"))
RENAMED_PROPS = {"compatible": "memplan,compatible", "device_type": "memplan,device_type"}
GRAFT_COMPATIBLE = "memplan,board-graft"


def cells_value(v, n):
    x = 0
    for i in range(n):
        x = (x << 32) | struct.unpack_from(">I", v, 4 * i)[0]
    return x


def reg_entries(v, ac, sc):
    step = 4 * (ac + sc)
    return [(cells_value(v[i:], ac), cells_value(v[i + 4 * ac:], sc))
            for i in range(0, len(v) - step + 1, step)]


def u32(node, name, default):
    v = node.prop(name)
    return struct.unpack(">I", v)[0] if v is not None and len(v) == 4 else default


def why_not_in_qemu(base, size, ram_end):
    """None when [base, base+size) can be a carve-out of the QEMU boot, else why not"""
    if base < RAM_BASE or base + size > ram_end:
        return "outside RAM 0x%x..0x%x" % (RAM_BASE, ram_end - 1)
    for wb, ws, what in QEMU_WINDOWS:
        if base < wb + ws and wb < base + size:
            return "overlaps %s (0x%x..0x%x)" % (what, wb, wb + ws - 1)
    return None


def graft_name(name):
    return "board-" + name if name == "memory" or name.startswith("memory@") else name


# ---- writing DTS ---------------------------------------------------------------------
def dts_value(v):
    if not v:
        return None
    if v.endswith(b"\0"):
        parts = v[:-1].split(b"\0")
        if all(parts) and all(0x20 <= c < 0x7f for p in parts for c in p):
            return ", ".join('"%s"' % p.decode().replace("\\", "\\\\").replace('"', '\\"')
                             for p in parts)
    if len(v) % 4 == 0:
        return "<%s>" % " ".join("0x%02x" % x for x in struct.unpack(">%dI" % (len(v) // 4), v))
    return "[%s]" % " ".join("%02x" % c for c in v)


def write_node(out, node, depth):
    ind = "\t" * depth
    out.append("%s%s {\n" % (ind, node.name))
    for k, v in node.props:
        val = dts_value(v)
        out.append("%s\t%s;\n" % (ind, k) if val is None else "%s\t%s = %s;\n" % (ind, k, val))
    for c in node.children:
        out.append("\n")
        write_node(out, c, depth + 1)
    out.append("%s};\n" % ind)


# ---- the graft -----------------------------------------------------------------------
def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, **kw).stdout


def compile_board(board, symbols, tmp):
    dtb = os.path.join(tmp, "board.dtb")
    cmd = [os.path.join(TOP, "tests", "upstream", "compile-dtb.sh")]
    run(cmd + (["-@"] if symbols else []) + [board, dtb])
    blob = open(dtb, "rb").read()
    kb = os.path.join(KBUILD_DTBS, board + ".dtb")
    if os.path.exists(kb) and open(kb, "rb").read() != blob:
        print("board-graft: warning: %s differs from Kbuild's %s (symbols flag in boards.txt?)"
              % (board, kb), file=sys.stderr)
    return blob


def qemu_dt(ram, tmp):
    src = os.path.join(tmp, "virt.dts")
    with open(src, "w") as f:
        f.write('/dts-v1/;\n/include/ "%s"\n' % os.path.join(HERE, "dts", "virt-%s.dtsi" % ram))
    dtb = os.path.join(tmp, "virt.dtb")
    run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, src])
    return parse_dtb(open(dtb, "rb").read())[0]


def graft(board, ram, symbols, tmp):
    blob = compile_board(board, symbols, tmp)
    broot, rsv = parse_dtb(blob)
    q = qemu_dt(ram, tmp)
    qmem = [c for c in q.children if c.name.startswith("memory@")][0]
    (base, size), = reg_entries(qmem.prop("reg"), 2, 2)
    assert base == RAM_BASE
    ram_end = base + size
    counts = {"nodes": 0, "props": 0}
    for _, n in broot.walk():
        counts["nodes"] += 1
        counts["props"] += len(n.props)

    # 4. /reserved-memory
    rm_old = [c for c in broot.children if c.name == "reserved-memory"]
    rm = None
    kept, dropped, newpath, dropped_props = [], [], {}, 0
    if rm_old:
        rm_old = rm_old[0]
        ac, sc = u32(rm_old, "#address-cells", 2), u32(rm_old, "#size-cells", 1)
        if (ac, sc) != (2, 2):
            sys.exit("board-graft: %s: /reserved-memory has #address-cells %d, #size-cells %d,"
                     " not QEMU's 2 and 2" % (board, ac, sc))
        rm = Node("reserved-memory")
        rm.props = [list(p) for p in rm_old.props]
        for c in rm_old.children:
            reg = c.prop("reg")
            why = None
            if reg is not None:
                for b, s in reg_entries(reg, ac, sc):
                    why = why or why_not_in_qemu(b, s, ram_end)
                desc = ", ".join("0x%x..0x%x" % (b, b + s - 1) for b, s in reg_entries(reg, ac, sc))
            else:
                desc = "dynamic"
            if why:
                dropped.append("/reserved-memory/%s (%s): %s" % (c.name, desc, why))
                dropped_props += len(c.props)
                continue
            k = Node(graft_name(c.name))
            k.props = [list(p) for p in c.props]
            rm.children.append(k)
            newpath["/reserved-memory/" + c.name] = "/reserved-memory/" + k.name
            kept.append("%s (%s)" % (k.name, desc))

    # 3. the container
    renamed_nodes = []

    def carry(src, path, npath):
        n = Node(graft_name(src.name))
        if n.name != src.name:
            renamed_nodes.append(path)
        for k, v in src.props:
            n.props.append([RENAMED_PROPS.get(k, k), v])
        newpath[path] = npath
        for c in src.children:
            n.children.append(carry(c, path.rstrip("/") + "/" + c.name,
                                    npath + "/" + graft_name(c.name)))
        return n

    container = Node("board")
    for c in broot.children:
        if c.name != "reserved-memory":
            container.children.append(carry(c, "/" + c.name, "/board/" + graft_name(c.name)))
    container.props = [["compatible", GRAFT_COMPATIBLE.encode() + b"\0"],
                       ["status", b"disabled\0"]]
    container.props += [[RENAMED_PROPS.get(k, k), v] for k, v in broot.props]

    # 3a. the board's /aliases stays at the root, so of_alias_scan() allocates its
    # entries as on the board (its paths lead into /board)
    aliases = [c for c in container.children if c.name == "aliases"]
    container.children = [c for c in container.children if c.name != "aliases"]

    # 7. paths
    repaths = 0
    for c in container.children + aliases:
        if c.name not in ("aliases", "__symbols__", "chosen"):
            continue
        for kv in c.props:
            if c.name == "chosen" and kv[0] not in ("stdout-path", "linux,stdout-path"):
                continue
            if not kv[1].startswith(b"/") or not kv[1].endswith(b"\0"):
                continue
            p, colon, opt = kv[1][:-1].decode().partition(":") if c.name == "chosen" else \
                (kv[1][:-1].decode(), "", "")
            if p in newpath:
                kv[1] = (newpath[p] + colon + opt).encode() + b"\0"
                repaths += 1

    # 6. phandles
    qph = {u32(n, p, None) for _, n in q.walk() for p in ("phandle", "linux,phandle")} - {None}
    seen = set()
    for top in [container] + ([rm] if rm else []):
        for path, n in top.walk():
            ph = u32(n, "phandle", None)
            if ph is None:
                continue
            if ph in qph or ph in seen:
                sys.exit("board-graft: %s: phandle 0x%x of %s collides" % (board, ph, path))
            seen.add(ph)

    # /memreserve/
    mrs, mr_dropped = [], []
    for b, s in rsv:
        why = why_not_in_qemu(b, s, ram_end)
        (mr_dropped if why else mrs).append((b, s, why))

    # the .dts
    spdx = "GPL-2.0"
    with open(os.path.join(UPSTREAM_SRC, board + ".dts")) as f:
        for line in f:
            m = re.search(r"SPDX-License-Identifier:\s*(.*?)\s*(\*/)?$", line)
            if m:
                spdx = m.group(1)
                break
    model = broot.prop("model")
    model = model.rstrip(b"\0").decode() if model else board
    total = len(rm_old.children) if rm_old else 0
    intro = ("%s (%s) of linux-source-6.12 grafted onto QEMU virt with %s GiB of RAM: the"
             " board's whole tree under a disabled /board, its carve-outs inside RAM in"
             " /reserved-memory.  Written by tests/e2e/corpus/board-graft.py (fidelity.sh"
             " boards): do not edit.  Derived from arch/arm64/boot/dts/%s.dts and the files"
             " it includes, whose licences apply." % (board, model, ram.rstrip("g"), board))
    out = ["// SPDX-License-Identifier: %s\n" % spdx]
    out += ["// %s\n" % line for line in textwrap.wrap(intro, 86)]
    out += ["// board DTB: dtc%s, %d bytes, sha256 %s,\n"
            % (" -@" if symbols else "", len(blob), hashlib.sha256(blob).hexdigest()),
            "//   %d nodes, %d properties, %d /reserved-memory regions, %d /memreserve/\n"
            % (counts["nodes"], counts["props"], total, len(rsv)),
            "// kept %d of %d regions, %d of %d /memreserve/; dropped:\n"
            % (len(kept), total, len(mrs), len(rsv))]
    out += ["//   %s\n" % d for d in dropped]
    out += ["//   /memreserve/ 0x%x 0x%x: %s\n" % m for m in mr_dropped]
    if not dropped and not mr_dropped:
        out.append("//   none\n")
    ren = renamed_nodes + [p for p, n in sorted(newpath.items())
                           if p.startswith("/reserved-memory/") and p != n]
    out.append("// renamed below /board: compatible -> memplan,compatible, device_type ->\n"
               "//   memplan,device_type; nodes memory[@...] -> board-memory[@...]:%s\n"
               % ("" if ren else " none"))
    out += ["//   %s\n" % p for p in ren]
    out.append("// paths rewritten (aliases, __symbols__, stdout-path): %d\n" % repaths)
    out.append("\n/dts-v1/;\n")
    out += ["/memreserve/ 0x%x 0x%x;\n" % (b, s) for b, s, _ in mrs]
    out.append('/include/ "virt-%s.dtsi"\n\n/ {\n' % ram)
    body = []
    if rm:
        write_node(body, rm, 1)
        body.append("\n")
    for a in aliases:
        write_node(body, a, 1)
        body.append("\n")
    write_node(body, container, 1)
    out += body
    out.append("};\n")
    return "".join(out), {"nodes": counts["nodes"], "props": counts["props"],
                          "kept": len(kept), "total": total, "dropped": dropped,
                          "dropped_props": dropped_props}


def boards_list():
    rows = []
    with open(os.path.join(HERE, "boards.txt")) as f:
        for line in f:
            w = line.split("#", 1)[0].split()
            if not w:
                continue
            if len(w) not in (3, 4) or (len(w) == 4 and w[3] != "symbols"):
                sys.exit("board-graft: boards.txt: bad line: %s" % line.rstrip())
            rows.append((w[0], w[1], w[2], len(w) == 4))
    return rows


def main(argv):
    check = False
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if argv and argv[0] == "--check":
        check, argv = True, argv[1:]
    rows = boards_list()
    names = {r[0] for r in rows}
    for a in argv:
        if a not in names:
            print("board-graft: %s is not in boards.txt" % a, file=sys.stderr)
            return 2
    rc = 0
    for name, board, ram, symbols in rows:
        if argv and name not in argv:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            text, st = graft(board, ram, symbols, tmp)
            path = os.path.join(HERE, "dts", name + ".dts")
            # the result must compile, and every node and property of the board be in it
            with open(os.path.join(tmp, name + ".dts"), "w") as f:
                f.write(text)
            run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-i", os.path.join(HERE, "dts"),
                 "-o", os.path.join(tmp, "out.dtb"), os.path.join(tmp, name + ".dts")])
            g, _ = parse_dtb(open(os.path.join(tmp, "out.dtb"), "rb").read())
            gb = [c for c in g.children if c.name == "board"][0]
            # the board's nodes: /board, /reserved-memory and /aliases
            tops = [gb] + [c for c in g.children if c.name in ("reserved-memory", "aliases")]
            nodes = sum(1 for t in tops for _ in t.walk())
            props = sum(len(n.props) for t in tops for _, n in t.walk()) - 2
            dn = len(st["dropped"])
            if (nodes + dn, props + st["dropped_props"]) != (st["nodes"], st["props"]):
                sys.exit("board-graft: %s: %d nodes, %d properties in the graft, %d, %d dropped:"
                         " not the board's %d, %d" % (name, nodes, props, dn, st["dropped_props"],
                                                       st["nodes"], st["props"]))
            old = open(path).read() if os.path.exists(path) else None
            if check:
                if old != text:
                    print("board-graft: %s differs from what board-graft.py writes" % path)
                    rc = 1
                continue
            if old != text:
                with open(path, "w") as f:
                    f.write(text)
            print("%s: %s, %d nodes, %d properties; %d of %d regions kept -> dts/%s.dts"
                  % (name, board, st["nodes"], st["props"], st["kept"], st["total"], name))
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""fdtblob.py - a flattened DT read into Python (stdlib only), for the e2e scripts that
look inside DTBs: corpus/board-graft.py and xen-dom0-compare.py."""
import struct


class Node:
    def __init__(self, name):
        self.name = name
        self.props = []     # [name, bytes]
        self.children = []

    def prop(self, name):
        for k, v in self.props:
            if k == name:
                return v
        return None

    def walk(self, path="/"):
        yield path, self
        for c in self.children:
            yield from c.walk(path.rstrip("/") + "/" + c.name)


def parse_dtb(blob):
    """the root Node and the /memreserve/ list of a flattened DT"""
    (magic, _total, off_struct, off_strings, off_rsv, _ver, _lcv, _cpu, _ssz,
     _dsz) = struct.unpack_from(">10I", blob, 0)
    if magic != 0xd00dfeed:
        raise ValueError("not a DTB")
    rsv = []
    o = off_rsv
    while True:
        a, s = struct.unpack_from(">QQ", blob, o)
        o += 16
        if a == 0 and s == 0:
            break
        rsv.append((a, s))

    def cstr(at):
        return blob[at:blob.index(b"\0", at)].decode()

    stack, root, o = [], None, off_struct
    while True:
        (tag,) = struct.unpack_from(">I", blob, o)
        o += 4
        if tag == 1:            # FDT_BEGIN_NODE
            name = cstr(o)
            o = (o + len(name) + 1 + 3) & ~3
            n = Node(name)
            if stack:
                stack[-1].children.append(n)
            else:
                root = n
            stack.append(n)
        elif tag == 2:          # FDT_END_NODE
            stack.pop()
        elif tag == 3:          # FDT_PROP
            ln, nameoff = struct.unpack_from(">II", blob, o)
            o += 8
            stack[-1].props.append([cstr(off_strings + nameoff), blob[o:o + ln]])
            o = (o + ln + 3) & ~3
        elif tag == 4:          # FDT_NOP
            pass
        elif tag == 9:          # FDT_END
            return root, rsv
        else:
            raise ValueError("bad tag %d" % tag)


def flatten(root):
    """{path: {property: bytes}} of every node under @root"""
    return {path: dict(n.props) for path, n in root.walk()}

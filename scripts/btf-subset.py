#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""btf-subset.py - keep the sizes of a few kernel structs as a tiny BTF file.

Usage: scripts/btf-subset.py [--container raw|elf|image] [--print] IN OUT NAME...

IN is the kernel's BTF as the C reader (planner/core/btf.c) takes it: raw BTF
(/sys/kernel/btf/vmlinux), an ELF64 little-endian vmlinux with a .BTF section,
or an arm64 Image whose data carries .BTF (found by its header, the first
candidate whose every type parses).  OUT becomes a valid, minimal raw BTF
(little-endian, version 1): for each NAME one STRUCT with no members (vlen 0)
and the real size.  A typedef NAME (pg_data_t) is resolved to the struct it
names, and written under the NAME given.  The format is the kernel's
Documentation/bpf/btf.rst with include/uapi/linux/btf.h.

--container elf|image wraps OUT the way a vmlinux (.BTF section) or an arm64
Image (64-byte header, then data) carries BTF; the tests use these to drive
every container of the C reader.  --print prints "NAME SIZE" lines.
The test corpus keeps a few hundred bytes per kernel instead of 5 MB.
Exit status: 0 ok; 1 IN has no usable BTF or a NAME is not a struct; 2 usage.
Python 3 standard library only.
"""
import struct
import sys

BTF_MAGIC = 0xEB9F
HDR_LEN = 24
KIND_STRUCT, KIND_TYPEDEF = 4, 8
# kinds whose "type" field refers to the type a typedef chain continues with
# (TYPEDEF, VOLATILE, CONST, RESTRICT, TYPE_TAG)
CHAIN_KINDS = {8, 9, 10, 11, 18}
# bytes after the 12-byte struct btf_type, per kind: (fixed, per vlen entry)
TRAILER = {
    1: (4, 0),  # INT: u32 encoding/offset/bits
    2: (0, 0),  # PTR
    3: (12, 0),  # ARRAY: struct btf_array
    4: (0, 12),  # STRUCT: struct btf_member
    5: (0, 12),  # UNION
    6: (0, 8),  # ENUM: struct btf_enum
    7: (0, 0),  # FWD
    8: (0, 0),  # TYPEDEF
    9: (0, 0),  # VOLATILE
    10: (0, 0),  # CONST
    11: (0, 0),  # RESTRICT
    12: (0, 0),  # FUNC (vlen is the linkage)
    13: (0, 8),  # FUNC_PROTO: struct btf_param
    14: (4, 0),  # VAR: struct btf_var
    15: (0, 12),  # DATASEC: struct btf_var_secinfo
    16: (0, 0),  # FLOAT
    17: (4, 0),  # DECL_TAG: struct btf_decl_tag
    18: (0, 0),  # TYPE_TAG
    19: (0, 12),  # ENUM64: struct btf_enum64
}
IMAGE_MAGIC_OFF = 0x38
IMAGE_MAGIC = b"ARM\x64"
SCAN_MAX_CANDIDATES = 16  # the C reader's bound on full parses in an Image


class NoBTF(Exception):
    pass


def header(buf, off, length, scanning=False):
    """Check the header of the blob at buf[off:off+length], as the C reader does.

    Returns (type section start, its end, string section bytes, blob length)."""
    if length < HDR_LEN:
        raise NoBTF("truncated BTF header")
    magic, version, flags, hdr_len, type_off, type_len, str_off, str_len = struct.unpack_from(
        "<HBBIIIII", buf, off)
    if magic != BTF_MAGIC:
        raise NoBTF("big-endian BTF is not supported" if magic == 0x9FEB else "bad BTF magic")
    if version != 1 or flags != 0:
        raise NoBTF("unsupported BTF version or flags")
    if hdr_len < HDR_LEN or hdr_len > length or (scanning and hdr_len != HDR_LEN):
        raise NoBTF("bad BTF header length")
    if any(buf[off + HDR_LEN:off + hdr_len]):
        raise NoBTF("unknown BTF header fields")
    body = length - hdr_len
    if type_off + type_len > body:
        raise NoBTF("truncated type section")
    if str_off + str_len > body:
        raise NoBTF("truncated string section")
    if (type_off != 0 or str_off != type_len) if scanning else (
            type_off < str_off + str_len and str_off < type_off + type_len):
        raise NoBTF("type and string sections overlap or are out of place")
    strs = buf[off + hdr_len + str_off:off + hdr_len + str_off + str_len]
    if not strs or strs[0] != 0 or strs[-1] != 0:
        raise NoBTF("string section not NUL-delimited")
    start = off + hdr_len + type_off
    return start, start + type_len, strs, hdr_len + max(type_off + type_len, str_off + str_len)


def walk(buf, pos, end, strs):
    """Every type of a type section: types[i] is (kind, name, size or type) of id i + 1."""
    types = []
    while pos < end:
        if end - pos < 12:
            raise NoBTF("truncated type section")
        name_off, info, ref = struct.unpack_from("<III", buf, pos)
        kind, vlen = (info >> 24) & 0x1F, info & 0xFFFF
        if kind not in TRAILER:
            raise NoBTF("unknown BTF type kind")
        if name_off >= len(strs):
            raise NoBTF("type name beyond the string section")
        fixed, each = TRAILER[kind]
        pos += 12 + fixed + each * vlen
        if pos > end:
            raise NoBTF("truncated type section")
        name = strs[name_off:strs.index(0, name_off)].decode("latin-1")
        types.append((kind, name, ref))
    return types


def parse(buf, off, length):
    """(types, blob length) of the blob at buf[off:off+length]."""
    start, end, strs, blob_len = header(buf, off, length)
    return walk(buf, start, end, strs), blob_len


def elf_btf(buf):
    """(offset, length) of the .BTF section of an ELF64 little-endian file."""
    if len(buf) < 64 or buf[4] != 2 or buf[5] != 1:
        raise NoBTF("not an ELF64 little-endian file")
    shoff, = struct.unpack_from("<Q", buf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", buf, 0x3A)
    if shentsize != 64:
        raise NoBTF("bad section header size")

    def shdr(i):
        at = shoff + i * 64
        if at + 64 > len(buf):
            raise NoBTF("section header beyond the file")
        name, stype, _, _, offset, size, link = struct.unpack_from("<IIQQQQI", buf, at)
        return name, stype, offset, size, link

    if shnum == 0 and shoff:
        shnum = shdr(0)[3]
    if shstrndx == 0xFFFF:
        shstrndx = shdr(0)[4]
    if shstrndx >= shnum:
        raise NoBTF("bad section name table index")
    _, _, stroff, strsize, _ = shdr(shstrndx)
    if stroff + strsize > len(buf):
        raise NoBTF("section name table beyond the file")
    for i in range(shnum):
        name, stype, offset, size, _ = shdr(i)
        if name + 5 <= strsize and buf[stroff + name:stroff + name + 5] == b".BTF\0":
            if stype == 8 or offset + size > len(buf):
                raise NoBTF(".BTF section beyond the file")
            return offset, size
    raise NoBTF("ELF without a .BTF section")


def find(buf):
    """(offset, length, types) of the BTF blob in a raw, ELF or Image file."""
    if buf[:2] in (b"\x9f\xeb", b"\xeb\x9f"):
        types, blen = parse(buf, 0, len(buf))
        return 0, blen, types
    if buf[:4] == b"\x7fELF":
        off, size = elf_btf(buf)
        types, _ = parse(buf, off, size)
        return off, size, types
    if buf[IMAGE_MAGIC_OFF:IMAGE_MAGIC_OFF + 4] == IMAGE_MAGIC:
        pos, tried, last = 64, 0, "arm64 Image without BTF (built without CONFIG_DEBUG_INFO_BTF?)"
        while True:
            pos = buf.find(b"\x9f\xeb\x01\x00\x18\x00\x00\x00\x00\x00\x00\x00", pos)
            if pos < 0:
                raise NoBTF(last)
            try:
                start, end, strs, blob_len = header(buf, pos, len(buf) - pos, scanning=True)
                tried += 1
                if tried > SCAN_MAX_CANDIDATES:
                    raise NoBTF("too many BTF-like headers in the Image")
                return pos, blob_len, walk(buf, start, end, strs)
            except NoBTF as e:
                if tried > SCAN_MAX_CANDIDATES:
                    raise
                last = str(e)
                pos += 1
    raise NoBTF("not raw BTF, an ELF with .BTF or an arm64 Image carrying one")


def struct_size(types, name):
    """The size of struct NAME, or of the struct typedef NAME resolves to.

    Raises NoBTF when there is none, or when two structs of that name differ."""
    sizes = {ref for kind, tname, ref in types if kind == KIND_STRUCT and tname == name}
    if len(sizes) > 1:
        raise NoBTF("struct %s is ambiguous: sizes %s" % (name, sorted(sizes)))
    if sizes:
        return sizes.pop()
    refs = [ref for kind, tname, ref in types if kind == KIND_TYPEDEF and tname == name]
    if refs:
        ref = refs[0]
        for _ in range(32):
            if not 1 <= ref <= len(types) or types[ref - 1][0] not in CHAIN_KINDS | {KIND_STRUCT}:
                break
            kind, _, ref = types[ref - 1]
            if kind == KIND_STRUCT:
                return ref
    raise NoBTF("no struct %s" % name)


def raw_btf(sizes):
    """A raw BTF blob: one member-less STRUCT per (name, size)."""
    strs, types = b"\0", b""
    for name, size in sizes:
        types += struct.pack("<III", len(strs), KIND_STRUCT << 24, size)
        strs += name.encode() + b"\0"
    hdr = struct.pack("<HBBIIIII", BTF_MAGIC, 1, 0, HDR_LEN, 0, len(types), len(types), len(strs))
    return hdr + types + strs


def as_elf(blob):
    """blob as the .BTF section of a minimal ELF64 little-endian file."""
    shstr = b"\0.BTF\0.shstrtab\0"
    data_off = 64
    str_off = data_off + len(blob)
    shoff = (str_off + len(shstr) + 7) & ~7
    ehdr = b"\x7fELF\x02\x01\x01" + b"\0" * 9 + struct.pack(
        "<HHIQQQIHHHHHH", 1, 183, 1, 0, 0, shoff, 0, 64, 0, 0, 64, 3, 2)
    shdrs = b"\0" * 64
    shdrs += struct.pack("<IIQQQQIIQQ", 1, 1, 0, 0, data_off, len(blob), 0, 0, 4, 0)
    shdrs += struct.pack("<IIQQQQIIQQ", 6, 3, 0, 0, str_off, len(shstr), 0, 0, 1, 0)
    out = ehdr + blob + shstr
    return out + b"\0" * (shoff - len(out)) + shdrs


def as_image(blob):
    """blob in the data of an arm64 Image (Documentation/arch/arm64/booting.rst)."""
    pad = b"\0" * 4096
    size = 64 + len(pad) + len(blob)
    # code0 = b #0x40 over the header, text_offset 0, image_size, flags 0xa
    # (little-endian, 4K pages, anywhere), res2-4, magic, res5
    hdr = struct.pack("<IIQQQQQQ4sI", 0x14000010, 0, 0, size, 0xA, 0, 0, 0, IMAGE_MAGIC, 0)
    return hdr + pad + blob


def main(argv):
    container, show = "raw", False
    while argv and argv[0].startswith("--"):
        opt = argv.pop(0)
        if opt == "--container" and argv:
            container = argv.pop(0)
        elif opt == "--print":
            show = True
        else:
            argv = []
    if len(argv) < 3 or container not in ("raw", "elf", "image"):
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    src, dst, names = argv[0], argv[1], argv[2:]
    try:
        with open(src, "rb") as f:
            buf = f.read()
        _, _, types = find(buf)
    except (OSError, NoBTF, struct.error) as e:
        sys.stderr.write("btf-subset.py: %s: %s\n" % (src, e))
        return 1
    sizes = []
    for name in names:
        try:
            sizes.append((name, struct_size(types, name)))
        except NoBTF as e:
            sys.stderr.write("btf-subset.py: %s: %s\n" % (src, e))
            return 1
        if show:
            print(name, sizes[-1][1])
    blob = raw_btf(sizes)
    blob = {"raw": blob, "elf": as_elf(blob), "image": as_image(blob)}[container]
    with open(dst, "wb") as f:
        f.write(blob)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

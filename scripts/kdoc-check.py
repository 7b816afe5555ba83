#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""kdoc-check.py - every function a header declares (one other files call) has a
kernel-doc comment: "/**", " * name() - summary", an "@arg:" line per parameter,
and "Return:" unless it returns void.  A comment may document a group of
declarations that follow it directly (mp_mbs_find_le/lt/ge/gt): the first is
named, the rest follow without a blank line.  Prints each miss, then
"N passed, N failed" (one check per declaration).
Usage: scripts/kdoc-check.py HEADER...
"""
import re
import sys

DECL = re.compile(r"^(?!static|#|typedef|struct\s+\w+\s*\{|\s)([A-Za-z_][\w\s\*]*?\b(\w+))\(([^;{]*?)\)\s*(MP_PRINTF\([^)]*\))?\s*;",
                  re.M | re.S)


def params(text):
    names = []
    for p in text.split(","):
        p = p.strip()
        if p in ("void", "...", ""):
            continue
        m = re.search(r"(\w+)\s*(\[[^\]]*\])?$", p)
        if m:
            names.append(m.group(1))
    return names


def check(path):
    src = open(path, encoding="utf-8").read()
    bad = good = 0
    for m in DECL.finditer(src):
        name, args = m.group(2), m.group(3)
        ret = m.group(1)[:-len(name)].strip()
        before = src[:m.start()].rstrip()
        # walk back over directly preceding declarations of a group
        while before.endswith(";"):
            line_start = before.rfind("\n") + 1
            prev = before[line_start:]
            if prev.startswith("/*") or prev.startswith(" *"):
                break
            before = before[:line_start].rstrip()
            # a declaration may span lines: drop its continuation lines
            while before and not before.endswith((";", "*/")):
                cut = before.rfind("\n")
                if cut < 0:
                    break
                before = before[:cut].rstrip()
        problems = []
        if not before.endswith("*/"):
            problems.append("no comment")
        else:
            start = before.rfind("/*")
            comment = before[start:]
            if not comment.startswith("/**"):
                problems.append("comment is not kernel-doc (/**)")
            else:
                grouped = name not in comment
                if not grouped:
                    for p in params(args):
                        if "@" + p + ":" not in comment and "@" + p + " " not in comment:
                            problems.append(f"@{p} undocumented")
                    if ret != "void" and "Return:" not in comment:
                        problems.append("no Return:")
        if problems:
            bad += 1
            print(f"{path}: {name}(): {', '.join(problems)}")
        else:
            good += 1
    return good, bad


def main():
    good = bad = 0
    for path in sys.argv[1:]:
        g, b = check(path)
        good += g
        bad += b
    print(f"{good} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""core-deps.py - the call graph between the files of planner/core, and its circles.

A file depends on another when it calls a function the other defines (a
non-static mp_* function).  The core is meant to be layered: the boot sequence
(plan.c) calls the phases, the phases call the models (memblock, the DT scan,
the recorder) and nothing calls back up.  Prints each file's dependencies with
-v, every circle (a strongly connected set of two or more files), and the
closing line "N passed, N failed" (one check: no circle).
Usage: scripts/core-deps.py [-v] [DIR]
"""
import glob
import os
import re
import sys


def graph(folder):
    src, defs = {}, {}
    for path in sorted(glob.glob(os.path.join(folder, "*.c"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            text = re.sub(r"/\*.*?\*/|//[^\n]*", "", f.read(), flags=re.S)
        src[name] = text
        for m in re.finditer(r"^(?!static)[a-z][^\n;{]*?\b(mp_\w+)\(", text, re.M):
            defs.setdefault(m.group(1), name)
    deps = {name: set() for name in src}
    for name, text in src.items():
        for fn in set(re.findall(r"\b(mp_\w+)\(", text)):
            if fn in defs and defs[fn] != name:
                deps[name].add(defs[fn])
    return deps


def circles(deps):
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(deps[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(deps):
        if v not in index:
            visit(v)
    return out


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    deps = graph(args[0] if args else "planner/core")
    if "-v" in sys.argv:
        for name in sorted(deps):
            print(f"{name} -> {' '.join(sorted(deps[name]))}")
    found = circles(deps)
    for comp in found:
        print("circle: " + " ".join(comp))
    print(f"{0 if found else 1} passed, {1 if found else 0} failed")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

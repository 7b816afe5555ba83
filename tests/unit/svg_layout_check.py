#!/usr/bin/env python3
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
"""svg_layout_check.py SVG EXPECTED [--zone NAME]... - what a reader of memplan's
SVG needs, checked without a renderer:

  - every line of EXPECTED (a diagnostic's message, a node path) is in the
    text of the SVG in full: XML-unescaped, the <text> elements joined in
    document order and blanks ignored, so wrapped lines still match;
  - every <text> lies inside the canvas, its width estimated as 0.6 font
    size a character (font size and anchor from the <style> classes);
  - no two error/warning lines read the same (nine copies of one message
    differing only in a node path that was cut off helped nobody);
  - each --zone NAME is an upright label in the zone strip, on a band at
    least as tall as the label (bold: 0.7 font size a character).

Exit 0, or 1 with one line per problem.
"""
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
EM = 0.6
EM_BOLD = 0.7  # bold capitals ("ZONE_DMA32") run wider than running text


def css_classes(root):
    """class -> {'font-size': px, 'text-anchor': str} from the <style> element"""
    out = {}
    for st in root.iter(NS + "style"):
        for name, body in re.findall(r"\.([\w-]+)\{([^}]*)\}", st.text or ""):
            props = dict(p.split(":", 1) for p in body.split(";") if ":" in p)
            d = {}
            if "font-size" in props:
                d["font-size"] = float(props["font-size"].rstrip("px"))
            if props.get("font-weight") == "bold":
                d["bold"] = True
            if "text-anchor" in props:
                d["text-anchor"] = props["text-anchor"]
            out[name] = d
    return out


def text_geometry(el, css):
    """(x, y, font size, anchor, rotated, chars) of a <text>"""
    cls = css.get(el.get("class", ""), {})
    size = float(el.get("font-size", cls.get("font-size", 0)))
    anchor = el.get("text-anchor", cls.get("text-anchor", "start"))
    chars = len(el.text or "")
    for ts in el.findall(NS + "tspan"):
        tcls = css.get(ts.get("class", ""), {})
        size = max(size, tcls.get("font-size", size))
    size = size or 16  # the SVG default
    for ts in el.findall(NS + "tspan"):
        chars += len(ts.text or "") + len(ts.tail or "")
        chars += int(float(ts.get("dx", 0)) / (EM * size) + 1)
    x, y, rotated = float(el.get("x", 0)), float(el.get("y", 0)), False
    m = re.match(r"translate\(([-\d.]+)[ ,]+([-\d.]+)\)\s*(rotate\(-90\))?", el.get("transform", ""))
    if m:
        x, y, rotated = float(m.group(1)), float(m.group(2)), bool(m.group(3))
    return x, y, size, anchor, rotated, chars


def extent(start, length, anchor):
    """[lo, hi] of a text run of @length starting at @start with @anchor"""
    if anchor == "middle":
        return start - length / 2, start + length / 2
    if anchor == "end":
        return start - length, start
    return start, start + length


def main(argv):
    zones = []
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--zone":
            zones.append(argv[i + 1])
            i += 2
        else:
            args.append(argv[i])
            i += 1
    svg, expected = args
    root = ET.parse(svg).getroot()
    css = css_classes(root)
    W, H = float(root.get("width")), float(root.get("height"))
    problems = []
    texts = list(root.iter(NS + "text"))

    everything = "".join("".join(t.itertext()) for t in texts)
    flat = re.sub(r"\s+", "", everything)
    with open(expected, encoding="utf-8") as f:
        for line in f:
            want = line.rstrip("\n")
            if want and re.sub(r"\s+", "", want) not in flat:
                problems.append("not in the SVG in full: %r" % want)

    for t in texts:
        x, y, size, anchor, rotated, chars = text_geometry(t, css)
        length = EM * size * chars
        label = "".join(t.itertext())[:60]
        if rotated:
            lo, hi = extent(y, length, anchor)
            xs, ys = (x - size, x), (lo, hi)
        else:
            xs, ys = extent(x, length, anchor), (y - size, y)
        if xs[0] < 0 or xs[1] > W or ys[0] < 0 or ys[1] > H:
            problems.append("outside the %gx%g canvas: x %.0f..%.0f y %.0f..%.0f: %r"
                            % (W, H, xs[0], xs[1], ys[0], ys[1], label))

    seen = set()
    for t in texts:
        if t.get("class") in ("err", "warn"):
            s = "".join(t.itertext())
            if s in seen:
                problems.append("the same error/warning line twice: %r" % s[:100])
            seen.add(s)

    strips = [r for r in root.iter(NS + "rect") if r.get("width") == "22"]
    for name in zones:
        found = False
        for t in texts:
            x, y, size, anchor, rotated, chars = text_geometry(t, css)
            if not rotated or "".join(t.itertext()) != name:
                continue
            em = EM_BOLD if css.get(t.get("class", ""), {}).get("bold") else EM
            for r in strips:
                ry, rh = float(r.get("y")), float(r.get("height"))
                if ry <= y <= ry + rh:
                    found = rh >= em * size * chars
                    if not found:
                        problems.append("%s: %.0f px long on a band of %.0f px" %
                                        (name, em * size * chars, rh))
        if not found and not any(name in p for p in problems):
            problems.append("%s: no upright label in the zone strip" % name)

    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""A widget's first frame, drawn at build time.

The build runs the widget's Python in CPython and turns its scene into inline
SVG and its controls into (disabled) HTML, so the page shows the widget at once,
before Python is live in the browser, and keeps showing it if it never is.
The browser's canvas renderer (web/runtime/scene.js) draws the same scene data.
"""
from __future__ import annotations

import base64
import struct
import zlib
from html import escape

from kit.fmt import fmt

from kit.theme import THEME  # a theme name is painted by its class (.fill-accent), written from the same table

FONTS = {"sans": "var(--font-sans)", "mono": "var(--font-mono)"}


def _paints(fill, stroke):
    """Theme names become classes (so the stylesheet themes them); other colors attributes."""
    parts, classes = [], []
    for attr, color in (("fill", fill), ("stroke", stroke)):
        if color in THEME:
            classes.append(f"{attr}-{color}")
        else:
            parts.append(f' {attr}="{escape(color) if color else "none"}"')
    if classes:
        parts.append(f' class="{" ".join(classes)}"')
    return "".join(parts)


def _n(x):
    return f"{float(x):.2f}".rstrip("0").rstrip(".")


def svg_item(it):
    t = it["t"]
    if t == "segments":
        return "".join(_segment_paths(it))
    alpha = f' opacity="{_n(it["alpha"])}"' if it.get("alpha", 1) != 1 else ""
    lw = f' stroke-width="{_n(it.get("lw", 1))}"'
    if t == "line":
        dash = f' stroke-dasharray="{" ".join(_n(d) for d in it["dash"])}"' if it.get("dash") else ""
        return (f'<line x1="{_n(it["x1"])}" y1="{_n(it["y1"])}" x2="{_n(it["x2"])}" y2="{_n(it["y2"])}"'
                f'{_paints(None, it["stroke"])}{lw}{dash}{alpha} stroke-linecap="round"/>')
    if t == "circle":
        return (f'<circle cx="{_n(it["x"])}" cy="{_n(it["y"])}" r="{_n(it["r"])}"'
                f'{_paints(it["fill"], it["stroke"])}{lw}{alpha}/>')
    if t == "rect":
        return (f'<rect x="{_n(it["x"])}" y="{_n(it["y"])}" width="{_n(it["w"])}" height="{_n(it["h"])}"'
                f' rx="{_n(it.get("rx", 0))}"{_paints(it["fill"], it["stroke"])}{lw}{alpha}/>')
    if t == "path":
        d = " ".join(f"{'M' if i == 0 else 'L'}{_n(x)} {_n(y)}" for i, (x, y) in enumerate(it["pts"]))
        d += " Z" if it.get("closed") else ""
        return f'<path d="{d}"{_paints(it.get("fill"), it["stroke"])}{lw}{alpha} stroke-linejoin="round"/>'
    if t == "text":
        anchor = {"start": "start", "middle": "middle", "end": "end"}[it.get("anchor", "middle")]
        baseline = {"middle": "central", "top": "hanging", "bottom": "auto",
                    "alphabetic": "auto"}.get(it.get("baseline", "middle"), "central")
        return (f'<text x="{_n(it["x"])}" y="{_n(it["y"])}" font-size="{_n(it["size"])}"'
                f' font-weight="{escape(str(it.get("weight", "normal")))}" text-anchor="{anchor}"'
                f' dominant-baseline="{baseline}" style="font-family:{FONTS.get(it.get("font"), FONTS["sans"])}"'
                f'{_paints(it["fill"], None)}>{escape(it["s"])}</text>')
    if t == "image":
        png = rgba_to_png(image_rgba(it), it["cols"], it["rows"])
        return (f'<image x="{_n(it["x"])}" y="{_n(it["y"])}" width="{_n(it["w"])}" height="{_n(it["h"])}"'
                f' preserveAspectRatio="none" href="data:image/png;base64,{base64.b64encode(png).decode()}"/>')
    if t == "group":
        return f'<g>{"".join(svg_item(child) for child in it["items"])}</g>'
    raise ValueError(f"unknown scene item type {t!r}")


def _segment_paths(it):
    """One <path> per look (stroke, width, alpha) of a segments item, as the page draws it."""
    n, looks = len(it["xy"]) // 4, {}
    each = lambda v, i: v[i] if isinstance(v, list) else v  # noqa: E731
    for i in range(n):
        look = (each(it["stroke"], i), each(it["lw"], i), each(it["alpha"], i))
        x1, y1, x2, y2 = (_n(v) for v in it["xy"][4 * i:4 * i + 4])
        looks.setdefault(look, []).append(f"M{x1} {y1}L{x2} {y2}")
    for (stroke, lw, alpha), parts in sorted(looks.items(), key=lambda kv: kv[0][2]):   # faint ones first
        opacity = f' opacity="{_n(alpha)}"' if alpha != 1 else ""
        yield (f'<path d="{"".join(parts)}"{_paints(None, stroke)} stroke-width="{_n(lw)}"{opacity}'
               f' stroke-linecap="round"/>')


def image_rgba(it):
    """An image item's pixels as RGBA bytes (a palette image has one color index a pixel)."""
    pixels = base64.b64decode(it["data"])
    if not it.get("palette"):
        return pixels
    colors = base64.b64decode(it["palette"])
    return b"".join(colors[4 * i:4 * i + 4] for i in pixels)


def scene_svg(scene):
    body = "".join(svg_item(it) for it in scene["items"])
    label = escape(scene.get("label", ""))
    return (f'<svg class="widget-snapshot" viewBox="0 0 {_n(scene["w"])} {_n(scene["h"])}" '
            f'role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">{body}</svg>')


def rgba_to_png(rgba: bytes, width: int, height: int) -> bytes:
    rows = b"".join(b"\x00" + rgba[y * width * 4:(y + 1) * width * 4] for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def control_html(uid, c):
    """One control, disabled until Python is live; web/runtime/controls.js builds the same markup."""
    cid = escape(f"{uid}-{c['id']}")
    label = escape(c["label"])
    if c["kind"] == "slider":
        value = fmt(c["value"], c.get("digits", 2))
        return (f'<div class="ctl ctl-slider"><label for="{cid}">{label}</label>'
                f'<input type="range" id="{cid}" min="{c["min"]}" max="{c["max"]}" step="{c["step"]}" '
                f'value="{c["value"]}" disabled><output for="{cid}">{value}</output></div>')
    if c["kind"] == "button":
        cls = "btn btn-primary" if c.get("primary") else "btn"
        return f'<button type="button" class="{cls}" id="{cid}" disabled>{label}</button>'
    if c["kind"] == "toggle":
        checked = " checked" if c["value"] else ""
        return (f'<label class="ctl ctl-toggle"><input type="checkbox" role="switch" id="{cid}"{checked} disabled>'
                f'<span>{label}</span></label>')
    if c["kind"] == "choice":
        options = "".join(f'<option value="{escape(str(v))}"{" selected" if v == c["value"] else ""}>'
                          f'{escape(str(t))}</option>' for v, t in c["options"])
        return (f'<div class="ctl ctl-choice"><label for="{cid}">{label}</label>'
                f'<select id="{cid}" disabled>{options}</select></div>')
    if c["kind"] == "group":
        return f'<p class="ctl-group">{label}</p>'
    if c["kind"] == "text":
        return (f'<div class="ctl ctl-text"><label for="{cid}">{label}</label>'
                f'<textarea id="{cid}" rows="{int(c.get("rows", 4))}" disabled>{escape(c["value"] or "")}</textarea></div>')
    if c["kind"] == "code":
        return (f'<div class="ctl ctl-code"><p class="ctl-code-label">{label}</p>'
                f'<pre id="{cid}"><code>{escape(c["value"])}</code></pre></div>')
    raise ValueError(f"unknown control kind {c['kind']!r}")


def controls_html(uid, controls):
    return "".join(control_html(uid, c) for c in controls)

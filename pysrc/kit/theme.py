"""The course's colours, by name: one table for the stylesheet and both renderers.

A scene names a colour ("accent", "pos"); the build writes each name as a CSS
custom property (--c-accent) for the light and the dark theme, the SVG
snapshot uses it as a class and the canvas renderer reads the property, so a
dark theme needs no widget change.
"""
from __future__ import annotations

# name -> (light, dark)
THEME = {
    "bg": ("#f7f8fb", "#0f1220"),
    "panel": ("#ffffff", "#181c2e"),
    "ink": ("#111827", "#e8eaf2"),
    "muted": ("#4b5563", "#a8afc3"),
    "faint": ("#9ca3af", "#6b7280"),
    "line": ("#d7dce5", "#2d3350"),
    "accent": ("#4f46e5", "#8b8cf8"),
    "pos": ("#2563eb", "#60a5fa"),
    "neg": ("#ea580c", "#fb923c"),
    "gold": ("#d97706", "#fbbf24"),
    "ok": ("#15803d", "#4ade80"),
    "bad": ("#b91c1c", "#f87171"),
    "teal": ("#0d9488", "#2dd4bf"),
    "rose": ("#e11d48", "#fb7185"),
}
# Colours only the page's chrome uses (never a scene).
PAGE_ONLY = {
    "accent-soft": ("#eef2ff", "#23264a"),
    "teal-ink": ("#0f766e", "#5eead4"),
    "on-accent": ("#ffffff", "#0f1220"),
    "gold-ink": ("#92400e", "#fcd34d"),
}
# Fixed colours a scene mixes itself (weights, glowing neurons): the same in both themes.
POSITIVE, NEGATIVE, NEUTRAL = "#2563eb", "#ea580c", "#94a3b8"
GLOW_OFF, GLOW_ON = "#e2e8f0", "#f59e0b"
ON_GLOW = "#1e293b"  # text on a glowing neuron or gold: both are light, so it stays dark


def css_variables():
    """The stylesheet's colours, written by the build in front of web/style.css: every
    name as --c-<name> for the light and the dark theme, and the classes the SVG
    snapshot paints theme colours with (.fill-<name>, .stroke-<name>)."""
    def block(index):
        return "\n".join(f"  --c-{name}: {pair[index]};" for name, pair in {**THEME, **PAGE_ONLY}.items())
    paints = "\n".join(f".fill-{name} {{ fill: var(--c-{name}); }} .stroke-{name} {{ stroke: var(--c-{name}); }}"
                       for name in THEME)
    return (f"/* Generated from pysrc/kit/theme.py by the build: edit the colours there. */\n"
            f":root {{\n{block(0)}\n}}\n"
            f"@media (prefers-color-scheme: dark) {{\n:root {{\n{block(1)}\n}}\n}}\n"
            f"{paints}\n")

"""The encoder–decoder widget's picture: three rows, top to bottom.

  1 the English words as chips, each with the encoder's state after reading it
    (a strip of coloured cells, one per hidden number);
  2 the context vector c, cell by cell with its numbers;
  3 the French tokens the decoder wrote, each with its probability,
then the joined translation and whether it is right.
Only drawing here: every number comes from the widget's translation.
"""
from __future__ import annotations

from kit.fmt import fmt
from kit.scene import mix, path, rect, scene, text
from kit.theme import NEGATIVE, ON_GLOW, POSITIVE

CHIP_H, STRIP_H = 30, 12
WORD_ROW, TOKEN_ROW, CELL_H = 76, 62, 26
SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def layout(narrow):
    """Scene units: the page shows a scene at most 600 px wide, so these keep text at its size."""
    return {"w": 360, "m": 10, "cols": 8} if narrow else {"w": 580, "m": 12, "cols": 12}


def cell_color(v):
    """Light blue for a positive number, light orange for a negative one: dark text stays readable."""
    return mix("#ffffff", POSITIVE if v >= 0 else NEGATIVE, 0.65 * min(1.0, abs(float(v))))


def wrap(sentence, width, size=13):
    """Lines of at most the characters that fit `width` at this font size."""
    most = max(8, int(width / (0.55 * size)))
    lines, current = [], ""
    for word in sentence.split():
        if current and len(current) + 1 + len(word) > most:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return lines + ([current] if current else [])


def paragraph(items, x, y, sentence, width, size=13, fill="muted", weight="normal"):
    """Wrapped text from the top y; returns the y below it."""
    for k, line_ in enumerate(wrap(sentence, width, size)):
        items.append(text(x, y + size * (0.6 + 1.35 * k), line_, size=size, fill=fill, anchor="start",
                          weight=weight))
    return y + size * 1.35 * len(wrap(sentence, width, size)) + 6


def strip(x, y, w, values, alpha=1.0):
    cw = w / len(values)
    return ([rect(x + i * cw, y, cw, STRIP_H, fill=cell_color(v), alpha=alpha) for i, v in enumerate(values)]
            + [rect(x, y, w, STRIP_H, fill=None, stroke="line", alpha=alpha)])


def chip_width(label, least):
    return max(least, 0.55 * 14 * len(label) + 18)


def flow(widths, x0, width, gap):
    """(left, row) of chips of these widths laid out like words in a line, wrapping at `width`."""
    spots, x, row = [], x0, 0
    for w in widths:
        if x > x0 and x + w > x0 + width:
            x, row = x0, row + 1
        spots.append((x, row))
        x += w + gap
    return spots


def encoder_row(items, w, r, L, y):
    words, stage, m, inner = r["words"], w.stage, L["m"], L["w"] - 2 * L["m"]
    y = paragraph(items, m, y, "1 · Encoder: reads one English word per step", inner)
    widths = [chip_width(word, 72) for word in words]
    spots = flow(widths, m, inner, 14)
    kept_only_last = stage > len(words)
    for t, (word, (x, row), chip_w) in enumerate(zip(words, spots, widths)):
        top, read, current = y + row * WORD_ROW, stage > t, stage == t + 1
        items += [rect(x, top, chip_w, CHIP_H, fill="panel", stroke="accent" if current else "line",
                       width=2.5 if current else 1.0, radius=6),
                  text(x + chip_w / 2, top + CHIP_H / 2, word, size=14, fill="ink" if read else "muted",
                       weight="bold" if current else "normal")]
        if read:
            dropped = kept_only_last and t < len(words) - 1
            items += strip(x, top + CHIP_H + 6, chip_w, r["states"][t], alpha=0.3 if dropped else 1.0)
            name = f"h{str(t + 1).translate(SUBSCRIPT)}" + (" = c" if kept_only_last and not dropped else "")
            items.append(text(x + chip_w / 2, top + CHIP_H + STRIP_H + 20, name, size=13,
                              fill="muted"))
        if read and t + 1 < len(words) and spots[t + 1][1] == row:   # the state passes right
            ax, ay = x + chip_w + 2, top + CHIP_H + 6 + STRIP_H / 2
            items.append(path([(ax, ay - 5), (ax + 10, ay), (ax, ay + 5)], stroke="muted", fill="muted",
                              closed=True))
    return y + (spots[-1][1] + 1) * WORD_ROW


def context_row(items, w, r, L, y):
    c, m, inner, shown = r["context"], L["m"], L["w"] - 2 * L["m"], w.stage > len(r["words"])
    T = str(len(r["words"])).translate(SUBSCRIPT)
    y = paragraph(items, m, y, f"2 · Context vector c = h{T}: {len(c)} numbers, all the decoder gets", inner)
    cols = L["cols"]
    cw = inner / cols
    for i, v in enumerate(c):
        x, top = m + (i % cols) * cw, y + (i // cols) * CELL_H
        items.append(rect(x, top, cw, CELL_H, fill=cell_color(v) if shown else "bg", stroke="line"))
        if shown:
            items.append(text(x + cw / 2, top + CELL_H / 2, fmt(v, 2), size=13, fill=ON_GLOW))
    y += -(-len(c) // cols) * CELL_H + 6
    if shown and len(r["words"]) > 1:
        y = paragraph(items, m, y, "The faded states are dropped: only c goes on.", inner)
    return y + 4


def decoder_row(items, w, r, L, y):
    m, inner = L["m"], L["w"] - 2 * L["m"]
    y = paragraph(items, m, y, "3 · Decoder: writes French from c, one token per step", inner)
    written = r["steps"][:max(0, w.stage - len(r["words"]) - 1)]
    if not written:
        items.append(text(m, y + 10, "nothing written yet", size=13, fill="muted", anchor="start"))
        return y + TOKEN_ROW
    shown = ["end" if step["token"] == "<end>" else step["token"] for step in written]
    widths = [chip_width(label_, 38) for label_ in shown]
    spots = flow(widths, m, inner, 6)
    for k, (step, (x, row), chip_w) in enumerate(zip(written, spots, widths)):
        top, current = y + row * TOKEN_ROW, k == len(written) - 1 and w.stage < w.total()
        end = step["token"] == "<end>"
        items += [rect(x, top, chip_w, CHIP_H, fill="bg" if end else "panel", radius=6, width=2.5 if current else 1.0,
                       stroke="teal" if current else "line"),
                  text(x + chip_w / 2, top + CHIP_H / 2, shown[k], size=14,
                       fill="muted" if end else "ink", weight="bold" if current else "normal"),
                  text(x + chip_w / 2, top + CHIP_H + 14, f"{fmt(100 * step['p'], 0)}%", size=13,
                       fill="bad" if step["p"] < 0.5 else "muted")]
    return y + (spots[-1][1] + 1) * TOKEN_ROW


def label(w, r):
    if r["problem"]:
        return r["problem"]
    c = r["context"]
    tokens = ", ".join(f"{s['token']} {fmt(100 * s['p'], 0)}%" for s in r["steps"])
    return (f"Encoder reads {' '.join(r['words'])}; context vector of {len(c)} numbers from "
            f"{fmt(c.min())} to {fmt(c.max())}; decoder writes {tokens}.")


def draw(w, r):
    L = layout(w.narrow)
    m, inner, items, y = L["m"], L["w"] - 2 * L["m"], [], 8
    if w.message:
        y = paragraph(items, m, y, w.message, inner, fill="bad")
    if r["problem"]:
        y = paragraph(items, m, y, r["problem"], inner, fill="bad")
        return scene(L["w"], y + 8, items, label(w, r))
    y = encoder_row(items, w, r, L, y)
    y = context_row(items, w, r, L, y)
    y = decoder_row(items, w, r, L, y)
    if w.stage >= w.total():
        y = paragraph(items, m, y, f"= {w.translation()}", inner, size=16, fill="ink", weight="bold")
        sentence, colour = w.verdict()
        y = paragraph(items, m, y, sentence, inner, fill=colour)
    (right, trained), (right_held, held) = w.scores()
    y = paragraph(items, m, y, f"Over all numbers: {right} of the {trained} it trained on come out right, "
                               f"and {right_held} of the {held} it never saw.", inner)
    return scene(L["w"], y + 8, items, label(w, r))

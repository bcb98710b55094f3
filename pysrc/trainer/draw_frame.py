"""The trainer's header (epoch, speed, losses) and its formula readout."""
from __future__ import annotations

from kit.scene import rect, text

from .draw_plots import loss_text
from .explain import wrap
from .layout import LINE

HINT_WIDE = ("Point at a neuron or a connection to see its numbers",
             "(or click the picture and use the arrow keys). Formulas are computed at the "
             "ringed point on the plot: hover over the plot to move it.")
HINT_NARROW = ("Tap or point at a neuron or a line to see its numbers",
               "Formulas are computed at the ringed point on the plot: tap the plot to move it.")


def header_items(lay, run, rate, playing):
    """`rate`: epochs per second, shown while playing."""
    box = lay.header
    y = box.y + 16
    epoch = f"Epoch {run.epoch:,}"
    state = "diverged" if run.problem else f"{rate:,.0f} epochs/s" if playing else "paused"
    items = [text(box.x, y, epoch, size=17, weight="bold", anchor="start"),
             text(box.x + 22 + 10.5 * len(epoch), y, state, size=13,
                  fill="bad" if run.problem else "muted", anchor="start")]
    last = run.history.last
    train, test = (last.train, last.test) if last else run.losses()
    right = f"train loss {loss_text(train)} · test loss {loss_text(test)}"
    if lay.wide:
        items.append(text(box.right, y, right, size=13, fill="muted", anchor="end"))
    else:
        items.append(text(box.x, y + 22, right, size=13, fill="muted", anchor="start"))
    return items


def readout_items(lay, readout):
    """`readout`: (title, formula) of the neuron or weight pointed at, or None for the hint."""
    box = lay.readout
    title, body = readout or (HINT_WIDE if lay.wide else HINT_NARROW)
    lines = [(s, "sans") for s in wrap(title, lay.title_chars)]
    lines += [(s, "mono") for s in wrap(body, lay.readout_chars)]
    items = [rect(box.x, box.y, box.w, box.h, fill="bg", radius=6)]
    items += [text(box.x + 8, box.y + LINE * (i + 0.5) + 2, s, size=13, font=font, anchor="start",
                   weight="bold" if font == "sans" else "normal")
              for i, (s, font) in enumerate(lines[:lay.readout_lines])]
    return items

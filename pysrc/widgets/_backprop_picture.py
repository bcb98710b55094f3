"""The backprop widget's picture: the network, what has flowed so far, and the check.

A mixin for widgets/backprop.py (not a widget itself: the registry skips modules
starting with "_"); it only draws what Backprop computed.
"""
from __future__ import annotations

from kit.scene import circle, fmt, line, rect, scene, text, weight_color, weight_width

from ._surface_map import wrap


class Picture:
    """Needs from the widget: PARAMS, NAMES, PHASES, LAST and STEP_SECONDS (class attributes),
    self.lay, self.phase, self.clock, self.k, self.run(), self.chain(k), self.check(), spots()."""

    def scene(self):
        r, L = self.run(), self.lay
        heading = f"{self.phase}/{self.LAST} · {self.PHASES[self.phase]}"
        items = [text(12, 14 + 17 * i, part, size=13, fill="muted", anchor="start")
                 for i, part in enumerate(wrap(heading, L["w"] - 20))]
        items += self.edges(r) + self.nodes(r) + self.pulses()
        top = L["top"]
        items += self.panel(r, top)
        s = scene(L["w"], top + (190 if L["narrow"] else 110), items, self.label(r))
        s.update(tap=True)
        return s

    def lit(self):
        """Indices of the spots (see spots()) on the followed weight's path to the loss."""
        if self.phase < self.LAST:
            return set()
        key, idx, _, _ = self.PARAMS[self.k]
        if key in ("W1", "b1"):
            j = idx[-1]
            return {self.k, 6 + j}
        return {self.k}

    def edges(self, r):
        items, lit = [], self.lit()
        w = self.state["weights"]
        for k, ((x1, y1), (x2, y2)) in enumerate(self.spots()):
            if (x1, y1) == (x2, y2):     # a bias tag, drawn with its node
                continue
            if k in lit:
                items.append(line(x1, y1, x2, y2, stroke="rose", width=9, alpha=0.35))
            items.append(line(x1, y1, x2, y2, stroke=weight_color(w[k], 3.0), width=weight_width(w[k], 4.0)))
        items.append(line(*self.lay["out"], *self.lay["loss_in"], stroke="rose" if lit else "muted", width=2))
        for k, ((x1, y1), (x2, y2)) in enumerate(self.spots()):
            t = self.lay["t"][1] if k >= 4 else self.lay["t"][0]
            items += self.tag(x1 + t * (x2 - x1), y1 + t * (y2 - y1), fmt(w[k]), k in lit or k == self.k)
        return items

    def tag(self, x, y, s, lit):
        half = self.lay["tag"] / 2
        return [rect(x - half, y - 11, 2 * half, 22, fill="panel", stroke="rose" if lit else "line",
                     width=2 if lit else 1, radius=11),
                text(x, y, s, size=13, weight="bold" if lit else "normal", fill="rose" if lit else "ink")]

    def nodes(self, r):
        L, rad, on = self.lay, self.lay["r"], self.phase
        lit = self.lit()
        items = []
        for i in range(2):
            items += self.node(*L["ins"][i], rad - 2, f"x{'₁₂'[i]}", fmt(r["x"][i]), True, False)
        for j in range(2):
            items += self.node(*L["hid"][j], rad, f"h{'₁₂'[j]}", fmt(r["h"][j], 3), on >= 1, 6 + j in lit)
            if on >= 5:
                x, y, anchor = L["delta"][j]
                items.append(text(x, y, f"δ {fmt(r['d_hidden'][j], 4)}", size=13, fill="rose",
                                  weight="bold", anchor=anchor))
        items += self.node(*L["out"], rad + 2, "p", fmt(r["p"], 3), on >= 2, bool(lit))
        if on >= 4:
            x, y, anchor = L["delta"][2]
            items.append(text(x, y, f"δ {fmt(r['d_out'], 4)}", size=13, fill="rose", weight="bold",
                              anchor=anchor))
        bw, (lx, ly) = L["box"], L["loss"]
        items += [rect(lx - bw / 2, ly - 32, bw, 64, fill="panel", stroke="rose" if lit else "ink",
                       width=1.5, radius=10),
                  text(lx, ly - 16, "loss L", size=13, fill="muted"),
                  text(lx, ly + 1, fmt(r["loss"], 4) if on >= 3 else "?", size=14, weight="bold"),
                  text(lx, ly + 18, f"target y = {self.state['target']}", size=13, fill="muted")]
        return items

    def node(self, x, y, rad, name, value, shown, lit):
        fill = "teal" if shown else "panel"
        return [circle(x, y, rad, fill="panel"), circle(x, y, rad, fill=fill, alpha=0.18 if shown else 1.0),
                circle(x, y, rad, fill=None, stroke="rose" if lit else "ink", width=2.5 if lit else 1.5),
                text(x, y - 8, name, size=13, fill="muted"),
                text(x, y + 9, value if shown else "?", size=13, weight="bold")]

    def pulses(self):
        """Dots running along the connections between two steps: teal forward, rose backward."""
        if not self.animating or self.phase >= self.LAST:
            return []
        t = min(1.0, self.clock / self.STEP_SECONDS)
        spots = self.spots()
        layer1, layer2, to_loss = spots[:4], spots[6:8], [(self.lay["out"], self.lay["loss_in"])]
        legs = [layer1, layer2, to_loss, to_loss, layer2, layer1][self.phase]
        forward = self.phase < 3
        color = "teal" if forward else "rose"
        items = []
        for a, b in legs:
            if not forward:
                a, b = b, a
            items.append(circle(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), 6, fill=color))
        return items

    def panel(self, r, top):
        L = self.lay
        done = self.phase == self.LAST
        links = self.chain(self.k)
        name = self.NAMES[self.k]
        items = [text(12, top, f"∂L/∂{name} = " + " · ".join(s if len(s) < 3 or s.startswith("σ") else f"({s})"
                                                          for s, _, _ in links),
                      size=15, weight="bold", anchor="start")]
        for i, (symbol, meaning, value) in enumerate(links):
            y = top + 28 + 22 * i
            # the backward pass fills the links in from the loss: p - y first, then the rest
            known = self.phase >= (4 if i == len(links) - 1 else 5)
            items += [text(12, y, meaning, size=13, fill="muted", anchor="start"),
                      text(110, y, f"= {symbol}", size=13, anchor="start"),
                      text(L["w"] - 14 if L["narrow"] else 290, y, fmt(value, 4) if known else "?",
                           size=14, font="mono", anchor="end", fill="rose" if known else "muted")]
        product, engine, fd = self.check() if done else (None, None, None)
        rows = [("product of the links", product), ("engine's backward pass", engine),
                ("finite difference", fd)]
        x0, y0 = (12, top + 28 + 22 * len(links) + 12) if L["narrow"] else (330, top + 28)
        for i, (label, value) in enumerate(rows):
            y = y0 + 24 * i
            items += [text(x0, y, label, size=13, fill="muted", anchor="start"),
                      text(L["w"] - 14, y, fmt(value, 5) if done else "?", size=15, weight="bold",
                           font="mono", anchor="end")]
        return items

    def label(self, r):
        w = ", ".join(f"{n} = {fmt(v)}" for n, v in zip(self.NAMES, self.state["weights"]))
        return (f"A 2 → 2 → 1 sigmoid network with weights {w}, input ({fmt(self.state['x'][0])}, "
                f"{fmt(self.state['x'][1])}) and target {self.state['target']}. " + self.status())

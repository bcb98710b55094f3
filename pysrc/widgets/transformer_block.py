"""Transformer block: light the data path one stage at a time, every tensor computed.

A short sentence becomes one row per token (its embedding plus its position),
then goes through the engine's TransformerBlock (engine/attention.py) with
small seeded weights, d_model = 8:
    self-attention → add (the residual skip) & layer norm → feed-forward → add & norm
Each stage shows the tensor it hands on, as a heatmap with the tokens as row
labels; the attention stage shows the attention matrix itself. After each
layer norm, each token's mean and variance are computed and shown.
"""
from __future__ import annotations

import numpy as np

from engine.attention import TransformerBlock, positional_encoding
from kit import Setting, Widget, button
from kit.scene import NEGATIVE, POSITIVE, circle, fmt, line, mix, rect, scene, text

D_MODEL, D_FF = 8, 16
SENTENCES = {
    "cat": "the cat chased the mouse",
    "time": "time flies like an arrow",
    "book": "she read the old book",
    "birds": "birds sing at first light",
    "learn": "we love deep learning",
}
VOCAB = sorted({word for s in SENTENCES.values() for word in s.split()})
STAGES = ["Embed + positions", "Self-attention", "Add & norm", "Feed-forward", "Add & norm"]
SHORT = ["Embed", "Attend", "Norm", "FFN", "Norm"]
ABOUT = [
    ("token vector + position wave:", "8 numbers per token"),
    ("row: the token that looks;", "columns: whom it attends to"),
    ("add the skip x, then each row", "to mean 0 and variance 1"),
    ("each token on its own:", "8 → 16 (ReLU) → 8 numbers"),
    ("add the skip h, then", "normalize again: the output"),
]
NOTES = [
    "a word's row = its embedding + its position",
    "new vector of a token: these weights × V",
    "mean and var computed from each row",
    "no token looks at another in this part",
    "the output has the same shape as the input",
]
STEP_KEYS = {"input": 0, "attention": 1, "add_norm_1": 2, "feed_forward": 3, "add_norm_2": 4}
LIGHT, DARK_TEXT, LIGHT_TEXT = "#f1f5f9", "#111827", "#ffffff"


def value_color(v, scale=2.0):
    """Blue for positive, orange for negative, near white at 0 (a data colour, the same in both themes)."""
    return mix(LIGHT, POSITIVE if v >= 0 else NEGATIVE, min(1.0, abs(v) / scale))


def on_color(strength):
    return LIGHT_TEXT if strength > 0.55 else DARK_TEXT


def layout(width):
    if width <= 420:
        return {"narrow": True, "w": 340, "h": 376, "px": 4, "py": 84, "cell": 24, "att": 44, "row": 28}
    return {"narrow": False, "w": 660, "h": 350, "px": 232, "py": 6, "cell": 36, "att": 54, "row": 30}


class TransformerBlockWidget(Widget):
    name = "transformer-block"
    title = "Transformer block"
    code = ["engine.attention.attention", "engine.attention.TransformerBlock", "engine.layer_norm.LayerNorm"]
    settings = [
        Setting("sentence", "choice", "cat", choices=SENTENCES, label="Sentence", doc="which sentence to run"),
        Setting("stage", "int", 0, lo=0, hi=4, doc="the lit stage, 0 (embeddings) to 4 (the last add & norm)"),
        Setting("heads", "choice", "1", choices={"1": "1 head", "2": "2 heads"}, label="Attention heads",
                doc="one attention head or two"),
        Setting("head", "choice", "1", choices={"1": "head 1", "2": "head 2"}, label="Show head",
                doc="which head's attention matrix is drawn, with two heads"),
        Setting("seed", "int", 0, lo=0, hi=99, doc="which small random weights the block has"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.lay = layout(self.width)

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    def controls(self):
        stage = self.state["stage"]
        picks = [button("step", f"Step → {SHORT[(stage + 1) % 5]}", primary=True)]
        shown = ("sentence", "heads", "head") if self.state["heads"] == "2" else ("sentence", "heads")
        return picks + self.setting_controls(*shown)

    def on_click(self, control_id):
        if control_id == "step":
            self.state["stage"] = (self.state["stage"] + 1) % len(STAGES)

    def on_pointer(self, phase, x, y):
        if phase != "down":
            return
        for stage, (x0, y0, x1, y1) in self.stage_boxes().items():
            if x0 - 4 <= x <= x1 + 4 and y0 - 4 <= y <= y1 + 4:
                self.state["stage"] = stage

    # -- the math: the engine's block ------------------------------------------------------
    def run(self):
        """(tokens, the engine's block after its forward pass), redone only when the input changes."""
        key = (self.state["sentence"], self.state["heads"], self.state["seed"])
        if getattr(self, "_key", None) != key:
            self._key, self._run = key, self.forward()
        return self._run

    def forward(self):
        tokens = SENTENCES[self.state["sentence"]].split()
        seed = self.state["seed"]
        table = np.random.default_rng([seed, 7]).normal(0.0, 1.0, (len(VOCAB), D_MODEL))
        X = table[[VOCAB.index(t) for t in tokens]] + positional_encoding(len(tokens), D_MODEL)
        block = TransformerBlock(D_MODEL, D_FF, n_heads=int(self.state["heads"]), seed=seed)
        block.forward(X)
        return tokens, block

    def head(self):
        return min(int(self.state["head"]), int(self.state["heads"])) - 1

    # -- the data path -------------------------------------------------------------------------
    def stage_boxes(self):
        """stage -> (x0, y0, x1, y1) of what to click for it (the + node and the norm box share one)."""
        if self.lay["narrow"]:
            xs = [(4, 54), (66, 124), (154, 200), (212, 254), (284, 336)]
            return {s: (x0, 34, x1, 62) for s, (x0, x1) in enumerate(xs)}
        ys = [(16, 46), (72, 102), (124, 192), (218, 248), (270, 338)]
        return {s: (40, y0, 210, y1) for s, (y0, y1) in enumerate(ys)}

    def path_items(self):
        stage = self.state["stage"]
        items = []

        def box(s, x0, y0, x1, y1, label):
            lit, now = s <= stage, s == stage
            items.extend([rect(x0, y0, x1 - x0, y1 - y0, fill="teal" if lit else "panel", alpha=0.18 if lit else 1,
                               radius=8),
                          rect(x0, y0, x1 - x0, y1 - y0, fill=None, stroke="accent" if now else ("teal" if lit else "line"),
                               width=2.5 if now else 1.2, radius=8),
                          text((x0 + x1) / 2, (y0 + y1) / 2, label, size=13,
                               weight="bold" if now and not self.lay["narrow"] else "normal",
                               fill="ink" if lit else "muted")])

        def plus(x, y, lit):
            items.extend([circle(x, y, 10, fill="panel", stroke="teal" if lit else "line", width=2),
                          text(x, y, "+", size=15, weight="bold", fill="teal" if lit else "muted")])

        def wire(x1, y1, x2, y2, lit):
            items.append(line(x1, y1, x2, y2, stroke="teal" if lit else "line", width=2.5 if lit else 1.5))

        if self.lay["narrow"]:
            boxes = self.stage_boxes()
            cy = 48
            plus_x = (140, 270)
            for s, (x0, y0, x1, y1) in boxes.items():
                if s > 0:
                    prev = boxes[s - 1][2] if s not in (2, 4) else plus_x[s // 2 - 1] + 10
                    wire(prev, cy, x0, cy, s <= stage)
            wire(boxes[1][2], cy, plus_x[0] - 10, cy, stage >= 2)
            wire(boxes[3][2], cy, plus_x[1] - 10, cy, stage >= 4)
            for k, (start, s) in enumerate(((60, 2), (206, 4))):     # the skips, arched over
                lit = stage >= s
                px = plus_x[k]
                items += [line(start, cy, start, 20, stroke="teal" if lit else "line", width=2),
                          line(start, 20, px, 20, stroke="teal" if lit else "line", width=2),
                          line(px, 20, px, cy - 10, stroke="teal" if lit else "line", width=2)]
            items.append(text(100, 12, "skip", size=13, fill="teal" if stage >= 2 else "muted"))
            items.append(text(240, 12, "skip", size=13, fill="teal" if stage >= 4 else "muted"))
            for s, label in enumerate(SHORT):
                box(s, *boxes[s], label)
            plus(plus_x[0], cy, stage >= 2)
            plus(plus_x[1], cy, stage >= 4)
            return items
        cx = 125
        spine = [(46, 72, 1), (102, 124, 2), (148, 162, 2), (192, 218, 3), (248, 270, 4), (294, 308, 4)]
        for y0, y1, s in spine:
            wire(cx, y0, cx, y1, stage >= s)
        for top, plus_y, s in ((59, 136, 2), (205, 282, 4)):          # the residual skips
            lit = stage >= s
            for a, b in (((cx, top), (16, top)), ((16, top), (16, plus_y)), ((16, plus_y), (cx - 10, plus_y))):
                wire(*a, *b, lit)
            items.append(text(58, plus_y - 12, "skip", size=13, fill="teal" if lit else "muted"))
        box(0, 40, 16, 210, 46, STAGES[0])
        box(1, 40, 72, 210, 102, STAGES[1])
        box(3, 40, 218, 210, 248, STAGES[3])
        for s, plus_y, y0 in ((2, 136, 162), (4, 282, 308)):
            plus(cx, plus_y, stage >= s)
            box(s, 40, y0, 210, y0 + 30, "Layer norm")
        items.append(text(cx + 18, 136, "add", size=13, anchor="start", fill="muted"))
        items.append(text(cx + 18, 282, "add", size=13, anchor="start", fill="muted"))
        return items

    # -- the tensor of the lit stage ---------------------------------------------------------
    def heatmap(self, M, tokens, x, y, stats):
        """Rows: tokens; columns: the d_model numbers; with `stats`, each row's mean and variance."""
        L = self.lay
        cell, row, lab = L["cell"], L["row"], 60
        items = [text(x + lab + cell * D_MODEL / 2, y, f"{len(tokens)} tokens × {D_MODEL} numbers", size=13,
                      fill="muted")]
        if stats:
            sx = x + lab + cell * D_MODEL + 6
            items += [text(sx + 17, y, "mean", size=13, fill="muted"), text(sx + 55, y, "var", size=13,
                                                                           fill="muted")]
        for i, token in enumerate(tokens):
            ry = y + 14 + i * row
            items.append(text(x + lab - 6, ry + row / 2, token, size=13, anchor="end"))
            for j in range(D_MODEL):
                v = M[i, j]
                items.append(rect(x + lab + j * cell, ry, cell - 2, row - 2, fill=value_color(v), radius=3))
                if not L["narrow"]:
                    items.append(text(x + lab + j * cell + cell / 2 - 1, ry + row / 2 - 1, fmt(v, 1), size=13,
                                      fill=on_color(min(1.0, abs(v) / 2))))
            if stats:
                items += [text(sx + 17, ry + row / 2, fmt(M[i].mean(), 2), size=13, weight="bold", fill="ok"),
                          text(sx + 55, ry + row / 2, fmt(M[i].var(), 2), size=13, weight="bold", fill="ok")]
        return items

    def attention_map(self, A, tokens, x, y):
        """The attention matrix: row i is how token i spreads its attention (the row sums to 1)."""
        L = self.lay
        cell, row, lab = L["att"], L["row"], 60
        items = []
        for j, token in enumerate(tokens):      # column labels on two staggered rows, so long words fit
            items.append(text(x + lab + j * cell + cell / 2, y + (j % 2) * 16, token, size=13, fill="muted"))
        top = y + 26
        sx = x + lab + cell * len(tokens) + 22
        items.append(text(sx, y + 16, "sum", size=13, fill="muted"))
        for i, token in enumerate(tokens):
            ry = top + i * row
            items.append(text(x + lab - 6, ry + row / 2, token, size=13, anchor="end"))
            for j in range(len(tokens)):
                a = A[i, j]
                items += [rect(x + lab + j * cell, ry, cell - 2, row - 2, fill=mix(LIGHT, "#4f46e5", a),
                               radius=3),
                          text(x + lab + j * cell + cell / 2 - 1, ry + row / 2 - 1, fmt(a, 2), size=13,
                               fill=on_color(a))]
            items.append(text(sx, ry + row / 2, fmt(A[i].sum(), 2), size=13, weight="bold", fill="ok"))
        return items

    def panel(self, tokens, block):
        L, stage = self.lay, self.state["stage"]
        x, y = L["px"], L["py"]
        heads = int(self.state["heads"])
        title = STAGES[stage] + (f" (head {self.head() + 1} of 2)" if stage == 1 and heads == 2 else "")
        items = [text(x, y + 14, f"{stage + 1}. {title}", size=15, weight="bold", anchor="start"),
                 text(x, y + 36, " ".join(ABOUT[stage]) if not L["narrow"] else ABOUT[stage][0], size=13,
                      fill="muted", anchor="start")]
        if L["narrow"]:
            items.append(text(x, y + 54, ABOUT[stage][1], size=13, fill="muted", anchor="start"))
        body = y + (76 if L["narrow"] else 64)
        n = len(tokens)
        if stage == 1:
            items += self.attention_map(block.attn.weights[self.head()], tokens, x, body)
            end = body + 26 + n * L["row"]
        else:
            M = block.steps[[k for k, s in STEP_KEYS.items() if s == stage][0]]
            items += self.heatmap(M, tokens, x, body, stats=stage in (2, 4))
            end = body + 14 + n * L["row"]
        return items + self.legend(x, end + 14, stage == 1) + [
            text(x, end + 40, NOTES[stage], size=13, fill="muted", anchor="start")]

    def legend(self, x, y, attention):
        """The colour scale: 0 to 1 for attention weights, −2 to 2 for the other tensors."""
        values = np.linspace(0, 1, 9) if attention else np.linspace(-2, 2, 9)
        colors = [mix(LIGHT, "#4f46e5", v) for v in values] if attention else [value_color(v) for v in values]
        lo, hi = ("0", "1") if attention else (fmt(-2, 0), "+2")
        items = [text(x + 54, y, lo, size=13, fill="muted", anchor="end")]
        items += [rect(x + 60 + 16 * k, y - 6, 16, 12, fill=c) for k, c in enumerate(colors)]
        return items + [text(x + 60 + 16 * 9 + 6, y, hi, size=13, fill="muted", anchor="start")]

    # -- output ------------------------------------------------------------------------------
    def status(self):
        tokens, block = self.run()
        stage = self.state["stage"]
        if stage == 1:
            A = block.attn.weights[self.head()]
            looks = "; ".join(f"{t} → {tokens[int(np.argmax(A[i]))]}" for i, t in enumerate(tokens))
            return f"Self-attention on “{' '.join(tokens)}”: each token attends most to: {looks}."
        if stage in (2, 4):
            M = block.steps["add_norm_1" if stage == 2 else "add_norm_2"]
            return (f"Add & norm: every token's {D_MODEL} numbers now have mean "
                    f"{', '.join(fmt(m, 2) for m in M.mean(axis=1))} and variance "
                    f"{', '.join(fmt(v, 2) for v in M.var(axis=1))}.")
        return f"Stage {stage + 1} of 5, {STAGES[stage]}, on “{' '.join(tokens)}”. Press Step for the next."

    def scene(self):
        tokens, block = self.run()
        L = self.lay
        items = self.path_items() + self.panel(tokens, block)
        label = (f"A Transformer block's data path with stage {self.state['stage'] + 1}, "
                 f"{STAGES[self.state['stage']]}, lit, on the sentence “{' '.join(tokens)}”. {self.status()}")
        return {**scene(L["w"], L["h"], items, label), "tap": True}

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
from kit.scene import fmt, scene, text
from widgets._transformer_draw import (D_MODEL, SHORT, STAGES, attention_map, data_path, heatmap, layout, legend,
                                       stage_boxes)

D_FF = 16
SENTENCES = {
    "cat": "the cat chased the mouse",
    "time": "time flies like an arrow",
    "book": "she read the old book",
    "birds": "birds sing at first light",
    "learn": "we love deep learning",
}
VOCAB = sorted({word for s in SENTENCES.values() for word in s.split()})
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
        for stage, (x0, y0, x1, y1) in stage_boxes(self.lay).items():
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
            items += attention_map(self.lay, block.attn.weights[self.head()], tokens, x, body)
            end = body + 26 + n * L["row"]
        else:
            M = block.steps[[k for k, s in STEP_KEYS.items() if s == stage][0]]
            items += heatmap(self.lay, M, tokens, x, body, stats=stage in (2, 4))
            end = body + 14 + n * L["row"]
        return items + legend(x, end + 14, stage == 1) + [
            text(x, end + 40, NOTES[stage], size=13, fill="muted", anchor="start")]

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
        items = data_path(self.lay, self.state["stage"]) + self.panel(tokens, block)
        label = (f"A Transformer block's data path with stage {self.state['stage'] + 1}, "
                 f"{STAGES[self.state['stage']]}, lit, on the sentence “{' '.join(tokens)}”. {self.status()}")
        return {**scene(L["w"], L["h"], items, label), "tap": True}

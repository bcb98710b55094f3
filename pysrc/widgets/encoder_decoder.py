"""Encoder–decoder: English number words in, French out, through one context vector.

The model is the engine's Seq2Seq, trained by training/train_translate.py and
shipped as models/translate.npz. The widget runs it one step at a time so each
stage can be shown:
    encoder   h_t = tanh(x_t W_x + h_{t-1} W_h + b), one English word per step
    context   c = h_T, the last encoder state: all the decoder will ever see
    decoder   from h_0 = c, each step reads the token written last and gives
              p(next token) = softmax(h_t W_y + b_y); the most likely is written
Play or Step walks through those stages; picking an input shows them all.
"""
from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

import models
from engine.number_words import END, ENGLISH_VOCAB, english, french, french_tokens, join_french
from engine.seq2seq import Seq2Seq
from kit import Setting, Widget, button, text_input
from kit.fmt import fmt
from widgets._encoder_decoder_draw import draw
from widgets._translator import MAX_TOKENS, greedy_tokens, is_right, number_of, translate

WEIGHTS = Path(models.__file__).parent / "translate.npz"
MAX_WORDS = 6
STEP_SECONDS = 0.6
ODD = {"none": "none (use the number)", "twenty twenty one": "twenty twenty one",
       "one twenty": "one twenty (odd order)", "seven seventy": "seven seventy (odd order)",
       "ninety nine nine": "ninety nine nine", "one two three four five": "one two three four five",
       "one hundred": "one hundred (a word it never saw)"}


@functools.lru_cache(maxsize=1)
def load_model():
    """The shipped model, its sizes read from the file, and the numbers it never saw in training."""
    with np.load(WEIGHTS) as data:
        (n_source, n_embed), n_target = data["E_src"].shape, data["E_tgt"].shape[0]
        model = Seq2Seq(n_source, n_target, n_embed, data["encoder.Wh"].shape[0])
        model.set_weights(data)
        return model, tuple(int(n) for n in data["held_out"])


def parse(text):
    """(English words, None) if the model can read the text, else (None, a message saying why)."""
    words = str(text).lower().replace("-", " ").replace(",", " ").split()
    if not words:
        return None, "Type some English number words first, for example “forty two”."
    if any(w.isdigit() for w in words):
        return None, "Write the number in words, for example “forty two”: this model reads words, not digits."
    unknown = list(dict.fromkeys(w for w in words if w not in ENGLISH_VOCAB))
    if unknown:
        shown = ", ".join(f"“{w[:16]}”" for w in unknown[:3]) + (" …" if len(unknown) > 3 else "")
        return None, (f"This model has never seen {shown}: it only knows the words for one to nineteen "
                      "and twenty, thirty, … ninety, so it has no vector for that.")
    if len(words) > MAX_WORDS:
        return None, f"Give at most {MAX_WORDS} words (that was {len(words)})."
    return words, None


@functools.lru_cache(maxsize=1)
def scores():
    """(right, out of) on the numbers the model trained on, and on the held-out ones."""
    model, held_out = load_model()
    written = greedy_tokens(model, range(1, 100))
    trained = [n for n in range(1, 100) if n not in held_out]
    return ((sum(is_right(written[n], n) for n in trained), len(trained)),
            (sum(is_right(written[n], n) for n in held_out), len(held_out)))


class EncoderDecoder(Widget):
    name = "encoder-decoder"
    title = "Encoder–decoder"
    code = ["engine.rnn.RNN.forward", "engine.seq2seq.Seq2Seq.decoder_step", "engine.seq2seq.Seq2Seq.translate"]
    trained = True
    settings = [
        Setting("number", "int", 77, lo=1, hi=99, step=1, label="Number", doc="the number whose English words go in"),
        Setting("odd", "choice", "none", choices=ODD, label="Odd input",
                doc="an input unlike the training set, or none"),
        Setting("text", "str", "", doc="English words the learner typed (empty: the number's or odd input's words)"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.model, self.held_out = load_model()
        self.typed, self.message = self.state["text"], ""
        if self.state["text"] and parse(self.state["text"])[0] is None:
            self.notice = "Link settings ignored: " + parse(self.state["text"])[1]
            self.state["text"] = ""
        self.clock, self.animating = 0.0, False
        self.narrow, self._result = False, (None, None)
        self.show_all()

    # -- the source and its translation ------------------------------------------------
    def source(self):
        """What goes into the encoder: typed words, else the odd input, else the number's words."""
        if self.state["text"]:
            return self.state["text"]
        return english(self.state["number"]) if self.state["odd"] == "none" else self.state["odd"]

    def result(self):
        """The parsed source and its translation, recomputed only when the source changes."""
        source = self.source()
        if self._result[0] != source:
            words, problem = parse(source)
            if problem:
                self._result = (source, {"words": None, "problem": problem})
            else:
                self._result = (source, {"words": words, "problem": None, "number": number_of(words),
                                         **translate(self.model, words)})
        return self._result[1]

    def total(self):
        r = self.result()
        return 0 if r["problem"] else len(r["words"]) + 1 + len(r["steps"])

    def show_all(self):
        self.stage, self.animating = self.total(), False

    # -- input -------------------------------------------------------------------------
    def on_input(self, control_id, value):
        if control_id != "text":
            return super().on_input(control_id, value)
        self.typed = str(value)[:200]
        words, problem = parse(self.typed) if self.typed.strip() else ([], None)
        self.message = problem or ""
        if problem is None:
            self.state["text"] = " ".join(words)
            self.show_all()

    def changed(self, name, old):
        if name == "number":
            self.state["odd"] = "none"
        self.state["text"], self.typed, self.message = "", "", ""
        self.show_all()

    def on_click(self, control_id):
        if control_id == "play":
            if self.animating:
                self.animating = False
                return
            self.stage, self.clock = (0 if self.stage >= self.total() else self.stage), 0.0
            self.animating = True
            if self.reduced_motion:
                self.show_all()
        elif control_id == "step":
            self.animating = False
            self.stage = 1 if self.stage >= self.total() else self.stage + 1

    def tick(self, dt):
        self.clock += dt
        while self.clock >= STEP_SECONDS and self.stage < self.total():
            self.clock -= STEP_SECONDS
            self.stage += 1
        self.animating = self.animating and self.stage < self.total()

    def on_resize(self, width):
        super().on_resize(width)
        self.narrow = width <= 480

    def actions(self):
        return [text_input("text", "Or type English words", self.typed, rows=1, button="Translate",
                           placeholder="e.g. ninety nine"),
                button("play", "Pause" if self.animating else "Play", primary=True, disabled=self.total() == 0),
                button("step", "Step", disabled=self.total() == 0)]

    # -- output ------------------------------------------------------------------------
    def verdict(self):
        """(sentence, colour) judging the translation, once it is complete."""
        r = self.result()
        written = join_french([s["token"] for s in r["steps"] if s["token"] != END])
        if r["steps"][-1]["token"] != END:
            return f"It never wrote “{END}”: stopped after {MAX_TOKENS} tokens.", "bad"
        n = r["number"]
        if n is None:
            return "Not a number from 1 to 99: no right answer, yet it still writes one.", "accent"
        seen = "held out, never seen in training" if n in self.held_out else "seen in training"
        if french_tokens(french(n)) == french_tokens(written):
            return f"Correct French for {n} ({seen}).", "ok"
        return f"Wrong: {n} is “{french(n)}” ({seen}).", "bad"

    def scores(self):
        return scores()

    def translation(self):
        return join_french([s["token"] for s in self.result()["steps"] if s["token"] != END])

    def status(self):
        r = self.result()
        if r["problem"]:
            return self.message or r["problem"]
        prefix = self.message + " " if self.message else ""
        if self.stage < self.total():
            return prefix + self.stage_sentence(r)
        least = min(r["steps"], key=lambda s: s["p"])
        return (prefix + f"“{' '.join(r['words'])}” → “{self.translation()}”. {self.verdict()[0]} "
                f"Least sure token: “{least['token']}” at {fmt(100 * least['p'], 0)}%.")

    def stage_sentence(self, r):
        """What the last step did, while the translation is being walked through."""
        T, k = len(r["words"]), self.stage - len(r["words"]) - 1
        if self.stage == 0:
            return "Nothing read yet: press Step or Play."
        if self.stage <= T:
            return f"The encoder reads “{r['words'][self.stage - 1]}” (word {self.stage} of {T}) into its state."
        if k == 0:
            return f"All {T} word{'s' if T > 1 else ''} read: the last state is the context vector c."
        step = r["steps"][k - 1]
        return f"The decoder writes “{step['token']}”, with probability {fmt(100 * step['p'], 0)}%."

    def scene(self):
        return draw(self, self.result())

"""What the encoder-decoder widget's model writes: one translation stage by stage, many at
once, and whether a translation is right (widgets/encoder_decoder.py shows them)."""
from __future__ import annotations

import numpy as np

from engine.number_words import END, ENGLISH_VOCAB, FRENCH_VOCAB, english, french, french_tokens

MAX_TOKENS = 10


def translate(model, words):
    """Every stage of a greedy translation: the encoder's states, and for each decoder step
    the token written, the probabilities it was picked from and the logits they came from."""
    hs = model.encoder.forward(model.E_src[[ENGLISH_VOCAB.index(w) for w in words]])
    h, previous, steps = hs[-1], FRENCH_VOCAB.index(END), []
    while len(steps) < MAX_TOKENS and (not steps or steps[-1]["token"] != END):
        h, logits, p = model.decoder_step(previous, h)
        previous = int(np.argmax(p))
        steps.append({"token": FRENCH_VOCAB[previous], "p": float(p[previous]), "probs": p, "logits": logits})
    return {"states": hs, "context": hs[-1], "steps": steps}


def greedy_tokens(model, numbers):
    """Greedy decoding of many numbers at once (one batch per English length): MAX_TOKENS
    token ids for each, argmax of the logits at every step, as translate() does one at a time."""
    out = {}
    for length in (1, 2):
        batch = [n for n in numbers if len(english(n).split()) == length]
        if not batch:
            continue
        h = model.encode(np.array([[ENGLISH_VOCAB.index(w) for w in english(n).split()] for n in batch]).T)
        previous, written = np.full(len(batch), FRENCH_VOCAB.index(END)), []
        for _ in range(MAX_TOKENS):
            h = model.decoder.step(model.E_tgt[previous], h)
            previous = np.argmax(h @ model.Wy + model.by, axis=1)
            written.append(previous)
        out.update(zip(batch, np.array(written).T.tolist()))
    return out


def is_right(ids, n):
    """Exactly n's French tokens, then END (whatever comes after END is never written)."""
    target = [FRENCH_VOCAB.index(t) for t in french_tokens(french(n)) + [END]]
    return ids[:len(target)] == target


def number_of(words):
    """The number 1–99 these English words name, or None."""
    return next((n for n in range(1, 100) if english(n).split() == list(words)), None)

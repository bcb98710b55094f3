"""Train the encoder–decoder that translates English number words into French.

    python training/train_translate.py          train, save pysrc/models/translate.npz, record its hash
    python training/train_translate.py --check  train again and compare with the shipped file, byte for byte

Everything is the course's engine (engine.seq2seq, engine.rnn, engine.optimizers.Adam)
and everything is seeded, so a rerun writes the same bytes. Takes a few seconds.

Eight numbers are held out: the model never sees them, and the lesson reports
honestly how many of them it still gets right.
"""
import io
import sys
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "pysrc"))
sys.path.insert(0, str(ROOT))

from engine.number_words import END, ENGLISH_VOCAB, FRENCH_VOCAB, PAIRS  # noqa: E402
from engine.optimizers import Adam  # noqa: E402
from engine.seq2seq import Seq2Seq  # noqa: E402

NAME = "translate.npz"
SCRIPT = "training/train_translate.py"
HELD_OUT = (23, 38, 45, 56, 64, 72, 83, 97)
N_EMBED, N_HIDDEN = 16, 32
SEED, STEPS, LR, WEIGHT_DECAY = 0, 500, 0.01, 3e-3


def encode_pair(english, french):
    return ([ENGLISH_VOCAB.index(w) for w in english], [FRENCH_VOCAB.index(w) for w in french])


def training_numbers():
    return [n for n in range(1, 100) if n not in HELD_OUT]


def make_batches(numbers):
    """One batch per English length (the encoder reads sentences of one length at a time).
    The decoder's targets are padded with END; the mask says which positions are scored."""
    end = FRENCH_VOCAB.index(END)
    groups = {}
    for n in numbers:
        source, target = encode_pair(*PAIRS[n - 1])
        groups.setdefault(len(source), []).append((source, target + [end]))
    batches = []
    for length in sorted(groups):
        sources = np.array([s for s, _ in groups[length]]).T          # (T_source, batch)
        longest = max(len(t) for _, t in groups[length])
        target = np.full((longest, len(groups[length])), end)
        mask = np.zeros(target.shape, dtype=bool)
        for i, (_, t) in enumerate(groups[length]):
            target[:len(t), i] = t
            mask[:len(t), i] = True
        previous = np.vstack([np.full((1, target.shape[1]), end), target[:-1]])  # shifted right
        batches.append((sources, previous, target, mask))
    return batches


def add_weight_decay(params, rate=WEIGHT_DECAY):
    """The L2 penalty's gradient (rate * W) on every matrix, embeddings included, never on biases.
    Without it the model still learns every training number, but gets far fewer held-out ones."""
    for _, value, grad in params:
        if value.ndim == 2:
            grad += rate * value


def clip_gradients(params, max_norm=5.0):
    """Scale all gradients down together if their overall size passes max_norm (keeps BPTT stable)."""
    norm = np.sqrt(sum(np.sum(g**2) for _, _, g in params))
    if norm > max_norm:
        for _, _, g in params:
            g *= max_norm / norm


def train(steps=STEPS, seed=SEED, numbers=None):
    """Train from scratch; return the model and each step's mean cross-entropy (one pass over the batches)."""
    model = Seq2Seq(len(ENGLISH_VOCAB), len(FRENCH_VOCAB), N_EMBED, N_HIDDEN, seed=seed)
    batches = make_batches(training_numbers() if numbers is None else numbers)
    optimizer = Adam(lr=LR)
    history = []
    for _ in range(steps):
        losses = []
        for batch in batches:
            losses.append(model.loss(*batch))
            model.backward()
            params = model.params()
            add_weight_decay(params)
            clip_gradients(params)
            optimizer.step(params)
        history.append(float(np.mean(losses)))
    return model, history


def translates(model, n):
    source, target = encode_pair(*PAIRS[n - 1])
    end = FRENCH_VOCAB.index(END)
    tokens, _ = model.translate(np.array(source), end)
    return tokens == target + [end]


def accuracy(model, numbers):
    return float(np.mean([translates(model, n) for n in numbers]))


def npz_bytes(model):
    """The weights as float32 in an .npz, with fixed zip timestamps so the same weights give the same bytes.
    It also lists the held-out numbers, so the page can say which numbers the model never saw."""
    arrays = {name: value.astype(np.float32) for name, value in model.get_weights().items()}
    arrays["held_out"] = np.array(HELD_OUT, dtype=np.int16)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in arrays.items():
            array = io.BytesIO()
            np.lib.format.write_array(array, value)
            archive.writestr(zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0)),
                             array.getvalue(), compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def main(argv):
    from buildlib.models import WEIGHTS, record

    model, history = train()
    data = npz_bytes(model)
    shipped = Seq2Seq(len(ENGLISH_VOCAB), len(FRENCH_VOCAB), N_EMBED, N_HIDDEN)
    shipped.set_weights(np.load(io.BytesIO(data)))
    print(f"final loss {history[-1]:.5f}; float32 weights translate "
          f"{accuracy(shipped, training_numbers()):.0%} of the training numbers exactly, "
          f"{accuracy(shipped, HELD_OUT):.0%} of the held-out ones {HELD_OUT}; {len(data) / 1024:.0f} KB")
    path = WEIGHTS / NAME
    if "--check" in argv:
        same = path.exists() and path.read_bytes() == data
        print("same bytes as the shipped file" if same else "DIFFERENT from the shipped file")
        return 0 if same else 1
    path.write_bytes(data)
    record(NAME, SCRIPT, round(history[-1], 6))
    print(f"wrote {path.relative_to(ROOT)} and its hash in models/manifest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

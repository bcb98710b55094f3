"""Train the autoencoders the Level 4 widget ships, one per bottleneck size.

    python training/train_autoencoder.py

Data: the UCI "Optical Recognition of Handwritten Digits" 8×8 images
(E. Alpaydin and C. Kaynak, 1998; UCI Machine Learning Repository, CC BY 4.0),
1,797 images with 17 grey levels, as shipped by scikit-learn (`load_digits`).
Training is deterministic (fixed seeds, fixed split) and takes seconds. Writes
pysrc/models/autoencoder-k<K>.npz (float32 weights, a few KB each) and
pysrc/models/digit-samples.npz (one held-out image per digit, for the widget),
and records each file's hash and final loss in models/manifest.json.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "pysrc"), str(ROOT)]

from buildlib.models import WEIGHTS, record  # noqa: E402
from engine.autoencoder import Autoencoder, train  # noqa: E402

BOTTLENECKS = (1, 2, 4, 8, 16)
EPOCHS = 120
N_TRAIN = 1500                 # the rest (297 images) are held out


def digits():
    """(train images, held-out images, held-out labels); pixels scaled to [0, 1]."""
    from sklearn.datasets import load_digits
    data = load_digits()
    order = np.random.default_rng(0).permutation(len(data.target))
    X, y = data.data[order] / 16.0, data.target[order]
    return X[:N_TRAIN], X[N_TRAIN:], y[N_TRAIN:]


def train_one(k, X, epochs=EPOCHS):
    model = Autoencoder(k=k, seed=k)
    history = train(model, X, epochs, seed=k)
    return model, history


def held_out_error(model, X):
    return float(np.mean((model.forward(X) - X) ** 2))


def main():
    X_train, X_test, y_test = digits()
    for k in BOTTLENECKS:
        model, history = train_one(k, X_train)
        name = f"autoencoder-k{k}.npz"
        np.savez_compressed(WEIGHTS / name, **{n: v.astype(np.float32) for n, v in model.get_weights().items()})
        record(name, "training/train_autoencoder.py", round(history[-1], 6))
        print(f"k = {k:2d}: training loss {history[-1]:.5f}, held-out loss {held_out_error(model, X_test):.5f}")
    samples = np.array([X_test[list(y_test).index(d)] for d in range(10)])
    np.savez_compressed(WEIGHTS / "digit-samples.npz", images=np.round(samples * 15).astype(np.uint8))
    record("digit-samples.npz", "training/train_autoencoder.py", None)


if __name__ == "__main__":
    main()

"""Train the same network at nine dropout rates, for the Level 4 dropout widget.

    python training/train_dropout.py

Data: the engine's noisy XOR (60 training points, 400 validation points).
Network: 2 → 48 → 48 → 1 ReLU with dropout after each hidden layer
(engine.dropout_net), Adam, full batch, 500 epochs, fixed seeds: deterministic.
Writes pysrc/models/dropout-runs.npz (training and validation accuracy every
10 epochs, per rate) and records its hash in models/manifest.json.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "pysrc"), str(ROOT)]

from buildlib.models import WEIGHTS, record  # noqa: E402
from engine.data import xor  # noqa: E402
from engine.dropout_net import DropoutMLP  # noqa: E402
from engine.optimizers import Adam  # noqa: E402

RATES = tuple(round(0.1 * i, 1) for i in range(9))
EPOCHS, EVERY, NOISE = 500, 10, 1.2


def data():
    X, y = xor(60, noise=NOISE, seed=1)
    X_val, y_val = xor(400, noise=NOISE, seed=2)
    return X, y.reshape(-1, 1), X_val, y_val.reshape(-1, 1)


def run(rate, epochs=EPOCHS):
    """(training accuracy, validation accuracy), every EVERY epochs."""
    X, y, X_val, y_val = data()
    net, optimizer = DropoutMLP([2, 48, 48, 1], rate, seed=0), Adam(lr=0.01)
    train_acc, val_acc = [], []
    for epoch in range(1, epochs + 1):
        net.train_step(X, y, optimizer)
        if epoch % EVERY == 0:
            train_acc.append(net.accuracy(X, y))
            val_acc.append(net.accuracy(X_val, y_val))
    return np.array(train_acc), np.array(val_acc)


def main():
    runs = [run(rate) for rate in RATES]
    train_acc = np.array([t for t, _ in runs])
    val_acc = np.array([v for _, v in runs])
    np.savez_compressed(WEIGHTS / "dropout-runs.npz", rates=np.array(RATES), train=train_acc, val=val_acc,
                        every=EVERY)
    record("dropout-runs.npz", "training/train_dropout.py", None)
    for rate, t, v in zip(RATES, train_acc[:, -1], val_acc[:, -1]):
        print(f"rate {rate:.1f}: training accuracy {t:.3f}, validation {v:.3f}, gap {t - v:+.3f}")


if __name__ == "__main__":
    main()

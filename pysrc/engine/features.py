"""Input features: what the network gets to see of each point (x1, x2).

A network given only x1 and x2 must build curved boundaries itself, with
hidden layers. Handing it x1^2 + x2^2-like ingredients makes a circle easy
even for a network with no hidden layer at all.
"""
import numpy as np

FEATURES = {
    "x1": lambda X: X[:, 0],
    "x2": lambda X: X[:, 1],
    "x1^2": lambda X: X[:, 0] ** 2,
    "x2^2": lambda X: X[:, 1] ** 2,
    "x1*x2": lambda X: X[:, 0] * X[:, 1],
    "sin(x1)": lambda X: np.sin(X[:, 0]),
    "sin(x2)": lambda X: np.sin(X[:, 1]),
}


def make_features(X, names):
    """The columns named in `names`, computed from the points X of shape (n, 2)."""
    for name in names:
        if name not in FEATURES:
            raise ValueError(f"unknown feature {name!r}; choose from {list(FEATURES)}")
    X = np.asarray(X, dtype=float)
    columns = [FEATURES[name](X) for name in names]
    return np.column_stack(columns) if columns else np.zeros((len(X), 0))

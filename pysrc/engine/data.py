"""Toy 2-D datasets, in the style of TensorFlow Playground.

Every generator returns (X, y): X of shape (n, 2) with coordinates in
[-6, 6], y of shape (n,) with labels 0/1 (binary), 0/1/2 (multi-class) or
real numbers (regression). `noise` goes from 0 (clean) to about 0.5 (messy),
like Playground's 0-50% slider. `seed` is an int or a np.random.Generator:
the same seed always gives the same points. Points come grouped by class;
train_test_split shuffles them.
"""
import numpy as np

LIMIT = 6.0


def _jitter(X, rng, std):
    # Move each point a little at random; its label stays the one of its clean position.
    X = X + rng.normal(0.0, std, size=X.shape)
    return np.clip(X, -LIMIT, LIMIT)


def circle(n=250, noise=0.0, seed=0):
    """Class 1 in a disc of radius 2.5, class 0 on a ring between radii 3.5 and 5.
    Noise jitters each point by a normal step with standard deviation 2 * noise."""
    rng = np.random.default_rng(seed)
    y = (np.arange(n) < n // 2).astype(int)
    radius = np.where(y == 1, rng.uniform(0.0, 2.5, n), rng.uniform(3.5, 5.0, n))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return _jitter(X, rng, 2.0 * noise), y


def xor(n=250, noise=0.0, seed=0):
    """Class 1 where x1 and x2 have the same sign (quadrants I and III), class 0 elsewhere.
    Noise jitters each point by a normal step with standard deviation 2 * noise."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-5.0, 5.0, size=(n, 2))
    X += np.sign(X) * 0.3  # a small gap along the axes, so no point sits on the boundary
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    return _jitter(X, rng, 2.0 * noise), y


def two_gaussians(n=250, noise=0.0, seed=0):
    """Two round clouds: class 1 around (2, 2), class 0 around (-2, -2).
    Their standard deviation is 0.5 + 3 * noise, so noise makes them overlap."""
    rng = np.random.default_rng(seed)
    y = (np.arange(n) < n // 2).astype(int)
    centers = np.where(y[:, None] == 1, 2.0, -2.0)
    X = rng.normal(centers, 0.5 + 3.0 * noise, size=(n, 2))
    return np.clip(X, -LIMIT, LIMIT), y


def spiral(n=250, noise=0.0, seed=0):
    """Two interleaved spiral arms, one per class, each making 1.75 turns out to radius 5.
    Noise jitters each point by a normal step with standard deviation noise."""
    rng = np.random.default_rng(seed)
    n1 = n // 2
    y = (np.arange(n) < n1).astype(int)
    t = np.concatenate([np.arange(n1) / max(n1, 1), np.arange(n - n1) / max(n - n1, 1)])  # 0 -> 1 along an arm
    radius = 5.0 * t
    angle = 1.75 * 2 * np.pi * t + np.pi * y  # the second arm is the first turned by half a circle
    X = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    return _jitter(X, rng, noise), y


def three_gaussians(n=250, noise=0.0, seed=0):
    """Three classes 0, 1, 2: round clouds at distance 3 from the center, 120 degrees apart.
    Their standard deviation is 0.5 + 3 * noise."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 3
    angle = np.pi / 2 + 2 * np.pi * y / 3
    centers = 3.0 * np.column_stack([np.cos(angle), np.sin(angle)])
    X = rng.normal(centers, 0.5 + 3.0 * noise)
    return np.clip(X, -LIMIT, LIMIT), y


def three_spirals(n=250, noise=0.0, seed=0):
    """Three classes 0, 1, 2: interleaved spiral arms 120 degrees apart, each making 1.25 turns
    out to radius 5. Noise jitters each point by a normal step with standard deviation noise."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 3
    t = (np.arange(n) // 3) / max(1, (n - 1) // 3)  # 0 -> 1 along an arm
    angle = 1.25 * 2 * np.pi * t + 2 * np.pi * y / 3
    X = np.column_stack([5 * t * np.sin(angle), 5 * t * np.cos(angle)])
    return _jitter(X, rng, noise), y


def plane(n=250, noise=0.0, seed=0):
    """Regression: y = (x1 + x2) / 12, between -1 and 1, plus normal noise on y (std noise)."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-LIMIT, LIMIT, size=(n, 2))
    y = (X[:, 0] + X[:, 1]) / (2 * LIMIT)
    return X, y + rng.normal(0.0, noise, size=n)


def wave(n=250, noise=0.0, seed=0):
    """Regression: y = sin(x1 / 2) * cos(x2 / 2), a bumpy surface, plus normal noise on y (std noise)."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-LIMIT, LIMIT, size=(n, 2))
    y = np.sin(X[:, 0] / 2) * np.cos(X[:, 1] / 2)
    return X, y + rng.normal(0.0, noise, size=n)


# name -> (generator, task); task is "binary", "multiclass" or "regression"
DATASETS = {
    "circle": (circle, "binary"),
    "xor": (xor, "binary"),
    "two_gaussians": (two_gaussians, "binary"),
    "spiral": (spiral, "binary"),
    "three_gaussians": (three_gaussians, "multiclass"),
    "three_spirals": (three_spirals, "multiclass"),
    "plane": (plane, "regression"),
    "wave": (wave, "regression"),
}


def make_dataset(name, n=250, noise=0.0, seed=0):
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {list(DATASETS)}")
    generator, _ = DATASETS[name]
    return generator(n, noise, seed)


def train_test_split(X, y, train_ratio=0.5, seed=0):
    """Shuffle, then keep the first train_ratio of the points for training.

    Returns X_train, X_test, y_train, y_test.
    """
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(X))
    n_train = int(round(train_ratio * len(X)))
    train, test = order[:n_train], order[n_train:]
    return X[train], X[test], y[train], y[test]

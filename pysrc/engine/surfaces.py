"""Two-parameter loss surfaces, to watch optimizers move on a map.

Each surface gives, side by side, its value, its gradient and its Hessian
(the matrix of second derivatives: how fast the gradient itself changes).
A point p is an array whose last axis holds (x, y), so value() also works on
a whole grid of points at once, for drawing the map.

    Valley      an elongated quadratic bowl: the textbook hard case for plain
                gradient descent, and the one where its limit 2 / lambda_max is exact
    Rosenbrock  the "banana": a curved, flat-bottomed valley
    Saddle      two valleys with a flat saddle ridge between them
    LineFit     the mean squared error of a line y = w x + b over a dataset;
                its gradient can use all the examples or only a few (a batch)
"""
import numpy as np


def curvatures(surface, p):
    """The Hessian's eigenvalues at p, smallest first: the surface's curvature
    along its two principal directions."""
    return np.linalg.eigvalsh(surface.hessian(np.asarray(p, dtype=float)))


class Valley:
    """f(p) = 1/2 p^T H p with H = R diag(lam) R^T: a bowl stretched along a tilted axis.
    Its curvatures are lam everywhere; the minimum is at the origin."""

    def __init__(self, lam=(0.2, 10.0), degrees=-25.0):
        a = np.radians(degrees)
        R = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
        self.H = R @ np.diag(lam) @ R.T
        self.minimum = np.zeros(2)

    def value(self, p):
        p = np.asarray(p, dtype=float)
        return 0.5 * np.einsum("...i,ij,...j->...", p, self.H, p)

    def grad(self, p):
        return np.asarray(p, dtype=float) @ self.H      # H is symmetric

    def hessian(self, p):
        return self.H.copy()


class Rosenbrock:
    """f(x, y) = (a - x)^2 + b (y - x^2)^2; the minimum (a, a^2) lies in a curved valley."""

    def __init__(self, a=1.0, b=10.0):
        self.a, self.b = a, b
        self.minimum = np.array([a, a * a])

    def value(self, p):
        x, y = np.moveaxis(np.asarray(p, dtype=float), -1, 0)
        return (self.a - x) ** 2 + self.b * (y - x * x) ** 2

    def grad(self, p):
        x, y = np.asarray(p, dtype=float)
        return np.array([-2 * (self.a - x) - 4 * self.b * x * (y - x * x),
                         2 * self.b * (y - x * x)])

    def hessian(self, p):
        x, y = np.asarray(p, dtype=float)
        return np.array([[2 - 4 * self.b * (y - x * x) + 8 * self.b * x * x, -4 * self.b * x],
                         [-4 * self.b * x, 2 * self.b]])


class Saddle:
    """f(x, y) = c (x^4/4 - x^2/2) + y^2/2: valleys at (-1, 0) and (1, 0), a saddle at (0, 0).
    Across the ridge (along x) the curvature at the saddle is only -c, so for small c the
    ridge is flat: the gradient that would push a point off it is tiny."""

    def __init__(self, c=0.3):
        self.c = c
        self.minima = np.array([[-1.0, 0.0], [1.0, 0.0]])
        self.saddle = np.zeros(2)

    def value(self, p):
        x, y = np.moveaxis(np.asarray(p, dtype=float), -1, 0)
        return self.c * (x**4 / 4 - x**2 / 2) + y**2 / 2

    def grad(self, p):
        x, y = np.asarray(p, dtype=float)
        return np.array([self.c * (x**3 - x), y])

    def hessian(self, p):
        x, _ = np.asarray(p, dtype=float)
        return np.array([[self.c * (3 * x * x - 1), 0.0], [0.0, 1.0]])


class LineFit:
    """Least squares for a line: f(w, b) = mean over examples i of (w x_i + b - t_i)^2.
    `batch` (indices) restricts the mean to those examples: a mini-batch's loss."""

    def __init__(self, x, t):
        self.x, self.t = np.asarray(x, dtype=float), np.asarray(t, dtype=float)
        design = np.column_stack([self.x, np.ones_like(self.x)])
        self.minimum = np.linalg.lstsq(design, self.t, rcond=None)[0]

    def value(self, p, batch=None):
        p = np.asarray(p, dtype=float)
        x, t = self._examples(batch)
        errors = p[..., :1] * x + p[..., 1:] - t       # one row of errors per point p
        return np.mean(errors**2, axis=-1)

    def grad(self, p, batch=None):
        w, b = np.asarray(p, dtype=float)
        x, t = self._examples(batch)
        error = w * x + b - t
        return np.array([np.mean(2 * error * x), np.mean(2 * error)])

    def hessian(self, p, batch=None):
        x, _ = self._examples(batch)
        return 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])

    def _examples(self, batch):
        if batch is None:
            return self.x, self.t
        return self.x[batch], self.t[batch]


def line_data(n=24, seed=0):
    """A small noisy dataset around the line t = 1.5 x - 0.5, x in [-1, 1]."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, n)
    return x, 1.5 * x - 0.5 + rng.normal(0, 0.35, n)

"""A recurrent layer: one small cell applied at every step of a sequence.

The cell reads the input x_t and its own previous state h_{t-1}:
    z_t = x_t W_x + h_{t-1} W_h + b
    h_t = tanh(z_t)
Vectors are rows, as in dense.py, so x_t W_x is the textbooks' W_x x_t.
The same W_x, W_h and b serve every step: that is how one cell reads a
sequence of any length, and the state h_t is all it remembers of the past.

Backprop through time (BPTT): unroll the loop into a deep network, one layer
per step, all layers sharing the same weights, and backpropagate through it
from the last step to the first. The state h_t gets gradient from two sides:
from whatever reads it directly (dhs[t], e.g. an output layer) and from the
next step, which used it through W_h:
    dh_t  = dhs[t] + dz_{t+1} W_h^T
    dz_t  = dh_t * (1 - h_t^2)                 tanh' written with its output
    dW_x += x_t^T dz_t     dW_h += h_{t-1}^T dz_t     db += dz_t (summed)
    dx_t  = dz_t W_x^T
Shared weights collect (add up) their gradient from every step.

Shapes: xs is (T, n_in) for one sequence, or (T, batch, n_in) for a batch of
sequences of the same length T; hs follows with n_hidden in place of n_in.
"""
import numpy as np


def _rows(a):
    """Every leading axis folded into one, so a batch sums like a single long batch."""
    return a.reshape(-1, a.shape[-1])


class RNN:
    def __init__(self, n_in, n_hidden, seed=0):
        """seed: an int, or a np.random.Generator shared with other layers."""
        rng = np.random.default_rng(seed)
        self.n_in, self.n_hidden = int(n_in), int(n_hidden)
        # Uniform on ±1/sqrt(n_hidden), as torch.nn.RNN does.
        k = 1.0 / np.sqrt(self.n_hidden)
        self.Wx = rng.uniform(-k, k, size=(self.n_in, self.n_hidden))
        self.Wh = rng.uniform(-k, k, size=(self.n_hidden, self.n_hidden))
        self.b = np.zeros(self.n_hidden)
        self.dWx, self.dWh, self.db = (np.zeros_like(p) for p in (self.Wx, self.Wh, self.b))

    def step(self, x, h_prev):
        """One tick of the cell: the new state from the input and the previous state."""
        return np.tanh(x @ self.Wx + h_prev @ self.Wh + self.b)

    def forward(self, xs, h0=None):
        """Run the cell over xs from state h0 (zeros if None); return every state hs[t] = h_t."""
        xs = np.asarray(xs, dtype=float)
        if h0 is None:
            h0 = np.zeros(xs.shape[1:-1] + (self.n_hidden,))
        # Remember the inputs and all states: backward needs them.
        self.xs, self.h0 = xs, np.asarray(h0, dtype=float)
        h, hs = self.h0, []
        for x in xs:
            h = self.step(x, h)
            hs.append(h)
        self.hs = np.stack(hs)
        return self.hs

    def backward(self, dhs):
        """Given dLoss/dh_t for every t (zeros where a state is not read directly),
        return (grads, dxs, dh0): {"Wx", "Wh", "b"}, dLoss/dx_t and dLoss/dh0."""
        dhs = np.asarray(dhs, dtype=float)
        dWx, dWh, db = np.zeros_like(self.Wx), np.zeros_like(self.Wh), np.zeros_like(self.b)
        dxs = np.zeros_like(self.xs)
        dh_next = np.zeros_like(self.h0)        # what step t+1 sends back to h_t
        for t in reversed(range(len(self.xs))):
            h_prev = self.hs[t - 1] if t > 0 else self.h0
            dh = dhs[t] + dh_next
            dz = dh * (1.0 - self.hs[t] ** 2)
            dWx += _rows(self.xs[t]).T @ _rows(dz)
            dWh += _rows(h_prev).T @ _rows(dz)
            db += _rows(dz).sum(axis=0)
            dxs[t] = dz @ self.Wx.T
            dh_next = dz @ self.Wh.T
        self.dWx, self.dWh, self.db = dWx, dWh, db
        return {"Wx": dWx, "Wh": dWh, "b": db}, dxs, dh_next

    def params(self, prefix=""):
        """[(name, value, grad)] as the optimizers take them; values and grads are the live arrays."""
        return [(prefix + "Wx", self.Wx, self.dWx), (prefix + "Wh", self.Wh, self.dWh),
                (prefix + "b", self.b, self.db)]

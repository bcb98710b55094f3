"""train_step made cheap for small networks: the same arithmetic, far fewer NumPy calls.

With 8 x 8 weight matrices and a batch of one example, each NumPy call costs
more than its arithmetic (most of all in the browser, where Python runs as
WebAssembly). So FastStep does exactly what train.train_step does, but
  - keeps every weight and bias of the network in ONE flat array (each layer's
    W and b become views into it) and every gradient in another: the
    optimizer's update is one call on the whole network;
  - writes every intermediate result into arrays made once per batch size (a
    Plan), the outputs of all hidden layers side by side in one of them, so the
    slopes act'(z) of every hidden neuron take one or two calls in all;
  - once every delta is known, computes the dW of a run of equally shaped
    layers (8 -> 8, 8 -> 8, ...) as one stacked matrix product;
  - skips what a training step never reads: the head's probabilities (the loss
    works on the logits) and the gradient at the input;
  - with a batch of one example, does the loss's arithmetic on plain Python
    floats and writes each delta straight into its bias gradient (the sum of
    one row is that row).
The weights it gives are bit for bit those train_step gives
(tests/engine/test_engine_train_fast.py checks it).
"""
import numpy as np

from .activations import sigmoid
from .losses import sigmoid_cross_entropy
from .regularization import add_penalty_gradient, penalty


def _sigmoid_cross_entropy(z, y, out):
    """losses.sigmoid_cross_entropy, its gradient written into out, with e^-|z| computed once
    for the loss and the sigmoid (and the mean as a sum over n): the same numbers in fewer calls."""
    y = np.reshape(y, z.shape)                       # (0/1 labels: as floats they are the same numbers)
    e = np.exp(np.negative(np.abs(z)))
    per_example = np.maximum(z, 0.0)
    per_example += np.log1p(e)
    per_example -= np.multiply(y, z)
    one_plus_e = np.add(1.0, e)
    p = np.divide(np.where(z >= 0, 1.0, e), one_plus_e, out)        # sigmoid(z), as activations.sigmoid
    np.subtract(p, y, out)
    np.divide(out, z.size, out)
    return np.add.reduce(per_example, axis=None) / per_example.size, out


def _sigmoid_cross_entropy_of_one(z, y, out):
    """_sigmoid_cross_entropy for one example, its gradient written into out (1 x 1): the same
    IEEE operations on Python floats, where each NumPy call costs more than its arithmetic."""
    z, y = float(z[0, 0]), float(y.item())
    e = float(np.exp(-abs(z)))
    loss = (z if z > 0.0 else 0.0) + float(np.log1p(e)) - y * z     # max(z, 0) + log(1 + e) - y z
    p = 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)
    out[0, 0] = p - y                                                # (a mean over one is that one)
    return loss, out


def _tanh_slopes(Z, A, out):             # 1 - a², as activations.tanh_prime
    np.multiply(A, A, out)
    np.subtract(1.0, out, out)


def _sigmoid_slopes(Z, A, out):          # a (1 - a), as activations.sigmoid_prime
    np.subtract(1.0, A, out)
    np.multiply(A, out, out)


# activation -> (write act(Z) into out, write the slope of every hidden neuron into out)
IN_PLACE = {"tanh": (np.tanh, _tanh_slopes),
            "relu": (lambda Z, out: np.maximum(Z, 0.0, out), lambda Z, A, out: np.greater(Z, 0.0, out)),
            "sigmoid": (lambda Z, out: np.copyto(out, sigmoid(Z)), _sigmoid_slopes),
            "linear": (lambda Z, out: np.copyto(out, Z), None)}           # (slope 1 everywhere)


def runs(shapes):
    """[first, end) of each run of consecutive equally shaped layers between the first layer
    and the output layer (both are left alone): each run's dW is one stacked product."""
    found, i = [], 1
    while i < len(shapes) - 1:
        end = i + 1
        while end < len(shapes) - 1 and shapes[end] == shapes[i]:
            end += 1
        found.append((i, end))
        i = end
    return found


def _blocks(flat, n, widths):
    """flat cut into consecutive (n, width) arrays."""
    ends = np.cumsum([0] + [n * w for w in widths])
    return [flat[a:b].reshape(n, w) for a, b, w in zip(ends[:-1], ends[1:], widths)]


def _stacked(flat, start, k, rows, cols):
    """k consecutive (rows, cols) arrays of flat, from start on, as one (k, rows, cols) view."""
    return flat[start:start + k * rows * cols].reshape(k, rows, cols)


class Plan:
    """The work arrays of a batch of n examples, made on its first step, and the operands of
    each call a step makes, in order."""

    def __init__(self, fast, n):
        layers, sizes = fast.net.layers, fast.net.sizes
        hidden, widths = sizes[1:-1], sizes[1:]
        self.product = np.dot if n == 1 else np.matmul   # the same sums; np.dot is quicker on one row
        self.A_flat = np.empty(n * sum(hidden))         # every hidden layer's output, side by side
        self.slopes = np.ones_like(self.A_flat)         # act'(z) of every hidden neuron, in the same places
        self.Z_flat = np.empty(n * sum(widths))         # every layer's weighted sums (the last: logits)
        self.Z_hidden = self.Z_flat[:self.A_flat.size]
        A, T, Z = _blocks(self.A_flat, n, hidden), _blocks(self.slopes, n, hidden), _blocks(self.Z_flat, n, widths)
        self.A = A
        if n == 1:                                      # a delta is its bias gradient
            self.delta = [db.reshape(1, -1) for db in fast.db]
        else:
            self.D_flat = np.empty(n * sum(widths))
            self.delta = _blocks(self.D_flat, n, widths)
        self.forward = [(layer.W, layer.b.reshape(1, -1), Z[i], A[i] if i < len(A) else None)
                        for i, layer in enumerate(layers)]
        self.backward = [(self.delta[i], layers[i].W.T, np.empty((n, sizes[i])), T[i - 1], self.delta[i - 1],
                          None if n == 1 else fast.db[i - 1]) for i in range(len(layers) - 1, 0, -1)]
        self.gradients = [self._gradient(fast, n, first, end) for first, end in runs([l.W.shape for l in layers])]
        if len(layers) > 1:
            self.gradients.append((A[-1].T, self.delta[-1], fast.dW[-1]))

    def _gradient(self, fast, n, first, end):
        """(inputs^T, deltas, dW) of layers first..end-1, all w -> w: stacked when there are several."""
        if end - first == 1:
            return self.A[first - 1].T, self.delta[first], fast.dW[first]
        k, w = end - first, fast.net.sizes[first]
        at = n * sum(fast.net.sizes[1:first])           # where layer `first`'s input starts in A_flat
        inputs_T = _stacked(self.A_flat, at, k, n, w).transpose(0, 2, 1)
        block = fast.grad[fast.offsets[first]:fast.offsets[end]].reshape(k, w * w + w)
        dW, db = block[:, :w * w].reshape(k, w, w), block[:, w * w:].reshape(k, 1, w)
        deltas = db if n == 1 else _stacked(self.D_flat, at + n * w, k, n, w)
        assert np.shares_memory(dW, fast.grad) and np.shares_memory(deltas, fast.grad if n == 1 else self.D_flat)
        return inputs_T, deltas, dW


class FastStep:
    """step(net, X, y, optimizer, regularization, reg_rate) == train_step(...), for one MLP.

    Building it moves the network's weights into the flat array (the network
    keeps working as before: its W and b are the same numbers, now views).
    Optimizers see one parameter, "all": their state (velocity, Adam's m and v)
    is one flat array too, so do not mix this with train_step on one optimizer.
    """

    def __init__(self, net):
        self.net = net
        self.theta = np.empty(net.n_params)         # W1, b1, W2, b2, ... one after the other
        self.grad = np.zeros_like(self.theta)
        self.params = []                            # [(name, value view, grad view)] like net.params()
        self.offsets = [0]                          # where each layer's W starts (its b follows)
        start = 0
        for name, value, _ in net.params():
            end = start + value.size
            view, grad = self.theta[start:end].reshape(value.shape), self.grad[start:end].reshape(value.shape)
            view[...] = value
            self.params.append((name, view, grad))
            if name.startswith("b"):
                self.offsets.append(end)
            start = end
        for i, layer in enumerate(net.layers):
            (_, layer.W, layer.dW), (_, layer.b, layer.db) = self.params[2 * i:2 * i + 2]
        self.dW, self.db = [layer.dW for layer in net.layers], [layer.db for layer in net.layers]
        self.flat = [("all", self.theta, self.grad)]
        self.act, self.slopes_of = IN_PLACE[net.activation]   # (all hidden layers share it)
        self.plans = {}                             # batch size -> its Plan

    def _loss(self, plan, logits, y):
        """The loss; its gradient at the logits is written into the output layer's delta."""
        loss_fn, delta = self.net.loss_fn, plan.delta[-1]       # (the loss may change between two steps)
        if loss_fn is sigmoid_cross_entropy and len(logits) == 1:
            return _sigmoid_cross_entropy_of_one(logits, y, delta)[0]
        if loss_fn is sigmoid_cross_entropy:
            loss, _ = _sigmoid_cross_entropy(logits, y, delta)
        else:
            loss, dz = loss_fn(logits, y)
            np.copyto(delta, dz)
        if len(logits) > 1:
            np.add.reduce(delta, axis=0, out=self.db[-1])
        return loss

    def __call__(self, net, X, y, optimizer, regularization=None, reg_rate=0.0):
        """One gradient step on the batch (X, y); returns the loss before the step (penalty included)."""
        n = len(X)
        plan = self.plans.get(n) or self.plans.setdefault(n, Plan(self, n))
        A = X
        for W, b, Z, out in plan.forward:                       # forward: z = a W + b, a = act(z)
            plan.product(A, W, Z)
            np.add(Z, b, Z)
            A = Z if out is None else out
            if out is not None:
                self.act(Z, out)
        loss = self._loss(plan, Z, y)
        if self.slopes_of is not None:
            self.slopes_of(plan.Z_hidden, plan.A_flat, plan.slopes)
        for delta, W_T, dA, T, below, db in plan.backward:     # backward, as Dense.backward:
            plan.product(delta, W_T, dA)                        # the gradient at the layer's input,
            np.multiply(dA, T, below)                           # times the slopes: the delta below
            if db is not None:
                np.add.reduce(below, axis=0, out=db)
        plan.product(X.T, plan.delta[0], self.dW[0])         # every dW = (its input)^T delta
        for inputs_T, deltas, dW in plan.gradients:
            np.matmul(inputs_T, deltas, dW)
        if regularization is not None and regularization != "none":
            loss += penalty(self.params, regularization, reg_rate)
            add_penalty_gradient(self.params, regularization, reg_rate)
        optimizer.step(self.flat)
        return float(loss)

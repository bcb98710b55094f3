"""train_step made cheap for small networks: the same arithmetic, far fewer NumPy calls.

With 8 x 8 weight matrices and a batch of one example, each NumPy call costs
more than its arithmetic (most of all in the browser, where Python runs as
WebAssembly). So FastStep does exactly what train.train_step does, but
  - keeps every weight and bias of the network in ONE flat array (each layer's
    W and b become views into it) and every gradient in another: the
    optimizer's update is one call on the whole network;
  - writes each intermediate result into arrays made once (out=...) instead of
    allocating new ones on every step;
  - skips what a training step never reads: the head's probabilities (the loss
    works on the logits) and the gradient at the input;
  - with a batch of one example, does the loss's arithmetic on plain Python
    floats (only e^-|z| and log(1 + e^-|z|) are NumPy calls) and lets each
    layer's delta be its bias gradient (the sum of one row is that row).
The weights it gives are bit for bit those train_step gives
(tests/engine/test_engine_train_fast.py checks it).
"""
import numpy as np

from .losses import sigmoid_cross_entropy
from .regularization import add_penalty_gradient, penalty


def _tanh_prime(Z, A, out):          # 1 - a², as activations.tanh_prime
    np.square(A, out=out)
    return np.subtract(1.0, out, out=out)


def _relu_prime(Z, A, out):          # 1 where z > 0, else 0, as activations.relu_prime
    return np.greater(Z, 0.0, out=out)


def _sigmoid_cross_entropy(z, y):
    """losses.sigmoid_cross_entropy, with e^-|z| computed once for the loss and the sigmoid
    (and the mean as a sum over n): the same numbers in fewer calls."""
    y = np.asarray(y, dtype=float).reshape(z.shape)
    e = np.exp(-np.abs(z))
    per_example = np.maximum(z, 0.0) + np.log1p(e) - y * z
    one_plus_e = 1.0 + e
    p = np.where(z >= 0, 1.0 / one_plus_e, e / one_plus_e)
    return np.add.reduce(per_example, axis=None) / per_example.size, (p - y) / z.size



def _sigmoid_cross_entropy_of_one(z, y, out):
    """_sigmoid_cross_entropy for one example, its gradient written into out (1 x 1): the same
    IEEE operations on Python floats, where each NumPy call costs more than its arithmetic."""
    z, y = float(z[0, 0]), float(y.item())
    e = float(np.exp(-abs(z)))
    loss = (z if z > 0.0 else 0.0) + float(np.log1p(e)) - y * z     # max(z, 0) + log(1 + e) - y z
    p = 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)
    out[0, 0] = p - y                                                # (a mean over one is that one)
    return loss, out


IN_PLACE = {"tanh": (lambda Z, out: np.tanh(Z, out=out), _tanh_prime),
            "relu": (lambda Z, out: np.maximum(Z, 0.0, out=out), _relu_prime)}


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
        start = 0
        for name, value, _ in net.params():
            end = start + value.size
            view, grad = self.theta[start:end].reshape(value.shape), self.grad[start:end].reshape(value.shape)
            view[...] = value
            self.params.append((name, view, grad))
            start = end
        for i, layer in enumerate(net.layers):
            (_, layer.W, layer.dW), (_, layer.b, layer.db) = self.params[2 * i:2 * i + 2]
        self.flat = [("all", self.theta, self.grad)]
        self.kinds = [IN_PLACE.get(layer.activation) for layer in net.layers]
        self.buffers = {}                           # batch rows -> this size's work arrays
        self.dz_of_one = np.empty((1, 1))           # the loss's gradient for a batch of one

    def _buffers(self, n):
        """This batch size's work arrays, one dict per layer, made on its first step. With one
        example, an in-place activation's delta is written straight into the bias gradient."""
        if n not in self.buffers:
            self.buffers[n] = []
            for i, (layer, kind) in enumerate(zip(self.net.layers, self.kinds)):
                n_in, n_out = layer.W.shape
                db = self.params[2 * i + 1][2]
                shared = n == 1 and kind is not None and layer.activation != "linear"
                self.buffers[n].append({"Z": np.empty((n, n_out)), "A": np.empty((n, n_out)),
                                        "T": np.empty((n, n_out)), "dX": np.empty((n, n_in)),
                                        "delta": db.reshape(1, n_out) if shared else np.empty((n, n_out)),
                                        "delta is db": shared})
        return self.buffers[n]

    def _loss(self, logits, y):
        loss_fn = self.net.loss_fn                               # (it may change between two steps)
        if loss_fn is sigmoid_cross_entropy:
            if len(logits) == 1:
                return _sigmoid_cross_entropy_of_one(logits, y, self.dz_of_one)
            return _sigmoid_cross_entropy(logits, y)
        return loss_fn(logits, y)

    def __call__(self, net, X, y, optimizer, regularization=None, reg_rate=0.0):
        """One gradient step on the batch (X, y); returns the loss before the step (penalty included)."""
        layers, kinds, work = self.net.layers, self.kinds, self._buffers(len(X))
        inputs = []
        A = X
        for layer, kind, w in zip(layers, kinds, work):          # forward: Z = A @ W + b, A = act(Z)
            inputs.append(A)
            Z = np.matmul(A, layer.W, out=w["Z"])
            Z += layer.b
            if layer.activation == "linear":
                A = Z
            elif kind:
                A = kind[0](Z, w["A"])
            else:
                A = w["A"] = layer.act(Z)
        loss, d = self._loss(A, y)                               # A: the logits
        for i in range(len(layers) - 1, -1, -1):                 # backward, as Dense.backward
            layer, kind, w = layers[i], kinds[i], work[i]
            if layer.activation == "linear":
                delta = d
            elif kind:
                delta = np.multiply(d, kind[1](w["Z"], w["A"], w["T"]), out=w["delta"])
            else:
                delta = d * layer.act_prime(w["Z"], w["A"])
            np.matmul(inputs[i].T, delta, out=self.params[2 * i][2])         # dW
            if not w["delta is db"]:
                np.add.reduce(delta, axis=0, out=self.params[2 * i + 1][2])  # db
            if i:
                d = np.matmul(delta, layer.W.T, out=w["dX"])
        if regularization is not None and regularization != "none":
            loss += penalty(self.params, regularization, reg_rate)
            add_penalty_gradient(self.params, regularization, reg_rate)
        optimizer.step(self.flat)
        return float(loss)

"""Training: forward, loss, backward, step, over and over.

One step on one mini-batch:
    1. forward      run the batch through the network
    2. loss         how wrong it is, and the gradient at the output
    3. backward     the gradient of every weight and bias
    4. regularize   add the weight penalty's gradient
    5. step         the optimizer moves every parameter
An epoch shuffles the training set and takes one step per mini-batch (Epoch):
train_epoch walks one to its end at once, the live trainer a few batches per frame.
"""
import numpy as np

from .regularization import add_penalty_gradient, penalty


def train_step(net, X, y, optimizer, regularization=None, reg_rate=0.0):
    """One gradient step on the batch (X, y); returns the loss before the step (penalty included)."""
    net.forward(X)
    loss, dz = net.loss(y)          # dz: the loss's gradient at the logits, (p - y) / n for cross-entropy
    net.backward(dz)
    params = net.params()
    loss += penalty(params, regularization, reg_rate)
    add_penalty_gradient(params, regularization, reg_rate)
    optimizer.step(params)
    return float(loss)


class Epoch:
    """One pass over n training examples in a random order, one mini-batch per step.

    The order is drawn once, when the epoch starts, from the caller's generator.
    An epoch may be left between two steps and taken up again later (the live
    trainer stops when a frame's time is up): its batches are the same either way.
    The batch size may change between two steps.
    """

    def __init__(self, n, rng):
        self.order = rng.permutation(n)
        self.cursor = 0          # examples done so far
        self.losses = []         # each mini-batch's loss
        self.shuffled = None     # (X, X in this order, y in this order), gathered on the first step

    @property
    def done(self):
        return self.cursor >= len(self.order)

    def step(self, net, X, y, optimizer, batch_size, regularization=None, reg_rate=0.0, train=train_step):
        """Train on the next mini-batch of (X, y); returns its loss. (`train`: train_step, or
        the same step made cheaper, engine.train_fast.FastStep.)"""
        if self.shuffled is None or self.shuffled[0] is not X:
            self.shuffled = (X, X[self.order], y[self.order])   # then every batch is a slice of them
        _, X_order, y_order = self.shuffled
        start, self.cursor = self.cursor, min(self.cursor + batch_size, len(self.order))
        loss = train(net, X_order[start:self.cursor], y_order[start:self.cursor], optimizer,
                     regularization, reg_rate)
        self.losses.append(loss)
        return loss

    @property
    def mean_loss(self):
        return float(np.mean(self.losses))


def train_epoch(net, X, y, optimizer, batch_size, rng, regularization=None, reg_rate=0.0):
    """One pass over (X, y) in a random order; returns the mean of the mini-batch losses."""
    epoch = Epoch(len(X), rng)
    while not epoch.done:
        epoch.step(net, X, y, optimizer, batch_size, regularization, reg_rate)
    return epoch.mean_loss


def evaluate(net, X, y):
    """The data loss on (X, y), without any penalty and without changing the network."""
    net.forward(X)
    loss, _ = net.loss(y)
    return float(loss)


def accuracy(net, X, y):
    """Fraction of examples whose predicted class equals the label."""
    return float(np.mean(net.predict(X) == np.asarray(y).reshape(-1)))


def check_divergence(loss, reference_loss=None, net=None, factor=100.0):
    """None if training looks healthy; otherwise a sentence saying what went wrong.

    Training has diverged when the loss is NaN or infinite, when any parameter
    is, or when the loss has grown past `factor` times a reference (e.g. the
    loss before training started): steps that are too large overshoot the
    valley, land higher up the other side, and each overshoot is bigger.
    """
    if np.isnan(loss):
        return "The loss is NaN (not a number): the numbers overflowed. The learning rate is probably too large."
    if np.isinf(loss):
        return "The loss is infinite: the numbers overflowed. The learning rate is probably too large."
    if net is not None and not all(np.all(np.isfinite(value)) for _, value, _ in net.params()):
        return "Some weights are no longer finite numbers. The learning rate is probably too large."
    if reference_loss is not None and reference_loss > 0 and loss > factor * reference_loss:
        return (f"The loss exploded: {loss:.3g}, more than {factor:g} times {reference_loss:.3g}. "
                "Each step overshoots further. The learning rate is probably too large.")
    return None


def fit(net, X, y, optimizer, epochs, batch_size, rng, regularization=None, reg_rate=0.0):
    """Train for `epochs` epochs; stop on divergence and restore the last good weights.

    Returns (history, problem): the training loss after each epoch, and None or
    the divergence explanation.
    """
    reference = evaluate(net, X, y) + penalty(net.params(), regularization, reg_rate)
    good_weights = net.get_weights()
    history = []
    for _ in range(epochs):
        loss = train_epoch(net, X, y, optimizer, batch_size, rng, regularization, reg_rate)
        problem = check_divergence(loss, reference, net)
        if problem is not None:
            net.set_weights(good_weights)
            optimizer.reset()
            return history, problem
        good_weights = net.get_weights()
        history.append(loss)
    return history, None

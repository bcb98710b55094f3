"""Training: forward, loss, backward, step, over and over.

One step on one mini-batch:
    1. forward      run the batch through the network
    2. loss         how wrong it is, and the gradient at the output
    3. backward     the gradient of every weight and bias
    4. regularize   add the weight penalty's gradient
    5. step         the optimizer moves every parameter
An epoch shuffles the training set and takes one step per mini-batch.
"""
import numpy as np

from .regularization import add_penalty_gradient, penalty


def train_step(net, X, y, optimizer, regularization=None, reg_rate=0.0):
    """One gradient step on the batch (X, y); returns the loss before the step (penalty included)."""
    net.forward(X)
    loss, dlogits = net.loss(y)
    net.backward(dlogits)
    params = net.params()
    loss += penalty(params, regularization, reg_rate)
    add_penalty_gradient(params, regularization, reg_rate)
    optimizer.step(params)
    return float(loss)


def train_epoch(net, X, y, optimizer, batch_size, rng, regularization=None, reg_rate=0.0):
    """One pass over (X, y) in a random order; returns the mean of the mini-batch losses."""
    order = rng.permutation(len(X))
    losses = []
    for start in range(0, len(X), batch_size):
        batch = order[start:start + batch_size]
        losses.append(train_step(net, X[batch], y[batch], optimizer, regularization, reg_rate))
    return float(np.mean(losses))


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

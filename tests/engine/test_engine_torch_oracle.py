"""PyTorch as an oracle: the same network, data and initial weights, trained
20 steps by the engine and by torch (float64), must agree on every step's
loss and on the final weights."""
import numpy as np
import pytest

from engine.data import make_dataset
from engine.network import MLP
from engine.optimizers import SGD, Adam, Momentum
from engine.train import train_step

torch = pytest.importorskip("torch")

NETWORKS = {  # name: (sizes, hidden activation, output head, init, dataset)
    "tanh-binary": ([2, 5, 4, 1], "tanh", "sigmoid", "xavier", "circle"),
    "tanh-softmax": ([2, 6, 3], "tanh", "softmax", "xavier", "three_gaussians"),
    "relu-regression": ([2, 8, 8, 1], "relu", "linear", "he", "wave"),
}
OPTIMIZERS = {  # name: (engine optimizer, torch optimizer), same hyperparameters
    "sgd": (lambda: SGD(lr=0.03), lambda p: torch.optim.SGD(p, lr=0.03)),
    "momentum": (lambda: Momentum(lr=0.01, momentum=0.9), lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9)),
    "adam": (lambda: Adam(lr=0.01), lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.9, 0.999), eps=1e-8)),
}
STEPS, BATCH, RATE = 20, 8, 0.01


def torch_train(net, X, y, make_optimizer, regularization):
    params = [torch.tensor(value, requires_grad=True) for _, value, _ in net.params()]
    weights = params[0::2]
    optimizer = make_optimizer(params)
    activation = {"tanh": torch.tanh, "relu": torch.relu}[net.activation]
    loss_fn = {"sigmoid": torch.nn.BCEWithLogitsLoss(), "softmax": torch.nn.CrossEntropyLoss(),
               "linear": torch.nn.MSELoss()}[net.output]
    X, y = torch.tensor(X), torch.tensor(y)
    y = y.long() if net.output == "softmax" else y.double().reshape(-1, 1)
    losses = []
    for step in range(STEPS):
        if step == STEPS // 2:
            for group in optimizer.param_groups:
                group["lr"] /= 2
        batch = slice((step * BATCH) % len(X), (step * BATCH) % len(X) + BATCH)
        A = X[batch]
        for i in range(0, len(params) - 2, 2):
            A = activation(A @ params[i] + params[i + 1])
        loss = loss_fn(A @ params[-2] + params[-1], y[batch])
        if regularization == "l2":
            loss = loss + RATE * sum(0.5 * (W**2).sum() for W in weights)
        if regularization == "l1":
            loss = loss + RATE * sum(W.abs().sum() for W in weights)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses, [p.detach().numpy() for p in params]


def engine_train(net, X, y, optimizer, regularization):
    losses = []
    for step in range(STEPS):
        if step == STEPS // 2:
            optimizer.lr /= 2  # the learner drags the slider mid-training
        start = (step * BATCH) % len(X)
        losses.append(train_step(net, X[start:start + BATCH], y[start:start + BATCH],
                                 optimizer, regularization, RATE))
    return losses, [value for _, value, _ in net.params()]


@pytest.mark.parametrize("regularization", [None, "l2", "l1"])
@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
@pytest.mark.parametrize("network", list(NETWORKS))
def test_engine_trains_exactly_like_pytorch(network, optimizer, regularization):
    sizes, activation, output, init, dataset = NETWORKS[network]
    X, y = make_dataset(dataset, n=32, noise=0.1, seed=4)
    net = MLP(sizes, activation, output, init, seed=5)
    initial = [value.copy() for _, value, _ in net.params()]
    make_engine_optimizer, make_torch_optimizer = OPTIMIZERS[optimizer]

    torch_losses, torch_params = torch_train(net, X, y, make_torch_optimizer, regularization)
    losses, params = engine_train(net, X, y, make_engine_optimizer(), regularization)

    np.testing.assert_allclose(losses, torch_losses, rtol=0, atol=1e-6)
    for ours, theirs, before in zip(params, torch_params, initial):
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-6)
    assert not np.allclose(params[0], initial[0]), "training should have moved the weights"

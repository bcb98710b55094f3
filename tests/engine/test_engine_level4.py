"""Level 4's layers: convolution, pooling, dropout, batch norm and early stopping,
each checked by finite differences and against PyTorch (float64, to 1e-6)."""
import numpy as np
import pytest
import torch

from engine.batch_norm import BatchNorm
from engine.conv import Conv2D, correlate2d
from engine.dropout import Dropout
from engine.early_stopping import EarlyStopping
from engine.pooling import Pool2D
from engine_gradcheck import assert_gradients_match, numerical_gradient

torch.set_default_dtype(torch.float64)


@pytest.mark.parametrize("stride,padding", [(1, 0), (2, 1), (1, 2)])
def test_conv_forward_and_backward_match_pytorch_and_finite_differences(stride, padding):
    rng = np.random.default_rng(stride * 10 + padding)
    conv = Conv2D(2, 3, 3, stride=stride, padding=padding, rng=rng)
    conv.b[:] = rng.normal(size=3)
    X = rng.normal(size=(2, 2, 6, 5))
    R = rng.normal(size=conv.forward(X).shape)        # loss = sum(Y * R)
    x_t = torch.tensor(X, requires_grad=True)
    k_t = torch.tensor(conv.K, requires_grad=True)
    b_t = torch.tensor(conv.b, requires_grad=True)
    y_t = torch.nn.functional.conv2d(x_t, k_t, b_t, stride=stride, padding=padding)
    (y_t * torch.tensor(R)).sum().backward()
    Y = conv.forward(X)
    dX = conv.backward(R)
    np.testing.assert_allclose(Y, y_t.detach().numpy(), atol=1e-10)
    np.testing.assert_allclose(dX, x_t.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(conv.dK, k_t.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(conv.db, b_t.grad.numpy(), atol=1e-10)
    loss = lambda: np.sum(conv.forward(X) * R)  # noqa: E731
    assert_gradients_match(conv.dK, numerical_gradient(loss, conv.K))
    assert_gradients_match(dX, numerical_gradient(loss, X))


def test_correlate2d_is_the_sum_of_products_under_the_window():
    rng = np.random.default_rng(3)
    image, kernel = rng.normal(size=(5, 6)), rng.normal(size=(3, 3))
    out = correlate2d(image, kernel)
    assert out.shape == (3, 4)
    by_hand = sum(image[1 + a, 2 + b] * kernel[a, b] for a in range(3) for b in range(3))
    assert out[1, 2] == pytest.approx(by_hand, abs=1e-12)
    conv = Conv2D(1, 1, 3)
    conv.K[0, 0] = kernel
    np.testing.assert_allclose(conv.forward(image[None, None])[0, 0], out, atol=1e-12)


@pytest.mark.parametrize("kind,k,stride", [("max", 2, 2), ("average", 2, 2), ("max", 3, 1), ("average", 3, 2)])
def test_pooling_matches_pytorch(kind, k, stride):
    rng = np.random.default_rng(k + stride)
    X = rng.normal(size=(2, 3, 7, 6))
    pool = Pool2D(kind, k, stride)
    Y = pool.forward(X)
    R = rng.normal(size=Y.shape)
    x_t = torch.tensor(X, requires_grad=True)
    f = torch.nn.functional.max_pool2d if kind == "max" else torch.nn.functional.avg_pool2d
    y_t = f(x_t, k, stride)
    (y_t * torch.tensor(R)).sum().backward()
    np.testing.assert_allclose(Y, y_t.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(pool.backward(R), x_t.grad.numpy(), atol=1e-12)
    assert_gradients_match(pool.backward(R), numerical_gradient(lambda: np.sum(pool.forward(X) * R), X))


def test_max_pooling_is_a_reshape_max_and_names_the_kept_cells():
    X = np.random.default_rng(5).normal(size=(1, 1, 6, 8))
    pool = Pool2D("max", 2)
    Y = pool.forward(X)
    np.testing.assert_array_equal(Y[0, 0], X[0, 0].reshape(3, 2, 4, 2).max(axis=(1, 3)))
    for (i, j) in np.ndindex(3, 4):
        r, c = pool.kept()[0, 0, i, j]
        assert X[0, 0, r, c] == Y[0, 0, i, j] and r // 2 == i and c // 2 == j


def test_inverted_dropout_keeps_the_expected_activation_and_is_off_at_evaluation():
    A = np.ones((2000, 50))
    layer = Dropout(0.3, np.random.default_rng(0))
    out = layer.forward(A)
    assert abs(np.mean(out == 0) - 0.3) < 0.01            # about 30 % dropped
    assert abs(out.mean() - 1.0) < 0.01                    # the survivors were scaled by 1/0.7
    np.testing.assert_array_equal(layer.backward(A), out)  # the gradient takes the same mask
    np.testing.assert_array_equal(layer.forward(A, training=False), A)


def test_batch_norm_standardizes_matches_pytorch_and_uses_running_statistics_at_evaluation():
    rng = np.random.default_rng(7)
    bn = BatchNorm(4, momentum=0.1)
    bn.gamma[:], bn.beta[:] = rng.normal(size=4), rng.normal(size=4)
    torch_bn = torch.nn.BatchNorm1d(4, momentum=0.1)
    with torch.no_grad():
        torch_bn.weight[:], torch_bn.bias[:] = torch.tensor(bn.gamma), torch.tensor(bn.beta)
    for step in range(3):
        X = rng.normal(3.0, 5.0, size=(16, 4))
        Y = bn.forward(X)
        x_t = torch.tensor(X, requires_grad=True)
        y_t = torch_bn.train()(x_t)
        R = rng.normal(size=Y.shape)
        (y_t * torch.tensor(R)).sum().backward()
        np.testing.assert_allclose(Y, y_t.detach().numpy(), atol=1e-10)
        np.testing.assert_allclose(bn.backward(R), x_t.grad.numpy(), atol=1e-10)
        np.testing.assert_allclose(bn.dgamma, torch_bn.weight.grad.numpy(), atol=1e-10)
        torch_bn.weight.grad = torch_bn.bias.grad = None
    np.testing.assert_allclose(bn.X_hat.mean(axis=0), 0, atol=1e-12)      # before gamma and beta
    np.testing.assert_allclose(bn.X_hat.var(axis=0), 1, atol=1e-3)        # (eps keeps it just under 1)
    np.testing.assert_allclose(bn.running_mean, torch_bn.running_mean.numpy(), atol=1e-12)
    np.testing.assert_allclose(bn.running_var, torch_bn.running_var.numpy(), atol=1e-12)
    X = rng.normal(size=(5, 4))
    np.testing.assert_allclose(bn.forward(X, training=False), torch_bn.eval()(torch.tensor(X)).detach().numpy(), atol=1e-10)
    one = bn.forward(X[:1], training=False)                # at evaluation a lone example is fine
    np.testing.assert_allclose(one, bn.forward(X, training=False)[:1], atol=1e-12)


def test_batch_norm_backward_matches_finite_differences():
    rng = np.random.default_rng(11)
    bn = BatchNorm(3)
    bn.gamma[:] = rng.normal(size=3)
    X, R = rng.normal(size=(6, 3)), rng.normal(size=(6, 3))
    loss = lambda: np.sum(bn.forward(X) * R)  # noqa: E731
    loss()
    dX = bn.backward(R)
    assert_gradients_match(dX, numerical_gradient(loss, X))
    assert_gradients_match(bn.dgamma, numerical_gradient(loss, bn.gamma))


def test_early_stopping_keeps_the_best_epoch_and_stops_after_patience():
    losses = [1.0, 0.8, 0.6, 0.55, 0.57, 0.6, 0.58, 0.7, 0.9]
    stopper = EarlyStopping(patience=3)
    stopped_at = next(epoch for epoch, loss in enumerate(losses) if stopper.update(loss, weights=epoch))
    assert stopper.best_epoch == 3 == stopper.best_weights and stopped_at == 6

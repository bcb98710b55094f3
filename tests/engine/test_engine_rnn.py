"""The recurrent cell and backprop through time, checked three ways: the formula
step by step, finite differences, and torch.nn.RNN with the same weights."""
import numpy as np
import pytest
from engine_gradcheck import assert_gradients_match, numerical_gradient

from engine.rnn import RNN

T, N_IN, N_HIDDEN = 5, 3, 4


def make_case(batch, seed=0):
    """An RNN with a nonzero bias, inputs, a start state and a random loss L = sum(R * hs)."""
    rng = np.random.default_rng(seed)
    rnn = RNN(N_IN, N_HIDDEN, seed=seed + 1)
    rnn.b[:] = rng.normal(0, 0.3, N_HIDDEN)
    lead = (T,) if batch is None else (T, batch)
    xs = rng.normal(0, 1, lead + (N_IN,))
    h0 = rng.normal(0, 0.5, lead[1:] + (N_HIDDEN,))
    R = rng.normal(0, 1, lead + (N_HIDDEN,))
    return rnn, xs, h0, R


@pytest.mark.parametrize("batch", [None, 2])
def test_forward_is_the_formula_step_by_step(batch):
    rnn, xs, h0, _ = make_case(batch)
    hs = rnn.forward(xs, h0)
    h = h0
    for t in range(T):
        h = np.tanh(xs[t] @ rnn.Wx + h @ rnn.Wh + rnn.b)
        np.testing.assert_allclose(hs[t], h, rtol=0, atol=1e-15)


def test_zero_start_state_by_default():
    rnn, xs, _, _ = make_case(None)
    np.testing.assert_array_equal(rnn.forward(xs), rnn.forward(xs, np.zeros(N_HIDDEN)))


@pytest.mark.parametrize("batch", [None, 3])
def test_backprop_through_time_matches_finite_differences(batch):
    rnn, xs, h0, R = make_case(batch, seed=2)

    def loss():
        return float(np.sum(R * rnn.forward(xs, h0)))

    loss()
    grads, dxs, dh0 = rnn.backward(R)
    for name in ("Wx", "Wh", "b"):
        assert_gradients_match(grads[name], numerical_gradient(loss, getattr(rnn, name)), tol=1e-8)
    assert_gradients_match(dxs, numerical_gradient(loss, xs), tol=1e-8)
    assert_gradients_match(dh0, numerical_gradient(loss, h0), tol=1e-8)


def test_gradient_reaches_only_the_past():
    """A loss on h_2 alone: inputs after step 2 get exactly zero gradient, earlier ones do not."""
    rnn, xs, h0, _ = make_case(None, seed=3)
    rnn.forward(xs, h0)
    dhs = np.zeros((T, N_HIDDEN))
    dhs[2] = 1.0
    _, dxs, dh0 = rnn.backward(dhs)
    assert np.all(dxs[3:] == 0)
    assert np.all(np.abs(dxs[:3]).sum(axis=1) > 0) and np.abs(dh0).sum() > 0


def test_params_are_the_live_arrays_with_their_gradients():
    rnn, xs, h0, R = make_case(None)
    rnn.forward(xs, h0)
    grads, _, _ = rnn.backward(R)
    for name, value, grad in rnn.params("enc."):
        short = name.removeprefix("enc.")
        assert value is getattr(rnn, short) and grad is grads[short]


@pytest.mark.parametrize("batch", [None, 2])
def test_matches_torch_rnn_forward_and_backward(batch):
    torch = pytest.importorskip("torch")
    rnn, xs, h0, R = make_case(batch, seed=4)
    hs = rnn.forward(xs, h0)
    grads, dxs, dh0 = rnn.backward(R)

    cell = torch.nn.RNN(N_IN, N_HIDDEN, nonlinearity="tanh", dtype=torch.float64)
    with torch.no_grad():
        cell.weight_ih_l0.copy_(torch.tensor(rnn.Wx.T))   # torch keeps W as (out, in)
        cell.weight_hh_l0.copy_(torch.tensor(rnn.Wh.T))
        cell.bias_ih_l0.copy_(torch.tensor(rnn.b))
        cell.bias_hh_l0.zero_()                            # torch has two biases; ours is their sum
    # torch wants (T, batch, n_in) and a state (layers, batch, n_hidden)
    x_t = torch.tensor(xs if batch else xs[:, None, :], requires_grad=True)
    h0_t = torch.tensor(h0[None] if batch else h0[None, None], requires_grad=True)
    out, _ = cell(x_t, h0_t)
    (out * torch.tensor(R if batch else R[:, None, :])).sum().backward()

    shape = hs.shape
    np.testing.assert_allclose(out.detach().numpy().reshape(shape), hs, rtol=0, atol=1e-8)
    np.testing.assert_allclose(cell.weight_ih_l0.grad.numpy().T, grads["Wx"], rtol=0, atol=1e-8)
    np.testing.assert_allclose(cell.weight_hh_l0.grad.numpy().T, grads["Wh"], rtol=0, atol=1e-8)
    np.testing.assert_allclose(cell.bias_ih_l0.grad.numpy(), grads["b"], rtol=0, atol=1e-8)
    np.testing.assert_allclose(x_t.grad.numpy().reshape(xs.shape), dxs, rtol=0, atol=1e-8)
    np.testing.assert_allclose(h0_t.grad.numpy().reshape(h0.shape), dh0, rtol=0, atol=1e-8)

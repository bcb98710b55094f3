"""Attention against PyTorch: the core function, its backward, multi-head self-attention
and the whole Transformer block, each recomputed independently in torch."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from engine.attention import (SelfAttention, TransformerBlock, attention, attention_backward,
                              positional_encoding)


def test_attention_matches_torch_scaled_dot_product_attention():
    rng = np.random.default_rng(0)
    Q, K, V = (rng.normal(size=(5, 4)) for _ in range(3))
    out, A = attention(Q, K, V)
    expected = F.scaled_dot_product_attention(*(torch.tensor(m)[None] for m in (Q, K, V)))[0]
    np.testing.assert_allclose(out, expected.numpy(), atol=1e-12)
    np.testing.assert_allclose(A.sum(axis=1), 1, atol=1e-12)
    assert (A > 0).all()


def test_attention_backward_matches_torch_autograd():
    rng = np.random.default_rng(1)
    Q, K, V, R = (rng.normal(size=(5, 4)) for _ in range(4))
    out, A = attention(Q, K, V)
    grads = attention_backward(R, Q, K, V, A)
    q, k, v = (torch.tensor(m, requires_grad=True) for m in (Q, K, V))
    a = torch.softmax(q @ k.T / 2.0, dim=1)              # sqrt(4) = 2, written out by hand
    ((a @ v) * torch.tensor(R)).sum().backward()
    for mine, t in zip(grads, (q, k, v)):
        np.testing.assert_allclose(mine, t.grad.numpy(), atol=1e-12)


@pytest.mark.parametrize("n_heads", [1, 2])
def test_self_attention_matches_torch_by_hand(n_heads):
    rng = np.random.default_rng(2)
    layer = SelfAttention(8, n_heads, rng)
    X = rng.normal(size=(5, 8))
    out = layer.forward(X)
    x = torch.tensor(X)
    q, k, v = (x @ torch.tensor(W) for W in (layer.Wq, layer.Wk, layer.Wv))
    dh = 8 // n_heads
    heads = []
    for h in range(n_heads):
        s = slice(h * dh, (h + 1) * dh)
        a = torch.softmax(q[:, s] @ k[:, s].T / dh ** 0.5, dim=-1)
        np.testing.assert_allclose(layer.weights[h], a.numpy(), atol=1e-12)
        heads.append(a @ v[:, s])
    expected = torch.cat(heads, dim=1) @ torch.tensor(layer.Wo)
    np.testing.assert_allclose(out, expected.numpy(), atol=1e-12)


def test_transformer_block_matches_torch_by_hand():
    block = TransformerBlock(d_model=8, d_ff=16, n_heads=2, seed=3)
    X = np.random.default_rng(4).normal(size=(5, 8))
    out = block.forward(X)
    t = lambda a: torch.tensor(a)  # noqa: E731
    x = t(X)
    attn = block.attn
    q, k, v = x @ t(attn.Wq), x @ t(attn.Wk), x @ t(attn.Wv)
    heads = [F.scaled_dot_product_attention(q[None, :, s], k[None, :, s], v[None, :, s])[0]
             for s in (slice(0, 4), slice(4, 8))]
    h = F.layer_norm(x + torch.cat(heads, 1) @ t(attn.Wo), (8,), eps=1e-5)
    ff = torch.relu(h @ t(block.ff1.W) + t(block.ff1.b)) @ t(block.ff2.W) + t(block.ff2.b)
    expected = F.layer_norm(h + ff, (8,), eps=1e-5)
    np.testing.assert_allclose(out, expected.numpy(), atol=1e-10)
    np.testing.assert_allclose(block.steps["add_norm_1"], h.numpy(), atol=1e-10)


def test_positional_encoding_is_sines_and_cosines_of_the_paper():
    P = positional_encoding(6, 8)
    for p in range(6):
        for i in range(4):
            angle = p / 10000 ** (2 * i / 8)
            assert P[p, 2 * i] == pytest.approx(np.sin(angle))
            assert P[p, 2 * i + 1] == pytest.approx(np.cos(angle))

"""Self-attention, and the Transformer block built around it.

Every token of a sentence is a row of X (n tokens x d numbers). Each token
asks a question (its query q), offers a label (its key k) and carries a
message (its value v), all three made from its own row by learned matrices:
    Q = X Wq      K = X Wk      V = X Wv
    A = softmax(Q K^T / sqrt(d_k))      row i: how much token i listens to each token
    out = A V                           token i's new vector: a weighted mix of the messages
Dividing by sqrt(d_k) keeps the scores near 1 in size however long the
vectors are, so the softmax does not saturate from the start.
"""
import numpy as np

from .activations import softmax
from .dense import Dense
from .layer_norm import LayerNorm


def attention(Q, K, V):
    """Scaled dot-product attention: (out, A) with A the n x n attention weights."""
    scores = Q @ K.T / np.sqrt(Q.shape[-1])
    A = softmax(scores)
    return A @ V, A


def attention_backward(dout, Q, K, V, A):
    """(dQ, dK, dV) given dout = dLoss/dout and the forward pass's A."""
    dV = A.T @ dout
    dA = dout @ V.T
    # Softmax's backward, row by row: dS = A * (dA - sum_j A_j dA_j).
    dS = A * (dA - (A * dA).sum(axis=1, keepdims=True))
    scale = 1.0 / np.sqrt(Q.shape[-1])
    return dS @ K * scale, dS.T @ Q * scale, dV


def positional_encoding(n, d):
    """The sine/cosine positions of "Attention Is All You Need": row p is position p.

    Attention itself ignores word order (shuffle the rows and every token gets the
    same mix), so each position adds its own pattern of waves, slow to fast."""
    pos = np.arange(n)[:, None]
    freq = 1.0 / 10000 ** (np.arange(0, d, 2) / d)
    P = np.zeros((n, d))
    P[:, 0::2] = np.sin(pos * freq)
    P[:, 1::2] = np.cos(pos * freq)
    return P


class SelfAttention:
    """n_heads heads, each attending in its own d_model / n_heads slice, then mixed by Wo."""

    def __init__(self, d_model, n_heads, rng):
        if d_model % n_heads:
            raise ValueError(f"d_model {d_model} is not a multiple of {n_heads} heads")
        self.n_heads = n_heads
        std = 1.0 / np.sqrt(d_model)
        self.Wq, self.Wk, self.Wv, self.Wo = (rng.normal(0.0, std, (d_model, d_model)) for _ in range(4))

    def forward(self, X):
        Q, K, V = X @ self.Wq, X @ self.Wk, X @ self.Wv
        heads = np.split(np.arange(X.shape[1]), self.n_heads)   # the columns of each head
        outs, self.weights = [], []
        for cols in heads:
            out, A = attention(Q[:, cols], K[:, cols], V[:, cols])
            outs.append(out)
            self.weights.append(A)
        return np.concatenate(outs, axis=1) @ self.Wo


class TransformerBlock:
    """One encoder block, as in the original paper (normalization after each add):
        H   = LayerNorm(X + SelfAttention(X))      add & norm
        out = LayerNorm(H + FeedForward(H))        add & norm
    The two "X +" and "H +" are the residual skips: each sub-layer only adds a
    correction to what flows past it. The feed-forward part works on every token
    on its own: d_model -> d_ff (ReLU) -> d_model."""

    def __init__(self, d_model=8, d_ff=16, n_heads=1, seed=0):
        rng = np.random.default_rng(seed)
        self.attn = SelfAttention(d_model, n_heads, rng)
        self.norm1 = LayerNorm(d_model)
        self.ff1 = Dense(d_model, d_ff, "relu", "he", rng)
        self.ff2 = Dense(d_ff, d_model, "linear", "xavier", rng)
        self.norm2 = LayerNorm(d_model)

    def forward(self, X):
        """The block's output; every step is kept in self.steps for a learner to look at."""
        attended = self.attn.forward(X)
        H = self.norm1.forward(X + attended)
        fed = self.ff2.forward(self.ff1.forward(H))
        out = self.norm2.forward(H + fed)
        self.steps = {"input": X, "attention": attended, "add_norm_1": H,
                      "feed_forward": fed, "add_norm_2": out}
        return out

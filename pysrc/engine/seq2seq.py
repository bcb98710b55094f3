"""An encoder–decoder: two recurrent layers and one vector between them.

    encoder   each source word becomes a vector (a row of the embedding E_src);
              an RNN reads them one by one; its last state is the context c.
    decoder   a second RNN starts from h_0 = c. At every step it reads the
              token it wrote last (END at the start: nothing written yet),
              and its state h_t goes through a dense layer to logits:
                  p(next token) = softmax(h_t W_y + b_y)
Everything the decoder knows about the source has to fit in c: that is the
bottleneck attention later removed.

Training uses "teacher forcing": the decoder reads the true previous token,
not its own guess, so every position of every sentence trains at once.
Translating (greedy decoding) feeds back its own most likely token instead.

Token ids are integer arrays of shape (T,) for one sentence or (T, batch)
for a batch of sentences of the same length.
"""
import numpy as np

from .activations import softmax
from .losses import softmax_cross_entropy
from .rnn import RNN


def _rows(a):
    return a.reshape(-1, a.shape[-1])


def _embedding_grad(E, ids, dxs):
    """Each row of E gets the sum of the gradients of every place its token was read."""
    dE = np.zeros_like(E)
    np.add.at(dE, ids, dxs)
    return dE


class Seq2Seq:
    def __init__(self, n_source, n_target, n_embed, n_hidden, seed=0):
        rng = np.random.default_rng(seed)
        self.E_src = rng.normal(0.0, 1.0, size=(n_source, n_embed))
        self.encoder = RNN(n_embed, n_hidden, rng)
        self.E_tgt = rng.normal(0.0, 1.0, size=(n_target, n_embed))
        self.decoder = RNN(n_embed, n_hidden, rng)
        k = 1.0 / np.sqrt(n_hidden)
        self.Wy = rng.uniform(-k, k, size=(n_hidden, n_target))
        self.by = np.zeros(n_target)
        self.dE_src, self.dE_tgt, self.dWy, self.dby = (
            np.zeros_like(p) for p in (self.E_src, self.E_tgt, self.Wy, self.by))

    def encode(self, source):
        """The context vector c: the encoder's state after the last source token."""
        self.source = np.asarray(source)
        return self.encoder.forward(self.E_src[self.source])[-1]

    def decode(self, c, previous):
        """Teacher forcing: logits for every position, given the previous tokens."""
        self.previous = np.asarray(previous)
        hs = self.decoder.forward(self.E_tgt[self.previous], c)
        return hs @ self.Wy + self.by

    def loss(self, source, previous, target, mask):
        """Mean cross-entropy over the positions where mask is True (padding is not scored)."""
        self.logits = self.decode(self.encode(source), previous)
        loss, dscored = softmax_cross_entropy(self.logits[mask], np.asarray(target)[mask])
        self.dlogits = np.zeros_like(self.logits)
        self.dlogits[mask] = dscored
        return loss

    def backward(self):
        """Backprop from the last loss() down to both embeddings; stores every gradient."""
        hs = self.decoder.hs
        self.dWy = _rows(hs).T @ _rows(self.dlogits)
        self.dby = _rows(self.dlogits).sum(axis=0)
        _, dx_dec, dc = self.decoder.backward(self.dlogits @ self.Wy.T)
        self.dE_tgt = _embedding_grad(self.E_tgt, self.previous, dx_dec)
        # The encoder's states are read only through c, its last one.
        dhs = np.zeros_like(self.encoder.hs)
        dhs[-1] = dc
        _, dx_enc, _ = self.encoder.backward(dhs)
        self.dE_src = _embedding_grad(self.E_src, self.source, dx_enc)

    def params(self):
        """[(name, value, grad)] for the optimizers; the live arrays."""
        return ([("E_src", self.E_src, self.dE_src)] + self.encoder.params("encoder.")
                + [("E_tgt", self.E_tgt, self.dE_tgt)] + self.decoder.params("decoder.")
                + [("Wy", self.Wy, self.dWy), ("by", self.by, self.dby)])

    def get_weights(self):
        return {name: value.copy() for name, value, _ in self.params()}

    def set_weights(self, weights):
        for name, value, _ in self.params():
            new = np.asarray(weights[name], dtype=float)
            if new.shape != value.shape:
                raise ValueError(f"{name} has shape {value.shape}, got {new.shape}")
            value[...] = new

    def decoder_step(self, token, h):
        """One step of translation: read `token`, return the new state and the next token's probabilities."""
        h = self.decoder.step(self.E_tgt[token], h)
        logits = h @ self.Wy + self.by
        return h, logits, softmax(logits[None, :])[0]

    def translate(self, source, end, max_len=10):
        """Greedy decoding of one sentence: always write the most likely token, stop at `end`.
        Returns the tokens written (end included if reached) and the probability of each."""
        h = self.encode(source)
        tokens, probs, token = [], [], end
        while len(tokens) < max_len:
            h, _, p = self.decoder_step(token, h)
            token = int(np.argmax(p))
            tokens.append(token)
            probs.append(float(p[token]))
            if token == end:
                break
        return tokens, probs

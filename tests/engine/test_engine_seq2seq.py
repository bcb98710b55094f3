"""The encoder–decoder: its gradient (finite differences and PyTorch autograd), greedy
decoding against the step-by-step formula, and the number words it learns from."""
import numpy as np
import pytest
from engine_gradcheck import assert_gradients_match, numerical_gradient

from engine.number_words import END, ENGLISH_VOCAB, FRENCH_VOCAB, PAIRS, english, french, join_french
from engine.seq2seq import Seq2Seq


def make_case(seed=0):
    rng = np.random.default_rng(seed)
    model = Seq2Seq(n_source=5, n_target=6, n_embed=3, n_hidden=4, seed=seed)
    model.by[:] = rng.normal(0, 0.2, 6)
    source = rng.integers(0, 5, size=(3, 2))            # 3 words, batch of 2
    previous = rng.integers(0, 6, size=(4, 2))
    target = rng.integers(0, 6, size=(4, 2))
    mask = np.array([[1, 1], [1, 1], [1, 0], [0, 0]], dtype=bool)
    return model, (source, previous, target, mask)


def test_gradient_of_every_parameter_matches_finite_differences():
    model, batch = make_case()
    model.loss(*batch)
    model.backward()
    for name, value, grad in model.params():
        numeric = numerical_gradient(lambda: model.loss(*batch), value)
        assert_gradients_match(grad, numeric, tol=1e-8)


def test_gradient_matches_pytorch_autograd():
    torch = pytest.importorskip("torch")
    model, (source, previous, target, mask) = make_case(seed=1)
    loss = model.loss(source, previous, target, mask)
    model.backward()
    p = {name: torch.tensor(value, requires_grad=True) for name, value, _ in model.params()}

    def run(prefix, xs, h):
        states = []
        for x in xs:
            h = torch.tanh(x @ p[prefix + "Wx"] + h @ p[prefix + "Wh"] + p[prefix + "b"])
            states.append(h)
        return torch.stack(states)

    c = run("encoder.", p["E_src"][torch.tensor(source)], torch.zeros(2, 4, dtype=torch.float64))[-1]
    logits = run("decoder.", p["E_tgt"][torch.tensor(previous)], c) @ p["Wy"] + p["by"]
    m = torch.tensor(mask)
    torch_loss = torch.nn.functional.cross_entropy(logits[m], torch.tensor(target)[m])
    torch_loss.backward()
    assert abs(torch_loss.item() - loss) < 1e-12
    for name, _, grad in model.params():
        np.testing.assert_allclose(grad, p[name].grad.numpy(), rtol=0, atol=1e-10, err_msg=name)


def test_padding_is_not_scored():
    """Changing a target where the mask is False changes neither the loss nor any gradient."""
    model, (source, previous, target, mask) = make_case(seed=2)
    loss = model.loss(source, previous, target, mask)
    model.backward()
    grads = [g.copy() for _, _, g in model.params()]
    target = target.copy()
    target[3, :] = (target[3, :] + 1) % 6
    assert model.loss(source, previous, target, mask) == loss
    model.backward()
    for before, (_, _, after) in zip(grads, model.params()):
        np.testing.assert_array_equal(before, after)


def test_greedy_translation_follows_the_formula():
    model, _ = make_case(seed=3)
    source = np.array([1, 4, 2])
    tokens, probs = model.translate(source, end=0, max_len=5)
    h = np.zeros(4)
    for x in model.E_src[source]:
        h = np.tanh(x @ model.encoder.Wx + h @ model.encoder.Wh + model.encoder.b)
    token = 0
    for written, prob in zip(tokens, probs):
        h = np.tanh(model.E_tgt[token] @ model.decoder.Wx + h @ model.decoder.Wh + model.decoder.b)
        z = h @ model.Wy + model.by
        p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
        assert written == int(np.argmax(p)) and abs(prob - p.max()) < 1e-12
        token = written
    assert len(tokens) == 5 or tokens[-1] == 0


@pytest.mark.parametrize("n, en, fr", [
    (1, "one", "un"), (16, "sixteen", "seize"), (17, "seventeen", "dix-sept"),
    (21, "twenty one", "vingt et un"), (22, "twenty two", "vingt-deux"), (61, "sixty one", "soixante et un"),
    (70, "seventy", "soixante-dix"), (71, "seventy one", "soixante et onze"),
    (77, "seventy seven", "soixante-dix-sept"), (80, "eighty", "quatre-vingts"),
    (81, "eighty one", "quatre-vingt-un"), (90, "ninety", "quatre-vingt-dix"),
    (91, "ninety one", "quatre-vingt-onze"), (99, "ninety nine", "quatre-vingt-dix-neuf"),
])
def test_number_words(n, en, fr):
    assert english(n) == en and french(n) == fr
    source, target = PAIRS[n - 1]
    assert " ".join(source) == en and join_french(target) == fr


def test_vocabularies_cover_every_pair():
    assert len(PAIRS) == 99 and len(set(english(n) for n in range(1, 100))) == 99
    assert FRENCH_VOCAB[0] == END and len(set(FRENCH_VOCAB)) == len(FRENCH_VOCAB)
    for source, target in PAIRS:
        assert all(w in ENGLISH_VOCAB for w in source) and all(w in FRENCH_VOCAB for w in target)

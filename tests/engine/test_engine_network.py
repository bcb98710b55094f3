import json

import numpy as np
import pytest

from engine.network import MLP
from engine_gradcheck import assert_gradients_match, numerical_gradient

rng = np.random.default_rng(2)
X = rng.normal(size=(7, 2)) * 2
TARGETS = {
    "sigmoid": ([2, 5, 4, 1], rng.integers(0, 2, size=7)),
    "softmax": ([2, 5, 3], rng.integers(0, 3, size=7)),
    "linear": ([2, 5, 4, 2], rng.normal(size=(7, 2))),
}


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
@pytest.mark.parametrize("output", list(TARGETS))
def test_backprop_matches_finite_differences(output, activation):
    sizes, y = TARGETS[output]
    net = MLP(sizes, activation=activation, output=output, seed=3)
    for _, value, _ in net.params():
        value += 0.1 * rng.normal(size=value.shape)  # nonzero biases too

    def loss():
        net.forward(X)
        return net.loss(y)[0]

    loss()
    net.backward(net.loss(y)[1])
    for name, value, grad in net.params():
        assert_gradients_match(grad, numerical_gradient(loss, value))


def test_outputs_and_predictions():
    binary = MLP([2, 4, 1], output="sigmoid")
    p = binary.forward(X)
    assert p.shape == (7, 1) and np.all((p > 0) & (p < 1))
    np.testing.assert_array_equal(binary.predict(X), (p[:, 0] >= 0.5).astype(int))

    multi = MLP([2, 4, 3], output="softmax")
    p = multi.forward(X)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_array_equal(multi.predict(X), p.argmax(axis=1))

    regression = MLP([2, 4, 1], output="linear")
    np.testing.assert_array_equal(regression.predict(X), regression.forward(X)[:, 0])
    np.testing.assert_array_equal(regression.forward(X), regression.logits)


def test_hidden_activations_and_parameter_count():
    net = MLP([2, 8, 6, 1])
    hidden = net.hidden_activations(X)
    assert [h.shape for h in hidden] == [(7, 8), (7, 6)]
    assert net.n_params == (2 * 8 + 8) + (8 * 6 + 6) + (6 * 1 + 1)


def test_get_weights_is_a_deep_copy_and_set_weights_restores():
    net = MLP([2, 5, 1])
    saved = net.get_weights()
    before = net.forward(X).copy()
    for _, value, _ in net.params():
        value += 1.0
    assert not np.allclose(net.forward(X), before)
    assert not np.allclose(saved["W1"], net.layers[0].W)
    net.set_weights(saved)
    np.testing.assert_array_equal(net.forward(X), before)
    with pytest.raises(ValueError):
        net.set_weights({**saved, "W1": np.zeros((3, 3))})


def test_to_dict_survives_json():
    net = MLP([2, 5, 3], activation="relu", output="softmax", init="he", seed=7)
    copy = MLP.from_dict(json.loads(json.dumps(net.to_dict())))
    np.testing.assert_array_equal(copy.forward(X), net.forward(X))
    assert (copy.sizes, copy.activation, copy.output) == ([2, 5, 3], "relu", "softmax")


def test_same_seed_same_network_and_unknown_names_are_rejected():
    np.testing.assert_array_equal(MLP([2, 3, 1], seed=5).forward(X), MLP([2, 3, 1], seed=5).forward(X))
    assert not np.allclose(MLP([2, 3, 1], seed=5).forward(X), MLP([2, 3, 1], seed=6).forward(X))
    for bad in [dict(activation="swish"), dict(output="tanh"), dict(init="ones"), dict(output="softmax")]:
        with pytest.raises(ValueError):
            MLP([2, 3, 1], **bad)
    with pytest.raises(ValueError):
        MLP([2, 3, 2], output="sigmoid")


def test_no_hidden_layer_is_a_single_layer_of_neurons():
    net = MLP([2, 1], output="sigmoid")
    assert net.hidden_activations(X) == [] and net.n_params == 3


def test_the_json_serializer_gives_back_every_weight_bit_for_bit():
    net = MLP([2, 5, 4, 3], activation="sigmoid", output="softmax", init="xavier", seed=11)
    net.layers[0].W[0, 0], net.layers[0].b[1], net.layers[1].W[2, 3] = 1 / 3, -1e-300, 123456789.123456789
    text = net.to_json(task="multiclass", epoch=7)
    data = json.loads(text)
    assert (data["task"], data["epoch"], data["sizes"], data["output"]) == ("multiclass", 7, [2, 5, 4, 3], "softmax")
    copy = MLP.from_json(text)
    for (name, ours, _), (_, theirs, _) in zip(net.params(), copy.params()):
        assert np.array_equal(ours, theirs) and ours.tobytes() == theirs.tobytes(), name
    np.testing.assert_array_equal(copy.forward(X), net.forward(X))
    assert (copy.activation, copy.init) == ("sigmoid", "xavier")
    lines = text.splitlines()
    assert len(lines) == 10 + sum(layer.W.shape[0] + 3 for layer in net.layers)  # a line per matrix row

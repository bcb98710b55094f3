"""Transformer block widget: every tensor it draws is recomputed here by hand in PyTorch
from the widget's own weights; layer norm's rows really have mean 0 and variance 1; Step
and taps light the stages in order."""
import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers import assert_text_readable_and_apart, press_every_control
from widgets._transformer_draw import stage_boxes
from widgets.transformer_block import SENTENCES, STAGES, TransformerBlockWidget


def view_after(make, act):
    """A fresh widget from make(), act(widget), then its view, which must be valid JSON."""
    w = make()
    w.view()
    act(w)
    return json.loads(json.dumps(w.view(), allow_nan=False))


def texts(sc):
    return [it["s"] for it in sc["items"] if it["t"] == "text"]


def torch_block(block, X):
    """The block's forward pass written out in torch: attention weights per head, H and out."""
    t = torch.tensor
    x = t(X)
    a = block.attn
    q, k, v = x @ t(a.Wq), x @ t(a.Wk), x @ t(a.Wv)
    dh = 8 // a.n_heads
    weights, heads = [], []
    for h in range(a.n_heads):
        s = slice(h * dh, (h + 1) * dh)
        A = torch.softmax(q[:, s] @ k[:, s].T / dh ** 0.5, dim=-1)
        weights.append(A.numpy())
        heads.append(A @ v[:, s])
    H = F.layer_norm(x + torch.cat(heads, 1) @ t(a.Wo), (8,), eps=1e-5)
    ff = torch.relu(H @ t(block.ff1.W) + t(block.ff1.b)) @ t(block.ff2.W) + t(block.ff2.b)
    return weights, H.numpy(), ff.numpy(), F.layer_norm(H + ff, (8,), eps=1e-5).numpy()


@pytest.mark.parametrize("sentence", list(SENTENCES))
@pytest.mark.parametrize("heads", ["1", "2"])
def test_every_tensor_matches_torch(sentence, heads):
    w = TransformerBlockWidget({"sentence": sentence, "heads": heads})
    tokens, block = w.run()
    assert tokens == SENTENCES[sentence].split()
    weights, H, ff, out = torch_block(block, block.steps["input"])
    for mine, theirs in zip(block.attn.weights, weights):
        np.testing.assert_allclose(mine, theirs, atol=1e-12)
    np.testing.assert_allclose(block.steps["add_norm_1"], H, atol=1e-10)
    np.testing.assert_allclose(block.steps["feed_forward"], ff, atol=1e-10)
    np.testing.assert_allclose(block.steps["add_norm_2"], out, atol=1e-10)


def test_positions_make_the_same_word_differ():
    w = TransformerBlockWidget({"sentence": "cat"})       # "the cat chased the mouse"
    X = w.run()[1].steps["input"]
    assert not np.allclose(X[0], X[3])                     # "the" at place 1 and at place 4


@pytest.mark.parametrize("stage", [2, 4])
def test_layer_norm_rows_shown_have_mean_0_and_variance_1(stage):
    w = TransformerBlockWidget({"stage": stage, "sentence": "time"})
    M = w.run()[1].steps["add_norm_1" if stage == 2 else "add_norm_2"]
    np.testing.assert_allclose(M.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(M.var(axis=1), 1, atol=1e-4)
    shown = texts(w.scene())
    assert shown.count("0.00") >= 5 and shown.count("1.00") >= 5
    assert "mean" in shown and "var" in shown


def test_attention_stage_draws_the_matrix_with_rows_summing_to_1():
    w = TransformerBlockWidget({"stage": 1, "heads": "2", "head": "2"})
    tokens, block = w.run()
    A = block.attn.weights[1]
    shown = texts(w.scene())
    for a in A.ravel():
        assert f"{a:.2f}" in shown
    assert shown.count("1.00") == len(tokens)
    assert "2. Self-attention (head 2 of 2)" in shown
    assert all(tok in shown for tok in tokens)


def test_step_and_tap_light_the_stages():
    w = TransformerBlockWidget()
    w.on_resize(700)
    seen = []
    for _ in range(6):
        seen.append(w.state["stage"])
        w.on_click("step")
    assert seen == [0, 1, 2, 3, 4, 0]
    for width in (700, 390):
        w.on_resize(width)
        for stage, (x0, y0, x1, y1) in stage_boxes(w.lay).items():
            w.on_pointer("down", (x0 + x1) / 2, (y0 + y1) / 2)
            assert w.state["stage"] == stage
            assert f"{stage + 1}. {STAGES[stage]}" in " ".join(texts(w.scene()))


def test_texts_readable_at_desktop_and_phone_widths():
    for width in (700, 390):
        for sentence in SENTENCES:
            for stage in range(5):
                w = TransformerBlockWidget({"sentence": sentence, "stage": stage, "heads": "2"})
                w.on_resize(width)
                assert_text_readable_and_apart(w.scene())


def test_every_control_and_each_event_gives_a_valid_view():
    press_every_control(TransformerBlockWidget())
    for stage in range(5):
        assert view_after(lambda: TransformerBlockWidget({"stage": stage}), lambda w: w.on_click("step"))["scene"]["items"]
    for sentence in SENTENCES:
        assert view_after(TransformerBlockWidget, lambda w: w.on_input("sentence", sentence))["scene"]["items"]
    assert view_after(TransformerBlockWidget, lambda w: w.on_input("heads", "2"))["scene"]["items"]

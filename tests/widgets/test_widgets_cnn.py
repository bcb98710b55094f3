"""Convolution and pooling widgets: every number drawn is the direct computation."""
import numpy as np
import pytest
import torch

from helpers import assert_text_readable_and_apart
from widgets.convolution import KERNELS, M, N, Convolution
from widgets.pooling import Pooling


def texts(scene):
    return [it for it in scene["items"] if it["t"] == "text"]


def image_of(widget):
    return np.array([int(ch) for ch in widget.state["image"]], dtype=float).reshape(N, N)


@pytest.mark.parametrize("kernel", [k for k in KERNELS if k != "custom"])
def test_feature_map_is_the_direct_correlation_and_pytorchs_conv2d(kernel):
    w = Convolution({"kernel": kernel})
    k = np.array(KERNELS[kernel][1], dtype=float).reshape(3, 3)
    image = image_of(w)
    by_hand = np.array([[np.sum(image[i:i + 3, j:j + 3] * k) for j in range(M)] for i in range(M)])
    torch_map = torch.nn.functional.conv2d(torch.tensor(image)[None, None], torch.tensor(k)[None, None])[0, 0]
    np.testing.assert_allclose(w.feature_map(), by_hand, atol=1e-12)
    np.testing.assert_allclose(w.feature_map(), torch_map.numpy(), atol=1e-12)


def test_the_window_shows_its_products_and_their_sum():
    w = Convolution({"kernel": "sharpen", "row": 3, "col": 2})
    window = image_of(w)[3:6, 2:5]
    products = window * np.array(KERNELS["sharpen"][1]).reshape(3, 3)
    shown = [it["s"] for it in texts(w.scene()) if it["s"].startswith("sum = ")]
    assert shown == [f"sum = {products.sum():.2f}".replace("-", "−")]
    assert f"sum of products {products.sum():.2f}".replace("-", "−") in w.status()


def test_drawing_paints_cells_and_a_link_restores_the_drawing_and_the_kernel():
    w = Convolution()
    x0, y0, s = w.lay["img"]
    assert image_of(w)[0, 0] == 0 and image_of(w)[0, 1] == 0
    w.on_pointer("down", x0 + s / 2, y0 + s / 2)          # ink the first cell
    w.on_pointer("move", x0 + 1.5 * s, y0 + s / 2)        # and drag across the next
    w.on_pointer("up", 0, 0)
    assert image_of(w)[0, 0] == 1 and image_of(w)[0, 1] == 1
    w.on_input("k11", 2.5)
    assert w.state["kernel"] == "custom"
    again = Convolution.open({}, w.share())
    assert again.state == w.state and not again.notice


def test_moving_the_window_by_keys_steps_and_drag_on_the_map():
    w = Convolution({"row": 0, "col": 0})
    w.on_key("ArrowRight"), w.on_key("ArrowDown"), w.on_key("ArrowDown")
    assert (w.state["row"], w.state["col"]) == (2, 1)
    for _ in range(M * M):
        w.on_click("step")
    assert (w.state["row"], w.state["col"]) == (2, 1)        # a full sweep comes back
    w.on_key("ArrowUp"), w.on_key("ArrowUp"), w.on_key("ArrowUp")
    assert w.state["row"] == 0                                # and stops at the edge
    x0, y0, s = w.lay["map"]
    w.on_pointer("down", x0 + 5.5 * s, y0 + 4.5 * s)
    assert (w.state["row"], w.state["col"]) == (4, 5)


def test_a_bad_image_in_a_link_is_named_and_the_default_drawn():
    w = Convolution.open({}, {"image": "12" * 50})
    assert "image" in w.notice and set(w.state["image"]) <= {"0", "1"}


@pytest.mark.parametrize("kind,k,stride", [("max", 2, 2), ("average", 2, 2), ("max", 3, 1), ("average", 3, 2), ("max", 2, 3)])
def test_pooled_output_is_the_max_or_mean_of_each_window_and_the_kept_cell_holds_the_max(kind, k, stride):
    w = Pooling({"kind": kind, "k": k, "stride": stride})
    fm = w.feature_map()
    out, kept = w.pooled()
    n = (fm.shape[0] - k) // stride + 1
    assert out.shape == (n, n)
    for i, j in np.ndindex(n, n):
        window = fm[i * stride:i * stride + k, j * stride:j * stride + k]
        assert out[i, j] == pytest.approx(window.max() if kind == "max" else window.mean())
        if kind == "max":
            assert fm[tuple(kept[i, j])] == out[i, j]
    f = torch.nn.functional.max_pool2d if kind == "max" else torch.nn.functional.avg_pool2d
    np.testing.assert_allclose(out, f(torch.tensor(fm)[None, None], k, stride)[0, 0].numpy(), atol=1e-12)


def test_pooling_keeps_the_chosen_cell_inside_a_smaller_output():
    w = Pooling({"k": 2, "stride": 1, "row": 6, "col": 6})
    w.on_input("stride", 3)
    assert w.out_size() == 3 and (w.state["row"], w.state["col"]) == (2, 2)


@pytest.mark.parametrize("width", [390, 800])
def test_texts_are_readable_at_phone_and_laptop_width(width):
    for w in (Convolution(), Pooling({"kind": "average", "k": 2, "stride": 1})):
        w.on_resize(width)
        assert_text_readable_and_apart(w.scene())

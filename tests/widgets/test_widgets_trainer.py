"""The MLP trainer, checked the way a learner meets it: it learns what it claims
to, every control does what it says (and keeps what it says it keeps), the
numbers it shows are the math, and what it exports gives the same answers."""
import json
import math
import re

import numpy as np
import pytest

import bridge
from helpers import press_every_control, scene_items
from trainer.explain import Neuron
from trainer.history import MAX_POINTS, LossHistory
from trainer.setup import PARAMS
from widgets.mlp_trainer import MLPTrainer
from kit.settings import validate

EPOCHS = 300     # the fixed budget within which the default setup must learn


def trained(config=None, epochs=EPOCHS):
    w = MLPTrainer(config or {})
    w.run.train(epochs)
    return w


@pytest.fixture
def steady_clock(monkeypatch):
    """A tick's training budget is wall-clock time; on a busy machine it can run out mid-epoch.
    This clock moves 0.1 ms each time it is read (about one mini-batch), whatever the machine."""
    import itertools
    import trainer.pace
    import trainer.run

    class Ticking:
        reads = itertools.count()

        @classmethod
        def perf_counter(cls):
            return next(cls.reads) * 1e-4
    monkeypatch.setattr(trainer.pace, "time", Ticking)
    monkeypatch.setattr(trainer.run, "time", Ticking)


def accuracy_on_test(w):
    return w.scores()["test"][0]


def weights_of(w):
    return w.run.net.get_weights()


def same_weights(a, b):
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


# -- it learns -----------------------------------------------------------------------

@pytest.mark.parametrize("data", ["circle", "xor"])
def test_the_default_setup_learns_circle_and_xor(data):
    w = MLPTrainer({"data": data})
    assert accuracy_on_test(w) < 0.75                       # not solved before training
    w.run.train(EPOCHS)
    assert accuracy_on_test(w) >= 0.95


@pytest.mark.parametrize("data", ["circle", "xor"])
def test_the_default_network_learns_from_most_starting_weights(data):
    solved = sum(accuracy_on_test(trained({"data": data, "seed": seed})) >= 0.95 for seed in range(1, 11))
    assert solved >= 8


def test_good_features_replace_hidden_layers():
    config = {"data": "circle", "layers": 0, "x1": False, "x2": False, "x1sq": True, "x2sq": True}
    w = trained(config)
    assert w.run.net.sizes == [2, 1]
    assert accuracy_on_test(w) >= 0.95
    assert accuracy_on_test(trained({"data": "circle", "layers": 0})) < 0.75    # x1, x2 alone: one straight cut


def test_three_classes_use_softmax_and_a_three_by_three_table():
    w = trained({"data": "gauss3"}, 100)
    p = w.run.net.forward(w.run.F_test)
    assert w.run.output == "softmax" and p.shape[1] == 3
    assert np.allclose(p.sum(axis=1), 1.0)
    accuracy, confusion = w.scores()["test"]
    assert confusion.shape == (3, 3) and accuracy >= 0.9


def test_regression_trains_a_linear_output_on_squared_error():
    w = MLPTrainer({"data": "plane"})
    before = w.run.losses()[1]
    w.run.train(100)
    assert w.run.output == "linear" and w.scores() == {"train": None, "test": None}
    assert w.run.losses()[1] < 0.2 * before
    w.on_input("loss", "ce")                              # there is no cross-entropy for values
    assert w.run.hyper["loss"] == "mse"
    assert "Mean squared error" in [it["s"] for it in w.scene()["items"] if it["t"] == "text"]


# -- controls ------------------------------------------------------------------------

def test_reset_returns_to_the_same_initial_weights_and_new_seed_draws_others():
    w = MLPTrainer()
    start = weights_of(w)
    w.on_click("step")
    w.run.train(20)
    assert not same_weights(weights_of(w), start)
    w.on_click("reset")
    assert w.run.epoch == 0 and same_weights(weights_of(w), start)
    assert same_weights(weights_of(MLPTrainer()), start)          # a fresh page starts there too
    old_seed = w.state["seed"]
    w.on_click("new_seed")
    assert w.state["seed"] != old_seed and not same_weights(weights_of(w), start)
    assert w.share()["seed"] == str(w.state["seed"])               # the link carries the new seed


@pytest.mark.parametrize("control, value, check", [
    ("lr", "0.1", lambda run: run.optimizer.lr == 0.1),
    ("opt", "adam", lambda run: type(run.optimizer).__name__ == "Adam"),
    ("batch", 25, lambda run: run.hyper["batch"] == 25),
    ("reg", "l2", lambda run: run.hyper["reg"] == "l2"),
    ("rate", "0.03", lambda run: run.hyper["rate"] == 0.03),
    ("loss", "mse", lambda run: run.hyper["loss"] == "mse"),
])
def test_training_settings_apply_without_a_reset(control, value, check):
    w = MLPTrainer()
    w.run.train(5)
    before, run = weights_of(w), w.run
    w.on_input(control, value)
    assert w.run is run and w.run.epoch == 5 and same_weights(weights_of(w), before)
    assert check(w.run)
    assert "weights kept" in w.status()
    w.run.train(1)
    assert w.run.epoch == 6


def test_the_new_learning_rate_is_the_one_the_next_epoch_uses():
    w, twin = MLPTrainer({"opt": "sgd"}), MLPTrainer({"opt": "sgd", "lr": 0.3})
    w.on_input("lr", "0.3")
    w.run.train(3)
    twin.run.train(3)
    assert same_weights(weights_of(w), weights_of(twin))


def test_hidden_layers_are_added_and_removed_from_the_layer_choices():
    w = MLPTrainer()
    assert w.run.net.sizes == [2, 4, 2, 1]
    w.on_input("n4", "5")                                  # layer 4 on: layer 3 appears too
    assert w.run.net.sizes == [2, 4, 2, 5, 5, 1]
    w.on_input("n6", "8")
    assert w.run.net.sizes == [2, 4, 2, 5, 5, 8, 8, 1]
    w.on_input("n2", "0")                                  # off: it and every layer after it go
    assert w.run.net.sizes == [2, 4, 1]
    w.on_input("x1x2", True)
    assert w.run.net.sizes == [3, 4, 1] and w.run.feature_keys == ["x1", "x2", "x1x2"]


def test_the_last_input_cannot_be_switched_off():
    w = MLPTrainer({"x2": False})
    w.on_input("x1", False)
    assert w.run.feature_keys == ["x1"] and "at least one input" in w.status()


def test_speed_one_trains_one_epoch_per_second(steady_clock):
    w = MLPTrainer({"speed": 1})
    w.on_click("play")
    for _ in range(60):
        w.tick(1 / 30)                                     # two seconds of frames
    assert w.run.epoch == 2
    assert w.playing and w.animating


def test_play_trains_until_paused(steady_clock):
    w = MLPTrainer()
    w.on_click("play")
    for _ in range(5):
        w.tick(1 / 30)
    epochs = w.run.epoch
    assert epochs > 5
    w.on_click("play")                                     # Pause
    w.tick(1 / 30)
    assert w.run.epoch == epochs and not w.animating


# -- divergence ----------------------------------------------------------------------

def test_a_huge_learning_rate_is_caught_explained_and_undone_in_one_click():
    w = MLPTrainer()
    w.run.train(30)
    healthy = w.run.losses()[0]
    w.on_input("lr", "10")
    w.on_click("play")
    for _ in range(40):
        w.tick(1 / 30)
        json.dumps(w.view(), allow_nan=False)            # never a NaN on the way to the page
    assert w.run.problem and not w.playing and not w.animating
    assert "learning rate" in w.status().lower() and "Restore" in w.status()
    stuck = w.run.epoch
    w.on_click("play")
    w.on_click("step")
    assert w.run.epoch == stuck                          # nothing trains a diverged run
    good_epoch, good_weights = w.run.good
    w.on_click("restore")
    assert w.run.problem is None and w.run.epoch == good_epoch
    assert same_weights(weights_of(w), good_weights)
    assert w.run.losses()[0] <= 1.2 * w.run.reference
    assert f"epoch {good_epoch}" in w.status()
    assert healthy < w.run.reference                     # (the setup did learn before the blow-up)


# -- the learner's own points --------------------------------------------------------

def plot_point(w, x1, x2):
    """Scene coordinates of the data point (x1, x2) on the plot."""
    box = w.layout.plot
    return box.x + (x1 + 6) / 12 * box.w, box.y + (6 - x2) / 12 * box.h


def test_clicked_points_join_the_training_data_and_the_weights_stay():
    w = MLPTrainer()
    w.run.train(10)
    before, n_train = weights_of(w), len(w.run.y_train)
    w.on_input("click", "1")
    w.on_pointer("down", *plot_point(w, 3.0, -2.0))
    assert len(w.run.y_train) == n_train + 1 and w.run.y_train[-1] == 1
    assert np.allclose(w.run.data.train[0][-1], [3.0, -2.0], atol=0.01)
    assert same_weights(weights_of(w), before) and w.run.epoch == 10
    w.on_click("clear_points")
    assert len(w.run.y_train) == n_train and w.run.epoch == 10


def test_a_pasted_csv_loads_and_each_bad_row_is_named_by_its_line():
    w = MLPTrainer({"data": "csv"})
    text = "x1,x2,label\n1,2,0\n-1,-2,1\nbanana,3,1\n4,4\n2,-3,1\n0,1,7\n-4,2,0\n"
    w.on_input("csv", text)
    assert len(w.run.data.X) == 4
    for line in (4, 5, 7):
        assert f"line {line}" in w.notice
    assert "Loaded 4 points" in w.status()


def test_a_csv_with_no_usable_row_keeps_the_data_there_was():
    w = MLPTrainer({"data": "csv"})
    kept = w.run.data.X.copy()
    w.on_input("csv", "a,b,c\nnot,a,number\n")
    assert np.array_equal(w.run.data.X, kept)
    assert "previous data is kept" in w.notice


def test_three_labels_in_a_csv_make_a_three_class_problem_and_decimals_a_regression():
    w = MLPTrainer({"data": "csv"})
    w.on_input("csv", "0,0,0\n1,1,1\n2,2,2\n3,3,0\n")
    assert w.run.output == "softmax"
    w.on_input("csv", "0,0,0.5\n1,1,1.5\n2,2,-0.25\n")
    assert w.run.output == "linear"


# -- what is shown is the math -------------------------------------------------------

def test_a_neurons_formula_carries_its_real_numbers():
    w = MLPTrainer()
    w.run.train(20)
    w.on_pointer("down", *plot_point(w, 1.5, -2.5))      # the probe: where formulas are computed
    columns = w.geometry()[0]
    w.on_pointer("down", *columns[1].center(2))           # layer 1, neuron 3
    title, formula = w.readout_text(w.target())
    assert title.startswith("Layer 1, neuron 3 at the point (1.50, −2.50)")
    layer = w.run.net.layers[0]
    z = 1.5 * layer.W[0, 2] - 2.5 * layer.W[1, 2] + layer.b[2]
    numbers = [float(s.replace("−", "-")) for s in re.findall(r"−?\d+\.\d+", formula)]
    assert numbers[-1] == pytest.approx(math.tanh(z), abs=0.005)
    assert numbers[-2] == pytest.approx(z, abs=0.005)
    written_sum = formula.split(" = ")[0].removeprefix("tanh(").removesuffix(")")
    assert eval(written_sum.replace("−", "-").replace("·", "*")) == pytest.approx(z, abs=0.02)
    assert written_sum.count("·") == 2 and "1.50" in written_sum and "(−2.50)" in written_sum
    readout = " ".join(it["s"] for it in w.scene()["items"] if it["t"] == "text" and it["font"] == "mono")
    assert f"= {formula.split(' = ')[-1]}" in readout


def test_the_keyboard_walks_the_neurons():
    w = MLPTrainer()
    w.on_key("ArrowRight")
    assert w.pointing.focus == Neuron(1, 0)
    w.on_key("ArrowDown")
    w.on_key("ArrowRight")
    assert w.pointing.focus == Neuron(2, 1)
    assert w.status().startswith("Layer 2, neuron 2")
    w.on_key("Escape")
    assert w.pointing.focus is None


def test_accuracy_and_confusion_tables_count_every_point():
    w = trained({"data": "xor", "noise": 30}, 40)
    for part, F, y in (("train", w.run.F_train, w.run.y_train), ("test", w.run.F_test, w.run.y_test)):
        accuracy, confusion = w.scores()[part]
        assert confusion.sum() == len(y)
        predicted = (w.run.net.forward(F)[:, 0] >= 0.5).astype(int)
        assert accuracy == pytest.approx(np.mean(predicted == y))
        assert confusion[1, 0] == np.sum((y == 1) & (predicted == 0))
    shown = " ".join(it["s"] for it in w.scene()["items"] if it["t"] == "text")
    assert f"test {100 * w.scores()['test'][0]:.1f}%" in shown


def test_the_loss_curve_stays_small_however_long_training_runs():
    history = LossHistory()
    for epoch in range(100_000):
        if history.due(epoch):
            history.add(epoch, 1.0 / (epoch + 1), 1.0)
    assert MAX_POINTS // 2 <= len(history.points) <= MAX_POINTS
    assert history.points[0][0] == 0 and history.points[-1][0] > 99_000


def scene_extent(item):
    """(left, right) of a scene item; text measured generously."""
    t = item["t"]
    if t == "text":
        width = len(item["s"]) * item["size"] * (0.61 if item["font"] == "mono" else 0.58)
        x = item["x"]
        return {"start": (x, x + width), "end": (x - width, x)}.get(item["anchor"], (x - width / 2, x + width / 2))
    if t in ("rect", "image"):
        return item["x"], item["x"] + item["w"]
    if t == "circle":
        return item["x"] - item["r"], item["x"] + item["r"]
    if t == "line":
        return min(item["x1"], item["x2"]), max(item["x1"], item["x2"])
    if t == "segments":
        return min(item["xy"][0::2]), max(item["xy"][0::2])
    xs = [p[0] for p in item["pts"]]
    return min(xs), max(xs)


@pytest.mark.parametrize("width", [330, 375, 560, 700, 1000])
@pytest.mark.parametrize("data", ["circle", "gauss3", "plane"])
def test_everything_drawn_fits_the_width_of_a_phone_or_a_laptop(width, data):
    w = MLPTrainer({"data": data, "layers": 6})
    w.on_resize(width)
    w.on_key("ArrowRight")
    scene = w.scene()
    assert scene["w"] <= width
    outside = [(it.get("s", it["t"]), scene_extent(it)) for it in scene_items(scene)
               if scene_extent(it)[0] < -1 or scene_extent(it)[1] > scene["w"] + 1]
    assert outside == []


# -- export --------------------------------------------------------------------------

@pytest.mark.parametrize("config", [
    {"data": "circle", "x1sq": True, "sin1": True},
    {"data": "gauss3", "act": "relu", "layers": 3},
    {"data": "wave", "act": "sigmoid", "x1x2": True, "sin2": True, "x2sq": True},
])
def test_the_exported_pytorch_code_gives_the_trainers_predictions(config):
    torch = pytest.importorskip("torch")
    w = trained(config, 15)
    w.on_click("export")
    code = w.exported.pytorch
    assert w.exported.epoch == 15
    namespace = {"__name__": "exported"}
    exec(compile(code, "network.py", "exec"), namespace)
    points = np.random.default_rng(0).uniform(-6, 6, size=(200, 2))
    theirs = namespace["predict"](points).numpy()
    ours = w.run.net.forward(w.run.features_of(points))
    assert isinstance(namespace["model"], torch.nn.Module)
    assert np.allclose(theirs, ours, rtol=0, atol=1e-12)


def test_the_exported_json_holds_the_network_exactly():
    w = trained({"data": "xor", "layers": 3}, 10)
    w.on_click("export")
    exported = json.loads(w.exported.json)
    assert exported["sizes"] == w.run.net.sizes and exported["epoch"] == 10
    assert exported["features"] == ["x1", "x2"]
    for name, value in weights_of(w).items():
        assert np.array_equal(np.array(exported["weights"][name]), value)
    texts = [c for c in w.controls() if c["kind"] == "code"]
    assert [c["filename"] for c in texts] == ["network.json", "network.py"]


# -- the setup as a link -------------------------------------------------------------

def test_a_shared_link_restores_the_same_setup_and_starting_weights():
    w = MLPTrainer()
    for control, value in (("data", "spiral"), ("noise", 20), ("n3", "6"), ("act", "relu"), ("lr", "0.1"),
                           ("x1sq", True), ("opt", "momentum"), ("reg", "l1"), ("speed", 3)):
        w.on_input(control, value)
    w.on_click("new_seed")
    link = {key: str(value).lower() if isinstance(value, bool) else str(value) for key, value in w.share().items()}
    view = json.loads(bridge.create("shared", "mlp-trainer", "{}", False, json.dumps(link)))
    restored = bridge._live["shared"]
    assert view["notice"] == "" and restored.state == w.state
    assert same_weights(weights_of(restored), weights_of(w))
    assert np.array_equal(restored.run.data.X, w.run.data.X)


def test_a_malformed_link_says_what_it_ignored_and_starts_from_defaults():
    bad = {"layers": "9", "lr": "fast", "data": "moons", "n1": "<img src=x onerror=alert(1)>", "bogus": "1"}
    view = json.loads(bridge.create("bad", "mlp-trainer", "{}", False, json.dumps(bad)))
    w = bridge._live["bad"]
    defaults, _ = validate(PARAMS, {})
    assert w.state == defaults and w.run.net.sizes == [2, 4, 2, 1]
    for key in ("'layers'", "'lr'", "'data'", "'n1'", "'bogus'"):
        assert key in view["notice"]
    assert view["status"].startswith("Epoch 0")


def test_the_build_snapshot_draws_every_control_the_trainer_can_show():
    from buildlib.snapshot import controls_html, scene_svg
    w = MLPTrainer({"data": "csv"})
    w.on_click("export")
    html = controls_html("t", w.controls())
    assert '<textarea id="t-csv"' in html and "x1,x2,label" in html
    assert "import torch" in html
    assert scene_svg(w.scene()).startswith("<svg")


@pytest.mark.parametrize("width", [330, 375, 560, 640, 700, 820, 1000])
@pytest.mark.parametrize("data", ["circle", "gauss3", "plane"])
def test_the_longest_formula_fits_its_box(width, data):
    from trainer.explain import wrap
    w = MLPTrainer({"data": data, "layers": 6, **{f"n{k}": 8 for k in range(1, 7)},
                    **{key: True for key in ("x1sq", "x2sq", "x1x2", "sin1", "sin2")}})
    w.run.train(2)
    w.on_resize(width)
    w.on_pointer("down", *plot_point(w, -5.55, -5.55))           # long coordinates
    lay, columns = w.layout, w.geometry()[0]
    for c, column in enumerate(columns):
        for r in range(column.rows):
            title, body = w.readout_text(Neuron(c, r))
            lines = len(wrap(title, lay.title_chars)) + len(wrap(body, lay.readout_chars))
            assert lines <= lay.readout_lines, (c, r, title, body)


def test_every_control_is_accepted_in_every_state():
    fresh, csv, diverged, exported = (MLPTrainer(), MLPTrainer({"data": "csv"}),
                                      MLPTrainer({"lr": 10.0, "data": "spiral"}), MLPTrainer({"data": "wave"}))
    diverged.run.train(20)
    exported.on_click("export")
    assert diverged.run.problem and exported.exported
    for w in (fresh, csv, diverged, exported):
        press_every_control(w)
        w.on_click("play")
        for _ in range(3):
            w.tick(1 / 30)
        json.dumps(w.view(), allow_nan=False)


def test_a_huge_csv_or_a_click_storm_is_capped_with_a_message():
    from trainer.data import MAX_ADDED, MAX_CSV_POINTS
    w = MLPTrainer({"data": "csv"})
    rows = "".join(f"{i % 12 - 6},{i % 7 - 3},{i % 2}\n" for i in range(MAX_CSV_POINTS + 500))
    w.on_input("csv", rows)
    assert len(w.run.data.X) == MAX_CSV_POINTS and "500 more were left out" in w.notice
    w = MLPTrainer()
    w.on_input("click", "0")
    for _ in range(MAX_ADDED + 5):
        w.on_pointer("down", *plot_point(w, 1.0, 1.0))
    assert w.run.data.n_added == MAX_ADDED and "Remove your points" in w.status()


def test_epochs_sliced_over_many_frames_train_exactly_like_the_engines_train_epoch():
    from engine import make_optimizer, train_epoch
    w = MLPTrainer({"batch": 7})
    run = w.run
    twin = type(run.net).from_dict(run.net.to_dict())
    optimizer = make_optimizer("sgd", run.hyper["lr"])
    order_rng = np.random.default_rng(np.random.SeedSequence(w.state["seed"]).spawn(2)[1])   # as Run does
    for _ in range(3):
        train_epoch(twin, run.F_train, run.y_train, optimizer, 7, order_rng)
    done = calls = 0
    while done < 3:
        done += run.train(3 - done, deadline=0.0)     # a deadline already past: one mini-batch per call
        calls += 1
    assert calls == 3 * math.ceil(len(run.y_train) / 7)
    assert run.epoch == 3 and same_weights(run.net.get_weights(), twin.get_weights())


def test_a_slow_epoch_is_spread_over_frames_at_any_speed():
    w = MLPTrainer({"data": "csv", "batch": 1})
    w.on_input("csv", "".join(f"{i % 12 - 6},{(i * 7) % 12 - 6},{i % 2}\n" for i in range(2000)))
    w.on_click("play")
    w.tick(1 / 30)
    assert w.run.mid_epoch and w.run.epoch == 0            # a frame trains part of an epoch
    w.on_input("speed", 1)                                 # one epoch per second: it still carries on
    frames, paused_inside = 0, 0
    while w.run.epoch == 0 and frames < 120:
        w.tick(1 / 30)
        frames += 1
        paused_inside += w.run.mid_epoch
    assert w.run.epoch == 1 and paused_inside >= 1
    w.on_click("play")                                     # Pause
    w.run.train(1, deadline=0.0)                           # (one mini-batch into the next epoch)
    w.on_click("step")                                     # Step finishes the epoch under way
    assert w.run.epoch == 2 and not w.run.mid_epoch


def test_a_big_network_draws_a_coarser_heatmap_only_while_it_trains():
    def heat_and_thumbs(w):
        images = [it for it in w.scene()["items"] if it["t"] == "image"]
        return images[0]["cols"], {it["cols"] for it in images[1:]}
    small, big = MLPTrainer({"layers": 2, "n1": 8, "n2": 8}), MLPTrainer({"layers": 4, **{f"n{k}": 8 for k in range(1, 5)}})
    for w, playing_grid in ((small, 100), (big, 50)):
        w.on_resize(900)
        assert heat_and_thumbs(w) == (100, {25})
        w.on_click("play")
        w.tick(1 / 30)
        assert heat_and_thumbs(w) == (playing_grid, {25})   # neuron pictures keep their size
        w.on_click("play")
        assert heat_and_thumbs(w)[0] == 100                  # paused: the full picture again


@pytest.mark.parametrize("width", [330, 375, 390, 1000])
@pytest.mark.parametrize("layers", [4, 6])
def test_the_diagrams_column_names_stand_apart(width, layers):
    from helpers import assert_text_readable_and_apart
    w = MLPTrainer({"layers": layers, **{f"n{k}": 8 for k in range(1, layers + 1)}})
    w.on_resize(width)
    scene = w.scene()
    names = {"Inputs", "Output", "Out", *(f"L{k}" for k in range(1, 7)), *(f"Layer {k}" for k in range(1, 7))}
    labels = [it for it in scene_items(scene) if it["t"] == "text" and it["s"] in names]
    assert len(labels) == layers + 2
    assert_text_readable_and_apart({**scene, "items": labels})


@pytest.mark.parametrize("act, data", [("tanh", "circle"), ("relu", "gauss3"), ("sigmoid", "plane")])
def test_the_pictures_show_the_networks_own_outputs(act, data):
    from trainer import picture
    w = trained({"data": data, "act": act, "layers": 2, "n1": 5, "n2": 3}, epochs=20)
    grid = picture.Grid(40, w.run.features)
    out, hidden = picture.forward(w.run, grid)                   # (a tanh good to 8e-5, for pixels)
    exact = w.run.net.forward(grid.F)
    assert np.allclose(out, exact, rtol=0, atol=1e-3)            # finer than one of 256 colors
    if w.run.output == "sigmoid":
        assert np.abs(picture.levels(2 * out - 1).astype(int) - picture.levels(2 * exact - 1)).max() <= 1
    assert [h.shape[0] for h in hidden] == [5, 3]                 # (units, points)
    for h, layer in zip(hidden, w.run.net.layers):
        assert np.allclose(h.T, layer.A, rtol=0, atol=1e-3 if act == "tanh" else 1e-12)


def test_the_pictures_tanh_is_within_1e_4_of_tanh():
    from trainer import picture
    z = np.concatenate([np.linspace(-30, 30, 200_001), [0.0, -0.0, np.inf, -np.inf]])
    approx = picture.picture_tanh(z.copy())
    assert np.abs(approx - np.tanh(z)).max() < 1e-4 and approx[-4] == 0 and np.all(np.abs(approx) <= 1)


def test_the_trainer_runs_the_engines_own_epoch_loop(monkeypatch):
    from engine import train as engine_train
    steps = []
    original = engine_train.Epoch.step
    monkeypatch.setattr(engine_train.Epoch, "step",
                        lambda self, *args, **options: steps.append(1) or original(self, *args, **options))
    w = MLPTrainer({"batch": 7})
    w.on_click("step")
    assert w.run.epoch == 1 and len(steps) == math.ceil(len(w.run.y_train) / 7)
    engine_train.train_epoch(w.run.net, w.run.F_train, w.run.y_train, w.run.optimizer, 7, np.random.default_rng(0))
    assert len(steps) == 2 * math.ceil(len(w.run.y_train) / 7)


# -- momentum β -----------------------------------------------------------------------

@pytest.mark.parametrize("opt, attribute, label", [("momentum", "momentum", "Momentum β"),
                                                   ("adam", "beta1", "Adam's β₁")])
def test_the_momentum_beta_applies_between_epochs_and_keeps_weights_and_velocity(opt, attribute, label):
    w = MLPTrainer({"opt": opt})
    w.run.train(5)
    run, before = w.run, weights_of(w)
    memory = {k: v.copy() for k, v in (run.optimizer.velocity if opt == "momentum" else run.optimizer.m).items()}
    assert getattr(run.optimizer, attribute) == 0.9                     # the default, as in PyTorch
    w.on_input("beta", 0.5)
    assert w.run is run and run.epoch == 5 and same_weights(weights_of(w), before)
    assert getattr(run.optimizer, attribute) == 0.5
    kept = run.optimizer.velocity if opt == "momentum" else run.optimizer.m
    assert all(np.array_equal(kept[k], memory[k]) for k in memory)      # what it remembers stays
    assert w.status() == f"{label} is now 0.50: applied from the next epoch, weights kept."
    assert w.share()["beta"] == "0.5"


def test_the_new_beta_is_the_one_the_next_epoch_uses():
    w, twin = MLPTrainer({"opt": "momentum"}), MLPTrainer({"opt": "momentum", "beta": 0.3})
    w.on_input("beta", "0.3")
    w.run.train(3)
    twin.run.train(3)
    assert same_weights(weights_of(w), weights_of(twin))
    other = MLPTrainer({"opt": "momentum"})
    other.run.train(3)
    assert not same_weights(weights_of(w), weights_of(other))


def test_the_beta_control_is_shown_for_momentum_and_adam_only():
    def beta_control(w):
        return next((c for c in w.controls() if c["id"] == "beta"), None)
    w = MLPTrainer()
    assert beta_control(w) is None
    w.on_input("opt", "momentum")
    control = beta_control(w)
    assert (control["kind"], control["label"], control["value"], control["min"], control["max"]) == \
        ("slider", "Momentum β", 0.9, 0.0, 0.99)
    w.on_input("opt", "adam")
    assert beta_control(w)["label"] == "Adam's β₁"
    w.on_input("beta", 1.5)                                            # a slider cannot go past its end
    assert w.state["beta"] == 0.99 and w.run.optimizer.beta1 == 0.99


def torch_mlp_run(torch, initial, sizes, batches, lr, betas):
    """An independent PyTorch run: tanh hidden layers, a sigmoid output on cross-entropy,
    SGD with momentum; betas[e] is the momentum during epoch e (changed between epochs)."""
    params = [torch.tensor(initial[f"{kind}{i}"], requires_grad=True)
              for i in range(1, len(sizes)) for kind in ("W", "b")]
    optimizer = torch.optim.SGD(params, lr=lr, momentum=betas[0])
    for epoch, epoch_batches in enumerate(batches):
        optimizer.param_groups[0]["momentum"] = betas[epoch]
        for X, y in epoch_batches:
            A = torch.tensor(X)
            for i in range(0, len(params) - 2, 2):
                A = torch.tanh(A @ params[i] + params[i + 1])
            loss = torch.nn.BCEWithLogitsLoss()(A @ params[-2] + params[-1], torch.tensor(y, dtype=torch.float64)[:, None])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return [p.detach().numpy() for p in params]


def test_a_run_with_momentum_and_a_live_beta_trains_exactly_like_pytorch():
    torch = pytest.importorskip("torch")
    w = MLPTrainer({"opt": "momentum", "beta": 0.6, "lr": 0.1, "batch": 7})
    run, initial = w.run, weights_of(w)
    order_rng = np.random.default_rng(np.random.SeedSequence(w.state["seed"]).spawn(2)[1])   # as Run does
    batches = []
    for _ in range(2):
        order = order_rng.permutation(len(run.y_train))
        batches.append([(run.F_train[order[k:k + 7]], run.y_train[order[k:k + 7]]) for k in range(0, len(order), 7)])
    w.run.train(1)
    w.on_input("beta", 0.2)
    w.run.train(1)
    theirs = torch_mlp_run(torch, initial, run.net.sizes, batches, 0.1, [0.6, 0.2])
    ours = [value for _, value, _ in run.net.params()]
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-10)
    assert not same_weights(weights_of(w), initial)


@pytest.mark.parametrize("config", [
    {"data": "circle", "opt": "momentum", "beta": 0.7, "lr": 0.1, "reg": "l2", "rate": 0.01},
    {"data": "gauss3", "opt": "adam", "beta": 0.8, "lr": 0.01, "loss": "mse", "x1x2": True},
    {"data": "plane", "opt": "sgd", "lr": 0.03, "reg": "l1", "rate": 0.003, "act": "relu"},
])
def test_the_exported_pytorch_code_trains_on_like_the_trainer(config):
    torch = pytest.importorskip("torch")
    w = MLPTrainer({**config, "batch": 9})
    w.on_click("export")
    code = w.exported.pytorch
    if config["opt"] == "momentum":
        assert "momentum=0.7" in code
    if config["opt"] == "adam":
        assert "betas=(0.8, 0.999)" in code
    namespace = {"__name__": "exported"}
    exec(compile(code, "network.py", "exec"), namespace)
    run = w.run
    X, y = run.data.train
    order = np.random.default_rng(np.random.SeedSequence(w.state["seed"]).spawn(2)[1]).permutation(len(y))
    for k in range(0, len(order), 9):
        namespace["train_step"](X[order[k:k + 9]], y[order[k:k + 9]])
    run.train(1)
    linears = [m for m in namespace["model"] if isinstance(m, torch.nn.Linear)]
    for layer, linear in zip(run.net.layers, linears):
        np.testing.assert_allclose(linear.weight.detach().numpy().T, layer.W, rtol=0, atol=1e-9)
        np.testing.assert_allclose(linear.bias.detach().numpy(), layer.b, rtol=0, atol=1e-9)


# -- declared settings: links, rates, hide ---------------------------------------------

def test_the_rates_are_always_one_of_playgrounds_values():
    assert MLPTrainer({"lr": 0.05}).state["lr"] == 0.03                 # the nearest, on a log scale
    assert MLPTrainer({"rate": 0.0}).state["rate"] == 0.0
    w = MLPTrainer.open({}, {"lr": "0.2"})
    assert w.state["lr"] == 0.3 and w.notice == ""
    w.on_input("lr", "0.00002")
    assert w.state["lr"] == 0.00001 and w.run.optimizer.lr == 0.00001
    control = next(c for c in w.controls() if c["id"] == "lr")
    assert control["kind"] == "choice" and control["value"] == "0.00001" and ["10", "10"] in control["options"]


def test_the_link_holds_exactly_what_the_learner_changed():
    w = MLPTrainer({"data": "xor"}, lesson={"data": "xor"})
    assert w.share() == {}
    w.on_input("noise", 22)                                             # the slider's steps are 5
    w.on_input("n1", "6")
    w.on_input("opt", "momentum")
    w.on_input("beta", 0.5)
    assert w.share() == {"noise": "20", "n1": "6", "opt": "momentum", "beta": "0.5"}
    restored = MLPTrainer.open({"data": "xor"}, w.share())
    assert restored.state == w.state and same_weights(weights_of(restored), weights_of(w))


def test_an_embed_can_hide_any_trainer_control_even_one_not_shown_yet():
    w = MLPTrainer.open({}, {"hide": "csv,beta,lr,export_torch,data,new_data,noise,split,click,clear_points"})
    assert w.notice == ""
    ids = [c["id"] for c in w.view()["controls"]]
    assert "lr" not in ids and "opt" in ids and "group-data" not in ids   # no heading left alone
    w.on_input("opt", "momentum")
    w.state["data"] = "csv"
    w.rebuild(data=True)
    assert not {"beta", "csv", "lr"} & {c["id"] for c in w.view()["controls"]}
    bad = MLPTrainer.open({}, {"hide": "lr,warp"})
    assert "'hide' names no control warp" in bad.notice and "beta" in bad.notice


def test_the_python_button_shows_the_backward_pass_and_the_update_rules():
    import importlib
    import inspect
    sources = {}
    for dotted in MLPTrainer.code:
        parts = dotted.split(".")
        for split_at in range(len(parts) - 1, 0, -1):               # the longest importable module
            try:
                obj = importlib.import_module(".".join(parts[:split_at]))
                break
            except ImportError:
                continue
        for attribute in parts[split_at:]:
            obj = getattr(obj, attribute)
        sources[dotted] = inspect.getsource(obj)
    shown = "\n".join(sources.values())
    assert shown.count("dz = p - target") == 1 and shown.count("dz = p - y") == 1
    for line in ("def backward(self, dlogits)", "delta = dA * self.act_prime(self.Z, self.A)",
                 "p -= self.lr * v", "m_hat = m / (1 - self.beta1**self.t)", "class Epoch"):
        assert line in shown
    for dotted, marked in MLPTrainer.code_highlight.items():             # the lines the button marks
        assert marked in sources[dotted]


def test_a_palette_picture_has_the_colors_of_its_indices():
    import base64
    from buildlib.snapshot import image_rgba
    from kit.scene import image
    from trainer import picture
    v = np.concatenate([np.linspace(-1.5, 1.5, 397), [np.nan, np.inf, -np.inf]]).reshape(20, 20)
    item = image(0, 0, 20, 20, picture.encode(picture.levels(v)), 20, 20, picture.HEAT_PALETTE)
    assert len(base64.b64decode(item["data"])) == 400                      # a byte a pixel
    rgba = np.frombuffer(image_rgba(item), dtype=np.uint8).reshape(20, 20, 4)
    assert np.array_equal(rgba, picture.HEAT_LUT[picture.levels(v)])
    assert rgba[0, 0, 3] > 0 and rgba[-1, -3, 3] == 0 and tuple(rgba[-1, -1, :3]) == picture.ORANGE  # NaN clear, -inf orange


def test_scores_are_of_the_current_weights_paused_and_at_most_a_tenth_of_a_second_old_training(monkeypatch):
    import types
    from widgets import mlp_trainer
    clock = types.SimpleNamespace(now=100.0)
    monkeypatch.setattr(mlp_trainer, "time", types.SimpleNamespace(perf_counter=lambda: clock.now))
    w = MLPTrainer({"data": "xor"})
    w.on_click("play")
    first = w.scores()
    w.run.train(3)
    clock.now += 0.05
    assert w.scores() is first                                     # training: the last tenth's scores
    clock.now += 0.06
    assert w.scores() is not first and same(w.scores(), w.run.scores())   # then anew
    w.on_click("play")                                             # paused
    w.run.train(2)
    assert same(w.scores(), w.run.scores())                        # always the weights shown


def same(scores, others):
    return all(scores[p].accuracy == others[p].accuracy and np.array_equal(scores[p].confusion, others[p].confusion)
               for p in ("train", "test"))

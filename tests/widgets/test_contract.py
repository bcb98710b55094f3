"""The contract every widget keeps, checked for each widget in registry() (a new
widget is covered by adding its file): it starts from its defaults and from random
valid settings, its views are JSON, every control is accepted in several states,
its snapshot renders, its link restores what the learner set, a bad link value or
a bad `hide` gives a notice, and `hide` removes a control."""
import itertools
import json

import numpy as np
import pytest

from buildlib.snapshot import controls_html, scene_svg
from helpers import ROOT, press_every_control
from kit.theme import THEME, css_variables
from widgets import registry

WIDGETS = registry()
HEAVY = {"mlp-trainer"}   # a live trainer: fewer states, so the whole file stays fast


def random_value(s, rng):
    """A valid value for setting s, drawn from its declaration."""
    if s.kind == "bool":
        return bool(rng.integers(2))
    if s.kind == "choice":
        return s.choices[int(rng.integers(len(s.choices)))]
    if s.kind == "floats":
        return [float(v) for v in rng.uniform(s.lo, s.hi, s.length)]
    if s.kind in ("float", "int") and s.lo is not None:
        return int(rng.integers(s.lo, s.hi + 1)) if s.kind == "int" else float(rng.uniform(s.lo, s.hi))
    return s.default


def random_config(cls, seed):
    rng = np.random.default_rng(seed)
    return {s.name: random_value(s, rng) for s in cls.settings}


def settle(w, ticks=3):
    """Let an animation run out (a training widget may only pause: that is fine)."""
    for _ in range(ticks):
        if not w.animating:
            break
        w.tick(0.1)


def example_states(cls):
    """A few states of the widget as a page reaches them: its defaults, random settings,
    a phone's width, and after its buttons (mid-animation)."""
    yield cls()
    for seed in ((0,) if cls.name in HEAVY else (0, 1)):
        yield cls(random_config(cls, seed))
    if cls.name in HEAVY:
        return
    w = cls()
    w.on_resize(375)
    yield w
    w = cls()
    for c in w.controls():
        if c["kind"] == "button" and not c.get("disabled"):
            w.on_click(c["id"])
    w.tick(0.1)
    yield w


def change_every_control(w):
    """Set every control to another value (sliders to an end, switches flipped, another
    choice), press every button, and let the result settle."""
    for cid in [c["id"] for c in w.controls()]:
        c = next((c for c in w.controls() if c["id"] == cid), None)
        if c is None or c.get("disabled"):
            continue
        if c["kind"] == "slider":
            w.on_input(cid, c["max"] if c["value"] != c["max"] else c["min"])
        elif c["kind"] == "toggle":
            w.on_input(cid, not c["value"])
        elif c["kind"] == "choice":
            w.on_input(cid, next(v for v, _ in c["options"] if v != c["value"]))
        elif c["kind"] == "button":
            w.on_click(cid)
            settle(w)


def scene_colors(scene):
    """The colour names a scene uses (CSS colours such as '#1f6feb' or 'rgba(…)' aside)."""
    paints = set()
    for it in scene["items"]:
        for k in ("fill", "stroke"):
            value = it.get(k)
            paints.update(value if isinstance(value, list) else [value])   # (segments: one a line)
    return {p for p in paints if p and not p.startswith(("#", "rgb", "hsl"))}


NAMES = sorted(WIDGETS)


def test_one_theme_table_feeds_the_stylesheet_and_both_renderers():
    css = css_variables()
    for name, (light, dark) in THEME.items():
        assert f"--c-{name}: {light};" in css.split("@media")[0] and f"--c-{name}: {dark};" in css.split("@media")[1]
        assert f".fill-{name} {{ fill: var(--c-{name}); }}" in css and f".stroke-{name} {{" in css
    style = (ROOT / "web" / "style.css").read_text()
    scene_js = (ROOT / "web" / "runtime" / "scene.js").read_text()
    assert "--c-accent:" not in style and ".fill-accent" not in style       # written by the build only
    assert '"teal"' not in scene_js and "'teal'" not in scene_js               # no list of its own


def test_the_registry_finds_every_widget_module():
    assert len(NAMES) >= 6 and {"dimmer-game", "neuron-gate", "forward-pass", "layers", "xor",
                                "init-race"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_starts_views_are_json_controls_accepted_and_snapshot_renders(name):
    cls = WIDGETS[name]
    for w in example_states(cls):
        view = w.view()
        json.dumps(view, allow_nan=False)
        assert scene_colors(view["scene"]) <= set(THEME), "colour names come from kit/theme.py"
        assert scene_svg(view["scene"]).startswith("<svg")
        assert isinstance(controls_html("contract", view["controls"]), str)
        press_every_control(w)
        settle(w)
        json.dumps(w.view(), allow_nan=False)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lesson_seed", [None, 3])
def test_share_link_restores_what_the_learner_set(name, lesson_seed):
    cls = WIDGETS[name]
    lesson = {} if lesson_seed is None else random_config(cls, lesson_seed)
    w = cls.open(lesson, {})
    assert w.notice == "" and w.share() == {}          # nothing changed yet: an empty link part
    change_every_control(w)
    share = w.share()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in share.items()), share
    controls = {s.name for s in cls.settings if s.is_control}
    changed = {k for k in controls if w.state[k] != w.start[k]}
    assert changed <= set(share), "every changed control is in the link"
    again = cls.open(lesson, share)
    assert again.notice == ""
    assert again.state == w.state


def bad_texts(s):
    """Link values (always text) the declaration must refuse."""
    if s.kind == "bool":
        return ["maybe"]
    if s.kind == "choice":
        return ["no-such-choice"]
    if s.kind == "floats":
        return [",".join(["0"] * (s.length + 1)), "a,b"]
    if s.kind == "str":
        return ["x" * 201]
    bad = ["abc", "nan"]
    if s.lo is not None:
        bad.append(repr(s.hi + 1))
    return bad


@pytest.mark.parametrize("name", NAMES)
def test_bad_link_values_give_a_notice_and_keep_the_lesson_value(name):
    cls = WIDGETS[name]
    lesson = random_config(cls, 4) if name not in HEAVY else {}
    start = cls(lesson).state
    for s in cls.settings:
        for text in bad_texts(s):
            w = cls.open(lesson, {s.name: text})
            assert s.name in w.notice, (s.name, text, w.notice)
            assert w.state[s.name] == start[s.name], (s.name, text)
    w = cls.open(lesson, {"no_such_setting": "1"})
    assert "no_such_setting" in w.notice and w.state == start


@pytest.mark.parametrize("name", NAMES)
def test_hide_removes_a_control_and_an_unknown_one_gives_a_notice(name):
    cls = WIDGETS[name]
    w = cls.open({}, {"hide": "no-such-control"})
    assert "hide" in w.notice and "no-such-control" in w.notice
    ids = [c["id"] for c in cls().view()["controls"] if c["kind"] != "group"]
    if not ids:
        return
    shown = [c["id"] for c in cls.open({}, {"hide": ids[0]}).view()["controls"]]
    assert ids[0] not in shown and set(ids[1:]) <= set(shown)


# -- every game stays winnable over its whole declared range ------------------------------

def author_values(s):
    """The ends and the middle of what an author may give for setting s."""
    if s.kind == "choice":
        return list(s.choices)
    if s.kind == "bool":
        return [False, True]
    if s.kind == "int":
        return sorted({s.lo, (s.lo + s.hi) // 2, s.hi})
    return [s.lo, round((s.lo + s.hi) / 2, 6), s.hi]


def searched(s):
    """Whether setting s is the author's to give for a game, not the learner's own move (a
    slider or switch the learner sets, dragged state). Menus and whole-number sliders choose
    what is played, so they count as the author's too."""
    if s.kind in ("floats", "str") or (s.is_control and s.kind in ("float", "bool")):
        return False
    return s.kind in ("choice", "bool") or s.lo is not None


def author_configs(cls):
    """Every searched setting at its ends and middle: all combinations when few, else each
    setting varied alone."""
    axes = [(s.name, author_values(s)) for s in cls.settings if searched(s)]
    count = int(np.prod([len(v) for _, v in axes])) if axes else 1
    if count <= 40:
        return [dict(zip([n for n, _ in axes], combo)) for combo in itertools.product(*[v for _, v in axes])]
    return [{}] + [{n: v} for n, values in axes for v in values]


def slider_values(w, cid, count=None):
    c = next(c for c in w.controls() if c["id"] == cid)
    n = count or int(round((c["max"] - c["min"]) / c["step"])) + 1
    return [float(v) for v in np.linspace(c["min"], c["max"], n)]


def solve_dimmer(w):
    for x1 in (True, False):
        for x2 in (False, True):
            for w2 in slider_values(w, "w2", 3):
                for w1 in slider_values(w, "w1"):
                    moves = [("x1", x1), ("x2", x2), ("w1", w1), ("w2", w2)]
                    for cid, v in moves:
                        w.on_input(cid, v)
                    if w.won:
                        return moves
    return None


def solve_gate(w):
    """Search w1 = w2 = w and b over the sliders' values (every gate here is symmetric),
    by the margin each row has over its threshold, computed here with plain NumPy."""
    ws, bs = np.array(slider_values(w, "w1")), np.array(slider_values(w, "b"))
    W, B = np.meshgrid(ws, bs, indexing="ij")
    want = np.array({"AND": (0, 0, 0, 1), "OR": (0, 1, 1, 1), "NAND": (1, 1, 1, 0),
                     "NOR": (1, 0, 0, 0)}[w.state["gate"]])
    m = w.state["margin"]
    slack = np.full(W.shape, np.inf)
    for (x1, x2), t in zip([(0, 0), (0, 1), (1, 0), (1, 1)], want):
        y = 1 / (1 + np.exp(-(W * (x1 + x2) + B)))
        slack = np.minimum(slack, y - (1 - m) if t else m - y)
    i, j = np.unravel_index(np.argmax(slack), slack.shape)
    moves = [("w1", ws[i]), ("w2", ws[i]), ("b", bs[j])]
    for cid, v in moves:
        w.on_input(cid, v)
    return moves if w.won else None


def solve_layers(w):
    w.reduced_motion = True
    for hidden in [w.state["hidden"], *slider_values(w, "hidden")]:
        for x1 in slider_values(w, "x1"):
            for x2 in slider_values(w, "x2"):
                moves = [("hidden", hidden), ("x1", x1), ("x2", x2), ("click", "fire")]
                replay(w, moves)
                if w.won:
                    return moves
    return None


def solve_xor(w):
    """Hidden layer and squash on; then the best first cut with the second cut firing
    everywhere, then the best second cut: a greedy search over the sliders' values."""
    moves = [("hidden", True), ("squash", True)]
    replay(w, moves)
    if w.active == 1:
        moves.append(("click", "switch"))
        replay(w, moves[-1:])
    grid = [(a, d) for a in range(0, 360, 45) for d in np.round(np.arange(-1, 1.001, 0.05), 2)]
    for cut in range(2):
        best = None
        for a, d in grid:
            replay(w, [("angle", a), ("offset", float(d))])
            score = w.correct() + (0 if cut else 0.5 * w.right()[1:3].all())   # keep both 1s inside
            best = max(best or (score, a, d), (score, a, d))
        moves += [("angle", best[1]), ("offset", float(best[2]))]
        replay(w, moves[-2:])
        if cut == 0:
            moves += [("click", "switch"), ("angle", 0), ("offset", -1.0)]    # fires on every point
            replay(w, moves[-3:])
    return moves if w.won else None


def solve_by_grid(w):
    """For any other game: every combination of a few values of each control, then its
    buttons, within a budget."""
    axes = []
    for c in w.controls():
        if c["kind"] == "slider":
            axes.append([(c["id"], v) for v in slider_values(w, c["id"], 5)])
        elif c["kind"] == "toggle":
            axes.append([(c["id"], False), (c["id"], True)])
        elif c["kind"] == "choice":
            axes.append([(c["id"], v) for v, _ in c["options"]])
    buttons = [("click", c["id"]) for c in w.controls() if c["kind"] == "button"]
    for combo in itertools.islice(itertools.product(*axes), 400):
        for press in [[]] + [[b] for b in buttons]:
            moves = [*combo, *press]
            replay(w, moves)
            if w.won:
                return moves
    return None


SOLVERS = {"dimmer-game": solve_dimmer, "neuron-gate": solve_gate, "layers": solve_layers,
           "xor": solve_xor}


def replay(w, moves):
    """Apply moves as the page would: inputs, clicks, then the animation to its end."""
    w.reduced_motion = True
    for cid, value in moves:
        if cid == "click":
            w.on_click(value)
        else:
            w.on_input(cid, value)
    for _ in range(200):
        if not w.animating:
            break
        w.tick(0.1)
    return w


CHALLENGES = sorted(n for n, cls in WIDGETS.items() if cls.challenge)


@pytest.mark.parametrize("name", CHALLENGES)
def test_every_game_is_winnable_over_its_declared_range_and_not_won_at_the_start(name):
    cls = WIDGETS[name]
    solve = SOLVERS.get(name, solve_by_grid)
    configs = author_configs(cls)
    assert configs
    for config in configs:
        start = cls(config)
        assert not start.won, config
        for c in start.controls():          # nor by just pressing its buttons
            if c["kind"] == "button":
                assert not replay(cls(config), [("click", c["id"])]).won, (config, c["id"])
        moves = solve(cls(config))
        assert moves is not None, f"{name}: no win found for {config}"
        assert replay(cls(config), moves).won, (config, moves)


def test_neuron_gate_margin_starts_at_the_lowest_winnable_value():
    # 0.04 is winnable for every gate (test above); at 0.03 no weights on the sliders win AND:
    # an exhaustive search over w1, w2 and b.
    w = WIDGETS["neuron-gate"]({"margin": 0.04})
    assert w.setting("margin").lo == 0.04
    grid = np.round(np.array(slider_values(w, "w1")), 1)
    W1, W2 = np.meshgrid(grid, grid, indexing="ij")
    wins = 0
    for b in grid:
        ok = np.ones(W1.shape, bool)
        for (x1, x2), t in zip([(0, 0), (0, 1), (1, 0), (1, 1)], (0, 0, 0, 1)):
            y = np.round(1 / (1 + np.exp(-(W1 * x1 + W2 * x2 + b))), 3)
            ok &= (y >= 0.97) if t else (y <= 0.03)
        wins += int(ok.sum())
    assert wins == 0

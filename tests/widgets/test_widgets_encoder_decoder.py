"""The encoder–decoder widget and the model it ships: accuracy, hash, determinism of
training, every number on screen against an independent computation, any input."""
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.activations import softmax
from engine.number_words import END, ENGLISH_VOCAB, FRENCH_VOCAB, english, french, french_tokens
from engine.seq2seq import Seq2Seq
from kit.fmt import fmt
from widgets.encoder_decoder import ODD, EncoderDecoder, scores

ROOT = Path(__file__).resolve().parents[2]
WEIGHTS = ROOT / "pysrc" / "models" / "translate.npz"
sys.path.insert(0, str(ROOT / "training"))
import train_translate  # noqa: E402

BAD_TEXTS = ["", "   ", "one hundred", "hundred", "zéro", "<script>alert(1)</script>", "42", "x" * 500,
             "one two three four five six seven", "🙂", "seventy, seven!", "\n\t"]
GOOD_TEXTS = ["twenty-one", "  SEVENTY   seven ", "twenty twenty one", "one two three four five six",
              "nine ninety", "seventy, seven"]


def shipped_model():
    """The shipped weights, loaded here without the widget's loader."""
    data = np.load(WEIGHTS)
    model = Seq2Seq(len(ENGLISH_VOCAB), len(FRENCH_VOCAB), train_translate.N_EMBED, train_translate.N_HIDDEN)
    model.set_weights(data)
    return model, tuple(int(n) for n in data["held_out"])


def right(model, n):
    tokens, _ = model.translate(np.array([ENGLISH_VOCAB.index(w) for w in english(n).split()]),
                                FRENCH_VOCAB.index(END))
    return [FRENCH_VOCAB[t] for t in tokens] == french_tokens(french(n)) + [END]


def texts(scene):
    return [it["s"] for it in scene["items"] if it["t"] == "text"]


# -- the shipped model -------------------------------------------------------------------
def test_shipped_model_translates_at_least_95_percent_of_its_training_set_exactly():
    model, held_out = shipped_model()
    assert held_out == train_translate.HELD_OUT
    trained = train_translate.training_numbers()
    assert len(trained) == 99 - len(held_out) and not set(trained) & set(held_out)
    assert np.mean([right(model, n) for n in trained]) >= 0.95


def test_shipped_weights_match_the_manifest_and_are_small():
    entry = json.loads((ROOT / "models" / "manifest.json").read_text())["translate.npz"]
    assert hashlib.sha256(WEIGHTS.read_bytes()).hexdigest() == entry["sha256"]
    assert entry["script"] == "training/train_translate.py" and entry["final_loss"] < 0.2
    assert WEIGHTS.stat().st_size <= 100 * 1024
    from buildlib.models import verify
    assert not [e for e in verify(log=lambda *_: None) if "translate.npz" in str(e)]


def test_short_retraining_gives_the_same_bytes_as_a_fresh_process():
    code = ("import sys; sys.path.insert(0, 'training'); import train_translate as t; "
            "sys.stdout.buffer.write(t.npz_bytes(t.train(steps=3)[0]))")
    fresh = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True).stdout
    model, history = train_translate.train(steps=3)
    assert train_translate.npz_bytes(model) == fresh
    assert history[-1] < history[0]                                          # it did learn something
    assert train_translate.npz_bytes(train_translate.train(steps=0)[0]) != fresh
    assert train_translate.npz_bytes(train_translate.train(steps=3, seed=1)[0]) != fresh


def test_full_retraining_reproduces_the_shipped_file():
    model, _ = train_translate.train()
    assert train_translate.npz_bytes(model) == WEIGHTS.read_bytes()


def test_scores_on_screen_are_the_models_own():
    model, held_out = shipped_model()
    trained = [n for n in range(1, 100) if n not in held_out]
    assert scores() == ((sum(right(model, n) for n in trained), len(trained)),
                        (sum(right(model, n) for n in held_out), len(held_out)))
    line = next(s for s in texts(EncoderDecoder().scene()) if s.startswith("Over all numbers"))
    assert f"{scores()[0][0]} of the {scores()[0][1]}" in line


# -- every number on screen ----------------------------------------------------------------
@pytest.mark.parametrize("source", ["seventy seven", "seventy two", "ninety nine", "one", "twenty twenty one"])
def test_probabilities_are_the_engine_softmax_of_the_decoder_logits(source):
    model, _ = shipped_model()
    w = EncoderDecoder({"text": source})
    r = w.result()
    h = np.zeros(model.encoder.n_hidden)
    for t, word in enumerate(source.split()):
        h = np.tanh(model.E_src[ENGLISH_VOCAB.index(word)] @ model.encoder.Wx + h @ model.encoder.Wh
                    + model.encoder.b)
        np.testing.assert_allclose(r["states"][t], h, rtol=0, atol=1e-12)
    np.testing.assert_allclose(r["context"], h, rtol=0, atol=1e-12)
    shown = texts(w.scene())
    assert all(fmt(v, 2) in shown for v in h)
    previous = FRENCH_VOCAB.index(END)
    for step in r["steps"]:
        h = np.tanh(model.E_tgt[previous] @ model.decoder.Wx + h @ model.decoder.Wh + model.decoder.b)
        logits = h @ model.Wy + model.by
        p = softmax(logits[None, :])[0]
        np.testing.assert_allclose(step["logits"], logits, rtol=0, atol=1e-12)
        np.testing.assert_allclose(step["probs"], p, rtol=0, atol=1e-12)
        previous = int(np.argmax(p))
        assert step["token"] == FRENCH_VOCAB[previous] and step["p"] == pytest.approx(p.max(), abs=1e-12)
        assert f"{fmt(100 * p.max(), 0)}%" in shown
    assert r["steps"][-1]["token"] == END


def test_verdicts():
    model, held_out = shipped_model()
    for n in (77, 21, 80, held_out[0], held_out[-1]):
        sentence, colour = EncoderDecoder({"number": n}).verdict()
        assert ("held out" in sentence) == (n in held_out)
        assert (colour == "ok") == right(model, n)
    sentence, colour = EncoderDecoder({"odd": "twenty twenty one"}).verdict()
    assert "Not a number" in sentence and colour == "accent"


# -- any input ---------------------------------------------------------------------------------
def test_every_number_and_odd_input_gives_a_json_view():
    w = EncoderDecoder()
    for n in range(1, 100):
        w.on_input("number", n)
        view = json.dumps(w.view(), allow_nan=False)
        assert english(n) in view
    for odd in ODD:
        w.on_input("odd", odd)
        view = w.view()
        json.dumps(view, allow_nan=False)
        assert view["status"]
    assert "never seen “hundred”" in w.view()["status"]                    # the last one: "one hundred"
    assert w.total() == 0 and all(c["disabled"] for c in w.controls() if c["kind"] == "button" and
                                  c["id"] in ("play", "step"))


@pytest.mark.parametrize("bad", BAD_TEXTS)
def test_bad_text_gets_a_clear_message_and_keeps_the_translation(bad):
    w = EncoderDecoder({"number": 45})
    before = w.translation()
    w.on_input("text", bad)
    view = w.view()
    json.dumps(view, allow_nan=False)
    if bad.strip():
        assert w.message and w.message in view["status"]
        assert w.message.split()[0] in " ".join(texts(view["scene"]))
    assert w.translation() == before and w.state["text"] == ""


@pytest.mark.parametrize("good", GOOD_TEXTS)
def test_good_text_is_read_as_words(good):
    w = EncoderDecoder()
    w.on_input("text", good)
    view = w.view()
    assert not w.message and w.result()["words"] == good.lower().replace("-", " ").replace(",", " ").split()
    assert w.share()["text"] == " ".join(w.result()["words"]) and view["status"].startswith("“")
    w.on_input("number", 12)                                     # the slider takes over again
    assert w.state["text"] == "" and w.result()["words"] == ["twelve"]


def test_a_link_with_bad_text_is_named_in_the_notice():
    w = EncoderDecoder.open({"number": 30}, {"text": "one hundred"})
    assert "hundred" in w.notice and w.result()["words"] == ["thirty"]
    w = EncoderDecoder.open({}, {"text": "nine ninety"})
    assert not w.notice and w.result()["words"] == ["nine", "ninety"]


def test_every_control_can_be_pressed():
    from helpers import press_every_control
    press_every_control(EncoderDecoder())


# -- the animation -----------------------------------------------------------------------------
def test_step_walks_through_encoder_context_and_decoder():
    w = EncoderDecoder({"number": 97})
    r, T = w.result(), 2
    assert w.stage == w.total() == T + 1 + len(r["steps"])
    w.on_click("step")                                           # from the end: back to the first word
    assert w.stage == 1
    seen = []
    while w.stage < w.total():
        shown = texts(w.scene())
        seen.append((sum(s.startswith("h") and s[1] in "₁₂" for s in shown), fmt(r["context"][0], 2) in shown))
        said = w.status()
        if w.stage <= T:
            assert f"“{r['words'][w.stage - 1]}”" in said
        elif w.stage > T + 1:
            step = r["steps"][w.stage - T - 2]
            assert f"“{step['token']}”, with probability {fmt(100 * step['p'], 0)}%" in said
        w.on_click("step")
    assert seen[0] == (1, False) and seen[1] == (2, False) and seen[2][1]
    assert "= quatre-vingt-dix-sept" in texts(w.scene())


def test_play_animates_to_the_end_and_pauses():
    w = EncoderDecoder({"number": 21})
    w.on_click("play")
    assert w.animating and w.stage == 0 and w.controls()[-2]["label"] == "Pause"
    w.tick(0.7)
    assert w.stage == 1
    w.on_click("play")
    assert not w.animating
    w.on_click("play")
    for _ in range(30):
        w.tick(0.3)
    assert w.stage == w.total() and not w.animating
    w = EncoderDecoder({"number": 21})
    w.reduced_motion = True
    w.on_click("play")
    assert w.stage == w.total() and not w.animating


# -- readable, fast ------------------------------------------------------------------------------
@pytest.mark.parametrize("width", [1280, 390])
def test_text_is_readable_and_apart_at_desktop_and_phone_width(width):
    from helpers import assert_text_readable_and_apart
    w = EncoderDecoder()
    w.on_resize(min(width - 40, 740))
    sources = [("number", n) for n in range(1, 100)] + [("odd", o) for o in ODD]
    sources += [("text", t) for t in GOOD_TEXTS + BAD_TEXTS]
    for control, value in sources:
        w.on_input(control, value)
        assert w.scene()["w"] <= 600
        assert_text_readable_and_apart(w.scene())
    for stage in range(w.total()):                               # every stage of the last good input
        w.stage = stage
        assert_text_readable_and_apart(w.scene())


def test_every_event_leaves_a_valid_view():
    w = EncoderDecoder()
    w.view()
    events = ([lambda n=n: w.on_input("number", n) for n in range(1, 100, 7)]
              + [lambda o=o: w.on_input("odd", o) for o in ODD]
              + [lambda t=t: w.on_input("text", t) for t in GOOD_TEXTS + BAD_TEXTS]
              + [lambda: w.on_click("play")] + [lambda: w.tick(0.3)] * 10 + [lambda: w.on_click("step")] * 5)
    for event in events:
        event()
        assert json.loads(json.dumps(w.view(), allow_nan=False))["scene"]["items"]


def test_weights_load_from_the_models_package():
    import models
    from widgets.encoder_decoder import WEIGHTS as used, load_model
    assert used == Path(models.__file__).parent / "translate.npz" and used.resolve() == WEIGHTS.resolve()
    model, _ = load_model()
    for name, value in np.load(io.BytesIO(WEIGHTS.read_bytes())).items():
        if name != "held_out":
            np.testing.assert_array_equal(dict((n, v) for n, v, _ in model.params())[name], value)

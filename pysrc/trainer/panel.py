"""The trainer's HTML controls, in the order a learner uses them.

    Run            Play/Pause, Step, Reset, New seed, Restore last good weights, Speed
    Data           dataset, new data, noise, training share, what a click adds, own CSV
    Inputs         the seven feature switches
    Hidden layers  layers 1-6 (each a choice: off or 1-8 neurons), activation
    Training       learning rate, optimizer, its momentum β, loss, regularization and its rate, batch size
    Take it away   Export, and the exported JSON and PyTorch code when shown
A declared setting brings its own control (w.setting_controls); the rest are
built here. Choices hand back text (the browser's <select> value). Buttons that
only sometimes apply stay in place, disabled, so the row of controls keeps its
shape (a changed shape is rebuilt, which would move focus).
"""
from __future__ import annotations

from kit.controls import button, choice, code_block, group, text_input

from .export import Export
from .setup import BETA_OF, CLICKS, FEATURES, LOSSES, MAX_LAYERS, MAX_WIDTH

LAYER_OPTIONS = [("0", "off")] + [(str(n), f"{n} neuron{'s' if n > 1 else ''}") for n in range(1, MAX_WIDTH + 1)]


def controls(w, every=False):
    """w: the MLPTrainer. Returns the list of control descriptions; with `every`, also those
    this state leaves out (the CSV box, β, the exported code), e.g. to check an embed's `hide`."""
    c, run = w.state, w.run
    task = run.data.task
    items = [group("Run"),
             button("play", "Pause" if w.playing else "Play", primary=True, disabled=bool(run.problem)),
             button("step", "Step", disabled=bool(run.problem) or w.playing),
             button("reset", "Reset"),
             button("new_seed", "New seed"),
             button("restore", "Restore last good weights", primary=bool(run.problem), disabled=not run.problem),
             *w.setting_controls("speed"),
             group("Data"),
             *w.setting_controls("data"),
             button("new_data", "New data", disabled=c["data"] == "csv"),
             *w.setting_controls("noise", "split"),
             choice("click", "Click on the plot adds", w.source.click, CLICKS[task]),
             button("clear_points", "Remove my points", disabled=not run.data.n_added)]
    if every or c["data"] == "csv":
        items.append(text_input("csv", "Your points as CSV lines x1,x2,label", w.source.csv_text, rows=6, button="Load CSV",
                                placeholder="x1,x2,label", file=".csv,.txt,text/csv,text/plain"))
    items += [group("Inputs"), *w.setting_controls(*FEATURES), group("Hidden layers")]
    items += [choice(f"n{k}", f"Layer {k}", str(c[f"n{k}"] if k <= c["layers"] else 0), LAYER_OPTIONS)
              for k in range(1, MAX_LAYERS + 1)]
    items += [*w.setting_controls("act"), group("Training"), *w.setting_controls("lr", "opt")]
    if every or c["opt"] in BETA_OF:
        items.append({**w.setting("beta").control(c["beta"]), "label": BETA_OF.get(c["opt"], "Momentum β")})
    if task == "regression":
        items.append(choice("loss", "Loss", "mse", [("mse", LOSSES["mse"])]))
    else:
        items += w.setting_controls("loss")
    items += [*w.setting_controls("reg", "rate", "batch"),
              group("Take it away"),
              button("export", "Hide export" if w.exported else "Export JSON and PyTorch",
                     disabled=bool(run.problem) and not w.exported)]
    if every or w.exported:
        shown = w.exported or Export("", "", run.epoch)
        items += [code_block("export_json", f"The network as JSON (epoch {shown.epoch})", shown.json, "network.json"),
                  code_block("export_torch", f"The same network in PyTorch (epoch {shown.epoch})", shown.pytorch,
                             "network.py")]
    return items


def visible(items, hidden):
    """The controls an embed shows: those not hidden, and no heading left with nothing under it."""
    shown = [c for c in items if c["id"] not in hidden]
    return [c for k, c in enumerate(shown)
            if c["kind"] != "group" or (k + 1 < len(shown) and shown[k + 1]["kind"] != "group")]


def check_hide(w):
    """Like the kit's Widget.check_hide, but `hide` may name any control the trainer has, also
    one this state leaves out (the CSV box, β, the export)."""
    known = [c["id"] for c in controls(w, every=True) if c["kind"] != "group"]
    unknown = sorted(str(n) for n in w.hidden_controls if n not in known)
    if unknown:
        w.hidden_controls = set()
        raise ValueError(f"'hide' names no control {', '.join(unknown)} (controls: {', '.join(known)})")

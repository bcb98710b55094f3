"""The trainer's HTML controls, in the order a learner uses them.

    Run            Play/Pause, Step, Reset, New seed, Restore last good weights, Speed
    Data           dataset, new data, noise, training share, what a click adds, own CSV
    Inputs         the seven feature switches
    Hidden layers  layers 1-6 (each a choice: off or 1-8 neurons), activation
    Training       learning rate, optimizer, loss, regularization and its rate, batch size
    Take it away   Export, and the exported JSON and PyTorch code when shown
Choices hand back text (the browser's <select> value); the widget converts it.
Buttons that only sometimes apply stay in place, disabled, so the row of
controls keeps its shape (a changed shape is rebuilt, which would move focus).
"""
from __future__ import annotations

from kit.controls import button, choice, code_block, group, slider, text_input, toggle

from .setup import (ACTIVATIONS, DATASETS, FEATURES, LEARNING_RATES, LOSSES, MAX_LAYERS, MAX_WIDTH,
                    OPTIMIZERS, REG_RATES, REGULARIZERS, number_text)

CLICKS = {"binary": [("off", "nothing"), ("0", "an orange point (class 0)"), ("1", "a blue point (class 1)")],
          "multiclass": [("off", "nothing"), ("0", "an orange point (class 0)"),
                         ("1", "a blue point (class 1)"), ("2", "a green point (class 2)")],
          "regression": [("off", "nothing"), ("1", "a point of value +1"), ("-1", "a point of value −1")]}


def layer_options():
    return [("0", "off")] + [(str(n), f"{n} neuron{'s' if n > 1 else ''}") for n in range(1, MAX_WIDTH + 1)]


def controls(w):
    """w: the MLPTrainer (config, run, flags). Returns the list of control descriptions."""
    c, run = w.state, w.run
    task = run.data.task
    items = [
        group("Run"),
        button("play", "Pause" if w.playing else "Play", primary=True, disabled=bool(run.problem)),
        button("step", "Step", disabled=bool(run.problem) or w.playing),
        button("reset", "Reset"),
        button("new_seed", "New seed"),
        button("restore", "Restore last good weights", primary=bool(run.problem), disabled=not run.problem),
        slider("speed", "Speed", c["speed"], 1, 7, 1, digits=0),
        group("Data"),
        choice("data", "Data", c["data"], [(k, text) for k, (text, _) in DATASETS.items()]),
        button("new_data", "New data", disabled=c["data"] == "csv"),
        slider("noise", "Noise %", c["noise"], 0, 50, 5, digits=0),
        slider("split", "Training %", c["split"], 10, 90, 10, digits=0),
        choice("click", "Click on the plot adds", w.click, CLICKS[task]),
        button("clear_points", "Remove my points", disabled=not run.data.n_added),
    ]
    if c["data"] == "csv":
        items.append(text_input("csv", "Your points as CSV lines x1,x2,label", w.csv_text, rows=6,
                                button="Load CSV", placeholder="x1,x2,label", file=".csv,.txt,text/csv,text/plain"))
    items.append(group("Inputs"))
    items += [toggle(key, shown, c[key]) for key, (_, shown, _) in FEATURES.items()]
    items.append(group("Hidden layers"))
    for k in range(1, MAX_LAYERS + 1):
        width = c[f"n{k}"] if k <= c["layers"] else 0
        items.append(choice(f"n{k}", f"Layer {k}", str(width), layer_options()))
    items += [
        choice("act", "Activation", c["act"], list(ACTIVATIONS.items())),
        group("Training"),
        choice("lr", "Learning rate", number_text(c["lr"]), [(number_text(v),) * 2 for v in LEARNING_RATES]),
        choice("opt", "Optimizer", c["opt"], list(OPTIMIZERS.items())),
        choice("loss", "Loss", "mse" if task == "regression" else c["loss"],
               [("mse", LOSSES["mse"])] if task == "regression" else list(LOSSES.items())),
        choice("reg", "Regularization", c["reg"], list(REGULARIZERS.items())),
        choice("rate", "Regularization rate", number_text(c["rate"]), [(number_text(v),) * 2 for v in REG_RATES]),
        slider("batch", "Batch size", c["batch"], 1, 30, 1, digits=0),
        group("Take it away"),
        button("export", "Hide export" if w.exported else "Export JSON and PyTorch",
               disabled=bool(run.problem) and not w.exported),
    ]
    if w.exported:
        json_text, torch_text, epoch = w.exported
        items += [code_block("export_json", f"The network as JSON (epoch {epoch})", json_text, "network.json"),
                  code_block("export_torch", f"The same network in PyTorch (epoch {epoch})", torch_text,
                             "network.py")]
    return items

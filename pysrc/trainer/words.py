"""What the trainer says: the status line (the page's live region) and the canvas's label."""
from __future__ import annotations

from kit.fmt import fmt

from .draw_plots import loss_text
from .setup import BETA_OF, SPEEDS, number_text


def label(run, scores, data_name):
    """The canvas's text alternative: the network, the data, the epoch and how it is doing."""
    parts = [f"Epoch {run.epoch}."]
    if run.problem:
        parts.append("Training diverged.")
    if scores.get("test"):
        parts.append(f"Test accuracy {100 * scores['test'].accuracy:.1f}%.")
    last = run.history.last
    if last:
        parts.append(f"Train loss {loss_text(last.train)}, test loss {loss_text(last.test)}.")
    layers = "-".join(str(s) for s in run.net.sizes)
    return f"Network {layers} ({run.net.activation}) learning the {data_name} data. " + " ".join(parts)


def status(w):
    """w: the MLPTrainer. The status line: a divergence, else the neuron the keyboard (or a
    tap) chose, else what the last input did, else how training goes."""
    run, scores = w.run, w.scores()
    if run.problem:
        return (f"Training stopped at epoch {run.epoch}. {run.problem} Press Restore last good "
                f"weights to go back to epoch {run.good.epoch}, then lower the learning rate "
                f"(now {number_text(w.state['lr'])}).")
    focused = w.target() if w.pointing.by_keyboard and not w.playing else None
    if focused:
        return ": ".join(w.readout_text(focused))
    if w.message:
        return w.message
    if w.playing:
        return "Training. Press Pause to stop and read the scores."
    if scores.get("test"):
        return (f"Epoch {run.epoch}: test accuracy {100 * scores['test'].accuracy:.1f}%, "
                f"training accuracy {100 * scores['train'].accuracy:.1f}%. Press Play to train.")
    train, _ = run.losses()
    return f"Epoch {run.epoch}: training loss {loss_text(train)}. Press Play to train."


def applied(setting, value, run):
    """The message for a setting changed while training: applied from the next epoch."""
    name = setting.name
    shown = number_text(value) if name in ("lr", "rate") else fmt(value) if name == "beta" else str(value)
    if name == "loss" and run.data.task == "regression":
        shown = "mse (the only loss for regression)"
    label, note = setting.label, ""
    if name == "beta":
        label = BETA_OF.get(run.hyper["opt"], label)
        note = "" if run.hyper["opt"] in BETA_OF else " (Momentum and Adam use it; SGD has no β)"
    return f"{label} is now {shown}{note}: applied from the next epoch, weights kept."


def speed(level):
    rate = SPEEDS[level]
    return f"Speed {level}: " + (f"{rate} epoch{'s' if rate > 1 else ''} per second." if rate
                                 else "as fast as this computer can.")

"""Trained models the course ships: checked by hash before anything is built.

A model that must be trained (the encoder–decoder, the autoencoder…) is
trained by the course's own engine, by a script in training/, deterministically.
Its weights are a small .npz file in pysrc/models/ (so the browser gets them in
the course's Python package), and models/manifest.json records, per file, its
sha256, the script that made it and its final loss. The build refuses a
weights file whose bytes do not match, and prints each model's final loss.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .errors import AuthorError

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "models" / "manifest.json"
WEIGHTS = ROOT / "pysrc" / "models"


def verify(log=print):
    """Check every shipped weights file against the manifest; return the list of errors."""
    if not MANIFEST.exists():
        return []
    shown = str(MANIFEST.relative_to(ROOT))
    try:
        manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    except ValueError as err:
        return [AuthorError(shown, 1, f"not valid JSON: {err}")]
    errors = []
    for name, entry in sorted(manifest.items()):
        path = WEIGHTS / name
        if not path.exists():
            errors.append(AuthorError(shown, 1, f"{name}: weights file pysrc/models/{name} is missing; "
                                                f"run python {entry.get('script', 'training/…')}"))
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != entry.get("sha256"):
            errors.append(AuthorError(shown, 1, f"{name}: sha256 {digest[:12]}… does not match the manifest; "
                                                f"retrain with python {entry.get('script', 'training/…')}"))
            continue
        loss = entry.get("final_loss")
        log(f"model {name}: {path.stat().st_size / 1024:.0f} KB, "
            + (f"final loss {loss}" if loss is not None else "recorded data, no loss"))
    return errors


def record(name, script, final_loss):
    """After training: write the weights file's hash into the manifest."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else {}
    digest = hashlib.sha256((WEIGHTS / name).read_bytes()).hexdigest()
    manifest[name] = {"sha256": digest, "script": script, "final_loss": final_loss}
    MANIFEST.parent.mkdir(exist_ok=True)
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")

"""Early stopping: keep the weights from the epoch where validation loss was lowest.

Training loss keeps falling as a network memorizes its data; validation loss
(on points it never trains on) falls, then turns up. Stop once it has not
improved for `patience` epochs, and go back to the best weights seen.
"""
from __future__ import annotations


class EarlyStopping:
    def __init__(self, patience=20, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best_loss, self.best_epoch, self.best_weights = float("inf"), -1, None
        self.epoch = -1

    def update(self, val_loss, weights=None):
        """Record one epoch's validation loss; return True when training should stop."""
        self.epoch += 1
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss, self.best_epoch, self.best_weights = val_loss, self.epoch, weights
        return self.should_stop

    @property
    def should_stop(self):
        return self.epoch - self.best_epoch >= self.patience

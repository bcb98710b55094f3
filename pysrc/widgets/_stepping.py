"""Play, Step and Reset for the widgets that follow a descent one update at a time.

A subclass keeps `self.steps` (updates taken so far), sets `max_steps` and
`steps_per_second`, and defines `advance(n)` (take up to n more updates) and
`reset()`. Play runs `steps_per_second` updates a second, a whole number per
frame (the fraction carries over, so a slow frame never loses updates); with
reduced motion it jumps straight to the end.
"""
from __future__ import annotations

from kit import Widget, button


class Stepping(Widget):
    max_steps = 100
    steps_per_second = 20
    play_label = "Play"

    playing = False
    clock = 0.0

    @property
    def finished(self):
        return self.steps >= self.max_steps

    def starts_over(self):
        """Whether Play begins again from the start rather than going on."""
        return self.finished

    def stop(self):
        self.playing = self.animating = False

    def on_click(self, control_id):
        if control_id == "play":
            if self.playing:
                return self.stop()
            if self.starts_over():
                self.reset()
            if self.reduced_motion:
                self.advance(self.max_steps)
            else:
                self.playing = self.animating = True
        elif control_id == "step":
            self.stop()
            self.advance(1)
        elif control_id == "reset":
            self.reset()

    def tick(self, dt):
        if not self.playing:
            self.animating = False
            return
        self.clock += min(dt, 0.1) * self.steps_per_second
        self.advance(int(self.clock))
        self.clock -= int(self.clock)
        if self.finished:
            self.stop()

    def actions(self):
        return [button("play", "Pause" if self.playing else self.play_label, primary=True),
                button("step", "Step", disabled=self.finished),
                button("reset", "Reset", disabled=self.steps == 0)]

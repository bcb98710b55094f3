"""The convolution widget's kernels: the presets a learner picks from, the nine weight
settings they fill, and the image it starts with (widgets/convolution.py)."""
from __future__ import annotations

from kit import Setting

N, K = 10, 3                   # image side, kernel side
M = N - K + 1                  # feature map side
KERNELS = {
    "vertical": ("Vertical edges", [-1, 0, 1, -1, 0, 1, -1, 0, 1]),
    "horizontal": ("Horizontal edges", [-1, -1, -1, 0, 0, 0, 1, 1, 1]),
    "blur": ("Blur (average)", [1 / 9] * 9),
    "sharpen": ("Sharpen", [0, -1, 0, -1, 5, -1, 0, -1, 0]),
    "outline": ("Outline", [-1, -1, -1, -1, 8, -1, -1, -1, -1]),
    "identity": ("Identity", [0, 0, 0, 0, 1, 0, 0, 0, 0]),
    "custom": ("Your own", None),
}
# A plus sign with a bar: edges in both directions for every preset to find.
START_IMAGE = "".join("1" if (r in (4, 5) and 1 <= c <= 6) or (c in (3, 4) and 1 <= r <= 8)
                      or (c == 8 and 2 <= r <= 7) else "0" for r in range(N) for c in range(N))
SUBSCRIPTS = "₁₂₃"


def kernel_settings():
    return [Setting(f"k{a}{b}", "float", float(KERNELS["vertical"][1][3 * a + b]), lo=-8, hi=8, step=0.05,
                    label=f"k{SUBSCRIPTS[a]}{SUBSCRIPTS[b]}", doc=f"kernel weight, row {a + 1}, column {b + 1}")
            for a in range(K) for b in range(K)]


def apply_preset(values):
    """Set the nine weights from the chosen kernel, unless it is the learner's own."""
    weights = KERNELS[values["kernel"]][1]
    for i, w in enumerate(weights or ()):
        values[f"k{i // K}{i % K}"] = float(w)

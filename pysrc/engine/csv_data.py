"""Reading a learner's own data: CSV lines of  x1,x2,label.

parse_csv never raises on bad input. It keeps every good row and reports
each bad one as (line_number, message), line numbers counting from 1, so
the page can say e.g. "line 7: expected 3 comma-separated values, got 2".
Blank lines and anything after a # are ignored; the first line may be a
header such as  x1,x2,label.
"""
import math

import numpy as np

COLUMNS = ("x1", "x2", "label")
CLASSES = (0, 1, 2)


def _number(field, column):
    """(value, None) or (None, error message)."""
    if field == "":
        return None, f"{column} is empty"
    try:
        value = float(field)
    except ValueError:
        return None, f"{column} is not a number: {field!r}"
    if not math.isfinite(value):
        return None, f"{column} is not a finite number: {field!r}"
    return value, None


def _is_header(fields):
    return len(fields) == len(COLUMNS) and all(_number(f, "")[1] for f in fields)


def parse_csv(text, task="classification"):
    """Returns (X, y, errors): X (n, 2) floats, y (n,) ints 0/1/2 or, for task="regression", floats."""
    label_type = float if task == "regression" else int
    if not isinstance(text, str):
        return np.zeros((0, 2)), np.zeros(0, dtype=label_type), [(0, "expected text")]
    rows, labels, errors = [], [], []
    seen_content = False
    for line_number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        fields = [field.strip() for field in line.split(",")]
        if not seen_content:
            seen_content = True
            if _is_header(fields):
                continue
        if len(fields) != len(COLUMNS):
            errors.append((line_number, f"expected 3 comma-separated values, got {len(fields)}"))
            continue
        parsed = [_number(field, column) for field, column in zip(fields, COLUMNS)]
        problems = [problem for _, problem in parsed if problem]
        x1, x2, label = (value for value, _ in parsed)
        if not problems and task != "regression" and not (label.is_integer() and int(label) in CLASSES):
            problems.append(f"label must be a class 0, 1 or 2, got {fields[2]!r}")
        if problems:
            errors.append((line_number, "; ".join(problems)))
            continue
        rows.append((x1, x2))
        labels.append(label)
    X = np.array(rows, dtype=float).reshape(len(rows), 2)
    y = np.array(labels, dtype=label_type)
    return X, y, errors

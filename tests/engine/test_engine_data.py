import numpy as np
import pytest

from engine.csv_data import parse_csv
from engine.data import DATASETS, make_dataset, train_test_split
from engine.features import FEATURES, make_features


@pytest.mark.parametrize("name", list(DATASETS))
def test_datasets_are_reproducible_and_in_range(name):
    X, y = make_dataset(name, n=200, noise=0.3, seed=11)
    X2, y2 = make_dataset(name, n=200, noise=0.3, seed=11)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, make_dataset(name, n=200, noise=0.3, seed=12)[0])
    assert X.shape == (200, 2) and y.shape == (200,)
    assert X.dtype == np.float64 and np.all(np.abs(X) <= 6.0)
    task = DATASETS[name][1]
    if task == "binary":
        assert set(y) == {0, 1} and abs(np.mean(y) - 0.5) < 0.1
    elif task == "multiclass":
        assert set(y) == {0, 1, 2}
    else:
        assert y.dtype == np.float64 and np.all(np.isfinite(y))


def test_a_generator_accepts_a_shared_rng():
    a = make_dataset("xor", 50, 0.0, np.random.default_rng(3))
    b = make_dataset("xor", 50, 0.0, 3)
    np.testing.assert_array_equal(a[0], b[0])


def test_train_test_split():
    X, y = make_dataset("circle", n=101, seed=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, train_ratio=0.7, seed=1)
    assert len(X_train) == 71 and len(X_test) == 30 and len(y_train) == 71
    together = np.concatenate([X_train, X_test])
    assert sorted(map(tuple, together)) == sorted(map(tuple, X)), "every point lands in exactly one part"
    np.testing.assert_array_equal(X_train, train_test_split(X, y, 0.7, seed=1)[0])


def test_features():
    X = np.array([[1.0, 2.0], [-3.0, 0.5]])
    F = make_features(X, ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"])
    np.testing.assert_allclose(F[1], [-3.0, 0.5, 9.0, 0.25, -1.5, np.sin(-3.0), np.sin(0.5)])
    assert make_features(X, ["x1*x2"]).shape == (2, 1)
    assert set(FEATURES) == {"x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"}
    with pytest.raises(ValueError):
        make_features(X, ["x3"])


CSV = """x1,x2,label
# a comment line
1.5, -2, 1

0,0,0
3,4
a,1,0
1,2,1.5
1,nan,1
5,6,2   # a trailing comment
-1,1,1,
1,2,1.0
"""


def test_csv_keeps_good_rows_and_reports_bad_ones_by_line():
    X, y, errors = parse_csv(CSV)
    np.testing.assert_array_equal(X, [[1.5, -2.0], [0.0, 0.0], [5.0, 6.0], [1.0, 2.0]])
    np.testing.assert_array_equal(y, [1, 0, 2, 1])
    assert y.dtype.kind == "i"
    assert [line for line, _ in errors] == [6, 7, 8, 9, 11]
    messages = dict(errors)
    assert messages[6] == "expected 3 comma-separated values, got 2"
    assert "not a number" in messages[7]
    assert "class 0, 1 or 2" in messages[8]
    assert "finite" in messages[9]
    assert messages[11] == "expected 3 comma-separated values, got 4"


def test_csv_regression_mode_and_edge_cases():
    X, y, errors = parse_csv("1,2,0.25\n3,4,-7\n", task="regression")
    np.testing.assert_array_equal(y, [0.25, -7.0])
    assert errors == []
    for text in ["", "\n\n# nothing\n", "x1,x2,label\n"]:
        X, y, errors = parse_csv(text)
        assert X.shape == (0, 2) and y.shape == (0,) and errors == []
    X, y, errors = parse_csv("hello\r\n1,2,1\r\n")  # a one-word line is not a header
    assert errors == [(1, "expected 3 comma-separated values, got 1")] and len(X) == 1
    X, y, errors = parse_csv(None)
    assert len(X) == 0 and errors
    X, y, errors = parse_csv("1,,0\n")
    assert errors == [(1, "x2 is empty")]

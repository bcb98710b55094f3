"""engine/surfaces.py: every gradient and Hessian against finite differences of the value."""
import numpy as np
import pytest
import torch

from engine.surfaces import LineFit, Rosenbrock, Saddle, Valley, curvatures, line_data

X, T = line_data()
SURFACES = [Valley(), Valley(lam=(0.5, 3.0), degrees=40), Rosenbrock(), Rosenbrock(a=0.5, b=4.0),
            Saddle(), Saddle(c=1.0), LineFit(X, T)]


def fd_grad(f, p, h=1e-6):
    return np.array([(f(p + h * e) - f(p - h * e)) / (2 * h) for e in np.eye(2)])


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: type(s).__name__)
def test_gradient_and_hessian_match_finite_differences(surface):
    rng = np.random.default_rng(1)
    for p in rng.uniform(-2, 2, (20, 2)):
        f = lambda q: float(surface.value(q))
        g = surface.grad(p)
        assert np.allclose(g, fd_grad(f, p), rtol=1e-6, atol=1e-6)
        H = np.column_stack([fd_grad(lambda q: surface.grad(q)[i], p) for i in range(2)]).T
        assert np.allclose(surface.hessian(p), H, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: type(s).__name__)
def test_value_on_a_grid_is_the_value_at_each_point(surface):
    grid = np.random.default_rng(2).uniform(-2, 2, (3, 4, 2))
    values = surface.value(grid)
    assert values.shape == (3, 4)
    assert np.allclose(values, [[surface.value(p) for p in row] for row in grid])


def test_valley_curvatures_are_its_eigenvalues_and_its_minimum_is_flat():
    v = Valley(lam=(0.2, 10.0), degrees=-25)
    assert np.allclose(curvatures(v, [1.0, -2.0]), [0.2, 10.0])
    assert np.allclose(v.grad(v.minimum), 0) and v.value(v.minimum) == 0


def test_rosenbrock_and_saddle_critical_points():
    r = Rosenbrock(a=1.0, b=10.0)
    assert np.allclose(r.grad(r.minimum), 0) and np.all(curvatures(r, r.minimum) > 0)
    s = Saddle(c=0.3)
    lo, hi = curvatures(s, s.saddle)
    assert np.isclose(lo, -0.3) and np.isclose(hi, 1.0)   # down across the ridge, up along it
    for m in s.minima:
        assert np.allclose(s.grad(m), 0) and np.all(curvatures(s, m) > 0)


def test_line_fit_matches_torch_and_its_minimum_is_least_squares():
    fit = LineFit(X, T)
    p = torch.tensor([0.3, -0.7], dtype=torch.float64, requires_grad=True)
    batch = [0, 3, 5, 11]
    x, t = torch.tensor(X[batch]), torch.tensor(T[batch])
    loss = torch.mean((p[0] * x + p[1] - t) ** 2)
    loss.backward()
    assert np.isclose(fit.value(p.detach().numpy(), batch), loss.item())
    assert np.allclose(fit.grad(p.detach().numpy(), batch), p.grad.numpy())
    assert np.allclose(fit.grad(fit.minimum), 0, atol=1e-12)
    w, b = np.polyfit(X, T, 1)
    assert np.allclose(fit.minimum, [w, b])

"""The gradient check's two formulas on closed forms (the estimator-level check is tested
in test_multilayer_perceptron.py)."""

import numpy as np
import pytest

from homemade.neural_network.gradient_check import numerical_gradient, relative_error


def test_relative_error_closed_forms():
    a = np.array([3.0, 4.0])  # ‖a‖ = 5
    assert relative_error(a, a) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0)  # opposite directions: the maximum
    assert relative_error(a, 2 * a) == pytest.approx(5 / 15)  # ‖a‖ / (‖a‖ + 2‖a‖)
    assert relative_error(a, np.zeros(2)) == pytest.approx(1.0)
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0  # two zero gradients agree


def test_relative_error_does_not_depend_on_the_scale_of_the_cost():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=10), rng.normal(size=10)
    assert relative_error(1e6 * a, 1e6 * b) == pytest.approx(relative_error(a, b), rel=1e-12)


def test_numerical_gradient_of_a_cubic_is_exact_up_to_epsilon_squared():
    # J = Σ θ³/3: ∂J/∂θᵢ = θᵢ², and the central difference is θᵢ² + ε²/3 exactly.
    theta, epsilon = np.array([1.0, -2.0, 0.5]), 1e-3
    before = theta.copy()
    numeric = numerical_gradient(lambda t: np.sum(t**3) / 3, theta, np.array([0, 2]), epsilon)
    np.testing.assert_allclose(numeric, theta[[0, 2]] ** 2 + epsilon**2 / 3, rtol=1e-9)
    np.testing.assert_array_equal(theta, before)  # θ is left unchanged

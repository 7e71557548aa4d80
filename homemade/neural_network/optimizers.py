"""The optimizers: how one gradient ∇J(θ) turns into a step of the parameters θ.

Each has a ``step(theta, gradient)`` that returns the new θ and leaves both arguments
unchanged; what an optimizer remembers between steps (the velocity v, the moments u and
r) is its own state. The symbols are those of the math page (``README.md``).
"""

import numpy as np


class GradientDescent:
    """θ := θ − α∇J(θ).

    Parameters
    ----------
    learning_rate : float
        The step size α.
    """

    def __init__(self, learning_rate):
        self.learning_rate = learning_rate

    def step(self, theta, gradient):
        """One step.

        Parameters
        ----------
        theta, gradient : ndarray of shape (n_parameters,)

        Returns
        -------
        ndarray of shape (n_parameters,), the new θ
        """
        return theta - self.learning_rate * gradient


class Momentum:
    """v := μv − α∇J(θ), θ := θ + v: steps build up speed along directions that agree.

    Parameters
    ----------
    learning_rate : float
        The step size α.
    momentum : float
        μ in [0, 1): how much of the previous velocity is kept.
    theta : ndarray of shape (n_parameters,)
        The initial θ, for the shape and type of the velocity v (it starts at 0).
    """

    def __init__(self, learning_rate, momentum, theta):
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.v = np.zeros_like(theta)

    def step(self, theta, gradient):
        """One step; see ``GradientDescent.step``."""
        self.v = self.momentum * self.v - self.learning_rate * gradient
        return theta + self.v


class Adam:
    """Adam: momentum on the gradient divided by the root of a running mean of its square.

    With g = ∇J(θ) and t the number of steps so far:

    u := β₁u + (1 − β₁)g,  r := β₂r + (1 − β₂)g⊙g,
    û = u/(1 − β₁ᵗ),  r̂ = r/(1 − β₂ᵗ),  θ := θ − α·û/(√r̂ + ε).

    u (the first moment) and r (the second moment) start at 0; û and r̂ correct for that
    start. Each parameter moves by about α whatever the scale of its gradient.

    Parameters
    ----------
    learning_rate : float
        The step size α.
    theta : ndarray of shape (n_parameters,)
        The initial θ, for the shape and type of u and r.
    beta1, beta2 : float, default=0.9, 0.999
        β₁, β₂: the decay rates of the two running means.
    epsilon : float, default=1e-8
        ε, which keeps the division finite where r̂ = 0.
    """

    def __init__(self, learning_rate, theta, beta1=0.9, beta2=0.999, epsilon=1e-8):
        self.learning_rate = learning_rate
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon
        self.u = np.zeros_like(theta)
        self.r = np.zeros_like(theta)
        self.t = 0

    def step(self, theta, gradient):
        """One step; see ``GradientDescent.step``."""
        self.t += 1
        # u and r are this optimizer's own buffers: updated in place, no new arrays.
        self.u *= self.beta1
        self.u += (1 - self.beta1) * gradient
        self.r *= self.beta2
        self.r += (1 - self.beta2) * gradient**2
        u_hat = self.u / (1 - self.beta1**self.t)
        r_hat = self.r / (1 - self.beta2**self.t)
        return theta - self.learning_rate * u_hat / (np.sqrt(r_hat) + self.epsilon)


def make_optimizer(solver, learning_rate, momentum, theta):
    """The optimizer named by ``solver``.

    Parameters
    ----------
    solver : {"gradient_descent", "momentum", "adam"}
    learning_rate : float
        α.
    momentum : float
        μ, used by ``"momentum"`` only.
    theta : ndarray of shape (n_parameters,)
        The initial θ.

    Returns
    -------
    GradientDescent, Momentum or Adam
    """
    if solver == "adam":
        return Adam(learning_rate, theta)
    if solver == "momentum":
        return Momentum(learning_rate, momentum, theta)
    return GradientDescent(learning_rate)

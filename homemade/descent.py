"""What the course's two gradient-descent loops share: telling divergence from rounding.

Linear regression's ``gradient_descent`` and logistic regression's (in ``solvers.py``) keep
one contract: they return θ, the cost history J as a 1-D float array (J before the first
step and after every step), and why they stopped, one of :data:`STOPS`. They never warn and
never advise; the estimators do (``LinearRegression.fit``, ``LogisticRegression.fit``).
"""

import numpy as np

#: Why a descent stopped: a step lowered J by less than ``tol`` times J; ``max_iter`` steps
#: ran out first; or the last step raised J beyond rounding (or overflowed): α is too large.
STOPS = ("converged", "max_iter", "diverged")


def diverged(cost_history, dtype=np.float64):
    """Did the last step raise the cost J by more than rounding can?

    Both costs are convex: with a small enough α every step lowers J. Rounding in ``dtype``
    (machine epsilon ε: 2.2e-16 in float64, 1.2e-7 in float32) moves J by a few ε of
    itself, so a rise beyond √ε of J (1.5e-8 in float64, 3.5e-4 in float32) is overshoot;
    a too-large α then makes J grow geometrically, or overflow to inf or NaN. On a (nearly)
    exact fit J is pure rounding noise: a J below 10⁴·ε of the starting cost is not
    divergence, whatever it does.

    Parameters
    ----------
    cost_history : sequence of float, length ≥ 2
        J before the first step and after every step so far.
    dtype : numpy floating type, default=numpy.float64
        The type J was computed in.

    Returns
    -------
    bool
    """
    eps = np.finfo(dtype).eps
    previous, current = cost_history[-2], cost_history[-1]
    if not np.isfinite(current):
        return True
    return bool(current > previous * (1 + np.sqrt(eps)) and current > 1e4 * eps * cost_history[0])

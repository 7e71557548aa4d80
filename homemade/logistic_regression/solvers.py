"""The two ways LogisticRegression minimizes its cost J: the course's gradient descent, and
SciPy's L-BFGS-B on our cost and gradient (``README.md`` beside this file, "The algorithm
step by step", step 3).

Both take ``cost_gradient(theta, *args)``, which returns J(θ) and ∇J(θ): one of the cost
functions of ``logistic_regression.py``. Both keep the contract of ``homemade/descent.py``:
they return θ, the cost history as a float array and why they stopped ("converged",
"max_iter", "diverged"); ``LogisticRegression.fit`` warns or raises from it.
"""

import numpy as np
from scipy.optimize import minimize

from homemade._blas import scipy_blas_on_one_thread
from homemade.descent import diverged


def gradient_descent(cost_gradient, theta, args, *, learning_rate, max_iter, tol):
    """The course's batch gradient descent: θ ← θ − α∇J(θ), until J stops falling.

    Parameters
    ----------
    cost_gradient : callable
        ``cost_gradient(theta, *args)`` returns J(θ) and ∇J(θ).
    theta, args : ndarray (the start, any shape), tuple (the data ``(X, y, regularization)``)
    learning_rate, max_iter : float, int
        The step α > 0; the most steps.
    tol : float
        Stop once a step lowers J by less than ``tol`` times J.

    Returns
    -------
    theta : ndarray, same shape as the start
        θ where the descent stopped.
    cost_history : ndarray of shape (steps + 1,)
        J before the first step and after every step (float64).
    stop : {"converged", "max_iter", "diverged"}
        Why it stopped: the ``tol`` test; ``max_iter`` ran out; the last step raised J
        beyond rounding or overflowed (α is too large; ``homemade.descent.diverged``).
    """
    cost, gradient = cost_gradient(theta, *args)
    cost_history = [float(cost)]
    for _ in range(max_iter):
        theta = theta - learning_rate * gradient
        # A too-large α makes θ overflow: that is a divergence, reported by the estimator.
        with np.errstate(over="ignore", invalid="ignore"):
            cost, gradient = cost_gradient(theta, *args)
        cost_history.append(float(cost))
        if diverged(cost_history, theta.dtype):
            return theta, np.array(cost_history), "diverged"
        if cost_history[-2] - cost_history[-1] <= tol * cost_history[-2]:
            return theta, np.array(cost_history), "converged"
    return theta, np.array(cost_history), "max_iter"


def lbfgs(cost_gradient, theta, args, *, max_iter, tol):
    """Minimize J with SciPy's L-BFGS-B, handing it our cost and gradient.

    Parameters
    ----------
    cost_gradient, theta, args
        As for :func:`gradient_descent`.
    max_iter : int
        The most L-BFGS-B iterations.
    tol : float
        SciPy's ``ftol`` (stop once an iteration lowers J by less than ``tol`` times
        max(J, 1)) and ``gtol`` (stop once every component of ∇J is at most ``tol``).

    Returns
    -------
    theta : ndarray, same shape and type as the start
    cost_history : ndarray of shape (iterations + 1,)
        J before the first iteration and after every one (float64).
    stop : {"converged", "max_iter"}
        "max_iter" only when ``max_iter`` ran out (its line search never lets J rise).
    """
    shape, dtype = theta.shape, theta.dtype

    def flat_cost_gradient(flat):
        # SciPy works on one flat float64 vector: θ gets back its shape (a matrix for
        # softmax) and our dtype here, and the gradient goes back flat, in float64.
        cost, gradient = cost_gradient(flat.reshape(shape).astype(dtype), *args)
        return float(cost), gradient.ravel().astype(np.float64)

    cost_history = [float(cost_gradient(theta, *args)[0])]

    def record(intermediate_result):  # SciPy calls it after every iteration
        cost_history.append(float(intermediate_result.fun))

    with scipy_blas_on_one_thread():  # a speed fix only, see its docstring
        result = minimize(flat_cost_gradient, theta.ravel().astype(np.float64), jac=True,
                          method="L-BFGS-B", callback=record,
                          options=dict(maxiter=max_iter, ftol=tol, gtol=tol))
    # Status 1: max_iter ran out. Status 2 (the line search cannot lower J any more) means
    # J is at the limit of floating-point precision, which is converged enough.
    stop = "max_iter" if result.status == 1 else "converged"
    return result.x.reshape(shape).astype(dtype), np.array(cost_history), stop

"""The rest of Andrew Ng's ex4: checking back-propagation against finite differences, and
the random initialization that breaks the symmetry between hidden units, in the order of
``homemade/neural_network/README.md`` ("Checking the gradient", "Initialization").

``neural_network.py`` merges these exercises into the multilayer perceptron's list.
"""

import numpy as np

from homemade.exercises._checker import Exercise, Mistake, _call
from homemade.logistic_regression.logistic_regression import binary_cost_gradient
from homemade.neural_network.gradient_check import numerical_gradient, relative_error
from homemade.neural_network.network import cost, initial_weights, n_weights

PAGE = "homemade/neural_network/README.md"


# ---------------------------------------------------------- the numerical gradient
class _Cost:
    """A cost J(θ) of the cases, printed by what it is rather than as <function … at 0x…>."""

    def __init__(self, description, function):
        self.description, self.function = description, function

    def __call__(self, theta):
        return self.function(theta)

    def __repr__(self):
        return self.description


def _cubic(theta):
    return float(np.sum(theta**3) / 3 + theta[0] * theta[-1])


def _numeric_cases(rng):
    cases = [
        dict(
            J=_Cost("θ ↦ Σ θᵢ³/3 + θ₀θ₂", _cubic),
            theta=np.array([1.0, -2.0, 0.5]),
            entries=np.array([0, 2]),
            epsilon=1e-4,
        )
    ]
    X, y = np.column_stack([np.ones(8), rng.normal(size=(8, 2))]), (rng.uniform(size=8) < 0.5)

    def logistic_cost(theta):
        return binary_cost_gradient(theta, X, y.astype(float), 1.0)[0]

    cases.append(
        dict(
            J=_Cost("θ ↦ the log-loss of 8 examples, λ = 1", logistic_cost),
            theta=rng.normal(size=3),
            entries=np.arange(3),
            epsilon=1e-4,
        )
    )
    sizes, Xn = [3, 4, 3], rng.normal(size=(10, 3))
    yn = rng.integers(3, size=10)

    def network_cost(theta):
        return cost(theta, sizes, Xn, yn, "sigmoid", 0.5, len(Xn))

    size = n_weights(sizes) + sum(sizes[1:])
    cases.append(
        dict(
            J=_Cost("θ ↦ the cost of a 3-4-3 sigmoid network, 10 examples, λ = 0.5", network_cost),
            theta=rng.normal(scale=0.5, size=size),
            entries=np.array([0, 5, 11, 20, size - 1]),
            epsilon=1e-4,
        )
    )
    return cases


def _one_sided(J, theta, entries, epsilon):
    numeric = []
    for i in entries:
        step = np.zeros_like(theta)
        step[i] = epsilon
        numeric.append((J(theta + step) - J(theta)) / epsilon)
    return np.array(numeric)


def _over_epsilon(J, theta, entries, epsilon):
    return 2 * numerical_gradient(J, theta, entries, epsilon)


def _all_at_once(J, theta, entries, epsilon):
    return np.full(len(entries), (J(theta + epsilon) - J(theta - epsilon)) / (2 * epsilon))


# -------------------------------------------------------------- the relative error
def _relative_cases(rng):
    a = np.array([3.0, 4.0])
    cases = [
        dict(analytic=a, numeric=2 * a),
        dict(analytic=a, numeric=-a),
        dict(analytic=np.zeros(3), numeric=np.zeros(3)),
    ]
    for n in (5, 40):
        g = rng.normal(size=n)
        cases.append(dict(analytic=g, numeric=g + 1e-7 * rng.normal(size=n)))
        cases.append(dict(analytic=g, numeric=rng.normal(size=n)))
    return cases


def _ng_denominator(analytic, numeric):
    with np.errstate(all="ignore"):
        return np.linalg.norm(analytic - numeric) / np.linalg.norm(analytic + numeric)


def _absolute(analytic, numeric):
    return float(np.linalg.norm(analytic - numeric))


def _nan_for_zeros(analytic, numeric):
    with np.errstate(all="ignore"):
        top = np.linalg.norm(analytic - numeric)
        return top / (np.linalg.norm(analytic) + np.linalg.norm(numeric))


def _beside_zero_gradients(wrong):
    """Recognise ``wrong`` where a + b ≠ 0 (so not both zero): what a learner returns for
    0/0, in Ng's denominator or another, is its own choice."""

    def recognise(function, cases):
        shown = [c for c in cases if np.any(c["analytic"] + c["numeric"])]
        return all(np.isclose(float(_call(function, c)), wrong(**c)) for c in shown)

    return recognise


def _over_first_norm(analytic, numeric):
    with np.errstate(all="ignore"):
        return np.linalg.norm(analytic - numeric) / np.linalg.norm(analytic)


def _largest_entries(analytic, numeric):
    with np.errstate(all="ignore"):
        top = np.abs(analytic - numeric).max()
        return top / (np.abs(analytic).max() + np.abs(numeric).max())


def _squared_norms(analytic, numeric):
    with np.errstate(all="ignore"):
        return np.sum((analytic - numeric) ** 2) / (np.sum(analytic**2) + np.sum(numeric**2))


# ------------------------------------------------------------ random initialization
def _init_cases(rng):
    sizes = ((3, 2), (401, 25), (26, 300), (65, 10))  # (401, 25): Ng's ex4 hidden layer
    return [
        dict(fan_in=a, fan_out=b, kind=kind, rng=np.random.default_rng(seed))
        for kind in ("xavier", "he")
        for seed, (a, b) in enumerate(sizes)
    ]


def _init_problem(expected, got, case):
    fan_in, fan_out, kind = case["fan_in"], case["fan_out"], case["kind"]
    try:
        W = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return f"expected a NumPy array of weights, got {type(got).__name__}"
    if W.shape != (fan_in, fan_out):
        return (
            f"expected shape (fan_in, fan_out) = {(fan_in, fan_out)}, got {W.shape}: one "
            "row per input, one column per unit of the layer"
        )
    if not np.isfinite(W).all():
        return "the weights hold NaN or ∞"
    if np.ptp(W) == 0:
        return (
            f"every weight is {W.flat[0]:g}: all units of the layer then compute the same "
            "and receive the same gradient, so they stay identical (the symmetry is never "
            "broken)"
        )
    if fan_in > 1 and np.all(W == W[0]):
        return "every row is the same: draw each weight on its own, not one row repeated"
    if fan_out > 1 and np.all(W == W[:, :1]):
        return (
            "every column (every unit) has the same weights: the units stay identical; "
            "draw each weight on its own"
        )
    return _xavier_problem(W) if kind == "xavier" else _he_problem(W)


def _xavier_problem(W):
    limit = np.sqrt(6.0 / sum(W.shape))
    if np.abs(W).max() > limit * (1 + 1e-12):
        return (
            f"a weight of {np.abs(W).max():.4g} lies outside ±√(6/(fan_in + fan_out)) "
            f"= ±{limit:.4g}: Xavier draws uniformly in [−limit, limit]"
        )
    if W.size < 1000:
        return None  # too few draws to judge their spread
    if W.min() > -0.95 * limit or W.max() < 0.95 * limit:
        return (
            f"the weights run from {W.min():.4g} to {W.max():.4g}: a uniform draw on "
            f"[−{limit:.4g}, {limit:.4g}] fills the whole interval, negative half too"
        )
    return _spread_problem(W, limit / np.sqrt(3), "uniform on [−limit, limit]")


def _he_problem(W):
    sigma = np.sqrt(2.0 / W.shape[0])
    if W.size < 1000:
        return None
    problem = _spread_problem(W, sigma, "normal N(0, 2/fan_in)")
    if problem is None and np.mean(np.abs(W) > 2 * sigma) < 0.02:
        return (
            "no weight lies beyond 2σ: He draws from a normal distribution "
            "(rng.standard_normal), about 4.6 % of its draws are that far out"
        )
    return problem


def _spread_problem(W, sigma, law):
    if abs(W.mean()) > 6 * sigma / np.sqrt(W.size):
        return f"the weights' mean is {W.mean():.4g}; a {law} draw has mean 0"
    if abs(W.std() / sigma - 1) > 0.05:
        return (
            f"the weights' standard deviation is {W.std():.4g}, where a {law} draw has {sigma:.4g}"
        )
    return None


def _init_behaviour(function):
    draws = [
        np.asarray(
            _call(function, dict(fan_in=30, fan_out=20, kind=kind, rng=np.random.default_rng(seed)))
        )
        for kind in ("xavier", "he")
        for seed in (1, 1, 2)
    ]
    for same, again, other in (draws[:3], draws[3:]):
        if not np.array_equal(same, again):
            return (
                "two generators with the same seed gave different weights: draw with the "
                "rng you are given (rng.uniform, rng.standard_normal), nothing else"
            )
        if np.array_equal(same, other):
            return (
                "two different seeds gave the same weights: draw with the rng you are "
                "given, do not make your own"
            )
    return None


def _all_cases(test):
    def recognise(function, cases):
        return all(test(np.asarray(_call(function, c), dtype=float), c) for c in cases)

    return recognise


def _init_zeros(fan_in, fan_out, kind, rng):
    return np.zeros((fan_in, fan_out))


def _init_never_negative(fan_in, fan_out, kind, rng):
    return np.abs(initial_weights(fan_in, fan_out, kind, rng))


def _init_fixed(fan_in, fan_out, kind, rng):
    return rng.uniform(-0.12, 0.12, (fan_in, fan_out))


def _init_transposed(fan_in, fan_out, kind, rng):
    return initial_weights(fan_out, fan_in, kind, rng)


def _is_transposed(W, case):
    return W.shape == (case["fan_out"], case["fan_in"]) != (case["fan_in"], case["fan_out"])


_RECOGNISE_INIT = {
    "zeros": _all_cases(lambda W, c: W.size > 0 and np.ptp(W) == 0),
    "never negative": _all_cases(lambda W, c: W.min() >= 0 and W.max() > 0),
    "fixed": _all_cases(
        lambda W, c: np.abs(W).max() <= 0.12 and (W.size < 1000 or np.abs(W).max() > 0.115)
    ),
    "transposed": lambda function, cases: any(
        _is_transposed(np.asarray(_call(function, c)), c) for c in cases
    ),
}

EXERCISES = [
    Exercise(
        name="neural_network.numerical_gradient",
        reference=numerical_gradient,
        cases=_numeric_cases,
        page=f"{PAGE}, section 'Checking the gradient'",
        rtol=1e-6,
        mistakes=[
            Mistake(
                "a one-sided difference (J(θ + εeᵢ) − J(θ)) / ε",
                "use the two-sided (central) difference (J(θ + εeᵢ) − J(θ − εeᵢ)) / (2ε): its "
                "error shrinks like ε², the one-sided one's only like ε.",
                _one_sided,
            ),
            Mistake(
                "dividing by ε where the two-sided difference needs 2ε",
                "θ + εeᵢ and θ − εeᵢ are 2ε apart: divide the difference of the costs by "
                "2 * epsilon.",
                _over_epsilon,
            ),
            Mistake(
                "moving every entry of θ at once (θ + ε) instead of one entry",
                "perturb one entry at a time: θ + εeᵢ, with eᵢ zero everywhere but at i.",
                _all_at_once,
            ),
        ],
    ),
    Exercise(
        name="neural_network.relative_error",
        reference=relative_error,
        cases=_relative_cases,
        page=f"{PAGE}, section 'Checking the gradient'",
        mistakes=[
            Mistake(
                "the denominator ‖a + b‖ of Andrew Ng's ex4 (checkNNGradients)",
                "divide by ‖a‖ + ‖b‖: the same verdict when the gradients agree, but it stays "
                "between 0 and 1, also when b = −a (a sign error), where ‖a + b‖ = 0.",
                _ng_denominator,
                recognise=_beside_zero_gradients(_ng_denominator),
            ),
            Mistake(
                "the absolute difference ‖a − b‖, not relative to the gradients' size",
                "divide by ‖a‖ + ‖b‖, so that the error does not grow with the scale of J.",
                _absolute,
            ),
            Mistake(
                "0/0 = NaN when both gradients are zero",
                "two zero vectors agree exactly: return 0 when ‖a‖ + ‖b‖ = 0.",
                _nan_for_zeros,
            ),
            Mistake(
                "‖a‖ alone in the denominator",
                "divide by ‖a‖ + ‖b‖: both gradients count, and the error stays finite "
                "when one of them is zero.",
                _over_first_norm,
                recognise=_beside_zero_gradients(_over_first_norm),
            ),
            Mistake(
                "the largest entries where the Euclidean norms are asked",
                "‖v‖ is np.linalg.norm(v), the square root of the sum of squares, not the "
                "largest |vᵢ|.",
                _largest_entries,
                recognise=_beside_zero_gradients(_largest_entries),
            ),
            Mistake(
                "squared norms: ‖a − b‖² / (‖a‖² + ‖b‖²)",
                "take the norms themselves, np.linalg.norm, without squaring: the squared "
                "ratio makes a 1e-4 disagreement look like 1e-8.",
                _squared_norms,
                recognise=_beside_zero_gradients(_squared_norms),
            ),
        ],
    ),
    Exercise(
        name="neural_network.initial_weights",
        reference=initial_weights,
        cases=_init_cases,
        compare=_init_problem,
        behaviour=_init_behaviour,
        page=f"{PAGE}, section 'Initialization'",
        mistakes=[
            Mistake(
                "all weights equal (zeros): the symmetry between hidden units is never broken",
                "every unit of the layer gets the same gradient and stays identical to the "
                "others: draw the weights at random (rng.uniform, rng.standard_normal).",
                _init_zeros,
                recognise=_RECOGNISE_INIT["zeros"],
            ),
            Mistake(
                "weights in [0, ε) only (Andrew Ng's rand · 2ε − ε without the − ε)",
                "the draw must be centred on 0: rng.uniform(-limit, limit, ...), or "
                "rng.random(...) * 2 * limit - limit.",
                _init_never_negative,
                recognise=_RECOGNISE_INIT["never negative"],
            ),
            Mistake(
                "a fixed ε_init = 0.12 for every layer",
                "0.12 is ex4's √6/√(400 + 25) for its one layer; the limit follows each "
                "layer's size: √(6/(fan_in + fan_out)).",
                _init_fixed,
                recognise=_RECOGNISE_INIT["fixed"],
            ),
            Mistake(
                "the shape (fan_out, fan_in), ex4's Theta layout, transposed",
                "here W has one row per input and one column per unit: shape "
                "(fan_in, fan_out), used as a @ W.",
                _init_transposed,
                recognise=_RECOGNISE_INIT["transposed"],
            ),
        ],
    ),
]

"""The checker's machinery (issue 19, items 1-4; issue 18, item 17): each diagnosis fires on
a constructed wrong function and never on a correct one; time limits, SystemExit, positional
calls, partly written functions, inputs changed in place, random draws, summary's marking,
hints, and the closest name for a misspelt one."""

import inspect
import threading

import numpy as np
import pytest

from homemade.exercises import EXERCISES, check, hint, list_exercises, solution, summary
from homemade.exercises._sampling import d2_sampling_p_value
from homemade.exercises._shapes import diagnose_shape
from homemade.k_means.k_means import squared_distances


def _message(name, function):
    result = check(name, function, quiet=True)
    assert not result.passed, result.message
    return result


# ------------------------------------------------------------------ the diagnoses
def _cost(theta, X, y, lam):
    residual = X @ theta - y
    return (residual @ residual + lam * theta[1:] @ theta[1:]) / (2 * len(y))


def _gradient(theta, X, y, lam):
    penalty = lam * theta
    penalty[0] = 0.0
    return (X.T @ (X @ theta - y) + penalty) / len(y)


def _forward_softmax_without_max(weights, biases, X, activation):
    activations = [X]
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        z = activations[-1] @ W + b
        activations.append(np.maximum(z, 0) if activation == "relu" else 1 / (1 + np.exp(-z)))
    e = np.exp(activations[-1] @ weights[-1] + biases[-1])
    return activations, e / e.sum(axis=1, keepdims=True)


DIAGNOSES = [
    # (exercise, wrong function, words the message must hold)
    ("linear_regression.cost", lambda t, X, y, lam: 2 * len(y) * _cost(t, X, y, lam), "2m"),
    ("linear_regression.cost", lambda t, X, y, lam: _cost(t, X, y, lam) / len(y), "1/m"),
    ("linear_regression.gradient", lambda t, X, y, lam: -_gradient(t, X, y, lam), "sign"),
    ("linear_regression.gradient", lambda t, X, y, lam: 2 * _gradient(t, X, y, lam), "factor of 2"),
    (
        "linear_regression.gradient",
        lambda t, X, y, lam: _gradient(t, X, y, lam)[:, None],
        "the right numbers in the wrong shape",
    ),
    ("linear_regression.gradient", lambda t, X, y, lam: list(_gradient(t, X, y, lam)), "list"),
    (
        "linear_regression.gradient",
        lambda t, X, y, lam: _gradient(t, X, y, lam) + np.r_[1.0, np.zeros(len(t) - 1)],
        "θ₀",
    ),
    (
        "logistic_regression.sigmoid",
        lambda z: np.array([1 / (1 + np.exp(-v)) for v in np.ravel(z)]),
        "1-D and wrong when it is 2-D",
    ),
    ("k_means.squared_distances", lambda X, c: squared_distances(X, c).T, "transposed"),
    ("anomaly_detection.estimate_mean", lambda X: X.mean(axis=1), "wrong axis"),
    ("anomaly_detection.estimate_mean", lambda X: X.mean(axis=0) + 1.0, "same amount"),
    (
        "anomaly_detection.log_density",
        lambda X, mu, var: np.log(
            np.prod(np.exp(-((X - mu) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var), axis=1)
        ),
        "underflow",
    ),
    ("neural_network.forward_propagation", _forward_softmax_without_max, "overflow"),
    ("k_means.assign", lambda d: d.shape[1] - 1 - d[:, ::-1].argmin(axis=1), "ties"),
    (
        "anomaly_detection.estimate_variance",
        lambda X, mu: (
            np.r_[((X - mu) ** 2).mean(axis=0)[:-1], 0.0][: X.shape[1]]
            if X.shape[1] > 2
            else ((X - mu) ** 2).mean(axis=0)
        ),
        "last entry",
    ),
]


def _ref(name):
    return EXERCISES[name].reference


def _f1_swapped(p, y, epsilons):
    precision, recall, f1 = _ref("anomaly_detection.f1_search")(p, y, epsilons)
    return recall, precision, f1


DIAGNOSES += [
    # Findings read off the difference.
    ("anomaly_detection.f1_search", _f1_swapped, "swapped"),
    ("k_means.assign", lambda d: d.argmin(axis=1) + 1, "off by one"),
    ("k_means.assign", lambda d: d.min(axis=1), "the values themselves where their index"),
    ("logistic_regression.predict_class", lambda t, X: X @ t, "np.argmax(..., axis=1) is missing"),
    (
        "logistic_regression.sigmoid",
        lambda z: np.round(_ref("logistic_regression.sigmoid")(z)),
        "rounded",
    ),
    (
        "anomaly_detection.log_density",
        lambda X, mu, var: np.exp(_ref("anomaly_detection.log_density")(X, mu, var)),
        "e to the power",
    ),
    (
        "neural_network.activation_derivative",
        lambda a, act: a * (1 - a) if act == "sigmoid" else (a >= 0).astype(float),
        "exactly 0",
    ),
    (
        "anomaly_detection.estimate_mean",
        lambda X: X.sum(axis=0) / X.shape[1],
        "divide by m, not by X.shape[1]",
    ),
    # Findings from probing the reference ("what if") and the learner (λ = 0, an input changed).
    (
        "linear_regression.gradient",
        lambda t, X, y, lam: X.T @ (X @ t - y) / len(y),
        "the penalty left out",
    ),
    (
        "linear_regression.normal_equation",
        lambda X, y, lam: _ref("linear_regression.normal_equation")(X, y, lam / len(y)),
        "λ/m",
    ),
    (
        "anomaly_detection.f1_search",
        lambda p, y, eps: _ref("anomaly_detection.f1_search")(p, 1 - y, eps),
        "1 − y",
    ),
    (
        "anomaly_detection.log_density",
        lambda X, mu, var: _ref("anomaly_detection.log_density")(X, mu, var**2),
        "covariance²",
    ),
    (
        "linear_regression.cost",
        lambda t, X, y, lam: _cost(t, X, y, 2 * lam) if lam else _cost(t, X, y, lam),
        "the penalty's part",
    ),
    (
        "k_means.update",
        lambda X, labels, k: np.tile(X.mean(axis=0), (k, 1)),
        "does not depend on labels",
    ),
    (
        "k_means.update",  # centroids stored into np.zeros_like(labels): whole numbers
        lambda X, labels, k: np.array([X[labels == j].mean(axis=0) for j in range(k)]).astype(int),
        "an integer array cuts them off",
    ),
]


def _descent(X, y, lam, alpha, max_iter, tol, *, start=0.0, sign=-1.0, relative=True):
    cost, gradient = _ref("linear_regression.cost"), _ref("linear_regression.gradient")
    theta = np.full(X.shape[1], start)
    costs = [cost(theta, X, y, lam)]
    for _ in range(max_iter):
        theta = theta + sign * alpha * gradient(theta, X, y, lam)
        costs.append(cost(theta, X, y, lam))
        if sign < 0 and costs[-1] > costs[-2]:  # (an uphill walk never says so)
            return theta, np.array(costs), "diverged"
        if costs[-2] - costs[-1] <= (tol * costs[-2] if relative else tol):
            return theta, np.array(costs), "converged"
    return theta, np.array(costs), "max_iter"


def _reseed(labels, closest, k, *, pick=np.argmax, update=True):
    labels, counts = labels.copy(), np.bincount(labels, minlength=k)
    donors = counts[labels] >= 2
    i = int(pick(np.where(donors, closest, -1.0 if pick is np.argmax else np.inf)))
    for j in np.flatnonzero(counts == 0):
        if update:
            donors = counts[labels] >= 2
            i = int(pick(np.where(donors, closest, -1.0 if pick is np.argmax else np.inf)))
            counts[labels[i]] -= 1
            counts[j] = 1
        labels[i] = j
    return labels


DIAGNOSES += [
    (
        "linear_regression.gradient_descent",
        lambda *a: _descent(*a, start=1.0),
        "starts at another cost",
    ),
    (
        "linear_regression.gradient_descent",
        lambda *a: _descent(*a, sign=1.0)[:2] + ("max_iter",),
        "your cost rises",
    ),
    (
        "linear_regression.gradient_descent",
        lambda *a: _descent(*a, relative=False),
        "the descent stops at another step",
    ),
    ("k_means.reseed_empty_clusters", lambda *a: _reseed(*a, update=False), "still empty"),
    (
        "k_means.reseed_empty_clusters",
        lambda *a: _reseed(*a, pick=np.argmin),
        "another point moved",
    ),
]


def _directions(X):
    Xc = X - X.mean(axis=0)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt.T, s**2 / len(X)


def test_a_principal_direction_is_checked_up_to_its_sign():
    def negated_second(X):  # −u is a principal direction too
        U, variances = _directions(X)
        return U * np.where(np.arange(U.shape[1]) == 1, -1.0, 1.0), variances

    assert check("principal_component_analysis.principal_components", negated_second,
                 quiet=True).passed
    # The sign is the only freedom: directions rotated in their plane are wrong.
    def rotated(X):
        U, variances = _directions(X)
        c, s = np.cos(0.1), np.sin(0.1)
        return U @ np.block([[np.array([[c, -s], [s, c]]), np.zeros((2, len(U) - 2))],
                             [np.zeros((len(U) - 2, 2)), np.eye(len(U) - 2)]]), variances

    assert not check("principal_component_analysis.principal_components", rotated,
                     quiet=True).passed
    # Only the directions returned alone: named as such, whatever their signs.
    result = check("principal_component_analysis.principal_components",
                   lambda X: -_directions(X)[0], quiet=True)
    assert "only the first of the 2 return values" in result.message.lower(), result.message


def test_float32_rounding_is_named_not_taken_for_a_transposed_sigma():
    def covariance_float32(X):  # Σ is symmetric: "transposed" can never be the cause
        X = np.asarray(X, dtype=np.float32)
        centred = X - X.mean(axis=0)
        return centred.T @ centred / len(X)

    result = check("principal_component_analysis.covariance_matrix", covariance_float32,
                   quiet=True)
    assert "float32 where the inputs are float64" in result.message.lower(), result.message
    assert "transposed" not in result.message


def test_a_path_without_return_is_named_and_its_none_shown():
    def choose_k(variances, share):  # range(1, r) never reaches k = r
        for k in range(1, len(variances)):
            if np.sum(variances[:k]) / np.sum(variances) >= share:
                return k

    result = check("principal_component_analysis.choose_k", choose_k, quiet=True)
    assert "a forgotten `return`" in result.message.lower(), result.message
    assert result.message.endswith("got:\n  None")


def test_an_input_restored_but_for_rounding_is_said_so():
    def numerical_gradient(J, theta, entries, epsilon):  # + ε, − 2ε, + ε: off by an ulp
        result = np.zeros(len(entries))
        for k, i in enumerate(entries):
            theta[i] += epsilon
            up = J(theta)
            theta[i] -= 2 * epsilon
            down = J(theta)
            theta[i] += epsilon
            result[k] = (up - down) / (2 * epsilon)
        return result

    result = check("neural_network.numerical_gradient", numerical_gradient, quiet=True)
    assert "does not round back exactly" in result.message, result.message
    assert "old = theta[i]" in result.message


def test_a_result_of_the_wrong_shape_is_not_said_to_ignore_an_input():
    def numerical_gradient(J, theta, entries, epsilon):  # one value per θ, not per entry
        result = np.zeros_like(theta)
        for i in entries:
            step = np.zeros_like(theta)
            step[i] = epsilon
            result[i] = (J(theta + step) - J(theta - step)) / (2 * epsilon)
        return result

    result = check("neural_network.numerical_gradient", numerical_gradient, quiet=True)
    assert "expected shape (2,), got shape (3,)" in result.message.lower(), result.message
    assert "does not depend on" not in result.message


def test_return_values_in_another_order_are_named_not_a_crash():
    reference = _ref("linear_regression.gradient_descent")

    def gradient_descent(X, y, regularization, learning_rate, max_iter, tol):
        theta, costs, stop = reference(X, y, regularization, learning_rate, max_iter, tol)
        return theta, stop, costs  # an array where a word goes: no element-wise ==

    result = check("linear_regression.gradient_descent", gradient_descent, quiet=True)
    assert "yours come as (theta, stop, cost_history)" in result.message, result.message


def test_a_count_is_not_said_to_be_off_by_a_factor():
    def strictly_more(variances, share):  # 3 where 2 keeps exactly 75 %: not "1.5 times"
        retained = np.cumsum(variances) / np.sum(variances)
        return int(np.searchsorted(retained, share, side="right")) + 1

    result = check("principal_component_analysis.choose_k", strictly_more, quiet=True)
    assert result.mistake == "'more than' the share where 'at least' is asked", result.message
    assert "factor" not in result.message


@pytest.mark.parametrize("name, function, words", DIAGNOSES, ids=[w for _, _, w in DIAGNOSES])
def test_each_diagnosis_names_the_mistake(name, function, words):
    result = _message(name, function)
    assert result.status == "mistake", result.message
    assert words.lower() in result.message.lower(), result.message


def test_a_square_result_from_broadcasting_is_named():
    finding = diagnose_shape(np.zeros(5), np.ones((5, 5)), {}, 1e-7, 1e-10)
    assert "broadcast" in finding.name


def test_a_counterexample_shows_the_digits_that_differ_and_marks_the_entries():
    def adam_step(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
        u = beta1 * u + (1 - beta1) * gradient
        r = beta2 * r + (1 - beta2) * gradient**2
        u_hat, r_hat = u / (1 - beta1**t), r / (1 - beta2**t)
        return theta - learning_rate * u_hat / np.sqrt(r_hat + epsilon), u, r  # ε inside √

    message = _message("neural_network.adam_step", adam_step).message
    marked = [line for line in message.splitlines() if line.startswith("  [")]
    assert "entries differ" in message and marked
    for line in marked:  # each marked entry prints two different numbers
        expected, got = line.split("expected ")[1].split(", got ")
        assert expected != got


CORRECT = [
    (
        "linear_regression.cost",
        lambda t, X, y, lam: float(
            np.mean((X @ t - y) ** 2) / 2 + lam * np.sum(t[1:] ** 2) / (2 * len(y))
        ),
    ),
    ("k_means.assign", lambda d: np.array([int(np.argmin(row)) for row in d])),
    ("logistic_regression.sigmoid", lambda z: 0.5 * (1 + np.tanh(np.asarray(z) / 2))),
    ("anomaly_detection.estimate_variance", lambda X, mu: np.var(X, axis=0)),
]


@pytest.mark.parametrize("name, function", CORRECT)
def test_correct_variants_pass_and_no_diagnosis_fires(name, function):
    result = check(name, function, quiet=True)
    assert result.passed, result.message
    assert not result.uses_library


# ------------------------------------------------------------ never hang, never escape
def test_an_endless_loop_is_stopped_with_a_message(monkeypatch):
    monkeypatch.setattr(EXERCISES["k_means.assign"], "time_limit", 0.2)

    def assign(d):
        while True:
            pass

    result = check("k_means.assign", assign, quiet=True)
    assert result.status == "error" and "was stopped: an endless loop?" in result.message


def test_the_time_limit_also_works_outside_the_main_thread(monkeypatch):
    monkeypatch.setattr(EXERCISES["k_means.assign"], "time_limit", 0.2)
    results = []

    def assign(d):
        while True:
            pass

    worker = threading.Thread(
        target=lambda: results.append(check("k_means.assign", assign, quiet=True))
    )
    worker.start()
    worker.join(10)
    assert results and "was stopped" in results[0].message


def test_a_learner_except_exception_does_not_swallow_the_time_limit(monkeypatch):
    monkeypatch.setattr(EXERCISES["k_means.assign"], "time_limit", 0.2)

    def assign(d):
        while True:
            try:
                while True:
                    pass
            except Exception:
                continue

    assert "was stopped" in check("k_means.assign", assign, quiet=True).message


def test_system_exit_is_reported_not_raised():
    def assign(d):
        raise SystemExit(1)

    result = check("k_means.assign", assign, quiet=True)
    assert result.status == "error" and "SystemExit" in result.message
    assert "exit() and sys.exit() end a program" in result.message


def test_arguments_are_passed_positionally():
    def cost(t, features, targets, lambda_):
        return _cost(t, features, targets, lambda_)

    assert check("linear_regression.cost", cost, quiet=True).passed


def test_every_case_lists_the_reference_parameters_in_order():
    for name, exercise in EXERCISES.items():
        parameters = list(inspect.signature(exercise.reference).parameters)
        for case in exercise.cases(np.random.default_rng(0)):
            assert list(case) == parameters[: len(case)], name


def test_a_partly_written_function_is_reported_as_such():
    def activation_derivative(a, activation):
        if activation == "relu":
            raise NotImplementedError
        return a * (1 - a)

    result = check("neural_network.activation_derivative", activation_derivative, quiet=True)
    assert result.status == "partly written"
    assert "raises NotImplementedError on 2 of 4 cases" in result.message


def test_passing_something_that_is_not_a_function_says_so():
    result = check("k_means.assign", np.zeros(3), quiet=True)
    assert result.status == "error" and "pass the function itself" in result.message


# ----------------------------------------------------------------- inputs changed
def test_an_input_changed_in_place_is_named():
    def estimate_variance(X, mean):
        X -= mean
        return (X**2).mean(axis=0)

    result = _message("anomaly_detection.estimate_variance", estimate_variance)
    assert result.mistake == "changing an input in place"
    assert "changed its input X in place" in result.message and "X = X - mean" in result.message


def test_an_alias_that_zeroes_the_callers_theta0_is_named():
    def gradient(theta, X, y, lam):
        penalty = theta  # an alias, not a copy
        penalty[0] = 0.0
        return (X.T @ (X @ theta - y) + lam * penalty) / len(y)

    result = _message("linear_regression.gradient", gradient)
    assert "changed its input theta" in result.message


def test_a_changed_list_item_is_named():
    def back_propagation(weights, activations, probabilities, y, activation):
        reference = EXERCISES["neural_network.back_propagation"].reference
        result = reference(weights, activations, probabilities, y, activation)
        weights[0] *= 1.0 + 1e-3
        return result

    result = _message("neural_network.back_propagation", back_propagation)
    assert "changed its input weights[0]" in result.message


# ------------------------------------------------------------------ random draws
def test_a_random_function_must_use_the_rng_it_is_given():
    def initial_weights(fan_in, fan_out, kind, rng):
        own = np.random.default_rng(0)
        reference = EXERCISES["neural_network.initial_weights"].reference
        return reference(fan_in, fan_out, kind, own)

    result = _message("neural_network.initial_weights", initial_weights)
    assert "seed" in result.message or "rng" in result.message


def _textbook_plusplus(X, k, rng):
    m = len(X)
    centers = X[[rng.integers(m)]]
    for _ in range(1, k):
        d2 = squared_distances(X, centers).min(axis=1)
        centers = np.vstack([centers, X[rng.choice(m, p=d2 / d2.sum())]])
    return centers


def test_textbook_d2_sampling_passes_the_chi_square_check():
    assert check("k_means.kmeans_plusplus", _textbook_plusplus, quiet=True).passed


def test_the_chi_square_check_rarely_flags_correct_draws():
    # 40 other blocks of 600 seeds: the smallest p-value stays far above the 1e-6 threshold.
    p_values = [d2_sampling_p_value(_textbook_plusplus, first_seed=1000 * b) for b in range(1, 41)]
    assert min(p_values) > 1e-3, min(p_values)


def test_draws_proportional_to_distance_not_squared_fail_the_chi_square_check():
    def kmeans_plusplus(X, k, rng):
        m = len(X)
        centers = X[[rng.integers(m)]]
        for _ in range(1, k):
            d = np.sqrt(squared_distances(X, centers).min(axis=1))
            centers = np.vstack([centers, X[rng.choice(m, p=d / d.sum())]])
        return centers

    assert d2_sampling_p_value(kmeans_plusplus) < 1e-20
    result = _message("k_means.kmeans_plusplus", kmeans_plusplus)
    assert "D(x)² / Σ D²" in result.message and "chi-square" in result.message


# -------------------------------------------------------- summary, hints, names
def test_summary_marks_the_library_function_and_pasted_solution_code(capsys):
    names = list_exercises("k_means")
    for name in names:
        check(name, None, quiet=True)
    solution("k_means.assign")
    source = capsys.readouterr().out.split("\n\n", 1)[1]
    namespace = {"np": np}
    exec(source, namespace)  # what a learner does who pastes solution()'s text
    assert check("k_means.assign", namespace["assign"], quiet=True).uses_library
    assert check("k_means.update", EXERCISES["k_means.update"].reference, quiet=True).uses_library
    summary("k_means")
    out = capsys.readouterr().out
    assert out.startswith("2 of 5 exercises pass, 2 of them with the library's own function.")
    assert "✓ k_means.assign: passed (uses the library's function)" in out


def test_every_exercise_has_three_hints():
    for name, exercise in EXERCISES.items():
        assert len(exercise.hints) == 3 and all(exercise.hints), name


def test_hint_gives_one_more_each_call_then_points_at_the_solution(capsys):
    name = "anomaly_detection.estimate_mean"
    for level in (1, 2, 3, 3):
        hint(name)
        out = capsys.readouterr().out
        assert out.startswith(f"Hint {level} of 3 for {name}: {EXERCISES[name].hints[level - 1]}")
    assert f'solution("{name}")' in out
    hint(name, 1)
    assert capsys.readouterr().out.startswith(f"Hint 1 of 3 for {name}")
    with pytest.raises(ValueError, match="has hints 1 to 3; got level=4"):
        hint(name, 4)


@pytest.mark.parametrize(
    "call, closest",
    [
        (lambda: solution("k_means.asign"), "Did you mean 'k_means.assign'?"),
        (lambda: hint("linear_regression.cots"), "Did you mean 'linear_regression.cost'?"),
        (lambda: summary("kmeans"), "Did you mean 'k_means'?"),
        (lambda: list_exercises("kmeans"), "The algorithms are: linear_regression"),
    ],
)
def test_a_misspelt_name_gives_the_closest_and_all_names(call, closest):
    with pytest.raises(ValueError, match="There (is|are) no exercise") as error:
        call()
    assert closest in str(error.value)


def test_check_with_a_misspelt_name_reports_the_closest():
    result = check("k_means.asign", None, quiet=True)
    assert result.status == "error" and "Did you mean 'k_means.assign'?" in result.message


def test_a_list_stands_for_a_tuple_of_results_everywhere():
    forward = EXERCISES["neural_network.forward_propagation"].reference
    standardize = EXERCISES["linear_regression.standardize"].reference
    f1_search = EXERCISES["anomaly_detection.f1_search"].reference
    for name, function in (
        ("neural_network.forward_propagation", lambda *a: list(forward(*a))),
        ("linear_regression.standardize", lambda X: list(standardize(X))),
        ("anomaly_detection.f1_search", lambda *a: np.array(f1_search(*a))),  # (3, k)
    ):
        assert check(name, function, quiet=True).passed, name


def test_only_the_first_of_several_return_values_is_named():
    standardize = EXERCISES["linear_regression.standardize"].reference
    result = _message("linear_regression.standardize", lambda X: standardize(X)[0])
    assert "Only the first of the 3 return values" in result.message

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_blobs, make_classification
from sklearn.metrics import log_loss
from sklearn.neural_network import MLPClassifier

from homemade import ConvergenceWarning, NotFittedError
from homemade.datasets import load_mnist
from homemade.model_selection import train_test_split
from homemade.neural_network import MultilayerPerceptron, check_gradients
from homemade.neural_network import network as network_module
from homemade.neural_network.optimizers import Adam, GradientDescent, Momentum, adam_step
from homemade.plotting.neural_network import plot_cost_curves


def easy_problem(seed, m=400, n=6, classes=3):
    X, y = make_classification(
        n_samples=m, n_features=n, n_informative=min(n, 4), n_redundant=0,
        n_classes=classes, n_clusters_per_class=1, class_sep=2.0, random_state=seed,
    )
    return train_test_split(X, y, test_size=0.25, stratify=y, random_state=seed)


def tiny_data(seed, m=20, n=7, classes=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n)) * rng.uniform(0.5, 3, size=n)
    y = np.arange(m) % classes
    return X, rng.permutation(y)


# --------------------------------------------------------------------------- reference


@pytest.mark.parametrize("activation, their_name", [("relu", "relu"), ("sigmoid", "logistic")])
@pytest.mark.parametrize("hidden", [(5,), (8, 4), (6, 5, 4)])
def test_forward_pass_equals_scikit_learn_with_the_same_weights(activation, their_name, hidden):
    X, y = tiny_data(seed=len(hidden), m=60, n=5, classes=4)
    theirs = MLPClassifier(
        hidden_layer_sizes=hidden, activation=their_name, max_iter=30, random_state=0
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs.fit(X, y)
    ours = MultilayerPerceptron(
        hidden_layer_sizes=hidden, activation=activation, max_iter=1, normalize=False,
        dtype="float64", random_state=0,
    ).fit(X, y)
    ours.coefs_ = [W.copy() for W in theirs.coefs_]
    ours.intercepts_ = [b.copy() for b in theirs.intercepts_]
    X_new = np.random.default_rng(1).normal(size=(25, 5))
    np.testing.assert_allclose(ours.predict_proba(X_new), theirs.predict_proba(X_new),
                               rtol=1e-10, atol=1e-14)
    np.testing.assert_array_equal(ours.predict(X_new), theirs.predict(X_new))


@pytest.mark.parametrize("seed, m, n, classes", [(0, 400, 6, 3), (1, 600, 10, 4), (2, 300, 4, 2)])
def test_accuracy_is_comparable_to_scikit_learn(seed, m, n, classes):
    X_train, X_test, y_train, y_test = easy_problem(seed, m, n, classes)
    ours = MultilayerPerceptron(hidden_layer_sizes=(32,), max_iter=60, normalize="standard",
                                random_state=seed).fit(X_train, y_train)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = MLPClassifier(hidden_layer_sizes=(32,), max_iter=300,
                               random_state=seed).fit(X_train, y_train)
    ours_accuracy, their_accuracy = ours.score(X_test, y_test), theirs.score(X_test, y_test)
    assert ours_accuracy >= 0.85
    assert ours_accuracy >= their_accuracy - 0.03


@pytest.mark.parametrize("solver", ["adam", "momentum", "gradient_descent"])
@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_every_solver_and_activation_learns_separated_blobs(solver, activation):
    X, y = make_blobs(n_samples=300, centers=3, cluster_std=1.0, random_state=3)
    epochs = 300 if solver == "gradient_descent" else 40
    model = MultilayerPerceptron(hidden_layer_sizes=(16,), activation=activation,
                                 solver=solver, max_iter=epochs, batch_size=32,
                                 normalize="standard", random_state=0).fit(X, y)
    assert model.score(X, y) >= 0.95
    assert model.cost_history_[-1] < 0.5 * model.cost_history_[0]


# ----------------------------------------------------------------------------- calculus


def test_the_cost_is_scikit_learns_log_loss_plus_the_penalty():
    X, y = tiny_data(seed=3, m=50, n=4, classes=3)
    sizes = [4, 6, 3]
    theta = network_module.initialize_parameters(sizes, "sigmoid", np.random.default_rng(0))
    weights, biases = network_module.roll(theta, sizes)
    _, probabilities = network_module.forward_propagation(weights, biases, X, "sigmoid")
    w = theta[: network_module.n_weights(sizes)]
    expected = log_loss(y, probabilities) + 2.0 / (2 * len(X)) * np.sum(w**2)
    # Both sum about 50 float64 logs of order 1: agreement to rounding.
    J = network_module.cost(theta, sizes, X, y, "sigmoid", 2.0, len(X))
    np.testing.assert_allclose(J, expected, rtol=1e-12)
    J_too, _ = network_module.cost_and_gradient(theta, sizes, X, y, "sigmoid", 2.0, len(X))
    assert J_too == J


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_a_confidently_wrong_network_pays_its_exact_cost_not_a_clipped_one(dtype):
    # Logits z = (s, −s) for class 1: its probability e^(−2s)/(1 + e^(−2s)) rounds to 0
    # (from s ≈ 52 in float32, 373 in float64), and a log of the clipped probability
    # stopped at −log(tiny) = 87.3 or 708.4. The exact −log ŷ₁ = 2s + log(1 + e^(−2s)),
    # which is 2s to the last bit at s = 10⁴ (and 20,000 is exact in both types).
    sizes = [1, 1, 2]  # one ReLU neuron passing x = 1 on, then the two logits
    s = 1e4
    theta = np.array([1.0, s, -s, 0.0, 0.0, 0.0], dtype=dtype)  # W⁽¹⁾, W⁽²⁾, b⁽¹⁾, b⁽²⁾
    X, y = np.ones((3, 1), dtype=dtype), np.array([1, 1, 1])
    assert network_module.cost(theta, sizes, X, y, "relu", 0.0, 3) == 2 * s
    J, gradient = network_module.cost_and_gradient(theta, sizes, X, y, "relu", 0.0, 3)
    assert J == 2 * s
    # ŷ − Y = (1, −1) for every sample: the gradient of the two logit weights is ±1.
    np.testing.assert_array_equal(gradient[1:3], [1.0, -1.0])


def test_a_right_class_logit_at_minus_infinity_costs_infinity():
    # Output biases z = (10³⁰⁸, −10³⁰⁸) (weights 0, so that the penalty stays finite):
    # z₁ − max z overflows to −inf, so log ŷ₁ = −inf and J = inf, where the clipped log
    # gave a finite 708.4 and hid the overflow.
    sizes = [1, 1, 2]
    theta = np.array([1.0, 0.0, 0.0, 0.0, 1e308, -1e308])
    with np.errstate(over="ignore"):
        J = network_module.cost(theta, sizes, np.ones((2, 1)), np.array([1, 1]), "relu", 0.0, 2)
    assert J == np.inf


@pytest.mark.parametrize("hidden", [(5,), (4, 3), (6, 5, 4), (10, 2)])
@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
@pytest.mark.parametrize("regularization", [0.0, 3.0])
def test_backpropagation_matches_finite_differences(hidden, activation, regularization):
    X, y = tiny_data(seed=sum(hidden))
    model = MultilayerPerceptron(hidden_layer_sizes=hidden, activation=activation,
                                 regularization=regularization, normalize="standard",
                                 random_state=1)
    assert check_gradients(model, X, y) < 1e-6


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_gradient_check_of_a_trained_float32_model_runs_in_float64(activation):
    X, y = tiny_data(seed=5, m=40, n=6, classes=4)
    model = MultilayerPerceptron(hidden_layer_sizes=(7, 5), activation=activation,
                                 regularization=1.0, max_iter=5, random_state=2).fit(X, y)
    assert model.coefs_[0].dtype == np.float32
    assert check_gradients(model, X, y) < 1e-6


def test_gradient_check_of_a_random_subset_of_entries():
    X, y = tiny_data(seed=6, m=30, n=40)
    model = MultilayerPerceptron(hidden_layer_sizes=(20,), random_state=0)
    assert check_gradients(model, X, y, n_checks=25, random_state=3) < 1e-6


def test_gradient_check_catches_a_wrong_backpropagation(monkeypatch):
    X, y = tiny_data(seed=7)
    model = MultilayerPerceptron(hidden_layer_sizes=(5, 4), activation="sigmoid",
                                 random_state=0)
    correct = network_module.back_propagation

    def forgets_the_activation_derivative(weights, activations, probabilities, y, activation):
        # Sigmoid outputs are all > 0, so the ReLU rule multiplies δ by 1: no g′(z) at all.
        return correct(weights, activations, probabilities, y, "relu")

    monkeypatch.setattr(network_module, "back_propagation", forgets_the_activation_derivative)
    assert check_gradients(model, X, y) > 0.1


def test_the_penalty_gradient_is_lambda_over_m_times_the_weights():
    X, y = tiny_data(seed=8)
    sizes = [7, 5, 3]
    theta = network_module.initialize_parameters(sizes, "relu", np.random.default_rng(0))
    _, plain = network_module.cost_and_gradient(theta, sizes, X, y, "relu", 0.0, len(X))
    _, penalized = network_module.cost_and_gradient(theta, sizes, X, y, "relu", 4.0, len(X))
    n_weights = network_module.n_weights(sizes)
    # A sum of two float64 terms of order 1: agreement to rounding (1e-10 relative).
    np.testing.assert_allclose(penalized[:n_weights] - plain[:n_weights],
                               4.0 / len(X) * theta[:n_weights], rtol=1e-10, atol=1e-15)
    # The biases are not regularized.
    np.testing.assert_allclose(penalized[n_weights:], plain[n_weights:], rtol=1e-12)


def test_back_propagation_leaves_its_inputs_unchanged():
    X, y = tiny_data(seed=8)
    sizes = [7, 5, 3]
    theta = network_module.initialize_parameters(sizes, "relu", np.random.default_rng(0))
    weights, biases = network_module.roll(theta, sizes)
    activations, probabilities = network_module.forward_propagation(weights, biases, X, "relu")
    before = [a.copy() for a in activations] + [probabilities.copy()]
    network_module.back_propagation(weights, activations, probabilities, y, "relu")
    for a, b in zip(activations + [probabilities], before, strict=True):
        np.testing.assert_array_equal(a, b)


# ------------------------------------------------------------------ optimizers


def test_gradient_descent_step_is_theta_minus_alpha_gradient():
    theta, g = np.array([1.0, -2.0, 0.5]), np.array([0.5, 1.0, -4.0])
    np.testing.assert_allclose(GradientDescent(learning_rate=0.1).step(theta, g), [0.95, -2.1, 0.9])
    np.testing.assert_array_equal(theta, [1.0, -2.0, 0.5])  # the arguments are unchanged
    np.testing.assert_array_equal(g, [0.5, 1.0, -4.0])


def test_optimizer_hyperparameters_are_keyword_only():
    theta = np.zeros(3)
    for make in (lambda: GradientDescent(0.1), lambda: Momentum(theta, 0.1, 0.9),
                 lambda: Adam(theta, 0.01)):
        with pytest.raises(TypeError):
            make()


def test_momentum_steps_follow_the_velocity_formula():
    theta, g1, g2 = np.array([1.0, -2.0]), np.array([0.5, 1.0]), np.array([1.0, -1.0])
    optimizer = Momentum(theta, learning_rate=0.1, momentum=0.9)
    theta1 = optimizer.step(theta, g1)
    v1 = -0.1 * g1  # v = 0.9·0 − α g₁
    np.testing.assert_allclose(theta1, theta + v1)
    v2 = 0.9 * v1 - 0.1 * g2
    np.testing.assert_allclose(optimizer.step(theta1, g2), theta1 + v2)


def test_adam_steps_follow_the_formula():
    alpha, beta1, beta2, epsilon = 0.01, 0.9, 0.999, 1e-8
    theta = np.array([1.0, -2.0, 0.0])
    g1, g2 = np.array([0.5, -3.0, 0.0]), np.array([0.1, 1.0, 2.0])
    optimizer = Adam(theta, learning_rate=alpha)
    theta1 = optimizer.step(theta, g1)
    # Step 1: û = g, r̂ = g², so every moving parameter moves by α·sign(g) (ε aside).
    np.testing.assert_allclose(theta1, theta - alpha * np.sign(g1), rtol=1e-7)
    u = (1 - beta1) * g1
    r = (1 - beta2) * g1**2
    u = beta1 * u + (1 - beta1) * g2
    r = beta2 * r + (1 - beta2) * g2**2
    u_hat, r_hat = u / (1 - beta1**2), r / (1 - beta2**2)
    expected = theta1 - alpha * u_hat / (np.sqrt(r_hat) + epsilon)
    # Float64 elementwise arithmetic in another order: agreement to rounding.
    np.testing.assert_allclose(optimizer.step(theta1, g2), expected, rtol=1e-12)
    np.testing.assert_allclose(optimizer.u, u, rtol=1e-12)
    np.testing.assert_allclose(optimizer.r, r, rtol=1e-12)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_adams_in_place_fast_path_gives_the_same_bits_as_adam_step(dtype):
    # Adam.step runs adam_step_in_place; the notebooks' written-out step runs adam_step.
    rng = np.random.default_rng(7)
    theta = rng.normal(size=1000).astype(dtype)
    optimizer = Adam(theta, learning_rate=1e-3)
    start = theta.copy()
    u, r = np.zeros_like(theta), np.zeros_like(theta)
    for t in range(1, 6):
        gradient = (rng.normal(size=1000) * 10.0 ** rng.integers(-6, 3, 1000)).astype(dtype)
        plain, u, r = adam_step(theta, gradient, u, r, t, 1e-3, 0.9, 0.999, 1e-8)
        given, copy = theta, theta.copy()
        theta = optimizer.step(given, gradient)
        np.testing.assert_array_equal(theta, plain)
        np.testing.assert_array_equal(optimizer.u, u)
        np.testing.assert_array_equal(optimizer.r, r)
        assert theta.dtype == dtype
        np.testing.assert_array_equal(given, copy)  # step leaves its argument unchanged
    assert not np.array_equal(theta, start)


# ------------------------------------------------------------------ invariants


def test_full_batch_gradient_descent_never_increases_the_cost():
    X, y = tiny_data(seed=9, m=80, n=5)
    model = MultilayerPerceptron(hidden_layer_sizes=(6,), solver="gradient_descent",
                                 learning_rate=0.1, max_iter=100, regularization=1.0,
                                 dtype="float64", normalize="standard", random_state=0).fit(X, y)
    assert np.all(np.diff(model.cost_history_) <= 1e-12)
    assert len(model.cost_history_) == model.n_iter_ + 1 == 101
    assert model.cost_history_[-1] < model.cost_history_[0]


@pytest.mark.parametrize("solver", ["adam", "gradient_descent"])
def test_cost_history_holds_the_epoch_costs_then_j_of_the_final_weights(solver):
    # As the docstring and the math page say: each epoch's mean mini-batch cost (for full-batch
    # gradient descent, J before the step: the first entry is J of the initial weights), then
    # J of the final weights on the whole (scaled) training set.
    X, y = tiny_data(seed=2, m=40, n=3)
    model = MultilayerPerceptron(hidden_layer_sizes=(4,), solver=solver, batch_size=16,
                                 max_iter=3, dtype="float64", random_state=0).fit(X, y)
    sizes = [3, 4, len(model.classes_)]
    X_scaled = (X - model.input_offset_) / model.input_scale_
    y_index = np.searchsorted(model.classes_, y)

    def J(theta):
        return network_module.cost(theta, sizes, X_scaled, y_index, "relu", 1.0, len(X))

    final = network_module.unroll(model.coefs_, model.intercepts_)
    np.testing.assert_allclose(model.cost_history_[-1], J(final), rtol=1e-12)
    if solver == "gradient_descent":  # the same seed draws the same initial weights
        initial = network_module.initialize_parameters(sizes, "relu", np.random.default_rng(0))
        np.testing.assert_allclose(model.cost_history_[0], J(initial), rtol=1e-12)


@pytest.mark.parametrize("solver, epoch_costs_at", [("adam", [0.5, 1.5, 2.5]),
                                                     ("gradient_descent", [0, 1, 2])])
def test_the_cost_curve_draws_each_cost_where_it_was_measured(solver, epoch_costs_at):
    # Mini-batch epoch costs are means over the epoch: at its middle, e − ½. Full-batch
    # costs are J before the epoch's step: after e − 1 epochs. J of the final weights:
    # after the last epoch, at n_iter_ (the demos once drew it at n_iter_ and the epoch-1
    # mean at 0).
    X, y = tiny_data(seed=2, m=40, n=3)
    model = MultilayerPerceptron(hidden_layer_sizes=(4,), solver=solver, batch_size=16,
                                 max_iter=3, random_state=0).fit(X, y)
    their_losses = [1.0, 0.5, 0.25]
    ax = plot_cost_curves({"ours": model, "theirs": (their_losses, solver != "adam")})
    ours, final, theirs = ax.lines[:3]
    np.testing.assert_array_equal(ours.get_xdata(), epoch_costs_at)
    np.testing.assert_array_equal(ours.get_ydata(), model.cost_history_[:-1])
    assert list(final.get_xdata()) == [3] and list(final.get_ydata()) == [model.cost_history_[-1]]
    np.testing.assert_array_equal(theirs.get_xdata(), epoch_costs_at)
    np.testing.assert_array_equal(theirs.get_ydata(), their_losses)
    plt.close("all")


@pytest.mark.parametrize("solver", ["adam", "momentum"])
def test_the_mini_batch_loss_goes_down(solver):
    X_train, _, y_train, _ = easy_problem(seed=4)
    model = MultilayerPerceptron(hidden_layer_sizes=(16,), solver=solver, batch_size=32,
                                 max_iter=20, random_state=0).fit(X_train, y_train)
    assert model.n_iter_ == 20 and type(model.n_iter_) is int
    assert model.cost_history_.shape == (21,) and model.cost_history_.dtype == np.float64
    assert model.cost_history_[-1] < 0.5 * model.cost_history_[0]
    assert np.mean(np.diff(model.cost_history_) < 0) > 0.7


@pytest.mark.filterwarnings("ignore::homemade.exceptions.ConvergenceWarning")  # 5 epochs only
def test_same_random_state_same_model_and_other_seed_another():
    X_train, X_test, y_train, _ = easy_problem(seed=5)

    def fit(seed):
        return MultilayerPerceptron(hidden_layer_sizes=(12, 6), max_iter=5,
                                    early_stopping=True, random_state=seed).fit(X_train, y_train)

    first, second, other = fit(0), fit(0), fit(1)
    np.testing.assert_array_equal(first.cost_history_, second.cost_history_)
    assert first.validation_scores_ == second.validation_scores_
    for a, b in zip(first.coefs_ + first.intercepts_, second.coefs_ + second.intercepts_,
                    strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(first.predict_proba(X_test), second.predict_proba(X_test))
    assert not np.array_equal(first.coefs_[0], other.coefs_[0])


def test_predict_proba_is_a_distribution_and_predict_its_argmax():
    X_train, X_test, y_train, _ = easy_problem(seed=6, classes=4)
    model = MultilayerPerceptron(hidden_layer_sizes=(10,), max_iter=10,
                                 random_state=0).fit(X_train, y_train)
    proba = model.predict_proba(X_test)
    assert proba.shape == (len(X_test), 4) and proba.dtype == np.float64
    np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-6)
    assert np.all(proba >= 0)
    np.testing.assert_array_equal(model.predict(X_test), model.classes_[proba.argmax(axis=1)])


def test_a_row_predicted_alone_equals_the_row_predicted_in_a_batch():
    X_train, X_test, y_train, _ = easy_problem(seed=7)
    model = MultilayerPerceptron(hidden_layer_sizes=(10,), max_iter=5, normalize="standard",
                                 random_state=0).fit(X_train, y_train)
    batch = model.predict_proba(X_test)
    alone = np.vstack([model.predict_proba(X_test[i : i + 1]) for i in range(5)])
    np.testing.assert_allclose(alone, batch[:5], rtol=1e-6)


@pytest.mark.parametrize("normalize", ["max", "standard"])
def test_the_learned_scaling_makes_the_model_blind_to_the_input_units(normalize):
    X_train, X_test, y_train, _ = easy_problem(seed=8)
    X_train, X_test = np.abs(X_train), np.abs(X_test)

    def fit(factor):
        return MultilayerPerceptron(hidden_layer_sizes=(8,), max_iter=5, normalize=normalize,
                                    dtype="float64", random_state=0).fit(X_train * factor,
                                                                         y_train)

    plain, scaled = fit(1.0), fit(255.0)
    np.testing.assert_allclose(plain.cost_history_, scaled.cost_history_, rtol=1e-9)
    np.testing.assert_allclose(plain.predict_proba(X_test), scaled.predict_proba(X_test * 255),
                               rtol=1e-8)


def test_max_scaling_divides_by_the_largest_absolute_training_value():
    X = np.array([[0.0, 2.0], [-6.0, 1.0], [3.0, 0.0], [1.0, 1.0]])
    model = MultilayerPerceptron(hidden_layer_sizes=(3,), max_iter=1).fit(X, [0, 1, 0, 1])
    np.testing.assert_array_equal(model.input_scale_, [6.0, 6.0])
    np.testing.assert_array_equal(model.input_offset_, [0.0, 0.0])


def test_normalize_true_is_the_max_scaling():
    X_train, X_test, y_train, _ = easy_problem(seed=8)
    X_train, X_test = np.abs(X_train) * 255, np.abs(X_test) * 255

    def fit(normalize):
        return MultilayerPerceptron(hidden_layer_sizes=(8,), max_iter=5, normalize=normalize,
                                    random_state=0).fit(X_train, y_train)

    as_bool, as_max = fit(True), fit("max")
    np.testing.assert_array_equal(as_bool.input_scale_, as_max.input_scale_)
    np.testing.assert_array_equal(as_bool.input_offset_, as_max.input_offset_)
    for ours, theirs in zip(as_bool.coefs_ + as_bool.intercepts_,
                            as_max.coefs_ + as_max.intercepts_, strict=True):
        np.testing.assert_array_equal(ours, theirs)
    np.testing.assert_array_equal(as_bool.cost_history_, as_max.cost_history_)
    np.testing.assert_array_equal(as_bool.predict_proba(X_test), as_max.predict_proba(X_test))
    # The data is far from [0, 1], so True really scaled it rather than acting as False.
    assert np.all(as_bool.input_scale_ > 1)


def test_float32_and_float64_agree():
    X_train, X_test, y_train, _ = easy_problem(seed=9)
    kwargs = dict(hidden_layer_sizes=(16,), max_iter=10, random_state=0)
    single = MultilayerPerceptron(**kwargs).fit(X_train, y_train)
    double = MultilayerPerceptron(dtype="float64", **kwargs).fit(X_train, y_train)
    assert single.coefs_[0].dtype == np.float32 and double.coefs_[0].dtype == np.float64
    np.testing.assert_allclose(single.cost_history_, double.cost_history_, rtol=1e-3)
    assert np.mean(single.predict(X_test) == double.predict(X_test)) >= 0.98


def test_any_label_type_is_kept():
    X_train, X_test, y_train, _ = easy_problem(seed=10)
    names = np.array(["cat", "dog", "fish"])
    model = MultilayerPerceptron(hidden_layer_sizes=(8,), max_iter=10,
                                 random_state=0).fit(X_train, names[y_train])
    np.testing.assert_array_equal(model.classes_, names)
    assert set(model.predict(X_test)) <= set(names)


def test_labels_unseen_in_training_just_count_as_wrong():
    X_train, X_test, y_train, y_test = easy_problem(seed=11)
    model = MultilayerPerceptron(hidden_layer_sizes=(8,), max_iter=20,
                                 random_state=0).fit(X_train, y_train)
    predicted = model.predict(X_test)
    unseen = y_test.copy()
    unseen[:10] = 7  # a class the model never saw
    expected = np.mean(predicted[10:] == y_test[10:]) * (len(y_test) - 10) / len(y_test)
    assert model.score(X_test, unseen) == pytest.approx(expected)
    as_text = y_test.astype(object)
    as_text[:10] = "unknown"  # a label of another type altogether
    assert model.score(X_test, as_text) == pytest.approx(expected)
    assert model.score(X_test[:3], ["a", "b", "c"]) == 0.0


def test_a_single_int_is_one_hidden_layer_of_that_size():
    X, y = tiny_data(seed=12)
    model = MultilayerPerceptron(hidden_layer_sizes=9, max_iter=1).fit(X, y)
    assert [W.shape for W in model.coefs_] == [(7, 9), (9, 3)]


def test_any_depth():
    X, y = tiny_data(seed=13)
    model = MultilayerPerceptron(hidden_layer_sizes=(6, 5, 4, 3), max_iter=1).fit(X, y)
    assert [W.shape for W in model.coefs_] == [(7, 6), (6, 5), (5, 4), (4, 3), (3, 3)]
    assert [b.shape for b in model.intercepts_] == [(6,), (5,), (4,), (3,), (3,)]


def test_initial_weights_are_scaled_to_the_layer_size():
    sizes = [400, 300, 10]
    theta = network_module.initialize_parameters(sizes, "relu", np.random.default_rng(0))
    weights, _ = network_module.roll(theta, sizes)
    assert np.std(weights[0]) == pytest.approx(np.sqrt(2 / 401), rel=0.02)  # He
    assert np.max(np.abs(weights[1])) <= np.sqrt(6 / 311)  # Xavier for the softmax layer
    assert np.std(weights[1]) == pytest.approx(np.sqrt(6 / 311) / np.sqrt(3), rel=0.05)


def test_early_stopping_keeps_the_best_validation_epoch():
    X_train, _, y_train, _ = easy_problem(seed=14, m=600)
    model = MultilayerPerceptron(hidden_layer_sizes=(16,), max_iter=200, early_stopping=True,
                                 n_iter_no_change=3, random_state=0).fit(X_train, y_train)
    assert model.n_iter_ < 200
    assert len(model.validation_scores_) == model.n_iter_
    assert model.best_validation_score_ == max(model.validation_scores_)


def test_tol_stops_training_and_max_iter_running_out_warns():
    X_train, _, y_train, _ = easy_problem(seed=15)
    with pytest.warns(ConvergenceWarning, match="Increase max_iter"):
        MultilayerPerceptron(hidden_layer_sizes=(8,), max_iter=3, tol=1e-4,
                             random_state=0).fit(X_train, y_train)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fixed_budget = MultilayerPerceptron(hidden_layer_sizes=(8,), max_iter=3,
                                            random_state=0).fit(X_train, y_train)
        stopped = MultilayerPerceptron(hidden_layer_sizes=(8,), max_iter=500, tol=0.1,
                                       n_iter_no_change=2, random_state=0).fit(X_train, y_train)
    assert fixed_budget.n_iter_ == 3
    assert stopped.n_iter_ < 500


def test_verbose_shows_a_progress_bar_with_the_loss(capsys):
    X, y = tiny_data(seed=16)
    MultilayerPerceptron(hidden_layer_sizes=(4,), max_iter=3, verbose=True).fit(X, y)
    err = capsys.readouterr().err
    assert "epochs" in err and "3/3" in err and "cost=" in err


def test_a_diverging_training_stops_with_a_hint_to_lower_the_learning_rate():
    X, y = tiny_data(seed=17, m=50)
    model = MultilayerPerceptron(hidden_layer_sizes=(20, 20), solver="gradient_descent",
                                 learning_rate=1e8, max_iter=50, normalize=False, random_state=0)
    with pytest.raises(ValueError, match=r"diverged.*try a smaller learning_rate"):
        model.fit(X * 1e3, y)
    assert not hasattr(model, "coefs_")


@pytest.mark.parametrize(
    "X, y, hidden",
    [
        ([[-951745.590290253], [6105070.879081706]], [0, 1], (3,)),
        (
            [[-951745.590290253, 6105070.879081706], [-1481406.7999220865, 1376862.270382462],
             [556127.1496565128, -15081904.22543305], [10626688.114386523, 1701442.7029286663],
             [1720704.122011575, 394844.37172655965], [-94063.73877841663, -1892391.5133088045],
             [9610127.644681493, 806638.5807580905]],
            [0, 1, 0, 0, 0, 1, 1],
            (5, 4),
        ),
    ],
)
def test_weights_blown_up_by_the_last_steps_are_a_divergence_not_a_model(X, y, hidden):
    # Found by the property tests: every mini-batch loss was finite (it is taken before
    # the step), but the final weights (~1e21) overflowed in predict, giving NaN
    # probabilities; in the second case a hidden layer overflowed to -inf and ReLU hid it.
    model = MultilayerPerceptron(hidden_layer_sizes=hidden, solver="momentum", batch_size=1,
                                 normalize=False, max_iter=3, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"diverged.*overflow.*smaller learning_rate"):
            model.fit(np.array(X), y)
    assert not hasattr(model, "coefs_")


def test_works_with_scikit_learn_tools():
    from sklearn.model_selection import cross_val_score

    X_train, _, y_train, _ = easy_problem(seed=18)
    model = MultilayerPerceptron(hidden_layer_sizes=(8,), max_iter=30, batch_size=16,
                                 random_state=0)
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    assert "MultilayerPerceptron(batch_size=16, hidden_layer_sizes=(8,), max_iter=30" in repr(
        model
    )
    scores = cross_val_score(model, X_train, y_train, cv=3)
    assert scores.shape == (3,) and np.all(scores > 0.7)


# -------------------------------------------------------------------------- bad input


def _fitted():
    X, y = tiny_data(seed=19, n=2)
    return MultilayerPerceptron(hidden_layer_sizes=(3,), max_iter=1).fit(X, y)


@pytest.mark.parametrize(
    "X, y, error, match",
    [
        (np.arange(5.0), [0, 1, 0, 1, 0], ValueError, r"Expected 2D array.*reshape\(-1, 1\)"),
        ([[1.0, np.nan], [2.0, 3.0]], [0, 1], ValueError, "Input X contains NaN"),
        ([[1.0, np.inf], [2.0, 3.0]], [0, 1], ValueError, "Input X contains infinity"),
        (np.empty((0, 2)), [], ValueError, "0 sample"),
        ([[1.0, 2.0], [3.0, 4.0]], [0, 1, 0], ValueError, "inconsistent numbers of samples"),
        ([["a", "b"], ["c", "d"]], [0, 1], ValueError, "not numbers"),
        ([[1.0], [2.0], [3.0]], [4, 4, 4], ValueError, "only one class"),
        ([[1.0], [2.0], [3.0]], [0.5, 1.5, 2.25], ValueError, "continuous"),
        ([[1.0], [2.0]], None, ValueError, "requires y"),
        ([[1.0], [2.0]], [0, np.nan], ValueError, "y contains NaN"),
    ],
)
def test_bad_training_data(X, y, error, match):
    with pytest.raises(error, match=match):
        MultilayerPerceptron(hidden_layer_sizes=(3,), max_iter=1).fit(X, y)


@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"hidden_layer_sizes": ()}, ValueError, "hidden_layer_sizes is empty"),
        ({"hidden_layer_sizes": []}, ValueError, "hidden_layer_sizes is empty"),
        ({"hidden_layer_sizes": (10, 2.5)}, TypeError, "must contain integers"),
        ({"hidden_layer_sizes": (10.0,)}, TypeError, "must contain integers"),
        ({"hidden_layer_sizes": ("10",)}, TypeError, "must contain integers"),
        ({"hidden_layer_sizes": (True,)}, TypeError, "must contain integers"),
        ({"hidden_layer_sizes": "10"}, TypeError, "tuple of positive integers"),
        ({"hidden_layer_sizes": 2.5}, TypeError, "tuple of positive integers"),
        ({"hidden_layer_sizes": None}, TypeError, "tuple of positive integers"),
        ({"hidden_layer_sizes": (10, 0)}, ValueError, "positive integers"),
        ({"hidden_layer_sizes": -3}, ValueError, "positive integers"),
        ({"activation": "tanh"}, ValueError, "activation must be one of 'relu', 'sigmoid'"),
        ({"solver": "sgd"}, ValueError,
         "solver must be one of 'adam', 'momentum', 'gradient_descent'"),
        ({"normalize": "minmax"}, ValueError, "normalize must be one of"),
        ({"dtype": "float16"}, ValueError, "dtype must be 'float32' or 'float64'"),
        ({"dtype": "int"}, ValueError, "dtype must be 'float32' or 'float64'"),
        ({"dtype": None}, ValueError, "dtype must be 'float32' or 'float64'; got None"),
        ({"dtype": "f4"}, ValueError, "dtype must be 'float32' or 'float64'; got 'f4'"),
        ({"dtype": "foo"}, ValueError, "dtype must be 'float32' or 'float64'; got 'foo'"),
        ({"learning_rate": 0}, ValueError, "learning_rate must be > 0"),
        ({"learning_rate": "fast"}, TypeError, "learning_rate must be None or a number"),
        ({"solver": "gd"}, ValueError, "solver must be one of"),
        ({"early_stopping": "yes"}, TypeError, "early_stopping must be True or False"),
        ({"normalize": 3}, TypeError, "normalize must be one of"),
        ({"batch_size": 0}, ValueError, "batch_size must be >= 1"),
        ({"batch_size": 12.5}, TypeError, "batch_size must be an integer"),
        ({"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ({"regularization": -1.0}, ValueError, "regularization must be >= 0"),
        ({"momentum": 1.0}, ValueError, "momentum must be < 1"),
        ({"tol": -1.0}, ValueError, "tol must be >= 0"),
        ({"validation_fraction": 1.0}, ValueError, "validation_fraction must be < 1"),
        ({"n_iter_no_change": 0}, ValueError, "n_iter_no_change must be >= 1"),
        ({"random_state": "seed"}, TypeError, "random_state must be"),
    ],
)
def test_bad_hyperparameters_are_named_in_fit(params, error, match):
    X, y = tiny_data(seed=20)
    model = MultilayerPerceptron(**{"max_iter": 1, **params})  # __init__ does not check
    with pytest.raises(error, match=match):
        model.fit(X, y)


def test_early_stopping_on_too_few_samples_says_why():
    X, y = tiny_data(seed=21, m=4, classes=2)
    model = MultilayerPerceptron(hidden_layer_sizes=(3,), early_stopping=True,
                                 validation_fraction=0.9)
    with pytest.raises(ValueError, match="early_stopping could not hold out"):
        model.fit(X, y)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "score"])
def test_predict_before_fit(method):
    model = MultilayerPerceptron()
    args = ([[1.0, 2.0]], [0]) if method == "score" else ([[1.0, 2.0]],)
    with pytest.raises(NotFittedError, match="not fitted yet"):
        getattr(model, method)(*args)


@pytest.mark.parametrize(
    "X, error, match",
    [
        ([[1.0, 2.0, 3.0]], ValueError, "X has 3 features, but MultilayerPerceptron is expecting"),
        ([1.0, 2.0], ValueError, "Expected 2D array"),
        ([[np.nan, 1.0]], ValueError, "Input X contains NaN"),
        ([["a", "b"]], ValueError, "not numbers"),
        (np.empty((0, 2)), ValueError, "0 sample"),
    ],
)
def test_bad_data_at_predict_time(X, error, match):
    model = _fitted()
    with pytest.raises(error, match=match):
        model.predict(X)
    with pytest.raises(error, match=match):
        model.predict_proba(X)


def test_gradient_check_bad_input():
    X, y = tiny_data(seed=22)
    with pytest.raises(TypeError, match="expects a MultilayerPerceptron"):
        check_gradients(MLPClassifier(), X, y)
    with pytest.raises(ValueError, match="epsilon must be > 0"):
        check_gradients(MultilayerPerceptron(), X, y, epsilon=0)
    with pytest.raises(ValueError, match="hidden_layer_sizes is empty"):
        check_gradients(MultilayerPerceptron(hidden_layer_sizes=()), X, y)
    fitted = MultilayerPerceptron(hidden_layer_sizes=(3,), max_iter=1).fit(X, y)
    with pytest.raises(ValueError, match="not trained on"):
        check_gradients(fitted, X, y + 10)
    with pytest.raises(ValueError, match="X has 2 features"):
        check_gradients(fitted, X[:, :2], y)


# ------------------------------------------------------------------ the demos' claims


@pytest.mark.parametrize("solver", ["adam", "momentum", "gradient_descent"])
def test_one_step_written_out_is_the_estimators_first_step(solver):
    # The demos' "one training step" cell: initial θ from the same seed, forward,
    # backward, λ/m·W, one optimizer step, against fit on that one batch for one step.
    X, y = tiny_data(seed=4, m=32, n=9)
    X = (X / np.abs(X).max()).astype(np.float32)  # already scaled as the estimator would
    sizes, alpha, lam = [9, 6, 3], 0.01, 0.5
    theta = network_module.initialize_parameters(sizes, "relu", np.random.default_rng(0),
                                                 np.float32)
    weights, biases = network_module.roll(theta, sizes)
    activations, probabilities = network_module.forward_propagation(weights, biases, X, "relu")
    dW, db = network_module.back_propagation(weights, activations, probabilities, y, "relu")
    gradient = network_module.unroll([g + lam / len(X) * W for g, W in zip(dW, weights,
                                                                          strict=True)], db)
    if solver == "adam":
        expected = adam_step(theta, gradient, 0 * theta, 0 * theta, 1, alpha, 0.9, 0.999, 1e-8)[0]
    else:
        expected = theta - alpha * gradient
    model = MultilayerPerceptron(hidden_layer_sizes=(6,), solver=solver, learning_rate=alpha,
                                 batch_size=len(X), max_iter=1, regularization=lam,
                                 random_state=0).fit(X, y)
    # The same float32 operations in the same order: the same bits.
    np.testing.assert_array_equal(network_module.unroll(model.coefs_, model.intercepts_),
                                  expected)


def test_mnist_sample_demo_accuracy_is_scikit_learns():
    # The MNIST demo's claims: with the library's defaults the 4,000-digit sample gives at
    # least 0.94 on the 1,000 test digits, within 0.02 of MLPClassifier on the same settings
    # (two samples of the same training: seeds and rounding move each by about 0.005).
    X, y = load_mnist("sample")
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y,
                                                        random_state=0)
    ours = MultilayerPerceptron(random_state=0).fit(X_train, y_train)
    theirs = MLPClassifier(hidden_layer_sizes=(256,), learning_rate_init=0.003, batch_size=256,
                           max_iter=20, n_iter_no_change=21, alpha=256 / len(X_train),
                           random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it runs out of epochs by design, and says so
        theirs.fit(X_train / 255, y_train)
    accuracy = ours.score(X_test, y_test)
    assert accuracy >= 0.94
    assert abs(accuracy - theirs.score(X_test / 255, y_test)) < 0.02

"""Three graded hints per exercise, for ``hint(name)``: the idea, then the formula or the
NumPy call, then the shape of the code. ``solution(name)`` comes after the third.

One table for every catalogue (``catalogue.py`` gives each ``Exercise`` its hints), so that
the hints read as one voice and a missing one is a test failure, not a silent gap.
"""

HINTS = {
    "linear_regression.cost": (
        "J is half the mean squared residual, plus a penalty on every θⱼ except θ₀.",
        "residual = X @ theta - y; J = (residual @ residual + λ·theta[1:] @ theta[1:]) / (2m).",
        "m = len(y); residual = ...; return (residual @ residual + regularization * "
        "theta[1:] @ theta[1:]) / (2 * m)",
    ),
    "linear_regression.gradient": (
        "∂J/∂θⱼ averages residual × feature j over the samples; the penalty adds λ/m·θⱼ "
        "for j ≥ 1 only.",
        "X.T @ (X @ theta - y) / m is the data part; the penalty part is "
        "regularization / m * theta with its first entry set to 0.",
        "penalty = regularization * theta; penalty[0] = 0 — on a copy: "
        "penalty = regularization * theta makes a new array; return (X.T @ residual + "
        "penalty) / m",
    ),
    "linear_regression.gradient_descent": (
        "Start at θ = 0, step against the gradient, record the cost after every step, and "
        "stop when it stops falling by more than tol·J or after max_iter steps.",
        "theta = theta - learning_rate * gradient(theta, X, y, regularization); stop when "
        "costs[-2] - costs[-1] <= tol * costs[-2]; a rising cost means the step diverged.",
        "theta = np.zeros(X.shape[1]); costs = [cost(theta, ...)]; for _ in range(max_iter): "
        "step, append, test → return theta, np.array(costs), and why it stopped "
        "('converged', 'max_iter' or 'diverged').",
    ),
    "linear_regression.standardize": (
        "Each feature (column) is shifted to mean 0 and scaled to spread 1.",
        "mean = X.mean(axis=0), scale = X.std(axis=0); a constant column's scale is set to 1.",
        "scale = np.where(scale == 0, 1.0, scale); return (X - mean) / scale, mean, scale",
    ),
    "linear_regression.normal_equation": (
        "The gradient is 0 at the minimum: that is a linear system for θ.",
        "(XᵀX + λD)θ = Xᵀy, D the identity with D₀₀ = 0; np.linalg.solve solves it "
        "(no inverse needed).",
        "D = np.eye(X.shape[1]); D[0, 0] = 0; return np.linalg.solve(X.T @ X + "
        "regularization * D, X.T @ y)",
    ),
    "logistic_regression.sigmoid": (
        "g squeezes any number into (0, 1): g(0) = ½, large z → 1, very negative z → 0.",
        "g(z) = 1 / (1 + e^(−z)); np.exp works element-wise on whole arrays.",
        "return 1 / (1 + np.exp(-z)) — it stays finite for z = ±1000 (e^1000 is ∞, and 1/∞ is 0).",
    ),
    "logistic_regression.binary_cost_gradient": (
        "The log-loss punishes confident wrong answers; its gradient has the same form as "
        "linear regression's with h = g(Xθ).",
        "h = sigmoid(X @ theta); J = −mean(y log h + (1 − y) log(1 − h)) + λ/(2m)·Σⱼ≥₁ θⱼ²; "
        "∇J = (Xᵀ(h − y) + λθ with θ₀'s entry 0) / m.",
        "compute h once; cost = ...; penalty = regularization * theta; penalty[0] = 0; "
        "return cost, (X.T @ (h - y) + penalty) / m",
    ),
    "logistic_regression.predict_class": (
        "Every class has a score θₖᵀx; the prediction is the class with the largest one.",
        "X @ theta is (m, K), one row of scores per sample; np.argmax along each row.",
        "return np.argmax(X @ theta, axis=1)",
    ),
    "logistic_regression.one_vs_all": (
        "K yes/no problems: classifier k learns 'class k' (column k of Y) against all others.",
        "solve(binary_cost_gradient, np.zeros(n + 1), (X, Y[:, k], regularization)) returns "
        "(theta, history, stop); the total history sums the K histories, each padded with "
        "its final cost (np.pad(..., mode='edge')).",
        "loop k over range(Y.shape[1]); collect thetas, histories, stops; return "
        "np.column_stack(thetas), the summed history, and the worst stop.",
    ),
    "k_means.squared_distances": (
        "Every point against every centroid: an (m, k) table of ‖x − μ‖².",
        "‖x − μ‖² = ‖x‖² − 2x·μ + ‖μ‖²: X @ centers.T holds every x·μ at once.",
        "return (X**2).sum(axis=1)[:, None] - 2 * X @ centers.T + (centers**2).sum(axis=1)",
    ),
    "k_means.assign": (
        "Each point joins its nearest centroid: the smallest entry of its row of d.",
        "np.argmin along axis=1 (it returns the first of equal values: ties go to the "
        "lower index).",
        "return d.argmin(axis=1)",
    ),
    "k_means.update": (
        "Each centroid moves to the mean of the points assigned to it.",
        "X[labels == j] are cluster j's points; .mean(axis=0) averages them feature by feature.",
        "return np.array([X[labels == j].mean(axis=0) for j in range(k)])",
    ),
    "k_means.reseed_empty_clusters": (
        "An empty cluster gets the point that is worst served by its centroid, taken from a "
        "cluster that keeps at least one point; several empty clusters each get their own.",
        "counts = np.bincount(labels, minlength=k); for each j with counts[j] == 0, the "
        "farthest point among clusters with counts ≥ 2.",
        "labels = labels.copy(); for j in np.flatnonzero(counts == 0): i = argmax of "
        "closest over donors; move i to j, update counts, and set closest[i] = 0.",
    ),
    "k_means.kmeans_plusplus": (
        "The first centroid is a uniformly random point; each next one is drawn at random, "
        "far points more likely, in proportion to D(x)², D(x) the distance to the nearest "
        "centroid so far.",
        "rng.integers(m) for the first; rng.choice(m, p=D² / D².sum()) for the next; use "
        "only the rng you are given.",
        "centers = X[[rng.integers(m)]]; for _ in range(1, k): d2 = squared distances to "
        "centers, min over axis=1; centers = np.vstack([centers, X[rng.choice(m, p=...)]])",
    ),
    "neural_network.forward_propagation": (
        "Each layer multiplies by its weights, adds its bias and applies g; the last layer "
        "applies the softmax instead.",
        "a = g(a_previous @ W + b); softmax(z) = e^(z − max z) / Σ e^(z − max z) along "
        "axis=1 (subtracting the max keeps e^z finite).",
        "activations = [X]; for W, b in zip(weights[:-1], biases[:-1]): append g(...); "
        "z = activations[-1] @ weights[-1] + biases[-1]; return activations, softmax(z)",
    ),
    "neural_network.activation_derivative": (
        "g′(z) can be written from the layer's output a = g(z) alone.",
        "sigmoid: g′ = a(1 − a); ReLU: 1 where a > 0, else 0.",
        "return a * (1 - a) if activation == 'sigmoid' else (a > 0).astype(float)",
    ),
    "neural_network.back_propagation": (
        "The error starts at the output, δ = (P − Y)/B, and flows back through each "
        "layer's weights, times the activation's slope.",
        "∂J/∂W = aᵀδ, ∂J/∂b = δ summed over the batch; δ_previous = (δ Wᵀ) ⊙ g′(a).",
        "delta = (probabilities - np.eye(K)[y]) / B; for layer from last to first: "
        "insert a.T @ delta and delta.sum(axis=0) at the front; then delta = "
        "(delta @ W.T) * activation_derivative(a, activation)",
    ),
    "neural_network.numerical_gradient": (
        "Differentiate by the definition: nudge one entry θᵢ a little up and a little "
        "down, and see how much J changes; the other entries stay where they are.",
        "(J(θ + εeᵢ) − J(θ − εeᵢ)) / (2ε), where eᵢ is all zeros but a 1 at entry i: "
        "step = np.zeros_like(theta); step[i] = epsilon.",
        "numeric = np.empty(len(entries)); for k, i in enumerate(entries): build step, "
        "numeric[k] = (J(theta + step) - J(theta - step)) / (2 * epsilon); return numeric.",
    ),
    "neural_network.relative_error": (
        "How far apart are the two gradients, compared with how large they are? The "
        "answer must not depend on the units of the cost.",
        "‖a − b‖ / (‖a‖ + ‖b‖) with np.linalg.norm; when both are zero vectors they "
        "agree: return 0.",
        "denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric); return 0.0 if "
        "it is 0, else np.linalg.norm(analytic - numeric) / denominator.",
    ),
    "neural_network.initial_weights": (
        "Equal weights make every unit of a layer compute the same and learn the same: "
        "draw them at random, with a spread that suits the layer's size.",
        "Xavier: rng.uniform(-limit, limit, (fan_in, fan_out)) with limit = "
        "√(6/(fan_in + fan_out)); He: rng.standard_normal((fan_in, fan_out)) · √(2/fan_in).",
        "if kind == 'he': return rng.standard_normal(...) * np.sqrt(2.0 / fan_in); "
        "otherwise compute limit and return rng.uniform(-limit, limit, (fan_in, fan_out)).",
    ),
    "neural_network.penalty": (
        "The L2 penalty adds up the squares of the weights, not of the biases.",
        "λ/(2m)·Σₗ ‖W⁽ˡ⁾‖²; roll(theta, sizes) gives the weight matrices and the biases.",
        "weights, _ = roll(theta, sizes); return regularization / (2 * m) * "
        "sum((W**2).sum() for W in weights)",
    ),
    "neural_network.adam_step": (
        "Adam keeps running averages of the gradient (u) and of its square (r), corrects "
        "their start at 0, and steps by their ratio.",
        "u = β₁u + (1 − β₁)∇; r = β₂r + (1 − β₂)∇²; û = u/(1 − β₁ᵗ), r̂ = r/(1 − β₂ᵗ); "
        "θ − α·û/(√r̂ + ε).",
        "compute u, r, then u_hat, r_hat; return theta - learning_rate * u_hat / "
        "(np.sqrt(r_hat) + epsilon), u, r",
    ),
    "anomaly_detection.estimate_mean": (
        "One mean per feature, over the m examples.",
        "np.mean along axis=0 (down the rows).",
        "return X.mean(axis=0)",
    ),
    "anomaly_detection.estimate_variance": (
        "One variance per feature: the mean squared deviation from μ, over the m examples.",
        "σ² = (1/m)·Σ(x − μ)² (divide by m, not m − 1); X - mean subtracts μ from each row.",
        "return ((X - mean) ** 2).mean(axis=0)",
    ),
    "anomaly_detection.log_density": (
        "Independent features: the density is a product over the features, so its log is "
        "a sum — and a sum of logs stays finite where a product of tiny densities underflows.",
        "each feature adds −½·log(2πσ²) − (x − μ)²/(2σ²).",
        "return np.sum(-0.5 * np.log(2 * np.pi * covariance) - (X - mean) ** 2 / "
        "(2 * covariance), axis=1)",
    ),
    "anomaly_detection.f1_search": (
        "For each candidate ε, flag p < ε and score the flags against y with precision, "
        "recall and their harmonic mean F1.",
        "flagged = p < epsilon; TP = sum(flagged & (y == 1)); precision = TP / flagged count "
        "(0 when nothing is flagged); recall = TP / anomalies; F1 = 2PR/(P + R) (0 if P + R = 0).",
        "loop over epsilons, collect (P, R, F1) rows; return three arrays: tuple(np.array(rows).T)",
    ),
    "principal_component_analysis.covariance_matrix": (
        "Σ says how every pair of features varies together around their means; its diagonal "
        "holds each feature's variance.",
        "Σ = (1/m)(X − μ)ᵀ(X − μ), μ = X.mean(axis=0): an n × n matrix (divide by m, not m − 1).",
        "centred = X - X.mean(axis=0); return centred.T @ centred / len(X)",
    ),
    "principal_component_analysis.principal_components": (
        "The directions of greatest variance are the eigenvectors of Σ, sorted by their "
        "eigenvalues, the variance along each, from the largest.",
        "X − μ = W S Vᵀ (np.linalg.svd): the columns of V are those eigenvectors and "
        "νⱼ = sⱼ²/m; or the SVD of Σ, as in Ng's ex7. The sign of each column is free.",
        "centred = X - X.mean(axis=0); _, s, Vt = np.linalg.svd(centred, "
        "full_matrices=False); return Vt.T, s**2 / len(X)",
    ),
    "principal_component_analysis.project": (
        "An example's projection is its coordinates along the first k directions, measured "
        "from the mean.",
        "z = U_reduceᵀ(x − μ) with U_reduce = U[:, :k]; for all rows at once, "
        "(X − μ) U_reduce.",
        "return (X - mean) @ U[:, :k]",
    ),
    "principal_component_analysis.recover": (
        "Going back: walk z₁ along u⁽¹⁾, z₂ along u⁽²⁾ …, starting from the mean.",
        "x_approx = U_reduce z + μ, k = Z.shape[1]; for all rows, Z U_reduceᵀ + μ.",
        "k = Z.shape[1]; return Z @ U[:, :k].T + mean",
    ),
    "principal_component_analysis.choose_k": (
        "Add the components' variances one by one until the running total reaches the "
        "share of the whole.",
        "running = np.cumsum(variances); retained = running / running[-1] (its own last "
        "entry, so that all r components keep exactly 1); the first k with retained ≥ "
        "share (positions count from 0).",
        "return int(np.argmax(retained >= share)) + 1",
    ),
    "principal_component_analysis.standardize_then_project": (
        "Put every feature in the same unit first, then run PCA on the standardized data.",
        "(X − μ)/σ per column (your standardize, or homemade.features.standardize), then "
        "the components of that, then its projection onto k of them (its mean is 0).",
        "X_scaled = (X - X.mean(axis=0)) / X.std(axis=0); U, _ = principal_components(X_scaled); "
        "return X_scaled @ U[:, :k]",
    ),
}

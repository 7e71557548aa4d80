"""Learner functions for the PCA exercises (Andrew Ng's ex7 part 2 in NumPy).

The wrong ones are the mistakes of ex7's pca.m, projectData.m and recoverData.m threads
(forgetting featureNormalize, dividing by m − 1 through cov, U(:, 1:K) written as U(1:K, :),
eig's ascending order) and of NumPy's SVD (Vt is Vᵀ, not V; np.cov's row convention).
"""

import numpy as np
import scipy.linalg
from sklearn.decomposition import PCA as SklearnPCA
from sklearn.preprocessing import StandardScaler

from exercise_corpus import Corpus

corpus = Corpus()
PREFIX = "principal_component_analysis."
COV, PCS, PROJ = PREFIX + "covariance_matrix", PREFIX + "principal_components", PREFIX + "project"
REC, K, SCALED = PREFIX + "recover", PREFIX + "choose_k", PREFIX + "standardize_then_project"
CENTRE = ("centr", "x − μ", "subtract μ", "mean")
M_MINUS_1 = ("m − 1", "divides by m", "bias=true", "n-1", "ddof")

# -------------------------------------------------------------------- covariance matrix


@corpus.correct(COV)
def cov_ng_style(X):
    m = X.shape[0]
    X_norm = X - np.mean(X, axis=0)
    return (1 / m) * X_norm.T.dot(X_norm)


@corpus.correct(COV)
def cov_np_cov_bias(X):
    return np.cov(X, rowvar=False, bias=True)


@corpus.correct(COV)
def cov_double_loop(X):
    m, n = X.shape
    mu = X.mean(axis=0)
    sigma = np.zeros((n, n))
    for i in range(m):
        d = (X[i] - mu).reshape(-1, 1)
        sigma += d @ d.T
    return sigma / m


@corpus.correct(COV)
def cov_einsum(data):
    centred = data - data.mean(0)
    return np.einsum("ij,ik->jk", centred, centred) / len(data)


@corpus.wrong(COV, *CENTRE)
def cov_forgot_to_centre(X):
    return X.T @ X / X.shape[0]


@corpus.wrong(COV, *M_MINUS_1)
def cov_np_cov_default(X):
    return np.cov(X.T)


@corpus.wrong(COV, *M_MINUS_1)
def cov_sample_denominator(X):
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc / (len(X) - 1)


@corpus.wrong(COV, "n × n", "feature", "(x − μ)ᵀ", "m × m", "rowvar")
def cov_np_cov_rows(X):
    return np.cov(X, bias=True)


@corpus.wrong(COV, "n × n", "feature", "(x − μ)ᵀ", "m × m", "transpose", "shape")
def cov_outer_wrong_way(X):
    Xc = X - X.mean(axis=0)
    return Xc @ Xc.T / len(X)


@corpus.wrong(COV, "divide", "1/m", "factor", "m")
def cov_not_divided(X):
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc


@corpus.wrong(COV, "axis", "mean of each", "feature", "column", *CENTRE)
def cov_mean_over_rows(X):
    Xc = X - X.mean(axis=1, keepdims=True)
    return Xc.T @ Xc / len(X)


@corpus.wrong(COV, "divide", "m", "n", "number of examples", "factor")
def cov_divided_by_n(X):
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc / X.shape[1]


@corpus.wrong(COV, "element-wise", "matrix product", "@", "shape", "n × n")
def cov_elementwise_square(X):
    Xc = X - X.mean(axis=0)
    return (Xc**2).mean(axis=0)


# ----------------------------------------------------------------- principal components


@corpus.correct(PCS)
def pcs_svd_of_sigma_ex7(X):
    # ex7's pca.m: [U, S] = svd(Sigma).
    m = len(X)
    Xc = X - X.mean(axis=0)
    U, S, _ = np.linalg.svd(Xc.T @ Xc / m)
    return U, S


@corpus.correct(PCS)
def pcs_eigh_sorted(X):
    Xc = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(np.cov(Xc, rowvar=False, bias=True))
    order = np.argsort(values)[::-1]
    return vectors[:, order], values[order]


@corpus.correct(PCS)
def pcs_svd_of_data(X):
    Xc = X - X.mean(axis=0)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt.T, s**2 / X.shape[0]


@corpus.correct(PCS)
def pcs_scipy_eigh_reversed(X):
    Xc = X - X.mean(axis=0)
    values, vectors = scipy.linalg.eigh(Xc.T @ Xc / len(X))
    return vectors[:, ::-1], values[::-1]


@corpus.correct(PCS)
def pcs_sklearn(X):
    model = SklearnPCA(svd_solver="full").fit(X)
    return model.components_.T, model.explained_variance_ * (len(X) - 1) / len(X)


@corpus.correct(PCS)
def pcs_eig_general(X):
    Xc = X - X.mean(axis=0)
    values, vectors = np.linalg.eig(Xc.T @ Xc / len(X))
    values, vectors = values.real, vectors.real
    order = values.argsort()[::-1]
    return vectors[:, order], values[order]


@corpus.wrong(PCS, *CENTRE)
def pcs_svd_uncentred(X):
    _, s, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt.T, s**2 / len(X)


@corpus.wrong(PCS, *CENTRE)
def pcs_sigma_uncentred(X):
    U, S, _ = np.linalg.svd(X.T @ X / len(X))
    return U, S


@corpus.wrong(PCS, "largest", "descending", "ascending", "sort", "order")
def pcs_eigh_unsorted(X):
    Xc = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(Xc.T @ Xc / len(X))
    return vectors, values


@corpus.wrong(PCS, "largest", "descending", "ascending", "sort", "order", "column")
def pcs_sorted_values_only(X):
    # Sorted the eigenvalues but not the eigenvectors with them.
    Xc = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(Xc.T @ Xc / len(X))
    return vectors, np.sort(values)[::-1]


@corpus.wrong(PCS, "rows", "columns", "vt", "transpose")
def pcs_vt_not_v(X):
    Xc = X - X.mean(axis=0)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt, s**2 / len(X)


@corpus.wrong(PCS, "left singular", "one row per example", "right singular", "vt", "w")
def pcs_left_singular_vectors(X):
    Xc = X - X.mean(axis=0)
    U, s, _ = np.linalg.svd(Xc, full_matrices=False)
    return U, s**2 / len(X)


@corpus.wrong(PCS, "singular value", "sⱼ²", "s**2", "square", "variance")
def pcs_singular_values(X):
    Xc = X - X.mean(axis=0)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt.T, s


@corpus.wrong(PCS, *M_MINUS_1)
def pcs_np_cov_default(X):
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    return vectors[:, ::-1], values[::-1]


@corpus.wrong(PCS, "return", "2 return values", "both", "tuple")
def pcs_only_u(X):
    Xc = X - X.mean(axis=0)
    _, _, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt.T


@corpus.wrong(PCS, "square root", "standard deviation", "variance", "sⱼ²", "factor")
def pcs_std_not_variance(X):
    Xc = X - X.mean(axis=0)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt.T, s / np.sqrt(len(X))


# ------------------------------------------------------------------------------ project


@corpus.correct(PROJ)
def project_ng(X, mean, U, k):
    U_reduce = U[:, :k]
    return (X - mean) @ U_reduce


@corpus.correct(PROJ)
def project_rowwise(X, mean, U, k):
    return np.array([U[:, :k].T @ (x - mean) for x in X])


@corpus.correct(PROJ)
def project_dot(X, mu, U, K):
    return np.dot(X - mu, U[:, 0:K])


@corpus.wrong(PROJ, *CENTRE)
def project_no_centring(X, mean, U, k):
    return X @ U[:, :k]


@corpus.wrong(PROJ, "first k", "all the components", "k columns", "u[:, :k]", "ignor")
def project_all(X, mean, U, k):
    return (X - mean) @ U


@corpus.wrong(PROJ, "rows", "columns", "u[:, :k]")
def project_rows_of_u(X, mean, U, k):
    # projectData.m's U(1:K, :) instead of U(:, 1:K).
    return (X - mean) @ U[:k, :].T


@corpus.wrong(PROJ, "first k", "k columns", "u[:, :k]", "off by one", "one column")
def project_k_plus_one(X, mean, U, k):
    return (X - mean) @ U[:, : k + 1]


@corpus.wrong(PROJ, "last", "first k", "largest", "u[:, :k]")
def project_last_k(X, mean, U, k):
    return (X - mean) @ U[:, -k:]


@corpus.wrong(PROJ, "sign", "−1", "negat", "minus", "x − μ")
def project_mean_minus_x(X, mean, U, k):
    return (mean - X) @ U[:, :k]


@corpus.wrong(PROJ, "mean", "μ", "centr", "add")
def project_adds_mean(X, mean, U, k):
    return (X + mean) @ U[:, :k]


# ------------------------------------------------------------------------------ recover


@corpus.correct(REC)
def recover_ng(Z, mean, U):
    K = Z.shape[1]
    return Z @ U[:, :K].T + mean


@corpus.correct(REC)
def recover_loop(Z, mean, U):
    k = Z.shape[1]
    rows = [mean + sum(z[j] * U[:, j] for j in range(k)) for z in Z]
    return np.array(rows)


@corpus.correct(REC)
def recover_transpose_product(Z, mu, U):
    return (U[:, : Z.shape[1]] @ Z.T).T + mu


@corpus.wrong(REC, "+ μ", "add", "mean", "back")
def recover_no_mean(Z, mean, U):
    return Z @ U[:, : Z.shape[1]].T


@corpus.wrong(REC, "+ μ", "add", "subtract", "sign", "mean")
def recover_subtracts_mean(Z, mean, U):
    return Z @ U[:, : Z.shape[1]].T - mean


@corpus.wrong(REC, "rows", "columns", "u[:, :k]")
def recover_rows_of_u(Z, mean, U):
    # recoverData.m's U(1:K, :) instead of U(:, 1:K)'.
    k = Z.shape[1]
    return Z @ U[:k, :] + mean


@corpus.wrong(REC, "transpose", "u_reduceᵀ", "pseudo", "inverse", "orthonormal", "u[:, :k]")
def recover_through_pinv(Z, mean, U):
    # "Undo" the projection by solving with the full U: right only when k = n.
    k = Z.shape[1]
    return Z @ np.linalg.pinv(U[:, :k].T @ U[:, :k]).T @ U[:k, :] + mean


@corpus.wrong(REC, "twice", "mean", "μ", "add")
def recover_mean_twice(Z, mean, U):
    return Z @ U[:, : Z.shape[1]].T + 2 * mean


@corpus.wrong(REC, "first k", "last", "u[:, :k]", "columns")
def recover_last_columns(Z, mean, U):
    k = Z.shape[1]
    return Z @ U[:, -k:].T + mean


# ----------------------------------------------------------------------------- choose k


@corpus.correct(K)
def k_loop(variances, share):
    total = np.sum(variances)
    running = 0.0
    for k, v in enumerate(variances, start=1):
        running += v
        if running / total >= share:
            return k
    return len(variances)


@corpus.correct(K)
def k_searchsorted(variances, share):
    running = np.cumsum(variances)
    retained = running / running[-1]
    return int(np.searchsorted(retained, share)) + 1


@corpus.correct(K)
def k_flatnonzero(variances, share):
    retained = np.cumsum(variances)
    retained /= retained[-1]
    return np.flatnonzero(retained >= share)[0] + 1


@corpus.correct(K)
def k_ng_while(S, share):
    # ex7's suggestion: try k = 1, 2, … until the retained share reaches 99 %.
    k = 1
    while np.sum(S[:k]) / np.sum(S) < share:
        k += 1
    return k


@corpus.wrong(K, "k − 1", "index", "+ 1", "count from 0", "off by one")
def k_index_not_count(variances, share):
    retained = np.cumsum(variances) / np.sum(variances)
    return int(np.argmax(retained >= share))


@corpus.wrong(K, "at least", "≥", ">=", "more than", "exactly")
def k_strict(variances, share):
    retained = np.cumsum(variances) / np.sum(variances)
    return int(np.searchsorted(retained, share, side="right")) + 1


@corpus.wrong(K, "cumsum", "running", "first k together", "cumulative", "one component")
def k_single_share(variances, share):
    shares = variances / variances.sum()
    return int(np.argmax(shares >= share)) + 1


@corpus.wrong(K, "divide", "total", "share", "sum(variances)")
def k_raw_cumsum(variances, share):
    return int(np.argmax(np.cumsum(variances) >= share)) + 1


@corpus.wrong(K, "smallest", "largest", "order", "descending", "variances[::-1]")
def k_sorted_ascending_first(variances, share):
    # Sorted the variances as np.sort does (ascending) before adding them up.
    ordered = np.sort(variances)
    retained = np.cumsum(ordered) / ordered.sum()
    return int(np.argmax(retained >= share)) + 1


@corpus.wrong(K, "lost", "kept", "retained", "1 −", "share")
def k_lost_not_kept(variances, share):
    lost = 1 - np.cumsum(variances) / np.sum(variances)
    return int(np.argmax(lost <= share)) + 1


@corpus.wrong(K, "int", "number", "one number", "array", "shape", "k")
def k_returns_mask(variances, share):
    return np.cumsum(variances) / np.sum(variances) >= share


# -------------------------------------------------------------- standardize, then project


@corpus.correct(SCALED)
def scaled_by_hand(X, k):
    X_norm = (X - X.mean(axis=0)) / X.std(axis=0)
    _, _, Vt = np.linalg.svd(X_norm, full_matrices=False)
    return X_norm @ Vt[:k].T


@corpus.correct(SCALED)
def scaled_sklearn_pipeline(X, k):
    X_scaled = StandardScaler().fit_transform(X)
    return SklearnPCA(n_components=k, svd_solver="full").fit_transform(X_scaled)


@corpus.correct(SCALED)
def scaled_ex7_feature_normalize(X, k):
    mu = np.mean(X, axis=0)
    sigma = np.std(X, axis=0)
    X_norm = (X - mu) / sigma
    Sigma = X_norm.T @ X_norm / len(X)
    U, S, _ = np.linalg.svd(Sigma)
    return X_norm @ U[:, :k]


@corpus.wrong(SCALED, "before", "after", "first", "standardize x")
def scaled_after_projecting(X, k):
    Xc = X - X.mean(axis=0)
    _, _, Vt = np.linalg.svd(Xc, full_matrices=False)
    Z = Xc @ Vt[:k].T
    return (Z - Z.mean(axis=0)) / Z.std(axis=0)


@corpus.wrong(SCALED, "standardiz", "scale", "unit", "σ", "raw")
def scaled_forgot(X, k):
    Xc = X - X.mean(axis=0)
    _, _, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Xc @ Vt[:k].T


@corpus.wrong(SCALED, "variance", "σ²", "standard deviation", "square root")
def scaled_by_variance(X, k):
    X_norm = (X - X.mean(axis=0)) / X.var(axis=0)
    _, _, Vt = np.linalg.svd(X_norm, full_matrices=False)
    return X_norm @ Vt[:k].T


@corpus.wrong(SCALED, "ddof", "m − 1", "std", "factor", "divides by m")
def scaled_sample_std(X, k):
    X_norm = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
    _, _, Vt = np.linalg.svd(X_norm, full_matrices=False)
    return X_norm @ Vt[:k].T


@corpus.wrong(SCALED, "range", "min", "max", "standard deviation", "σ", "standardiz")
def scaled_min_max(X, k):
    X_norm = (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))
    X_norm = X_norm - X_norm.mean(axis=0)
    _, _, Vt = np.linalg.svd(X_norm, full_matrices=False)
    return X_norm @ Vt[:k].T


@corpus.wrong(SCALED, "first k", "all", "k columns", "u[:, :k]", "ignor")
def scaled_all_components(X, k):
    X_norm = (X - X.mean(axis=0)) / X.std(axis=0)
    _, _, Vt = np.linalg.svd(X_norm, full_matrices=False)
    return X_norm @ Vt.T


@corpus.wrong(SCALED, "axis", "each feature", "column", "rows")
def scaled_per_example(X, k):
    X_norm = (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)
    X_norm = X_norm - X_norm.mean(axis=0)
    _, _, Vt = np.linalg.svd(X_norm, full_matrices=False)
    return X_norm @ Vt[:k].T


# ------------------------------------------- a second batch, by another engineer
# Written as a learner, before reading the PCA catalogue or the entries above; the keywords
# are that engineer's words for each mistake, cut to a few.


@corpus.wrong(COV, "correlation", "corrcoef", "standard deviation")
def cov_corrcoef(X):
    return np.corrcoef(X, rowvar=False)


@corpus.wrong(COV, "whole array", "each feature", "axis=0", "scalar mean")
def cov_scalar_mean(X):
    Xc = X - X.mean()
    return Xc.T @ Xc / X.shape[0]


@corpus.wrong(COV, "only the variances", "diagonal", "n × n", "n x n")
def cov_only_diag(X):
    return ((X - X.mean(axis=0)) ** 2).mean(axis=0)


@corpus.wrong(COV, "float32", "7 digits", "precision")
def cov_float32(X):
    X = np.asarray(X, dtype=np.float32)
    Xc = X - X.mean(0)
    return Xc.T @ Xc / len(X)


@corpus.wrong(PCS, "rows", "columns", "v[:, idx]", "u[:, order]")
def pcs_eigh_rows_reordered(X):
    w, V = np.linalg.eigh(np.cov(X, rowvar=False, bias=True))
    idx = np.argsort(w)[::-1]
    return V[idx], w[idx]


@corpus.wrong(PCS, "share", "explained_variance_ratio_", "ratio", "not variances")
def pcs_sklearn_ratio(X):
    p = SklearnPCA().fit(X)
    return p.components_.T, p.explained_variance_ratio_


@corpus.wrong(PCS, "float32", "7 digits", "precision", "float64")
def pcs_float32(X):
    X = X.astype(np.float32)
    Xc = X - X.mean(axis=0)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt.T, s**2 / len(X)


@corpus.wrong(PROJ, "octave", "1-based", "off by one", "counts from 0", "first component")
def project_octave_index(X, mean, U, k):
    return (X - mean) @ U[:, 1 : k + 1]


@corpus.wrong(PROJ, "whiten", "rescale", "spread", "divided by")
def project_whitened(X, mean, U, k):
    Z = (X - mean) @ U[:, :k]
    return Z / Z.std(axis=0)


@corpus.wrong(REC, "octave", "1-based", "off by one", "counts from 0", "first component")
def recover_octave_index(Z, mean, U):
    k = Z.shape[1]
    return Z @ U[:, 1 : k + 1].T + mean


@corpus.wrong(K, "np.sum", "rounds", "0.9999999999999999", "cumsum(variances)[-1]")
def k_cumsum_over_np_sum(variances, share):
    # Right on small spectra; at share = 1 with nine variances np.sum and the running
    # sum round apart, and argmax finds no hit.
    retained = np.cumsum(variances) / np.sum(variances)
    return int(np.argmax(retained >= share)) + 1


@corpus.wrong(K, "at least", "more than", ">=", "strictly")
def k_strictly_greater(variances, share):
    retained = np.cumsum(variances) / np.sum(variances)
    return int(np.argmax(retained > share)) + 1


@corpus.wrong(K, "percent", "fraction", "100")
def k_percent(variances, share):
    retained = 100 * np.cumsum(variances) / np.sum(variances)
    return int(np.argmax(retained >= share)) + 1


@corpus.wrong(K, "share", "not k", "count", "number of components")
def k_returns_share(variances, share):
    retained = np.cumsum(variances) / np.sum(variances)
    return float(retained[np.argmax(retained >= share)])


@corpus.wrong(SCALED, "raw", "standardized data", "standardize first", "components of")
def scaled_raw_components(X, k):
    Xc = X - X.mean(axis=0)
    _, _, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Xc / X.std(axis=0) @ Vt[:k].T


@corpus.wrong(SCALED, "u_reduce", "projections", "directions", "(m, k)")
def scaled_returns_directions(X, k):
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    _, _, Vt = np.linalg.svd(Xs, full_matrices=False)
    return Vt[:k].T


@corpus.wrong(SCALED, "vt", "rows of", "transpose", "columns")
def scaled_vt_columns(X, k):
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    _, _, Vt = np.linalg.svd(Xs, full_matrices=False)
    return Xs @ Vt[:, :k]


@corpus.wrong(SCALED, "centr", "subtract", "mean", "μ")
def scaled_not_centred(X, k):
    Xs = X / X.std(axis=0)
    _, _, Vt = np.linalg.svd(Xs, full_matrices=False)
    return Xs @ Vt[:k].T


@corpus.wrong(SCALED, "eigh", "ascending", "smallest", "largest", "order")
def scaled_eigh_ascending(X, k):
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    _, V = np.linalg.eigh(np.cov(Xs, rowvar=False, bias=True))
    return Xs @ V[:, :k]


ENTRIES = corpus.entries

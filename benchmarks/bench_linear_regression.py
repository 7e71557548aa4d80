"""Linear regression: homemade vs scikit-learn on the demos' tasks and one large problem.

Quality is R² on held-out rows. Both sides get the same split and the same model (for the
non-linear task the same feature pipeline: standardize → polynomial → standardize → ridge,
with our λ equal to Ridge's alpha), so their R² should agree to many digits; the target
allows 1 %. Times: gradient descent takes ~200 steps where scikit-learn makes one
least-squares solve. On the 124 happiness rows both are dominated by fixed overheads and
gradient descent measured 3-7× slower on a busy 2-core machine (target ≤ 20×); on 100k rows
it measured 13-16× (target ≤ 40×). The normal equation is one least-squares solve like
scikit-learn's, but our feature map makes about four extra passes over the data before it
(standardize, expand, standardize again, add the column of ones) where scikit-learn only
centers; on 100k×20 that measured 1.3-2.5× depending on the machine's load (target ≤ 3×).
"""

import numpy as np
from common import Row, fit_time_ratio
from sklearn.linear_model import LinearRegression as SkLinearRegression
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from homemade.datasets import load_happiness, load_nonlinear
from homemade.linear_regression import LinearRegression
from homemade.model_selection import train_test_split

GDP, FREEDOM, SCORE = "Economy..GDP.per.Capita.", "Freedom", "Happiness.Score"


def _row(task, ours, theirs, X_train, y_train, X_test, y_test, max_ratio, repeats):
    ours.fit(X_train, y_train)
    theirs.fit(X_train, y_train)
    r2_ours = ours.score(X_test, y_test)
    r2_theirs = theirs.score(X_test, y_test)
    ratio, _, _ = fit_time_ratio(
        lambda: ours.fit(X_train, y_train), lambda: theirs.fit(X_train, y_train), repeats
    )
    quality_ok = abs(r2_ours - r2_theirs) <= 0.01 * abs(r2_theirs)
    return Row(
        task=task,
        metric="R² (test)",
        homemade=r2_ours,
        sklearn=r2_theirs,
        ratio=ratio,
        target=f"R² within 1%, time ≤ {max_ratio}×",
        met=bool(quality_ok and ratio <= max_ratio),
    )


def rows(full=False):
    happiness = load_happiness()
    y = happiness[SCORE].to_numpy()
    result = []

    for task, columns in (
        ("happiness ~ GDP (gradient descent)", [GDP]),
        ("happiness ~ GDP + freedom (gradient descent)", [GDP, FREEDOM]),
    ):
        X = happiness[columns].to_numpy()
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
        result.append(
            _row(task, LinearRegression(), SkLinearRegression(),
                 X_train, y_train, X_test, y_test, max_ratio=20, repeats=15)
        )

    data = load_nonlinear()
    X = data[["x"]].to_numpy()
    X_train, X_test, y_train, y_test = train_test_split(
        X, data["y"].to_numpy(), test_size=0.3, random_state=0
    )
    degree, lam = 10, 0.01
    ours = LinearRegression(solver="normal_equation", polynomial_degree=degree, regularization=lam)
    theirs = make_pipeline(
        StandardScaler(), PolynomialFeatures(degree, include_bias=False), StandardScaler(),
        Ridge(alpha=lam),
    )
    result.append(
        _row(f"non-linear y(x), degree {degree}, λ={lam} (normal equation)", ours, theirs,
             X_train, y_train, X_test, y_test, max_ratio=2, repeats=15)
    )

    rng = np.random.default_rng(0)
    m, n = 100_000, 20
    X = rng.normal(size=(m, n)) * rng.uniform(0.5, 5, size=n) + rng.uniform(-10, 10, size=n)
    y = X @ rng.normal(size=n) + 1.0 + rng.normal(scale=2.0, size=m)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
    result.append(
        _row(f"synthetic {m // 1000}k×{n} (normal equation)",
             LinearRegression(solver="normal_equation"), SkLinearRegression(),
             X_train, y_train, X_test, y_test, max_ratio=3, repeats=7)
    )
    result.append(
        _row(f"synthetic {m // 1000}k×{n} (gradient descent)",
             LinearRegression(), SkLinearRegression(),
             X_train, y_train, X_test, y_test, max_ratio=40, repeats=3)
    )
    return result

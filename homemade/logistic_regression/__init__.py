"""Logistic regression: one-vs-all or softmax, trained by gradient descent or L-BFGS."""

from homemade.logistic_regression.logistic_regression import LogisticRegression

__all__ = ["LogisticRegression"]

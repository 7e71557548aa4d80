"""Linear regression: least squares by gradient descent or the normal equation."""

from homemade.linear_regression.linear_regression import LinearRegression

__all__ = ["LinearRegression"]

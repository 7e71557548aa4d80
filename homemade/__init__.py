"""Homemade Machine Learning: classic algorithms from scratch in NumPy, for learning."""

from homemade.base import ConvergenceWarning, NotFittedError

__all__ = [
    "ConvergenceWarning",
    "NotFittedError",
]
__version__ = "0.1.0"

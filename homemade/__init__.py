"""Homemade Machine Learning: classic algorithms from scratch in NumPy, for learning."""

from homemade.anomaly_detection import GaussianAnomalyDetector
from homemade.base import ConvergenceWarning, NotFittedError
from homemade.k_means import KMeans

__all__ = [
    "ConvergenceWarning",
    "GaussianAnomalyDetector",
    "KMeans",
    "NotFittedError",
]
__version__ = "0.1.0"

"""Homemade Machine Learning: classic algorithms from scratch in NumPy, for learning."""

from homemade.anomaly_detection import GaussianAnomalyDetector
from homemade.exceptions import ConvergenceWarning, NotFittedError
from homemade.k_means import KMeans
from homemade.linear_regression import LinearRegression
from homemade.logistic_regression import LogisticRegression
from homemade.neural_network import MultilayerPerceptron
from homemade.principal_component_analysis import PCA

__all__ = [
    "ConvergenceWarning",
    "GaussianAnomalyDetector",
    "KMeans",
    "LinearRegression",
    "LogisticRegression",
    "MultilayerPerceptron",
    "NotFittedError",
    "PCA",
]
__version__ = "0.1.0"

"""Anomaly detection with the Gaussian distribution (math: README.md beside this file;
its formulas: ``gaussian.py``; the estimator: ``gaussian_anomaly_detection.py``)."""

from homemade.anomaly_detection.gaussian_anomaly_detection import GaussianAnomalyDetector

__all__ = ["GaussianAnomalyDetector"]

"""Anomaly detection with the Gaussian distribution (math: README.md beside this file)."""

from homemade.anomaly_detection.gaussian_anomaly_detection import GaussianAnomalyDetector

__all__ = ["GaussianAnomalyDetector"]

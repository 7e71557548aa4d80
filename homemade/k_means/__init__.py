"""K-means clustering; the math is in README.md beside this file."""

from homemade.k_means.k_means import KMeans

__all__ = ["KMeans"]

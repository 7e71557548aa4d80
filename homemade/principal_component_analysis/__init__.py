"""Principal component analysis; the math is in README.md beside this file."""

from homemade.principal_component_analysis.pca import PCA

__all__ = ["PCA"]

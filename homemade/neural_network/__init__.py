"""Neural networks: the multilayer perceptron and its gradient check."""

from homemade.neural_network.gradient_check import check_gradients
from homemade.neural_network.multilayer_perceptron import MultilayerPerceptron

__all__ = ["MultilayerPerceptron", "check_gradients"]

"""Neural networks: the multilayer perceptron and its gradient check."""

from homemade.neural_network.multilayer_perceptron import MultilayerPerceptron, check_gradients

__all__ = ["MultilayerPerceptron", "check_gradients"]

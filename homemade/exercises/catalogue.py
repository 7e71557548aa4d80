"""Every exercise of Homemade Machine Learning, by name: ``"<algorithm>.<function>"``."""

from homemade.exercises import (
    anomaly_detection,
    k_means,
    linear_regression,
    logistic_regression,
    neural_network,
    principal_component_analysis,
)
from homemade.exercises.hints import HINTS

EXERCISES = {
    exercise.name: exercise
    for module in (
        linear_regression,
        logistic_regression,
        k_means,
        neural_network,
        anomaly_detection,
        principal_component_analysis,
    )
    for exercise in module.EXERCISES
}

# The hints live in one table (hints.py), so that they read as one voice.
for _exercise in EXERCISES.values():
    _exercise.hints = HINTS.get(_exercise.name, ())

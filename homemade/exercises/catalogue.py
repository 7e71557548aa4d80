"""Every exercise of the course, by name: ``"<algorithm>.<function>"``."""

from homemade.exercises import (
    anomaly_detection,
    k_means,
    linear_regression,
    logistic_regression,
    neural_network,
)

EXERCISES = {
    exercise.name: exercise
    for module in (
        linear_regression,
        logistic_regression,
        k_means,
        neural_network,
        anomaly_detection,
    )
    for exercise in module.EXERCISES
}

"""Every exercise of the course, by name: ``"<algorithm>.<function>"``."""

from homemade.exercises import (
    anomaly_detection,
    k_means,
    linear_regression,
    logistic_regression,
)

EXERCISES = {
    exercise.name: exercise
    for module in (linear_regression, logistic_regression, k_means, anomaly_detection)
    for exercise in module.EXERCISES
}

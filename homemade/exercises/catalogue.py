"""Every exercise of the course, by name: ``"<algorithm>.<function>"``."""

from homemade.exercises import k_means, linear_regression

EXERCISES = {
    exercise.name: exercise
    for module in (linear_regression, k_means)
    for exercise in module.EXERCISES
}

"""Every exercise of the course, by name: ``"<algorithm>.<function>"``."""

from homemade.exercises import linear_regression

EXERCISES = {exercise.name: exercise for exercise in linear_regression.EXERCISES}

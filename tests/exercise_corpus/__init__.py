"""A corpus of learner functions for every exercise, to measure the checker by.

Each entry is a function a learner could hand in: *correct variants* (loops, equivalent
formulas, other libraries' functions, renamed parameters), which the checker must accept,
and *wrong functions*, written from the mistakes learners really make (Andrew Ng's
Coursera course's forums and Q&A threads, common NumPy errors; a comment cites the source
where one exists). A wrong entry carries what a teaching assistant would say about it:
keywords, any one of which a good message contains (matched case-insensitively, outside
the indented lines that print inputs and outputs, with the exercise's own name removed).
The learner's function was written first, its keywords from the mistake itself, never
from the checker's messages.

``tests/test_exercise_corpus.py`` runs every entry through ``check`` and prints the table:
accepted (correct variants), named / generic / missed (wrong functions).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """One learner function for ``exercise``: correct when ``keywords`` is empty."""

    exercise: str
    function: object
    keywords: tuple = ()
    source: str = ""

    @property
    def correct(self):
        return not self.keywords

    @property
    def label(self):
        return f"{self.exercise}: {self.function.__name__}"


class Corpus:
    """Collects the entries of one algorithm's module with two decorators."""

    def __init__(self):
        self.entries = []

    def correct(self, exercise):
        def register(function):
            self.entries.append(Entry(exercise, function))
            return function

        return register

    def wrong(self, exercise, *keywords, source=""):
        if not keywords:
            raise ValueError("a wrong entry needs the keywords a good message contains")

        def register(function):
            self.entries.append(Entry(exercise, function, tuple(keywords), source))
            return function

        return register


# What every "you changed your input" message may say.
CHANGED_INPUT = ("changed your", "changes its input", "changed its input", "in place",
                 "modified", "mutat", "alias", "a copy")

# What a message about ignoring the rng it is given may say.
SEEDED = ("rng you are given", "generator you are given", "rng passed", "same seed",
          "equally seeded", "different seeds", "global")

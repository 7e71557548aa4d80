"""The checker measured on a corpus of learner functions (issue 19, item 7).

Every entry of ``tests/exercise_corpus/`` goes through ``check``. A correct variant must be
*accepted*. A wrong function is *named* when the message names the mistake or its fix (one
of the entry's keywords appears in it), *generic* when it is caught with only "the values
differ" or a counterexample, and *missed* when it passes (or the checker fails to report at
all). Targets: every correct variant accepted; at least 80 % named; at most 2 % missed.
Run with ``-s`` to see the table; a failing assertion prints it too.
"""

import re
from collections import Counter

import pytest
from exercise_corpus import anomaly_detection, k_means, linear_regression, logistic_regression
from exercise_corpus import neural_network as mlp
from exercise_corpus import principal_component_analysis as pca

from homemade.exercises import check, list_exercises

ENTRIES = [
    entry
    for module in (linear_regression, logistic_regression, k_means, mlp, anomaly_detection, pca)
    for entry in module.ENTRIES
]
NAMED_TARGET, MISSED_TARGET = 0.80, 0.02
OUTCOMES = ("accepted", "rejected", "named", "generic", "missed")


def _prose(message, exercise):
    """The message without the exercise's own name and without the lines that print inputs
    and outputs, indented under headers such as "expected (probabilities):" (a keyword must
    be said, not found among the numbers or the names of the values)."""
    lines = [
        line
        for line in message.splitlines()
        if line and not line[0].isspace() and not re.match(r"(expected|got)\b.*:$", line)
    ]
    return "\n".join(lines).replace(exercise, "").lower()


def classify(entry):
    """The entry's outcome and the checker's message."""
    try:
        result = check(entry.exercise, entry.function, quiet=True)
    except BaseException as error:  # noqa: BLE001 — a checker that lets anything escape
        if isinstance(error, KeyboardInterrupt):
            raise
        return ("rejected" if entry.correct else "missed"), f"escaped check: {error!r}"
    if entry.correct:
        return ("accepted" if result.passed else "rejected"), result.message
    if result.passed or result.status == "not attempted yet":
        return "missed", result.message
    text = _prose(result.message, entry.exercise)
    if any(keyword.lower() in text for keyword in entry.keywords):
        return "named", result.message
    return "generic", result.message


@pytest.fixture(scope="module")
def outcomes():
    return {entry: classify(entry) for entry in ENTRIES}


def table(outcomes):
    """The project's table: per exercise and in total."""
    rows = {name: Counter() for name in list_exercises()}
    for entry, (outcome, _) in outcomes.items():
        rows.setdefault(entry.exercise, Counter())[outcome] += 1
    total = sum(rows.values(), Counter())
    width = max(len(name) for name in rows)
    header = f"{'exercise':<{width}}  correct accepted | wrong named generic missed"
    lines = [header, "-" * len(header)]
    for name, c in [*rows.items(), ("total", total)]:
        if name == "total":
            lines.append("-" * len(header))
        correct, wrong = c["accepted"] + c["rejected"], c["named"] + c["generic"] + c["missed"]
        lines.append(
            f"{name:<{width}}  {correct:>7} {c['accepted']:>8} | {wrong:>5} {c['named']:>5} "
            f"{c['generic']:>7} {c['missed']:>6}"
        )
    wrong = total["named"] + total["generic"] + total["missed"]
    lines.append(
        f"named {total['named'] / wrong:.0%}, generic {total['generic'] / wrong:.0%}, "
        f"missed {total['missed'] / wrong:.0%} of {wrong} wrong functions; "
        f"{total['accepted']} of {total['accepted'] + total['rejected']} correct variants accepted"
    )
    return "\n".join(lines)


def details(outcomes, wanted):
    lines = []
    for entry, (outcome, message) in outcomes.items():
        if outcome in wanted:
            first = message.splitlines()[0] if message else ""
            lines.append(f"  [{outcome}] {entry.label}: {first[:150]}")
    return "\n".join(lines)


def test_the_corpus_covers_every_exercise():
    exercises = set(list_exercises())
    unknown = {e.exercise for e in ENTRIES} - exercises
    assert not unknown, f"corpus entries for exercises that do not exist: {unknown}"
    wrong = Counter(e.exercise for e in ENTRIES if not e.correct)
    correct = Counter(e.exercise for e in ENTRIES if e.correct)
    thin = {name: wrong[name] for name in exercises if wrong[name] < 5}
    assert not thin, f"exercises with fewer than five wrong functions: {thin}"
    assert all(correct[name] >= 2 for name in exercises), correct
    assert sum(wrong.values()) >= 120
    labels = [e.label for e in ENTRIES]
    assert len(labels) == len(set(labels)), "two entries share a name"
    for entry in ENTRIES:
        assert all(re.search(r"\S", k) for k in entry.keywords)


def test_the_table(outcomes):
    print("\n" + table(outcomes))
    print(details(outcomes, ("rejected", "missed", "generic")))


def test_every_correct_variant_is_accepted(outcomes):
    rejected = details(outcomes, ("rejected",))
    assert not rejected, f"correct variants rejected:\n{rejected}\n\n{table(outcomes)}"


def test_most_mistakes_are_named(outcomes):
    wrong = [o for e, (o, _) in outcomes.items() if not e.correct]
    share = wrong.count("named") / len(wrong)
    assert share >= NAMED_TARGET, (
        f"{share:.0%} named, the target is {NAMED_TARGET:.0%}\n{table(outcomes)}\n"
        + details(outcomes, ("generic", "missed"))
    )


def test_almost_no_mistake_is_missed(outcomes):
    wrong = [o for e, (o, _) in outcomes.items() if not e.correct]
    share = wrong.count("missed") / len(wrong)
    assert share <= MISSED_TARGET, (
        f"{share:.1%} missed, the target is at most {MISSED_TARGET:.0%}\n{table(outcomes)}\n"
        + details(outcomes, ("missed",))
    )

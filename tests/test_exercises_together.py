"""The "put it together" cells' guard: an unwritten function is named, nothing else hidden."""

import pytest

from homemade.exercises.together import needs_your_functions


def test_an_unwritten_function_is_named_and_the_rest_of_the_block_skipped(capsys):
    def standardize(X):
        raise NotImplementedError

    reached = []
    with needs_your_functions():
        standardize([[1.0]])
        reached.append(True)
    assert not reached
    assert capsys.readouterr().out == (
        "Write the functions above first: standardize still raises NotImplementedError. "
        "Then run this cell again.\n"
    )


def test_a_written_block_runs_and_other_errors_are_not_hidden(capsys):
    with needs_your_functions():
        print("ran")
    assert capsys.readouterr().out == "ran\n"
    with pytest.raises(ZeroDivisionError), needs_your_functions():
        1 / 0  # noqa: B018 (the learner's own error, shown as usual)

"""The plotting helpers keep one convention: ``ax=None`` (a new figure), and the Axes back."""

import importlib
import inspect
import pkgutil

import matplotlib
import numpy as np
import pytest

import homemade.plotting

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the non-interactive backend)

HISTORY = np.array([4.0, 2.0, 1.5, 1.25, 1.2])


# What each cost plotter needs besides its axes: a cost history (and J_min), or a dict.
ARGUMENTS = {
    "plot_cost_history": lambda f: (
        (HISTORY, 1.0) if "best_cost" in inspect.signature(f).parameters else (HISTORY,)
    ),
    "plot_cost_histories": lambda f: ({"run": HISTORY},),
    "plot_cost_curves": lambda f: ({"run": (HISTORY, True)},),
}


def _cost_plotters():
    for info in pkgutil.iter_modules(homemade.plotting.__path__):
        module = importlib.import_module(f"homemade.plotting.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name in ARGUMENTS and function.__module__ == module.__name__:
                yield pytest.param(function, id=f"{info.name}.{name}")


@pytest.mark.parametrize("function", list(_cost_plotters()))
def test_cost_plotters_take_ax_none_and_return_the_axes(function):
    parameter = inspect.signature(function).parameters.get("ax")
    assert parameter is not None and parameter.default is None
    args = ARGUMENTS[function.__name__](function)
    try:
        made = function(*args)
        assert isinstance(made, matplotlib.axes.Axes)
        fig, given = plt.subplots()
        assert function(*args, ax=given) is given
        assert given.lines  # it drew there
    finally:
        plt.close("all")


def test_there_is_a_cost_plotter_per_algorithm_that_has_one():
    names = {p.id for p in _cost_plotters()}
    assert {"k_means.plot_cost_history", "linear_regression.plot_cost_history"} <= names

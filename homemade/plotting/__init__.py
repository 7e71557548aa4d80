"""Plotting helpers for the notebooks: the figures that are not the lesson.

One module per algorithm (``homemade.plotting.linear_regression``, ...), so that a
notebook's cells stay about the data, the model and its evaluation, as d2l keeps its
plotting helpers out of its pages. Plain matplotlib and plotly, which the library itself does
not need: ``pip install homemade[plotting]`` (the course's lock has them).
"""

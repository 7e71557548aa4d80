"""Put it together: run the learner's functions on a demo's real data.

The last cell of each exercise notebook runs the functions the learner wrote on the data
of the algorithm's demo, and compares the result with the numbers the demo prints. Until
every function is written, one of them still raises ``NotImplementedError``; that cell
then says which one, instead of showing a traceback:

>>> def cost(theta, X, y, regularization):
...     raise NotImplementedError
>>> with needs_your_functions():
...     cost(None, None, None, 0.0)
Write the functions above first: cost still raises NotImplementedError. Then run this cell again.
"""

import contextlib
import traceback


@contextlib.contextmanager
def needs_your_functions():
    """Run the block; if a function in it is not written yet, name it instead of failing.

    Only ``NotImplementedError`` (an unwritten function) is caught: any other error of the
    learner's code is shown as usual, since it says what to fix.

    Yields
    ------
    None
    """
    try:
        yield
    except NotImplementedError as error:
        unwritten = traceback.extract_tb(error.__traceback__)[-1].name
        print(
            f"Write the functions above first: {unwritten} still raises "
            "NotImplementedError. Then run this cell again."
        )

"""Homemade vs scikit-learn, same data, same run: ``make bench`` (``python benchmarks/run.py``).

Every ``bench_<algorithm>.py`` beside this file has ``rows(full)`` returning a list of
``common.Row``. The table is printed in Markdown (paste it in the README); the exit code
is 1 when a target is missed.

Options: ``--only NAME`` runs one file (e.g. ``--only linear_regression``); ``--full``
adds the rows that need the full MNIST download.
"""

import argparse
import importlib
import pathlib
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only benchmarks/bench_<ONLY>.py")
    parser.add_argument("--full", action="store_true", help="include full-MNIST rows")
    args = parser.parse_args(argv)

    here = pathlib.Path(__file__).parent
    names = sorted(p.stem for p in here.glob("bench_*.py"))
    if args.only:
        names = [n for n in names if n == f"bench_{args.only}"]
        if not names:
            parser.error(f"no benchmarks/bench_{args.only}.py")

    print("| task | metric | homemade | scikit-learn | fit time homemade / scikit-learn "
          "| target | met |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    missed = 0
    for name in names:
        module = importlib.import_module(name)
        for row in module.rows(full=args.full):
            missed += not row.met
            print(f"| {row.task} | {row.metric} | {row.homemade:.4g} | {row.sklearn:.4g} "
                  f"| {row.ratio:.3g} | {row.target} | {'yes' if row.met else 'NO'} |",
                  flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

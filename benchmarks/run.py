"""Homemade vs scikit-learn, same data, same run: ``make bench`` (``python benchmarks/run.py``).

Every ``bench_<algorithm>.py`` beside this file has ``rows(full)`` returning a list of
``common.Row``; each file runs in a fresh Python process. The table is printed in
Markdown. The "met" column says "yes", "NO", or "—" for a row that only reports; a row
whose time or time ratio is not positive and finite says "NO (invalid: ...)". The exit
code is 1 when a target is missed or a time is invalid.

Options: ``--only NAME`` runs one file (e.g. ``--only linear_regression``); ``--full``
adds the rows that need the full MNIST download; ``--write-readme`` also writes the
printed table, with a line saying when and on what machine it was measured, into
README.md between ``<!-- benchmarks:start -->`` and ``<!-- benchmarks:end -->``
(``make bench BENCH_ARGS=--write-readme``). It needs the full run (no ``--only``), and
checks the markers before running anything.
"""

import argparse
import datetime
import importlib
import multiprocessing
import os
import pathlib
import platform
import sys
from concurrent.futures import ProcessPoolExecutor

HERE = pathlib.Path(__file__).resolve().parent
README = HERE.parent / "README.md"
START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"

HEADER = [
    "| task | metric | homemade | scikit-learn | fit time homemade / scikit-learn "
    "| target | met |",
    "| --- | --- | --- | --- | --- | --- | --- |",
]


def bench_names():
    """The benchmark modules beside this file: ``bench_<algorithm>``."""
    return sorted(p.stem for p in HERE.glob("bench_*.py"))


def module_rows(name, full, folder=HERE):
    """The rows of ``<folder>/<name>.py`` (``rows(full)``), run in this process."""
    if str(folder) not in sys.path:  # the bench files import common
        sys.path.insert(0, str(folder))
    return importlib.import_module(name).rows(full=full)


def rows_in_fresh_process(name, full, folder=HERE):
    """:func:`module_rows` in a new Python process, so that no benchmark times another's
    leftovers. Run in one process after the Fashion-MNIST logistic rows (gigabytes allocated
    and freed), our MLP fit took 5.3–5.7 s instead of 4.2–4.6 s, and 4.2–4.6 s again with
    glibc's MALLOC_TRIM_THRESHOLD_ and MALLOC_MMAP_THRESHOLD_ raised: the allocator's
    state, not the algorithm, was being timed."""
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as child:
        return child.submit(module_rows, name, full, folder).result()


def format_row(row):
    """One Markdown table line for a ``common.Row``."""
    return (f"| {row.task} | {row.metric} | {row.homemade:.4g} | {row.sklearn:.4g} "
            f"| {row.ratio:.3g} | {row.target} | {row.verdict} |")


def cpu_model(cpuinfo="/proc/cpuinfo"):
    """The CPU's "model name" from /proc/cpuinfo, or what ``platform`` knows."""
    try:
        for line in pathlib.Path(cpuinfo).read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def blas_description():
    """The BLAS numpy uses and, for OpenBLAS, the kernel ("core type") it picked."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "BLAS unknown (threadpoolctl not installed)"
    pools = [pool for pool in threadpool_info() if pool.get("user_api") == "blas"]
    if not pools:
        return "BLAS unknown"
    # numpy's own BLAS first: scipy may load another copy (another version) beside it.
    pool = min(pools, key=lambda pool: "numpy" not in str(pool.get("filepath", "")))
    words = [pool.get("internal_api", "BLAS"), pool.get("version")]
    if pool.get("architecture"):
        words += ["core type", pool["architecture"]]
    return " ".join(word for word in words if word)


def machine_line(args_text="", today=None):
    """When and where the table was measured, for the line under the README table."""
    import numpy
    import sklearn

    today = today or datetime.date.today().isoformat()
    command = "make bench" + (f" BENCH_ARGS='{args_text}'" if args_text else "")
    return (f"Measured on {today} with `{command}`: {os.cpu_count()} cores, {cpu_model()}, "
            f"Python {platform.python_version()}, numpy {numpy.__version__}, "
            f"scikit-learn {sklearn.__version__}, {blas_description()}.")


def check_markers(text):
    """The positions of the start and end markers in ``text``; ValueError if they are not
    there exactly once each, in that order."""
    counts = {marker: text.count(marker) for marker in (START, END)}
    if counts != {START: 1, END: 1} or text.index(START) > text.index(END):
        raise ValueError(
            f"the README must hold {START} and then {END}, once each, around the benchmark "
            f"table (found {counts[START]} start and {counts[END]} end markers); add them "
            "by hand where the table goes"
        )
    return text.index(START), text.index(END)


def replace_table(text, block):
    """``text`` with everything between the markers replaced by ``block``."""
    start, end = check_markers(text)
    return text[: start + len(START)] + "\n" + block.strip("\n") + "\n" + text[end:]


def write_readme(path, table_lines, note):
    """Put the table and the note under it between the markers of the file at ``path``."""
    path = pathlib.Path(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(replace_table(text, "\n".join(table_lines) + "\n\n" + note),
                    encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only benchmarks/bench_<ONLY>.py")
    parser.add_argument("--full", action="store_true", help="include full-MNIST rows")
    parser.add_argument("--write-readme", action="store_true",
                        help=f"write the table into README.md between {START} and {END}")
    parser.add_argument("--readme", type=pathlib.Path, default=README,
                        help="the file --write-readme writes (default: the project's README)")
    args = parser.parse_args(argv)

    names = bench_names()
    if args.only:
        names = [n for n in names if n == f"bench_{args.only}"]
        if not names:
            parser.error(f"no benchmarks/bench_{args.only}.py")
    if args.write_readme:
        if args.only:
            parser.error("--write-readme writes the whole table: run it without --only")
        try:
            check_markers(args.readme.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            parser.error(f"--write-readme: {args.readme}: {error}")

    if str(HERE) not in sys.path:  # the rows are common.Row objects
        sys.path.insert(0, str(HERE))
    lines = list(HEADER)
    print("\n".join(HEADER), flush=True)
    missed = 0
    for name in names:
        for row in rows_in_fresh_process(name, args.full):
            missed += row.missed
            lines.append(format_row(row))
            print(lines[-1], flush=True)

    if args.write_readme:
        write_readme(args.readme, lines, machine_line("--full --write-readme" if args.full
                                                      else "--write-readme"))
        print(f"\nwrote the table into {args.readme}", file=sys.stderr)
    if missed:
        print(f"\n{missed} row(s) missed their target or have an invalid time",
              file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

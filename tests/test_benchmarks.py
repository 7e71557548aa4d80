"""The benchmark harness cannot lie: times are checked, report rows say "—", and the README
table is written between markers by ``benchmarks/run.py --write-readme``.

No benchmark runs here: ``run.main`` gets a fake ``bench_*`` module.
"""

import math
import pathlib
import subprocess
import sys
import types

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import common  # noqa: E402
import run  # noqa: E402


def make_row(ratio=0.5, met=True, target="≤ 1×", **kwargs):
    return common.Row("task", "metric", 0.9, 0.9, ratio, target, met, **kwargs)


@pytest.mark.parametrize("bad", [-0.011, 0.0, math.nan, math.inf, -math.inf])
def test_a_row_with_an_invalid_ratio_is_missed_and_says_why(bad):
    row = make_row(ratio=bad, met=True)
    assert row.problems and row.missed
    assert row.verdict.startswith("NO (invalid: ratio")
    assert "| NO (invalid: ratio" in run.format_row(row)


@pytest.mark.parametrize("bad", [-0.0024, 0.0, math.nan])
def test_other_columns_that_hold_seconds_are_checked_too(bad):
    row = common.Row("one epoch", "s", bad, 0.59, 1.9, "≤ 3×", True,
                     seconds=("homemade", "sklearn"))
    assert row.missed and "homemade" in row.verdict
    # Columns that are not times (e.g. a NaN for "no scikit-learn value") are left alone.
    assert not common.Row("ε", "ε", 9e-5, math.nan, 0.002, "ε ≈ 9e-05", True).missed


@pytest.mark.parametrize("bad", [-1e-3, 0.0, math.nan, math.inf])
def test_timers_refuse_invalid_times(bad):
    with pytest.raises(common.InvalidTime):
        common.check_seconds("epoch", bad)
    assert common.check_seconds("epoch", 0.25) == 0.25


def test_fit_time_ratio_returns_checked_positive_times():
    ratio, ours, theirs = common.fit_time_ratio(lambda: sum(range(100)),
                                                lambda: sum(range(200)), repeats=3)
    assert ratio > 0 and ours > 0 and theirs > 0
    assert common.median_seconds(lambda: sum(range(100)), repeats=3) > 0


def test_report_rows_say_dash_and_never_count_as_missed():
    row = make_row(met=None, target="report")
    assert row.verdict == "—" and not row.missed
    assert run.format_row(row).endswith("| report | — |")
    assert make_row(met=True).verdict == "yes"
    assert make_row(met=False).verdict == "NO" and make_row(met=False).missed
    with pytest.raises(ValueError, match="report"):
        make_row(met=None, target="≥ 0.9")


def _fake_bench(monkeypatch, rows):
    module = types.ModuleType("bench_fake")
    module.rows = lambda full=False: rows
    monkeypatch.setitem(sys.modules, "bench_fake", module)
    monkeypatch.setattr(run, "bench_names", lambda: ["bench_fake"])
    # The fake module exists only in this process: run it here, not in a fresh one.
    monkeypatch.setattr(run, "rows_in_fresh_process", run.module_rows)


def test_each_benchmark_file_runs_in_a_fresh_process(tmp_path):
    (tmp_path / "bench_probe.py").write_text(
        "import os\n"
        "from common import Row\n"
        "def rows(full=False):\n"
        "    return [Row(f'pid-{os.getpid()}-full-{full}', 'm', 1.0, 1.0, 0.5, 'report', None)]\n"
    )
    # Driven from a Python of its own, so that multiprocessing's helper processes never
    # live in the test process (which later starts notebook kernels).
    script = (
        f"import os, sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import run; "
        f"(row,) = run.rows_in_fresh_process('bench_probe', True, folder={str(tmp_path)!r}); "
        "print(os.getpid(), row.task, row.verdict)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=120)
    driver, task, verdict = done.stdout.split()
    assert task.startswith("pid-") and task.endswith("-full-True") and verdict == "—"
    assert task.split("-")[1] != driver  # the rows came from another process



def test_exit_code(monkeypatch, capsys):
    _fake_bench(monkeypatch, [make_row(), make_row(met=None, target="report")])
    assert run.main(["--only", "fake"]) == 0
    out = capsys.readouterr().out
    assert "| report | — |" in out and "| yes |" in out

    _fake_bench(monkeypatch, [make_row(), make_row(met=False)])
    assert run.main(["--only", "fake"]) == 1

    _fake_bench(monkeypatch, [make_row(ratio=-0.011, met=True)])
    assert run.main(["--only", "fake"]) == 1
    assert "NO (invalid" in capsys.readouterr().out


README_TEXT = f"""# Title

## Benchmarks

Prose stays.

{run.START}
| old | table |
| --- | --- |
| 1 | 2 |

Measured long ago.
{run.END}

## Licence

MIT
"""


def test_writer_replaces_exactly_the_text_between_the_markers(tmp_path):
    path = tmp_path / "README.md"
    path.write_text(README_TEXT, encoding="utf-8")
    lines = [*run.HEADER, run.format_row(make_row(met=None, target="report"))]
    run.write_readme(path, lines, "Measured today.")
    text = path.read_text(encoding="utf-8")
    before, rest = README_TEXT.split(run.START)
    _, after = rest.split(run.END)
    assert text.startswith(before + run.START + "\n")
    assert text.endswith(run.END + after)
    inside = text[len(before + run.START):-len(run.END + after)]
    assert inside == "\n" + "\n".join(lines) + "\n\nMeasured today.\n"
    # Writing again gives the same file: nothing accumulates around the markers.
    run.write_readme(path, lines, "Measured today.")
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("text", [
    "no markers at all\n",
    f"only the start {run.START}\n",
    f"{run.END} before {run.START}\n",
    f"{run.START} {run.START} twice {run.END}\n",
])
def test_writer_refuses_without_its_markers(tmp_path, text):
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="benchmarks:start"):
        run.write_readme(path, list(run.HEADER), "note")
    assert path.read_text(encoding="utf-8") == text


def test_write_readme_checks_the_markers_before_running_anything(tmp_path, capsys):
    path = tmp_path / "README.md"
    path.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        run.main(["--write-readme", "--readme", str(path)])
    assert exit_info.value.code == 2
    assert "benchmarks:start" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run.main(["--write-readme", "--only", "k_means", "--readme", str(path)])


def test_machine_line_names_date_cores_cpu_and_numpy():
    line = run.machine_line("--write-readme", today="2026-01-02")
    assert line.startswith("Measured on 2026-01-02 with `make bench BENCH_ARGS='--write-readme'`")
    assert "cores" in line and "numpy" in line
    cpuinfo = pathlib.Path(__file__)  # no "model name" line: falls back without failing
    assert run.cpu_model(str(cpuinfo))


def test_the_readme_holds_the_markers_and_a_table_with_run_pys_header():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = run.check_markers(text)
    table = [line for line in text[start:end].splitlines() if line.startswith("|")]
    assert table[:2] == run.HEADER
    assert len(table) > 2
    columns = run.HEADER[0].count("|")
    assert all(line.count("|") >= columns for line in table)
    assert "| report | yes |" not in text

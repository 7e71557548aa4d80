"""A newcomer's first hour: each snag hit on a fresh clone, as a test.

`make lab` as root and the links from notebooks to the code, `make notebooks` without a
browser and its widget-id churn, `make` on an old Python, the licence in the wheel, the
kernel matrix of `make test`, and no path to a folder outside the repository.
"""

import copy
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def make(*args, **kwargs):
    env = {**os.environ, **kwargs.pop("env", {})}
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=kwargs.pop("timeout", 60),
        **kwargs,
    )


def load_tool(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------------------
# make test: the unit tests once, the notebooks under each OpenBLAS kernel
# --------------------------------------------------------------------------------------


def test_make_test_runs_nbval_under_each_kernel_and_the_unit_tests_once():
    dry = make("-n", "test")
    assert dry.returncode == 0, dry.stderr
    out = dry.stdout
    assert out.count("--doctest-modules tests homemade") == 1  # unit tests and doctests, once
    assert "check_math.mjs" in out  # the math pages compiled
    assert out.count("--nbval ") == out.count("OPENBLAS_NUM_THREADS=1")
    assert "env -u OPENBLAS_CORETYPE" in out  # the machine's own kernel
    assert "OPENBLAS_CORETYPE=Prescott" in out  # every x86-64 CPU
    has_avx2 = "avx2" in Path("/proc/cpuinfo").read_text().split()
    assert ("OPENBLAS_CORETYPE=Haswell" in out) == has_avx2
    assert out.count("--nbval ") == 2 + has_avx2


def test_nbval_takes_a_subset_of_notebooks():
    notebook = "notebooks/k_means/k_means_demo.ipynb"
    dry = make("-n", "nbval", f"NOTEBOOKS={notebook}", "KERNELS=Prescott")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.count(".ipynb") == 1 and notebook in dry.stdout


# --------------------------------------------------------------------------------------
# make lab
# --------------------------------------------------------------------------------------


def test_make_lab_serves_the_repository_and_opens_notebooks():
    out = make("-n", "lab").stdout
    assert "--ServerApp.root_dir=. " in out
    assert "--LabApp.default_url=/lab/tree/notebooks" in out
    # As root (containers, CI) Jupyter refuses to start without --allow-root.
    assert ("--allow-root" in out) == (os.geteuid() == 0)
    assert "--extra-flag" in make("-n", "lab", "LAB_ARGS=--extra-flag").stdout


def test_lab_server_answers_for_the_math_pages_notebooks_link_to(tmp_path):
    """The real server, as `make lab` starts it: ../../homemade/... links resolve."""
    port = free_port()
    token = uuid.uuid4().hex
    process = subprocess.Popen(
        [
            BIN / "jupyter",
            "lab",
            *lab_args_from_makefile(),
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        cwd=ROOT,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path), "HOME": str(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        import requests

        base = f"http://127.0.0.1:{port}"
        session = requests.Session()
        session.trust_env = False  # no proxy for the loopback server
        deadline = time.monotonic() + 60
        while True:
            try:
                session.get(f"{base}/api/status?token={token}", timeout=2)
                break
            except requests.ConnectionError:
                assert process.poll() is None, "jupyter lab exited"
                assert time.monotonic() < deadline, "jupyter lab did not start in 60 s"
                time.sleep(0.3)
        # A notebook's link ../../homemade/k_means/README.md, from notebooks/k_means/.
        page = session.get(f"{base}/files/homemade/k_means/README.md?token={token}", timeout=10)
        assert page.status_code == 200
        notebooks = session.get(f"{base}/api/contents/notebooks?token={token}", timeout=10)
        assert notebooks.status_code == 200
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lab_args_from_makefile():
    """The server options of `make lab`, read from its dry run."""
    out = make("-n", "lab", "AS_ROOT=").stdout.replace("\\\n", " ")
    command = next(line for line in out.splitlines() if "jupyter lab" in line)
    return command.split("jupyter lab", 1)[1].split()


# --------------------------------------------------------------------------------------
# make notebooks
# --------------------------------------------------------------------------------------


def test_no_browser_stops_with_the_command_that_fixes_it(monkeypatch, capsys):
    tool = load_tool("check_browser")
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(tool, "find_browser", lambda: None)
    monkeypatch.setattr(tool.shutil, "which", lambda name: f"/usr/bin/{name}")

    assert tool.main() == 1

    err = capsys.readouterr().err
    assert "No notebook was touched" in err
    fix = err.strip().splitlines()[-1].strip()
    assert fix in ("apt-get install chromium", "sudo apt-get install chromium")
    guide = (ROOT / "CONTRIBUTING.md").read_text()  # make notebooks is a maintainer's command
    assert "apt-get install chromium" in guide and "kaleido_get_chrome" in guide

    monkeypatch.setattr(tool.shutil, "which", lambda name: None)
    assert tool.main() == 1
    assert capsys.readouterr().err.strip().endswith("kaleido_get_chrome")


def test_make_notebooks_checks_the_browser_before_touching_any_notebook():
    notebooks = sorted(ROOT.glob("notebooks/*/*.ipynb"))
    before = {path: path.stat().st_mtime_ns for path in notebooks}
    # NOTEBOOKS names a missing file: even if the check let it through, nothing is run.
    # `-o .venv/.installed` and BIN: this test's own Python runs the check, so make never
    # builds or refreshes .venv in the checkout (821 MB, and it needs a package index).
    result = make(
        "-o", ".venv/.installed",
        "notebooks",
        f"BIN={BIN}",
        "NOTEBOOKS=notebooks/does-not-exist.ipynb",
        env={"BROWSER_PATH": "/nonexistent/chromium"},
        timeout=600,
    )
    assert result.returncode != 0
    assert "BROWSER_PATH='/nonexistent/chromium' is not an executable" in result.stderr
    assert "nbconvert" not in result.stdout.split("check_browser.py", 1)[1]
    assert {path: path.stat().st_mtime_ns for path in notebooks} == before


def widget_notebook():
    """A notebook as nbclient stores an `interact` cell: random ids, refs between them."""
    box, slider, layout, output = (uuid.uuid4().hex for _ in range(4))
    state = {
        box: {
            "model_name": "VBoxModel",
            "state": {"children": [f"IPY_MODEL_{slider}", f"IPY_MODEL_{output}"]},
        },
        slider: {"model_name": "IntSliderModel", "state": {"layout": f"IPY_MODEL_{layout}"}},
        layout: {"model_name": "LayoutModel", "state": {}},
        output: {"model_name": "OutputModel", "state": {"outputs": []}},
    }
    view = {"model_id": box, "version_major": 2, "version_minor": 0}
    return {
        "cells": [
            {
                "cell_type": "code",
                "outputs": [
                    {"output_type": "display_data", "data": {
                        "application/vnd.jupyter.widget-view+json": view}},
                ],
            }
        ],
        "metadata": {
            "widgets": {
                "application/vnd.jupyter.widget-state+json": {
                    "state": dict(sorted(state.items())),
                    "version_major": 2,
                    "version_minor": 0,
                }
            }
        },
    }


def test_widget_ids_are_the_same_on_every_run():
    tool = load_tool("normalize_widget_ids")
    name = "notebooks/k_means/k_means_demo.ipynb"
    first = tool.normalize(widget_notebook(), name)
    second = tool.normalize(widget_notebook(), name)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    # Idempotent, and references still point at the renamed models.
    assert tool.normalize(copy.deepcopy(first), name) == first
    state = first["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    view = first["cells"][0]["outputs"][0]["data"]["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] in state
    box = state[view["model_id"]]
    assert box["model_name"] == "VBoxModel"
    for ref in box["state"]["children"]:
        assert ref.removeprefix("IPY_MODEL_") in state
    # Another notebook gets other ids.
    other = tool.normalize(widget_notebook(), "notebooks/other.ipynb")
    assert set(state).isdisjoint(
        other["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    )


def test_widget_ids_normalized_in_a_stored_notebook_keep_every_reference(tmp_path):
    tool = load_tool("normalize_widget_ids")
    source = ROOT / "notebooks" / "k_means" / "k_means_demo.ipynb"
    path = tmp_path / source.name
    # The notebook as the repository stores it: a copy the learner ran and saved in
    # JupyterLab has output ids of its own that no stored widget state knows.
    stored = subprocess.run(
        ["git", "show", "HEAD:notebooks/k_means/k_means_demo.ipynb"],
        cwd=ROOT, capture_output=True,
    )
    if stored.returncode == 0:
        path.write_bytes(stored.stdout)
    else:  # not a git checkout (an exported tree): the file as it is
        shutil.copy(source, path)
    tool.main([str(path)])
    once = path.read_bytes()
    tool.main([str(path)])
    assert path.read_bytes() == once
    notebook = json.loads(once)
    state = notebook["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]
    before = json.loads(stored.stdout if stored.returncode == 0 else source.read_text())
    before = before["metadata"]["widgets"]
    assert len(state["state"]) == len(
        before["application/vnd.jupyter.widget-state+json"]["state"]
    )
    refs = tool._references(state["state"])
    assert refs and all(ref in state["state"] for ref in refs)


def test_nbval_does_not_compare_widget_ids():
    from nbval.plugin import IPyNbFile

    # nbval's own list of outputs it never compares (model ids are random by design).
    source = Path(sys.modules["nbval.plugin"].__file__).read_text()
    assert "'application/vnd.jupyter.widget-view+json'" in source
    assert IPyNbFile is not None


def test_make_notebooks_normalizes_widget_ids_after_running():
    out = make("-n", "notebooks").stdout
    assert out.index("check_browser.py") < out.index("nbconvert")
    assert out.index("nbconvert") < out.index("normalize_widget_ids.py")
    assert "OPENBLAS_NUM_THREADS=1" in out


# --------------------------------------------------------------------------------------
# make on an old Python
# --------------------------------------------------------------------------------------


def test_old_python_fails_in_one_line_before_any_venv(tmp_path):
    fake = tmp_path / "python3.10"
    fake.write_text("#!/bin/sh\necho 3.10\n")
    fake.chmod(0o755)
    venv = tmp_path / "venv"

    result = make("install", f"PYTHON={fake}", f"VENV={venv}")

    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert ours == ["needs Python 3.11+, found 3.10; run `make PYTHON=python3.11 install`"]
    assert not venv.exists()


# --------------------------------------------------------------------------------------
# The licence
# --------------------------------------------------------------------------------------


def test_license_is_mit_and_ships_in_the_wheel(tmp_path):
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License")
    assert "Oleksii Trekhleb" in text and "Homemade Machine Learning contributors" in text
    # Build from a copy, so the checkout gets no build/ folder.
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "homemade", source / "homemade",
                    ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--no-build-isolation", str(source), "-w", str(tmp_path / "dist")],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = (tmp_path / "dist").glob("homemade-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        licence = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert licence, names
        assert archive.read(licence[0]).decode() == text
        metadata = archive.read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "License-Expression: MIT" in metadata
    assert "Requires-Dist: scipy" in metadata


def test_build_backend_is_new_enough_for_the_license_expression():
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["build-system"]["requires"] == ["setuptools>=77"]
    assert pyproject["project"]["license"] == "MIT"
    assert pyproject["project"]["license-files"] == ["LICENSE"]


# --------------------------------------------------------------------------------------
# Data only from HOMEMADE_DATA_DIR
# --------------------------------------------------------------------------------------

# Files whose owners have still to drop their mention; remove each once it is fixed.
NEEDLES = ("../" + "shared", "shared" + "/data")  # spelt apart: this file is checked too


def test_no_file_points_at_a_data_folder_outside_the_repository():
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()
    offenders = []
    for name in files:
        path = ROOT / name
        if name == ".ci/run" or not path.is_file():
            continue
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            continue
        if any(needle in text for needle in NEEDLES):
            offenders.append(name)
    assert offenders == [], "only .ci/run may know where CI keeps the data"


# --------------------------------------------------------------------------------------
# Data: Binder prefetches it; without it, what needs it skips in one line
# --------------------------------------------------------------------------------------


def root_conftest():
    spec = importlib.util.spec_from_file_location("root_conftest", ROOT / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_binder_prefetches_every_dataset_a_notebook_downloads():
    conftest = root_conftest()
    post_build = (ROOT / "binder" / "postBuild").read_text()
    called = {
        loader
        for notebook in ROOT.glob("notebooks/*/*.ipynb")
        for loader in conftest.loaders_called(notebook)
    }
    downloading = called & set(conftest.LOADER_FILES)
    assert "load_fashion_mnist" in downloading  # the two Fashion demos
    for loader in downloading:
        assert f"datasets.{loader}," in post_build, loader


def test_every_loader_is_known_to_the_data_skips():
    from homemade import datasets

    conftest = root_conftest()
    loaders = {name for name in datasets.__all__ if name.startswith("load_")}
    assert loaders == set(conftest.LOADER_FILES) | set(conftest.BUNDLED_LOADERS)
    for files in conftest.LOADER_FILES.values():
        assert set(files) <= set(datasets.REGISTRY)


OFFLINE_TESTS = """
from homemade import datasets

def test_needs_data():
    datasets.load_happiness()

def test_needs_nothing():
    pass
"""

# Every registered URL points at a closed port on 127.0.0.1: no download can succeed.
OFFLINE_PLUGIN = """
from homemade import datasets

for name, (url, digest) in list(datasets.REGISTRY.items()):
    datasets.REGISTRY[name] = ("http://127.0.0.1:9/" + name, digest)
"""


def run_offline(tmp_path, *args, ci):
    """pytest in a folder holding a copy of the repository's conftest.py, with an empty
    HOMEMADE_DATA_DIR and no download possible; CI=true or not."""
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_offline.py").write_text(OFFLINE_TESTS)
    (tmp_path / "offline_plugin.py").write_text(OFFLINE_PLUGIN)
    (tmp_path / "empty").mkdir()
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env.update(HOMEMADE_DATA_DIR=str(tmp_path / "empty"), PYTHONPATH=str(tmp_path))
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-rs", "-p", "offline_plugin", "-p",
         "no:cacheprovider", *args],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180,
    )


def data_notebook(path):
    cell = {"cell_type": "code", "execution_count": 1, "id": "load", "metadata": {},
            "outputs": [], "source": "from homemade.datasets import load_happiness\n"
            "data = load_happiness()"}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook))


def test_offline_a_test_that_needs_data_skips_in_one_line(tmp_path):
    result = run_offline(tmp_path, "test_offline.py", ci=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 1 skipped" in result.stdout
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert "needs the course's data file world-happiness-report-2017.csv" in line
    assert "HOMEMADE_DATA_DIR" in line


def test_offline_a_notebook_that_needs_data_skips_before_its_kernel_starts(tmp_path):
    data_notebook(tmp_path / "needs_data.ipynb")
    result = run_offline(tmp_path, "--nbval", "--nbval-current-env", "needs_data.ipynb",
                         ci=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert "needs_data.ipynb needs the course's data file world-happiness-report-2017.csv" in line


def test_offline_under_ci_a_test_that_needs_data_fails(tmp_path):
    result = run_offline(tmp_path, "test_offline.py", ci=True)
    assert result.returncode == 1
    assert "1 failed, 1 passed" in result.stdout

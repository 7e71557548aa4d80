"""The real-browser test's fixtures: a JupyterLab server on this checkout and a Chromium.

The tests in this folder run only when named (`make browser` runs `pytest tests/browser`):
the plain unit run (`pytest tests`) skips the folder, so that it stays fast and needs no
browser. JupyterLab starts on a free port of 127.0.0.1 with a token, its config, runtime,
settings, workspace and checkpoint folders in a temporary directory (autosave off: nothing
is written into the checkout), and stops at the end. Chromium is the system's (``CHROMIUM``, else
/usr/bin/chromium), driven by Playwright from PyPI; no browser is downloaded.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# JupyterLab settings for the test: no autosave, no news or update check from the network,
# every notebook cell rendered (not only those scrolled into view), a notebook's kernel
# shut down when its tab closes.
SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "kernelShutdown": True},
}


def pytest_ignore_collect(collection_path, config):
    """Collect this folder only when it is named on the command line."""
    for arg in config.args:
        path = Path(arg.split("::")[0]).resolve()
        if path == HERE or HERE in path.parents:
            return None
    return True


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def chromium():
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        message = f"no Chromium at {path}: apt-get install chromium, or CHROMIUM=/path/to/chrome"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """The running server: its base URL (with the token) and the temporary folder."""
    home = tmp_path_factory.mktemp("jupyterlab")
    for plugin, values in SETTINGS.items():
        target = home / "settings" / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        IPYTHONDIR=str(home / "ipython"),
    )
    command = [
        str(Path(sys.executable).parent / "jupyter"),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT}",
        f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True",
        # JupyterLab makes a checkpoint of every file it opens: kept out of the checkout
        f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = open(home / "server.log", "w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=home)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log_text = (home / "server.log").read_text()
                    pytest.fail(f"JupyterLab did not start; its log:\n{log_text}")
                time.sleep(0.5)
        yield {"url": url, "token": token, "home": home}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="session")
def browser_context(chromium, tmp_path_factory):
    """A Chromium with a fresh profile; requests that leave 127.0.0.1 are blocked and listed."""
    from playwright.sync_api import sync_playwright

    outside = []

    def only_local(route):
        if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        context.route("**/*", only_local)
        context.outside_requests = outside
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="session")
def screenshots():
    """Where the screenshots go: BROWSER_SCREENSHOTS, else a folder in the system's temp."""
    default = Path(os.environ.get("TMPDIR", "/tmp")) / "homemade-browser-test"
    folder = Path(os.environ.get("BROWSER_SCREENSHOTS", default))
    folder.mkdir(parents=True, exist_ok=True)
    return folder

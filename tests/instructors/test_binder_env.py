"""The learner environment as Binder and a JupyterHub build it, tried for real.

A fresh virtual environment is made from ``binder/`` alone (its pinned requirements, then
``postBuild``, run in a copy of the repository with its own home folder, as repo2docker runs
it), then a Jupyter server is started from it with the Voilà server extension. Every exercise
notebook is opened through ``/voila/render/...`` in Chromium: it renders with no error, shows
its exercise, and makes no request to another host (the ``page`` fixture) and no console error.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = sorted((ROOT / "exercises").glob("*.ipynb"))
# What each app must show once rendered: an exercise's root, or the journal's own controls.
SHOWN = "[data-kf-exercise], .kf-rp, .widget-button, .widget-html, table"
COPY_SKIP = {".git", ".venv", "node_modules", "_build", "__pycache__", ".pytest_cache"}


def _run(cmd: list[str], **kwargs: Any) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, **kwargs)
    if proc.returncode != 0:
        pytest.fail(f"{' '.join(cmd[:3])} failed:\n{(proc.stdout + proc.stderr)[-3000:]}")


@pytest.fixture(scope="module")
def binder_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if shutil.which("npm") is None:
        pytest.fail("npm is needed (postBuild bundles the exercises): run `make setup`")
    work = tmp_path_factory.mktemp("binder")
    repo = work / "repo"
    shutil.copytree(ROOT, repo, ignore=lambda d, names: [n for n in names if n in COPY_SKIP])
    for name in ("kfcourse-journal.json",):
        (repo / "exercises" / name).unlink(missing_ok=True)
    home = work / "home"
    home.mkdir()
    venv = work / "venv"
    uv = ROOT / ".venv" / "bin" / "uv"
    _run([str(uv), "venv", "--quiet", "--python", "3.11", str(venv)])
    env = {
        **os.environ,  # the machine's package index settings (proxy, certificates)
        "PATH": f"{venv / 'bin'}:{os.environ['PATH']}",
        "HOME": str(home),
        "VIRTUAL_ENV": str(venv),
        "LANG": "C.UTF-8",
    }
    _run(
        [str(uv), "pip", "install", "--quiet", "-r", str(repo / "binder" / "requirements.txt")],
        env=env,
    )
    _run([str(uv), "pip", "install", "--quiet", "pip"], env=env)  # postBuild runs python -m pip
    _run(["bash", str(repo / "binder" / "postBuild")], cwd=repo, env=env)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (work / "server.log").open("w")
    server = subprocess.Popen(
        [
            str(venv / "bin" / "jupyter"), "server", "--no-browser", f"--port={port}",
            "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
            f"--ServerApp.root_dir={repo}", "--allow-root",  # CI runs as root; Binder does not
        ],
        cwd=repo,
        env={**env, "KFCOURSE_JOURNAL": str(work / "kfcourse-journal.json")},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            break
        except OSError:
            if server.poll() is not None:
                log.close()
                output = (work / "server.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"the Jupyter server exited with {server.returncode}:\n{output}")
            time.sleep(0.5)
    yield f"http://127.0.0.1:{port}/"
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)
    log.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_exercise_renders_through_the_voila_extension(
    binder_server: str, page: Any, page_log: Any, notebook: Path
) -> None:
    page.goto(f"{binder_server}voila/render/exercises/{notebook.name}", timeout=180_000)
    page.wait_for_selector(SHOWN, state="attached", timeout=180_000)
    text = page.inner_text("body")
    assert "Traceback" not in text and "There was an error when executing" not in text
    assert page_log.console_errors == []

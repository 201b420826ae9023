"""Fixtures for the browser journal: a small book that uses the directives, built once and served.

The fixture book (``fixture_book/``) is built with ``jupyter-book build -W`` into a temporary
folder, so the directives are tested in isolation from the course's own pages (as sphinx-exercise
tests its directives). The Chromium ``page`` fixture comes from ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
FIXTURE_BOOK = HERE / "fixture_book"
SCHEMA_PATH = HERE.parents[1] / "kfcourse" / "journal" / "schema" / "journal-v1.schema.json"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def book_html(request: pytest.FixtureRequest) -> Path:
    """The built course book: $KF_BOOK_HTML if set (a build made with its own --path-output,
    to check the journal page without rebuilding _build), else the shared fixture's build."""
    given = os.environ.get("KF_BOOK_HTML", "").strip()
    if given:
        return Path(given)
    build = request.getfixturevalue("book_build")
    if build.returncode != 0 or not (build.html / "index.html").exists():
        pytest.fail(f"the book did not build:\n{build.output[-4000:]}")
    return build.html


@pytest.fixture(scope="session")
def journal_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture book's HTML, built with warnings as errors."""
    out = tmp_path_factory.mktemp("journal-book")
    cmd = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        "--all",
        "-W",
        "-n",
        "--keep-going",
        "--path-output",
        str(out),
        str(FIXTURE_BOOK),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    html = out / "_build" / "html"
    if proc.returncode != 0 or not (html / "reflection.html").exists():
        pytest.fail(f"the fixture book did not build:\n{(proc.stdout + proc.stderr)[-4000:]}")
    return html


@pytest.fixture(scope="session")
def journal_site(journal_book: Path) -> Iterator[str]:
    """Base URL of the fixture book served on 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(journal_book)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()

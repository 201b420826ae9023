"""Voilà for the tests: one server on one notebook, from 127.0.0.1, with the course's template and
settings (``kfcourse.apps``), its journal file named, stopped with its whole process group."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kfcourse.apps import voila_args, voila_env

START_SECONDS = 120  # a first kernel on a busy two-core machine


@contextlib.contextmanager
def voila_app(notebook: Path, journal: Path, workdir: Path | None = None) -> Iterator[str]:
    """Voilà serving `notebook` (run in `workdir`, by default its folder) with the journal at
    `journal`; its URL once it accepts connections."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = voila_env()
    env["KFCOURSE_JOURNAL"] = str(journal)
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("voila")), str(notebook), "--no-browser",
         f"--port={port}", "--Voila.ip=127.0.0.1", "--VoilaConfiguration.show_tracebacks=True",
         *voila_args()],
        cwd=workdir or notebook.parent, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"Voilà exited with {proc.returncode} for {notebook.name}")
                if time.monotonic() > deadline:
                    pytest.fail(f"Voilà did not start for {notebook.name}")
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)

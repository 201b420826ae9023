"""Shared fixtures: the built book, a local server for it, and a watched Chromium page.

The book is built once per test session, exactly as the README builds it (warnings are errors).
Browser tests run in Debian's chromium through Playwright; every request to a host other than
127.0.0.1 is aborted and recorded, and a test that caused one fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = ROOT / "_build"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1"}
LOCAL_SCHEMES = {"data", "blob", "about", "file"}


@dataclass
class BookBuild:
    html: Path
    returncode: int
    output: str


FAST = os.environ.get("KFCOURSE_TEST_FAST") == "1"  # set by `make test-fast`: build no book
FAST_EXAMPLES = 15  # examples per property in the inner loop

if FAST:  # the inner loop tries fewer examples; `make test` keeps each property's own count
    from hypothesis import settings as _settings

    _settings.register_profile("fast", max_examples=FAST_EXAMPLES)
    _settings.load_profile("fast")


def examples(count: int) -> int:
    """A property's own example count, or the inner loop's smaller one under `make test-fast`
    (a count written in a test's settings overrides the profile above)."""
    return min(count, FAST_EXAMPLES) if FAST else count


@pytest.fixture(scope="session")
def book_build() -> BookBuild:
    """The whole book built once, as `make book` builds it, with that build's output.

    The build `make site` made is used when it was made from the sources as they are now
    (``kfcourse.book_build`` keeps their digest beside it); otherwise the book is built again.
    KFCOURSE_TEST_BUILD names another folder to build into (so that two test runs in one
    working tree do not write the same _build)."""
    from kfcourse.book_build import build, reusable

    if FAST:
        pytest.skip("make test-fast builds no book")
    other = os.environ.get("KFCOURSE_TEST_BUILD")
    out = Path(other) if other else None
    build_dir = (out or ROOT) / "_build"
    stamp = reusable(build_dir, ROOT) or build(ROOT, out, echo=False)
    return BookBuild(build_dir / "html", stamp["returncode"], stamp["output"])


@pytest.fixture(scope="session")
def book_html(book_build: BookBuild) -> Path:
    if book_build.returncode != 0 or not (book_build.html / "index.html").exists():
        pytest.fail(f"the book did not build:\n{book_build.output[-4000:]}")
    return book_build.html


_FIXTURE_BUILDS: dict[Path, Path] = {}  # each fixture book is built once per test session


def build_fixture_book(source: Path, out: Path, expect: str) -> Path:
    """Build a small fixture book with warnings as errors into ``out``; its HTML folder, which
    must hold the page ``expect``. A book already built in this session is not built again
    (the exercises' page tests share one), so its pages must be served, never changed."""
    if FAST:
        pytest.skip("make test-fast builds no book")
    built = _FIXTURE_BUILDS.get(source.resolve())
    if built is not None and (built / expect).exists():
        return built
    cmd = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build", "--all", "-W", "-n", "--keep-going",
        "--path-output", str(out), str(source),
    ]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    html = out / "_build" / "html"
    if proc.returncode != 0 or not (html / expect).exists():
        pytest.fail(f"the fixture book did not build:\n{(proc.stdout + proc.stderr)[-4000:]}")
    _FIXTURE_BUILDS[source.resolve()] = html
    return html


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # keep test output readable
        pass


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(book_html: Path) -> Iterator[str]:
    server, url = serve(book_html)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make setup-test` (it installs it as root).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageLog:
    """What a page did that a test may need to refuse: outside requests and console errors."""

    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in LOCAL_SCHEMES or parsed.hostname in LOCAL_HOSTS


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser: Any, page_log: PageLog) -> Iterator[Any]:
    """A fresh browser context and page; fails the test if anything left 127.0.0.1."""
    context = browser.new_context(service_workers="block")

    def guard(route: Any) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            page_log.external_requests.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    page = context.new_page()
    page.on(
        "console",
        lambda msg: page_log.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: page_log.console_errors.append(f"pageerror: {exc}"))
    yield page
    context.close()
    assert not page_log.external_requests, (
        f"requests to other hosts (must be none): {page_log.external_requests}"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Run the fast tests first so that a broken unit shows before the long book build.
    slow = {"browser", "book"}
    items.sort(key=lambda item: any(item.get_closest_marker(m) for m in slow))


os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


@pytest.fixture(scope="session")
def voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Start Voilà on a notebook and return its local URL: one server per notebook, journal
    and working folder in the session, so a test that names its own ``KFCOURSE_JOURNAL`` (or
    ``KF_VOILA_WORKDIR``) gets a server that uses it, never one started for another test.

    The app's journal goes to ``KFCOURSE_JOURNAL`` if the test set it, otherwise to a fresh
    temporary folder, so that tests never write a journal into the repository.
    """
    from contextlib import ExitStack

    from tests.voila_support import voila_app

    started: dict[tuple[str, str, str], str] = {}
    servers = ExitStack()

    def start(notebook: str) -> str:
        key = (
            notebook,
            os.environ.get("KFCOURSE_JOURNAL", ""),
            os.environ.get("KF_VOILA_WORKDIR", ""),
        )
        if key not in started:
            journal = os.environ.get("KFCOURSE_JOURNAL") or str(
                tmp_path_factory.mktemp("voila") / "kfcourse-journal.json"
            )
            workdir = Path(os.environ.get("KF_VOILA_WORKDIR", ROOT))
            started[key] = servers.enter_context(voila_app(ROOT / notebook, Path(journal), workdir))
        return started[key]

    with servers:
        yield start

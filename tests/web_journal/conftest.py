"""Fixtures for the browser journal: a small book that uses the directives, built once and served.

The fixture book (``fixture_book/``) is built with ``jupyter-book build -W`` into a temporary
folder, so the directives are tested in isolation from the course's own pages (as sphinx-exercise
tests its directives). The Chromium ``page`` fixture comes from ``tests/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import build_fixture_book, serve

HERE = Path(__file__).resolve().parent
FIXTURE_BOOK = HERE / "fixture_book"
SCHEMA_PATH = HERE.parents[1] / "kfcourse" / "journal" / "schema" / "journal-v1.schema.json"


@pytest.fixture(scope="session")
def journal_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture book's HTML, built with warnings as errors."""
    return build_fixture_book(
        FIXTURE_BOOK, tmp_path_factory.mktemp("journal-book"), "reflection.html"
    )


@pytest.fixture(scope="session")
def journal_site(journal_book: Path) -> Iterator[str]:
    """Base URL of the fixture book served on 127.0.0.1."""
    server, url = serve(journal_book)
    yield url
    server.shutdown()

"""Fixtures for the exercises' tests (the shared helpers are in page_support and widget_support)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kfcourse.journal import JournalStore


@pytest.fixture
def store(tmp_path: Path) -> JournalStore:
    """A journal file of the test's own, empty until a widget writes to it."""
    return JournalStore(tmp_path / "kfcourse-journal.json")

"""Fixtures for the journal tests: a store in a fresh folder."""

from __future__ import annotations

import pytest

from kfcourse.journal import JournalStore


@pytest.fixture
def store(tmp_path, monkeypatch) -> JournalStore:
    """A journal in an empty folder (also the working folder, as in a fresh Binder session)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KFCOURSE_JOURNAL", raising=False)
    return JournalStore()

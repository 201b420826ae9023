""" "Rewrite the hero headline" as a Voilà app (``exercises/hero-headline.ipynb``), driven by
keyboard in Chromium: the journal file then holds what the Python rules make of the same choices,
one entry from the first mark to the finished rewrite. No request leaves 127.0.0.1 (the ``page``
fixture)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from kfcourse.activities import hero_headline as rules
from kfcourse.journal import JournalStore
from tests.activities.test_headline_page import (
    HEADLINE,
    MARKED,
    PARAGRAPH,
    RATED,
    ROOT,
    mark_by_keyboard,
    play_by_keyboard,
)
from tests.voila_support import voila_app

pytestmark = pytest.mark.browser

NOTEBOOK = Path(__file__).resolve().parents[2] / "exercises" / "hero-headline.ipynb"


def found(journal: Path) -> list[dict[str, Any]]:
    return [
        e
        for e in JournalStore(journal).entries("exercise_answer")
        if e.get("exercise") == "hero-headline"
    ]


def wait_for(journal: Path, check: Any, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        entries = found(journal)
        if entries and check(entries[0]):
            return entries[0]
        time.sleep(0.2)
    raise AssertionError(f"the journal file never held the expected answer: {found(journal)}")


def test_by_keyboard_in_voila_the_journal_file_holds_what_python_makes(page, tmp_path):
    journal = tmp_path / "kfcourse-journal.json"
    with voila_app(NOTEBOOK, journal) as url:
        page.goto(url, wait_until="load", timeout=120_000)
        root = page.locator(ROOT)
        root.wait_for(state="visible", timeout=120_000)
        mark_by_keyboard(page, root, "pride")
        draft = wait_for(journal, lambda e: e["answer"]["marked"] == ["pride"])
        assert draft["draft"] is True
        page.keyboard.press("Space")  # the mark comes off again
        wait_for(journal, lambda e: e["answer"]["marked"] == [])
        play_by_keyboard(page, root)
        entry = wait_for(journal, lambda e: e["answer"]["paragraph"] == PARAGRAPH)
        assert entry["answer"] == rules.answer(MARKED, True, RATED, HEADLINE, PARAGRAPH)
        assert entry["draft"] is False and entry["source"] == "jupyter"
        assert entry["id"] == draft["id"] and len(found(journal)) == 1
        assert root.locator("[data-kf-alert]").inner_text() == ""
        assert (
            root.locator('[data-kf-compare="maternity"]').get_attribute("data-kf-reading")
            == "extra"
        )

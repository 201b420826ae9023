""" "Three-talk triad" as a Voilà app (``exercises/three-talk.ipynb``), driven by keyboard in
Chromium: the journal file then holds what the Python rules make of the same choices, a draft
until the round's result. No request leaves 127.0.0.1 (the ``page`` fixture)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from kfcourse.activities import three_talk as rules
from kfcourse.journal import JournalStore
from tests.activities.page_support import tab_to
from tests.activities.test_triad_page import (
    NOTES,
    PREDICTED,
    RATED,
    ROOT,
    TALLY,
    play_round_by_keyboard,
)
from tests.voila_support import voila_app

pytestmark = pytest.mark.browser

NOTEBOOK = Path(__file__).resolve().parents[2] / "exercises" / "three-talk.ipynb"


def wait_for(journal: Path, check: Any, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    found: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        found = [
            e
            for e in JournalStore(journal).entries("exercise_answer")
            if e.get("exercise") == "three-talk"
        ]
        if len(found) == 1 and check(found[0]):
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"the journal file never held the expected answer: {found}")


def test_by_keyboard_in_voila_the_journal_file_holds_what_python_makes(page, tmp_path):
    journal = tmp_path / "kfcourse-journal.json"
    with voila_app(NOTEBOOK, journal) as url:
        page.goto(url, wait_until="load", timeout=120_000)
        root = page.locator(ROOT)
        root.wait_for(state="visible", timeout=120_000)
        play_round_by_keyboard(page, root)
        tab_to(page, root.locator("textarea[data-kf-notes]"), limit=200)
        page.keyboard.type(NOTES)
        page.keyboard.press("Tab")
        entry = wait_for(journal, lambda e: e["answer"]["notes"] == NOTES)
        one = {"stage": "result", "predicted": PREDICTED, "rated": RATED, "tally": TALLY}
        assert entry["answer"] == rules.answer([one], NOTES)
        assert entry["draft"] is False and entry["source"] == "jupyter"
        assert entry["title"] == "Three-talk triad"
        assert root.locator("[data-kf-alert]").inner_text() == ""
        assert root.locator("b").count() == 0
        assert root.locator('[data-kf-gap="include"]').get_attribute("data-kf-gap-value") == "-1"

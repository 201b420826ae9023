""" "Programme redesign canvas" as a Voilà app (``exercises/redesign-canvas.ipynb``), written by
keyboard in Chromium: the journal file then holds what the Python rules make of the same words,
and the memo downloads from the app as the one Python makes. No request leaves 127.0.0.1 (the
``page`` fixture)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from kfcourse.activities import redesign_canvas as rules
from kfcourse.journal import JournalStore
from kfcourse.web.catalogue import messages
from tests.activities.page_support import tab_to
from tests.activities.test_canvas_page import AUTHORS, ROOT, expected_cards, write_by_keyboard
from tests.voila_support import voila_app

pytestmark = pytest.mark.browser

NOTEBOOK = Path(__file__).resolve().parents[2] / "exercises" / "redesign-canvas.ipynb"


def wait_for(journal: Path, check: Any, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    found: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        found = [
            e
            for e in JournalStore(journal).entries("exercise_answer")
            if e.get("exercise") == "redesign-canvas"
        ]
        if found and check(found[0]):
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"the journal file never held the expected answer: {found}")


def test_by_keyboard_in_voila_the_journal_file_and_the_memo_are_what_python_makes(page, tmp_path):
    journal = tmp_path / "kfcourse-journal.json"
    with voila_app(NOTEBOOK, journal) as url:
        page.goto(url, wait_until="load", timeout=120_000)
        root = page.locator(ROOT)
        root.wait_for(state="visible", timeout=120_000)
        write_by_keyboard(page, root)
        expected = rules.answer(expected_cards(), AUTHORS)
        entry = wait_for(journal, lambda e: e["answer"] == expected)
        assert entry["draft"] is False and entry["source"] == "jupyter"
        assert root.locator("[data-kf-alert]").inner_text() == ""
        assert "7 of 7 cards complete" in root.locator('[role="meter"]').inner_text()
        memo = rules.memo(expected, messages("canvas"))
        tab_to(page, root.locator("[data-kf-download]"))
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        saved = tmp_path / "memo.md"
        download.value.save_as(saved)
        assert saved.read_text(encoding="utf-8") == memo

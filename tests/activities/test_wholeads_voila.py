""" "Who leads? Who follows?" as a Voilà app (``exercises/who-leads.ipynb``), driven by keyboard in
Chromium: the journal file then holds what the Python rules make of the same choices. No request
leaves 127.0.0.1 (the ``page`` fixture)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from kfcourse.activities import who_leads as rules
from kfcourse.journal import JournalStore
from tests.activities.page_support import tab_to
from tests.activities.test_wholeads_page import PLACED, RISK, ROOT, choose_by_keyboard
from tests.voila_support import voila_app

pytestmark = pytest.mark.browser

NOTEBOOK = Path(__file__).resolve().parents[2] / "exercises" / "who-leads.ipynb"


def wait_for(journal: Path, check: Any, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    found: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        found = [
            e
            for e in JournalStore(journal).entries("exercise_answer")
            if e.get("exercise") == "who-leads"
        ]
        if found and check(found[0]):
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"the journal file never held the expected answer: {found}")


def test_by_keyboard_in_voila_the_journal_file_holds_what_python_makes(page, tmp_path):
    journal = tmp_path / "kfcourse-journal.json"
    with voila_app(NOTEBOOK, journal) as url:
        page.goto(url, wait_until="load", timeout=120_000)
        root = page.locator(ROOT)
        root.wait_for(state="visible", timeout=120_000)
        for actor, levels in PLACED.items():
            for axis, level in levels.items():
                select = root.locator(f'select[data-kf-place="{actor}"][data-kf-axis="{axis}"]')
                choose_by_keyboard(page, select, level)
        wait_for(journal, lambda e: e["answer"]["complete"])
        tab_to(page, root.locator("[data-kf-reveal]"), limit=200)
        page.keyboard.press("Enter")
        choose_by_keyboard(page, root.locator("select[data-kf-mismatch]"), "carer")
        tab_to(page, root.locator("textarea[data-kf-risk]"))
        page.keyboard.type(RISK)
        page.keyboard.press("Tab")
        entry = wait_for(journal, lambda e: e["answer"]["risk"] == RISK)
        assert entry["answer"] == rules.answer(PLACED, True, "carer", RISK)
        assert entry["draft"] is False and entry["source"] == "jupyter"
        assert root.locator("[data-kf-alert]").inner_text() == ""

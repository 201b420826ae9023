""" "Power map card sort" as a Voilà app (``exercises/power-map.ipynb``), driven by keyboard in
Chromium: the journal file then holds what the Python rules make of the same choices. No request
leaves 127.0.0.1 (the ``page`` fixture)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from kfcourse.activities import power_map as rules
from kfcourse.journal import JournalStore
from tests.activities.page_support import choose_by_keyboard, tab_to
from tests.activities.test_powermap_page import (
    AFTER,
    BEFORE,
    ROOT,
    RUNG,
    TAGS,
    card,
    choose_rung_by_keyboard,
)
from tests.voila_support import voila_app

pytestmark = pytest.mark.browser

NOTEBOOK = Path(__file__).resolve().parents[2] / "exercises" / "power-map.ipynb"


def wait_for(journal: Path, check: Any, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    found: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        found = [
            e
            for e in JournalStore(journal).entries("exercise_answer")
            if e.get("exercise") == "power-map"
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
        for name in rules.CARDS:
            choose_by_keyboard(page, card(root, name, "before"), BEFORE[name])
            if name in AFTER:
                choose_by_keyboard(page, card(root, name, "after"), AFTER[name])
        wait_for(journal, lambda e: e["answer"]["before_complete"])
        for line, tag in TAGS.items():
            choose_by_keyboard(page, root.locator(f'select[data-kf-tag="{line}"]'), tag)
        choose_rung_by_keyboard(page, root, RUNG)
        entry = wait_for(journal, lambda e: e["answer"]["finished"])
        assert entry["draft"] is False
        tab_to(page, root.locator("[data-kf-reveal]"), limit=200)
        page.keyboard.press("Enter")
        entry = wait_for(journal, lambda e: e["answer"]["key_shown"])
        assert entry["answer"] == rules.answer(BEFORE, AFTER, RUNG, TAGS, True)
        assert entry["draft"] is False and entry["source"] == "jupyter"
        assert entry["title"] == "Power map card sort"
        assert root.locator("[data-kf-key]").is_visible()
        assert root.locator("[data-kf-alert]").inner_text() == ""

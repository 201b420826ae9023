"""The four checks as a Voilà app (``exercises/instruments.ipynb``), driven by keyboard in
Chromium: the journal file then holds what the Python rules make of the same ratings, one entry
per check. No request leaves 127.0.0.1 (the ``page`` fixture)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from kfcourse.activities import instruments as rules
from kfcourse.journal import JournalStore
from tests.activities.test_instrument_page import (
    ACTION,
    rate_all,
    rate_by_keyboard,
    root_of,
    tab_to,
)
from tests.voila_support import voila_app

pytestmark = pytest.mark.browser

NOTEBOOK = Path(__file__).resolve().parents[2] / "exercises" / "instruments.ipynb"


def wait_for(journal: Path, check: str, ok: Any, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    found: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        found = [
            e
            for e in JournalStore(journal).entries("exercise_answer")
            if e.get("exercise") == f"instrument-{check}"
        ]
        if found and ok(found[0]):
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"the journal file never held the expected answer: {found}")


def test_by_keyboard_in_voila_the_journal_file_holds_what_python_makes(page, tmp_path):
    journal = tmp_path / "kfcourse-journal.json"
    with voila_app(NOTEBOOK, journal) as url:
        page.goto(url, wait_until="load", timeout=120_000)
        for check in rules.INSTRUMENTS:
            root_of(page, check).wait_for(state="visible", timeout=120_000)
        root = root_of(page, "collaboration-health")
        ratings = {
            "before": {"pair": dict(aims=2, power=1, trust=2, membership=3, media=1)},
            "after": {"pair": dict(aims=4, power=3, trust=4, membership=3, media=2)},
        }
        rate_all(page, root, "collaboration-health", ratings)
        tab_to(page, root.locator("textarea[data-kf-action]"))
        page.keyboard.type(ACTION)
        page.keyboard.press("Tab")
        entry = wait_for(journal, "collaboration-health", lambda e: e["answer"]["finished"])
        assert entry["answer"] == rules.answer("collaboration-health", ratings, None, ACTION)
        assert entry["draft"] is False and entry["source"] == "jupyter"
        assert entry["title"] == "Collaboration health check"
        assert root.locator("[data-kf-alert]").inner_text() == ""
        # another check on the same page is its own entry
        trust = root_of(page, "partnership-trust")
        group = trust.locator('section[data-kf-moment="before"] [data-kf-rater="partner-b"]')
        rate_by_keyboard(page, group.locator('[data-kf-item="honest"]'), 2, rules.AGREEMENT)
        draft = wait_for(
            journal,
            "partnership-trust",
            lambda e: e["answer"]["ratings"]["before"]["partner-b"]["honest"] == 2,
        )
        assert draft["draft"] is True
        assert len(JournalStore(journal).entries("exercise_answer")) == 2

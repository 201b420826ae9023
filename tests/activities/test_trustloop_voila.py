"""The trust-loop simulator as a Voilà app (``exercises/trust-loop.ipynb``), driven by keyboard in
Chromium: every round reaches the journal file only through the Python rules, and the file then
holds what they make of the same draw and aims. No request leaves 127.0.0.1 (the ``page`` fixture).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from kfcourse.activities import trust_loop as rules
from kfcourse.journal import JournalStore
from tests.activities.test_trustloop_page import PICKS, ROOT, play_by_keyboard, seed_of
from tests.voila_support import voila_app

pytestmark = pytest.mark.browser

NOTEBOOK = Path(__file__).resolve().parents[2] / "exercises" / "trust-loop.ipynb"


def games(journal: Path) -> list[dict[str, Any]]:
    found = JournalStore(journal).entries("exercise_answer")
    return [e for e in found if e.get("exercise") == "trust-loop"]


def wait_for(journal: Path, rounds: int, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = games(journal)
        if found and len(found[0]["answer"]["rounds"]) == rounds:
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"the journal file never held {rounds} round(s): {games(journal)}")


def test_played_by_keyboard_in_voila_the_journal_file_holds_what_python_makes(page, tmp_path):
    journal = tmp_path / "kfcourse-journal.json"
    with voila_app(NOTEBOOK, journal) as url:
        page.goto(url, wait_until="load", timeout=120_000)
        root = page.locator(ROOT)
        root.wait_for(state="visible", timeout=120_000)
        seed = seed_of(root)
        for n, (clinician, patient) in enumerate(PICKS, start=1):
            play_by_keyboard(page, root, clinician, patient)
            entry = wait_for(journal, n)
            assert entry["answer"] == rules.answer(seed, PICKS[:n])
            assert entry["draft"] is (n < rules.ROUNDS) and entry["source"] == "jupyter"
        assert root.locator("[data-kf-ending]").count() == 1
        assert root.locator("[data-kf-alert]").inner_text() == ""

"""Exercises as live apps: Voilà runs the notebook; Chromium shows it with no code and no CDN."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from kfcourse.journal import JournalStore
from tests.browser_support import axe_violations

pytestmark = pytest.mark.browser


def test_checkin_runs_as_an_app_and_keeps_the_answer(voila: Any, page: Any, tmp_path: Path) -> None:
    journal = tmp_path / "kfcourse-journal.json"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KFCOURSE_JOURNAL", str(journal))
        url = voila("exercises/checkin.ipynb")
    page.goto(url, wait_until="load")
    radios = page.locator(".kf-checkin-choices input[type=radio]")
    radios.first.wait_for(state="visible", timeout=60_000)
    assert radios.count() == 4
    assert "starter_checkin" not in page.locator("body").inner_text()  # no code shown
    radios.nth(3).check()
    page.get_by_text("Saved in your journal.").wait_for(timeout=20_000)
    deadline = time.monotonic() + 10
    while not JournalStore(journal).entries() and time.monotonic() < deadline:
        time.sleep(0.2)
    [entry] = JournalStore(journal).entries("exercise_answer")
    assert entry["answer"] == "A lot: they decide together with staff"
    assert page.get_by_role("link", name="Download my journal").count() >= 1
    assert axe_violations(page) == []

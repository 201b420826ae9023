"""Exercises as live apps: Voilà runs the notebook; Chromium shows it with no code and no CDN."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from kfcourse.apps import notebook_title
from kfcourse.journal import JournalStore
from tests.browser_support import axe_violations
from tests.conftest import ROOT, PageLog

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


def test_index_lists_exercises_by_title_with_nothing_from_another_host(
    voila: Any, page: Any, page_log: PageLog
) -> None:
    """`make app`'s first page: every exercise under its notebook's own title, no CDN, no error."""
    page.goto(voila("exercises"), wait_until="load")
    page.wait_for_load_state("networkidle")
    links = page.locator("ul.kf-exercises a")
    names = links.all_inner_texts()
    notebooks = sorted((ROOT / "exercises").glob("*.ipynb"))
    assert names == [notebook_title(nb) or nb.name for nb in notebooks]
    assert "Check-in: where are you starting from?" in names
    assert not any(name.endswith(".ipynb") for name in names)
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == [f"/voila/render/{nb.name}" for nb in notebooks]  # Voilà serves exercises/
    assert page_log.console_errors == []
    assert axe_violations(page) == []

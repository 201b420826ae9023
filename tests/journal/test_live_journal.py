"""The journal's faces live in Voilà and Chromium: typing is saved, text stays text, download works.

Voilà runs exercises/reflection.ipynb with the journal in a temporary folder. Typing in the
first box must reach the journal file as a draft without pressing anything; "Save as finished",
pressed with the keyboard, must turn that draft into a finished entry (one entry, never two);
learner markup stays characters; the download link must hand over the journal itself.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from kfcourse.journal import JournalStore
from tests.browser_support import axe_violations

pytestmark = pytest.mark.browser

TYPED = "We met <b>early</b> & agreed *one* thing"


def _wait_for(condition: Any, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return condition()


def test_reflection_saves_as_you_type_and_downloads(voila, page, tmp_path_factory):
    journal = tmp_path_factory.mktemp("live") / "kfcourse-journal.json"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KFCOURSE_JOURNAL", str(journal))
        url = voila("exercises/reflection.ipynb")
    page.goto(url, wait_until="load")
    form = page.locator("[data-kf-reflection=reflection-after-role-play]")
    form.locator("input[data-kf-side=patient]").wait_for(state="visible", timeout=90_000)
    form.locator("input[data-kf-side=patient]").check()
    box = form.get_by_label("1. Description: Go back to the decision point")
    box.click()
    page.keyboard.type(TYPED, delay=15)

    store = JournalStore(journal)
    saved = _wait_for(lambda: [e for e in store.entries() if e.get("stages")])
    assert saved, "typing was not saved to the journal without pressing anything"
    assert saved[0]["draft"] is True and saved[0]["variant"] == "patient"
    assert _wait_for(lambda: store.entries()[0]["stages"]["description"] == TYPED)
    assert saved[0]["source"] == "jupyter"

    form.locator("[data-kf-finish]").focus()
    page.keyboard.press("Enter")
    status = form.locator("[data-kf-status][data-kf-state=finished]")
    status.wait_for(timeout=20_000)
    (entry,) = store.entries()  # the draft became the finished entry: one, never two
    assert entry["draft"] is False and entry["id"] == saved[0]["id"]
    assert box.input_value() == TYPED  # the characters, not markup
    assert form.locator("b, em, i, strong").count() == 0

    page.get_by_role("button", name="Refresh the download").click()
    link = page.get_by_role("link", name="Download my journal: JSON (to keep or restore)")
    _wait_for(lambda: "holds 1 entry" in page.locator(".kf-journal-links").inner_text())
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "kfcourse-journal.json"
    document = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert [e["stages"]["description"] for e in document["entries"]] == [TYPED]
    assert [e["draft"] for e in document["entries"]] == [False]
    assert axe_violations(page) == []

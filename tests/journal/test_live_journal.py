"""The journal's faces live in Voilà and Chromium: typing is saved, text stays text, download works.

Voilà runs exercises/reflection.ipynb with the journal in a temporary folder. Typing in the
first box must reach the journal file as a draft without pressing anything; the saved preview
must show learner markup as characters; the download link must hand over the journal itself.
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
    box = page.get_by_label("1. Description").first
    box.wait_for(state="visible", timeout=90_000)
    box.click()
    page.keyboard.type(TYPED, delay=15)

    store = JournalStore(journal)
    saved = _wait_for(lambda: [e for e in store.entries() if e.get("stages")])
    assert saved, "typing was not saved to the journal without pressing anything"
    assert saved[0]["draft"] is True
    assert _wait_for(lambda: store.entries()[0]["stages"]["description"] == TYPED)

    page.get_by_role("button", name="Save as finished").first.click()
    preview = page.locator(".kf-reflection-preview").first
    preview.get_by_text("We met").wait_for(timeout=20_000)
    assert TYPED in preview.inner_text()  # the characters, not bold or italic text
    assert preview.locator("b, em, i, strong").count() == 0
    assert _wait_for(lambda: store.entries()[0]["draft"] is False)

    page.get_by_role("button", name="Refresh the download").click()
    link = page.get_by_role("link", name="Download my journal: JSON (to keep or restore)")
    _wait_for(lambda: "holds 1 entry" in page.locator(".kf-journal-links").inner_text())
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "kfcourse-journal.json"
    document = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert [e["stages"]["description"] for e in document["entries"]] == [TYPED]
    assert axe_violations(page) == []

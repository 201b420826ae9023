"""The welcome check-in on a book page, in Chromium: choosing an answer (by keyboard) gives
feedback and keeps one answer in the browser journal; the radio group is named by its question."""

from __future__ import annotations

import pytest

from tests.browser_support import axe_violations
from tests.web_journal.journal_helpers import console_errors, schema_problems, stored_journal

pytestmark = pytest.mark.browser

QUESTION = "Where you work or receive care, how much say do patients have in improving services?"


def open_checkin(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.KFCheckin && window.KFCheckin.ready")


def answers(page) -> list[dict]:
    return [e for e in stored_journal(page)["entries"] if e["kind"] == "exercise_answer"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_answer_by_keyboard_gives_feedback_and_is_kept_once(
    page, page_log, journal_site, scheme
):
    page.emulate_media(color_scheme=scheme)
    open_checkin(page, journal_site + "checkin.html")
    group = page.get_by_role("group", name=QUESTION)  # the radios are named by the question
    assert group.get_by_role("radio").count() == 4
    assert not page.locator(".kf-js-needed").first.is_visible()
    group.get_by_role("radio").first.focus()
    page.keyboard.press("Space")  # the first answer
    status = page.locator("[data-kf-exercise=checkin] [data-kf-status]")
    page.locator("[data-kf-status][data-kf-state=saved]").wait_for()
    assert "Saved in your journal" in status.text_content()
    page.keyboard.press("ArrowDown")  # a change of mind: the next answer, the same entry
    page.wait_for_function(
        "() => (localStorage.getItem('kfcourse-journal') || '').includes('A little')"
    )
    [entry] = answers(page)
    assert entry["exercise"] == "welcome-checkin" and entry["source"] == "web"
    assert entry["answer"] == "A little: they are told what will happen"
    assert entry["question"] == QUESTION
    assert schema_problems(stored_journal(page)) == []
    page.reload()
    page.wait_for_function("() => window.KFCheckin && window.KFCheckin.ready")
    assert page.get_by_role("radio", name="A little: they are told what will happen").is_checked()
    assert console_errors(page_log) == []
    assert axe_violations(page) == []

"""The course's own journal page (chapters/journal.md) in the built book, in Chromium."""

from __future__ import annotations

import json

import pytest

from tests.browser_support import axe_violations
from tests.web_journal.journal_helpers import (
    console_errors,
    open_journal_page,
    schema_problems,
    stored_journal,
)

pytestmark = [pytest.mark.browser, pytest.mark.book]


def test_journal_page_has_the_notice_panel_and_a_working_form(page, page_log, site_url):
    open_journal_page(page, site_url + "chapters/journal.html")
    notice = page.locator(".kf-journal-panel .kf-notice")
    assert "Nothing is sent anywhere" in notice.text_content()
    assert "this browser" in notice.text_content()
    for name in ("Download JSON", "Download Markdown", "Download CSV"):
        assert page.get_by_role("button", name=name).is_visible()
    assert page.get_by_label("Import a journal file (.json)").is_visible()

    form = page.locator("[data-kf-reflection=journal-try-it]")
    form.get_by_label("I played the patient partner").check()
    form.get_by_label("1. Description").fill("<b>Not bold</b>, and kept.")
    form.get_by_role("button", name="Save as finished").click()
    page.locator(".kf-entry").first.wait_for()
    assert page.locator(".kf-journal-panel b").count() == 0
    assert "<b>Not bold</b>, and kept." in page.locator(".kf-journal-panel").text_content()
    journal = stored_journal(page)
    assert schema_problems(journal) == []
    assert [e["exercise"] for e in journal["entries"]] == ["journal-try-it"]
    assert json.dumps(journal).count("Not bold") == 1
    assert console_errors(page_log) == []
    # After the console check: axe re-fetches the theme's @import relative to the page (a 404).
    assert axe_violations(page) == []


def test_other_pages_link_to_the_journal_page_from_their_forms(page, site_url, book_html):
    pages = [p for p in book_html.rglob("*.html") if "kf-reflection-data" in p.read_text("utf-8")]
    others = [p for p in pages if p.name != "journal.html"]
    assert others, "the chapters' Reflect sections should use reflection forms"
    url = site_url + others[0].relative_to(book_html).as_posix()
    open_journal_page(page, url)
    link = page.locator("[data-kf-exercise=reflection] .kf-rf-privacy a").first
    href = link.get_attribute("href")
    assert href and href.endswith("journal.html")
    link.click()
    page.wait_for_url("**/chapters/journal.html")


def test_every_page_with_a_form_mounts_it_accessibly(page, page_log, site_url, book_html):
    pages = sorted(
        p for p in book_html.rglob("*.html") if "kf-reflection-data" in p.read_text("utf-8")
    )
    assert pages, "the journal page at least has a form"
    for path in pages:
        open_journal_page(page, site_url + path.relative_to(book_html).as_posix())
        forms = page.locator("[data-kf-exercise=reflection][data-kf-ready] form")
        assert forms.count() == page.locator(".kf-reflection").count() >= 1, path.name
        # Each form asks its own question (chapter 1's no longer asks what was chosen).
        for question in page.locator(".kf-rf-question").all_inner_texts():
            assert question.strip() and "what did you choose" not in question.lower()
        assert not page.locator(".kf-reflection .kf-js-needed").first.is_visible()
        assert console_errors(page_log) == [], path.name
        assert axe_violations(page, ".kf-reflection") == [], path.name
        page_log.console_errors.clear()  # axe's own re-fetch of the theme's @import (a 404)

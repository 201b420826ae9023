"""Chapter 1's "Who leads? Who follows?" on a built book page, in Chromium (``{kf-wholeads}``).

Played by the keyboard alone; what the browser journal then holds must equal what the Python rules
(``kfcourse.activities.who_leads.answer``) make of the same choices. Learner text stays text.
Every request to a host other than 127.0.0.1 fails the test (the ``page`` fixture).
"""

from __future__ import annotations

import pytest

from kfcourse.activities import who_leads as rules
from tests.activities.page_support import (
    ExercisePage,
    choose_by_keyboard,
    overflowing,
    show_as,
    site_fixture,
    tab_to,
)
from tests.browser_support import axe_violations
from tests.web_journal.journal_helpers import console_errors, schema_problems, stored_journal

pytestmark = pytest.mark.browser

EXERCISE = ExercisePage("who-leads", "KFWhoLeads")
ROOT = EXERCISE.root
site = site_fixture("who.html")
RISK = "Nobody asks the carer <b>first</b> & the plan fails at home."


PLACED = {
    "consultant": {"authority": "high", "knowledge": "high"},
    "ward-nurse": {"authority": "some", "knowledge": "high"},
    "pharmacist": {"authority": "low", "knowledge": "some"},
    "junior-doctor": {"authority": "low", "knowledge": "some"},
    "bed-manager": {"authority": "some", "knowledge": "high"},
    "patient-leader": {"authority": "low", "knowledge": "high"},
    "carer": {"authority": "low", "knowledge": "high"},
    "board-member": {"authority": "high", "knowledge": "low"},
}


def test_by_keyboard_alone_the_journal_holds_what_python_makes(page, site, page_log):
    root = EXERCISE.open(page, site)
    for actor, levels in PLACED.items():
        for axis, level in levels.items():
            choose_by_keyboard(
                page, root.locator(f'select[data-kf-place="{actor}"][data-kf-axis="{axis}"]'), level
            )
    EXERCISE.wait_saved(page, lambda e: e["answer"]["complete"])
    assert (
        root.locator('[data-kf-grid="yours"] [data-kf-cell="low-high"]').inner_text().count("\n")
        >= 1
    )
    tab_to(page, root.locator("[data-kf-reveal]"), limit=200)
    page.keyboard.press("Enter")
    assert root.locator('[data-kf-grid="reference"]').is_visible()
    assert root.locator('[data-kf-compare="carer"]').get_attribute("data-kf-same") == "both"
    assert (
        root.locator('[data-kf-compare="consultant"]').get_attribute("data-kf-same") == "authority"
    )
    choose_by_keyboard(page, root.locator("select[data-kf-mismatch]"), "carer")
    tab_to(page, root.locator("textarea[data-kf-risk]"))
    page.keyboard.type(RISK)
    page.keyboard.press("Tab")  # leaving the box saves at once
    entry = EXERCISE.wait_saved(page, lambda e: e["answer"]["risk"] == RISK)
    assert entry["answer"] == rules.answer(PLACED, True, "carer", RISK)
    assert entry["draft"] is False and entry["source"] == "web"
    assert entry["title"] == "Who leads? Who follows?"
    assert schema_problems(stored_journal(page)) == []
    # the answer in words (summary.js): in My journal and the exports, never the ids
    lines = entry.get("summary") or []
    assert {"label": "Carer", "text": "Formal authority low, relevant knowledge high"} in lines
    assert {"label": "The risk this mismatch creates for trust", "text": RISK} in lines
    shown = page.evaluate(
        "(e) => KFJournal.exporters.entrySections(e).map((s) => s.join(': ')).join('\\n')", entry
    )
    markdown = page.evaluate("(d) => KFJournal.exporters.markdown(d)", stored_journal(page))
    csv = page.evaluate("(d) => KFJournal.exporters.csv(d)", stored_journal(page))
    for words in (shown, markdown, csv):
        assert "Ward nurse" in words and "Formal authority some, relevant knowledge high" in words
        assert "Carer: knows more than their authority lets them act on." in words
        assert "You placed 5 of 8 people as the reference does." in words
        for actor in rules.ACTORS:
            assert "-" not in actor or actor not in words, actor
        assert "reference_shown" not in words and "placements" not in words
    assert "**Consultant:** Formal authority high, relevant knowledge high" in markdown
    assert "\\<b\\>first\\</b\\>" in markdown  # the learner's text stays text
    assert root.locator("b").count() == 0  # the learner's text is shown as text
    assert console_errors(page_log) == []
    # back again later: the answer is where the learner left it
    root = EXERCISE.open(page, site)
    assert root.locator("textarea[data-kf-risk]").input_value() == RISK
    assert root.locator('[data-kf-grid="reference"]').is_visible()


def test_the_reference_waits_until_everyone_is_placed(page, site):
    root = EXERCISE.open(page, site)
    root.locator('select[data-kf-place="carer"][data-kf-axis="authority"]').select_option("low")
    root.locator("[data-kf-reveal]").click()
    assert "still to place" in root.locator("[data-kf-alert]").inner_text()
    assert not root.locator('[data-kf-grid="reference"]').is_visible()
    entry = EXERCISE.wait_saved(
        page, lambda e: e["answer"]["placements"]["carer"]["authority"] == "low"
    )
    assert entry["draft"] is True and entry["answer"]["reference_shown"] is False


@pytest.mark.parametrize("theme,width", [("light", 1280), ("dark", 1280), ("light", 320)])
def test_axe_clean_and_reflows(page, site, theme, width):
    show_as(page, theme, width)
    root = EXERCISE.open(page, site)
    for actor, levels in PLACED.items():
        for axis, level in levels.items():
            root.locator(f'select[data-kf-place="{actor}"][data-kf-axis="{axis}"]').select_option(
                level
            )
    root.locator("[data-kf-reveal]").click()
    assert page.evaluate("() => document.documentElement.dataset.theme") == theme
    assert axe_violations(page, ROOT) == []
    if width == 320:
        assert overflowing(page, ROOT, scrolled=True) == []

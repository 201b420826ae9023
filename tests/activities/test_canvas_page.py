"""Chapter 9's "Programme redesign canvas" on a built book page, in Chromium (``{kf-canvas}``).

Written by the keyboard alone; what the browser journal then holds must equal what the Python
rules (``kfcourse.activities.redesign_canvas.answer``) make of the same words, and the memo the
page previews and downloads must be the one Python makes. Learner text stays text. Every request
to a host other than 127.0.0.1 fails the test (the ``page`` fixture).
"""

from __future__ import annotations

from typing import Any

import pytest

from kfcourse.activities import redesign_canvas as rules
from kfcourse.web.catalogue import messages
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

EXERCISE = ExercisePage("redesign-canvas", "KFCanvas")
ROOT = EXERCISE.root
site = site_fixture("canvas.html")
AUTHORS = "Jordan & Ruth"
# What the pair writes: plain guidance, and text that Markdown or HTML would read as markup.
WRITTEN = {
    card: {
        "support": f"Support for {card}: papers five working days ahead",
        "owner": "The pair",
        "sign": "Both partners say so at review",
    }
    for card in rules.CARDS
}
WRITTEN["tokenism"] = {
    "support": "# Not a heading <b>bold</b> [a link](https://example.org)",
    "owner": "- the programme lead",
    "sign": "1. Patients shaped > 2 decisions",
}
DIMENSION = ("tokenism", "holding-to-account")


def write_by_keyboard(page: Any, root: Any) -> None:
    """Every box filled with Tab and typing alone, and one dimension chosen with the arrow keys."""
    tab_to(page, root.locator("input[data-kf-authors]"), limit=200)
    page.keyboard.type(AUTHORS)
    for card, fields in WRITTEN.items():
        for field, text in fields.items():
            tab_to(page, root.locator(f'textarea[data-kf-card="{card}"][data-kf-field="{field}"]'))
            page.keyboard.type(text)
    card, dimension = DIMENSION
    choose_by_keyboard(page, root.locator(f'select[data-kf-dimension="{card}"]'), dimension)


def expected_cards() -> dict[str, dict[str, Any]]:
    cards: dict[str, dict[str, Any]] = {c: dict(f) for c, f in WRITTEN.items()}
    cards[DIMENSION[0]]["dimension"] = DIMENSION[1]
    return cards


def test_by_keyboard_alone_the_journal_and_the_memo_are_what_python_makes(
    page, site, page_log, tmp_path
):
    root = EXERCISE.open(page, site)
    meter = root.locator('[role="meter"]')
    assert meter.get_attribute("aria-valuetext") == "0 of 7 cards complete"
    assert not root.locator("[data-kf-rubric-table]").is_visible()
    write_by_keyboard(page, root)
    expected = rules.answer(expected_cards(), AUTHORS)
    entry = EXERCISE.wait_saved(page, lambda e: e["answer"] == expected)
    assert entry["draft"] is False and entry["source"] == "web"
    assert entry["title"] == "Programme redesign canvas"
    assert schema_problems(stored_journal(page)) == []
    assert meter.get_attribute("aria-valuenow") == "7"
    assert "7 of 7 cards complete" in meter.inner_text()
    assert root.locator('[data-kf-card-status][data-kf-complete="true"]').count() == 7
    memo = rules.memo(expected, messages("canvas"))
    assert root.locator("[data-kf-memo]").evaluate("(el) => el.textContent") == memo
    assert "\\# Not a heading \\<b\\>bold\\</b\\> \\[a link\\]" in memo
    assert root.locator("b, a[href^='https://example.org'], h1").count() == 0  # text stays text
    # the memo downloads as a file made in the browser, by the keyboard
    tab_to(page, root.locator("[data-kf-download]"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "challenges-and-supports.md"
    saved = tmp_path / "memo.md"
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == memo
    # the rubric is shown on request, for the reviewers
    tab_to(page, root.locator("[data-kf-rubric]"))
    page.keyboard.press("Enter")
    assert root.locator("[data-kf-rubric]").get_attribute("aria-expanded") == "true"
    assert root.locator("[data-kf-rubric-table] tbody tr").count() == 4
    assert "Critical reflection" in root.locator("[data-kf-rubric-table]").inner_text()
    assert console_errors(page_log) == []
    # back again later: the canvas is where the pair left it
    root = EXERCISE.open(page, site)
    box = root.locator('textarea[data-kf-card="tokenism"][data-kf-field="support"]')
    assert box.input_value() == WRITTEN["tokenism"]["support"]
    assert root.locator('select[data-kf-dimension="tokenism"]').input_value() == DIMENSION[1]


def test_a_part_written_canvas_is_a_draft_with_its_progress_in_words(page, site):
    root = EXERCISE.open(page, site)
    for field, text in WRITTEN["power-difference"].items():
        box = root.locator(f'textarea[data-kf-card="power-difference"][data-kf-field="{field}"]')
        box.fill(text)
    root.locator('textarea[data-kf-card="tokenism"][data-kf-field="support"]').fill("Pay")
    root.locator("input[data-kf-authors]").focus()  # leaving the box saves at once
    entry = EXERCISE.wait_saved(page, lambda e: e["answer"]["complete"] == ["power-difference"])
    assert entry["draft"] is True
    assert entry["answer"] == rules.answer(
        {"power-difference": WRITTEN["power-difference"], "tokenism": {"support": "Pay"}}
    )
    assert root.locator('[role="meter"]').get_attribute("aria-valuetext") == "1 of 7 cards complete"
    status = root.locator('[data-kf-card-status="tokenism"]').inner_text()
    assert status == "Not complete yet: 1 of 3 written."
    assert "*Draft: 1 of 7 cards complete.*" in root.locator("[data-kf-memo]").inner_text()


@pytest.mark.parametrize("theme,width", [("light", 1280), ("dark", 1280), ("light", 320)])
def test_axe_clean_and_reflows(page, site, theme, width):
    show_as(page, theme, width)
    root = EXERCISE.open(page, site)
    for field, text in WRITTEN["tokenism"].items():
        root.locator(f'textarea[data-kf-card="tokenism"][data-kf-field="{field}"]').fill(text)
    root.locator('select[data-kf-dimension="tokenism"]').select_option("leading-with-care")
    root.locator("[data-kf-rubric]").click()
    assert page.evaluate("() => document.documentElement.dataset.theme") == theme
    assert axe_violations(page, ROOT) == []
    if width == 320:
        assert overflowing(page, ROOT, scrolled=True) == []

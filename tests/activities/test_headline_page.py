"""Chapter 2's "Rewrite the hero headline" on a built book page, in Chromium (``{kf-headline}``).

Played by the keyboard alone; what the browser journal then holds must equal what the Python rules
(``kfcourse.activities.hero_headline.answer``) make of the same choices. Learner text stays text.
Every request to a host other than 127.0.0.1 fails the test (the ``page`` fixture).
"""

from __future__ import annotations

from typing import Any

import pytest

from kfcourse.activities import hero_headline as rules
from tests.activities.page_support import (
    ExercisePage,
    overflowing,
    show_as,
    site_fixture,
    tab_to,
)
from tests.browser_support import axe_violations
from tests.web_journal.journal_helpers import console_errors, schema_problems, stored_journal

pytestmark = pytest.mark.browser

EXERCISE = ExercisePage("hero-headline", "KFHeroHeadline")
ROOT = EXERCISE.root
site = site_fixture("headline.html")
# Three phrases the reference marks too, one it does not (an "extra"), four it marks and these miss.
MARKED = ["hero-chief", "single-handed", "drove-through", "maternity"]
RATED = {"speak-up": 2, "patient-trust": 4}
HEADLINE = "Wards, pharmacists & patients <b>lift</b> Wrenford General"
PARAGRAPH = "Ward teams, pharmacists, a patient panel and the council's social-care team did it."


def mark_by_keyboard(page: Any, root: Any, phrase: str) -> None:
    button = root.locator(f'button[data-kf-phrase="{phrase}"]')
    tab_to(page, button, limit=200)
    page.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "true"


def rate_by_keyboard(page: Any, root: Any, name: str, value: int) -> None:
    """Tab into the radio group (its first radio), Space to choose it, arrows to move on."""
    tab_to(page, root.locator(f'input[data-kf-rating="{name}"][value="1"]'), limit=200)
    page.keyboard.press("Space")
    for _ in range(value - 1):
        page.keyboard.press("ArrowDown")
    assert root.locator(f'input[data-kf-rating="{name}"][value="{value}"]').is_checked()


def play_by_keyboard(page: Any, root: Any) -> None:
    for phrase in MARKED:
        mark_by_keyboard(page, root, phrase)
    tab_to(page, root.locator("[data-kf-reveal]"), limit=200)
    page.keyboard.press("Enter")
    assert root.locator("[data-kf-revealed]").is_visible()
    for name, value in RATED.items():
        rate_by_keyboard(page, root, name, value)
    tab_to(page, root.locator('[data-kf-text="headline"]'))
    page.keyboard.type(HEADLINE)
    page.keyboard.press("Tab")  # leaving a box saves at once; Tab lands on the paragraph
    page.keyboard.type(PARAGRAPH)
    page.keyboard.press("Tab")


def test_by_keyboard_alone_the_journal_holds_what_python_makes(page, site, page_log):
    root = EXERCISE.open(page, site)
    assert root.locator("button[data-kf-phrase]").count() == len(rules.PHRASES)
    assert not root.locator("[data-kf-revealed]").is_visible()  # only on request
    play_by_keyboard(page, root)
    entry = EXERCISE.wait_saved(page, lambda e: e["answer"]["paragraph"] == PARAGRAPH)
    assert entry["answer"] == rules.answer(MARKED, True, RATED, HEADLINE, PARAGRAPH)
    assert entry["draft"] is False and entry["source"] == "web"
    assert entry["title"] == "Rewrite the hero headline"
    assert schema_problems(stored_journal(page)) == []
    # the reveal: the reference reading beside the learner's marks, and who was left out
    status = {
        p: root.locator(f'[data-kf-compare="{p}"]').get_attribute("data-kf-reading")
        for p in rules.PHRASES
    }
    c = entry["answer"]["comparison"]
    assert {p for p, s in status.items() if s == "matched"} == set(c["matched"]) == {
        "hero-chief", "single-handed", "drove-through"
    }  # fmt: skip
    assert {p for p, s in status.items() if s == "missed"} == set(c["missed"])
    assert {p for p, s in status.items() if s == "extra"} == {"maternity"}
    assert root.locator("[data-kf-summary]").inner_text() == (
        "Marked by you and by the reference: 3. Marked only by the reference: 4. "
        "Marked only by you: 1."
    )
    left_out = root.locator("[data-kf-missing]").evaluate_all(
        "(ls) => ls.map(l => l.dataset.kfMissing)"
    )
    assert left_out == list(rules.LEFT_OUT)
    assert root.locator("[data-kf-status]").inner_text() == "Saved in your journal."
    assert root.locator("b").count() == 0  # the learner's text is shown as text
    assert console_errors(page_log) == []
    # back again later: the answer is where the learner left it, in the same journal entry
    root = EXERCISE.open(page, site)
    assert root.locator('[data-kf-text="headline"]').input_value() == HEADLINE
    assert root.locator('[data-kf-text="paragraph"]').input_value() == PARAGRAPH
    pressed = root.locator('button[data-kf-phrase][aria-pressed="true"]').evaluate_all(
        "(bs) => bs.map(b => b.dataset.kfPhrase)"
    )
    assert pressed == MARKED
    assert root.locator('input[data-kf-rating="patient-trust"][value="4"]').is_checked()
    assert root.locator("[data-kf-revealed]").is_visible()
    assert len(EXERCISE.answers(page)) == 1


def test_the_reveal_waits_for_a_mark_and_a_mark_can_be_taken_off(page, site):
    root = EXERCISE.open(page, site)
    tab_to(page, root.locator("[data-kf-reveal]"), limit=200)
    page.keyboard.press("Enter")
    assert root.locator("[data-kf-alert]").inner_text() == "Mark at least one phrase first."
    assert not root.locator("[data-kf-revealed]").is_visible()
    assert EXERCISE.answers(page) == []  # nothing to keep yet
    mark_by_keyboard(page, root, "pride")
    entry = EXERCISE.wait_saved(page, lambda e: e["answer"]["marked"] == ["pride"])
    assert entry["draft"] is True and entry["answer"]["reveal_shown"] is False
    page.keyboard.press("Space")  # the same button again: the mark comes off
    assert root.locator('[data-kf-phrase="pride"]').get_attribute("aria-pressed") == "false"
    assert root.locator("[data-kf-progress]").get_attribute("data-kf-progress") == "0"
    entry = EXERCISE.wait_saved(page, lambda e: e["answer"]["marked"] == [])
    assert entry["answer"] == rules.answer([])


@pytest.mark.parametrize("theme,width", [("light", 1280), ("dark", 1280), ("light", 320)])
def test_axe_clean_and_reflows(page, site, theme, width):
    show_as(page, theme, width)
    root = EXERCISE.open(page, site)
    for phrase in MARKED:
        root.locator(f'button[data-kf-phrase="{phrase}"]').click()
    root.locator("[data-kf-reveal]").click()
    root.locator('input[data-kf-rating="speak-up"][value="2"]').check()
    assert page.evaluate("() => document.documentElement.dataset.theme") == theme
    assert axe_violations(page, ROOT) == []
    if width == 320:
        assert overflowing(page, ROOT) == []

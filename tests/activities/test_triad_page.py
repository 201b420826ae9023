"""Chapter 7's "Three-talk triad" on a built book page, in Chromium (``{kf-triad}``).

Played by the keyboard alone; what the browser journal then holds must equal what the Python rules
(``kfcourse.activities.three_talk.answer``) make of the same choices. The predictions are not in
the page while the patient rates. Learner text stays text. Every request to a host other than
127.0.0.1 fails the test (the ``page`` fixture).
"""

from __future__ import annotations

from typing import Any

import pytest

from kfcourse.activities import three_talk as rules
from tests.activities.page_support import (
    ExercisePage,
    only,
    overflowing,
    show_as,
    site_fixture,
    tab_to,
)
from tests.browser_support import axe_violations
from tests.web_journal.journal_helpers import console_errors, schema_problems, stored_journal

pytestmark = pytest.mark.browser

EXERCISE = ExercisePage("three-talk", "KFTriad", pick=only)
ROOT = EXERCISE.root
site = site_fixture("triad.html")
NOTES = "Scores ran <b>high</b> & the patient said she was being polite."
PREDICTED = {"understand": 2, "listen": 3, "include": 1}
RATED = {"understand": 4, "listen": 3, "include": 0}
# What the observer counts, and how: two presses of Count and one of Undo leave one.
TALLY = {"team-goals": 1, "option-compare": 2, "decision-safety": 1}


def press(page: Any, target: Any, times: int = 1) -> None:
    """Reach a button with Tab alone and press it with Enter."""
    tab_to(page, target, limit=200)
    for _ in range(times):
        page.keyboard.press("Enter")


def choose_radio(page: Any, root: Any, role: str, item: str, value: int) -> None:
    """Tab into a fresh radio group (its first radio), Space to choose it, arrows to move on."""
    tab_to(page, root.locator(f'input[data-kf-{role}="{item}"]').first, limit=200)
    page.keyboard.press("Space")
    for _ in range(value):
        page.keyboard.press("ArrowDown")
    assert root.locator(f'input[data-kf-{role}="{item}"][value="{value}"]').is_checked()


def count_by_keyboard(page: Any, root: Any) -> None:
    for behaviour, n in TALLY.items():
        press(page, root.locator(f'button[data-kf-count="{behaviour}"]'), n + 1)
        press(page, root.locator(f'button[data-kf-undo="{behaviour}"]'))
        assert root.locator(f'[data-kf-counted="{behaviour}"]').inner_text() == str(n)


def play_round_by_keyboard(page: Any, root: Any) -> None:
    count_by_keyboard(page, root)
    for item, value in PREDICTED.items():
        choose_radio(page, root, "predict", item, value)
    press(page, root.locator("button[data-kf-handover]"))
    assert root.locator('[data-kf-stage="rate"]').evaluate("(e) => e === document.activeElement")
    # the patient rates with the clinician's predictions out of the page
    assert root.locator("[data-kf-predict]").count() == 0
    assert root.locator("[data-kf-tally]").count() == 0
    for item, value in RATED.items():
        choose_radio(page, root, "rate", item, value)
    press(page, root.locator("button[data-kf-show-result]"))


def test_by_keyboard_alone_the_journal_holds_what_python_makes(page, site, page_log):
    root = EXERCISE.open(page, site)
    play_round_by_keyboard(page, root)
    tab_to(page, root.locator("textarea[data-kf-notes]"), limit=200)
    page.keyboard.type(NOTES)
    page.keyboard.press("Tab")  # leaving the box saves at once
    entry = EXERCISE.wait_saved(page, lambda e: e["answer"]["notes"] == NOTES)
    one = {"stage": "result", "predicted": PREDICTED, "rated": RATED, "tally": TALLY}
    assert entry["answer"] == rules.answer([one], NOTES)
    assert entry["draft"] is False and entry["source"] == "web"
    assert entry["title"] == "Three-talk triad"
    assert schema_problems(stored_journal(page)) == []
    # the result in numbers and words
    gaps = {
        item: root.locator(f'[data-kf-gap="{item}"]').get_attribute("data-kf-gap-value")
        for item in rules.ITEMS
    }
    assert gaps == {"understand": "2", "listen": "0", "include": "-1"}
    assert "2 higher than predicted" in root.locator('[data-kf-gap="understand"]').inner_text()
    assert "1 lower than predicted" in root.locator('[data-kf-gap="include"]').inner_text()
    rated = root.locator('[role="meter"][data-kf-total="rated"]')
    assert rated.get_attribute("aria-valuenow") == "7"
    assert rated.get_attribute("aria-valuetext") == "7 out of 12"
    assert root.locator('[data-kf-talk-result="option"]').get_attribute("data-kf-value") == "2"
    assert root.locator("[data-kf-prompts] li").count() == 4
    shown = root.inner_text()
    assert "null" not in shown and "undefined" not in shown and "{" not in shown
    assert root.locator("b").count() == 0  # the learner's text is shown as text
    # round two: the same entry, roles swapped
    press(page, root.locator("button[data-kf-next-round]"))
    assert root.locator('[data-kf-stage="predict"][data-kf-round="2"]').evaluate(
        "(e) => e === document.activeElement"
    )
    assert root.locator("[data-kf-swap]").is_visible()
    press(page, root.locator('button[data-kf-count="team-choice"]'))
    entry = EXERCISE.wait_saved(page, lambda e: len(e["answer"]["rotations"]) == 2)
    assert entry["answer"]["rotations"][1]["tally"]["team-choice"] == 1
    assert console_errors(page_log) == []
    # back again later: the triad is where the group left it
    root = EXERCISE.open(page, site)
    assert root.locator('[data-kf-stage="predict"][data-kf-round="2"]').is_visible()
    assert root.locator("textarea[data-kf-notes]").input_value() == NOTES


def test_the_patient_rates_only_after_every_prediction(page, site):
    root = EXERCISE.open(page, site)
    root.locator('input[data-kf-predict="listen"][value="3"]').check()
    root.locator("button[data-kf-handover]").click()
    assert "2 still to predict" in root.locator("[data-kf-alert]").inner_text()
    assert root.locator("[data-kf-rate]").count() == 0
    entry = EXERCISE.wait_saved(
        page, lambda e: e["answer"]["rotations"][0]["predicted"]["listen"] == 3
    )
    assert entry["draft"] is True and entry["answer"]["rotations"][0]["stage"] == "predict"


def test_a_new_group_starts_a_new_entry_and_keeps_the_last(page, site):
    root = EXERCISE.open(page, site)
    assert root.locator("[data-kf-new-attempt]").is_hidden()
    fill_by_mouse(root)
    first = EXERCISE.wait_saved(page, lambda e: e["draft"] is False)
    root.locator("[data-kf-new-attempt]").click()
    assert root.locator('[data-kf-stage="predict"][data-kf-round="1"]').is_visible()
    assert root.locator('[data-kf-counted="team-goals"]').inner_text() == "0"
    root.locator('button[data-kf-count="team-choice"]').click()
    deadline = page.evaluate("() => Date.now()") + 10_000
    while len(EXERCISE.answers(page)) < 2 and page.evaluate("() => Date.now()") < deadline:
        page.wait_for_timeout(100)
    old, new = sorted(EXERCISE.answers(page), key=lambda e: e["id"] != first["id"])
    assert old == first
    assert new["draft"] is True and new["answer"]["rotations"][0]["tally"]["team-choice"] == 1
    root = EXERCISE.open(page, site)  # back later: the new group's triad, not the finished one
    assert root.locator('[data-kf-counted="team-choice"]').inner_text() == "1"


def fill_by_mouse(root: Any) -> None:
    root.locator('button[data-kf-count="team-goals"]').click()
    for item, value in PREDICTED.items():
        root.locator(f'input[data-kf-predict="{item}"][value="{value}"]').check()
    root.locator("button[data-kf-handover]").click()
    for item, value in RATED.items():
        root.locator(f'input[data-kf-rate="{item}"][value="{value}"]').check()
    root.locator("button[data-kf-show-result]").click()


@pytest.mark.parametrize("theme,width", [("light", 1280), ("dark", 1280), ("light", 320)])
def test_axe_clean_and_reflows(page, site, theme, width):
    show_as(page, theme, width)
    root = EXERCISE.open(page, site)
    assert page.evaluate("() => document.documentElement.dataset.theme") == theme
    assert axe_violations(page, ROOT) == []  # the conversation and the prediction
    fill_by_mouse(root)
    root.locator("button[data-kf-next-round]").click()
    fill_by_mouse(root)  # two rounds: the comparison of rounds is shown too
    assert root.locator("[data-kf-compare-rounds]").is_visible()
    assert axe_violations(page, ROOT) == []
    if width == 320:
        assert overflowing(page, ROOT, scrolled=True) == []

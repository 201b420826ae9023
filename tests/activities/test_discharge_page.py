"""Chapter 3's "Distribute the discharge" on a built book page, in Chromium (``{kf-discharge}``).

Played by the keyboard alone; what the browser journal then holds must equal what the Python rules
(``kfcourse.activities.distribute_discharge.answer``) make of the same choices. Learner text stays
text. Every request to a host other than 127.0.0.1 fails the test (the ``page`` fixture).
"""

from __future__ import annotations

from typing import Any

import pytest

from kfcourse.activities import distribute_discharge as rules
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

EXERCISE = ExercisePage("distribute-discharge", "KFDischarge")
ROOT = EXERCISE.root
site = site_fixture("discharge.html")
RESPONSE = "Rhetorical until the patient leader sees the <b>data</b> & the huddle decides."
# Four functions on the consultant (moderate), two single holders, gaps for the patient leader.
ALLOCATION = {
    "setting-direction": ["consultant", "patient-leader"],
    "making-sense-of-data": ["consultant", "nurse", "patient-leader"],
    "mobilising-resources": ["manager"],
    "redesigning-routines": ["consultant", "nurse", "junior-doctor"],
    "speaking-up": list(rules.ROLES),
    "monitoring-reporting": ["manager"],
}


def box(root: Any, function: str, role: str) -> Any:
    return root.locator(f'input[data-kf-assign="{function}"][data-kf-role="{role}"]')


def allocate_by_keyboard(page: Any, root: Any, allocation: dict[str, list[str]]) -> None:
    """Tab to each box to tick (in the page's order) and press Space."""
    for function in rules.FUNCTIONS:
        for role in rules.ROLES:
            if role in allocation.get(function, []):
                target = box(root, function, role)
                tab_to(page, target, limit=60)
                page.keyboard.press("Space")
                assert target.is_checked()


def meter(root: Any) -> dict[str, str | None]:
    m = root.locator('[role="meter"][data-kf-measure="consultant-share"]')
    return {k: m.get_attribute(k) for k in ("aria-valuenow", "aria-valuemax", "aria-valuetext")}


def test_by_keyboard_alone_the_journal_holds_what_python_makes(page, site, page_log):
    root = EXERCISE.open(page, site)
    assert root.locator("[data-kf-gaps]").is_hidden()  # gaps only on request
    allocate_by_keyboard(page, root, ALLOCATION)
    expected = rules.answer(ALLOCATION)
    EXERCISE.wait_saved(page, lambda e: e["answer"]["allocation"] == expected["allocation"])
    assert root.locator("[data-kf-progress]").get_attribute("data-kf-progress") == "6"
    # (a) concentration: a number and words, and the functions resting on one holder
    assert meter(root) == {
        "aria-valuenow": "4",
        "aria-valuemax": "6",
        "aria-valuetext": "4 of 6 functions (67%), moderate",
    }
    assert "4 of 6 functions (67%), moderate" in root.locator(".kf-ex-meter").inner_text()
    single = root.locator("[data-kf-single]")
    assert single.get_attribute("data-kf-single") == "2"
    assert "Mobilising resources, Monitoring and reporting" in single.inner_text()
    # (b) the gaps, once asked for, are Python's, and follow the next change
    tab_to(page, root.locator("[data-kf-reveal]"), limit=60)
    page.keyboard.press("Enter")
    shown = root.locator("[data-kf-gap]").evaluate_all("(ls) => ls.map(l => l.dataset.kfGap)")
    gaps = rules.answer(ALLOCATION, True)["gaps"]
    assert shown == [f"{g['function']}:{g['role']}" for g in gaps]
    reading = root.locator('[data-kf-authority="mobilising-resources"]').inner_text()
    assert reading == "Formal authority: Manager."
    # back up into the grid with Shift+Tab: untick the patient leader's data
    target = box(root, "making-sense-of-data", "patient-leader")
    tab_to(page, target, limit=60, back=True)
    page.keyboard.press("Space")
    assert not target.is_checked()
    allocation = {**ALLOCATION, "making-sense-of-data": ["consultant", "nurse"]}
    assert root.locator("[data-kf-gap]").count() == len(rules.answer(allocation, True)["gaps"])
    tab_to(page, root.locator("textarea[data-kf-response]"), limit=80)
    page.keyboard.type(RESPONSE)
    page.keyboard.press("Tab")  # leaving the box saves at once
    entry = EXERCISE.wait_saved(page, lambda e: e["answer"]["response"] == RESPONSE)
    assert entry["answer"] == rules.answer(allocation, True, RESPONSE)
    assert entry["draft"] is False and entry["source"] == "web"
    assert entry["title"] == "Distribute the discharge"
    assert schema_problems(stored_journal(page)) == []
    assert root.locator("b").count() == 0  # the learner's text is shown as text
    assert root.locator("[data-kf-status]").inner_text() == "Saved in your journal."
    assert console_errors(page_log) == []
    # back again later: the answer is where the learner left it
    root = EXERCISE.open(page, site)
    assert root.locator("textarea[data-kf-response]").input_value() == RESPONSE
    assert box(root, "monitoring-reporting", "manager").is_checked()
    assert not box(root, "making-sense-of-data", "patient-leader").is_checked()
    assert root.locator("[data-kf-gaps]").is_visible()
    assert len(EXERCISE.answers(page)) == 1


def test_a_draft_until_every_function_has_a_holder_and_an_answer(page, site):
    root = EXERCISE.open(page, site)
    box(root, "speaking-up", "patient-leader").check()
    entry = EXERCISE.wait_saved(page, lambda e: e["answer"]["allocation"]["speaking-up"])
    assert entry["draft"] is True and entry["answer"]["gaps"] is None
    assert meter(root)["aria-valuetext"] == "0 of 6 functions (0%), low"
    root.locator("textarea[data-kf-response]").fill("Real, with a daily huddle.")
    root.locator("textarea[data-kf-response]").blur()
    entry = EXERCISE.wait_saved(page, lambda e: e["answer"]["response"] != "")
    assert entry["draft"] is True and entry["answer"]["complete"] is False
    assert root.locator("[data-kf-progress]").get_attribute("data-kf-progress") == "1"


@pytest.mark.parametrize("theme,width", [("light", 1280), ("dark", 1280), ("light", 320)])
def test_axe_clean_and_reflows(page, site, theme, width):
    show_as(page, theme, width)
    root = EXERCISE.open(page, site)
    for function, roles in ALLOCATION.items():
        for role in roles:
            box(root, function, role).check()
    root.locator("[data-kf-reveal]").click()
    root.locator("textarea[data-kf-response]").fill("Rhetorical.")
    assert page.evaluate("() => document.documentElement.dataset.theme") == theme
    assert axe_violations(page, ROOT) == []
    label = root.locator('[data-kf-cell="speaking-up:nurse"] .kf-dd-role')
    if width == 320:
        # the grid stacks: one block per function, each box beside its role's name, no scrolling
        assert overflowing(page, ROOT) == []
        assert label.is_visible() and label.bounding_box()["width"] > 20
    else:
        assert label.bounding_box()["width"] <= 1  # the column header names the role

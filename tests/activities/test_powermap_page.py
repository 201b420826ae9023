"""Chapter 5's "Power map card sort" on a built book page, in Chromium (``{kf-powermap}``).

Played by the keyboard alone; what the browser journal then holds must equal what the Python rules
(``kfcourse.activities.power_map.answer``) make of the same choices. Every request to a host other
than 127.0.0.1 fails the test (the ``page`` fixture).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from kfcourse.activities import power_map as rules
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

EXERCISE = ExercisePage("power-map", "KFPowerMap")
ROOT = EXERCISE.root
site = site_fixture("powermap.html")

BEFORE = {
    "reward": "both",
    "coercive": "patient",
    "legitimate": "both",
    "referent": "both",
    "expert": "both",
    "informational": "clinician",
    "experiential-knowledge": "patient",
    "agenda-control": "clinician",
    "complain-or-media": "patient",
    "clinical-accountability": "clinician",
    "time-and-energy": "patient",
    "legal-advice": "both",
}
AFTER = {"reward": "both", "agenda-control": "both", "informational": "both"}
TAGS = {"line-2": "second", "line-3": "first", "line-6": "third", "line-8": "second"}
RUNG = "consultation"


def card(root: Any, name: str, which: str) -> Any:
    return root.locator(f'select[data-kf-card="{name}"][data-kf-map="{which}"]')


def choose_rung_by_keyboard(page: Any, root: Any, rung: str) -> None:
    """Tab into the ladder's radio group, check the top rung with Space, then arrow down."""
    radios = root.locator("input[data-kf-rung]")
    tab_to(page, radios.first, limit=200)
    page.keyboard.press("Space")
    top_down = list(reversed(rules.RUNGS))
    for _ in range(top_down.index(rung)):
        page.keyboard.press("ArrowDown")
    assert root.locator(f'input[data-kf-rung][value="{rung}"]').is_checked()


def test_by_keyboard_alone_the_journal_holds_what_python_makes(page, site, page_log):
    root = EXERCISE.open(page, site)
    for name in rules.CARDS:  # in the page's order, so that Tab only ever goes forward
        choose_by_keyboard(page, card(root, name, "before"), BEFORE[name])
        if name in AFTER:
            choose_by_keyboard(page, card(root, name, "after"), AFTER[name])
    EXERCISE.wait_saved(page, lambda e: e["answer"]["before_complete"] and e["answer"]["moves"])
    assert (
        root.locator('[data-kf-map-table="before"] [data-kf-holder="both"]')
        .inner_text()
        .count("Referent")
    )
    moved = root.locator("[data-kf-moved]").evaluate_all("(ls) => ls.map(l => l.dataset.kfMoved)")
    assert moved == ["informational", "agenda-control"]  # reward stayed with both
    for line, tag in TAGS.items():
        choose_by_keyboard(page, root.locator(f'select[data-kf-tag="{line}"]'), tag)
    choose_rung_by_keyboard(page, root, RUNG)
    EXERCISE.wait_saved(page, lambda e: e["answer"]["finished"])
    assert root.locator("[data-kf-todo]").get_attribute("data-kf-todo") == "0"
    tab_to(page, root.locator("[data-kf-reveal]"), limit=200)
    page.keyboard.press("Enter")
    entry = EXERCISE.wait_saved(page, lambda e: e["answer"]["key_shown"])
    assert entry["answer"] == rules.answer(BEFORE, AFTER, RUNG, TAGS, True)
    assert entry["draft"] is False and entry["source"] == "web"
    assert entry["title"] == "Power map card sort"
    assert schema_problems(stored_journal(page)) == []
    # the key as the page shows it: verdicts in words, contestable readings for discussion
    key = root.locator("[data-kf-key]")
    assert key.is_visible()
    verdict = {
        row["card"]: row["verdict"] for row in rules.comparison(
            rules.parse_map(BEFORE), RUNG, rules.parse_tags(TAGS)
        )["cards"]
    }  # fmt: skip
    for name, expected in verdict.items():
        item = key.locator(f'[data-kf-compare="{name}"]')
        assert item.get_attribute("data-kf-verdict") == expected
    assert key.locator('[data-kf-compare="reward"]').inner_text().startswith("Differs from the key")
    assert (
        key.locator('[data-kf-compare="legal-advice"]')
        .inner_text()
        .startswith("Open to discussion")
    )
    assert key.locator("[data-kf-compare-rung]").get_attribute("data-kf-verdict") == "discuss"
    assert key.locator('[data-kf-compare-line="line-3"]').get_attribute("data-kf-verdict") == "same"
    assert "7" in key.locator("[data-kf-missed]").inner_text()  # line 7, the key's third dimension
    assert console_errors(page_log) == []
    # back again later: the answer is where the learner left it
    root = EXERCISE.open(page, site)
    assert card(root, "time-and-energy", "before").input_value() == "patient"
    assert root.locator(f'input[data-kf-rung][value="{RUNG}"]').is_checked()
    assert root.locator("[data-kf-key]").is_visible()


def test_the_key_waits_until_the_exercise_is_done(page, site):
    root = EXERCISE.open(page, site)
    card(root, "legal-advice", "before").select_option("both")
    root.locator('select[data-kf-tag="line-7"]').select_option("third")
    root.locator("[data-kf-reveal]").click()
    alert = root.locator("[data-kf-alert]").inner_text()
    assert "place 11 more cards" in alert and "second dimension" in alert
    assert "third dimension" not in alert
    assert not root.locator("[data-kf-key]").is_visible()
    entry = EXERCISE.wait_saved(page, lambda e: e["answer"]["tags"]["line-7"] == "third")
    assert entry["draft"] is True and entry["answer"]["key_shown"] is False


def test_a_tampered_state_in_the_browser_is_not_restored(page, site, page_log):
    root = EXERCISE.open(page, site)
    bad = {"before": {"reward": "<img src=x onerror=alert(1)>"}, "rung": "top", "run": None}
    page.evaluate("(s) => localStorage.setItem('kfcourse-journal:powermap', s)", json.dumps(bad))
    root = EXERCISE.open(page, site)
    assert card(root, "reward", "before").input_value() == ""
    assert root.locator("img").count() == 0
    assert console_errors(page_log) == []


@pytest.mark.parametrize("theme,width", [("light", 1280), ("dark", 1280), ("light", 320)])
def test_axe_clean_and_reflows(page, site, theme, width):
    show_as(page, theme, width)
    root = EXERCISE.open(page, site)
    for name, holder in BEFORE.items():
        card(root, name, "before").select_option(holder)
    for name, holder in AFTER.items():
        card(root, name, "after").select_option(holder)
    for line, tag in TAGS.items():
        root.locator(f'select[data-kf-tag="{line}"]').select_option(tag)
    root.locator(f'input[data-kf-rung][value="{RUNG}"]').check()
    root.locator("[data-kf-reveal]").click()
    assert root.locator("[data-kf-key]").is_visible()
    assert page.evaluate("() => document.documentElement.dataset.theme") == theme
    assert axe_violations(page, ROOT) == []
    if width == 320:
        assert overflowing(page, ROOT, scrolled=True) == []
        # the two maps are stacked, not side by side
        boxes = root.locator("[data-kf-map-table]").evaluate_all(
            "(ts) => ts.map(t => t.getBoundingClientRect().top)"
        )
        assert boxes[1] > boxes[0]

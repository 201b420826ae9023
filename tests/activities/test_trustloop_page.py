"""The trust-loop simulator on a built book page, in Chromium (the ``{kf-trustloop}`` directive).

A small fixture book (``fixture_book/``) is built once with ``-W``. The page is played by the
keyboard alone and by mouse; what the browser journal then holds must equal what the Python
rules make of the same draw and aims (``kfcourse.activities.trust_loop.answer``). Every request
to a host other than 127.0.0.1 is aborted and fails the test (the ``page`` fixture).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kfcourse.activities import trust_loop as rules
from tests.activities.page_support import (
    ExercisePage,
    overflowing,
    show_as,
    site_fixture,
    tab_to,
)
from tests.browser_support import axe_violations
from tests.web_journal.journal_helpers import (
    console_errors,
    schema_problems,
    stored_journal,
    stored_text,
)

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent
EXERCISE = ExercisePage("trust-loop", "KFTrustLoop")
ROOT = EXERCISE.root
site = site_fixture("loop.html")


def seed_of(root: Any) -> int:
    return int(root.locator("[data-kf-draw-number]").get_attribute("data-kf-draw-number"))


def play_by_keyboard(page: Any, root: Any, clinician: str, patient: str) -> None:
    """Choose both aims and play the round with Tab, arrow keys, Space and Enter only."""
    n = root.locator("[data-kf-round]").count()
    for role, aim in (("clinician", clinician), ("patient", patient)):
        first = root.locator(f'input[data-kf-aim="{role}"]').first
        tab_to(page, first)
        page.keyboard.press("Space")
        for _ in range(rules.AIMS.index(aim)):
            page.keyboard.press("ArrowDown")
        assert root.locator(f'input[data-kf-aim="{role}"][value="{aim}"]').is_checked()
    tab_to(page, root.locator("[data-kf-play]"))
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelectorAll('[data-kf-round]').length === {n + 1}")


def play_by_mouse(root: Any, clinician: str, patient: str) -> None:
    n = root.locator("[data-kf-round]").count()
    root.locator(f'input[data-kf-aim="clinician"][value="{clinician}"]').check()
    root.locator(f'input[data-kf-aim="patient"][value="{patient}"]').check()
    root.locator("[data-kf-play]").click()
    root.page.wait_for_function(
        f"() => document.querySelectorAll('[data-kf-round]').length === {n + 1}"
    )


PICKS = [
    ["ambitious", "moderate"],
    ["modest", "modest"],
    ["moderate", "ambitious"],
    ["moderate", "moderate"],
]


def test_played_by_keyboard_alone_the_journal_holds_what_python_makes(page, site, page_log):
    root = EXERCISE.open(page, site)
    seed = seed_of(root)
    for n, (clinician, patient) in enumerate(PICKS, start=1):
        play_by_keyboard(page, root, clinician, patient)
        [entry] = EXERCISE.answers(page)
        assert entry["answer"] == rules.answer(seed, PICKS[:n]), n
        assert entry["draft"] is (n < 4)
        meter = root.locator("[role=meter][data-kf-measure=trust]")
        trust = entry["answer"]["trust_end"]
        assert meter.get_attribute("aria-valuenow") == str(trust)
        words = json.loads(
            (HERE.parents[1] / "kfcourse/web/messages/en-GB.json").read_text("utf-8")
        )
        band = words["trustloop"][f"band.{rules.band(trust)}"]
        assert meter.get_attribute("aria-valuetext") == f"{trust} ({band})"
        assert f"{trust} ({band})" in meter.inner_text()
    # the rating is chosen by keyboard too
    tab_to(page, root.locator('input[data-kf-rating="integrity"]').first)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => !document.querySelector('[data-kf-alert]').textContent")
    page.wait_for_timeout(100)
    [entry] = EXERCISE.answers(page)
    assert entry["answer"] == rules.answer(seed, PICKS, {"integrity": 2})
    assert entry["title"] == "Trust-building loop simulator" and entry["source"] == "web"
    assert schema_problems(stored_journal(page)) == []
    assert console_errors(page_log) == []


def test_cards_and_dice_are_python_draw_and_the_same_draw_replays(page, site):
    root = EXERCISE.open(page, site)
    seed = seed_of(root)
    dealt = rules.draw(seed)
    play_by_mouse(root, "ambitious", "ambitious")
    play_by_mouse(root, "ambitious", "ambitious")
    shown = [
        root.locator(f'[data-kf-round="{n}"] [data-kf-card]').get_attribute("data-kf-card")
        for n in (1, 2)
    ]
    assert shown == list(dealt.cards[:2])
    first_run = EXERCISE.answers(page)[0]["id"]
    root.locator("[data-kf-restart]").click()
    assert seed_of(root) == seed and root.locator("[data-kf-round]").count() == 0
    play_by_mouse(root, "modest", "modest")
    assert (
        root.locator('[data-kf-round="1"] [data-kf-card]').get_attribute("data-kf-card")
        == dealt.cards[0]
    )
    runs = {e["id"]: e for e in EXERCISE.answers(page)}
    assert len(runs) == 2 and runs[first_run]["answer"] == rules.answer(
        seed, [["ambitious"] * 2] * 2
    )
    root.locator("[data-kf-new-draw]").click()
    assert root.locator("[data-kf-round]").count() == 0
    assert seed_of(root) != seed  # a new draw (a 1 in 2**32 chance of the same number)


def test_a_game_resumes_after_a_reload_and_undo_takes_the_round_out_of_the_journal(page, site):
    root = EXERCISE.open(page, site)
    seed = seed_of(root)
    play_by_mouse(root, "modest", "moderate")
    play_by_mouse(root, "moderate", "moderate")
    root = EXERCISE.open(page, site)
    assert seed_of(root) == seed and root.locator("[data-kf-round]").count() == 2
    root.locator("[data-kf-undo]").click()
    page.wait_for_function("() => document.querySelectorAll('[data-kf-round]').length === 1")
    [entry] = EXERCISE.answers(page)
    assert entry["answer"] == rules.answer(seed, [["modest", "moderate"]])


def test_playing_without_both_aims_says_what_is_missing(page, site):
    root = EXERCISE.open(page, site)
    root.locator('input[data-kf-aim="clinician"][value="modest"]').check()
    root.locator("[data-kf-play]").click()
    assert "patient partner" in root.locator("[data-kf-alert]").inner_text()
    assert root.locator("[data-kf-round]").count() == 0
    assert stored_text(page) is None  # nothing stored at all


def test_the_rule_for_trust_is_stated_on_the_page(page, site):
    root = EXERCISE.open(page, site)
    text = root.locator("[data-kf-rules]").inner_text()
    for needed in (
        "modest 2, moderate 3, ambitious 5",
        "3 or more",
        "between -10 and 10",
        "illustrative",
    ):
        assert needed in text


@pytest.mark.parametrize("theme,width", [("light", 1280), ("dark", 1280), ("light", 320)])
def test_axe_clean_and_reflows(page, site, theme, width):
    show_as(page, theme, width)
    root = EXERCISE.open(page, site)
    for n in range(rules.ROUNDS + 1):
        assert page.evaluate("() => document.documentElement.dataset.theme") == theme
        assert axe_violations(page, ROOT) == [], (n, theme, width)
        if width == 320:
            overflow = overflowing(page, ROOT)
            assert overflow == [], (n, overflow)
        if n < rules.ROUNDS:
            play_by_mouse(root, "ambitious", "moderate")
    sizes = root.locator("button").evaluate_all(
        "(bs) => bs.map(b => { const r = b.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert sizes and all(h >= 44 for _, h in sizes)

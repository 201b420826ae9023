"""The course's four checks on a built book page, in Chromium (``{kf-instrument} <id>``).

All four share one page of the fixture book. Played by the keyboard alone; what the browser
journal then holds must equal what the Python rules (``kfcourse.activities.instruments.answer``)
make of the same ratings. Learner text stays text. Every request to a host other than 127.0.0.1
fails the test (the ``page`` fixture).
"""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest

from kfcourse.activities import instruments as rules
from tests.activities import page_support
from tests.activities.page_support import ExercisePage, latest, overflowing, show_as, site_fixture
from tests.browser_support import axe_violations
from tests.web_journal.journal_helpers import console_errors, schema_problems, stored_journal

pytestmark = pytest.mark.browser

# One ExercisePage a check; a check may start a new entry, so wait_saved checks the latest.
CHECKS = {
    c: ExercisePage(f"instrument-{c}", "KFInstrument", pick=latest) for c in rules.INSTRUMENTS
}
site = site_fixture("instrument.html")
# The four checks share one long page: Tab may need up to 400 presses to reach a control.
tab_to = partial(page_support.tab_to, limit=400)
EXAMPLE = "I asked the <b>carer</b> first & waited."
ACTION = "Co-chair the next meeting <i>and</i> share the data beforehand."
# Partner A rates B, partner B rates A, before and after (the biggest gap after: 3, on two items)
TRUST = {
    "before": {
        "partner-a": dict(knowledge=3, delivers=3, cares=2, eases=3, honest=3, consistent=3,
                          propensity=4),
        "partner-b": dict(knowledge=4, delivers=3, cares=3, eases=2, honest=4, consistent=3,
                          propensity=2),
    },
    "after": {
        "partner-a": dict(knowledge=5, delivers=4, cares=5, eases=4, honest=2, consistent=4,
                          propensity=4),
        "partner-b": dict(knowledge=4, delivers=4, cares=2, eases=3, honest=5, consistent=4,
                          propensity=3),
    },
}  # fmt: skip


def root_of(page: Any, check: str) -> Any:
    return page.locator(CHECKS[check].root)


def show_moment(page: Any, root: Any, moment: str) -> None:
    """Choose "Before" or "After" with the keyboard: Tab (back) to the chooser, then arrows."""
    radios = root.locator("input[data-kf-show-moment]")
    current = root.locator("input[data-kf-show-moment]:checked")
    back = radios.first.evaluate(
        "(el) => !!(el.compareDocumentPosition(document.activeElement) & 4)"
    )  # the focus is after the chooser
    tab_to(page, current, back=back)
    if current.get_attribute("value") != moment:
        page.keyboard.press("ArrowDown" if moment == "after" else "ArrowUp")
    assert root.locator(f'input[data-kf-show-moment="{moment}"]').is_checked()
    assert root.locator(f'section[data-kf-moment="{moment}"]').is_visible()


def rate_by_keyboard(page: Any, group: Any, value: Any, scale: tuple[Any, ...]) -> None:
    """Tab into a statement's radio group and choose `value` with Space and the arrow keys."""
    first = group.locator("input[type=radio]").first
    tab_to(page, first)
    page.keyboard.press("Space")
    for _ in range(scale.index(value)):
        page.keyboard.press("ArrowRight")
    assert group.locator(f'input[data-kf-value="{value}"]').is_checked()


def rate_all(page: Any, root: Any, check: str, ratings: dict[str, Any], texts: Any = None) -> None:
    inst = rules.INSTRUMENTS[check]
    for moment in rules.MOMENTS:
        show_moment(page, root, moment)
        section = root.locator(f'section[data-kf-moment="{moment}"]')
        for rater in inst.raters:
            block = section.locator(f'[data-kf-rater="{rater}"]')
            for item in inst.items:
                group = block.locator(f'[data-kf-item="{item.id}"]')
                rate_by_keyboard(page, group, ratings[moment][rater][item.id], rules.values(inst))
                if texts is not None:
                    box = group.locator("textarea[data-kf-example]")
                    tab_to(page, box)
                    page.keyboard.type(texts[moment][rater][item.id])


def test_two_partners_rate_each_other_by_keyboard_and_see_the_biggest_gap(page, site, page_log):
    root = CHECKS["partnership-trust"].open(page, site)
    rate_all(page, root, "partnership-trust", TRUST)
    expected = rules.answer("partnership-trust", TRUST)
    entry = CHECKS["partnership-trust"].wait_saved(page, lambda e: e["answer"]["complete"])
    assert entry["answer"] == expected
    assert entry["draft"] is False and entry["source"] == "web"
    assert entry["title"] == "Partnership trust check"
    assert schema_problems(stored_journal(page)) == []
    # the gap, in numbers and words, on the items the rules name
    gap = root.locator('[data-kf-gap="after"]')
    assert gap.get_attribute("data-kf-biggest") == "3" == str(expected["gaps"]["after"]["biggest"])
    named = gap.locator("[data-kf-gap-item]").evaluate_all(
        "(els) => els.map(e => e.dataset.kfGapItem)"
    )
    assert named == expected["gaps"]["after"]["at"] == ["cares", "honest"]
    assert (
        "3 points" in gap.inner_text() and "partner A gave 2, partner B gave 5" in gap.inner_text()
    )
    # the change, per item and in total, in numbers and words
    mine = root.locator('[data-kf-changes-of="partner-a"]')
    assert mine.locator('[data-kf-change="cares"]').get_attribute("data-kf-direction") == "up"
    assert "Change: up 3." in mine.locator('[data-kf-change="cares"]').inner_text()
    assert "Change: down 1." in mine.locator('[data-kf-change="honest"]').inner_text()
    total = expected["changes"]["partner-a"]["overall"]
    assert f"Before: {total['before']}. After: {total['after']}. Change: up {total['change']}." in (
        mine.locator("[data-kf-change-total]").inner_text()
    )
    assert console_errors(page_log) == []


def test_the_relational_self_check_keeps_examples_as_text_and_resumes(page, site, page_log):
    root = CHECKS["relational-practice"].open(page, site)
    inst = rules.INSTRUMENTS["relational-practice"]
    ratings = {
        "before": {"self": dict.fromkeys([i.id for i in inst.items], "partly")},
        "after": {"self": dict.fromkeys([i.id for i in inst.items], "yes")},
    }
    ratings["before"]["self"]["voices"] = "no"
    texts = {m: {"self": dict.fromkeys([i.id for i in inst.items], EXAMPLE)} for m in rules.MOMENTS}
    rate_all(page, root, "relational-practice", ratings, texts)
    page.keyboard.press("Tab")  # leaving the last box saves at once
    entry = CHECKS["relational-practice"].wait_saved(page, lambda e: e["answer"]["finished"])
    assert entry["answer"] == rules.answer("relational-practice", ratings, texts)
    assert entry["draft"] is False
    assert root.locator("b").count() == 0  # the learner's text is shown as text
    voices = root.locator('[data-kf-changes-of="self"] [data-kf-change="voices"]').inner_text()
    assert "Before: 0 (no). After: 2 (yes). Change: up 2." in voices
    assert console_errors(page_log) == []
    # back again later: the examples are where the learner left them
    root = CHECKS["relational-practice"].open(page, site)
    boxes = root.locator("textarea[data-kf-example]")
    assert boxes.count() == 10 and boxes.first.input_value() == EXAMPLE


def test_speaking_up_says_it_is_private_and_not_validated_and_starts_again(page, site):
    root = CHECKS["speaking-up"].open(page, site)
    notes = root.locator("[data-kf-private]").inner_text()
    assert "private" in notes and "sent nowhere" in notes
    assert "not a validated scale" in root.locator("[data-kf-source]").inner_text()
    assert "Edmondson, 1999" in root.locator("[data-kf-source]").inner_text()
    for other in ("partnership-trust", "relational-practice", "collaboration-health"):
        assert root_of(page, other).locator("[data-kf-private]").count() == 0
    inst = rules.INSTRUMENTS["speaking-up"]
    ratings = {m: {"self": dict.fromkeys([i.id for i in inst.items], 2)} for m in rules.MOMENTS}
    rate_all(page, root, "speaking-up", ratings)
    first = CHECKS["speaking-up"].wait_saved(page, lambda e: e["answer"]["finished"])
    assert first["answer"]["private"] is True
    assert "Change: no change." in root.locator('[data-kf-change="help"]').inner_text()
    again = root.locator("[data-kf-again]")
    assert again.is_visible()
    tab_to(page, again)
    page.keyboard.press("Enter")
    assert root.locator("input[type=radio][data-kf-value]:checked").count() == 0
    rate_by_keyboard(page, root.locator('[data-kf-item="help"]').first, 4, rules.AGREEMENT)
    second = CHECKS["speaking-up"].wait_saved(page, lambda e: e["id"] != first["id"])
    assert second["draft"] is True and len(CHECKS["speaking-up"].answers(page)) == 2


def test_the_pair_scores_together_and_agrees_one_action(page, site):
    root = CHECKS["collaboration-health"].open(page, site)
    inst = rules.INSTRUMENTS["collaboration-health"]
    ratings = {
        "before": {"pair": dict(aims=2, power=1, trust=2, membership=3, media=1)},
        "after": {"pair": dict(aims=4, power=3, trust=4, membership=3, media=2)},
    }
    rate_all(page, root, "collaboration-health", ratings)
    draft = CHECKS["collaboration-health"].wait_saved(page, lambda e: e["answer"]["complete"])
    assert draft["draft"] is True  # no action yet
    assert "the agreed action" in root.locator("[data-kf-todo]").inner_text()
    tab_to(page, root.locator("textarea[data-kf-action]"))
    page.keyboard.type(ACTION)
    page.keyboard.press("Tab")
    entry = CHECKS["collaboration-health"].wait_saved(page, lambda e: e["answer"]["finished"])
    assert entry["answer"] == rules.answer("collaboration-health", ratings, None, ACTION)
    assert root.locator("[data-kf-todo]").is_hidden()
    assert root.locator("i").count() == 0
    assert len(inst.items) == root.locator("section[data-kf-moment=after] fieldset").count()


@pytest.mark.parametrize("theme,width", [("light", 1280), ("dark", 1280), ("light", 320)])
def test_axe_clean_and_reflows(page, site, theme, width):
    show_as(page, theme, width)
    root = CHECKS["partnership-trust"].open(page, site)
    for moment in rules.MOMENTS:
        root.locator(f'input[data-kf-show-moment="{moment}"]').check()
        for rater, items in TRUST[moment].items():
            block = root.locator(f'section[data-kf-moment="{moment}"] [data-kf-rater="{rater}"]')
            for item, value in items.items():
                block.locator(f'[data-kf-item="{item}"] input[data-kf-value="{value}"]').check()
    root_of(page, "relational-practice").locator('input[data-kf-value="partly"]').first.check()
    assert page.evaluate("() => document.documentElement.dataset.theme") == theme
    for check in rules.INSTRUMENTS:
        assert axe_violations(page, CHECKS[check].root) == []
    if width == 320:
        assert overflowing(page, "[data-kf-instrument]") == []

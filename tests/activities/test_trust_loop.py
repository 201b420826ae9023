"""The trust-loop rules: the draw is seeded and independent of the aims, the stated rule moves
trust, and bad states are refused."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfcourse.activities import trust_loop as tl

# The machines running the tests are shared: time varies, results do not.
PROPS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
seeds = st.integers(min_value=0, max_value=tl.SEED_MAX)
aims = st.sampled_from(tl.AIMS)
picks = st.lists(st.lists(aims, min_size=2, max_size=2), max_size=tl.ROUNDS)


@PROPS
@given(seeds)
def test_a_seed_deals_distinct_cards_from_the_deck_and_dice_from_one_to_six(seed: int) -> None:
    dealt = tl.draw(seed)
    assert dealt == tl.draw(seed)
    assert len(set(dealt.cards)) == tl.ROUNDS
    assert set(dealt.cards) <= {c.id for c in tl.DECK}
    assert all(1 <= r <= tl.DIE for r in dealt.rolls)


def test_the_draw_is_spread_over_the_deck_and_the_die() -> None:
    cards: Counter[str] = Counter()
    rolls: Counter[int] = Counter()
    for seed in range(3000):
        dealt = tl.draw(seed)
        cards.update(dealt.cards)
        rolls.update(dealt.rolls)
    expected_card = 3000 * tl.ROUNDS / len(tl.DECK)
    assert all(abs(n - expected_card) < 0.1 * expected_card for n in cards.values()), cards
    assert set(rolls) == set(range(1, 7))
    assert all(abs(n - 2000) < 200 for n in rolls.values()), rolls


@PROPS
@given(seeds, picks)
def test_the_aims_never_change_the_draw(seed: int, chosen: list[list[str]]) -> None:
    game = tl.play(seed, chosen)
    dealt = tl.draw(seed)
    assert [r["card"] for r in game["rounds"]] == list(dealt.cards[: len(chosen)])
    assert [r["roll"] for r in game["rounds"]] == list(dealt.rolls[: len(chosen)])


@PROPS
@given(seeds, picks)
def test_trust_moves_by_the_rule_stated_on_the_page(seed: int, chosen: list[list[str]]) -> None:
    game = tl.play(seed, chosen)
    trust = tl.TRUST_START
    for r in game["rounds"]:
        order = [tl.AIMS.index(a) for a in (r["clinician"], r["patient"])]
        assert r["aim"] == tl.AIMS[min(order)]  # the more modest proposal
        helps = 1 if trust >= 3 else -1 if trust <= -3 else 0
        assert r["total"] == r["roll"] + tl.EFFECT[r["card"]] + helps
        assert r["success"] == (
            r["total"] >= {"modest": 2, "moderate": 3, "ambitious": 5}[r["aim"]]
        )
        step = {"modest": 1, "moderate": 2, "ambitious": 3}[r["aim"]]
        trust = max(-10, min(10, trust + (step if r["success"] else -step)))
        assert r["trust"] == trust
    assert game["trust_end"] == trust
    assert game["completed"] == (len(chosen) == tl.ROUNDS)


def test_over_promising_costs_more_and_is_less_likely_to_pay() -> None:
    at_zero = [tl.percent(*tl.chance(aim, 0)) for aim in tl.AIMS]
    assert at_zero == sorted(at_zero, reverse=True) and len(set(at_zero)) == 3
    assert [tl.percent(*tl.chance(aim, 3)) for aim in tl.AIMS] > at_zero  # trust carries setbacks
    failed = tl.play_round(1, 0, "ambitious", "ambitious", "nurse-leaves", 1, False)
    modest = tl.play_round(1, 0, "modest", "modest", "nurse-leaves", 1, False)
    assert not failed["success"] and not modest["success"]
    assert failed["change"] < modest["change"] < 0


def test_chance_counts_only_the_cards_left() -> None:
    ways, out_of = tl.chance("ambitious", 0, ["quick-win", "board-champion"])
    assert out_of == (len(tl.DECK) - 2) * tl.DIE
    assert (ways, out_of) != tl.chance("ambitious", 0)


def test_two_failures_in_a_row_are_inertia() -> None:
    seed = next(s for s in range(500) if tl.draw(s).rolls[:2] == (1, 1))
    game = tl.play(seed, [["ambitious", "ambitious"]] * 2)
    assert [r["inertia"] for r in game["rounds"]] == [False, True]


@pytest.mark.parametrize(
    ("seed", "chosen", "ratings", "words"),
    [
        (1, [["modest", "bold"]], None, "an aim must be one of"),
        (1, [["modest", "modest"]] * 5, None, "at most 4 rounds"),
        (-1, [], None, "draw number"),
        (True, [], None, "draw number"),
        (1, "modest", None, "a list"),
        (1, [["modest", "modest"]], {"ability": 3}, "after the fourth round"),
        (1, [["modest", "modest"]] * 4, {"ability": 0}, "from 1 to 5"),
        (1, [["modest", "modest"]] * 4, {"trust": 2}, "ability, benevolence and integrity"),
    ],
)
def test_bad_states_are_refused_with_a_reason(seed, chosen, ratings, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(tl.TrustLoopError, match=words):
        tl.answer(seed, chosen, ratings)


def test_the_answer_keeps_the_ratings_and_the_entry_is_a_draft_until_the_end() -> None:
    whole = tl.answer(5, [["modest", "moderate"]] * 4, {"ability": 4, "integrity": 2})
    assert whole["ratings"] == {"ability": 4, "benevolence": None, "integrity": 2}
    assert tl.entry_fields(whole, "Trust loop")["draft"] is False
    assert tl.entry_fields(tl.answer(5, []), "Trust loop")["draft"] is True


def test_the_core_imports_no_face() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kfcourse.activities.trust_loop;"
        "bad=[m for m in sys.modules if m.startswith(('kfcourse.widgets','kfcourse.sphinx',"
        "'kfcourse.cli','anywidget','ipywidgets','sphinx'))];print(bad);assert not bad"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0

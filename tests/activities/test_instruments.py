"""The instruments' rules (the four checks), and the vectors rules.js is checked against."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfcourse.activities import instruments as ins
from kfcourse.activities import instruments_vectors

# The machines running the tests are shared: time varies, results do not.
PROPS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
VECTORS = Path(__file__).resolve().parent / "instruments_vectors.json"
CHECKS = list(ins.INSTRUMENTS.values())


@st.composite
def attempts(draw: st.DrawFn, inst: ins.Instrument | None = None) -> tuple[Any, ...]:
    """A check and some ratings (any may be missing), examples and an action it accepts."""
    inst = inst or draw(st.sampled_from(CHECKS))
    value = st.sampled_from([None, *ins.values(inst)])
    ratings = {
        m: {r: draw(st.dictionaries(st.sampled_from([i.id for i in inst.items]), value))
            for r in inst.raters}
        for m in ins.MOMENTS
    }  # fmt: skip
    examples = None
    if inst.scale == "practice":
        text = st.sampled_from(["", " ", "I asked <b>her</b> first.", "We argued & it helped."])
        examples = {
            m: {r: {i.id: draw(text) for i in inst.items} for r in inst.raters} for m in ins.MOMENTS
        }
    action = draw(st.sampled_from(["", "Meet fortnightly", "  "])) if inst.action else ""
    return inst, ratings, examples, action


def full(inst: ins.Instrument, value: Any) -> dict[str, Any]:
    return {m: {r: {i.id: value for i in inst.items} for r in inst.raters} for m in ins.MOMENTS}


def test_vectors_are_fresh() -> None:
    assert VECTORS.read_text(encoding="utf-8") == instruments_vectors.text(), (
        f"{VECTORS} is stale: run `make vectors` and commit the file"
    )


def test_the_four_checks_of_the_brief() -> None:
    assert {i.exercise for i in CHECKS} == {
        "instrument-partnership-trust",
        "instrument-speaking-up",
        "instrument-relational-practice",
        "instrument-collaboration-health",
    }
    assert [len(i.items) for i in CHECKS] == [7, 5, 5, 5]
    assert (
        ins.INSTRUMENTS["speaking-up"].private and not ins.INSTRUMENTS["partnership-trust"].private
    )
    assert ins.INSTRUMENTS["partnership-trust"].raters == ("partner-a", "partner-b")
    assert [i.id for i in ins.INSTRUMENTS["partnership-trust"].items if not i.scored] == [
        "propensity"
    ]


@PROPS
@given(attempts())
def test_the_change_is_after_minus_before_per_item_and_in_total(attempt: tuple) -> None:
    inst, ratings, examples, action = attempt
    a = ins.answer(inst.id, ratings, examples, action)
    for rater in inst.raters:
        for item in inst.items:
            before = ins.points(inst, a["ratings"]["before"][rater][item.id])
            after = ins.points(inst, a["ratings"]["after"][rater][item.id])
            d = a["changes"][rater]["items"][item.id]
            if before is None or after is None:
                assert d["change"] is None and d["direction"] is None
            else:
                assert d["change"] == after - before
                assert d["direction"] == (
                    "up" if after > before else "down" if after < before else "same"
                )
        overall = a["changes"][rater]["overall"]
        if a["scores"]["before"][rater]["complete"] and a["scores"]["after"][rater]["complete"]:
            scored = [i.id for i in inst.items if i.scored]
            diffs = [a["changes"][rater]["items"][i]["change"] for i in scored]
            assert overall["change"] == sum(diffs)
        else:
            assert overall["change"] is None


@PROPS
@given(attempts())
def test_finished_needs_every_rating_and_what_else_the_check_asks(attempt: tuple) -> None:
    inst, ratings, examples, action = attempt
    a = ins.answer(inst.id, ratings, examples, action)
    every = all(
        ratings[m][r].get(i.id) is not None for m in ins.MOMENTS for r in inst.raters
        for i in inst.items
    )  # fmt: skip
    texts = examples is None or all(
        t.strip() for m in examples.values() for r in m.values() for t in r.values()
    )
    assert a["complete"] is every
    assert a["finished"] is (every and texts and (not inst.action or bool(action.strip())))
    assert ins.entry_fields(a, "T", "Q")["draft"] is not a["finished"]


@PROPS
@given(attempts(ins.INSTRUMENTS["partnership-trust"]))
def test_the_biggest_gap_is_the_largest_difference_between_the_partners(attempt: tuple) -> None:
    inst, ratings, _, _ = attempt
    a = ins.answer(inst.id, ratings)
    for m in ins.MOMENTS:
        first, second = a["ratings"][m]["partner-a"], a["ratings"][m]["partner-b"]
        gaps = a["gaps"][m]
        both = {i: abs(first[i] - second[i]) for i in first if first[i] and second[i]}
        assert {i: g for i, g in gaps["items"].items() if g is not None} == both
        if len(both) < len(inst.items):
            assert gaps["biggest"] is None and gaps["at"] == []
        else:
            assert gaps["biggest"] == max(both.values())
            assert gaps["at"] == [i for i, g in both.items() if g == max(both.values()) and g]


def test_scores_total_only_the_scored_items_with_a_mean_to_one_decimal() -> None:
    trust = ins.INSTRUMENTS["partnership-trust"]
    ratings = full(trust, 4)
    ratings["after"]["partner-a"].update({"propensity": 1, "honest": 5})
    a = ins.answer(trust.id, ratings)
    assert a["scores"]["after"]["partner-a"] == {
        "answered": 7, "complete": True, "total": 25, "max": 30, "mean": 4.2,
    }  # fmt: skip
    assert a["changes"]["partner-a"]["overall"] == {
        "before": 24, "after": 25, "change": 1, "direction": "up",
    }  # fmt: skip
    practice = ins.INSTRUMENTS["relational-practice"]
    ratings = full(practice, "partly")
    ratings["after"]["self"]["voices"] = "yes"
    a = ins.answer(practice.id, ratings, full(practice, "An example."))
    assert (
        a["scores"]["before"]["self"]["total"] == 5 and a["scores"]["before"]["self"]["max"] == 10
    )
    assert a["changes"]["self"]["items"]["voices"]["change"] == 1
    assert a["finished"] is True
    speaking = ins.INSTRUMENTS["speaking-up"]
    ratings = dict.fromkeys([i.id for i in speaking.items], 3) | {"help": 5}
    assert ins.score(speaking, ratings)["mean"] == 3.4


def test_a_tie_for_the_biggest_gap_names_every_item_and_no_gap_names_none() -> None:
    trust = ins.INSTRUMENTS["partnership-trust"]
    ratings = full(trust, 4)
    a = ins.answer(trust.id, ratings)
    assert a["gaps"]["after"] == {"items": dict.fromkeys([i.id for i in trust.items], 0),
                                  "biggest": 0, "at": []}  # fmt: skip
    ratings["after"]["partner-a"].update({"honest": 1, "cares": 5})
    ratings["after"]["partner-b"].update({"honest": 4, "cares": 2})
    a = ins.answer(trust.id, ratings)
    assert a["gaps"]["after"]["biggest"] == 3 and a["gaps"]["after"]["at"] == ["cares", "honest"]


@pytest.mark.parametrize(
    "args",
    [
        ("trust", {}),
        ("speaking-up", {"during": {}}),
        ("speaking-up", {"before": {"partner-a": {"help": 3}}}),
        ("speaking-up", {"before": {"self": {"courage": 3}}}),
        ("speaking-up", {"before": {"self": {"help": 6}}}),
        ("speaking-up", {"before": {"self": {"help": True}}}),
        ("speaking-up", {"before": {"self": {"help": 3.0}}}),
        ("speaking-up", {"before": {"self": {"help": "yes"}}}),
        ("relational-practice", {"before": {"self": {"voices": 2}}}),
        ("relational-practice", {}, {"before": {"self": {"voices": "x" * (ins.TEXT_MAX + 1)}}}),
        ("speaking-up", {}, {"before": {"self": {"help": "An example"}}}),
        ("speaking-up", {}, None, "An action"),
        ("collaboration-health", {}, None, "x" * (ins.TEXT_MAX + 1)),
    ],
)
def test_what_the_rules_refuse(args: tuple) -> None:
    with pytest.raises(ins.InstrumentError):
        ins.answer(*args)


def test_an_empty_attempt_is_not_worth_keeping_and_one_rating_is() -> None:
    for inst in CHECKS:
        assert ins.touched(ins.answer(inst.id, {})) is False
        one = {"after": {inst.raters[-1]: {inst.items[0].id: ins.values(inst)[0]}}}
        assert ins.touched(ins.answer(inst.id, one)) is True
    assert ins.touched(ins.answer("collaboration-health", {}, None, "Meet")) is True
    fields = ins.entry_fields(ins.answer("speaking-up", {}), "T", "Q")
    assert fields["exercise"] == "instrument-speaking-up" and fields["draft"] is True
    assert fields["answer"]["private"] is True

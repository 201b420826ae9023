"""Chapter 7's "Three-talk triad" rules, and the vectors rules.js is checked against."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfcourse.activities import three_talk as tt
from kfcourse.activities import three_talk_vectors

# The machines running the tests are shared: time varies, results do not.
PROPS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
VECTORS = Path(__file__).resolve().parent / "three_talk_vectors.json"
FULL = {"understand": 2, "listen": 3, "include": 1}

rating = st.integers(0, tt.SCALE_MAX)
some = st.dictionaries(st.sampled_from(tt.ITEMS), st.none() | rating)
every = st.fixed_dictionaries({i: rating for i in tt.ITEMS})
tally = st.dictionaries(st.sampled_from(tt.CHECKLIST), st.integers(0, tt.TALLY_MAX))


@st.composite
def rotation(draw: Any, stage: str | None = None) -> dict[str, Any]:
    """A round the rules accept, at ``stage`` or any stage."""
    stage = stage or draw(st.sampled_from(tt.STAGES))
    return {
        "stage": stage,
        "predicted": draw(some if stage == "predict" else every),
        "rated": {} if stage == "predict" else draw(every if stage == "result" else some),
        "tally": draw(tally),
    }


@st.composite
def rotations(draw: Any) -> list[dict[str, Any]]:
    n = draw(st.integers(1, tt.ROTATIONS_MAX))
    return [draw(rotation("result")) for _ in range(n - 1)] + [draw(rotation())]


def test_vectors_are_fresh() -> None:
    assert VECTORS.read_text(encoding="utf-8") == three_talk_vectors.text(), (
        f"{VECTORS} is stale: run `make vectors` and commit the file"
    )


def test_vectors_cover_every_stage_a_finish_and_every_refusal() -> None:
    data = json.loads(VECTORS.read_text(encoding="utf-8"))
    stages = {r["stage"] for c in data["cases"] for r in c["answer"]["rotations"]}
    assert stages == set(tt.STAGES)
    assert {c["answer"]["finished"] for c in data["cases"]} == {True, False}
    assert any(len(c["answer"]["rotations"]) == tt.ROTATIONS_MAX for c in data["cases"])
    assert len(data["refused"]) >= 20


@PROPS
@given(rotations())
def test_totals_gaps_and_talks_are_what_the_numbers_say(given_: list[dict[str, Any]]) -> None:
    a = tt.answer(given_)
    for r in a["rotations"]:
        if r["rated_total"] is not None:
            assert r["rated_total"] == sum(r["rated"].values()) <= tt.TOTAL_MAX
            assert r["top_ratings"] == list(r["rated"].values()).count(4)
        if r["stage"] == "result":
            assert r["gaps"] == {i: r["rated"][i] - r["predicted"][i] for i in tt.ITEMS}
            assert r["gap_total"] == r["rated_total"] - r["predicted_total"]
        else:
            assert r["gaps"] is None and r["gap_total"] is None  # nothing shown before the result
        assert sum(r["talks"].values()) == sum(r["tally"].values())
        for talk in tt.TALKS:
            assert r["talks"][talk] == sum(r["tally"][b] for b in tt.BEHAVIOURS[talk])


@PROPS
@given(rotations())
def test_finished_exactly_when_a_round_has_predictions_ratings_and_a_count(
    given_: list[dict[str, Any]],
) -> None:
    a = tt.answer(given_)
    expected = any(
        r["stage"] == "result"
        and tt.filled(r["predicted"])
        and tt.filled(r["rated"])
        and sum(r["tally"].values()) > 0
        for r in a["rotations"]
    )
    assert a["finished"] is expected
    assert tt.entry_fields(a, "T", "Q")["draft"] is (not expected)


@PROPS
@given(rotation("predict"), st.sampled_from(tt.ITEMS), rating)
def test_the_patient_cannot_rate_before_the_hand_over(r: dict, item: str, value: int) -> None:
    with pytest.raises(tt.ThreeTalkError, match="handed over"):
        tt.answer([{**r, "rated": {item: value}}])


@PROPS
@given(rotation("predict"))
def test_the_hand_over_needs_all_three_predictions(r: dict) -> None:
    handed = {**r, "stage": "rate"}
    if tt.filled(tt.answer([r])["rotations"][0]["predicted"]):
        assert tt.answer([handed])["rotations"][0]["stage"] == "rate"
    else:
        with pytest.raises(tt.ThreeTalkError, match="predicts all three"):
            tt.answer([handed])


def test_a_result_needs_every_rating_and_a_new_round_needs_a_result() -> None:
    with pytest.raises(tt.ThreeTalkError, match="rates all three"):
        tt.answer([{"stage": "result", "predicted": FULL, "rated": {"listen": 4}}])
    with pytest.raises(tt.ThreeTalkError, match="before the next round"):
        tt.answer([{"stage": "rate", "predicted": FULL}, {}])
    done = {"stage": "result", "predicted": FULL, "rated": FULL, "tally": {"team-goals": 1}}
    assert len(tt.answer([done, done, {}])["rotations"]) == 3
    with pytest.raises(tt.ThreeTalkError, match="from 1 to 3"):
        tt.answer([done, done, done, {}])


def test_one_worked_round() -> None:
    done = {
        "stage": "result",
        "predicted": {"understand": 2, "listen": 3, "include": 1},
        "rated": {"understand": 4, "listen": 3, "include": 4},
        "tally": {"team-goals": 2, "option-compare": 1},
    }
    [r] = tt.answer([done], "Polite scores?")["rotations"]
    assert r["predicted_total"] == 6 and r["rated_total"] == 11
    assert r["gaps"] == {"understand": 2, "listen": 0, "include": 3} and r["gap_total"] == 5
    assert r["top_ratings"] == 2
    assert r["talks"] == {"team": 2, "option": 1, "decision": 0}
    assert r["complete"] is True
    assert tt.answer([{**done, "tally": {}}])["finished"] is False  # no tally: not finished


@pytest.mark.parametrize(
    "value", [5, -1, "3", True, 2.5, [1]], ids=["5", "-1", "str", "bool", "2.5", "list"]
)
def test_a_rating_is_a_whole_number_from_0_to_4(value: Any) -> None:
    with pytest.raises(tt.ThreeTalkError):
        tt.answer([{"predicted": {"understand": value}}])


def test_a_fresh_triad_is_one_empty_round_and_a_draft() -> None:
    a = tt.answer()
    assert a == tt.answer([{}], "")
    [r] = a["rotations"]
    assert r["stage"] == "predict" and set(r["predicted"].values()) == {None}
    assert r["tally"] == dict.fromkeys(tt.CHECKLIST, 0)
    fields = tt.entry_fields(a, "T", "Q")
    assert fields["draft"] is True and fields["exercise"] == "three-talk"

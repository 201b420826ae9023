"""Chapter 5's "Power map card sort" rules, and the vectors rules.js is checked against."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfcourse.activities import power_map as pm
from kfcourse.activities import power_map_vectors

# The machines running the tests are shared: time varies, results do not.
PROPS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
VECTORS = Path(__file__).resolve().parent / "power_map_vectors.json"
holders = st.sampled_from([None, *pm.HOLDERS])
maps = st.dictionaries(st.sampled_from(pm.CARDS), holders)
tags = st.dictionaries(st.sampled_from(pm.LINES), st.sampled_from([None, *pm.DIMENSIONS]))
rungs = st.sampled_from([None, *pm.RUNGS])
KEY_MAP = {card: k["holder"] for card, k in pm.CARD_KEY.items()}
KEY_TAGS = {line: k["dimension"] for line, k in pm.LINE_KEY.items()}


def test_vectors_are_fresh() -> None:
    assert VECTORS.read_text(encoding="utf-8") == power_map_vectors.text(), (
        f"{VECTORS} is stale: run `make vectors` and commit the file"
    )


def test_the_key_agrees_with_the_chapter() -> None:
    """Chapter 5's example: Priya holds legitimate, expert, informational and some reward power;
    Daniel expert and referent power and a possible complaint or claim."""
    assert set(pm.CARD_KEY) == set(pm.CARDS) and set(pm.LINE_KEY) == set(pm.LINES)
    assert pm.CARD_KEY["legitimate"]["holder"] in ("clinician", "both")
    assert pm.CARD_KEY["expert"]["holder"] == "both"
    assert pm.CARD_KEY["informational"]["holder"] == "clinician"
    assert pm.CARD_KEY["referent"]["holder"] == "patient"
    # the chapter's contestable cards are prompts for discussion, never marked wrong
    for card in ("legal-advice", "complain-or-media", "coercive"):
        assert pm.CARD_KEY[card]["contestable"]
    # the transcript holds an example of each dimension the exercise asks for
    readings = {k["dimension"] for k in pm.LINE_KEY.values() if not k["contestable"]}
    assert {"first", "second", "third"} <= readings
    assert pm.RUNG_KEY in pm.RUNGS and set(pm.RUNGS_TO_DISCUSS) < set(pm.RUNGS)


@PROPS
@given(maps, maps)
def test_what_moved_is_exactly_the_cards_placed_twice_with_different_holders(
    b: Any, a: Any
) -> None:
    before, after = pm.parse_map(b), pm.parse_map(a, "after")
    moved = {m["card"]: (m["before"], m["after"]) for m in pm.moves(before, after)}
    for card in pm.CARDS:
        if before[card] and after[card] and before[card] != after[card]:
            assert moved[card] == (before[card], after[card])
        else:
            assert card not in moved
    assert list(moved) == [c for c in pm.CARDS if c in moved]


@PROPS
@given(maps, maps, rungs, tags)
def test_finished_is_the_before_map_the_rung_and_both_dimensions(
    b: Any, a: Any, rung: Any, t: Any
) -> None:
    done = pm.answer(b, a, rung, t)["finished"]
    before = pm.parse_map(b)
    expected = (
        all(before[c] for c in pm.CARDS)
        and rung is not None
        and "second" in t.values()
        and "third" in t.values()
    )
    assert done is expected
    # the after map never decides it
    assert pm.answer(b, {}, rung, t)["finished"] is done


@PROPS
@given(maps, rungs, tags)
def test_the_key_is_shown_only_when_everything_asked_for_is_there(
    b: Any, rung: Any, t: Any
) -> None:
    if pm.answer(b, None, rung, t)["finished"]:
        shown = pm.answer(b, None, rung, t, True)["comparison"]
        assert [c["card"] for c in shown["cards"]] == list(pm.CARDS)
        assert [x["line"] for x in shown["lines"]] == [line for line in pm.LINES if t.get(line)]
    else:
        with pytest.raises(pm.PowerMapError, match="key is shown once"):
            pm.answer(b, None, rung, t, True)


@PROPS
@given(st.fixed_dictionaries({c: st.sampled_from(pm.HOLDERS) for c in pm.CARDS}))
def test_a_contestable_card_is_never_marked_different(b: dict[str, str]) -> None:
    tags = {"line-1": "second", "line-7": "third"}
    shown = pm.answer(b, None, "therapy", tags, True)["comparison"]
    for row in shown["cards"]:
        key = pm.CARD_KEY[row["card"]]
        if key["contestable"]:
            assert row["verdict"] == "discuss"
        else:
            assert row["verdict"] == ("same" if row["holder"] == key["holder"] else "different")


def test_the_key_itself_agrees_everywhere_it_is_not_contestable() -> None:
    a = pm.answer(KEY_MAP, KEY_MAP, pm.RUNG_KEY, KEY_TAGS, True)
    assert a["finished"] and a["moves"] == [] and a["after_complete"]
    verdicts = {row["verdict"] for row in a["comparison"]["cards"]}
    assert verdicts == {"same", "discuss"}
    assert a["comparison"]["rung"]["verdict"] == "same"
    # untagged lines (the key reads line 5 as no dimension) are not compared
    assert "line-5" not in [x["line"] for x in a["comparison"]["lines"]]


@pytest.mark.parametrize(
    "rung,verdict",
    [("placation", "same"), ("consultation", "discuss"), ("informing", "discuss"),
     ("therapy", "different"), ("partnership", "different")],
)  # fmt: skip
def test_the_rung_next_to_the_key_is_for_discussion(rung: str, verdict: str) -> None:
    assert pm.rung_verdict(rung) == verdict


def test_moves_say_where_a_card_went() -> None:
    before = {"agenda-control": "clinician", "reward": "clinician"}
    a = pm.answer(before, {"agenda-control": "both", "reward": "clinician", "expert": "patient"})
    assert a["moves"] == [{"card": "agenda-control", "before": "clinician", "after": "both"}]


@pytest.mark.parametrize(
    "kwargs,says",
    [
        ({"before": {"charm": "clinician"}}, "no card called 'charm'"),
        ({"before": {"reward": "manager"}}, "not 'manager'"),
        ({"after": ["reward"]}, "the after map"),
        ({"rung": "top"}, "rung of the ladder"),
        ({"tags": {"line-9": "second"}}, "no transcript line"),
        ({"tags": {"line-1": "fourth"}}, "a tag is one of"),
        ({"key_shown": "yes"}, "true or false"),
    ],
)
def test_the_rules_refuse_with_a_plain_reason(kwargs: dict[str, Any], says: str) -> None:
    with pytest.raises(pm.PowerMapError, match=says):
        pm.answer(**kwargs)


def test_the_entry_is_a_draft_until_finished() -> None:
    fields = pm.entry_fields(pm.answer(), "T", "Q")
    assert fields["draft"] is True and fields["exercise"] == "power-map"
    done = pm.entry_fields(pm.answer(KEY_MAP, None, "placation", KEY_TAGS), "T", "Q")
    assert done["draft"] is False and done["answer"]["comparison"] is None


def test_the_vectors_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "v.json"
    assert power_map_vectors.main([str(out)]) == 0
    assert out.read_text(encoding="utf-8") == VECTORS.read_text(encoding="utf-8")
    assert power_map_vectors.main([]) == 2

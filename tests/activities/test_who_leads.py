"""Chapter 1's "Who leads? Who follows?" rules, and the vectors rules.js is checked against."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfcourse.activities import who_leads as wl
from kfcourse.activities import who_leads_vectors

# The machines running the tests are shared: time varies, results do not.
PROPS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
VECTORS = Path(__file__).resolve().parent / "who_leads_vectors.json"
levels = st.sampled_from([None, *wl.LEVELS])
placements = st.dictionaries(
    st.sampled_from(wl.ACTORS), st.fixed_dictionaries({"authority": levels, "knowledge": levels})
)


def test_vectors_are_fresh() -> None:
    assert VECTORS.read_text(encoding="utf-8") == who_leads_vectors.text(), (
        f"{VECTORS} is stale: run `make vectors` and commit the file"
    )


def test_the_reference_keeps_authority_at_the_top_and_knowledge_spread() -> None:
    authority = [wl.REFERENCE[a]["authority"] for a in wl.ACTORS]
    knowledge = [wl.REFERENCE[a]["knowledge"] for a in wl.ACTORS]
    assert authority.count("high") <= 2 and set(knowledge) == set(wl.LEVELS)
    assert wl.REFERENCE["board-member"] == {"authority": "high", "knowledge": "low"}


@PROPS
@given(placements)
def test_a_mismatch_is_exactly_an_actor_whose_two_levels_differ(given_: dict) -> None:
    placed = wl.parse_placements(given_)
    found = {m["actor"]: m["gap"] for m in wl.mismatches(placed)}
    for actor in wl.ACTORS:
        a, k = placed[actor]["authority"], placed[actor]["knowledge"]
        if a is None or k is None or a == k:
            assert actor not in found
        else:
            assert found[actor] == wl.LEVELS.index(k) - wl.LEVELS.index(a)


@PROPS
@given(placements)
def test_the_reference_is_shown_only_once_all_eight_are_placed(given_: dict) -> None:
    placed = wl.parse_placements(given_)
    if wl.complete(placed):
        assert wl.answer(given_, True)["comparison"] is not None
    else:
        with pytest.raises(wl.WhoLeadsError, match="all eight"):
            wl.answer(given_, True)


def test_finished_needs_the_reference_a_mismatch_and_a_risk() -> None:
    assert wl.answer(wl.REFERENCE, True, "carer", "She is not asked.")["finished"] is True
    assert wl.answer(wl.REFERENCE, False, "carer", "She is not asked.")["finished"] is False
    assert wl.answer(wl.REFERENCE, True, None, "She is not asked.")["finished"] is False
    assert wl.answer(wl.REFERENCE, True, "carer", "   ")["finished"] is False
    fields = wl.entry_fields(wl.answer({}), "T", "Q")
    assert fields["draft"] is True and fields["exercise"] == "who-leads"

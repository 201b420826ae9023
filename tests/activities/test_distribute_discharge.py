"""Chapter 3's "Distribute the discharge" rules, and the vectors rules.js is checked against."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfcourse.activities import distribute_discharge as dd
from kfcourse.activities import distribute_discharge_vectors

# The machines running the tests are shared: time varies, results do not.
PROPS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
VECTORS = Path(__file__).resolve().parent / "distribute_discharge_vectors.json"
allocations = st.dictionaries(
    st.sampled_from(dd.FUNCTIONS), st.lists(st.sampled_from(dd.ROLES), max_size=8)
)


def test_vectors_are_fresh() -> None:
    assert VECTORS.read_text(encoding="utf-8") == distribute_discharge_vectors.text(), (
        f"{VECTORS} is stale: run `make vectors` and commit the file"
    )


def test_the_authority_table_names_known_roles_and_leaves_resources_to_the_manager() -> None:
    assert set(dd.AUTHORITY) == set(dd.FUNCTIONS)
    assert all(set(roles) <= set(dd.ROLES) and roles for roles in dd.AUTHORITY.values())
    assert dd.AUTHORITY["mobilising-resources"] == ("manager",)
    assert set(dd.AUTHORITY["speaking-up"]) == set(dd.ROLES)
    # a patient leader holds formal authority only to speak up: every other function is a gap
    assert [f for f in dd.FUNCTIONS if "patient-leader" in dd.AUTHORITY[f]] == ["speaking-up"]


def test_the_worked_example_of_the_chapter() -> None:
    """The chapter's worked example: the patient leader monitoring is a gap, as it says."""
    example = {
        "setting-direction": ["consultant", "patient-leader"],
        "making-sense-of-data": ["nurse", "patient-leader"],
        "mobilising-resources": ["manager"],
        "redesigning-routines": ["nurse", "pharmacist", "junior-doctor"],
        "speaking-up": list(dd.ROLES),
        "monitoring-reporting": ["manager", "patient-leader"],
    }
    a = dd.answer(example, True, "Real only if the panel sees the data.")
    assert a["concentration"] == {"held": 2, "of": 6, "percent": 33, "band": "low"}
    assert a["single_holder"] == ["mobilising-resources"]
    assert {"function": "monitoring-reporting", "role": "patient-leader"} in a["gaps"]
    assert {"function": "redesigning-routines", "role": "nurse"} in a["gaps"]
    assert a["finished"] is True


@pytest.mark.parametrize(
    ("held", "words", "percent"),
    [(0, "low", 0), (1, "low", 17), (2, "low", 33), (3, "moderate", 50), (4, "moderate", 67),
     (5, "high", 83), (6, "high", 100)],
)  # fmt: skip
def test_concentration_in_numbers_and_words(held: int, words: str, percent: int) -> None:
    allocation = {f: ["consultant"] if i < held else ["nurse"] for i, f in enumerate(dd.FUNCTIONS)}
    c = dd.answer(allocation)["concentration"]
    assert c == {"held": held, "of": 6, "percent": percent, "band": words}


@PROPS
@given(allocations)
def test_the_allocation_is_kept_in_role_order_without_repeats(given_: dict) -> None:
    allocated = dd.parse_allocation(given_)
    for function in dd.FUNCTIONS:
        roles = allocated[function]
        assert set(roles) == set(given_.get(function, []))
        assert roles == sorted(set(roles), key=dd.ROLES.index)


@PROPS
@given(allocations)
def test_a_gap_is_exactly_a_holder_without_authority(given_: dict) -> None:
    a = dd.answer(given_, True)
    found = {(g["function"], g["role"]) for g in a["gaps"]}
    assert len(found) == len(a["gaps"])
    for function in dd.FUNCTIONS:
        for role in dd.ROLES:
            held = role in given_.get(function, [])
            assert ((function, role) in found) == (held and role not in dd.AUTHORITY[function])
    assert dd.answer(given_, False)["gaps"] is None  # shown only on request


@PROPS
@given(allocations)
def test_concentration_counts_the_consultants_functions(given_: dict) -> None:
    a = dd.answer(given_)
    held = sum("consultant" in given_.get(f, []) for f in dd.FUNCTIONS)
    assert a["concentration"]["held"] == held
    assert a["concentration"]["percent"] == round(100 * held / 6 + 1e-9)
    assert a["single_holder"] == [f for f in dd.FUNCTIONS if len(set(given_.get(f, []))) == 1]


@PROPS
@given(allocations, st.text(max_size=30))
def test_finished_when_every_function_has_a_holder_and_the_answer_is_written(
    given_: dict, response: str
) -> None:
    a = dd.answer(given_, False, response)
    every = all(given_.get(f) for f in dd.FUNCTIONS)
    assert a["complete"] is every
    assert a["finished"] is (every and dd.written(response))
    fields = dd.entry_fields(a, "T", "Q")
    assert fields["draft"] is not a["finished"] and fields["exercise"] == "distribute-discharge"


@PROPS
@given(st.text())
def test_written_is_strip_for_ordinary_blanks(text: str) -> None:
    """BLANK is what both languages agree is blank; ordinary spaces, tabs and newlines are in it."""
    if set(text) <= set(" \t\n\r\u00a0\u3000"):
        assert not dd.written(text)
    if any(c.isalnum() for c in text):
        assert dd.written(text)


@pytest.mark.parametrize(
    "bad",
    [
        ({"triage": ["nurse"]}, False, ""),
        ({"speaking-up": ["surgeon"]}, False, ""),
        ({"speaking-up": "nurse"}, False, ""),
        ([], False, ""),
        ({}, "yes", ""),
        ({}, False, None),
        ({}, False, "x" * (dd.RESPONSE_MAX + 1)),
    ],
)
def test_what_the_rules_refuse(bad: tuple) -> None:
    with pytest.raises(dd.DistributeDischargeError):
        dd.answer(*bad)

"""Two runs of one scenario aligned by decision point (kfcourse.journal.compare), fed with real
runs of the shipped scenarios played by the engine."""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kfcourse.journal.compare import NotComparable, align_runs, compare_runs
from kfcourse.journal.runs import run_entry
from kfcourse.scenario.engine import MODES, Session
from kfcourse.scenario.library import load_shipped, shipped_ids
from kfcourse.scenario.vectors import random_session
from tests.conftest import examples


@cache
def scenario(scenario_id: str) -> Any:
    loaded = load_shipped(scenario_id).scenario
    assert loaded is not None
    return loaded


def run(scenario_id: str, mode: str, seed: int, max_moves: int = 10_000) -> dict[str, Any]:
    session = random_session(scenario(scenario_id), mode, random.Random(seed), max_moves)
    return run_entry(session, scenario_hash="sha256:" + "ab" * 32)


def lcs(a: Sequence[Any], b: Sequence[Any]) -> int:
    """The longest common subsequence's length, by the textbook forward table."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = (
                table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
            )
    return table[-1][-1]


def check(a: list[dict[str, Any]], b: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    """Every step of each run once and in order; paired steps at one point; as many pairs as
    can be; ``same`` exactly when kind, choice and picks are equal."""
    for side, trace in (("a", a), ("b", b)):
        assert [r[side] for r in rows if r[side] is not None] == list(range(1, len(trace) + 1))
    for r in rows:
        steps = [t[r[s] - 1] if r[s] is not None else None for s, t in (("a", a), ("b", b))]
        assert any(steps)
        assert all(s["point"] == r["point"] for s in steps if s is not None)
        x, y = steps
        expected = bool(x and y) and all(x[k] == y[k] for k in ("kind", "choice", "picks"))
        assert r["same"] is expected
    paired = sum(1 for r in rows if r["a"] is not None and r["b"] is not None)
    assert paired == lcs([s["point"] for s in a], [s["point"] for s in b])


SEEDS = st.integers(0, 2**16)


@settings(max_examples=examples(200), deadline=None)
@given(
    scenario_id=st.sampled_from(shipped_ids()),
    modes=st.tuples(st.sampled_from(MODES), st.sampled_from(MODES)),
    seeds=st.tuples(SEEDS, SEEDS),
    cut=st.tuples(st.integers(1, 12), st.integers(1, 12)),
)
def test_real_runs_align_step_for_step(scenario_id, modes, seeds, cut):
    a = run(scenario_id, modes[0], seeds[0], cut[0])["trace"]
    b = run(scenario_id, modes[1], seeds[1], cut[1])["trace"]
    check(a, b, align_runs(a, b))


@settings(max_examples=examples(300), deadline=None)
@given(
    a=st.lists(st.sampled_from("PQRS"), max_size=9),
    b=st.lists(st.sampled_from("PQRS"), max_size=9),
)
def test_any_point_sequences_align(a, b):
    def steps(points):
        return [{"point": p, "kind": "choice", "choice": "a", "picks": {}} for p in points]

    check(steps(a), steps(b), align_runs(steps(a), steps(b)))


def test_tie_rule_lists_run_a_first():
    rows = align_runs([{"point": "X"}, {"point": "Y"}], [{"point": "Y"}, {"point": "X"}])
    assert [(r["point"], r["a"], r["b"]) for r in rows] == [
        ("X", 1, None),
        ("Y", 2, 1),
        ("X", None, 2),
    ]


def visits(entry: dict[str, Any], point: str) -> int:
    return sum(1 for s in entry["trace"] if s["point"] == point)


def test_a_run_that_visits_c4_twice_pairs_its_first_visit():
    runs = [run("clinic-codesign", mode, seed) for mode in MODES for seed in range(40)]
    twice = next(r for r in runs if visits(r, "C4") == 2)
    once = next(r for r in runs if visits(r, "C4") == 1 and r["ending"] != twice["ending"])
    result = compare_runs(twice, once)
    check(twice["trace"], once["trace"], result["rows"])
    at_c4 = [r for r in result["rows"] if r["point"] == "C4"]
    first = [s["point"] for s in twice["trace"]].index("C4") + 1
    assert at_c4[0]["a"] == first and at_c4[0]["b"] is not None
    assert at_c4[1] == {"point": "C4", "a": first + 1, "b": None, "same": False}
    assert result["endings"] == [twice["ending"], once["ending"]]
    assert result["parted"] == next(i for i, r in enumerate(result["rows"]) if not r["same"])
    assert result["same_version"] is True


def test_a_run_and_its_own_start_part_where_the_start_stops():
    """A run left part-way (its first moves replayed) matches the finished run step for step."""
    finished = run("discharge-delays", "doctor", 3)
    same = compare_runs(finished, dict(finished))
    assert same["parted"] is None and all(r["same"] for r in same["rows"])
    session = Session(scenario("discharge-delays"), "doctor")
    session.replay([(r, c) for r, c in finished["moves"][:2]])
    partway = run_entry(session, scenario_hash=finished["scenario_hash"])
    kept = len(partway["trace"])
    assert 0 < kept < len(finished["trace"])
    result = compare_runs(finished, partway)
    assert result["rows"] == [
        {"point": s["point"], "a": s["n"], "b": s["n"] if s["n"] <= kept else None,
         "same": s["n"] <= kept}
        for s in finished["trace"]
    ]  # fmt: skip
    assert result["parted"] == kept and result["endings"] == [finished["ending"], None]


def test_other_versions_compare_and_say_so():
    a = run("unread-report", "pair", 1)
    result = compare_runs(a, {**a, "scenario_hash": "sha256:" + "cd" * 32})
    assert result["same_version"] is False and result["parted"] is None


@pytest.mark.parametrize(
    ("b", "reason"),
    [
        ("other-scenario", "different scenarios (discharge-delays and unread-report)"),
        ({"kind": "reflection"}, "Run B is not a role-play run"),
        ({"kind": "roleplay", "trace": None}, "Run B has no list of decisions"),
        (None, "Run B is not a role-play run"),
    ],
)
def test_refuses_with_a_reason(b, reason):
    a = run("discharge-delays", "doctor", 0)
    other = run("unread-report", "doctor", 0) if b == "other-scenario" else b
    with pytest.raises(NotComparable, match=reason.replace("(", r"\(").replace(")", r"\)")):
        compare_runs(a, other)

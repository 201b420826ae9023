"""Property tests of the engine on the shipped and generated scenarios (hypothesis)."""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfcourse.scenario import Session, load_text, random_session, shipped_paths
from kfcourse.scenario.engine import MODES
from kfcourse.scenario.model import Scenario
from tests.conftest import examples
from tests.scenario.synthetic import generate

from .conftest import load_ok

SCENARIOS: list[Scenario] = [load_ok(p) for p in shipped_paths()]
for _seed in range(3):
    _loaded = load_text(generate(12, _seed, f"gen-{_seed}")).scenario
    assert _loaded is not None
    SCENARIOS.append(_loaded)

scenario_st = st.sampled_from(SCENARIOS)
mode_st = st.sampled_from(MODES)
picks_st = st.lists(st.integers(min_value=0, max_value=10**6), max_size=60)
PROPS = settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def play(scenario: Scenario, mode: str, picks: list[int]) -> Session:
    session = Session(scenario, mode)
    for pick in picks:
        if not session.awaiting():
            break
        options = session.options()
        session.choose(options[pick % len(options)].id, session.awaiting()[0])
    return session


def in_range(scenario: Scenario, measures: dict[str, int]) -> bool:
    return all(
        scenario.measures[k].min <= v <= scenario.measures[k].max for k, v in measures.items()
    )


@PROPS
@given(scenario_st, mode_st, picks_st)
def test_measures_stay_in_range(scenario: Scenario, mode: str, picks: list[int]) -> None:
    session = play(scenario, mode, picks)
    assert in_range(scenario, session.measures)
    assert all(in_range(scenario, step["measures"]) for step in session.trace)
    before = scenario.start_measures()
    for step in session.trace:  # each change is the clamped effect, and adds up
        for key, change in step["changes"].items():
            assert abs(change) <= abs(step["effects"][key])
            assert before[key] + change == step["measures"][key]
        before = step["measures"]


@PROPS
@given(scenario_st, mode_st, picks_st, st.integers(min_value=0, max_value=10**6))
def test_undo_restores_the_exact_state(
    scenario: Scenario, mode: str, picks: list[int], extra: int
) -> None:
    session = play(scenario, mode, picks)
    if not session.awaiting():
        return
    before = session.snapshot()
    options = session.options()
    session.choose(options[extra % len(options)].id, session.awaiting()[0])
    assert session.snapshot() != before
    assert session.undo()
    assert session.snapshot() == before


@PROPS
@given(scenario_st, mode_st, picks_st)
def test_save_and_resume_round_trip(scenario: Scenario, mode: str, picks: list[int]) -> None:
    session = play(scenario, mode, picks)
    saved = json.loads(json.dumps(session.to_dict()))
    resumed = Session.from_dict(scenario, saved)
    assert resumed.snapshot() == session.snapshot()
    assert resumed.to_dict() == saved


@PROPS
@given(scenario_st, mode_st, st.integers(min_value=0, max_value=2**32))
def test_every_path_ends(scenario: Scenario, mode: str, seed: int) -> None:
    session = random_session(scenario, mode, random.Random(seed), max_moves=5_000)
    assert session.ended, f"no ending after {len(session.inputs)} moves at {session.node}"
    assert session.trace[-1]["next"] == session.node


@PROPS
@given(scenario_st, mode_st, picks_st)
def test_undo_all_the_way_back(scenario: Scenario, mode: str, picks: list[int]) -> None:
    session = play(scenario, mode, picks)
    fresh = Session(scenario, mode).snapshot()
    while session.undo():
        pass
    assert session.snapshot() == fresh

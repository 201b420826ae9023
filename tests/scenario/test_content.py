"""The three course scenarios: they branch where the relationship would, their endings differ, and
their text follows the course's cautions (content notes, invented figures, no score framing)."""

from __future__ import annotations

import random
import re

import pytest

from kfcourse.scenario import random_session
from kfcourse.scenario.graph import exact_reach
from kfcourse.scenario.model import ROLES, Scenario

IDS = ["discharge-delays", "unread-report", "clinic-codesign"]


@pytest.fixture(params=IDS)
def scenario(request: pytest.FixtureRequest, shipped: list[Scenario]) -> Scenario:
    return next(s for s in shipped if s.id == request.param)


def all_text(s: Scenario) -> str:
    parts = [s.title, s.summary, s.content_note, s.setting, s.problem]
    for role in s.roles.values():
        parts += [role.brief, *role.goals, *role.private, *role.pressures]
    for p in s.points.values():
        parts += list(p.prompt.values()) + [t for c in p.choices for t in (c.text, c.why)]
        parts += [p.impasse.prompt] if p.impasse else []
    parts += [t for e in s.endings.values() for t in (e.title, e.text, e.achieved)]
    return "\n".join(parts + [d.text for d in s.debrief])


def test_the_course_scenarios_are_shipped(shipped: list[Scenario]) -> None:
    # An instructor may ship more; these three are the ones the chapters are written around.
    assert set(IDS) <= {s.id for s in shipped}


def test_some_points_only_some_paths_reach(scenario: Scenario) -> None:
    rng = random.Random(1)
    visits: dict[str, int] = dict.fromkeys(scenario.points, 0)
    runs = 300
    for n in range(runs):
        session = random_session(scenario, ("doctor", "patient", "pair")[n % 3], rng)
        for point in {step["point"] for step in session.trace}:
            visits[point] += 1
    conditional = [p for p, n in visits.items() if 0 < n < runs]
    assert len(conditional) >= 2, visits  # a repair and an escalation, say
    assert all(n > 0 for n in visits.values()), visits


def test_endings_differ_and_each_role_can_reach_two(scenario: Scenario) -> None:
    assert len(scenario.endings) >= 2
    assert len({e.achieved for e in scenario.endings.values()}) == len(scenario.endings)
    for role in ROLES:
        reached = exact_reach(scenario, role)
        assert reached is not None
        assert set(scenario.endings) <= reached


def test_rules_read_the_state(scenario: Scenario) -> None:
    conditional_rules = [r for p in scenario.points.values() for r in p.rules if r.when]
    measures = {c.measure for r in conditional_rules for c in r.when.measure_clauses}  # type: ignore[union-attr]
    assert len(conditional_rules) >= len(scenario.points) // 2
    assert {"P", "T"} <= measures


def test_cautions(scenario: Scenario) -> None:
    text = all_text(scenario)
    assert scenario.content_note and "pause" in scenario.content_note
    assert "invented" in scenario.problem.lower()
    # No game framing ("small wins", a term from the trust-building literature, is fine).
    framing = r"\b(score[sd]?|winn(?:er|ing)|you win|you lose|game over|points scored)\b"
    assert not re.search(framing, text, re.I)
    for role in scenario.roles.values():
        assert role.private and role.goals and role.pressures
    assert (
        scenario.measures["P"].low == "very unequal" and scenario.measures["P"].high == "balanced"
    )
    for key in ("T", "U"):
        assert (scenario.measures[key].low, scenario.measures[key].high) == ("low", "high")


def test_british_spelling(scenario: Scenario) -> None:
    american = re.compile(
        r"\b\w+(?:izes?|ized|izing|ization)\b|\b(?:color|behavior|center|"
        r"favor|program)\b",
        re.I,
    )
    assert american.findall(all_text(scenario)) == []

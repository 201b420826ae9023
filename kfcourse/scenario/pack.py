"""A facilitator pack for a scenario, for a room with no screens: role cards and one sheet.

Each role's card holds its brief, goals, pressures and *only that role's* private information;
the facilitator's sheet holds everything else a facilitator needs to run the scenario on paper:
the decision points with their choices, effects on the measures and the "why", the endings, the
debrief questions and the content note. Plain data, so the book (``kfcourse.sphinx.pack_pages``)
and tests read the same thing; nothing here knows how it is printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from kfcourse.scenario.model import JOINT, ROLES, Scenario


@dataclass(frozen=True)
class RoleCard:
    """What one player may read before and during play."""

    role: str  # the role's id: doctor or patient
    name: str
    title: str
    brief: str
    goals: tuple[str, ...]
    pressures: tuple[str, ...]
    private: tuple[str, ...]


@dataclass(frozen=True)
class ChoiceRow:
    text: str
    effects: str  # e.g. "Trust +1; Power balance -2", or "no change"
    why: str


@dataclass(frozen=True)
class PointRow:
    id: str
    title: str
    decides: str  # the role's name, or "both, together"
    prompts: tuple[tuple[str, str], ...]  # (who it is addressed to, the prompt)
    choices: tuple[ChoiceRow, ...]
    impasse: str | None  # what happens when a joint decision finds no agreement


@dataclass(frozen=True)
class FacilitatorSheet:
    title: str
    summary: str
    content_note: str
    setting: str
    problem: str
    measures: tuple[tuple[str, str], ...]  # (name, how it runs and where it starts)
    points: tuple[PointRow, ...]
    endings: tuple[tuple[str, str, str], ...]  # (title, what happened, what was achieved)
    debrief: tuple[str, ...]


def role_card(scenario: Scenario, role: str) -> RoleCard:
    """The card for ``role``: its own brief and private information, nobody else's."""
    r = scenario.roles[role]
    return RoleCard(role, r.name, r.title, r.brief, r.goals, r.pressures, r.private)


def role_cards(scenario: Scenario) -> list[RoleCard]:
    """One card per role, in the course's order (doctor, then patient)."""
    return [role_card(scenario, role) for role in ROLES if role in scenario.roles]


def _effects(scenario: Scenario, effects: dict[str, int]) -> str:
    moved = [
        f"{scenario.measures[k].name if k in scenario.measures else k} {v:+d}"
        for k, v in effects.items()
        if v
    ]
    return "; ".join(moved) if moved else "no change"


def _who(scenario: Scenario, actor: str) -> str:
    if actor == JOINT:
        return "both, together"
    return scenario.roles[actor].name if actor in scenario.roles else actor


def facilitator_sheet(scenario: Scenario) -> FacilitatorSheet:
    """Everything but the roles' private information, in the order play meets it."""
    points = []
    for point in scenario.points.values():
        prompts = tuple(
            (_who(scenario, who) if who in scenario.roles else "both", text)
            for who, text in point.prompt.items()
        )
        impasse = None
        if point.impasse is not None:
            impasse = f"{point.impasse.prompt} ({_effects(scenario, point.impasse.effects)})"
        points.append(
            PointRow(
                point.id,
                point.title,
                _who(scenario, point.actor),
                prompts,
                tuple(
                    ChoiceRow(c.text, _effects(scenario, c.effects), c.why) for c in point.choices
                ),
                impasse,
            )
        )
    measures = tuple(
        (m.name, f"from {m.min} ({m.low}) to {m.max} ({m.high}); starts at {m.start}")
        for m in scenario.measures.values()
    )
    return FacilitatorSheet(
        title=scenario.title,
        summary=scenario.summary,
        content_note=scenario.content_note,
        setting=scenario.setting,
        problem=scenario.problem,
        measures=measures,
        points=tuple(points),
        endings=tuple((e.title, e.text, e.achieved) for e in scenario.endings.values()),
        debrief=tuple(item.text for item in scenario.debrief),
    )

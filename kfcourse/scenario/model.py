"""The typed model of a scenario, built by the loader. Every part remembers where it was written."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Loc = tuple[int, int]
ROLES = ("doctor", "patient")
JOINT = "joint"
OPS = ("<=", ">=", "==", "!=", "<", ">")
HISTORY_KEYS = ("chose", "visits")  # condition keys that read the trace, not a measure


def compare(have: int, op: str, value: int) -> bool:
    if op == "<=":
        return have <= value
    if op == ">=":
        return have >= value
    if op == "<":
        return have < value
    if op == ">":
        return have > value
    if op == "==":
        return have == value
    return have != value


@dataclass(frozen=True)
class History:
    """What a condition may read: the measures now and the decisions so far (the trace)."""

    measures: Mapping[str, int]
    trace: Sequence[Mapping[str, Any]] = ()

    def visits(self, point: str) -> int:
        """How many decisions were recorded at ``point`` (impasses included)."""
        return sum(1 for step in self.trace if step["point"] == point)

    def chose(self, point: str) -> str | None:
        """The choice of the last decision at ``point`` (None if none, or an impasse)."""
        for step in reversed(self.trace):
            if step["point"] == point:
                return step["choice"]
        return None


@dataclass(frozen=True)
class Clause:
    """One comparison of a measure with a whole number, e.g. ``T <= -2``."""

    measure: str
    op: str
    value: int
    loc: Loc

    def holds(self, state: History) -> bool:
        have = state.measures.get(self.measure)
        if have is None:  # an undeclared measure (SC105): the clause never holds
            return False
        return compare(have, self.op, self.value)


@dataclass(frozen=True)
class ChoseClause:
    """The last decision at ``point`` took one of ``choices`` (``chose: {A7: b}``)."""

    point: str
    choices: tuple[str, ...]
    loc: Loc

    def holds(self, state: History) -> bool:
        return state.chose(self.point) in self.choices


@dataclass(frozen=True)
class VisitsClause:
    """How many decisions were made at ``point``, compared (``visits: {C4: '>= 2'}``)."""

    point: str
    op: str
    value: int
    loc: Loc

    def holds(self, state: History) -> bool:
        return compare(state.visits(self.point), self.op, self.value)


AnyClause = Clause | ChoseClause | VisitsClause


@dataclass(frozen=True)
class Condition:
    """True when every clause holds (an empty condition always holds)."""

    clauses: tuple[AnyClause, ...]
    loc: Loc

    def holds(self, state: History) -> bool:
        return all(c.holds(state) for c in self.clauses)

    @property
    def measure_clauses(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if isinstance(c, Clause))


def holds(condition: Condition | None, state: History) -> bool:
    return condition is None or condition.holds(state)


@dataclass(frozen=True)
class Band:
    start: int
    label: str
    loc: Loc


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    min: int
    max: int
    start: int
    low: str
    high: str
    description: str = ""
    bands: tuple[Band, ...] = ()
    loc: Loc = (1, 1)
    start_loc: Loc = (1, 1)
    declared: bool = True

    def clamp(self, value: int) -> int:
        return max(self.min, min(self.max, value))

    def words(self, value: int) -> str:
        """Plain words for a value: its band's label; without bands, the end words for the
        lower and upper thirds of the range and "between" them in the middle third."""
        label = ""
        for band in self.bands:
            if value >= band.start:
                label = band.label
        if label:
            return label
        third = (self.max - self.min) / 3
        if value <= self.min + third:
            return self.low
        if value >= self.max - third:
            return self.high
        return f"between {self.low} and {self.high}"


@dataclass(frozen=True)
class Role:
    key: str
    name: str
    title: str
    brief: str
    goals: tuple[str, ...] = ()
    private: tuple[str, ...] = ()
    pressures: tuple[str, ...] = ()
    loc: Loc = (1, 1)


@dataclass(frozen=True)
class Branch:
    when: Condition | None
    to: str
    loc: Loc


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    effects: dict[str, int]
    why: str
    theory: tuple[str, ...]
    when: Condition | None
    next: tuple[Branch, ...] | None
    loc: Loc
    effect_locs: dict[str, Loc] = field(default_factory=dict)
    theory_locs: tuple[Loc, ...] = ()


@dataclass(frozen=True)
class Rule:
    role: str | None
    when: Condition | None
    choose: str
    loc: Loc
    choose_loc: Loc
    note: str | None = None


@dataclass(frozen=True)
class Impasse:
    effects: dict[str, int]
    prompt: str
    next: tuple[Branch, ...]
    loc: Loc
    effect_locs: dict[str, Loc] = field(default_factory=dict)


@dataclass(frozen=True)
class Point:
    id: str
    actor: str
    title: str
    prompt: dict[str, str]
    choices: tuple[Choice, ...]
    next: tuple[Branch, ...] | None
    rules: tuple[Rule, ...]
    impasse: Impasse | None
    theory: tuple[str, ...]
    loc: Loc
    prompt_loc: Loc = (1, 1)
    prompt_locs: dict[str, Loc] = field(default_factory=dict)
    theory_locs: tuple[Loc, ...] = ()

    def choice(self, choice_id: str) -> Choice | None:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None

    def route(self, choice: Choice) -> tuple[Branch, ...]:
        return choice.next if choice.next is not None else (self.next or ())


@dataclass(frozen=True)
class Ending:
    id: str
    title: str
    text: str
    achieved: str
    theory: tuple[str, ...]
    loc: Loc
    theory_locs: tuple[Loc, ...] = ()


@dataclass(frozen=True)
class DebriefItem:
    text: str
    points: tuple[str, ...]
    theory: tuple[str, ...]
    loc: Loc
    theory_locs: tuple[Loc, ...] = ()
    point_locs: tuple[Loc, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A whole scenario; ``path`` is the file it came from (for messages)."""

    path: str
    id: str
    title: str
    version: int
    language: str
    summary: str
    content_note: str
    setting: str
    problem: str
    sources: tuple[str, ...]
    measures: dict[str, Measure]
    roles: dict[str, Role]
    start: str
    start_loc: Loc
    points: dict[str, Point]
    endings: dict[str, Ending]
    debrief: tuple[DebriefItem, ...]
    author_notes: tuple[str, ...]
    loc: Loc = (1, 1)
    source_locs: tuple[Loc, ...] = ()
    roles_loc: Loc = (1, 1)

    def start_measures(self) -> dict[str, int]:
        return {key: m.start for key, m in self.measures.items()}

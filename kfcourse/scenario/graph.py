"""The routes of a scenario as a graph: who can go where, per role, and loops with no exit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kfcourse.scenario.model import (
    JOINT,
    Branch,
    Choice,
    ChoseClause,
    Condition,
    Measure,
    Point,
    Scenario,
    VisitsClause,
    compare,
)


def can_hold(condition: Condition | None, measures: dict[str, Measure]) -> bool:
    """False when some measure's clauses cannot all hold anywhere in its range."""
    if condition is None:
        return True
    by_measure: dict[str, list] = {}
    for clause in condition.measure_clauses:
        by_measure.setdefault(clause.measure, []).append(clause)
    for key, clauses in by_measure.items():
        measure = measures.get(key)
        if measure is None:
            continue  # reported as an undeclared measure
        values = range(measure.min, measure.max + 1)
        if not any(all(compare(v, c.op, c.value) for c in clauses) for v in values):
            return False
    return True


def targets(branches: Iterable[Branch] | None, measures: dict[str, Measure]) -> list[str]:
    return [b.to for b in branches or () if can_hold(b.when, measures)]


def rule_choices(point: Point, role: str) -> set[str]:
    """Choices the rules could ever pick for ``role`` here, with the engine's fallback."""
    picked: set[str] = set()
    fallback = True
    for rule in point.rules:
        if rule.role not in (None, role):
            continue
        picked.add(rule.choose)
        if rule.when is None:
            fallback = False
            break
    if fallback:  # the engine takes the first choice offered when no rule matches
        for choice in point.choices:
            picked.add(choice.id)
            if choice.when is None:
                break
    return picked


def edges(scenario: Scenario, point: Point, played: str | None) -> list[str]:
    """Where play can go from ``point`` when the learner plays ``played`` (None: both roles)."""
    measures = scenario.measures
    allowed: set[str] | None = None
    other = None
    if played is not None:
        other = "patient" if played == "doctor" else "doctor"
        if point.actor in (other, JOINT):
            allowed = rule_choices(point, other)
    out: list[str] = []
    choice: Choice
    for choice in point.choices:
        if allowed is not None and choice.id not in allowed:
            continue
        if not can_hold(choice.when, measures):
            continue
        out += targets(point.route(choice), measures)
    if point.actor == JOINT and point.impasse is not None and len(point.choices) > 1:
        out += targets(point.impasse.next, measures)
    return out


def reachable(scenario: Scenario, played: str | None) -> set[str]:
    """Ids of points and endings reachable from the start, ignoring conditions that can hold."""
    seen: set[str] = set()
    stack = [scenario.start]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        point = scenario.points.get(node)
        if point is not None:
            stack += [t for t in edges(scenario, point, played) if t not in seen]
    return seen


def trapped_loops(scenario: Scenario) -> list[list[str]]:
    """Strongly connected groups of points with a loop and no route out (Tarjan, iterative)."""
    graph = {
        key: [t for t in edges(scenario, p, None) if t in scenario.points or t in scenario.endings]
        for key, p in scenario.points.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            succ = graph.get(node, [])
            if i < len(succ):
                work.append((node, i + 1))
                nxt = succ[i]
                if nxt not in graph:
                    continue
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    trapped = []
    order = {key: n for n, key in enumerate(scenario.points)}
    for group in groups:
        members = set(group)
        looped = len(group) > 1 or group[0] in graph[group[0]]
        leaves = any(t not in members for g in group for t in graph[g])
        if looped and not leaves:
            trapped.append(sorted(group, key=order.__getitem__))
    return trapped


EXACT_BUDGET = 10_000  # states; beyond this the lint falls back to the route graph


def _conditions(scenario: Scenario) -> Iterable[Condition]:
    for point in scenario.points.values():
        for choice in point.choices:
            yield from (b.when for b in point.route(choice) if b.when)
            if choice.when:
                yield choice.when
        yield from (r.when for r in point.rules if r.when)
        if point.impasse:
            yield from (b.when for b in point.impasse.next if b.when)


@dataclass(frozen=True)
class Walk:
    """A state of play as conditions see it: the measures and just the history they read
    (``chose`` and ``visits`` of the points they name, counts capped where they stop mattering)."""

    measures: tuple[tuple[str, int], ...]
    counts: tuple[tuple[str, int], ...] = ()
    lasts: tuple[tuple[str, str | None], ...] = ()

    @property
    def key(self) -> tuple:
        return (self.measures, self.counts, self.lasts)

    def measure_map(self) -> dict[str, int]:
        return dict(self.measures)

    def visits(self, point: str) -> int:
        return dict(self.counts).get(point, 0)

    def chose(self, point: str) -> str | None:
        return dict(self.lasts).get(point)


class Tracker:
    """Makes :class:`Walk` states for one scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.caps: dict[str, int] = {}
        self.chosen: set[str] = set()
        for condition in _conditions(scenario):
            for clause in condition.clauses:
                if isinstance(clause, VisitsClause):
                    cap = max(self.caps.get(clause.point, 0), clause.value + 1)
                    self.caps[clause.point] = cap
                elif isinstance(clause, ChoseClause):
                    self.chosen.add(clause.point)

    def start(self) -> Walk:
        return Walk(
            tuple(self.scenario.start_measures().items()),
            tuple((p, 0) for p in sorted(self.caps)),
            tuple((p, None) for p in sorted(self.chosen)),
        )

    def after(self, walk: Walk, point: str, choice: str | None, effects: dict[str, int]) -> Walk:
        measures = dict(walk.measures)
        for key, delta in effects.items():
            m = self.scenario.measures.get(key)
            if m is not None:
                measures[key] = m.clamp(measures[key] + delta)
        counts = tuple((p, min(n + (p == point), self.caps[p])) for p, n in walk.counts)
        lasts = tuple((p, choice if p == point else c) for p, c in walk.lasts)
        return Walk(tuple(measures.items()), counts, lasts)


class _View:
    """A Walk seen through the engine's History interface (measures as a mapping)."""

    def __init__(self, walk: Walk) -> None:
        self.measures = walk.measure_map()
        self._walk = walk

    def visits(self, point: str) -> int:
        return self._walk.visits(point)

    def chose(self, point: str) -> str | None:
        return self._walk.chose(point)


def successors(
    tracker: Tracker, played: str | None, node: str, walk: Walk
) -> list[tuple[str, Walk]]:
    """Every (node, state) the engine can move to next, with the learner(s) free to choose
    anything offered and the other role following its rules (see ``kfcourse.scenario.engine``)."""
    from kfcourse.scenario.engine import follow, offered, other_role, rule_pick

    scenario = tracker.scenario
    point = scenario.points[node]
    if not point.choices:  # a dead end (SC103): play stops here
        return []
    learners = ("doctor", "patient") if played is None else (played,)
    before = _View(walk)
    options = offered(point, before)  # type: ignore[arg-type]
    out = []

    def take(choice: Choice) -> None:
        if not point.route(choice):  # no `next` anywhere (SC101): play stops here
            return
        after = tracker.after(walk, node, choice.id, choice.effects)
        out.append((follow(point.route(choice), _View(after)), after))  # type: ignore[arg-type]

    if point.actor != JOINT:
        if point.actor in learners:
            for choice in options:
                take(choice)
        else:
            take(rule_pick(point, point.actor, before))  # type: ignore[arg-type]
        return out
    partner = None if played is None else other_role(played)
    agreed = options if partner is None else [rule_pick(point, partner, before)]  # type: ignore[arg-type]
    for choice in agreed:
        take(choice)
    if len(options) > 1:
        if point.impasse is not None:
            after = tracker.after(walk, node, None, point.impasse.effects)
            out.append((follow(point.impasse.next, _View(after)), after))  # type: ignore[arg-type]
        else:  # the engine applies the doctor's pick (SC112 is reported)
            for choice in options:
                take(choice)
    return out


@dataclass
class Exploration:
    """What real play can reach for one kind of learner, and a loop it can repeat for ever."""

    nodes: set[str]
    endless: list[str] | None  # the points of a loop of states play can go round without end


def explore(
    scenario: Scenario, played: str | None, budget: int = EXACT_BUDGET
) -> Exploration | None:
    """Follow every state real play can reach (None if more than ``budget`` states)."""
    if scenario.start not in scenario.points:
        return Exploration({scenario.start}, None)
    tracker = Tracker(scenario)
    colour: dict[tuple, int] = {}  # 1 on the current path, 2 done
    nodes: set[str] = set()
    endless: list[str] | None = None
    first = (scenario.start, tracker.start())
    stack: list[tuple[tuple[str, Walk], list[tuple[str, Walk]] | None]] = [(first, None)]
    path: list[str] = []
    while stack:
        (node, walk), pending = stack.pop()
        key = (node, walk.key)
        if pending is None:
            if colour.get(key) == 2:
                continue
            colour[key] = 1
            nodes.add(node)
            path.append(node)
            if len(colour) > budget:
                return None
            pending = (
                [(n, w) for n, w in successors(tracker, played, node, walk)]
                if node in scenario.points
                else []
            )
        if pending:
            nxt = pending.pop()
            stack.append(((node, walk), pending))
            nkey = (nxt[0], nxt[1].key)
            if nxt[0] not in scenario.points:
                nodes.add(nxt[0])
            elif colour.get(nkey) == 1:
                if endless is None:
                    loop = path[path.index(nxt[0]) :] if nxt[0] in path else [nxt[0]]
                    endless = list(dict.fromkeys(loop))
            elif colour.get(nkey) is None:
                stack.append((nxt, None))
            continue
        colour[key] = 2
        path.pop()
    return Exploration(nodes, endless)


def exact_reach(
    scenario: Scenario, played: str | None, budget: int = EXACT_BUDGET
) -> set[str] | None:
    """Ids reachable in real play (conditions and rules followed); None if over ``budget``."""
    found = explore(scenario, played, budget)
    return None if found is None else found.nodes

"""The routes of a scenario as a graph: who can go where, per role, and loops with no exit."""

from __future__ import annotations

from collections.abc import Iterable

from kfcourse.scenario.model import JOINT, Branch, Choice, Condition, Measure, Point, Scenario


def can_hold(condition: Condition | None, measures: dict[str, Measure]) -> bool:
    """False when some measure's clauses cannot all hold anywhere in its range."""
    if condition is None:
        return True
    by_measure: dict[str, list] = {}
    for clause in condition.clauses:
        by_measure.setdefault(clause.measure, []).append(clause)
    for key, clauses in by_measure.items():
        measure = measures.get(key)
        if measure is None:
            continue  # reported as an undeclared measure
        values = range(measure.min, measure.max + 1)
        if not any(all(c.holds({key: v}) for c in clauses) for v in values):
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


def _apply(scenario: Scenario, effects: dict[str, int], measures: dict[str, int]) -> dict[str, int]:
    out = dict(measures)
    for key, delta in effects.items():
        m = scenario.measures.get(key)
        if m is not None:
            out[key] = m.clamp(out[key] + delta)
    return out


def successors(
    scenario: Scenario, played: str | None, node: str, measures: dict[str, int]
) -> list[tuple[str, dict[str, int]]]:
    """Every (node, measures) the engine can move to next, with the learner(s) free to choose
    anything offered and the other role following its rules (see ``kfcourse.scenario.engine``)."""
    from kfcourse.scenario.engine import follow, offered, other_role, rule_pick

    point = scenario.points[node]
    if not point.choices:  # a dead end (SC103): play stops here
        return []
    learners = ("doctor", "patient") if played is None else (played,)
    options = offered(point, measures)
    out = []

    def take(choice: Choice) -> None:
        if not point.route(choice):  # no `next` anywhere (SC101): play stops here
            return
        after = _apply(scenario, choice.effects, measures)
        out.append((follow(point.route(choice), after), after))

    if point.actor != JOINT:
        if point.actor in learners:
            for choice in options:
                take(choice)
        else:
            take(rule_pick(point, point.actor, measures))
        return out
    if played is None:
        agreed = options
        disagree = len(options) > 1
    else:
        partner = rule_pick(point, other_role(played), measures)
        agreed = [partner]
        disagree = len(options) > 1
    for choice in agreed:
        take(choice)
    if disagree:
        if point.impasse is not None:
            after = _apply(scenario, point.impasse.effects, measures)
            out.append((follow(point.impasse.next, after), after))
        else:  # the engine applies the doctor's pick (SC112 is reported)
            for choice in options:
                take(choice)
    return out


def exact_reach(
    scenario: Scenario, played: str | None, budget: int = EXACT_BUDGET
) -> set[str] | None:
    """Ids reachable in real play (conditions and rules followed); None if over ``budget``."""
    if scenario.start not in scenario.points:
        return {scenario.start}
    start = scenario.start_measures()
    keys = list(start)
    seen_states: set[tuple[str, tuple[int, ...]]] = set()
    nodes: set[str] = set()
    stack = [(scenario.start, start)]
    while stack:
        node, measures = stack.pop()
        state = (node, tuple(measures[k] for k in keys))
        if state in seen_states:
            continue
        seen_states.add(state)
        nodes.add(node)
        if len(seen_states) > budget:
            return None
        if node not in scenario.points:
            continue
        for nxt, after in successors(scenario, played, node, measures):
            if nxt in scenario.points or nxt in scenario.endings:
                stack.append((nxt, after))
            else:
                nodes.add(nxt)
    return nodes

"""The scenario linter: problems beyond the schema, each with file, line, column, code and message.

``RULES`` lists every code with its severity and a one-line summary; the instructor page
"Writing a scenario" shows the same table, and a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kfcourse.scenario.bib import bib_keys, find_bib
from kfcourse.scenario.diagnostics import ERROR, WARNING, Diagnostic, has_errors
from kfcourse.scenario.graph import can_hold, explore, reachable, trapped_loops
from kfcourse.scenario.loader import load_file, load_text
from kfcourse.scenario.model import (
    JOINT,
    ROLES,
    Branch,
    ChoseClause,
    Clause,
    Condition,
    Loc,
    Point,
    Scenario,
)

# code: (severity, what it finds). Loader codes SC001-SC006 come first.
RULES: dict[str, tuple[str, str]] = {
    "SC000": (ERROR, "the checker itself failed (a bug: please report it with the file)"),
    "SC001": (ERROR, "the file cannot be read as YAML (syntax, encoding, empty file)"),
    "SC002": (ERROR, "a value has the wrong type (text, number, list, mapping)"),
    "SC003": (ERROR, "an unknown key (with a suggestion when one is close)"),
    "SC004": (ERROR, "a required key is missing"),
    "SC005": (ERROR, "a value is not allowed (empty text, bad id, bad comparison, bad range)"),
    "SC006": (ERROR, "a key or id is given twice"),
    "SC101": (ERROR, "a target (start, next, to, rule, debrief point) that does not exist"),
    "SC102": (WARNING, "a decision point no path reaches"),
    "SC103": (ERROR, "a dead end: a decision point with no choices"),
    "SC104": (ERROR, "a loop of decision points with no way out to an ending"),
    "SC105": (ERROR, "a measure used but not declared"),
    "SC106": (ERROR, "a role used but not declared, or a role the engine does not know"),
    "SC107": (ERROR, "a start value outside its measure's range"),
    "SC108": (WARNING, "a choice whose effects are all zero (write `effects: {}` on purpose)"),
    "SC109": (ERROR, "a prompt missing for a role"),
    "SC110": (ERROR, "a theory key that is not in references.bib"),
    "SC111": (WARNING, "an ending only one role can reach"),
    "SC112": (ERROR, "a joint decision with no rule for disagreement (impasse)"),
    "SC113": (ERROR, "no rule for how the role the learner is not playing chooses"),
    "SC114": (ERROR, "a rule that names a choice or role the point does not have"),
    "SC115": (WARNING, "every choice has a condition, so none may be offered"),
    "SC116": (WARNING, "a condition that can never hold within the measures' ranges"),
    "SC117": (WARNING, "an ending no path reaches"),
    "SC118": (
        WARNING,
        "rules with no final rule without `when` (the first choice is the fallback)",
    ),
    "SC119": (WARNING, "a choice with no theory keys"),
    "SC120": (WARNING, "references.bib was not found, so theory keys were not checked"),
    "SC121": (ERROR, "a route whose branches may all fail (give the last branch no `when`)"),
    "SC122": (WARNING, "an impasse on a point that is not joint (it is never used)"),
    "SC123": (
        ERROR,
        "a `chose` or `visits` condition naming a point or choice that does not exist",
    ),
    "SC124": (WARNING, "a loop that play can go round without end (bound it, e.g. with `visits`)"),
    "SC125": (WARNING, "text still marked TODO (as the starter scenario leaves it)"),
}


# Up to this many points, "which role can reach an ending" follows real play (measures, rules,
# conditions) state by state; larger scenarios use the route graph, which can miss a case.
EXACT_MAX_POINTS = 30


class _Linter:
    def __init__(self, scenario: Scenario, keys: frozenset[str] | None) -> None:
        self.s = scenario
        self.keys = keys
        self.out: list[Diagnostic] = []

    def add(self, loc: Loc, code: str, message: str) -> None:
        severity = RULES[code][0]
        self.out.append(Diagnostic(self.s.path, loc[0], loc[1], severity, code, message))

    # -- helpers -----------------------------------------------------------------------------
    def target(self, to: str, loc: Loc, where: str) -> None:
        if to not in self.s.points and to not in self.s.endings:
            self.add(loc, "SC101", f"{where}: '{to}' is neither a decision point nor an ending")

    def condition(self, condition: Condition | None, where: str) -> None:
        if condition is None:
            return
        measured = condition.measure_clauses
        for clause in measured:
            if clause.measure not in self.s.measures:
                self.add(
                    clause.loc,
                    "SC105",
                    f"{where}: measure '{clause.measure}' is used but "
                    "not declared under `measures`",
                )
        for about in condition.clauses:
            if isinstance(about, Clause):
                continue
            point = self.s.points.get(about.point)
            if point is None:
                self.add(about.loc, "SC123", f"{where}: '{about.point}' is not a decision point")
            elif isinstance(about, ChoseClause):
                for missing in sorted(set(about.choices) - {c.id for c in point.choices}):
                    self.add(
                        about.loc,
                        "SC123",
                        f"{where}: point {about.point} has no choice '{missing}'",
                    )
        if all(c.measure in self.s.measures for c in measured) and not can_hold(
            condition, self.s.measures
        ):
            self.add(
                condition.loc,
                "SC116",
                f"{where}: this condition can never hold within the measures' ranges",
            )

    def route(self, branches: tuple[Branch, ...] | None, loc: Loc, where: str) -> None:
        if not branches:
            return
        for branch in branches:
            self.condition(branch.when, where)
            self.target(branch.to, branch.loc, where)
        if branches[-1].when is not None:
            self.add(
                branches[-1].loc,
                "SC121",
                f"{where}: if no branch's `when` holds, play "
                "has nowhere to go; give the last branch no `when`",
            )

    def effects(self, effects: dict[str, int], locs: dict[str, Loc], where: str) -> None:
        for key in effects:
            if key not in self.s.measures:
                self.add(
                    locs.get(key, self.s.loc),
                    "SC105",
                    f"{where}: measure '{key}' is used but not declared under `measures`",
                )

    def theory(self, keys: Iterable[str], locs: Iterable[Loc], where: str) -> None:
        if self.keys is None:
            return
        for key, loc in zip(keys, locs, strict=False):
            if key not in self.keys:
                self.add(loc, "SC110", f"{where}: theory key '{key}' is not in references.bib")

    # -- rules ---------------------------------------------------------------------------------
    def run(self) -> list[Diagnostic]:
        s = self.s
        for role in ROLES:
            if role not in s.roles:
                self.add(
                    s.roles_loc,
                    "SC106",
                    f"role '{role}' is not declared under `roles`; "
                    "every scenario has a doctor and a patient",
                )
        for key, declared in s.roles.items():
            if key not in ROLES:
                self.add(
                    declared.loc,
                    "SC106",
                    f"role '{key}' is not one the engine plays; use 'doctor' and 'patient'",
                )
        for m in s.measures.values():
            if m.min < m.max and not m.min <= m.start <= m.max:
                self.add(
                    m.start_loc,
                    "SC107",
                    f"measure {m.key}: start value {m.start} is outside its range {m.min}..{m.max}",
                )
        self.target(s.start, s.start_loc, "start")
        self.theory(s.sources, s.source_locs, "sources")
        for point in s.points.values():
            self.point(point)
        for ending in s.endings.values():
            self.theory(ending.theory, ending.theory_locs, f"ending {ending.id}")
        for item in s.debrief:
            self.theory(item.theory, item.theory_locs, "debrief")
            for ref, loc in zip(item.points, item.point_locs, strict=False):
                self.target(ref, loc, "debrief")
        self.paths()
        return self.out

    def point(self, p: Point) -> None:
        where = f"point {p.id}"
        for role in ROLES:
            if role in self.s.roles and role not in p.prompt:
                self.add(
                    p.prompt_loc,
                    "SC109",
                    f"{where}: no prompt for the {role}; each role "
                    "needs to see the situation in its own words",
                )
        for role, loc in p.prompt_locs.items():
            if role not in self.s.roles:
                self.add(
                    loc,
                    "SC106",
                    f"{where}: prompt for role '{role}', which is not declared under `roles`",
                )
        if not p.choices:
            self.add(p.loc, "SC103", f"{where}: a dead end (no choices, and not an ending)")
        elif all(c.when is not None for c in p.choices):
            self.add(
                p.loc,
                "SC115",
                f"{where}: every choice has a `when`, so in some states "
                "none is offered; give at least one choice no `when`",
            )
        self.route(p.next, p.loc, where)
        for n, c in enumerate(p.choices, 1):
            cwhere = f"{where}, choice {n} ({c.id})"
            self.effects(c.effects, c.effect_locs, cwhere)
            if c.effects and all(v == 0 for v in c.effects.values()):
                self.add(
                    c.loc,
                    "SC108",
                    f"{cwhere}: every effect is zero; say what the choice changes, even by one, "
                    "or write `effects: {}` if it changes nothing on purpose",
                )
            self.condition(c.when, cwhere)
            if c.next is None and not p.next:
                self.add(
                    c.loc, "SC101", f"{cwhere}: no `next` here or on the point; say where play goes"
                )
            self.route(c.next, c.loc, cwhere)
            self.theory(c.theory, c.theory_locs, cwhere)
            if not c.theory and not p.theory:
                self.add(
                    c.loc,
                    "SC119",
                    f"{cwhere}: no theory keys; add `theory` to the choice or the point",
                )
        self.theory(p.theory, p.theory_locs, where)
        self.rules(p, where)
        if p.impasse is not None:
            self.effects(p.impasse.effects, p.impasse.effect_locs, f"{where}, impasse")
            self.route(p.impasse.next, p.impasse.loc, f"{where}, impasse")
            if p.actor != JOINT:
                self.add(
                    p.impasse.loc,
                    "SC122",
                    f"{where}: `impasse` is only used at joint "
                    "points; remove it or make the point joint",
                )
        elif p.actor == JOINT:
            self.add(
                p.loc,
                "SC112",
                f"{where}: a joint decision needs an `impasse` saying what "
                "happens when the partners disagree",
            )

    def rules(self, p: Point, where: str) -> None:
        roles = ROLES if p.actor == JOINT else (p.actor,)
        ids = {c.id for c in p.choices}
        for rule in p.rules:
            if rule.role is not None and rule.role not in roles:
                self.add(
                    rule.loc,
                    "SC114",
                    f"{where}: rule for role '{rule.role}', but only "
                    f"{' and '.join(roles)} choose here",
                )
            if rule.choose not in ids:
                self.add(
                    rule.choose_loc,
                    "SC114",
                    f"{where}: rule chooses '{rule.choose}', but "
                    "the choices here are " + (", ".join(sorted(ids)) or "none"),
                )
            self.condition(rule.when, f"{where}, rule")
        for role in roles:
            mine = [r for r in p.rules if r.role in (None, role)]
            if not mine:
                self.add(
                    p.loc,
                    "SC113",
                    f"{where}: no `rules` for how the {role} chooses when "
                    "the learner plays the other role",
                )
            elif all(r.when is not None for r in mine):
                self.add(
                    mine[-1].loc,
                    "SC118",
                    f"{where}: the {role}'s rules all have `when`; "
                    "end with a rule without `when` (otherwise the first choice is taken)",
                )

    def paths(self) -> None:
        s = self.s
        if s.start not in s.points and s.start not in s.endings:
            return
        anywhere = reachable(s, None)
        for point in s.points.values():
            if point.id not in anywhere:
                self.add(point.loc, "SC102", f"point {point.id}: no path from the start reaches it")
        for group in trapped_loops(s):
            names = ", ".join(group)
            self.add(
                s.points[group[0]].loc,
                "SC104",
                f"points {names} form a loop with no way out to an ending",
            )
        if not all(r in s.roles for r in ROLES):
            return
        by_role = {}
        endless: dict[tuple[str, ...], list[str]] = {}
        for role in (*ROLES, None):
            found = explore(s, role) if len(s.points) <= EXACT_MAX_POINTS else None
            if found is not None and found.endless:
                endless.setdefault(tuple(found.endless), []).append(role or "pair")
            if role is not None:
                by_role[role] = found.nodes if found is not None else reachable(s, role)
        for loop, modes in endless.items():
            self.add(
                s.points[loop[0]].loc,
                "SC124",
                f"points {', '.join(loop)}: play as {' or '.join(modes)} can go round this "
                "loop without end (e.g. impasse after impasse); bound it with a `visits` "
                "condition that moves play on",
            )
        for ending in s.endings.values():
            if ending.id not in anywhere:
                self.add(ending.loc, "SC117", f"ending {ending.id}: no path reaches it")
                continue
            who = [role for role in ROLES if ending.id in by_role[role]]
            if len(who) == 1:
                self.add(
                    ending.loc,
                    "SC111",
                    f"ending {ending.id}: only a learner playing the "
                    f"{who[0]} can reach it (when the {who[0]} is played by the rules, "
                    "play never gets here)",
                )
            elif not who:
                self.add(
                    ending.loc,
                    "SC111",
                    f"ending {ending.id}: reached only when both roles "
                    "are played by people (the rules never lead here)",
                )


def todo_findings(text: str, path: str) -> list[Diagnostic]:
    """A warning (SC125) for each line whose value, not its comment, still says TODO."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        value = line.split(" #", 1)[0]
        column = value.find("TODO")
        if column >= 0:
            out.append(Diagnostic(path, number, column + 1, WARNING, "SC125",
                                  "still marked TODO: replace it with your own text"))  # fmt: skip
    return out


def lint_scenario(scenario: Scenario, bib: Path | None = None) -> list[Diagnostic]:
    """Findings for a loaded scenario; theory keys are checked against ``bib`` when given."""
    keys = bib_keys(bib) if bib is not None else None
    return sorted(_Linter(scenario, keys).run())


def _bib_for(path: Path | None, bib: Path | None) -> tuple[Path | None, list[Diagnostic]]:
    if bib is not None:
        if bib.is_file():
            return bib, []
        return None, [
            Diagnostic(
                str(bib),
                1,
                1,
                WARNING,
                "SC120",
                "this references.bib does not exist; theory keys were not checked",
            )
        ]
    found = find_bib(path.parent if path is not None else None)
    return found, []


@dataclass(frozen=True)
class CheckedFile:
    """A scenario file loaded once and linted: the model (if it loaded) and every finding."""

    scenario: Scenario | None
    findings: list[Diagnostic]

    @property
    def playable(self) -> Scenario | None:
        """The scenario, if it has no errors: a scenario with errors is never played."""
        return None if has_errors(self.findings) else self.scenario


def check_file(path: str | Path, bib: Path | None = None) -> CheckedFile:
    """Load and lint one file: loader errors first (then nothing else), else lint findings."""
    result = load_file(path)
    if result.scenario is None:
        return CheckedFile(None, result.diagnostics)
    found, notes = _bib_for(Path(path), bib)
    try:
        out = lint_scenario(result.scenario, found)
    except Exception as exc:  # a checker bug must still give a message, not a traceback
        return CheckedFile(result.scenario, [
            Diagnostic(
                str(path),
                1,
                1,
                ERROR,
                "SC000",
                f"internal error in the checker ({type(exc).__name__}: {exc}); please report it",
            )
        ])  # fmt: skip
    if found is None and not notes:
        notes = [
            Diagnostic(
                str(path),
                1,
                1,
                WARNING,
                "SC120",
                "no references.bib found near "
                "the file; theory keys were not checked (use --bib PATH)",
            )
        ]
    try:
        todos = todo_findings(Path(path).read_text(encoding="utf-8-sig"), str(path))
    except (OSError, UnicodeDecodeError):  # it loaded a moment ago; nothing more to add
        todos = []
    return CheckedFile(result.scenario, sorted(notes + out + todos))


def lint_file(path: str | Path, bib: Path | None = None) -> list[Diagnostic]:
    """The findings of :func:`check_file`."""
    return check_file(path, bib).findings


def lint_text(text: str, path: str = "<scenario>", bib: Path | None = None) -> list[Diagnostic]:
    """Lint YAML text (for tests and editors)."""
    result = load_text(text, path)
    if result.scenario is None:
        return result.diagnostics
    return sorted(lint_scenario(result.scenario, bib) + todo_findings(text, path))

"""Read a scenario file into the typed model, or say exactly what is wrong and where.

YAML is composed into nodes (which carry line and column), checked against the shipped JSON
Schema, then turned into :class:`~kfcourse.scenario.model.Scenario`. Every problem becomes a
:class:`~kfcourse.scenario.diagnostics.Diagnostic` with file, line, column and code:
SC001 YAML syntax or unreadable file, SC002 wrong type, SC003 unknown key, SC004 missing
field, SC005 invalid value, SC006 duplicate key. Nothing here raises on bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kfcourse.scenario.defaults import default_measures
from kfcourse.scenario.diagnostics import ERROR, Diagnostic
from kfcourse.scenario.located import LocDict, LocList
from kfcourse.scenario.model import (
    AnyClause,
    Band,
    Branch,
    Choice,
    ChoseClause,
    Clause,
    Condition,
    DebriefItem,
    Ending,
    Impasse,
    Measure,
    Point,
    Role,
    Rule,
    Scenario,
    VisitsClause,
)
from kfcourse.scenario.schema_check import INVALID, SchemaChecker

CODE_SYNTAX = "SC001"
Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
_COMPARISON = re.compile(r"^\s*(<=|>=|==|!=|<|>)\s*([-+]?[0-9]+)\s*$")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
Loc = tuple[int, int]


@dataclass
class LoadResult:
    """The scenario (``None`` when the file has errors) and every diagnostic found."""

    scenario: Scenario | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    data: Any = None


def _error(path: str, line: int, column: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, column, ERROR, CODE_SYNTAX, message)


def _decode(raw: bytes, path: str) -> tuple[str | None, Diagnostic | None]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, _error(path, line, column, "the file is not UTF-8 text; save it as UTF-8")
    return text, None


def _tab_near(text: str, line: int, column: int) -> bool:
    """True when a tab stands in the indentation of `line` or just before `column`: the usual
    cause of PyYAML's "found character '\\t'" or "cannot start any token"."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return False
    here = lines[line - 1]
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    return "\t" in indent or "\t" in here[max(0, column - 2) : column]


def compose(text: str, path: str) -> tuple[Any, list[Diagnostic]]:
    """YAML text to a node tree, or a syntax diagnostic."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        if "expected a single document" in what:
            what = "the file holds more than one YAML document (a second '---'); keep one"
        elif _tab_near(text, line, column):
            what = "a tab character: YAML is indented with spaces, never tabs (" + what + ")"
        return None, [_error(path, line, column, f"YAML syntax: {what}")]
    except yaml.YAMLError as exc:  # reader errors: unprintable characters and the like
        position = getattr(exc, "position", 0) or 0
        before = text[:position]
        line = before.count("\n") + 1
        column = position - (before.rfind("\n") + 1) + 1
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        return None, [_error(path, line, column, f"YAML syntax: {reason}")]
    except RecursionError:
        return None, [_error(path, 1, 1, "YAML syntax: the file is nested too deeply")]
    if node is None:
        return None, [_error(path, 1, 1, "the file is empty; start from `kfcourse new-scenario`")]
    return node, []


def load_text(text: str, path: str = "<scenario>") -> LoadResult:
    """Load a scenario from YAML text; ``path`` is used in messages."""
    node, diagnostics = compose(text, path)
    if node is None:
        return LoadResult(None, diagnostics)
    checker = SchemaChecker(path)
    try:
        data = checker.check(node, checker.schema)
    except RecursionError:
        return LoadResult(None, [_error(path, 1, 1, "the file is nested too deeply")])
    if data is INVALID or checker.diagnostics:
        return LoadResult(None, sorted(set(checker.diagnostics)))
    builder = _Builder(path)
    scenario = builder.scenario(data)
    if builder.diagnostics:
        return LoadResult(None, sorted(set(builder.diagnostics)), data)
    return LoadResult(scenario, [], data)


def load_file(path: str | Path) -> LoadResult:
    """Load a scenario file; a missing or unreadable file is a diagnostic, not an exception."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return LoadResult(None, [_error(name, 1, 1, f"cannot read the file: {exc.strerror}")])
    text, problem = _decode(raw, name)
    if text is None:
        return LoadResult(None, [problem] if problem else [])
    return load_text(text, name)


class _Builder:
    """Turns checked data (LocDict/LocList) into the model, applying defaults."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []

    def bad(self, loc: tuple[int, int], message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, loc[0], loc[1], ERROR, "SC005", message))

    def comparisons(self, value: Any, loc: tuple[int, int]) -> list[tuple[str, int, Loc]]:
        """Each comparison given as one string or a list of them, with its place."""
        items = value if isinstance(value, LocList) else [value]
        locs = value.item_locs if isinstance(value, LocList) else [loc]
        out = []
        for text, at in zip(items, locs, strict=True):
            match = _COMPARISON.match(str(text))
            if match is None:  # the schema pattern already rules this out
                self.bad(at, f"{text!r} is not a comparison such as '<= -2'")
                continue
            out.append((match.group(1), int(match.group(2)), at))
        return out

    def condition(self, data: LocDict | None) -> Condition | None:
        if data is None:
            return None
        clauses: list[AnyClause] = []
        for key, value in data.items():
            if key == "chose" and isinstance(value, LocDict):
                for point, picked in value.items():
                    ids = tuple(picked) if isinstance(picked, LocList) else (picked,)
                    clauses.append(ChoseClause(point, tuple(map(str, ids)), value.key_at(point)))
            elif key == "visits" and isinstance(value, LocDict):
                for point, comparison in value.items():
                    for op, number, at in self.comparisons(comparison, value.at(point)):
                        clauses.append(VisitsClause(point, op, number, at))
            else:
                for op, number, at in self.comparisons(value, data.at(key)):
                    clauses.append(Clause(key, op, number, at))
        return Condition(tuple(clauses), data.loc)

    def target(self, data: Any, loc: tuple[int, int]) -> tuple[Branch, ...] | None:
        if data is None:
            return None
        if isinstance(data, str):
            return (Branch(None, data, loc),)
        return tuple(
            Branch(self.condition(item.get("when")), item["to"], item.at("to")) for item in data
        )

    def keys(self, data: LocList | None) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
        if not data:
            return (), ()
        return tuple(data), tuple(data.item_locs)

    def measures(self, data: LocDict | None) -> dict[str, Measure]:
        if data is None:
            return default_measures()
        out = {}
        for key, m in data.items():
            bands = tuple(
                Band(b["from"], b["label"], loc)
                for b, loc in zip(
                    m.get("bands", ()), getattr(m.get("bands"), "item_locs", ()), strict=True
                )
            )
            if m["min"] >= m["max"]:
                self.bad(
                    m.at("max"),
                    f"measure {key}: max ({m['max']}) must be greater than min ({m['min']})",
                )
            starts = [b.start for b in bands]
            if bands and (
                starts != sorted(set(starts)) or starts[0] != m["min"] or starts[-1] > m["max"]
            ):
                self.bad(
                    m.at("bands"),
                    f"measure {key}: bands must rise strictly, the first "
                    f"starting at min ({m['min']}) and all within the range",
                )
            out[key] = Measure(
                key,
                m["name"],
                m["min"],
                m["max"],
                m["start"],
                m["low"],
                m["high"],
                m.get("description", ""),
                bands,
                m.loc,
                m.at("start"),
            )
        return out

    def role(self, key: str, r: LocDict) -> Role:
        return Role(
            key,
            r["name"],
            r["title"],
            r["brief"],
            tuple(r.get("goals", ())),
            tuple(r.get("private", ())),
            tuple(r.get("pressures", ())),
            r.loc,
        )

    def effects(self, data: LocDict) -> tuple[dict[str, int], dict[str, tuple[int, int]]]:
        return dict(data), {k: data.key_at(k) for k in data}

    def choice(self, index: int, c: LocDict) -> Choice:
        effects, effect_locs = self.effects(c["effects"])
        theory, theory_locs = self.keys(c.get("theory"))
        default_id = _LETTERS[index] if index < len(_LETTERS) else f"c{index + 1}"
        return Choice(
            c.get("id", default_id),
            c["text"],
            effects,
            c["why"],
            theory,
            self.condition(c.get("when")),
            self.target(c.get("next"), c.at("next")),
            c.loc,
            effect_locs,
            theory_locs,
        )

    def point(self, key: str, p: LocDict) -> Point:
        choices_data = p["choices"]
        choices = tuple(self.choice(i, c) for i, c in enumerate(choices_data))
        seen: dict[str, tuple[int, int]] = {}
        for choice in choices:
            if choice.id in seen:
                self.bad(
                    choice.loc,
                    f"point {key}: two choices have the id '{choice.id}' "
                    f"(first at line {seen[choice.id][0]}); ids must differ",
                )
            seen.setdefault(choice.id, choice.loc)
        rules = tuple(
            Rule(
                r.get("role"),
                self.condition(r.get("when")),
                r["choose"],
                r.loc,
                r.at("choose"),
                r.get("note"),
            )
            for r in p.get("rules", ())
        )
        impasse = None
        if "impasse" in p:
            i = p["impasse"]
            effects, effect_locs = self.effects(i["effects"])
            impasse = Impasse(
                effects, i["prompt"], self.target(i["next"], i.at("next")) or (), i.loc, effect_locs
            )
        theory, theory_locs = self.keys(p.get("theory"))
        prompt = p["prompt"]
        return Point(
            key,
            p["actor"],
            p.get("title", key),
            dict(prompt),
            choices,
            self.target(p.get("next"), p.at("next")),
            rules,
            impasse,
            theory,
            p.loc,
            p.at("prompt"),
            {k: prompt.key_at(k) for k in prompt},
            theory_locs,
        )

    def ending(self, key: str, e: LocDict) -> Ending:
        theory, theory_locs = self.keys(e.get("theory"))
        return Ending(key, e["title"], e["text"], e["achieved"], theory, e.loc, theory_locs)

    def debrief(self, d: LocDict) -> DebriefItem:
        theory, theory_locs = self.keys(d.get("theory"))
        points, point_locs = self.keys(d.get("points"))
        return DebriefItem(d["text"], points, theory, d.loc, theory_locs, point_locs)

    def scenario(self, d: LocDict) -> Scenario:
        sources, source_locs = self.keys(d.get("sources"))
        return Scenario(
            path=self.path,
            id=d["id"],
            title=d["title"],
            version=d["version"],
            language=d.get("language", "en-GB"),
            summary=d.get("summary", ""),
            content_note=d["content_note"],
            setting=d.get("setting", ""),
            problem=d.get("problem", ""),
            sources=sources,
            measures=self.measures(d.get("measures")),
            roles={k: self.role(k, r) for k, r in d["roles"].items()},
            start=d["start"],
            start_loc=d.at("start"),
            points={k: self.point(k, p) for k, p in d["points"].items()},
            endings={k: self.ending(k, e) for k, e in d["endings"].items()},
            debrief=tuple(self.debrief(x) for x in d.get("debrief", ())),
            author_notes=tuple(d.get("author_notes", ())),
            loc=d.loc,
            source_locs=source_locs,
            roles_loc=d.at("roles"),
        )

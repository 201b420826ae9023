"""A loaded scenario as a plain JSON-ready dict, for the JavaScript player and the widgets.

Shapes are normalised so a port needs no YAML knowledge: every ``next`` is a list of branches
``{"when": [clause, ...] | null, "to": id}``; a clause is ``[measure, op, value]``,
``{"chose": point, "in": [choice ids]}`` or ``{"visits": point, "op": op, "value": n}``;
choice ids are filled in, and each choice's theory keys include its point's. ``hash`` names the
content exactly (``sha256:`` of the canonical JSON of everything else), in every host alike.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from kfcourse.scenario.model import AnyClause, Branch, ChoseClause, Clause, Condition, Scenario

COMPILED_FORMAT = 2


def _clause(c: AnyClause) -> Any:
    if isinstance(c, Clause):
        return [c.measure, c.op, c.value]
    if isinstance(c, ChoseClause):
        return {"chose": c.point, "in": list(c.choices)}
    return {"visits": c.point, "op": c.op, "value": c.value}


def _condition(condition: Condition | None) -> list[Any] | None:
    if condition is None:
        return None
    return [_clause(c) for c in condition.clauses]


def content_hash(compiled: dict[str, Any]) -> str:
    """``sha256:`` of the canonical JSON of a compiled scenario (its own ``hash`` left out)."""
    body = {k: v for k, v in compiled.items() if k != "hash"}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _route(branches: tuple[Branch, ...] | None) -> list[dict[str, Any]] | None:
    if branches is None:
        return None
    return [{"when": _condition(b.when), "to": b.to} for b in branches]


def compile_scenario(s: Scenario) -> dict[str, Any]:
    """Everything the player needs, including both roles' private information (the player
    shows each role only its own)."""
    compiled = {
        "compiled_format": COMPILED_FORMAT,
        "id": s.id,
        "title": s.title,
        "version": s.version,
        "language": s.language,
        "summary": s.summary,
        "content_note": s.content_note,
        "setting": s.setting,
        "problem": s.problem,
        "sources": list(s.sources),
        "measures": {
            k: {
                "name": m.name,
                "min": m.min,
                "max": m.max,
                "start": m.start,
                "low": m.low,
                "high": m.high,
                "description": m.description,
                "bands": [{"from": b.start, "label": b.label} for b in m.bands],
                # The meter's words for every value, from min up (Measure.words, the one rule).
                "words": [m.words(v) for v in range(m.min, m.max + 1)],
            }
            for k, m in s.measures.items()
        },
        "roles": {
            k: {
                "name": r.name,
                "title": r.title,
                "brief": r.brief,
                "goals": list(r.goals),
                "private": list(r.private),
                "pressures": list(r.pressures),
            }
            for k, r in s.roles.items()
        },
        "start": s.start,
        "points": {
            k: {
                "actor": p.actor,
                "title": p.title,
                "prompt": dict(p.prompt),
                "choices": [
                    {
                        "id": c.id,
                        "text": c.text,
                        "effects": dict(c.effects),
                        "why": c.why,
                        "theory": list(dict.fromkeys((*p.theory, *c.theory))),
                        "when": _condition(c.when),
                        "next": _route(p.route(c)),
                    }
                    for c in p.choices
                ],
                "rules": [
                    {"role": r.role, "when": _condition(r.when), "choose": r.choose, "note": r.note}
                    for r in p.rules
                ],
                "impasse": None
                if p.impasse is None
                else {
                    "effects": dict(p.impasse.effects),
                    "prompt": p.impasse.prompt,
                    "next": _route(p.impasse.next),
                },
            }
            for k, p in s.points.items()
        },
        "endings": {
            k: {"title": e.title, "text": e.text, "achieved": e.achieved, "theory": list(e.theory)}
            for k, e in s.endings.items()
        },
        "debrief": [
            {"text": d.text, "points": list(d.points), "theory": list(d.theory)} for d in s.debrief
        ],
    }
    compiled["hash"] = content_hash(compiled)
    return compiled


def theory_keys(compiled: dict[str, Any]) -> set[str]:
    """Every BibTeX key a scenario's choices and debrief cite."""
    keys: set[str] = set()
    for point in compiled["points"].values():
        for choice in point.get("choices", []):
            keys.update(choice.get("theory") or [])
    for item in compiled.get("debrief", []):
        keys.update(item.get("theory") or [])
    return keys

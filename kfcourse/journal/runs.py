"""The one mapping from a role-play session to a journal entry, and the way back to resume it.

Both hosts use this shape: the widget through this module, the book page through its JavaScript
twin (``kfcourse/web/roleplay/entry.js``), which is checked against entries made here
(``kfcourse.scenario.vectors``). The engine's trace goes in as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from kfcourse.journal import entries

if TYPE_CHECKING:
    from kfcourse.scenario.engine import Session

Entry = dict[str, Any]
# What a run records beyond the fields every entry has (id, kind, times, version, source).
RUN_FIELDS = (
    "scenario_id",
    "scenario_hash",
    "scenario_title",
    "scenario_version",
    "side",
    "moves",
    "trace",
    "measures_start",
    "measures_end",
    "ending",
    "completed",
)


def run_fields(session: Session, scenario_hash: str) -> dict[str, Any]:
    """The run-specific fields of a session's entry, in one order for both hosts."""
    s = session.scenario
    ending = s.endings.get(session.node)
    return {
        "scenario_id": s.id,
        "scenario_hash": scenario_hash,
        "scenario_title": s.title,
        "scenario_version": s.version,
        "side": session.mode,
        "moves": [list(m) for m in session.inputs],
        "trace": [dict(step) for step in session.trace],
        "measures_start": s.start_measures(),
        "measures_end": dict(session.measures),
        "ending": ending.id if ending else None,
        "completed": session.ended,
    }


def run_entry(
    session: Session,
    *,
    scenario_hash: str | None = None,
    previous: Mapping[str, Any] | None = None,
    source: str = "jupyter",
) -> Entry:
    """A journal entry for this run: new, or ``previous`` (same id) brought up to date.

    Not checked against the schema here: the store checks every entry it writes (once per
    move is enough; the check is the slowest part of a move in Jupyter).
    """
    if scenario_hash is None:
        from kfcourse.scenario.compiled import compile_scenario

        scenario_hash = compile_scenario(session.scenario)["hash"]
    fields = run_fields(session, scenario_hash)
    if previous is not None:
        return entries.touched(previous, **fields)
    return {**entries.new_entry("roleplay", {}, source), **fields}  # None kept, as in entry.js


def latest_unfinished(
    held: Iterable[Mapping[str, Any]], scenario_id: str, scenario_hash: str
) -> Mapping[str, Any] | None:
    """The most recently updated run of this exact scenario that has not reached an ending."""
    runs = [
        e
        for e in held
        if e.get("kind") == "roleplay"
        and e.get("scenario_id") == scenario_id
        and e.get("scenario_hash") == scenario_hash
        and not e.get("completed")
        and isinstance(e.get("moves"), list)
    ]
    return max(runs, key=lambda e: str(e.get("updated", "")), default=None)


def decided_by(step: Mapping[str, Any]) -> str:
    """Who made a step's decision, for exports: ``rules`` (the other role's rules alone),
    ``joint-rules`` (the learner agreed with the other role's rules), ``joint`` (two people
    agreed), ``impasse`` (no agreement), or the role id of the learner who chose."""
    ruled = step.get("ruled")
    ruled = ruled if isinstance(ruled, list) else []
    actor = step.get("actor")
    if step.get("choice") is None:
        return "impasse"
    if actor == "joint":
        return "joint-rules" if ruled else "joint"
    if actor in ruled:
        return "rules"
    return str(actor) if isinstance(actor, str) else "you"

"""The one mapping from a role-play session to a journal entry, and the way back to resume it.

Both hosts use this shape: the widget through this module, the book page through its JavaScript
twin (``kfcourse/web/roleplay/entry.js``), which is checked against entries made here
(``kfcourse.scenario.vectors``). The engine's trace goes in as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from kfcourse.journal import entries
from kfcourse.journal.errors import JournalError

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
    "ending_title",
    "completed",
    "point_titles",
    "measure_names",
)
# How a run follows the run named in its ``related_entry``: "swap" is the same scenario from
# the other side (in pair play, the players swapped chairs), "replay" the same side again.
RELATIONS = ("swap", "replay")
# The exercise ids of the notes a learner keeps on one run (exercise answers about the run).
DISAGREEMENT = "disagreement"
DEROLING = "de-roling"
NOTE_KINDS = (DISAGREEMENT, DEROLING)
NOTE_LIMIT = 5000  # characters in one note: a few paragraphs


def link_fields(related_entry: str | None, relation: str | None) -> dict[str, str]:
    """``related_entry`` and ``relation`` for an entry, or nothing; a relation needs a run."""
    if related_entry is None and relation is None:
        return {}
    if relation not in RELATIONS or not isinstance(related_entry, str):
        raise JournalError(
            "A run can follow another run only as a swap or a replay of it, naming that run."
        )
    return {"related_entry": related_entry, "relation": relation}


def run_fields(
    session: Session,
    scenario_hash: str,
    *,
    related_entry: str | None = None,
    relation: str | None = None,
) -> dict[str, Any]:
    """The run-specific fields of a session's entry, in one order for both hosts.

    Titles of the ending, the points visited and the measures travel with the run, so that
    exports and the journal can show it in words without the scenario file.
    """
    s = session.scenario
    ending = s.endings.get(session.node)
    visited = dict.fromkeys(step["point"] for step in session.trace)
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
        "ending_title": ending.title if ending else None,
        "completed": session.ended,
        "point_titles": {p: s.points[p].title for p in visited if p in s.points},
        "measure_names": {key: m.name for key, m in s.measures.items()},
        **link_fields(related_entry, relation),
    }


def run_entry(
    session: Session,
    *,
    scenario_hash: str | None = None,
    previous: Mapping[str, Any] | None = None,
    source: str = "jupyter",
    related_entry: str | None = None,
    relation: str | None = None,
) -> Entry:
    """A journal entry for this run: new, or ``previous`` (same id) brought up to date.

    ``related_entry`` and ``relation`` link the run to the run it follows (a ``swap`` or a
    ``replay``); a run brought up to date keeps the link it has.

    Not checked against the schema here: the store checks every entry it writes (once per
    move is enough; the check is the slowest part of a move in Jupyter).
    """
    if scenario_hash is None:
        from kfcourse.scenario.compiled import compile_scenario

        scenario_hash = compile_scenario(session.scenario)["hash"]
    fields = run_fields(session, scenario_hash, related_entry=related_entry, relation=relation)
    if previous is not None:
        return entries.touched(previous, **fields)
    return {**entries.new_entry("roleplay", {}, source), **fields}  # None kept, as in entry.js


def _check_note(run: Any, text: Any) -> None:
    if not isinstance(run, Mapping) or run.get("kind") != "roleplay" or "id" not in run:
        raise JournalError("A note on a run must name a role-play run held in the journal.")
    if not isinstance(text, str):
        raise JournalError("A note on a run must be text.")
    if not text.strip():
        raise JournalError("Write something first.")
    if len(text) > NOTE_LIMIT:
        raise JournalError(f"A note can hold {NOTE_LIMIT} characters at most.")


def _step_of(run: Mapping[str, Any], step_n: int) -> Mapping[str, Any]:
    given = run.get("trace")
    trace: list[Any] = given if isinstance(given, list) else []
    if isinstance(step_n, bool) or not isinstance(step_n, int) or not 1 <= step_n <= len(trace):
        raise JournalError(
            f"This run has {len(trace)} steps, so there is no step {step_n} to disagree with."
        )
    step = trace[step_n - 1]
    return step if isinstance(step, Mapping) else {}


def disagreement_entry(
    run: Mapping[str, Any], step_n: int, text: str, *, source: str | None = "jupyter"
) -> Entry:
    """A learner's "Disagree with the key?" note on step ``step_n`` (from 1) of ``run``.

    An exercise answer (exercise ``disagreement``) that refers to the run: the question is the
    key's "why" for the step, the answer ``{step, point, choice, text}``.
    """
    _check_note(run, text)
    step = _step_of(run, step_n)
    why = step.get("why")
    return entries.exercise_answer(
        DISAGREEMENT,
        {"step": step_n, "point": step.get("point"), "choice": step.get("choice"), "text": text},
        question=why if isinstance(why, str) else None,
        related_entry=run["id"],
        source=source,
    )


def derole_entry(
    run: Mapping[str, Any],
    text: str,
    *,
    question: str | None = None,
    source: str | None = "jupyter",
) -> Entry:
    """The de-roling note after a run (one way the learner differs from their character): an
    exercise answer (exercise ``de-roling``) that refers to the run, the answer ``{text}``."""
    _check_note(run, text)
    return entries.exercise_answer(
        DEROLING, {"text": text}, question=question, related_entry=run["id"], source=source
    )


def note_entry(run: Mapping[str, Any], note: Any, *, source: str | None = "jupyter") -> Entry:
    """The entry for a note a view sends about ``run`` (``{kind, text, step?}``, kind
    ``disagreement`` or ``de-roling``); JournalError, with a reason for the learner, if it is
    not one."""
    if not isinstance(note, Mapping) or note.get("kind") not in NOTE_KINDS:
        raise JournalError("A note must be a disagreement or the de-roling.")
    step: Any = note.get("step")  # checked by the entry's own rules, with their reasons
    text: Any = note.get("text")
    if note["kind"] == DISAGREEMENT:
        return disagreement_entry(run, step, text, source=source)
    return derole_entry(run, text, source=source)


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

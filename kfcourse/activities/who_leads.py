"""Rules of Chapter 1's exercise "Who leads? Who follows?": eight actors on two axes.

The learner places each actor in a discharge-delay problem at a level (low, some, high) of
*formal authority* and of *knowledge relevant to this problem*. When all eight are placed, a
reference placement can be shown for comparison: authority clusters at the top while relevant
knowledge is spread across everyone. The reference is one reasonable reading, to discuss, not a
key. A mismatch is an actor whose knowledge and authority sit at different levels; the learner
records one, and the risk it creates for trust. ``kfcourse/web/wholeads/rules.js`` is the page's
copy of these rules, checked against the vectors ``who_leads_vectors`` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

EXERCISE = "who-leads"
ACTORS = (
    "consultant",
    "ward-nurse",
    "pharmacist",
    "junior-doctor",
    "bed-manager",
    "patient-leader",
    "carer",
    "board-member",
)
LEVELS = ("low", "some", "high")
AXES = ("authority", "knowledge")
# One reasonable placement for the discharge-delay problem of Scenario A (illustrative).
REFERENCE = {
    "consultant": {"authority": "high", "knowledge": "some"},
    "ward-nurse": {"authority": "some", "knowledge": "high"},
    "pharmacist": {"authority": "low", "knowledge": "high"},
    "junior-doctor": {"authority": "low", "knowledge": "some"},
    "bed-manager": {"authority": "some", "knowledge": "high"},
    "patient-leader": {"authority": "low", "knowledge": "some"},
    "carer": {"authority": "low", "knowledge": "high"},
    "board-member": {"authority": "high", "knowledge": "low"},
}
RISK_MAX = 2000


class WhoLeadsError(ValueError):
    """An answer the rules do not accept (an unknown actor or level, a reference shown early)."""


def parse_placements(placements: Any) -> dict[str, dict[str, str | None]]:
    """Every actor's levels (None where not yet placed); WhoLeadsError if malformed."""
    if placements is None:
        placements = {}
    if not isinstance(placements, Mapping):
        raise WhoLeadsError("the placements must map each actor to its two levels")
    unknown = [a for a in placements if a not in ACTORS]
    if unknown:
        raise WhoLeadsError(f"no actor called {unknown[0]!r}; the actors are {', '.join(ACTORS)}")
    out: dict[str, dict[str, str | None]] = {}
    for actor in ACTORS:
        given = placements.get(actor) or {}
        if not isinstance(given, Mapping) or set(given) - set(AXES):
            raise WhoLeadsError(f"{actor} must have an authority and a knowledge level")
        levels: dict[str, str | None] = {}
        for axis in AXES:
            level = given.get(axis)
            if level is not None and level not in LEVELS:
                raise WhoLeadsError(
                    f"a level must be one of {', '.join(LEVELS)}, not {level!r} ({actor}, {axis})"
                )
            levels[axis] = level
        out[actor] = levels
    return out


def complete(placements: Mapping[str, Mapping[str, str | None]]) -> bool:
    return all(placements[a][axis] is not None for a in ACTORS for axis in AXES)


def gap(levels: Mapping[str, str | None]) -> int | None:
    """Knowledge level minus authority level: above 0, an actor knows more than their authority
    lets them act on; below 0, authority runs ahead of knowledge; None until both are placed."""
    if levels.get("authority") is None or levels.get("knowledge") is None:
        return None
    return LEVELS.index(str(levels["knowledge"])) - LEVELS.index(str(levels["authority"]))


def mismatches(placements: Mapping[str, Mapping[str, str | None]]) -> list[dict[str, Any]]:
    """The actors placed with knowledge and authority at different levels, in actor order."""
    out = []
    for actor in ACTORS:
        g = gap(placements[actor])
        if g:
            out.append({"actor": actor, "gap": g})
    return out


def comparison(placements: Mapping[str, Mapping[str, str | None]]) -> list[dict[str, Any]]:
    """Each actor as placed beside the reference, and on which axes they agree."""
    return [
        {
            "actor": actor,
            "authority": placements[actor]["authority"] == REFERENCE[actor]["authority"],
            "knowledge": placements[actor]["knowledge"] == REFERENCE[actor]["knowledge"],
        }
        for actor in ACTORS
    ]


def answer(
    placements: Any, reference_shown: Any = False, mismatch: Any = None, risk: Any = ""
) -> dict[str, Any]:
    """The journal's ``answer`` (the one mapping, also in rules.js)."""
    placed = parse_placements(placements)
    if not isinstance(reference_shown, bool):
        raise WhoLeadsError("whether the reference was shown must be true or false")
    if reference_shown and not complete(placed):
        raise WhoLeadsError("the reference is shown once all eight actors are placed")
    if mismatch is not None and mismatch not in ACTORS:
        raise WhoLeadsError(f"no actor called {mismatch!r}")
    if not isinstance(risk, str) or len(risk) > RISK_MAX:
        raise WhoLeadsError(f"the risk must be a text of at most {RISK_MAX} characters")
    done = complete(placed)
    return {
        "placements": placed,
        "complete": done,
        "mismatches": mismatches(placed),
        "reference_shown": reference_shown,
        "comparison": comparison(placed) if reference_shown else None,
        "mismatch": mismatch,
        "risk": risk,
        "finished": done and reference_shown and mismatch is not None and bool(risk.strip()),
    }


def entry_fields(the_answer: Mapping[str, Any], title: str, question: str) -> dict[str, Any]:
    """The journal entry's fields (kind ``exercise_answer``): a draft until it is finished."""
    return {
        "exercise": EXERCISE,
        "title": title,
        "question": question,
        "answer": dict(the_answer),
        "draft": not the_answer["finished"],
    }

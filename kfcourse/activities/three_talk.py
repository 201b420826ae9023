"""Rules of Chapter 7's exercise "Three-talk triad": predicted against actual CollaboRATE ratings.

Three people (clinician, patient, observer) hold a six-minute shared decision-making conversation
about moving to patient-initiated follow-up (Scenario C). In each round (a *rotation*) the
observer counts what they see on a checklist mapped to team, option and decision talk; the
clinician predicts the patient's answers to the three CollaboRATE items (Elwyn et al., 2013);
the screen is handed over, so the predictions are hidden while the patient rates; then the
result shows the gap per item (the patient's rating minus the prediction), the totals out of 12
and the tally per talk.

The three rounds of one sitting (up to ``ROTATIONS_MAX``, roles rotating) are one attempt and so
one journal entry: the discussion compares the rounds with each other, a round means little
alone, and the group shares one screen, so one entry keeps that sitting's record together. The
attempt is finished once a round has predictions, ratings and a tally with at least one count.
Each item is scored as answered (0 to 4) and the three are added to a total out of 12: a simple
summary for discussion, not a validated score (CollaboRATE is validated for real encounters, not
role-plays). ``kfcourse/web/triad/rules.js`` is the page's copy, checked against the vectors
``three_talk_vectors`` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

EXERCISE = "three-talk"
ITEMS = ("understand", "listen", "include")  # the three CollaboRATE items, in order
SCALE_MAX = 4  # the five-point version: 0 (no effort was made) to 4 (every effort was made)
TOTAL_MAX = SCALE_MAX * len(ITEMS)
TALKS = ("team", "option", "decision")
# The observer's checklist (original wording in the catalogue, after the three-talk model).
BEHAVIOURS = {
    "team": ("team-choice", "team-goals", "team-support"),
    "option": ("option-options", "option-compare", "option-check"),
    "decision": ("decision-preference", "decision-safety", "decision-review"),
}
CHECKLIST = tuple(b for talk in TALKS for b in BEHAVIOURS[talk])
STAGES = ("predict", "rate", "result")  # the clinician predicts; handed over; the result
ROTATIONS_MAX = 3
TALLY_MAX = 99
NOTES_MAX = 2000


class ThreeTalkError(ValueError):
    """An answer the rules do not accept (a rating out of range, the patient rating before the
    hand-over, a result before every item is rated, a fourth round)."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _ratings(given: Any, what: str, n: int) -> dict[str, int | None]:
    given = {} if given is None else given
    if not isinstance(given, Mapping) or set(given) - set(ITEMS):
        raise ThreeTalkError(f"round {n}: the {what} must map the items {', '.join(ITEMS)}")
    out: dict[str, int | None] = {}
    for item in ITEMS:
        value = given.get(item)
        if value is not None and not (_is_int(value) and 0 <= value <= SCALE_MAX):
            raise ThreeTalkError(
                f"round {n}: a rating is a whole number from 0 to {SCALE_MAX}, not {value!r}"
            )
        out[item] = value
    return out


def _tally(given: Any, n: int) -> dict[str, int]:
    given = {} if given is None else given
    if not isinstance(given, Mapping) or set(given) - set(CHECKLIST):
        raise ThreeTalkError(f"round {n}: the tally must count only the checklist's behaviours")
    out: dict[str, int] = {}
    for behaviour in CHECKLIST:
        value = given.get(behaviour, 0)
        if not (_is_int(value) and 0 <= value <= TALLY_MAX):
            raise ThreeTalkError(
                f"round {n}: a count is a whole number from 0 to {TALLY_MAX}, not {value!r}"
            )
        out[behaviour] = value
    return out


def filled(ratings: Mapping[str, int | None]) -> bool:
    return all(ratings[item] is not None for item in ITEMS)


def total(ratings: Mapping[str, int | None]) -> int | None:
    """The three items added up (out of ``TOTAL_MAX``); None until all three are given."""
    return sum(int(ratings[i] or 0) for i in ITEMS) if filled(ratings) else None


def parse_rotation(given: Any, n: int) -> dict[str, Any]:
    """One round's stage, predictions, ratings and tally; ThreeTalkError if the rules refuse it."""
    if not isinstance(given, Mapping) or set(given) - {"stage", "predicted", "rated", "tally"}:
        raise ThreeTalkError(f"round {n} must have a stage, predictions, ratings and a tally")
    stage = given.get("stage", "predict")
    if stage not in STAGES:
        raise ThreeTalkError(f"round {n}: the stage is one of {', '.join(STAGES)}, not {stage!r}")
    predicted = _ratings(given.get("predicted"), "predictions", n)
    rated = _ratings(given.get("rated"), "ratings", n)
    tally = _tally(given.get("tally"), n)
    if stage == "predict" and any(v is not None for v in rated.values()):
        raise ThreeTalkError(f"round {n}: the patient rates after the screen is handed over")
    if stage != "predict" and not filled(predicted):
        raise ThreeTalkError(
            f"round {n}: the clinician predicts all three items before handing over"
        )
    if stage == "result" and not filled(rated):
        raise ThreeTalkError(f"round {n}: the patient rates all three items before the result")
    return {"stage": stage, "predicted": predicted, "rated": rated, "tally": tally}


def rotation_answer(r: Mapping[str, Any]) -> dict[str, Any]:
    """A parsed round with what its result shows: totals, gaps (only once shown), talks."""
    shown = r["stage"] == "result"
    gaps = {i: int(r["rated"][i]) - int(r["predicted"][i]) for i in ITEMS} if shown else None
    talks = {talk: sum(r["tally"][b] for b in BEHAVIOURS[talk]) for talk in TALKS}
    rated_total = total(r["rated"])
    return {
        **r,
        "predicted_total": total(r["predicted"]),
        "rated_total": rated_total,
        "gaps": gaps,
        "gap_total": sum(gaps.values()) if gaps is not None else None,
        "top_ratings": (
            sum(1 for i in ITEMS if r["rated"][i] == SCALE_MAX) if rated_total is not None else None
        ),
        "talks": talks,
        "complete": shown and sum(talks.values()) > 0,
    }


def answer(rotations: Any = None, notes: Any = "") -> dict[str, Any]:
    """The journal's ``answer`` (the one mapping, also in rules.js)."""
    if rotations is None:
        rotations = [{}]
    if not isinstance(rotations, list) or not 1 <= len(rotations) <= ROTATIONS_MAX:
        raise ThreeTalkError(f"there are from 1 to {ROTATIONS_MAX} rounds")
    parsed = [parse_rotation(r, n) for n, r in enumerate(rotations, start=1)]
    for n, r in enumerate(parsed[:-1], start=1):
        if r["stage"] != "result":
            raise ThreeTalkError(f"round {n} reaches its result before the next round starts")
    if not isinstance(notes, str) or len(notes) > NOTES_MAX:
        raise ThreeTalkError(f"the notes must be a text of at most {NOTES_MAX} characters")
    rounds = [rotation_answer(r) for r in parsed]
    return {
        "rotations": rounds,
        "notes": notes,
        "finished": any(r["complete"] for r in rounds),
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

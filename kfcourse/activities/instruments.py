"""Rules of the course's four short checks (instruments), rated "before" and "after".

Each instrument is a handful of original prompts written for this course (brief §5.4, 5.5, 5.7,
5.8); none is a validated scale. Their items are data here (ids only: the words are in the
catalogue's ``instrument`` section). The learner rates every item at two moments, before and
after (a role-play, an exercise, a few weeks of work), and sees the change per item and overall,
in numbers and words. The partnership trust check is rated by two partners about each other, and
shows the biggest gap between them; the relational practice self-check answers yes, partly or
no with an example; the collaboration health check is scored by the pair and ends with one
agreed action. ``kfcourse/web/instrument/rules.js`` is the page's copy of these rules, checked
against the vectors ``instruments_vectors`` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PREFIX = "instrument-"  # the journal's exercise id is PREFIX + the instrument's id
MOMENTS = ("before", "after")
AGREEMENT = (1, 2, 3, 4, 5)  # 1 strongly disagree ... 5 strongly agree
PRACTICE = ("yes", "partly", "no")
PRACTICE_POINTS = {"no": 0, "partly": 1, "yes": 2}
TEXT_MAX = 2000  # an example or the agreed action


@dataclass(frozen=True)
class Item:
    """One prompt; ``scored`` is False for an item about the rater, not counted in the total."""

    id: str
    scored: bool = True


@dataclass(frozen=True)
class Instrument:
    """One check: its scale, who rates, its items, and what else it asks for."""

    id: str
    scale: str  # "agreement" (1-5) or "practice" (yes, partly, no with an example)
    raters: tuple[str, ...]
    items: tuple[Item, ...]
    private: bool = False  # responses stay with the learner (never shared with a class)
    action: bool = False  # ends with one agreed action

    @property
    def exercise(self) -> str:
        return PREFIX + self.id


def _items(*ids: str) -> tuple[Item, ...]:
    return tuple(Item(i) for i in ids)


INSTRUMENTS: dict[str, Instrument] = {
    i.id: i
    for i in (
        Instrument(
            "partnership-trust",
            "agreement",
            ("partner-a", "partner-b"),
            (
                *_items("knowledge", "delivers", "cares", "eases", "honest", "consistent"),
                Item("propensity", scored=False),
            ),
        ),
        Instrument(
            "speaking-up",
            "agreement",
            ("self",),
            _items("concerns", "mistakes", "challenge", "help", "less-authority"),
            private=True,
        ),
        Instrument(
            "relational-practice",
            "practice",
            ("self",),
            _items("conversation", "voices", "responded", "accountable", "disagreed"),
        ),
        Instrument(
            "collaboration-health",
            "agreement",
            ("pair",),
            _items("aims", "power", "trust", "membership", "media"),
            action=True,
        ),
    )
}


class InstrumentError(ValueError):
    """An answer the rules do not accept (an unknown instrument, item or value, a long text)."""


def instrument(instrument_id: Any) -> Instrument:
    """The instrument called ``instrument_id``; InstrumentError if there is none."""
    if not isinstance(instrument_id, str) or instrument_id not in INSTRUMENTS:
        raise InstrumentError(
            f"no check called {instrument_id!r}; the checks are {', '.join(INSTRUMENTS)}"
        )
    return INSTRUMENTS[instrument_id]


def values(inst: Instrument) -> tuple[int | str, ...]:
    return AGREEMENT if inst.scale == "agreement" else PRACTICE


def points(inst: Instrument, value: int | str | None) -> int | None:
    """A rating as a number: 1-5 as given; yes 2, partly 1, no 0."""
    if value is None:
        return None
    return int(value) if inst.scale == "agreement" else PRACTICE_POINTS[str(value)]


Ratings = tuple[str, tuple[int, int], dict[str, dict[str, int]]]


def entry_ratings(entry: Mapping[str, Any]) -> Ratings | None:
    """A journal entry's check ratings as numbers, for reports: the instrument's id, its
    scale's range and, per moment, each rated item's points (an item rated by one of two raters
    is named ``<rater>.<item>``). None when the entry is not an answer to a check."""
    the_answer = entry.get("answer")
    if entry.get("kind") != "exercise_answer" or not str(entry.get("exercise")).startswith(PREFIX):
        return None
    if not isinstance(the_answer, Mapping):
        return None
    try:
        inst = instrument(the_answer.get("instrument"))
        rated = parse_ratings(inst, the_answer.get("ratings"))
    except InstrumentError:  # not a check's answer after all
        return None
    low, high = (min(AGREEMENT), max(AGREEMENT)) if inst.scale == "agreement" else (0, 2)
    by_moment: dict[str, dict[str, int]] = {}
    for moment, by_rater in rated.items():
        found = by_moment[moment] = {}
        for rater, by_item in by_rater.items():
            for item, value in by_item.items():
                number = points(inst, value)
                if number is not None:
                    found[item if len(inst.raters) == 1 else f"{rater}.{item}"] = number
    return inst.id, (low, high), by_moment


def _nested(inst: Instrument, given: Any, what: str) -> dict[str, dict[str, dict[str, Any]]]:
    """``given`` as {moment: {rater: {item: value}}} with every level checked (values unchecked)."""
    if given is None:
        given = {}
    if not isinstance(given, Mapping):
        raise InstrumentError(f"the {what} must map each moment (before, after) to its answers")
    for moment in given:
        if moment not in MOMENTS:
            raise InstrumentError(f"no moment called {moment!r}; the moments are before and after")
    out: dict[str, dict[str, dict[str, Any]]] = {}
    ids = [i.id for i in inst.items]
    for moment in MOMENTS:
        by_rater = given.get(moment)
        by_rater = {} if by_rater is None else by_rater
        if not isinstance(by_rater, Mapping):
            raise InstrumentError(f"the {what} for {moment} must map each rater to their answers")
        for rater in by_rater:
            if rater not in inst.raters:
                raise InstrumentError(f"no rater called {rater!r} in this check")
        out[moment] = {}
        for rater in inst.raters:
            by_item = by_rater.get(rater)
            by_item = {} if by_item is None else by_item
            if not isinstance(by_item, Mapping):
                raise InstrumentError(f"the {what} of {rater} must map each statement to one")
            for item in by_item:
                if item not in ids:
                    raise InstrumentError(f"no statement called {item!r} in this check")
            out[moment][rater] = {item: by_item.get(item) for item in ids}
    return out


def parse_ratings(inst: Instrument, ratings: Any) -> dict[str, dict[str, dict[str, Any]]]:
    """Every rating at every moment by every rater (None where not yet given)."""
    out = _nested(inst, ratings, "ratings")
    allowed = values(inst)
    kind = int if inst.scale == "agreement" else str
    for moment, by_rater in out.items():
        for by_item in by_rater.values():
            for item, value in by_item.items():
                if value is None:
                    continue
                if type(value) is not kind or value not in allowed:
                    shown = ", ".join(str(v) for v in allowed)
                    raise InstrumentError(
                        f"a rating must be one of {shown}, not {value!r} ({item}, {moment})"
                    )
    return out


def parse_examples(inst: Instrument, examples: Any) -> dict[str, dict[str, dict[str, str]]] | None:
    """The examples of a yes/partly/no check ("" where none); None for a check without them."""
    if inst.scale != "practice":
        if examples not in (None, {}):
            raise InstrumentError("this check asks for no examples")
        return None
    out = _nested(inst, examples, "examples")
    for by_rater in out.values():
        for by_item in by_rater.values():
            for item, text in by_item.items():
                if text is None:
                    by_item[item] = ""
                elif not isinstance(text, str) or len(text) > TEXT_MAX:
                    raise InstrumentError(
                        f"an example must be a text of at most {TEXT_MAX} characters"
                    )
    return out


def score(inst: Instrument, by_item: Mapping[str, Any]) -> dict[str, Any]:
    """One rater's score at one moment: how many answered; the total of the scored items (and
    its mean, to one decimal) once all of them are answered."""
    scored = [i.id for i in inst.items if i.scored]
    answered = sum(1 for i in inst.items if by_item[i.id] is not None)
    top = max(points(inst, v) or 0 for v in values(inst))
    complete = answered == len(inst.items)
    total = sum(points(inst, by_item[i]) or 0 for i in scored) if complete else None
    return {
        "answered": answered,
        "complete": complete,
        "total": total,
        "max": top * len(scored),
        # half up, in whole numbers (the same in JavaScript)
        "mean": (20 * total + len(scored)) // (2 * len(scored)) / 10 if total is not None else None,
    }


def direction(change: int | None) -> str | None:
    """The change in words: up, down or same (None when there is nothing to compare)."""
    if change is None:
        return None
    return "up" if change > 0 else "down" if change < 0 else "same"


def _difference(before: int | None, after: int | None) -> dict[str, Any]:
    change = None if before is None or after is None else after - before
    return {"before": before, "after": after, "change": change, "direction": direction(change)}


def changes(
    inst: Instrument, ratings: Mapping[str, Any], scores: Mapping[str, Any]
) -> dict[str, Any]:
    """Each rater's change from before to after, per item (in points) and overall (the total)."""
    out: dict[str, Any] = {}
    for rater in inst.raters:
        items = {
            i.id: _difference(
                points(inst, ratings["before"][rater][i.id]),
                points(inst, ratings["after"][rater][i.id]),
            )
            for i in inst.items
        }
        overall = _difference(scores["before"][rater]["total"], scores["after"][rater]["total"])
        out[rater] = {"items": items, "overall": overall}
    return out


def gaps(inst: Instrument, ratings: Mapping[str, Any]) -> dict[str, Any] | None:
    """For a check two partners rate about each other: at each moment, the gap between their
    ratings of each item, and the biggest gap (and where) once both have rated every item."""
    if len(inst.raters) != 2:
        return None
    first, second = inst.raters
    out: dict[str, Any] = {}
    for moment in MOMENTS:
        a, b = ratings[moment][first], ratings[moment][second]
        items = {
            i.id: None
            if a[i.id] is None or b[i.id] is None
            else abs((points(inst, a[i.id]) or 0) - (points(inst, b[i.id]) or 0))
            for i in inst.items
        }
        known = [g for g in items.values() if g is not None]
        biggest = max(known) if len(known) == len(items) else None
        at = [i for i, g in items.items() if biggest and g == biggest]
        out[moment] = {"items": items, "biggest": biggest, "at": at}
    return out


def answer(
    instrument_id: Any, ratings: Any, examples: Any = None, action: Any = ""
) -> dict[str, Any]:
    """The journal's ``answer`` (the one mapping, also in rules.js)."""
    inst = instrument(instrument_id)
    rated = parse_ratings(inst, ratings)
    texts = parse_examples(inst, examples)
    if inst.action:
        if action is None:
            action = ""
        if not isinstance(action, str) or len(action) > TEXT_MAX:
            raise InstrumentError(f"the action must be a text of at most {TEXT_MAX} characters")
    elif action not in (None, ""):
        raise InstrumentError("this check asks for no action")
    scores = {m: {r: score(inst, rated[m][r]) for r in inst.raters} for m in MOMENTS}
    complete = all(scores[m][r]["complete"] for m in MOMENTS for r in inst.raters)
    examples_given = texts is None or all(
        t.strip() for m in MOMENTS for r in inst.raters for t in texts[m][r].values()
    )
    action_given = not inst.action or bool(str(action).strip())
    return {
        "instrument": inst.id,
        "scale": inst.scale,
        "ratings": rated,
        "examples": texts,
        "action": action if inst.action else None,
        "scores": scores,
        "changes": changes(inst, rated, scores),
        "gaps": gaps(inst, rated),
        "private": inst.private,
        "complete": complete,
        "finished": complete and examples_given and action_given,
    }


def touched(the_answer: Mapping[str, Any]) -> bool:
    """Whether an answer holds anything worth keeping in the journal."""
    scores = the_answer["scores"]
    texts = the_answer["examples"] or {}
    return (
        any(s["answered"] for by_rater in scores.values() for s in by_rater.values())
        or any(
            t
            for by_rater in texts.values()
            for by_item in by_rater.values()
            for t in by_item.values()
        )
        or bool(the_answer["action"])
    )


def entry_fields(the_answer: Mapping[str, Any], title: str, question: str) -> dict[str, Any]:
    """The journal entry's fields (kind ``exercise_answer``): a draft until it is finished."""
    return {
        "exercise": PREFIX + the_answer["instrument"],
        "title": title,
        "question": question,
        "answer": dict(the_answer),
        "draft": not the_answer["finished"],
    }

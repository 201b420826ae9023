"""Rules of Chapter 5's exercise "Power map card sort", on Scenario B (the unread report).

The learner says who holds each of twelve power cards (the six bases of French and Raven, with
Raven's informational power, and six more from the scenario): the clinician (Dr Priya Raman), the
patient partner (Daniel Price), both or neither. There are two maps: *before* (from the role
briefs) and, optionally, *after* a role-play of the scenario; what moved between them is shown.
The learner also places the first project meeting on Arnstein's ladder and tags lines of a short
transcript of that meeting with Lukes's dimensions of power. On request, the answers are compared
with a reference key; where a reading is contestable the verdict is ``discuss`` (a prompt for
discussion), never ``different``. ``kfcourse/web/powermap/rules.js`` is the page's copy of these
rules, checked against the vectors ``power_map_vectors`` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

EXERCISE = "power-map"
CARDS = (
    "reward",
    "coercive",
    "legitimate",
    "referent",
    "expert",
    "informational",
    "experiential-knowledge",
    "agenda-control",
    "complain-or-media",
    "clinical-accountability",
    "time-and-energy",
    "legal-advice",
)
HOLDERS = ("clinician", "patient", "both", "neither")
MAPS = ("before", "after")
# Arnstein's eight rungs, from the bottom of the ladder to the top.
RUNGS = (
    "manipulation",
    "therapy",
    "informing",
    "consultation",
    "placation",
    "partnership",
    "delegated-power",
    "citizen-control",
)
DIMENSIONS = ("first", "second", "third")  # Lukes's dimensions of power
# The transcript of the first project meeting (its words are in the catalogue).
LINES = ("line-1", "line-2", "line-3", "line-4", "line-5", "line-6", "line-7", "line-8")
VERDICTS = ("same", "different", "discuss")

# The reference key: one reading of the role briefs and of the transcript, for discussion.
# A contestable card or line has a reading too, but the verdict on it is always "discuss".
CARD_KEY: dict[str, dict[str, Any]] = {
    "reward": {"holder": "clinician", "contestable": False},
    "coercive": {"holder": "patient", "contestable": True},
    "legitimate": {"holder": "both", "contestable": False},
    "referent": {"holder": "patient", "contestable": False},
    "expert": {"holder": "both", "contestable": False},
    "informational": {"holder": "clinician", "contestable": False},
    "experiential-knowledge": {"holder": "patient", "contestable": False},
    "agenda-control": {"holder": "clinician", "contestable": False},
    "complain-or-media": {"holder": "patient", "contestable": True},
    "clinical-accountability": {"holder": "clinician", "contestable": False},
    "time-and-energy": {"holder": "clinician", "contestable": True},
    "legal-advice": {"holder": "both", "contestable": True},
}
RUNG_KEY = "placation"
RUNGS_TO_DISCUSS = ("informing", "consultation")  # the other degrees of tokenism
LINE_KEY: dict[str, dict[str, Any]] = {
    "line-1": {"dimension": "second", "contestable": False},
    "line-2": {"dimension": "second", "contestable": False},
    "line-3": {"dimension": "first", "contestable": False},
    "line-4": {"dimension": "first", "contestable": False},
    "line-5": {"dimension": None, "contestable": False},
    "line-6": {"dimension": "third", "contestable": True},
    "line-7": {"dimension": "third", "contestable": False},
    "line-8": {"dimension": None, "contestable": True},
}


class PowerMapError(ValueError):
    """An answer the rules do not accept (an unknown card, holder, rung or line; an early key)."""


def parse_map(given: Any, which: str = "before") -> dict[str, str | None]:
    """Every card's holder in one map (None where not yet placed); PowerMapError if malformed."""
    if given is None:
        given = {}
    if not isinstance(given, Mapping):
        raise PowerMapError(f"the {which} map must give each card its holder")
    unknown = [c for c in given if c not in CARDS]
    if unknown:
        raise PowerMapError(f"no card called {unknown[0]!r}; the cards are {', '.join(CARDS)}")
    out: dict[str, str | None] = {}
    for card in CARDS:
        holder = given.get(card)
        if holder is not None and holder not in HOLDERS:
            raise PowerMapError(
                f"a card is held by one of {', '.join(HOLDERS)}, not {holder!r} ({which}, {card})"
            )
        out[card] = holder
    return out


def parse_tags(given: Any) -> dict[str, str | None]:
    """Every transcript line's tag (a dimension, or None); PowerMapError if malformed."""
    if given is None:
        given = {}
    if not isinstance(given, Mapping):
        raise PowerMapError("the tags must give transcript lines a dimension of power")
    unknown = [line for line in given if line not in LINES]
    if unknown:
        raise PowerMapError(f"no transcript line called {unknown[0]!r}")
    out: dict[str, str | None] = {}
    for line in LINES:
        tag = given.get(line)
        if tag is not None and tag not in DIMENSIONS:
            raise PowerMapError(f"a tag is one of {', '.join(DIMENSIONS)}, not {tag!r} ({line})")
        out[line] = tag
    return out


def complete(card_map: Mapping[str, str | None]) -> bool:
    return all(card_map[card] is not None for card in CARDS)


def moves(
    before: Mapping[str, str | None], after: Mapping[str, str | None]
) -> list[dict[str, Any]]:
    """The cards placed in both maps with a different holder after the role-play, in card order."""
    return [
        {"card": card, "before": before[card], "after": after[card]}
        for card in CARDS
        if before[card] is not None and after[card] is not None and before[card] != after[card]
    ]


def ready(
    before: Mapping[str, str | None], rung: str | None, tags: Mapping[str, str | None]
) -> bool:
    """Whether everything the exercise asks for is there: the whole before map, the meeting's
    rung, and at least one line tagged with each of the second and third dimensions."""
    found = set(tags.values())
    return complete(before) and rung is not None and {"second", "third"} <= found


def verdict(given: str | None, key: str | None, contestable: bool) -> str:
    if contestable:
        return "discuss"
    return "same" if given == key else "different"


def rung_verdict(rung: str) -> str:
    if rung == RUNG_KEY:
        return "same"
    return "discuss" if rung in RUNGS_TO_DISCUSS else "different"


def comparison(
    before: Mapping[str, str | None], rung: str, tags: Mapping[str, str | None]
) -> dict[str, Any]:
    """The before map, the rung and each tagged line beside the key, with a verdict on each."""
    return {
        "cards": [
            {
                "card": card,
                "holder": before[card],
                "key": CARD_KEY[card]["holder"],
                "verdict": verdict(
                    before[card], CARD_KEY[card]["holder"], CARD_KEY[card]["contestable"]
                ),
            }
            for card in CARDS
        ],
        "rung": {"rung": rung, "key": RUNG_KEY, "verdict": rung_verdict(rung)},
        "lines": [
            {
                "line": line,
                "tag": tags[line],
                "key": LINE_KEY[line]["dimension"],
                "verdict": verdict(
                    tags[line], LINE_KEY[line]["dimension"], LINE_KEY[line]["contestable"]
                ),
            }
            for line in LINES
            if tags[line] is not None
        ],
    }


def answer(
    before: Any = None,
    after: Any = None,
    rung: Any = None,
    tags: Any = None,
    key_shown: Any = False,
) -> dict[str, Any]:
    """The journal's ``answer`` (the one mapping, also in rules.js)."""
    first = parse_map(before, "before")
    second = parse_map(after, "after")
    tagged = parse_tags(tags)
    if rung is not None and rung not in RUNGS:
        raise PowerMapError(f"a rung of the ladder is one of {', '.join(RUNGS)}, not {rung!r}")
    if not isinstance(key_shown, bool):
        raise PowerMapError("whether the key was shown must be true or false")
    done = ready(first, rung, tagged)
    if key_shown and not done:
        raise PowerMapError(
            "the key is shown once every card is placed before the role-play, the meeting is on "
            "the ladder and lines are tagged with the second and third dimensions"
        )
    return {
        "before": first,
        "after": second,
        "before_complete": complete(first),
        "after_complete": complete(second),
        "moves": moves(first, second),
        "rung": rung,
        "tags": tagged,
        "key_shown": key_shown,
        "comparison": comparison(first, rung, tagged) if key_shown else None,
        "finished": done,
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

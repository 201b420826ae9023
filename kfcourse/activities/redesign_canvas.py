"""Rules of Chapter 9's exercise "Programme redesign canvas": seven challenge cards, and a memo.

A clinician–patient pair co-writes a one-page "Challenges and supports" insert for a
collaborative-pairs programme. Each challenge card needs a support, an owner and a sign that the
support is working; optionally, the support is mapped to one of the nine dimension names of the
NHS Healthcare Leadership Model (names only: the model is not openly licensed). The canvas is
finished when every card is complete. :func:`memo` makes the one-page Markdown memo to the
programme, with learner text escaped so it stays text. ``kfcourse/web/canvas/rules.js`` is the
page's copy of these rules, checked against the vectors ``redesign_canvas_vectors`` writes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kfcourse.journal.markdown_export import escape_text

EXERCISE = "redesign-canvas"
CARDS = (
    "power-difference",
    "accountabilities",
    "trust-after-harm",
    "representativeness",
    "tokenism",
    "fatigue-payment",
    "metric-pressure",
)
FIELDS = ("support", "owner", "sign")  # what every card needs before it is complete
# The nine dimensions of the Healthcare Leadership Model (NHS Leadership Academy, 2013), by name.
DIMENSIONS = (
    "inspiring-shared-purpose",
    "leading-with-care",
    "evaluating-information",
    "connecting-our-service",
    "sharing-the-vision",
    "engaging-the-team",
    "holding-to-account",
    "developing-capability",
    "influencing-for-results",
)
TEXT_MAX = 1000  # characters in one support, owner or sign
AUTHORS_MAX = 200  # characters in "written by"


class CanvasError(ValueError):
    """A canvas the rules do not accept (an unknown card, field or dimension, a text too long)."""


def _text(value: Any, what: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit:
        raise CanvasError(f"{what} must be a text of at most {limit} characters")
    return value


def parse_cards(cards: Any) -> dict[str, dict[str, Any]]:
    """Every card's support, owner, sign and dimension ("" or None where not yet given), in card
    order; CanvasError if malformed."""
    if cards is None:
        cards = {}
    if not isinstance(cards, Mapping):
        raise CanvasError("the canvas must map each challenge card to its support, owner and sign")
    unknown = [c for c in cards if c not in CARDS]
    if unknown:
        raise CanvasError(f"no card called {unknown[0]!r}; the cards are {', '.join(CARDS)}")
    out: dict[str, dict[str, Any]] = {}
    for card in CARDS:
        given = cards.get(card)
        if given is None:
            given = {}
        if not isinstance(given, Mapping) or set(given) - {*FIELDS, "dimension"}:
            raise CanvasError(f"{card} may have only a support, an owner, a sign and a dimension")
        fields: dict[str, Any] = {
            f: _text(given.get(f), f"the {f} ({card})", TEXT_MAX) for f in FIELDS
        }
        dimension = given.get("dimension")
        if dimension is not None and dimension not in DIMENSIONS:
            raise CanvasError(f"no dimension called {dimension!r} ({card})")
        fields["dimension"] = dimension
        out[card] = fields
    return out


def card_complete(fields: Mapping[str, Any]) -> bool:
    """A card is complete when its support, owner and sign each hold more than white space."""
    return all(str(fields.get(f) or "").strip() for f in FIELDS)


def answer(cards: Any, authors: Any = "") -> dict[str, Any]:
    """The journal's ``answer`` (the one mapping, also in rules.js)."""
    parsed = parse_cards(cards)
    written_by = _text(authors, "who wrote the canvas", AUTHORS_MAX)
    complete = [c for c in CARDS if card_complete(parsed[c])]
    return {
        "cards": parsed,
        "authors": written_by,
        "complete": complete,
        "mapped": sum(1 for c in CARDS if parsed[c]["dimension"] is not None),
        "finished": len(complete) == len(CARDS),
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


def fill(text: str, **params: Any) -> str:
    """A catalogue text with each ``{name}`` replaced, as the view's translator does."""
    return re.sub(
        r"\{([a-zA-Z0-9_]+)\}",
        lambda m: str(params[m.group(1)]) if m.group(1) in params else m.group(0),
        text,
    )


def memo(the_answer: Mapping[str, Any], words: Mapping[str, str]) -> str:
    """The canvas as a one-page Markdown memo to the programme, in the catalogue's ``words``
    (the ``canvas`` section). Learner text is escaped (``escape_text``): it cannot make a
    heading, a link, a list or HTML."""
    blank = f"*{words['memo.blank']}*"

    def learner(text: str) -> str:
        return escape_text(text) if text.strip() else blank

    out = [f"# {words['memo.title']}", "", words["memo.to"]]
    if the_answer["authors"].strip():
        out += ["", f"**{words['memo.authors']}** {learner(the_answer['authors'])}"]
    if not the_answer["finished"]:
        draft = fill(words["memo.draft"], n=len(the_answer["complete"]), total=len(CARDS))
        out += ["", f"*{draft}*"]
    for card in CARDS:
        fields = the_answer["cards"][card]
        out += ["", f"## {words['card.' + card]}", "", words[f"card.{card}.why"]]
        for f in FIELDS:
            out += ["", f"**{words['memo.' + f]}** {learner(fields[f])}"]
        if fields["dimension"] is not None:
            name = words["dimension." + fields["dimension"]]
            out += ["", f"**{words['memo.dimension']}** {name}"]
    if the_answer["mapped"]:
        out += ["", "---", "", words["memo.hlm"]]
    return "\n".join(out) + "\n"

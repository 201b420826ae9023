"""Rules of Chapter 2's exercise "Rewrite the hero headline": a turnaround story, read critically.

The learner reads an invented local news story that credits a new chief executive with a
hospital's turnaround, split into phrases, and marks the phrases that attribute the outcome to one
person. On request (once something is marked) a reference reading is shown beside theirs, as
phrases both marked, phrases only the reference marks and phrases only the learner marks, to
discuss rather than to score, with the people and practices the story left out. The learner rates
1 to 5 the story's likely effect on staff speaking up and on patients' trust, then rewrites the
headline and first paragraph. ``kfcourse/web/headline/rules.js`` is the page's copy of these
rules, checked against the vectors ``hero_headline_vectors`` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

EXERCISE = "hero-headline"
# The story as the page shows it: the headline, then its paragraphs, each a run of phrase ids (the
# words are in the catalogue, ``phrase.<id>``). The first paragraph is the one to rewrite.
STORY = (
    ("hero-chief",),
    ("in-crisis", "took-over", "single-handed", "out-of-measures"),
    ("no-failure", "waits", "drove-through", "complaints"),
    ("pride", "best-decision", "maternity"),
)
PHRASES = tuple(phrase for paragraph in STORY for phrase in paragraph)
# One reasonable reading: the phrases that put the outcome down to one person (illustrative).
REFERENCE = (
    "hero-chief",
    "took-over",
    "single-handed",
    "no-failure",
    "drove-through",
    "pride",
    "best-decision",
)
# Who and what the story left out (the words are in the catalogue, ``left-out.<id>``).
LEFT_OUT = ("ward-teams", "pharmacy", "patient-panel", "social-care")
RATINGS = ("speak-up", "patient-trust")
SCALE = (1, 2, 3, 4, 5)
HEADLINE_MAX = 200
PARAGRAPH_MAX = 2000


class HeroHeadlineError(ValueError):
    """An answer the rules do not accept (an unknown phrase, a rating off the scale, ...)."""


def parse_marked(marked: Any) -> list[str]:
    """The marked phrases in story order; HeroHeadlineError if malformed."""
    if marked is None:
        return []
    if not isinstance(marked, list | tuple):
        raise HeroHeadlineError("the marked phrases must be a list of phrase ids")
    for phrase in marked:
        if phrase not in PHRASES:
            raise HeroHeadlineError(f"the story has no phrase {phrase!r}")
    if len(set(marked)) != len(marked):
        raise HeroHeadlineError("a phrase is marked only once")
    return [p for p in PHRASES if p in marked]


def parse_ratings(ratings: Any) -> dict[str, int | None]:
    """Both ratings (None where not yet rated); HeroHeadlineError if malformed."""
    if ratings is None:
        ratings = {}
    if not isinstance(ratings, Mapping):
        raise HeroHeadlineError("the ratings must map each question to a number")
    unknown = [k for k in ratings if k not in RATINGS]
    if unknown:
        raise HeroHeadlineError(f"no rating called {unknown[0]!r}; they are {', '.join(RATINGS)}")
    out: dict[str, int | None] = {}
    for name in RATINGS:
        value = ratings.get(name)
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or value not in SCALE
        ):
            raise HeroHeadlineError(f"a rating is a whole number from 1 to 5, not {value!r}")
        out[name] = value
    return out


def comparison(marked: list[str]) -> dict[str, list[str]]:
    """The learner's marks beside the reference, in story order: marked by both, only by the
    reference (missed) and only by the learner (extra)."""
    return {
        "matched": [p for p in PHRASES if p in marked and p in REFERENCE],
        "missed": [p for p in PHRASES if p not in marked and p in REFERENCE],
        "extra": [p for p in PHRASES if p in marked and p not in REFERENCE],
    }


def _text(value: Any, name: str, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise HeroHeadlineError(f"the {name} must be a text of at most {limit} characters")
    return value


def answer(
    marked: Any = None,
    reveal_shown: Any = False,
    ratings: Any = None,
    headline: Any = "",
    paragraph: Any = "",
) -> dict[str, Any]:
    """The journal's ``answer`` (the one mapping, also in rules.js)."""
    phrases = parse_marked(marked)
    if not isinstance(reveal_shown, bool):
        raise HeroHeadlineError("whether the reveal was shown must be true or false")
    if reveal_shown and not phrases:
        raise HeroHeadlineError("the reveal is shown once at least one phrase is marked")
    rated = parse_ratings(ratings)
    headline = _text(headline, "headline", HEADLINE_MAX)
    paragraph = _text(paragraph, "first paragraph", PARAGRAPH_MAX)
    return {
        "marked": phrases,
        "reveal_shown": reveal_shown,
        "comparison": comparison(phrases) if reveal_shown else None,
        "ratings": rated,
        "headline": headline,
        "paragraph": paragraph,
        "finished": bool(phrases)
        and reveal_shown
        and all(v is not None for v in rated.values())
        and bool(headline.strip())
        and bool(paragraph.strip()),
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

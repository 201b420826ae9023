"""Test vectors for the page's copy of the "Rewrite the hero headline" rules
(``kfcourse/web/headline/rules.js``).

``python -m kfcourse.activities.hero_headline_vectors tests/activities/hero_headline_vectors.json``
writes them (``make vectors`` does too); ``tests/activities`` fails when the file is stale, and
``tests/js/headline-rules.test.mjs`` replays every vector with the JavaScript rules.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

from kfcourse.activities import hero_headline as hh
from kfcourse.activities.vectors_file import write_main

TEXTS = ["", "  ", "Teams, patients & partners <b>together</b> lift Wrenford", "Staff did it."]
KEYS = ("marked", "reveal_shown", "ratings", "headline", "paragraph")


def _case(rng: random.Random) -> dict[str, Any]:
    marked = rng.sample(hh.PHRASES, rng.randint(0, len(hh.PHRASES)))
    ratings = {n: rng.choice([None, *hh.SCALE]) for n in hh.RATINGS if rng.random() < 0.8}
    return {
        "marked": marked,
        "reveal_shown": bool(marked) and rng.random() < 0.7,
        "ratings": ratings,
        "headline": rng.choice(TEXTS),
        "paragraph": rng.choice(TEXTS),
    }


def vectors() -> dict[str, Any]:
    """Every vector, made by the Python rules (the same file every time)."""
    rng = random.Random(20261202)
    every = dict.fromkeys(hh.RATINGS, 3)
    cases: list[dict[str, Any]] = [
        {"marked": list(hh.REFERENCE), "reveal_shown": True, "ratings": every,
         "headline": "x", "paragraph": "y"},
        {"marked": None, "reveal_shown": False, "ratings": None, "headline": "", "paragraph": ""},
    ]  # fmt: skip
    cases += [_case(rng) for _ in range(60)]
    for case in cases:
        case["answer"] = hh.answer(**{k: case[k] for k in KEYS})

    def refusal(**given: Any) -> dict[str, Any]:
        base = {"marked": [], "reveal_shown": False, "ratings": {}, "headline": "", "paragraph": ""}
        return {**base, **given}

    refused = [
        refusal(marked=["the-hero"]),
        refusal(marked="hero-chief"),
        refusal(marked=["pride", "pride"]),
        refusal(marked=[1]),
        refusal(reveal_shown=True),
        refusal(marked=["pride"], reveal_shown="yes"),
        refusal(ratings={"morale": 3}),
        refusal(ratings={"speak-up": 0}),
        refusal(ratings={"speak-up": 6}),
        refusal(ratings={"speak-up": "3"}),
        refusal(ratings={"speak-up": True}),
        refusal(ratings=[3, 4]),
        refusal(headline="x" * (hh.HEADLINE_MAX + 1)),
        refusal(paragraph="x" * (hh.PARAGRAPH_MAX + 1)),
        refusal(headline=None),
        refusal(paragraph=5),
    ]
    for case in refused:
        try:
            hh.answer(**case)
        except hh.HeroHeadlineError:
            continue
        raise AssertionError(f"the rules accepted {case}")
    return {
        "about": "Made by kfcourse.activities.hero_headline_vectors; do not edit by hand.",
        "rules": {
            "story": [list(p) for p in hh.STORY],
            "phrases": list(hh.PHRASES),
            "reference": list(hh.REFERENCE),
            "left_out": list(hh.LEFT_OUT),
            "ratings": list(hh.RATINGS),
            "scale": list(hh.SCALE),
            "headline_max": hh.HEADLINE_MAX,
            "paragraph_max": hh.PARAGRAPH_MAX,
        },
        "cases": cases,
        "refused": refused,
    }


def text() -> str:
    return json.dumps(vectors(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    return write_main("kfcourse.activities.hero_headline_vectors", "hero-headline", text, argv)


if __name__ == "__main__":
    sys.exit(main())

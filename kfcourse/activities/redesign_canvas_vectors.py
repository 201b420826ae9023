"""Test vectors for the page's copy of the "Programme redesign canvas" rules
(``kfcourse/web/canvas/rules.js``): answers, refusals and the memo, made by the Python rules.

``python -m kfcourse.activities.redesign_canvas_vectors OUT.json`` writes them, as ``make vectors``
does to ``tests/activities/redesign_canvas_vectors.json``; ``tests/activities`` fails when that
file is stale, and ``tests/js/canvas-rules.test.mjs`` replays every vector with the JS rules.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

from kfcourse.activities import redesign_canvas as rc
from kfcourse.activities.vectors_file import write_main
from kfcourse.journal.markdown_export import escape_text
from kfcourse.web.catalogue import messages

# Learner texts that Markdown, HTML or the two languages' string rules could treat differently.
TEXTS = (
    "",
    "   ",
    "\u3000\x1c",
    "Papers sent five working days before each meeting, in plain language.",
    "# Not a heading\n## nor this",
    "[a link](https://example.org) and ![an image](x.png)",
    "<script>alert(1)</script> & <b>bold</b>",
    "- not a list\n+ nor this\n* nor this\n1. nor this\n2) nor this",
    "Setext?\n===\n---",
    "> not a quote\n:::{note}\nnot a directive\n:::",
    "*stars* _under_ `code` ~strike~ | pipe | $maths$ {role}",
    "Line one\r\nline two\r\rafter two blank lines\n\n\n\nand more",
    "   indented code?\n\tor this",
    "\u0663. Arabic-Indic three, and 😀 an emoji",
    "The pair's co-chairs (clinician + patient leader) = owners; 100% of meetings",
    "\\ a backslash, and a trailing one \\",
)
OWNERS = ("", "The pair", "The host organisation's improvement team", "the programme <i>lead</i>")


def _card(rng: random.Random) -> dict[str, Any]:
    card: dict[str, Any] = {}
    for field in rc.FIELDS:
        pool = OWNERS if field == "owner" else TEXTS
        if rng.random() < 0.9:
            card[field] = rng.choice(pool) if rng.random() < 0.6 else rng.choice(TEXTS[3:])
    if rng.random() < 0.5:
        card["dimension"] = rng.choice([None, *rc.DIMENSIONS])
    return card


def vectors() -> dict[str, Any]:
    """Every vector, made by the Python rules (the same file every time)."""
    rng = random.Random(20261130)
    full = {c: {"support": "S", "owner": "O", "sign": "G"} for c in rc.CARDS}
    longest = "😀" * rc.TEXT_MAX  # at the limit in code points, twice that in UTF-16 units
    cases: list[dict[str, Any]] = [
        {"cards": {}, "authors": ""},
        {"cards": full, "authors": "Jordan & Ruth"},
        {"cards": {**full, "tokenism": {**full["tokenism"], "dimension": "holding-to-account"}},
         "authors": "# Jordan\n- Ruth"},
        {"cards": {"power-difference": {"support": longest, "owner": None, "sign": " "}},
         "authors": "😀" * rc.AUTHORS_MAX},
    ]  # fmt: skip
    for n in range(30):
        cards = {c: _card(rng) for c in rc.CARDS if rng.random() < (0.95 if n % 2 else 0.6)}
        cases.append({"cards": cards, "authors": rng.choice(["", *TEXTS])})
    words = messages("canvas")
    for case in cases:
        case["answer"] = rc.answer(case["cards"], case["authors"])
        case["memo"] = rc.memo(case["answer"], words)

    refused: list[dict[str, Any]] = [
        {"cards": {"surgery": {}}, "authors": ""},
        {"cards": {"tokenism": {"support": 5}}, "authors": ""},
        {"cards": {"tokenism": {"note": "x"}}, "authors": ""},
        {"cards": {"tokenism": {"dimension": "leading-from-the-front"}}, "authors": ""},
        {"cards": {"tokenism": {"dimension": ""}}, "authors": ""},
        {"cards": {"tokenism": {"support": "x" * (rc.TEXT_MAX + 1)}}, "authors": ""},
        {"cards": {"tokenism": []}, "authors": ""},
        {"cards": {"tokenism": "done"}, "authors": ""},
        {"cards": [], "authors": ""},
        {"cards": {}, "authors": "x" * (rc.AUTHORS_MAX + 1)},
        {"cards": {}, "authors": ["Jordan"]},
    ]
    for case in refused:
        try:
            rc.answer(case["cards"], case["authors"])
        except rc.CanvasError:
            continue
        raise AssertionError(f"the rules accepted {case}")
    return {
        "about": "Made by kfcourse.activities.redesign_canvas_vectors; do not edit by hand.",
        "rules": {
            "cards": list(rc.CARDS),
            "fields": list(rc.FIELDS),
            "dimensions": list(rc.DIMENSIONS),
            "text_max": rc.TEXT_MAX,
            "authors_max": rc.AUTHORS_MAX,
        },
        "words": words,
        "escaped": [{"text": t, "markdown": escape_text(t)} for t in TEXTS],
        "cases": cases,
        "refused": refused,
    }


def text() -> str:
    return json.dumps(vectors(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    return write_main("kfcourse.activities.redesign_canvas_vectors", "redesign-canvas", text, argv)


if __name__ == "__main__":
    sys.exit(main())

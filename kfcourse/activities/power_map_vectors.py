"""Test vectors for the page's copy of the "Power map card sort" rules
(``kfcourse/web/powermap/rules.js``).

``python -m kfcourse.activities.power_map_vectors tests/activities/power_map_vectors.json`` writes
them (``make vectors`` does too); ``tests/activities`` fails when the file is stale, and
``tests/js/powermap-rules.test.mjs`` replays every vector with the JavaScript rules.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

from kfcourse.activities import power_map as pm
from kfcourse.activities.vectors_file import write_main

ARGS = ("before", "after", "rung", "tags", "key_shown")


def _map(rng: random.Random, fill: float) -> dict[str, str | None]:
    return {
        card: rng.choice(pm.HOLDERS) if rng.random() < fill else None
        for card in pm.CARDS
        if rng.random() < 0.9
    }


def _tags(rng: random.Random) -> dict[str, str | None]:
    return {line: rng.choice([None, *pm.DIMENSIONS]) for line in pm.LINES if rng.random() < 0.6}


def vectors() -> dict[str, Any]:
    """Every vector, made by the Python rules (the same file every time)."""
    rng = random.Random(20261130)
    key_map = {card: pm.CARD_KEY[card]["holder"] for card in pm.CARDS}
    key_tags = {line: k["dimension"] for line, k in pm.LINE_KEY.items()}
    cases: list[dict[str, Any]] = [
        {"before": key_map, "after": {}, "rung": pm.RUNG_KEY, "tags": key_tags, "key_shown": True},
        {"before": {}, "after": {}, "rung": None, "tags": {}, "key_shown": False},
    ]
    for n in range(60):
        before = _map(rng, 1.0 if n % 2 else rng.random())
        after = _map(rng, rng.choice([0.0, 0.5, 1.0]))
        rung = rng.choice([None, *pm.RUNGS])
        tags = _tags(rng)
        if n % 3 == 0:  # most of these are ready for the key
            before = {card: rng.choice(pm.HOLDERS) for card in pm.CARDS}
            rung = rng.choice(pm.RUNGS)
            second, third = rng.sample(pm.LINES, 2)
            tags.update({second: "second", third: "third"})
        done = pm.ready(pm.parse_map(before), rung, pm.parse_tags(tags))
        cases.append(
            {
                "before": before,
                "after": after,
                "rung": rung,
                "tags": tags,
                "key_shown": done and rng.random() < 0.7,
            }
        )
    for case in cases:
        case["answer"] = pm.answer(**{k: case[k] for k in ARGS})

    def refusal(
        before: Any = None,
        after: Any = None,
        rung: Any = None,
        tags: Any = None,
        key_shown: Any = False,
    ) -> dict[str, Any]:
        return {"before": before, "after": after, "rung": rung, "tags": tags,
                "key_shown": key_shown}  # fmt: skip

    refused = [
        refusal({"charm": "clinician"}),
        refusal({"reward": "manager"}),
        refusal(after={"reward": "everyone"}),
        refusal(after=["reward"]),
        refusal([]),
        refusal(rung="top"),
        refusal(tags={"line-9": "second"}),
        refusal(tags={"line-1": "fourth"}),
        refusal(tags="line-1"),
        refusal(key_shown="yes"),
        refusal(key_map, rung=pm.RUNG_KEY, tags={"line-2": "second"}, key_shown=True),
        refusal({}, rung=pm.RUNG_KEY, tags=key_tags, key_shown=True),
        refusal(key_map, tags=key_tags, key_shown=True),
    ]
    for case in refused:
        try:
            pm.answer(**case)
        except pm.PowerMapError:
            continue
        raise AssertionError(f"the rules accepted {case}")
    return {
        "about": "Made by kfcourse.activities.power_map_vectors; do not edit by hand.",
        "rules": {
            "cards": list(pm.CARDS),
            "holders": list(pm.HOLDERS),
            "maps": list(pm.MAPS),
            "rungs": list(pm.RUNGS),
            "dimensions": list(pm.DIMENSIONS),
            "lines": list(pm.LINES),
            "verdicts": list(pm.VERDICTS),
            "card_key": pm.CARD_KEY,
            "rung_key": pm.RUNG_KEY,
            "rungs_to_discuss": list(pm.RUNGS_TO_DISCUSS),
            "line_key": pm.LINE_KEY,
        },
        "cases": cases,
        "refused": refused,
    }


def text() -> str:
    return json.dumps(vectors(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    return write_main("kfcourse.activities.power_map_vectors", "power-map", text, argv)


if __name__ == "__main__":
    sys.exit(main())

"""Test vectors for the page's copy of the trust-loop rules (``kfcourse/web/trustloop/rules.js``).

``python -m kfcourse.activities.trust_loop_vectors tests/activities/trust_loop_vectors.json``
writes them (``make vectors`` does too); ``tests/activities`` fails when the file is stale, and
``tests/js/trustloop-rules.test.mjs`` replays every vector with the JavaScript rules.
"""

from __future__ import annotations

import json
import random
import sys
from itertools import islice
from typing import Any

from kfcourse.activities import trust_loop as tl
from kfcourse.activities.vectors_file import write_main

SEEDS = [0, 1, 2, 3, 42, 1234, 99991, 2**31 - 1, 2**31, tl.SEED_MAX]


def vectors() -> dict[str, Any]:
    """Every vector, made by the Python rules (deterministic: the same file every time)."""
    rng = random.Random(20261130)
    seeds = SEEDS + [rng.randrange(tl.SEED_MAX + 1) for _ in range(40)]
    games = []
    for seed in seeds:
        rounds = rng.randrange(tl.ROUNDS + 1)
        picks = [[rng.choice(tl.AIMS), rng.choice(tl.AIMS)] for _ in range(rounds)]
        ratings = None
        if rounds == tl.ROUNDS and rng.random() < 0.6:
            ratings = {r: rng.choice([None, 1, 2, 3, 4, 5]) for r in tl.RATINGS}
        games.append(
            {
                "seed": seed,
                "picks": picks,
                "ratings": ratings,
                "answer": tl.answer(seed, picks, ratings),
            }
        )
    chances = []
    for seed in SEEDS[:4]:
        dealt = tl.draw(seed)
        for n in range(tl.ROUNDS):
            for trust in range(tl.TRUST_MIN, tl.TRUST_MAX + 1, 3):
                for aim in tl.AIMS:
                    ways, out_of = tl.chance(aim, trust, dealt.cards[:n])
                    drawn = list(dealt.cards[:n])
                    chances.append(
                        {"aim": aim, "trust": trust, "drawn": drawn, "ways": ways,
                         "out_of": out_of, "percent": tl.percent(ways, out_of)}
                    )  # fmt: skip
    refused = [
        {"seed": 1, "picks": [["modest", "bold"]], "ratings": None},
        {"seed": 1, "picks": [["modest", "modest"]] * 5, "ratings": None},
        {"seed": -1, "picks": [], "ratings": None},
        {"seed": 1.5, "picks": [], "ratings": None},
        {"seed": 1, "picks": [["modest"]], "ratings": None},
        {"seed": 1, "picks": [["modest", "modest"]], "ratings": {"ability": 3}},
        {"seed": 1, "picks": [["modest", "modest"]] * 4, "ratings": {"ability": 6}},
        {"seed": 1, "picks": [["modest", "modest"]] * 4, "ratings": {"honesty": 2}},
    ]
    for case in refused:
        try:
            tl.answer(case["seed"], case["picks"], case["ratings"])
        except tl.TrustLoopError:
            continue
        raise AssertionError(f"the rules accepted {case}")  # a refusal vector must be refused
    return {
        "about": "Made by kfcourse.activities.trust_loop_vectors; do not edit by hand.",
        "rules": {
            "rounds": tl.ROUNDS,
            "aims": list(tl.AIMS),
            "target": tl.TARGET,
            "stake": tl.STAKE,
            "trust": {"min": tl.TRUST_MIN, "max": tl.TRUST_MAX, "start": tl.TRUST_START},
            "helps_from": tl.HELPS_FROM,
            "hinders_from": tl.HINDERS_FROM,
            "deck": [{"id": c.id, "effect": c.effect} for c in tl.DECK],
            "bands": [{"from": start, "id": name} for start, name in tl.TRUST_BANDS],
            "ratings": list(tl.RATINGS),
        },
        "numbers": [{"seed": s, "first": list(islice(tl.mulberry32(s), 12))} for s in SEEDS],
        "draws": [
            {"seed": s, "cards": list(d.cards), "rolls": list(d.rolls)}
            for s in seeds
            for d in [tl.draw(s)]
        ],
        "bands": [{"trust": v, "band": tl.band(v)} for v in range(tl.TRUST_MIN, tl.TRUST_MAX + 1)],
        "chances": chances,
        "games": games,
        "refused": refused,
    }


def text() -> str:
    return json.dumps(vectors(), indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    return write_main("kfcourse.activities.trust_loop_vectors", "trust-loop", text, argv)


if __name__ == "__main__":
    sys.exit(main())

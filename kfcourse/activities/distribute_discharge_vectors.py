"""Test vectors for the page's copy of the "Distribute the discharge" rules
(``kfcourse/web/discharge/rules.js``).

``python -m kfcourse.activities.distribute_discharge_vectors
tests/activities/distribute_discharge_vectors.json`` writes them (``make vectors`` does too);
``tests/activities`` fails when the file is stale, and ``tests/js/discharge-rules.test.mjs``
replays every vector with the JavaScript rules.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

from kfcourse.activities import distribute_discharge as dd
from kfcourse.activities.vectors_file import write_main


def _allocation(rng: random.Random, fill: float) -> dict[str, list[str]]:
    """Some functions (not always all), each with roles in any order, repeats included."""
    out: dict[str, list[str]] = {}
    for function in dd.FUNCTIONS:
        if rng.random() < 0.1:
            continue
        roles = [r for r in dd.ROLES if rng.random() < fill]
        if roles and rng.random() < 0.2:
            roles.append(roles[0])
        rng.shuffle(roles)
        out[function] = roles
    return out


def _blank_probes() -> list[str]:
    """Every character either language may call white space, and a few that are not."""
    spaces = [chr(i) for i in range(0x3001) if chr(i).isspace()]
    return [*spaces, "\ufeff", "\u180e", "\u200b", "a", " a ", "\u3000x"]


def vectors() -> dict[str, Any]:
    """Every vector, made by the Python rules (the same file every time)."""
    rng = random.Random(20261130)
    everyone = {f: list(dd.ROLES) for f in dd.FUNCTIONS}
    authorised = {f: list(dd.AUTHORITY[f]) for f in dd.FUNCTIONS}
    consultant_only = {f: ["consultant"] for f in dd.FUNCTIONS}
    cases: list[dict[str, Any]] = [
        {"allocation": {}, "gaps_shown": False, "response": ""},
        {"allocation": everyone, "gaps_shown": True, "response": "Everyone leads everything."},
        {"allocation": consultant_only, "gaps_shown": True, "response": "Heroic."},
        {"allocation": authorised, "gaps_shown": True, "response": "   "},
    ]
    whole = {f: ["nurse"] for f in dd.FUNCTIONS}
    blanks_or_not = ["\ufeff", "\u00a0\u3000\u2028", "\x1c", "\u0085"]
    for response in [*blanks_or_not, "\U0001f600" * dd.RESPONSE_MAX]:
        cases.append({"allocation": whole, "gaps_shown": False, "response": response})
    for n in range(60):
        cases.append(
            {
                "allocation": _allocation(rng, rng.choice([0.15, 0.35, 0.6, 0.9])),
                "gaps_shown": n % 3 != 0,
                "response": rng.choice(
                    ["", "  ", "Rhetorical: the <b>panel</b> has no say & no data.", "Real."]
                ),
            }
        )
    for case in cases:
        case["answer"] = dd.answer(case["allocation"], case["gaps_shown"], case["response"])

    refused: list[dict[str, Any]] = [
        {"allocation": {"triage": ["nurse"]}, "gaps_shown": False, "response": ""},
        {"allocation": {"speaking-up": ["surgeon"]}, "gaps_shown": False, "response": ""},
        {"allocation": {"speaking-up": "nurse"}, "gaps_shown": False, "response": ""},
        {"allocation": {"speaking-up": [None]}, "gaps_shown": False, "response": ""},
        {"allocation": [], "gaps_shown": False, "response": ""},
        {"allocation": {}, "gaps_shown": "yes", "response": ""},
        {"allocation": {}, "gaps_shown": False, "response": None},
        {"allocation": {}, "gaps_shown": False, "response": "x" * (dd.RESPONSE_MAX + 1)},
        {"allocation": {}, "gaps_shown": False, "response": "\U0001f600" * (dd.RESPONSE_MAX + 1)},
    ]
    for bad in refused:
        try:
            dd.answer(bad["allocation"], bad["gaps_shown"], bad["response"])
        except dd.DistributeDischargeError:
            continue
        raise AssertionError(f"the rules accepted {bad}")
    return {
        "about": "Made by kfcourse.activities.distribute_discharge_vectors; do not edit by hand.",
        "rules": {
            "functions": list(dd.FUNCTIONS),
            "roles": list(dd.ROLES),
            "focus": dd.FOCUS,
            "authority": {f: list(roles) for f, roles in dd.AUTHORITY.items()},
            "bands": list(dd.BANDS),
            "response_max": dd.RESPONSE_MAX,
        },
        "bands": [
            {"held": held, "of": total, "band": dd.band(held, total)}
            for total in range(1, 10)
            for held in range(total + 1)
        ],
        "written": [{"text": c, "written": dd.written(c)} for c in _blank_probes()],
        "cases": cases,
        "refused": refused,
    }


def text() -> str:
    return json.dumps(vectors(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    return write_main(
        "kfcourse.activities.distribute_discharge_vectors", "distribute-discharge", text, argv
    )


if __name__ == "__main__":
    sys.exit(main())

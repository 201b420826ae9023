"""Generated scenarios (valid, without lint errors) of any size, for benchmarks and tests."""

from __future__ import annotations

import random

KEYS = (
    "mayer1995integrative",
    "lukes2005power",
    "arnstein1969ladder",
    "vangen2003nurturing",
    "huxham2005managing",
    "spillane2004towards",
)
WORDS = (
    "the pair",
    "agree",
    "a measure",
    "the ward",
    "patients",
    "share",
    "data",
    "trust",
    "the agenda",
    "listen",
    "stories",
    "evidence",
    "a small test",
    "the board",
    "together",
)


def _sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _effects(rng: random.Random) -> str:
    values = [rng.randint(-2, 2) for _ in range(3)]
    if not any(values):
        values[0] = 1
    return "{{P: {}, T: {}, U: {}}}".format(*values)


def generate(points: int, seed: int = 0, scenario_id: str = "generated") -> str:
    """YAML text of a scenario with ``points`` decision points and no lint errors (warnings such
    as SC111 can occur: which endings the rules reach depends on the random effects).

    Every fifth point and the last are joint (with an impasse that retries the point); some
    points branch on trust, and the last point routes to one of two endings by state.
    """
    rng = random.Random(seed)
    out = [
        f"id: {scenario_id}",
        f"title: Generated scenario {seed}",
        "version: 1",
        "content_note: Generated for testing.",
        "roles:",
        "  doctor: {name: Dr Test, title: Clinician, brief: " + _sentence(rng) + "}",
        "  patient: {name: Pat Test, title: Patient partner, brief: " + _sentence(rng) + "}",
        "start: p1",
        "points:",
    ]
    for i in range(1, points + 1):
        joint = i % 5 == 0 or i == points
        actor = "joint" if joint else ("doctor" if i % 2 else "patient")
        nxt = f"p{i + 1}" if i < points else None
        out += [
            f"  p{i}:",
            f"    actor: {actor}",
            "    prompt:",
            f"      doctor: {_sentence(rng)}",
            f"      patient: {_sentence(rng)}",
            f"    theory: [{rng.choice(KEYS)}]",
            "    choices:",
        ]
        for c in "abc":
            out += [
                f"      - id: {c}",
                f"        text: {_sentence(rng, 16)}",
                f"        effects: {_effects(rng)}",
                f"        why: {_sentence(rng, 14)}",
            ]
            if c == "c" and i + 2 <= points:  # a skip ahead: some points are optional
                out.append(f"        next: p{i + 2}")
        if nxt is None:
            out += ["    next:", '      - {when: {T: ">= 2"}, to: e1}', "      - {to: e2}"]
        elif i % 7 == 3:
            out += [
                "    next:",
                f'      - {{when: {{T: "<= -3"}}, to: {nxt}}}',
                f"      - {{to: {nxt}}}",
            ]
        else:
            out.append(f"    next: {nxt}")
        if actor == "joint":
            out += [
                "    rules:",
                '      - {role: doctor, when: {P: "<= -3"}, choose: a}',
                "      - {role: doctor, choose: b}",
                '      - {role: patient, when: {T: "<= -3"}, choose: c}',
                "      - {role: patient, choose: b}",
                "    impasse:",
                "      effects: {T: -1}",
                "      prompt: Name the difference in your aims, then choose again.",
                f"      next: p{i}",
            ]
        else:
            out += [
                "    rules:",
                '      - {when: {T: "<= -2"}, choose: a}',
                '      - {when: {U: ">= 3"}, choose: b}',
                "      - {choose: c}",
            ]
    out += [
        "endings:",
        "  e1: {title: Shared gains, text: They agreed., achieved: A shared aim.}",
        "  e2: {title: Partial gains, text: They partly agreed., achieved: Some of it.}",
    ]
    return "\n".join(out) + "\n"

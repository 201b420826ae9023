"""The default measures: power balance, trust and shared understanding, each from -10 to 10.

They follow the course brief: P runs from "very unequal" to "balanced", T and U from "low" to
"high"; the words for stretches in between are descriptions, not grades.
"""

from __future__ import annotations

from kfcourse.scenario.model import Band, Measure

RANGE = (-10, 10)


def _bands(*pairs: tuple[int, str]) -> tuple[Band, ...]:
    return tuple(Band(start, label, (1, 1)) for start, label in pairs)


def default_measures() -> dict[str, Measure]:
    lo, hi = RANGE
    return {
        "P": Measure(
            "P",
            "Power balance",
            lo,
            hi,
            0,
            "very unequal",
            "balanced",
            "Influence over the joint work (agenda, problem, evidence, decisions about the "
            "improvement): low when it sits with one side, high at parity. It never covers "
            "clinical decisions about one person's care.",
            _bands(
                (-10, "very unequal"),
                (-6, "unequal"),
                (-3, "mixed"),
                (4, "nearly balanced"),
                (8, "balanced"),
            ),
            declared=False,
        ),
        "T": Measure(
            "T",
            "Trust",
            lo,
            hi,
            0,
            "low",
            "high",
            "Each partner's willingness to rely on the other, from how they see the other's "
            "ability, benevolence and integrity.",
            _bands((-10, "low"), (-6, "strained"), (-3, "mixed"), (4, "strong"), (8, "high")),
            declared=False,
        ),
        "U": Measure(
            "U",
            "Shared understanding",
            lo,
            hi,
            0,
            "low",
            "high",
            "How far the pair hold a common picture of the problem, its causes and each "
            "other's constraints.",
            _bands((-10, "low"), (-6, "patchy"), (-3, "partial"), (4, "strong"), (8, "high")),
            declared=False,
        ),
    }

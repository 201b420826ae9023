"""A synthetic class: learners' class exports made by the course's own code, for demonstrations
and speed measurements.

Each learner's journal holds real runs of the shipped scenarios (played by the engine with seeded
random choices, mapped to entries as both hosts map them), a check rated before and after (its
entry made by the rules and fields the check's widget uses), and a reflection; the class export
is the real one. Nothing here is a hand-made shape of an export.
"""

from __future__ import annotations

import json
import random
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from kfcourse.activities import instruments
from kfcourse.journal import entries
from kfcourse.journal.privacy import class_export
from kfcourse.journal.runs import run_entry

POOL = 1000  # distinct journals (as varied as a real class); learners past this reuse one (new ids)


@cache
def _scenarios() -> tuple[tuple[Any, str], ...]:
    from kfcourse.scenario.compiled import compile_scenario
    from kfcourse.scenario.library import load_shipped, shipped_ids

    loaded = [load_shipped(i).scenario for i in shipped_ids()]
    return tuple((s, compile_scenario(s)["hash"]) for s in loaded if s is not None)


def check_entry(check: str, before: int, after: int) -> dict[str, Any]:
    """A finished check (an agreement-scale instrument) with every item rated ``before`` at the
    first moment and ``after`` at the second, as the check's widget writes it to the journal."""
    from kfcourse.web.catalogue import messages

    inst = instruments.instrument(check)
    ratings = {
        moment: {rater: {item.id: value for item in inst.items} for rater in inst.raters}
        for moment, value in (("before", before), ("after", after))
    }
    words = messages("instrument", "en-GB")
    fields = instruments.entry_fields(
        instruments.answer(check, ratings), words[f"title.{check}"], words[f"intro.{check}"]
    )
    return entries.new_entry("exercise_answer", fields, "jupyter")


def synthetic_journal(seed: int) -> dict[str, Any]:
    """One learner's journal: some finished and unfinished runs, ratings and a reflection."""
    from kfcourse.scenario.vectors import random_session

    rng = random.Random(seed)
    made = []
    for scenario, digest in _scenarios():
        sides = rng.sample(["doctor", "patient", "pair"], k=rng.randint(1, 3))
        for side in sides:
            if rng.random() < 0.85:
                session = random_session(scenario, side, rng)
            else:  # stopped part-way
                session = random_session(scenario, side, rng, max_moves=rng.randint(1, 2))
            made.append(run_entry(session, scenario_hash=digest))
    before = rng.randint(1, 4)
    made.append(check_entry("partnership-trust", before, min(5, before + rng.randint(0, 2))))
    words = " ".join(["word"] * rng.randint(5, 120))
    made.append(entries.reflection(model="gibbs", variant="clinician",
                                   stages={"description": words, "feelings": "mixed"}))  # fmt: skip
    return {"format": "kfcourse-journal", "schema_version": 1, "entries": made}


def synthetic_exports(learners: int, salt: str = "synthetic-class") -> Iterator[dict[str, Any]]:
    """Class exports of `learners` synthetic learners (the journals repeat after POOL)."""
    pool = [synthetic_journal(seed) for seed in range(min(POOL, learners))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for number in range(learners):
            yield class_export(pool[number % len(pool)], f"learner {number}", salt=salt)


def write_synthetic_class(folder: Path, learners: int) -> list[Path]:
    """Write `learners` class exports as `learner-N.json` files in `folder`; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, data in enumerate(synthetic_exports(learners)):
        path = folder / f"learner-{number:06d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
        paths.append(path)
    return paths

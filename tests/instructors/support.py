"""Real journals for the instructor tests: runs played by the engine, entries made by the course.

Nothing here is a hand-made shape of an entry: runs come from ``kfcourse.scenario.engine`` through
``kfcourse.journal.runs.run_entry`` (the mapping both hosts use), a check's answer from its rules
(``kfcourse.analysis.synthetic_class.check_entry``), the other entries from the constructors in
``kfcourse.journal.entries``, and class exports from ``kfcourse.journal.privacy``.
"""

from __future__ import annotations

import json
import random
import warnings
from functools import cache
from pathlib import Path
from typing import Any

from kfcourse.analysis.synthetic_class import check_entry
from kfcourse.journal import entries
from kfcourse.journal.privacy import class_export
from kfcourse.journal.runs import run_entry
from kfcourse.scenario.compiled import compile_scenario
from kfcourse.scenario.engine import Session
from kfcourse.scenario.library import load_shipped, shipped_ids
from kfcourse.scenario.model import Scenario

MARKUP = '<img src="http://example.invalid/x.png" onerror="alert(1)"><script>alert(2)</script>'


@cache
def scenario(scenario_id: str) -> Scenario:
    loaded = load_shipped(scenario_id)
    assert loaded.scenario is not None
    return loaded.scenario


@cache
def _hash(scenario_id: str) -> str:
    return compile_scenario(scenario(scenario_id))["hash"]


def play(scenario_id: str, side: str, seed: int, *, moves: int | None = None) -> Session:
    """A session of a shipped scenario played with seeded random choices (to the end, or
    for `moves` learner moves)."""
    rng = random.Random(seed)
    session = Session(scenario(scenario_id), side)
    made = 0
    while session.awaiting() and (moves is None or made < moves):
        role = session.awaiting()[0]
        session.choose(rng.randrange(len(session.options())) + 1, role)
        made += 1
    return session


def run(scenario_id: str, side: str, seed: int, *, moves: int | None = None) -> dict[str, Any]:
    """A journal entry of a real run, as the Jupyter host writes it."""
    return run_entry(play(scenario_id, side, seed, moves=moves), scenario_hash=_hash(scenario_id))


def journal(seed: int, *, both_sides: bool = True, text: str = "I listened.") -> dict[str, Any]:
    """A learner's journal: finished runs of every shipped scenario (as doctor and, when
    `both_sides`, as patient), one stopped run, a trust check rated before and after, a
    reflection and an answer whose text is `text`."""
    made = []
    for number, scenario_id in enumerate(shipped_ids()):
        made.append(run(scenario_id, "doctor", seed * 100 + number))
        if both_sides:
            made.append(run(scenario_id, "patient", seed * 100 + number + 50))
    made.append(run(shipped_ids()[0], "pair", seed, moves=1))
    made.append(check_entry("partnership-trust", 2 + seed % 2, 4))
    made.append(entries.reflection(model="gibbs", variant="clinician",
                                   stages={"description": text, "feelings": "uneasy"}))  # fmt: skip
    made.append(entries.exercise_answer("ch01-who-leads", {"mismatch": text}, question=text))
    return {"format": "kfcourse-journal", "schema_version": 1, "entries": made}


def export(document: dict[str, Any], name: str, salt: str = "class-a", **options: Any) -> dict:
    """The real class export of `document` (the default-salt warning silenced)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return class_export(document, name, salt=salt, **options)


def write_exports(folder: Path, count: int, salt: str = "class-a") -> list[Path]:
    """`count` learners' class exports written into `folder` as the CLI writes them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        data = export(journal(number, both_sides=number % 2 == 0), f"learner {number}", salt)
        path = folder / f"learner-{number}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths

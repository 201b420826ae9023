"""Write the compiled shipped scenarios and their test vectors to one JSON file, for another
engine (the JavaScript player) to test itself against:
``python -m kfcourse.scenario.export_vectors OUT.json`` (``make vectors`` writes the golden file
the tests compare with). Each vector also carries the journal entry fields its run maps to
(``kfcourse.journal.runs``), so the JavaScript twin of that mapping is checked too, and
``comparisons`` hold ``kfcourse.journal.compare.compare_runs`` of pairs of those runs (each
vector with the next of the same scenario), for the page's ``align.js``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from kfcourse.scenario.vectors import MODES, random_session, vector

GOLDEN = Path("tests/roleplay/vectors.json")


def build(per_mode: int = 20, seed: int = 0) -> dict[str, Any]:
    """The compiled shipped scenarios and ``per_mode`` seeded vectors per scenario and mode."""
    from kfcourse.journal.runs import run_fields
    from kfcourse.scenario.compiled import compile_scenario
    from kfcourse.scenario.library import shipped_paths
    from kfcourse.scenario.loader import load_file

    scenarios = [r.scenario for r in map(load_file, shipped_paths()) if r.scenario is not None]
    compiled = {s.id: compile_scenario(s) for s in scenarios}
    vectors: list[dict[str, Any]] = []
    for s in scenarios:
        rng = random.Random(f"{s.id}:{seed}")
        for mode in MODES:
            for _ in range(per_mode):
                session = random_session(s, mode, rng)
                link = _link(len(vectors))
                entry = run_fields(session, compiled[s.id]["hash"], **link)
                vectors.append(
                    {
                        **vector(session),
                        **({"link": link} if link else {}),
                        "entry": entry,
                        "notes": notes(entry),
                    }
                )
    return {"scenarios": compiled, "vectors": vectors, "comparisons": comparisons(vectors)}


RUN_ID = "00000000-0000-4000-8000-000000000001"
NOTE_TEXT = "I'd have asked <b>her</b> first & waited: *really*\n\n# not a heading"
DEROLE_QUESTION = "One way you differ from your character?"
# Fields every entry has, made by the host (not by the mapping): left out of the vectors.
HOST_FIELDS = ("id", "created", "updated", "course_version", "source")


def _link(index: int) -> dict[str, str]:
    """No link, a swap or a replay, in turn: the run this one follows."""
    relation = (None, "swap", "replay")[index % 3]
    if relation is None:
        return {}
    return {"related_entry": f"00000000-0000-4000-8000-{index:012d}", "relation": relation}


def notes(entry: dict[str, Any]) -> dict[str, Any]:
    """A disagreement (at the run's first impasse, else its last step) and a de-roling note
    on the run, as ``kfcourse.journal.runs`` makes them, for the page's ``entry.js``."""
    from kfcourse.journal.runs import derole_entry, disagreement_entry

    run = {"id": RUN_ID, "kind": "roleplay", **entry}
    trace = entry["trace"]
    step = next((s["n"] for s in trace if s["kind"] == "impasse"), len(trace))
    made = {
        "disagreement": disagreement_entry(run, step, NOTE_TEXT),
        "de-roling": derole_entry(run, NOTE_TEXT, question=DEROLE_QUESTION),
    }
    fields = {k: {f: v for f, v in e.items() if f not in HOST_FIELDS} for k, e in made.items()}
    return {"run": RUN_ID, "step": step, "text": NOTE_TEXT, "question": DEROLE_QUESTION, **fields}


def comparisons(vectors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each vector's run compared with the next run of the same scenario (the last with the
    first): real pairs that part, revisit points and end differently."""
    from kfcourse.journal.compare import compare_runs

    out = []
    for scenario in dict.fromkeys(v["scenario"] for v in vectors):
        at = [i for i, v in enumerate(vectors) if v["scenario"] == scenario]
        for a, b in zip(at, at[1:] + at[:1], strict=True):
            runs = [{"kind": "roleplay", **vectors[k]["entry"]} for k in (a, b)]
            out.append({"a": a, "b": b, "result": compare_runs(*runs)})
    return out


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_all(out: str | Path, per_mode: int = 20, seed: int = 0) -> int:
    """Write the compiled shipped scenarios and their vectors to ``out``; returns how many."""
    data = build(per_mode, seed)
    Path(out).write_text(dumps(data), encoding="utf-8")
    return len(data["vectors"])


if __name__ == "__main__":  # pragma: no cover
    import sys

    if len(sys.argv) != 2:
        print("usage: python -m kfcourse.scenario.export_vectors OUT.json", file=sys.stderr)
        raise SystemExit(2)
    print(f"wrote {write_all(sys.argv[1])} vectors to {sys.argv[1]}")

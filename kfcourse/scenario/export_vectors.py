"""Write the compiled shipped scenarios and their test vectors to one JSON file, for another
engine (the JavaScript player) to test itself against:
``python -m kfcourse.scenario.export_vectors OUT.json``."""

from __future__ import annotations

from kfcourse.scenario.vectors import make_vectors


def write_all(out: str, per_mode: int = 20, seed: int = 0) -> int:
    """Write the compiled shipped scenarios and their vectors to ``out`` (JSON); returns how
    many vectors. Run ``python -m kfcourse.scenario.export_vectors OUT.json``."""
    import json
    from pathlib import Path

    from kfcourse.scenario.compiled import compile_scenario
    from kfcourse.scenario.library import shipped_paths
    from kfcourse.scenario.loader import load_file

    scenarios = [r.scenario for r in map(load_file, shipped_paths()) if r.scenario is not None]
    data = {
        "scenarios": {s.id: compile_scenario(s) for s in scenarios},
        "vectors": [v for s in scenarios for v in make_vectors(s, per_mode, seed)],
    }
    Path(out).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(data["vectors"])


if __name__ == "__main__":  # pragma: no cover
    import sys

    if len(sys.argv) != 2:
        print("usage: python -m kfcourse.scenario.export_vectors OUT.json", file=sys.stderr)
        raise SystemExit(2)
    print(f"wrote {write_all(sys.argv[1])} vectors to {sys.argv[1]}")

"""The golden vectors the JavaScript engine is tested against are what Python makes now."""

from __future__ import annotations

from pathlib import Path

from kfcourse.scenario.export_vectors import GOLDEN, build, dumps

ROOT = Path(__file__).resolve().parents[2]


def test_golden_vectors_are_fresh() -> None:
    held = (ROOT / GOLDEN).read_text(encoding="utf-8")
    assert held == dumps(build()), (
        f"{GOLDEN} is stale: the shipped scenarios or the engine changed. Run `make vectors` "
        "and commit the file (the JavaScript engine's tests read it)."
    )


def test_golden_vectors_cover_every_shipped_scenario_mode_and_history_clause() -> None:
    import json

    data = json.loads((ROOT / GOLDEN).read_text(encoding="utf-8"))
    seen = {(v["scenario"], v["mode"]) for v in data["vectors"]}
    assert seen == {(s, m) for s in data["scenarios"] for m in ("doctor", "patient", "pair")}
    kinds = {s["kind"] for v in data["vectors"] for s in v["steps"]}
    assert kinds == {"choice", "impasse"}
    text = json.dumps(data["scenarios"])
    assert '"chose"' in text and '"visits"' in text


def test_golden_comparisons_pair_runs_that_revisit_part_and_end_apart() -> None:
    import json

    data = json.loads((ROOT / GOLDEN).read_text(encoding="utf-8"))
    results = [c["result"] for c in data["comparisons"]]
    assert {data["vectors"][c["a"]]["scenario"] for c in data["comparisons"]} == set(
        data["scenarios"]
    )
    assert any(len({r["point"] for r in x["rows"]}) < len(x["rows"]) for x in results)
    assert any(r["a"] is None for x in results for r in x["rows"])
    assert any(r["b"] is None for x in results for r in x["rows"])
    assert any(x["endings"][0] != x["endings"][1] for x in results)

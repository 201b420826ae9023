"""The trust-loop vectors that the page's rules.js is tested against are what Python makes now."""

from __future__ import annotations

import json
from pathlib import Path

from kfcourse.activities import trust_loop_vectors

VECTORS = Path(__file__).resolve().parent / "trust_loop_vectors.json"


def test_vectors_are_fresh() -> None:
    assert VECTORS.read_text(encoding="utf-8") == trust_loop_vectors.text(), (
        f"{VECTORS} is stale: the trust-loop rules changed. Run `make vectors` (or "
        "`python -m kfcourse.activities.trust_loop_vectors` with that path) and commit the file."
    )


def test_vectors_cover_every_aim_outcome_and_refusal() -> None:
    data = json.loads(VECTORS.read_text(encoding="utf-8"))
    rounds = [r for g in data["games"] for r in g["answer"]["rounds"]]
    assert {r["aim"] for r in rounds} == {"modest", "moderate", "ambitious"}
    assert {r["success"] for r in rounds} == {True, False}
    assert {r["bonus"] for r in rounds} == {-1, 0, 1}
    assert any(r["inertia"] for r in rounds)
    assert any(r["clinician"] != r["patient"] for r in rounds)
    assert any(g["ratings"] for g in data["games"])
    assert len(data["refused"]) >= 5


def test_main_writes_the_file_and_refuses_bad_arguments(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "v.json"
    assert trust_loop_vectors.main([str(out)]) == 0
    assert out.read_text(encoding="utf-8") == VECTORS.read_text(encoding="utf-8")
    assert trust_loop_vectors.main([]) == 2
    assert trust_loop_vectors.main([str(tmp_path / "no" / "such" / "v.json")]) == 1
    err = capsys.readouterr().err
    assert "usage:" in err and "could not write" in err and "Traceback" not in err

"""The loader: YAML to the typed model, or a located diagnostic (never a traceback)."""

from __future__ import annotations

from pathlib import Path

from kfcourse.scenario import load_file, load_text
from kfcourse.scenario.model import JOINT

from .conftest import FIXTURES

VALID = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")


def codes(text: str) -> list[str]:
    return [d.code for d in load_text(text, "t.yaml").diagnostics]


def test_valid_file_becomes_the_model() -> None:
    result = load_text(VALID, "t.yaml")
    s = result.scenario
    assert s is not None and result.diagnostics == []
    assert s.id == "fixture" and s.start == "p1"
    assert list(s.measures) == ["P", "T", "U"]  # defaults when `measures` is left out
    assert s.measures["P"].low == "very unequal" and s.measures["P"].high == "balanced"
    p2 = s.points["p2"]
    assert p2.actor == JOINT and p2.impasse is not None
    assert [c.id for c in p2.choices] == ["a", "b"]
    assert p2.next is not None and p2.next[0].when is not None
    clause = p2.next[0].when.clauses[0]
    assert (clause.measure, clause.op, clause.value) == ("U", ">=", 2)


def test_choice_ids_default_to_letters() -> None:
    text = VALID.replace("{id: a, text: Set", "{text: Set").replace(
        "{id: b, text: Agree", "{text: Agree"
    )
    s = load_text(text).scenario
    assert s is not None and [c.id for c in s.points["p1"].choices] == ["a", "b"]


def test_empty_file() -> None:
    [d] = load_text("", "e.yaml").diagnostics
    assert (d.code, d.line, d.column) == ("SC001", 1, 1) and "empty" in d.message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"id: x\ntitle: caf\xe9\n")
    [d] = load_file(path).diagnostics
    assert (d.code, d.line, d.column) == ("SC001", 2, 11) and "UTF-8" in d.message


def test_missing_file(tmp_path: Path) -> None:
    [d] = load_file(tmp_path / "nope.yaml").diagnostics
    assert d.code == "SC001" and "cannot read" in d.message


def test_two_documents() -> None:
    [d] = load_text(VALID + "---\nid: again\n").diagnostics
    assert d.code == "SC001" and "more than one YAML document" in d.message


def test_top_level_must_be_a_mapping() -> None:
    [d] = load_text("- a\n- b\n").diagnostics
    assert d.code == "SC002" and "expected a mapping" in d.message


def test_quoting_hint_for_yes_no() -> None:
    found = load_text(VALID.replace("title: Fixture scenario", "title: yes")).diagnostics
    assert found[0].code == "SC002" and "put the text in quotes" in found[0].message


def test_alias_bomb_is_not_expanded() -> None:
    """A "billion laughs" file: the checker follows the schema, so it never expands the bomb."""
    lines = ["_a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"_a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    text = "\n".join(lines) + "\n" + VALID + "sources: *a8\n"
    found = load_text(text, "bomb.yaml").diagnostics
    assert {d.code for d in found} == {"SC002", "SC003"}
    assert any("sources" in d.message for d in found)


def test_recursive_alias() -> None:
    text = VALID + "debrief: &d\n  - text: hi\n    points: *d\n"
    found = load_text(text).diagnostics
    assert found and found[0].code in {"SC002", "SC005"}


def test_deep_nesting() -> None:
    text = "id: " + "[" * 5000 + "]" * 5000 + "\n"
    found = load_text(text).diagnostics
    assert found and found[0].code in {"SC001", "SC002"}


def test_band_and_range_checks() -> None:
    measures = (
        "measures:\n"
        "  P: {name: P, min: 5, max: 5, start: 5, low: l, high: h}\n"
        "  T: {name: T, min: 0, max: 9, start: 0, low: l, high: h,"
        " bands: [{from: 3, label: x}]}\n"
        "  U: {name: U, min: 0, max: 9, start: 0, low: l, high: h}\n"
    )
    found = load_text(measures + VALID).diagnostics
    messages = " ".join(d.message for d in found)
    assert [d.code for d in found] == ["SC005", "SC005"]
    assert "max (5) must be greater than min (5)" in messages and "bands must rise" in messages


def test_duplicate_choice_ids() -> None:
    text = VALID.replace("{id: b, text: Agree", "{id: a, text: Agree")
    assert codes(text) == ["SC005"]


def test_merge_keys_are_refused() -> None:
    text = VALID.replace("roles:\n", "_base: &b {name: X}\nroles:\n")
    text = text.replace(
        "  doctor: {name: Dr Ana Silva,", "  doctor: {<<: *b, title_x: 1, name: Dr Ana Silva,"
    )
    found = codes(text)
    assert "SC003" in found or "SC005" in found

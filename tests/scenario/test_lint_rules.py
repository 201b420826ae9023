"""One fixture per lint rule: the marked line is reported with the marked code and severity."""

from __future__ import annotations

from pathlib import Path

import pytest

from kfcourse.scenario import RULES, lint_file, shipped_paths
from kfcourse.scenario.bib import find_bib
from kfcourse.scenario.lint import lint_text
from kfcourse.scenario.starter import starter_text

from .conftest import FIXTURES, marked

RULE_FIXTURES = sorted(p for p in FIXTURES.glob("sc*.yaml"))


def test_every_rule_has_a_fixture() -> None:
    covered = {code for p in RULE_FIXTURES for _, code in marked(p)}
    # SC000 is the checker's own failure; SC120 needs a missing .bib (tested below).
    assert set(RULES) - {"SC000", "SC120"} <= covered


@pytest.mark.parametrize("path", RULE_FIXTURES, ids=lambda p: p.stem)
def test_fixture_reports_marked_line(path: Path) -> None:
    marks = marked(path)
    assert marks, "a rule fixture needs a `# <- CODE` marker"
    found = lint_file(path)
    for line, code in marks:
        hits = [d for d in found if d.code == code and d.line == line]
        assert hits, f"{code} not reported at line {line}: {[d.format() for d in found]}"
        assert all(d.severity == RULES[code][0] for d in hits)
        assert all(d.path == str(path) and d.column >= 1 for d in hits)


def test_valid_fixture_is_clean() -> None:
    assert lint_file(FIXTURES / "valid-minimal.yaml") == []


def test_missing_bib_is_a_warning(tmp_path: Path) -> None:
    found = lint_file(FIXTURES / "valid-minimal.yaml", bib=tmp_path / "none.bib")
    assert [d.code for d in found] == ["SC120"]
    assert found[0].severity == "warning"


def test_bib_is_respected(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{vangen2003nurturing,\n title={x}}\n", encoding="utf-8")
    found = lint_file(FIXTURES / "valid-minimal.yaml", bib=bib)
    assert [(d.code, "mayer1995integrative" in d.message) for d in found] == [("SC110", True)]


@pytest.mark.parametrize("path", shipped_paths(), ids=lambda p: p.stem)
def test_shipped_scenarios_have_no_findings(path: Path) -> None:
    assert [d.format() for d in lint_file(path)] == []


def test_starter_has_no_errors_and_warns_while_todos_remain() -> None:
    text = starter_text("my-scenario", "my-scenario.yaml")
    found = lint_text(text, "my-scenario.yaml", find_bib())
    assert found and {d.code for d in found} == {"SC125"}
    values = [line.split(" #", 1)[0] for line in text.splitlines()
              if not line.lstrip().startswith("#")]  # fmt: skip
    assert len(found) == sum("TODO" in value for value in values)
    filled = text.replace("TODO", "Filled in")
    assert lint_text(filled, "my-scenario.yaml", find_bib()) == []


def test_effects_written_empty_change_nothing_on_purpose() -> None:
    text = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    on_purpose = text.replace("effects: {P: 1, T: 1}", "effects: {}", 1)
    assert on_purpose != text
    assert lint_text(on_purpose, "x.yaml", find_bib()) == []
    zeros = text.replace("effects: {P: 1, T: 1}", "effects: {P: 0}", 1)
    assert [d.code for d in lint_text(zeros, "x.yaml", find_bib())] == ["SC108"]


def test_unknown_key_suggests_the_close_one() -> None:
    found = lint_file(FIXTURES / "sc003-unknown-key.yaml")
    assert "did you mean 'theory'?" in found[0].message


def test_messages_name_the_file_line_and_column() -> None:
    found = lint_file(FIXTURES / "sc101-missing-target.yaml")
    first = found[0].format()
    assert first.startswith(f"{FIXTURES / 'sc101-missing-target.yaml'}:18:11: error SC101: ")

"""The Sphinx part: shipped scenarios are linted at build time; the format reference is generated
from the schema and the instructor page shows every part of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from kfcourse.scenario.lint import RULES
from kfcourse.scenario.schema_check import load_schema
from kfcourse.sphinx import scenario_pages

from .conftest import FIXTURES

PAGE = Path(__file__).resolve().parents[2] / "chapters" / "instructors" / "writing-a-scenario.md"


def test_reference_covers_every_key_of_the_schema() -> None:
    schema = load_schema()
    documented = {
        anchor: {row[0] for row in rows}
        for anchor, _, rows in scenario_pages.reference_rows(schema)
    }
    assert documented["kf-scenario-file"] == set(schema["properties"])
    for name, part in schema["$defs"].items():
        if "properties" in part:  # every part with keys has its own table
            assert documented[f"kf-scenario-{name}"] == set(part["properties"]), name


def test_page_shows_every_part_and_the_rules() -> None:
    text = PAGE.read_text(encoding="utf-8")
    used = re.findall(r"```\{kf-scenario-schema\} (\w+)", text)
    assert sorted(used) == sorted(name or "file" for name, _ in scenario_pages.SECTIONS)
    assert "```{kf-scenario-rules}" in text
    assert "```{literalinclude} ../../kfcourse/data/scenarios/discharge-delays.yaml" in text


def test_build_time_lint_stops_on_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        scenario_pages, "shipped_paths", lambda: [FIXTURES / "sc101-missing-target.yaml"]
    )
    with pytest.raises(ExtensionError, match="error\\(s\\) in the shipped scenarios"):
        scenario_pages.lint_shipped(None)  # type: ignore[arg-type]


def test_build_time_lint_warns(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(
        scenario_pages, "shipped_paths", lambda: [FIXTURES / "sc108-zero-effects.yaml"]
    )
    scenario_pages.lint_shipped(None)  # type: ignore[arg-type]
    assert "SC108" in caplog.text


def test_directives_render_tables(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "extensions = ['kfcourse.sphinx.scenario_pages']\nlanguage = 'en-GB'\n", encoding="utf-8"
    )
    (src / "index.rst").write_text(
        "Reference\n=========\n\n.. kf-scenario-schema:: choice\n\n.. kf-scenario-rules::\n",
        encoding="utf-8",
    )
    app = Sphinx(
        str(src),
        str(src),
        str(tmp_path / "out"),
        str(tmp_path / "doctrees"),
        "html",
        status=None,
        warning=None,
        freshenv=True,
    )
    app.build()
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "The rationale, tied to theory" in html and "<th" in html
    for code in RULES:
        assert code in html

"""Scenarios in the book: lint the shipped scenarios at build time, and render their reference.

* On ``builder-inited`` every shipped scenario is checked; each finding becomes a Sphinx warning
  at the scenario's file and line, and any error stops the build, so a broken scenario cannot be
  published.
* ``{kf-scenario-schema} PART`` renders one part of the scenario JSON Schema as a table (or
  every part, with no PART), so the instructor page cannot drift from what the checker accepts.
* ``{kf-scenario-rules}`` renders the checker's codes, severities and meanings from
  ``kfcourse.scenario.lint.RULES``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from kfcourse.scenario.library import shipped_paths
from kfcourse.scenario.lint import RULES, lint_file
from kfcourse.scenario.schema_check import load_schema

LOGGER = logging.getLogger(__name__)

# The parts of the format in the order the reference shows them, with their headings.
SECTIONS = (
    ("", "The whole file"),
    ("measure", "A measure (under `measures`)"),
    ("band", "A band (under a measure's `bands`)"),
    ("role", "A role (under `roles`: `doctor` and `patient`)"),
    ("point", "A decision point (under `points`)"),
    ("choice", "A choice (under a point's `choices`)"),
    ("rule", "A rule (under a point's `rules`)"),
    ("impasse", "An impasse (a joint point's `impasse`)"),
    ("branch", "A branch (in a list given as `next`)"),
    ("condition", "A condition (a `when`)"),
    ("ending", "An ending (under `endings`)"),
    ("debrief_item", "A debrief item (under `debrief`)"),
)
NAMES = {
    "measure": "a measure",
    "band": "a band",
    "role": "a role",
    "point": "a decision point",
    "choice": "a choice",
    "rule": "a rule",
    "impasse": "an impasse",
    "branch": "a branch",
    "ending": "an ending",
    "debrief_item": "a debrief item",
    "keys": "a list of BibTeX keys",
    "text_by_role": "text for each role (role id: text)",
    "effects": "effects (measure id: whole number from -10 to 10)",
    "condition": "a condition (measure id: comparison or a list of them; `chose`; `visits`)",
    "comparison": "a comparison such as '<= -2'",
    "target": "an id, or a list of branches",
}
TYPES = {
    "string": "text",
    "integer": "whole number",
    "boolean": "true or false",
    "object": "mapping",
    "array": "list",
}


def describe_type(schema: dict[str, Any]) -> str:
    """A plain-words type for a schema fragment (used in the reference tables)."""
    if "$ref" in schema:
        return NAMES.get(schema["$ref"].rsplit("/", 1)[-1], "see below")
    if "oneOf" in schema:
        return " or ".join(describe_type(o) for o in schema["oneOf"])
    kind = schema.get("type")
    if kind == "array":
        item = describe_type(schema.get("items", {}))
        if item.startswith(("a ", "an ")):
            item = item.split(" ", 1)[1] + "s"
        return "list of " + item
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        key = schema.get("x-key", "name")
        return f"mapping of {key} to " + describe_type(schema["additionalProperties"])
    words = TYPES.get(str(kind), str(kind))
    if "enum" in schema:
        words += ": one of " + ", ".join(str(e) for e in schema["enum"])
    elif "x-hint" in schema:
        words += f" ({schema['x-hint']})"
    if "minimum" in schema and "maximum" in schema:
        words += f" from {schema['minimum']} to {schema['maximum']}"
    elif "minimum" in schema:
        words += f", at least {schema['minimum']}"
    return words


def reference_rows(schema: dict[str, Any]) -> list[tuple[str, str, list[list[str]]]]:
    """(anchor, heading, rows of [key, type, required, description]) for each part."""
    defs = schema.get("$defs", {})
    out = []
    for name, heading in SECTIONS:
        part = schema if not name else defs[name]
        required = set(part.get("required", ()))
        rows = [
            [
                key,
                describe_type(sub),
                "yes" if key in required else "no",
                sub.get(
                    "description",
                    defs.get(sub.get("$ref", "").rsplit("/", 1)[-1], {}).get("description", ""),
                ),
            ]
            for key, sub in part.get("properties", {}).items()
        ]
        out.append((f"kf-scenario-{name or 'file'}", heading, rows))
    return out


def _inline(text: str) -> list[nodes.Node]:
    """Text with `backticks` as literals."""
    parts = text.split("`")
    return [nodes.literal(p, p) if i % 2 else nodes.Text(p) for i, p in enumerate(parts) if p]


def _table(headers: list[str], rows: list[list[str]], literal_first: bool = True) -> nodes.table:
    table = nodes.table(classes=["kf-reference"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    row = nodes.row()
    for header in headers:
        row += nodes.entry("", nodes.paragraph(header, header))
    head += row
    group += head
    body = nodes.tbody()
    for values in rows:
        row = nodes.row()
        for i, value in enumerate(values):
            para = nodes.paragraph()
            para += [nodes.literal(value, value)] if i == 0 and literal_first else _inline(value)
            row += nodes.entry("", para)
        body += row
    group += body
    return table


class SchemaReference(SphinxDirective):
    """``{kf-scenario-schema} PART``: the table for one part of the format (``file``,
    ``measure``, ``choice``...), from the schema; with no PART, every part under a rubric."""

    has_content = False
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        parts = reference_rows(load_schema())
        headers = ["Key", "Type", "Required", "Meaning"]
        if self.arguments:
            wanted = f"kf-scenario-{self.arguments[0]}"
            found = [rows for anchor, _, rows in parts if anchor == wanted]
            if not found:
                names = ", ".join(a.removeprefix("kf-scenario-") for a, _, _ in parts)
                raise self.error(
                    f"kf-scenario-schema: no part {self.arguments[0]!r}; use one of {names}"
                )
            return [_table(headers, found[0])]
        out: list[nodes.Node] = []
        for anchor, heading, rows in parts:
            out += [nodes.rubric("", "", *_inline(heading), ids=[anchor]), _table(headers, rows)]
        return out


class RulesReference(SphinxDirective):
    """``{kf-scenario-rules}``: every checker code with its severity and meaning."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        rows = [[code, severity, text] for code, (severity, text) in RULES.items()]
        return [_table(["Code", "Severity", "What it finds"], rows)]


def lint_shipped(app: Sphinx) -> None:
    """Report every finding in the shipped scenarios; stop the build on any error."""
    errors = 0
    for path in shipped_paths():
        for finding in lint_file(path):
            location = f"{finding.path}:{finding.line}"
            message = f"scenario {finding.severity} {finding.code}: {finding.message}"
            LOGGER.warning(message, location=location, type="kfcourse", subtype="scenario")
            errors += finding.severity == "error"
    if errors:
        raise ExtensionError(
            f"kfcourse: {errors} error(s) in the shipped scenarios (see the "
            "warnings above, or run `kfcourse check`); not building the book"
        )


def setup(app: Sphinx) -> None:
    app.add_directive("kf-scenario-schema", SchemaReference)
    app.add_directive("kf-scenario-rules", RulesReference)
    app.connect("builder-inited", lint_shipped)

"""The class report as one self-contained HTML file: no script, no request to any host, every
value escaped, charts drawn into the file as SVG, readable in light and dark mode, at 320 px and
on paper."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kfcourse.analysis.class_report import FINISHED, LEARNER, SCENARIO, SIDE, Table

if TYPE_CHECKING:
    from kfcourse.analysis.class_report import ClassReport

STYLE = """
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #ffffff; --muted: #4a4a4a;
  --line: #767676; --bar: #1d5fa8; --head: #eef2f7; --warn-bg: #fff4d6; --warn: #5c3d00; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #f0f0f0; --bg: #16181c; --muted: #c8c8c8; --line: #8f8f8f; --bar: #7fb2ee;
    --head: #262b33; --warn-bg: #3a2e10; --warn: #ffe2a3; } }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1, h2, h3 { line-height: 1.25; overflow-wrap: anywhere; }
p, li, td, th, caption { overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.note { border-left: 4px solid var(--warn); background: var(--warn-bg); color: var(--fg);
  padding: 0.5rem 0.75rem; }
.table { overflow-x: auto; margin: 0.5rem 0 1.25rem; }
.table:focus { outline: 3px solid var(--bar); outline-offset: 2px; }
table { border-collapse: collapse; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: left;
  vertical-align: top; }
thead th { background: var(--head); }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
svg { max-width: 100%; height: auto; }
svg text { fill: var(--fg); font: 13px system-ui, sans-serif; }
svg rect.bar { fill: var(--bar); }
section { break-inside: avoid-page; }
@media print { .table { overflow: visible; } a { color: inherit; } }
"""

HEADINGS = {
    "runs": "Runs by side",
    "endings": "Endings reached (finished runs only)",
    "choices": "Choices taken at each decision point",
    "final-measures": "Measures at the end of each run (finished and unfinished runs apart)",
    "both-sides": "Learners who finished this scenario on both sides",
}
NO_SCENARIO = "(none named)"  # runs whose export names no scenario


SCENARIO_DIR = Path(__file__).resolve().parent.parent / "data" / "scenarios"  # shipped ones


_KEY = re.compile(r"([A-Za-z_][\w-]*):(\s|$)")


def _top_level(text: str, keys: tuple[str, ...]) -> str:
    """The lines of a YAML mapping's top-level `keys` (each key's line and the indented lines
    under it), as a smaller document that YAML reads to the same values for those keys."""
    kept, keeping = [], False
    for line in text.splitlines(keepends=True):
        if line[:1].strip() and not line.startswith("#"):  # a line at the left margin
            found = _KEY.match(line)
            keeping = found is not None and found.group(1) in keys
        if keeping:
            kept.append(line)
    return "".join(kept)


@cache
def scenario_words(scenario_id: str) -> tuple[str, dict[str, str]]:
    """A shipped scenario's title and its measures' names (the id and no names otherwise).

    Read from the file's YAML alone, not through the scenario loader: the course checks its
    shipped scenarios when it is built, and importing the engine for these words took longer
    than reading a class of a thousand exports. Only the file's `title` and `measures` are
    parsed (the whole of four files took 40 ms, a quarter of reading a thousand exports)."""
    import yaml

    shipped = {path.stem: path for path in SCENARIO_DIR.glob("*.yaml")}
    if scenario_id not in shipped:  # a learner's file names it: never a path to open
        return scenario_id, {}
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        text = shipped[scenario_id].read_text(encoding="utf-8")
        data = yaml.load(_top_level(text, ("title", "measures")), Loader=loader)
    except (OSError, ValueError, yaml.YAMLError):
        return scenario_id, {}
    if not isinstance(data, dict) or not isinstance(data.get("title"), str):
        return scenario_id, {}
    measures = data.get("measures")
    if not isinstance(measures, dict):
        measures = {}
    return data["title"], {
        str(key): measure["name"]
        for key, measure in measures.items()
        if isinstance(measure, dict) and isinstance(measure.get("name"), str)
    }


def _text(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, float):
        if value != value:
            return "none"
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _cell(value: Any) -> str:
    if type(value) is str:
        return f"<td>{escape(value)}</td>"
    if type(value) is int:
        return f'<td class="number">{value}</td>'
    if _is_number(value):
        return f'<td class="number">{escape(_text(value))}</td>'
    return f"<td>{escape(_text(value))}</td>"


def table_html(table: Table, caption: str, empty: str = "None yet.") -> str:
    """A table with a caption and column headings; every value escaped."""
    if table.empty:
        return f"<p><strong>{escape(caption)}:</strong> {escape(empty)}</p>"
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in table.columns)
    cell = _cell
    rows = ["<tr>" + "".join([cell(v) for v in row]) + "</tr>" for row in table.rows]
    return (
        f'<div class="table" role="region" tabindex="0" aria-label="{escape(caption)}">'
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def bars_svg(title: str, bars: Iterable[tuple[str, int]]) -> str:
    """A horizontal bar chart drawn as SVG, each bar labelled with its words and number."""
    bars = list(bars)
    if not bars:
        return ""
    most = max(n for _, n in bars) or 1
    row, width, label_width = 26, 640, 260
    height = row * len(bars) + 8
    parts = [
        f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>"
    ]
    for number, (label, count) in enumerate(bars):
        y = 4 + number * row
        length = max(2, int((width - label_width - 60) * count / most))
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end">'
            f"{escape(label[:40])}</text>"
            f'<rect class="bar" x="{label_width}" y="{y + 3}" width="{length}" height="18"/>'
            f'<text x="{label_width + length + 6}" y="{y + 17}">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _by_scenario(table: Table, scenarios: Iterable[Any]) -> dict[Any, Table]:
    """The table's rows for each scenario, without the scenario column."""
    at = table.columns.index(SCENARIO)
    columns = table.columns[:at] + table.columns[at + 1 :]
    rows: dict[Any, list[tuple[Any, ...]]] = {scenario: [] for scenario in scenarios}
    for row in table.rows:
        rows.setdefault(row[at], []).append(row[:at] + row[at + 1 :])
    return {scenario: Table(columns, mine) for scenario, mine in rows.items()}


def _named_measures(table: Table, names: dict[str, str]) -> Table:
    if table.empty or "Measure" not in table.columns or not names:
        return table
    at = table.columns.index("Measure")
    rows = [
        (*row[:at], f"{names[m]} ({m})", *row[at + 1 :]) if (m := row[at]) in names else row
        for row in table.rows
    ]
    return Table(table.columns, rows)


def _endings_bars(endings: Table) -> list[str]:
    """A bar chart of the endings reached on each side."""
    side_at, ending_at, runs_at = (endings.columns.index(c) for c in (SIDE, "Ending", "Runs"))
    by_side: dict[str, list[tuple[Any, int]]] = {}
    for row in endings.rows:
        if row[side_at] is not None:
            by_side.setdefault(row[side_at], []).append((row[ending_at], int(row[runs_at])))
    out = []
    for side in sorted(by_side):
        bars = [(_text(ending), runs) for ending, runs in by_side[side]]
        out.append(f'<p class="muted">As {escape(_text(side))}: finished runs that '
                   "reached each ending</p>")  # fmt: skip
        title = f"Endings reached as {side}: " + "; ".join(f"{e}, {n} runs" for e, n in bars)
        out.append(bars_svg(title, bars))
    return out


def _scenario_section(scenario_id: Any, tables: dict[str, Table]) -> str:
    names: dict[str, str] = {}
    if scenario_id is None:
        title, names, heading = NO_SCENARIO, {}, NO_SCENARIO
    else:
        title, names = scenario_words(str(scenario_id))
        heading = f"{title} ({scenario_id})" if title != scenario_id else str(scenario_id)
    out = [f"<section><h2>Scenario: {escape(heading)}</h2>"]
    for name, subheading in HEADINGS.items():
        mine = _named_measures(tables[name], names)
        out.append(f"<h3>{escape(subheading)}</h3>")
        if name == "endings" and not mine.empty:
            out.extend(_endings_bars(mine))
        if name == "final-measures" and not mine.empty:
            run = mine.columns.index("Run")
            mine = Table(mine.columns, sorted(mine.rows, key=lambda r: r[run] != FINISHED))
        out.append(table_html(mine, f"{subheading}: {heading}"))
    out.append("</section>")
    return "".join(out)


def report_html(report: ClassReport) -> str:
    """The whole report as one HTML document (UTF-8 text)."""
    learners = report.learners
    intro = (
        f"{learners} learner{'s' if learners != 1 else ''}, shown only by pseudonym. "
        f"{report.free_text_learners} chose to include their written words; this report shows "
        "only counts and choices, never their words."
    )
    out = [
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Class report: Leading Together</title>"
        f"<style>{STYLE}</style></head><body><main>"
        "<h1>Class report: Leading Together</h1>",
        f"<p>{escape(intro)}</p>",
        '<p class="muted">The meters are arguments, not scores: read the averages as a start '
        "for discussion, not as a measure of the learners.</p>",
    ]
    if report.default_salt_exports:
        out.append(
            f'<p class="note" role="note">{report.default_salt_exports} export(s) were made with '
            "the course's default salt. Anyone with a class list could work out whose pseudonym "
            "is whose: next time, give the class its own code (--salt CODE).</p>"
        )
    if report.refused:
        out.append(
            f'<p class="note" role="note">{len(report.refused)} file(s) could not be read and '
            'were left out; see <a href="#left-out">Files left out</a>.</p>'
        )
    plain = report.plain
    out.append("<section><h2>Who took part</h2>")
    out.append(table_html(plain["participation"], "Participation"))
    out.append("</section>")
    at = plain["runs"].columns.index(SCENARIO)
    scenarios = sorted({row[at] for row in plain["runs"].rows},
                       key=lambda s: (s is None, "" if s is None else str(s)))  # fmt: skip
    split = {name: _by_scenario(plain[name], scenarios) for name in HEADINGS}
    for scenario_id in scenarios:
        mine = {name: split[name][scenario_id] for name in HEADINGS}
        out.append(_scenario_section(scenario_id, mine))
    if not scenarios:
        out.append("<section><h2>Role-play runs</h2><p>No role-play runs yet.</p></section>")
    out.append("<section><h2>Ratings before and after</h2>")
    out.append(table_html(plain["ratings"], "Ratings before and after, averaged over learners "
                          "who gave both"))  # fmt: skip
    out.append("</section><section><h2>Reflections</h2>")
    out.append(table_html(plain["reflections"], "Reflection lengths in words"))
    out.append('</section><section><h2 id="left-out">Files left out</h2>')
    out.append(table_html(plain["files-left-out"], "Files left out, with the reason",
                          "None: every file was read."))  # fmt: skip
    out.append("</section></main></body></html>\n")
    return "".join(out)


__all__ = ["LEARNER", "report_html", "table_html"]

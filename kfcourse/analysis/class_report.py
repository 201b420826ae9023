"""An instructor's class report from learners' class exports (pseudonymised, see journal.privacy).

Files that are not class exports are listed with the reason and left out; the same export
handed in twice counts once (entries are keyed by pseudonym and entry id).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kfcourse.analysis.summary import summarise
from kfcourse.journal.errors import RefusedFile
from kfcourse.journal.reading import parse_json
from kfcourse.journal.schema import CLASS_FORMAT, FORMAT, problems

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class ClassReport:
    """Tables over a class: runs by scenario and side, rating changes, reflection lengths."""

    learners: int
    runs_by_scenario: pd.DataFrame
    rating_changes: pd.DataFrame
    reflection_lengths: pd.DataFrame
    free_text_learners: int
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    def to_markdown(self) -> str:
        """The report as Markdown tables (plain text, fine in a terminal too)."""
        out = ["# Class report", ""]
        out.append(f"{self.learners} learners (pseudonymised); {self.free_text_learners} chose to "
                   "include their free text.")  # fmt: skip
        sections = [
            ("Role-play runs by scenario and side", self.runs_by_scenario),
            ("Ratings before and after (mean over learners with both)", self.rating_changes),
            ("Reflection lengths (words)", self.reflection_lengths),
        ]
        for title, table in sections:
            out += ["", f"## {title}", "", markdown_table(table)]
        if self.refused:
            out += ["", "## Files left out", ""]
            out += [f"- {name}: {reason}" for name, reason in self.refused]
        return "\n".join(out) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "" if value != value else f"{value:.2f}".rstrip("0").rstrip(".")
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(table: pd.DataFrame) -> str:
    """A DataFrame as a Markdown table ("(none yet)" when empty)."""
    if table.empty:
        return "(none yet)"
    header = [str(c) for c in table.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in table.itertuples(index=False):
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines)


def read_class_export(data: bytes) -> dict[str, Any]:
    """A checked class export, or RefusedFile with the reason."""
    document = parse_json(data)
    if not isinstance(document, dict):
        raise RefusedFile("not a class export: the file does not hold a JSON object")
    if document.get("format") == FORMAT:
        raise RefusedFile(
            "this is a learner's whole journal, not a class export: ask the "
            "learner for a class export (kfcourse journal export --class)"
        )
    if document.get("format") != CLASS_FORMAT:
        raise RefusedFile(f'not a class export: it has no "format": "{CLASS_FORMAT}" marker')
    if document.get("schema_version") != 1:
        raise RefusedFile(f"class export version {document.get('schema_version')!r} is not one "
                          "this course reads")  # fmt: skip
    found = problems(document, "class")
    if found:
        raise RefusedFile(f"the class export is damaged: {found[0]}")
    return document


def class_report(exports: Iterable[dict[str, Any]], refused: Sequence[tuple[str, str]] = ()
                 ) -> ClassReport:  # fmt: skip
    """The class report over already-read class exports."""
    import pandas as pd

    by_learner: dict[str, dict[str, dict[str, Any]]] = {}
    free_text: set[str] = set()
    for export in exports:
        held = by_learner.setdefault(export["pseudonym"], {})
        for entry in export["entries"]:
            held[entry["id"]] = entry
        if export.get("includes_free_text"):
            free_text.add(export["pseudonym"])

    runs, changes, lengths = [], [], []
    for learner, entries in by_learner.items():
        summary = summarise(list(entries.values()))
        if not summary.runs.empty:
            runs.append(summary.runs.assign(learner=learner))
        if not summary.rating_changes.empty:
            changes.append(summary.rating_changes.assign(learner=learner))
        for entry in entries.values():
            counts = entry.get("word_counts")
            if entry.get("kind") == "reflection" and isinstance(counts, dict):
                lengths.append({"learner": learner, "model": entry.get("model"),
                                "words": sum(counts.values())})  # fmt: skip

    if runs:
        frame = pd.concat(runs, ignore_index=True)
        ends = [c for c in frame.columns if c.startswith("end_")]
        grouped = frame.groupby(["scenario_id", "side"], dropna=False)
        by_scenario = grouped.agg(runs=("id", "count"), learners=("learner", "nunique"),
                                  completed=("completed", "sum"))  # fmt: skip
        if ends:
            by_scenario = by_scenario.join(grouped[ends].mean().add_prefix("mean_"))
        by_scenario = by_scenario.reset_index()
    else:
        by_scenario = pd.DataFrame(columns=["scenario_id", "side", "runs", "learners"])
    if changes:
        frame = pd.concat(changes, ignore_index=True).dropna(subset=["change"])
        grouped = frame.groupby(["instrument", "item"])
        rating_table = grouped.agg(
            learners=("learner", "nunique"),
            before=("before", "mean"),
            after=("after", "mean"),
            change=("change", "mean"),
        ).reset_index()
    else:
        rating_table = pd.DataFrame(columns=["instrument", "item", "learners", "before", "after"])
    if lengths:
        frame = pd.DataFrame(lengths)
        length_table = (
            frame.groupby("model")["words"]
            .agg(reflections="count", median="median", smallest="min", largest="max")
            .reset_index()
        )
    else:
        length_table = pd.DataFrame(columns=["model", "reflections", "median"])
    return ClassReport(len(by_learner), by_scenario, rating_table, length_table, len(free_text),
                       list(refused))  # fmt: skip


def class_report_from_files(paths: Iterable[str | Path]) -> ClassReport:
    """Read class exports from files (refused files are listed in the report) and report."""
    exports, refused = [], []
    for path in paths:
        try:
            exports.append(read_class_export(Path(path).read_bytes()))
        except RefusedFile as exc:
            refused.append((str(path), str(exc)))
        except OSError as exc:
            refused.append((str(path), f"cannot be read ({exc.strerror})"))
        except json.JSONDecodeError as exc:  # pragma: no cover - parse_json refuses first
            refused.append((str(path), str(exc)))
    return class_report(exports, refused)

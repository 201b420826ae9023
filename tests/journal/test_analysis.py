"""The learner's summary and the instructor's class report, on known journals."""

from __future__ import annotations

import json
import math
import subprocess
import sys

from kfcourse.analysis import class_report, summarise
from kfcourse.analysis.class_reading import class_report_from_files
from kfcourse.journal import entries
from tests.instructors.support import export, journal

from .support import V0_FIXTURE, sample_entries


def test_core_imports_stay_light():
    code = (
        "import sys, kfcourse.journal, kfcourse.analysis; "
        "print(sorted(m for m in ('pandas', 'matplotlib', 'ipywidgets', 'jsonschema') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_empty_journal_gives_empty_tables_with_columns():
    summary = summarise([])
    assert summary.is_empty
    for table in (
        summary.runs,
        summary.runs_by_scenario,
        summary.path,
        summary.ratings,
        summary.rating_changes,
        summary.reflections,
        summary.reflection_lengths,
    ):
        assert table.empty and len(table.columns) > 0


def test_summary_of_known_entries():
    made = sample_entries()
    made.append(
        entries.roleplay(
            "discharge-delays",
            "sha256:" + "cd" * 32,
            "doctor",
            [{"point": "A1", "choice": "x", "measures": {"power": 4, "trust": 4}}],
        )
    )
    summary = summarise({"entries": made})
    assert summary.counts.to_dict() == {
        "roleplay": 2,
        "reflection": 2,
        "self_rating": 2,
        "exercise_answer": 1,
    }
    (row,) = summary.runs_by_scenario.to_dict("records")
    assert (row["scenario_id"], row["side"], row["runs"], row["completed"]) == (
        "discharge-delays",
        "doctor",
        2,
        1,
    )
    assert row["mean_end_power"] == 3.0  # ends 2 (given) and 4 (last step)
    first_run = summary.path[summary.path["run"] == made[0]["id"]]
    trust = first_run[first_run["measure"] == "trust"].sort_values("step")["value"].tolist()
    assert trust == [3, 3, 2]  # start, after A1, after A2
    changes = summary.rating_changes.set_index("item")
    assert changes.loc["ability-1", "change"] == 1
    assert changes.loc["integrity-1", "after"] == 5  # skipped before: no change to report
    assert math.isnan(changes.loc["integrity-1", "change"])
    lengths = dict(
        zip(summary.reflection_lengths["model"], summary.reflection_lengths["words"], strict=True)
    )
    assert lengths == {"gibbs": 14, "free": 2}


def test_latest_before_and_after_are_compared():
    early = entries.self_rating("power-check", {"say": 1}, moment="before")
    later = entries.touched(entries.self_rating("power-check", {"say": 2}, moment="before"))
    after = entries.self_rating("power-check", {"say": 4}, moment="after")
    row = summarise([early, later, after]).rating_changes.iloc[0]
    assert (row["before"], row["after"], row["change"]) == (2, 4, 2)


def test_class_report_counts_each_learner_once():
    document = journal(2)
    first, again = export(document, "Heron"), export(document, "Heron")
    other = export(journal(3), "Kite", include_free_text=True)
    report = class_report([first, again, other])
    assert report.learners == 2 and report.free_text_learners == 1
    runs = report.runs.groupby("Scenario")["Learners"].max()
    assert set(runs) == {2}
    finished = sum(1 for e in document["entries"] if e["kind"] == "roleplay" and e["completed"])
    participation = report.participation.set_index("What")["Number"]
    assert participation["Role-play runs finished"] == 2 * finished
    ratings = report.ratings.set_index("Item")  # the trust check: 7 items by 2 partners
    assert len(ratings) == 14 and set(ratings["Instrument"]) == {"partnership-trust"}
    row = ratings.loc["partner-a.knowledge"]  # rated 2 and 3 before, 4 after
    assert (row["Learners with both"], row["Before (mean)"], row["After (mean)"]) == (2, 2.5, 4)


def test_class_report_leaves_out_foreign_files_with_reason(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(export(journal(1), "Heron")), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "kfcourse-class-export", "schema_version": 1}')
    report = class_report_from_files([good, broken, V0_FIXTURE, tmp_path / "missing.json"])
    assert report.learners == 1
    reasons = dict(report.refused)
    assert "damaged" in reasons[str(broken)]
    assert "not a class export" in reasons[str(V0_FIXTURE)]
    assert "cannot be read" in reasons[str(tmp_path / "missing.json")]

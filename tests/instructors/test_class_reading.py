"""A class read by several worker processes gives the report one process gives, file for file."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from kfcourse.analysis.class_exports import input_files
from kfcourse.analysis.class_reading import count_files
from kfcourse.analysis.class_report import ClassCounts
from tests.instructors.support import export, journal, run, write_exports


def _class(folder: Path) -> list[Path]:
    """Real exports, with a learner who handed in twice, in different runs of files (the
    second time without a run she had deleted and with a new one), and two files that are
    not class exports."""
    write_exports(folder, 9)
    ada = journal(42)
    deleted, later = (run("discharge-delays", "patient", seed) for seed in (4242, 4343))
    ada["entries"].append(deleted)
    (folder / "learner-2a-early.json").write_text(json.dumps(export(ada, "Ada")), "utf-8")
    ada["entries"][-1] = later
    (folder / "learner-8z-later.json").write_text(json.dumps(export(ada, "Ada")), "utf-8")
    (folder / "learner-5-broken.json").write_text('{"format": "kfcourse-class-export"', "utf-8")
    (folder / "learner-6-journal.json").write_text(json.dumps(journal(7)), "utf-8")
    return list(input_files([folder]))


def _report(paths: list[Path], **how: int) -> tuple[dict, list, int]:
    counts, refused = count_files(paths, **how)
    report = counts.report(refused)
    return {name: table.rows for name, table in report.plain.items()}, refused, report.learners


def test_workers_give_the_report_one_process_gives(tmp_path: Path) -> None:
    paths = _class(tmp_path / "class")
    alone = _report(paths, workers=1)
    for workers, run_size in ((2, 1), (2, 3), (2, 5), (3, 2)):  # Ada's files in different runs
        assert _report(paths, workers=workers, run_size=run_size) == alone
    _, refused, learners = alone
    assert learners == 10 and len(refused) == 2
    assert [Path(name).name for name, _ in refused] == [
        "learner-5-broken.json",
        "learner-6-journal.json",
    ]


def test_runs_with_no_learner_in_common_are_added_up(tmp_path: Path, monkeypatch) -> None:
    """Each run's counts are added up (no second reading) and give one process's report;
    counts that share a learner are never added."""
    paths = _class(tmp_path / "class")
    paths = [p for p in paths if "learner-8z" not in p.name]  # Ada handed in once
    alone = _report(paths, workers=1)
    merged: list[int] = []
    real_merge = ClassCounts.merge
    monkeypatch.setattr(ClassCounts, "merge", lambda self, other: merged.append(1) or
                        real_merge(self, other))  # fmt: skip
    for workers, run_size in ((2, 1), (2, 3), (3, 2)):
        merged.clear()
        assert _report(paths, workers=workers, run_size=run_size) == alone
        assert len(merged) == -(-len(paths) // run_size)  # every run added, none read again
    counts, _ = count_files(paths[:3], workers=1)
    with pytest.raises(ValueError, match="share a learner"):
        counts.merge(count_files(paths[2:4], workers=1)[0])


def test_progress_counts_every_file_once(tmp_path: Path) -> None:
    paths = _class(tmp_path / "class")
    for how in ({"workers": 1}, {"workers": 2, "run_size": 4}):
        done: list[int] = []
        count_files(paths, on_files=done.append, **how)
        assert sum(done) == len(paths), how
        assert gc.isenabled()  # the cycle collector, off while counting, is on again

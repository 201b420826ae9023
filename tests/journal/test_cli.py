"""`kfcourse journal show|export|import` and `kfcourse class-report`, run as a learner would."""

from __future__ import annotations

import json

from kfcourse.cli.main import main
from kfcourse.journal import JournalStore

from .support import V0_FIXTURE, files_snapshot, sample_entries


def test_import_show_export_round_trip(store, tmp_path, capsys):
    assert main(["journal", "import", str(V0_FIXTURE)]) == 0
    assert "6 added" in capsys.readouterr().out
    assert main(["journal", "import", str(V0_FIXTURE)]) == 0
    assert "0 added, 0 updated, 6 already there" in capsys.readouterr().out
    assert main(["journal", "show"]) == 0
    assert "6 entries: 2 role-play runs, 2 reflections, 2 self-ratings" in capsys.readouterr().out
    for fmt in ("json", "md", "csv"):
        out = tmp_path / f"export.{fmt}"
        assert main(["journal", "export", "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 0
    other = tmp_path / "other.json"
    assert main(["journal", "import", str(tmp_path / "export.json"), "--journal", str(other)]) == 0
    assert JournalStore(other).entries() == store.entries()


def test_refused_file_exits_1_with_one_line_and_journal_untouched(store, tmp_path, capsys):
    for entry in sample_entries():
        store.add(entry)
    bad = tmp_path / "downloads" / "bad.json"
    bad.parent.mkdir()
    before = files_snapshot(store)
    bad.write_text('{"format": "kfcourse-journal", "schema_version": 1, "entries": [{}]}')
    assert main(["journal", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kfcourse journal import: refused")
    assert "Traceback" not in err
    assert main(["journal", "import", str(tmp_path / "missing.json")]) == 1
    assert "there is no file" in capsys.readouterr().err
    assert files_snapshot(store) == before


def test_export_to_stdout_and_class_export(store, tmp_path, capsys):
    for entry in sample_entries():
        store.add(entry)
    assert main(["journal", "export", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["entries"]) == 6
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["journal", "export", "--class", "Blue Heron", "-o", str(first)]) == 0
    assert "decide" not in first.read_text()
    with_text = ["journal", "export", "--class", "Red Kite", "--include-text", "-o", str(second)]
    assert main(with_text) == 0
    assert "decide" in second.read_text()
    report = tmp_path / "report.html"
    args = ["class-report", str(first), str(second), str(V0_FIXTURE), "-o", str(report)]
    assert main(args) == 0
    text = report.read_text()
    assert "2 learners" in text and "1 chose to include their written words" in text
    assert "journal-v0.json: not a class export" in capsys.readouterr().err


def test_class_report_with_nothing_readable_fails(tmp_path, capsys):
    assert main(["class-report", str(V0_FIXTURE), "-o", str(tmp_path / "r.html")]) == 1
    assert "no class exports to report on" in capsys.readouterr().err


def test_export_refuses_to_overwrite_the_journal(store, capsys):
    store.add(sample_entries()[0])
    store.compact()
    before = store.path.read_bytes()
    assert main(["journal", "export", "-o", str(store.path), "--format", "md"]) == 1
    assert store.path.read_bytes() == before
    capsys.readouterr()

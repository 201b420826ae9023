"""The journal at its edges: size and nesting limits, read-only folders, hand-edited files,
damaged files moved aside, stale temporary files, control characters and CSV formulas.

Each test drives the real store or the real `kfcourse` command (in a child process where the
operating system must refuse something), and the browser's rules through Node.js.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import unicodedata
import warnings
from pathlib import Path

import pytest

from kfcourse.cli.main import main
from kfcourse.journal import (
    JournalError,
    JournalNotice,
    JournalStore,
    RefusedFile,
    entries,
    reading,
)
from kfcourse.journal.csv_export import to_csv
from kfcourse.journal.errors import JournalFull
from kfcourse.journal.reading import MAX_DEPTH, read_document
from kfcourse.journal.store import empty_document

from .support import files_snapshot, sample_entries

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "kfcourse" / "web" / "journal"
NODE = shutil.which("node")
SETPRIV = shutil.which("setpriv")


def _node(script: str, payload: object) -> object:
    """Run `script` in Node.js with the browser journal's core and exporters loaded.

    The script reads `input` (the payload) and sets `output`, which comes back as JSON.
    """
    if NODE is None:
        pytest.skip("Node.js is not installed")
    program = (
        f"require({json.dumps(str(WEB / 'kf-journal-core.js'))});"
        f"require({json.dumps(str(WEB / 'kf-journal-export.js'))});"
        "const KF = globalThis.KFJournal; let output;"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        f"{script};"
        "process.stdout.write(JSON.stringify(output));"
    )
    done = subprocess.run(
        [NODE, "-e", program], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def _nested(depth_of_answer: int) -> dict:
    """A journal whose one entry's answer nests lists `depth_of_answer` levels deep."""
    answer: object = 0
    for _ in range(depth_of_answer):
        answer = [answer]
    document = empty_document()
    document["entries"] = [entries.exercise_answer("deep", None)]
    document["entries"][0]["answer"] = answer
    return document


# ---------------------------------------------------------------------- one size limit


@pytest.fixture
def small_limit(monkeypatch) -> int:
    """A 256 KB size limit, so filling a journal takes a moment (the real one is 64 MB)."""
    limit = 256 * 1024
    monkeypatch.setattr(reading, "MAX_BYTES", limit)
    return limit


def _big(number: int) -> dict:
    return entries.exercise_answer("big", {"n": number, "text": "x" * 20_000})


def test_the_store_refuses_to_grow_past_the_limit_it_reads(store, small_limit, tmp_path):
    noticed_before_full = False
    saved = 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(JournalFull, match="more than the 1 MB a journal can hold"):
            for number in range(100):
                store.add(_big(number))
                saved += 1
                noticed_before_full |= any("can hold" in str(w.message) for w in caught)
    assert noticed_before_full, "no notice before the journal was full"
    assert 0 < saved < 100
    store.compact()
    assert store.path.stat().st_size <= small_limit
    with warnings.catch_warnings():
        warnings.simplefilter("error", JournalNotice)  # nothing may be moved aside
        assert [e["answer"]["n"] for e in store.entries()] == list(range(saved))
    assert store.backups() == []
    # its own file and its export import anywhere, whole
    assert JournalStore(tmp_path / "copy.json").import_file(store.path).added == saved
    exported = tmp_path / "export.json"
    assert main(["journal", "export", "-o", str(exported)]) == 1 or exported.exists()
    assert JournalStore(tmp_path / "copy2.json").import_file(exported).added == saved


def test_an_import_that_would_pass_the_limit_is_refused_whole(store, small_limit, tmp_path):
    other = JournalStore(tmp_path / "other.json")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", JournalNotice)
        for number in range(8):
            store.add(_big(number))
            other.add(_big(100 + number))
    store.compact()
    other.compact()
    before = files_snapshot(store)
    with pytest.raises(JournalFull, match="nothing was written"):
        store.import_file(other.path)
    assert files_snapshot(store) == before


def test_a_file_over_the_limit_is_refused_with_its_size(store, small_limit, tmp_path):
    too_big = tmp_path / "big.json"
    too_big.write_bytes(b" " * (small_limit + 1))
    with pytest.raises(RefusedFile, match="larger than any journal"):
        store.import_file(too_big)


# ---------------------------------------------------------------------- one nesting limit


def test_nesting_limit_is_the_same_in_python_and_in_the_browser(store, tmp_path):
    from kfcourse.journal.schema import schema

    # document (1) > entries (2) > entry (3) > answer: the answer's lists make up the rest
    at_limit, over_limit = _nested(MAX_DEPTH - 3), _nested(MAX_DEPTH - 2)
    verdicts = _node(
        "output = input.docs.map((d) => KF.core.parseImport(d, input.schema).ok)"
        "; output.push(KF.core.MAX_DEPTH)",
        {"docs": [json.dumps(at_limit), json.dumps(over_limit)], "schema": schema()},
    )
    assert verdicts == [True, False, MAX_DEPTH]
    read_document(json.dumps(at_limit).encode())
    with pytest.raises(RefusedFile, match=f"more than {MAX_DEPTH} levels deep"):
        read_document(json.dumps(over_limit).encode())


@pytest.mark.parametrize("depth", [900, 200_000])
def test_deeply_nested_files_are_refused_alike_by_every_path(store, tmp_path, capsys, depth):
    text = json.dumps(_nested(1)).replace("[0]", "[" * depth + "0" + "]" * depth)
    offered = tmp_path / "deep.json"
    offered.write_text(text)
    assert main(["journal", "import", str(offered)]) == 1
    assert f"more than {MAX_DEPTH} levels deep" in capsys.readouterr().err
    assert _node("output = KF.core.parseImport(input, {}).ok", text) is False
    # the learner's own file, so deep, is moved aside on every path, never a RecursionError
    for command in (["show"], ["export", "--format", "md"], ["export", "--class", "me"]):
        store.path.write_text(text)
        assert main(["journal", *command]) == 1
        err = capsys.readouterr().err
        assert "levels deep" in err and "Traceback" not in err
        for backup in store.pending_backups():
            backup.unlink()


def test_an_entry_nested_too_deeply_is_not_saved(store):
    answer: object = 0
    for _ in range(MAX_DEPTH):
        answer = [answer]
    with pytest.raises(JournalError, match="levels deep"):
        store.add(entries.exercise_answer("deep", answer))
    assert not store.path.exists() and not store.wal_path.exists()


# ---------------------------------------------------------------------- a read-only folder


def _as_learner_without_write_access(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    """Run `kfcourse ARGS` so that the folder's permissions bind (root ignores them)."""
    command = [sys.executable, "-m", "kfcourse.cli.main", *args]
    if os.geteuid() == 0:
        if SETPRIV is None:
            pytest.skip("running as root without setpriv: cannot make a folder read-only")
        caps = "-dac_override,-dac_read_search,-fowner"
        command = [SETPRIV, f"--inh-caps={caps}", f"--bounding-set={caps}", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)


@pytest.fixture
def read_only_journal(tmp_path):
    """A journal (file and recent log, no lock file) in a folder nobody may write to."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    store = JournalStore(folder / "kfcourse-journal.json", compact_min_bytes=10**9)
    for entry in sample_entries()[:3]:
        store.add(entry)
    store.compact()
    for entry in sample_entries()[3:]:
        store.add(entry)
    store.lock_path.unlink()
    offered = tmp_path / "offered.json"
    offering = JournalStore(offered)
    offering.add(entries.exercise_answer("new", 1))
    offering.compact()
    env = {**os.environ, "KFCOURSE_JOURNAL": str(store.path)}
    before = files_snapshot(store)
    folder.chmod(0o555)
    yield store, offered, env
    folder.chmod(0o755)
    assert files_snapshot(store) == before


@pytest.mark.slow  # a fresh Python process per command
@pytest.mark.parametrize(
    ("command", "holds_all"),
    [
        (["show"], lambda out: "6 entries:" in out),
        (["export", "--format", "json"], lambda out: len(json.loads(out)["entries"]) == 6),
        (["export", "--format", "md"], lambda out: "Who led?" in out and "trust-check" in out),
        (
            ["export", "--format", "csv"],
            lambda out: len(list(csv.DictReader(io.StringIO(out)))) == 6,
        ),
        (
            ["export", "--class", "me", "--salt", "s"],
            lambda out: json.loads(out)["entries"][0]["kind"] == "roleplay",
        ),
    ],
    ids=["show", "json", "md", "csv", "class"],
)
def test_reading_a_read_only_journal_needs_no_lock_file(read_only_journal, command, holds_all):
    _, _, env = read_only_journal
    done = _as_learner_without_write_access(["journal", *command], env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert holds_all(done.stdout), done.stdout[:2000]


@pytest.mark.slow
def test_writing_a_read_only_journal_gives_one_line_and_exit_1(read_only_journal):
    _, offered, env = read_only_journal
    done = _as_learner_without_write_access(["journal", "import", str(offered)], env)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert "cannot be written" in done.stderr and "Permission denied" in done.stderr


# ---------------------------------------------------------------------- a hand-edited file


@pytest.mark.parametrize(
    ("position", "field", "value"),
    [(5, "title", ["a list"]), (1, "draft", "yes"), (1, "stages", {"feelings": 5}),
     (3, "items", "none"), (0, "trace", [None])],
)  # fmt: skip
def test_wrong_types_in_the_learners_own_file_are_refused_alike_everywhere(
    store, capsys, position, field, value
):
    for entry in sample_entries():
        store.add(entry)
    store.compact()
    document = json.loads(store.path.read_text())
    document["entries"][position][field] = value
    store.path.write_text(json.dumps(document))
    before = files_snapshot(store)
    reasons = set()
    for command in (
        ["show"],
        ["export", "--format", "json"],
        ["export", "--format", "md"],
        ["export", "--format", "csv"],
        ["export", "--class", "me", "--salt", "s"],
    ):
        assert main(["journal", *command]) == 1, command
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.count("\n") == 1, command
        reasons.add(captured.err.split(": ", 1)[1])
    (reason,) = reasons  # the same line from every path
    assert f"entries[{position}]" in reason and "wrong kind" in reason
    assert files_snapshot(store) == before


# ---------------------------------------------------------------------- a file moved aside


def test_after_a_damaged_file_is_moved_aside_show_and_export_say_so_until_it_is_restored(
    store, tmp_path, capsys
):
    for entry in sample_entries():
        store.add(entry)
    store.compact()
    good = store.path.read_bytes()
    store.path.write_bytes(good[:-40])  # cut short by hand
    for command in (["show"], ["export", "--format", "csv", "-o", str(tmp_path / "a.csv")]):
        assert main(["journal", *command]) == 1
        captured = capsys.readouterr()
        assert "not created yet" not in captured.out
        (backup,) = store.pending_backups()
        assert f"kept as {backup}" in captured.err
        assert f"kfcourse journal import {backup}" in captured.err
    assert main(["journal", "show"]) == 1  # still pending: still says so
    capsys.readouterr()
    assert main(["journal", "import", str(backup)]) == 1  # still damaged: refused
    assert "refused" in capsys.readouterr().err
    backup.write_bytes(good)  # repaired
    assert main(["journal", "import", str(backup)]) == 0
    assert "marked as imported" in capsys.readouterr().out
    assert store.pending_backups() == [] and len(store.backups()) == 1
    assert main(["journal", "show"]) == 0
    assert "6 entries" in capsys.readouterr().out


def test_a_log_moved_aside_imports_back(store, capsys):
    made = sample_entries()
    for entry in made[:4]:
        store.add(entry)
    with store.wal_path.open("ab") as log:
        log.write(b'{"id": damaged}\n')
    with pytest.warns(JournalNotice, match="recent log"):
        store.load()
    (backup,) = store.pending_backups()
    store.path.unlink()  # say the journal file was lost as well
    assert main(["journal", "import", str(backup)]) == 0
    assert "1 damaged lines of the log could not be read" in capsys.readouterr().out
    assert store.entries() == made[:4]
    assert store.pending_backups() == []


# ---------------------------------------------------------------------- stale temporary files


def test_temporary_files_of_killed_writers_are_removed_by_the_next_write(store, tmp_path):
    store.add(entries.exercise_answer("first", 1))
    store.compact()
    stale = [tmp_path / f".{store.path.name}.{pid}.deadbeef.tmp" for pid in (1, 99999)]
    for path in stale:
        path.write_text('{"format": "kfcourse-journal", "entries": [')
    other = tmp_path / ".other-journal.json.1.deadbeef.tmp"
    other.write_text("not ours")
    store.add(entries.exercise_answer("second", 2))
    store.compact()
    assert not any(path.exists() for path in stale)
    assert other.exists()
    assert [e["answer"] for e in store.entries()] == [1, 2]


# ---------------------------------------------------------------------- the terminal


def test_show_prints_no_control_characters(store, capsys):
    hostile = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202etxt.exe\r"
    store.add(entries.exercise_answer(hostile, 1))
    store.set_display_name("me" + hostile)
    store.add(entries.roleplay("s" + hostile, "sha256:" + "ab" * 32, "doctor", []))
    assert main(["journal", "show"]) == 0
    out = capsys.readouterr().out
    for line in out.splitlines():
        assert all(unicodedata.category(c) != "Cc" and c != "\u202e" for c in line), line
    assert out.count("\\x1b]0;pwned\\x07") == 3 and "\\u202e" in out


# ---------------------------------------------------------------------- CSV in both languages

FORMULAS = [" =1+1", "  @SUM(A1)", "\u3000-2+3", "\uff1d1+1", "\uff0bx", "\uff0d1", "\uff20x"]
HARMLESS = ["a = b", " 12", "-5", "x\uff1d"]


def test_csv_guards_spaced_and_full_width_formulas_in_python_and_the_browser():
    document = empty_document()
    document["entries"] = [
        entries.exercise_answer("csv", text, title=text) for text in FORMULAS + HARMLESS
    ]
    python = to_csv(document)
    browser = _node("output = KF.exporters.csv(input)", document)
    assert browser == "\ufeff" + python
    titles = [row["title"] for row in csv.DictReader(io.StringIO(python))]
    assert titles == ["'" + text for text in FORMULAS] + HARMLESS

"""The store: where the file lives, adding and editing, the log, damaged and newer files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kfcourse.journal import (
    JournalError,
    JournalNotice,
    JournalStore,
    NewerVersion,
    entries,
)
from kfcourse.journal.reading import read_document
from tests.conftest import examples

from .support import files_snapshot, sample_entries


def test_fresh_folder_has_an_empty_journal_and_no_file(store):
    document = store.load()
    assert document["format"] == "kfcourse-journal"
    assert document["schema_version"] == 1
    assert document["entries"] == []
    assert not store.path.exists()
    assert store.path.name == "kfcourse-journal.json"


def test_path_from_environment_and_argument(tmp_path, monkeypatch):
    target = tmp_path / "elsewhere.json"
    monkeypatch.setenv("KFCOURSE_JOURNAL", str(target))
    assert JournalStore().path == target
    assert JournalStore(tmp_path / "given.json").path == tmp_path / "given.json"


def test_entries_added_are_read_back_in_order(store):
    made = sample_entries()
    for entry in made:
        store.add(entry)
    assert store.entries() == made
    assert [e["kind"] for e in store.entries("self_rating")] == ["self_rating"] * 2


def test_editing_an_entry_keeps_one_copy_with_the_new_text(store):
    draft = store.add(entries.reflection(model="free", text="first", draft=True))
    store.add(entries.touched(draft, text="second"))
    store.add(entries.touched(store.get(draft["id"]), text="final", draft=False))
    held = store.entries()
    assert len(held) == 1
    assert held[0]["text"] == "final" and held[0]["draft"] is False


def test_invalid_entry_is_refused_before_anything_is_written(store):
    bad = entries.reflection(model="free", text="x")
    bad["kind"] = "diary"
    with pytest.raises(JournalError, match="does not fit"):
        store.add(bad)
    assert files_snapshot(store) == {}


def test_compaction_folds_the_log_into_a_complete_valid_file(store):
    for entry in sample_entries():
        store.add(entry)
    store.compact()
    assert not store.wal_path.exists()
    document, version = read_document(store.path.read_bytes())
    assert version == 1
    assert document["entries"] == store.entries()


def test_log_compacts_itself_when_it_grows(tmp_path):
    store = JournalStore(tmp_path / "j.json", compact_min_bytes=2000)
    for number in range(40):
        store.add(entries.exercise_answer("count", number))
    assert store.path.exists()  # at least one compaction happened
    on_disk = json.loads(store.path.read_text())["entries"]
    assert 0 < len(on_disk) <= 40
    assert [e["answer"] for e in store.entries()] == list(range(40))


def test_unfinished_log_line_is_ignored_then_cut_off(store):
    store.add(entries.exercise_answer("count", 1))
    with open(store.wal_path, "ab") as handle:
        handle.write(b'{"id":"half-writ')  # a writer killed mid-line
    assert [e["answer"] for e in store.entries()] == [1]
    store.add(entries.exercise_answer("count", 2))
    assert [e["answer"] for e in store.entries()] == [1, 2]
    assert store.backups() == []


def test_damaged_log_line_is_backed_up_and_good_lines_kept(store):
    store.add(entries.exercise_answer("count", 1))
    with open(store.wal_path, "ab") as handle:
        handle.write(b"not json at all\n")
    store.add(entries.exercise_answer("count", 2))
    with pytest.warns(JournalNotice, match="kept, unchanged"):
        held = store.entries()
    assert [e["answer"] for e in held] == [1, 2]
    (backup,) = store.backups()
    assert b"not json at all" in backup.read_bytes()
    assert [e["answer"] for e in store.entries()] == [1, 2]  # and stays so


@pytest.mark.parametrize(
    "damage",
    [b"", b"{\"format\": \"kfcourse-journal\", \"sche", b"\xff\xfe garbage", b"[1, 2, 3]",
     b'{"format": "kfcourse-journal", "schema_version": 1, "entries": [{"id": 3}]}'],
)  # fmt: skip
def test_damaged_journal_file_is_moved_aside_never_overwritten(store, damage):
    store.path.write_bytes(damage)
    with pytest.warns(JournalNotice) as caught:
        assert store.entries() == []
    message = str(caught[0].message)
    assert "could not be read" in message and ".kfbak" in message
    (backup,) = store.backups()
    assert backup.read_bytes() == damage
    store.add(entries.exercise_answer("after", 1))
    store.compact()
    assert backup.read_bytes() == damage
    assert [e["answer"] for e in store.entries()] == [1]


def test_unreadable_journal_file_is_moved_aside(store, monkeypatch):
    store.path.write_text("{}")
    real_read = Path.read_bytes

    def refuse(path):
        if path == store.path:
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.warns(JournalNotice, match="Permission denied"):
        assert store.entries() == []
    (backup,) = store.backups()
    assert real_read(backup) == b"{}"


def test_journal_from_a_newer_course_is_refused_and_untouched(store):
    newer = b'{"format": "kfcourse-journal", "schema_version": 7, "entries": []}'
    store.path.write_bytes(newer)
    with pytest.raises(NewerVersion, match="newer version"):
        store.load()
    with pytest.raises(NewerVersion):
        store.add(entries.exercise_answer("x", 1))
    assert store.path.read_bytes() == newer
    assert store.backups() == []


def test_unknown_fields_survive_the_store(store):
    entry = entries.exercise_answer("x", 1)
    entry["added_in_a_later_course"] = {"keep": ["me"]}
    store.add(entry)
    store.compact()
    assert store.entries()[0]["added_in_a_later_course"] == {"keep": ["me"]}


def test_display_name_is_kept(store):
    store.set_display_name("  Sam  ")
    assert store.load()["display_name"] == "Sam"
    store.set_display_name(None)
    assert "display_name" not in store.load()


def test_missing_folder_gives_a_clear_error(tmp_path):
    store = JournalStore(tmp_path / "no" / "such" / "j.json")
    with pytest.raises(JournalError, match="folder"):
        store.add(entries.exercise_answer("x", 1))


@settings(max_examples=examples(80), deadline=None)
@given(data=st.binary(max_size=200) | st.builds(lambda v: json.dumps(v).encode(), st.recursive(
    st.none() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8)))  # fmt: skip
def test_whatever_is_on_disk_the_store_opens_and_keeps_the_bytes(tmp_path_factory, data):
    import warnings

    store = JournalStore(tmp_path_factory.mktemp("disk") / "kfcourse-journal.json")
    store.path.write_bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", JournalNotice)
        try:
            held = store.entries()
        except NewerVersion:
            assert store.path.read_bytes() == data
            return
    kept = [p.read_bytes() for p in store.backups()]
    assert data in kept or (store.path.read_bytes() == data and isinstance(held, list))


def test_a_journal_held_too_long_by_another_program_gives_a_clear_error(tmp_path):
    from filelock import FileLock

    from kfcourse.journal import JournalBusy

    store = JournalStore(tmp_path / "j.json", lock_timeout=0.2)
    store.add(entries.exercise_answer("x", 1))
    with FileLock(str(store.lock_path)), pytest.raises(JournalBusy, match="in use by another"):
        store.add(entries.exercise_answer("x", 2))
    assert [e["answer"] for e in store.entries()] == [1]


def test_an_edit_always_wins_even_if_the_clock_went_back(store):
    entry = entries.reflection(model="free", text="first")
    entry["updated"] = "2999-01-01T01:00:00+01:00"  # written by a machine whose clock ran fast
    store.add(entry)
    edited = entries.touched(entry, text="second")
    assert edited["updated"] == "2999-01-01T00:00:00.000001Z"
    store.add(edited)
    assert store.entries()[0]["text"] == "second"

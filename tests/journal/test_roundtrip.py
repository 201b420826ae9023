"""Export and import: JSON is lossless, a second import changes nothing, newer copies win."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfcourse.journal import JournalStore, entries
from kfcourse.journal.exports import export_text, to_json

from .support import sample_entries


def test_json_export_imports_into_an_empty_journal_unchanged(store, tmp_path):
    for entry in sample_entries():
        store.add(entry)
    exported = tmp_path / "download.json"
    exported.write_text(export_text(store.load(), "json"), encoding="utf-8")
    other = JournalStore(tmp_path / "second.json")
    report = other.import_file(exported)
    assert (report.added, report.updated, report.unchanged) == (6, 0, 0)
    assert other.entries() == store.entries()


def test_importing_twice_changes_nothing(store, tmp_path):
    source = JournalStore(tmp_path / "source.json")
    for entry in sample_entries():
        source.add(entry)
    data = to_json(source.load()).encode()
    first = store.import_bytes(data)
    snapshot = store.path.read_bytes()
    second = store.import_bytes(data)
    assert first.added == 6 and not second.changed and second.unchanged == 6
    assert store.path.read_bytes() == snapshot  # not even rewritten


def test_merge_keeps_both_sides_and_the_newer_copy(store, tmp_path):
    mine = store.add(entries.reflection(model="free", text="old words"))
    browser = JournalStore(tmp_path / "browser.json")
    browser.import_bytes(to_json(store.load()).encode())
    browser.add(entries.touched(mine, text="newer words from the website"))
    browser.add(entries.exercise_answer("web-only", 2, source="web"))
    store.add(entries.exercise_answer("jupyter-only", 1))
    report = store.import_bytes(to_json(browser.load()).encode())
    assert (report.added, report.updated) == (1, 1)
    texts = {e.get("text") for e in store.entries()}
    assert "newer words from the website" in texts and "old words" not in texts
    older = store.import_bytes(to_json({**browser.load(), "entries": [mine]}).encode())
    assert not older.changed  # an older copy never replaces a newer one


learner_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(texts=st.lists(learner_text, min_size=1, max_size=5), name=st.none() | learner_text)
def test_any_text_round_trips_through_json(tmp_path_factory, texts, name):
    folder = tmp_path_factory.mktemp("rt")
    store = JournalStore(folder / "a.json")
    for text in texts:
        store.add(entries.reflection(model="free", prompt=text[:10], text=text))
    if name and name.strip():
        store.set_display_name(name)
    copy = JournalStore(folder / "b.json")
    copy.import_bytes(export_text(store.load(), "json").encode())
    assert copy.entries() == store.entries()
    assert [e["text"] for e in copy.entries()] == texts


def test_csv_has_one_row_per_entry_and_guards_formulas(store):
    for entry in sample_entries():
        store.add(entry)
    rows = list(csv.DictReader(io.StringIO(export_text(store.load(), "csv"))))
    assert [r["kind"] for r in rows] == [e["kind"] for e in store.entries()]
    free = next(r for r in rows if r["kind"] == "reflection" and "SUM" in r["text"])
    assert free["text"].startswith("'=SUM")  # a spreadsheet shows it, does not run it
    rating = next(r for r in rows if r["kind"] == "self_rating")
    assert rating["ratings"] == "ability-1=3; integrity-1=None"
    play = rows[0]
    assert (play["scenario_id"], play["side"], play["steps"]) == ("discharge-delays", "doctor",
                                                                 "2")  # fmt: skip


def test_markdown_has_every_entry(store):
    for entry in sample_entries():
        store.add(entry)
    text = export_text(store.load(), "md")
    assert text.count("\n## ") == 6
    assert "## Role-play: discharge-delays, as the doctor" in text
    assert "### Action plan" in text
    json.dumps(text)

"""Import fuzzing: whatever file is offered, it is imported whole or refused whole.

A refused file leaves every byte of the journal as it was and gives a one-line reason; an
accepted file was a valid journal (checked against the JSON Schema independently here).
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from kfcourse.journal import JournalStore, RefusedFile, entries
from kfcourse.journal.schema import schema
from tests.conftest import examples

from .support import files_snapshot, sample_entries

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=12,
)  # fmt: skip


def _valid_document() -> dict:
    return {"format": "kfcourse-journal", "schema_version": 1, "entries": sample_entries()}


BASE = _valid_document()


@st.composite
def mutated_documents(draw) -> dict:
    """A valid journal with one random change somewhere in it."""
    document = copy.deepcopy(BASE)
    target = document
    path = draw(st.lists(st.integers(0, 12), max_size=4))
    for step in path:
        children = list(target.items()) if isinstance(target, dict) else list(enumerate(target))
        children = [(k, v) for k, v in children if isinstance(v, dict | list)]
        if not children:
            break
        target = children[step % len(children)][1]
    if isinstance(target, dict) and target:
        key = draw(st.sampled_from(sorted(target)))
        action = draw(st.sampled_from(["delete", "replace"]))
        if action == "delete":
            del target[key]
        else:
            target[key] = draw(JSON_VALUES)
    elif isinstance(target, list):
        target.append(draw(JSON_VALUES))
    return document


_PREPARED: list[Path] = []


def _held_store(tmp_path_factory) -> JournalStore:
    """A journal with one entry in its file and one in its log: a copy of one made once."""
    if not _PREPARED:
        folder = tmp_path_factory.mktemp("prepared")
        store = JournalStore(folder / "kfcourse-journal.json")
        store.add(entries.reflection(model="free", text="my own words"))
        store.compact()
        store.add(entries.exercise_answer("in-the-log", 1))
        store.lock_path.unlink()
        _PREPARED.append(folder)
    fresh = tmp_path_factory.mktemp("journal")
    shutil.copytree(_PREPARED[0], fresh, dirs_exist_ok=True)
    return JournalStore(fresh / "kfcourse-journal.json")


def _offer(store: JournalStore, data: bytes) -> None:
    before = files_snapshot(store)
    held = {e["id"]: e for e in store.entries()}
    try:
        report = store.import_bytes(data)
    except RefusedFile as refusal:
        reason = str(refusal)
        assert reason and "\n" not in reason and "Traceback" not in reason
        assert files_snapshot(store) == before, "a refused file changed the journal"
        return
    document = json.loads(data.decode("utf-8-sig"))
    if document.get("format") == "kfcourse-journal":
        jsonschema.Draft202012Validator(schema("journal")).validate(document)
    after = {e["id"]: e for e in store.entries()}
    # Nothing held is lost, each added entry is new, and an accepted import is fully counted.
    assert set(held) <= set(after)
    assert len(after) == len(held) + report.added
    offered = document.get("entries") if isinstance(document, dict) else None
    if isinstance(offered, list) and document.get("format") == "kfcourse-journal":
        assert report.added + report.updated + report.unchanged == len({e["id"] for e in offered})


SETTINGS = settings(max_examples=examples(150), deadline=None)


@SETTINGS
@given(data=st.binary(max_size=300))
def test_random_bytes_are_refused_without_change(tmp_path_factory, data):
    _offer(_held_store(tmp_path_factory), data)


@SETTINGS
@given(value=JSON_VALUES)
def test_random_json_is_refused_without_change(tmp_path_factory, value):
    _offer(_held_store(tmp_path_factory), json.dumps(value).encode())


@SETTINGS
@given(document=mutated_documents())
def test_damaged_journals_are_refused_or_valid(tmp_path_factory, document):
    _offer(_held_store(tmp_path_factory), json.dumps(document).encode())


@SETTINGS
@given(cut=st.integers(min_value=1, max_value=len(json.dumps(BASE)) - 1))
def test_truncated_journals_are_refused_without_change(tmp_path_factory, cut):
    store = _held_store(tmp_path_factory)
    before = files_snapshot(store)
    try:
        store.import_bytes(json.dumps(BASE).encode()[:cut])
    except RefusedFile:
        pass
    else:
        raise AssertionError("a cut-off journal was accepted")
    assert files_snapshot(store) == before


def test_foreign_files_give_their_reason(store):
    cases = {
        b"": "empty",
        b"\x89PNG\r\n": "not UTF-8",
        b"name,answer\nsam,3\n": "not valid JSON",
        b'{"format": "something-else", "entries": []}': "not a Leading Together journal",
        b"[]": "not an object",
        b'{"entries": []}': "no \"format\"",
        b'{"format": "kfcourse-class-export", "schema_version": 1}': "class export",
        b'{"format": "kfcourse-journal", "schema_version": 9, "entries": []}': "newer version",
        b'{"format": "kfcourse-journal", "schema_version": 1, "entries": [{"id": 1}]}':
            "does not fit the journal format: entries[0]",
        b'{"format": "kfcourse-journal", "schema_version": 1, "entries": [], "x": NaN}':
            "NaN is not allowed",
    }  # fmt: skip
    for data, reason in cases.items():
        try:
            store.import_bytes(data)
        except RefusedFile as refusal:
            assert reason in str(refusal), (data, str(refusal))
        else:
            raise AssertionError(f"accepted {data!r}")
    assert files_snapshot(store) == {}


V0_ITEM = st.dictionaries(
    st.sampled_from(["scenario", "role", "choices", "final", "ending", "started", "time",
                     "gibbs", "prompt", "text", "check", "when", "scores"]),
    JSON_VALUES,
    max_size=6,
)  # fmt: skip


@SETTINGS
@given(
    sessions=st.lists(V0_ITEM, max_size=3),
    reflections=st.lists(V0_ITEM, max_size=3),
    ratings=st.lists(V0_ITEM, max_size=3),
    learner=JSON_VALUES,
)
def test_old_version_files_migrate_or_are_refused(
    tmp_path_factory, sessions, reflections, ratings, learner
):
    old = {"app": "kfcourse", "version": 0, "learner": learner, "sessions": sessions,
           "reflections": reflections, "ratings": ratings}  # fmt: skip
    store = _held_store(tmp_path_factory)
    before = files_snapshot(store)
    try:
        report = store.import_bytes(json.dumps(old).encode())
    except RefusedFile as refusal:
        assert str(refusal) and files_snapshot(store) == before
        return
    assert report.migrated_from == 0
    assert report.added + report.unchanged == len(sessions) + len(reflections) + len(ratings)
    again = store.import_bytes(json.dumps(old).encode())
    assert not again.changed

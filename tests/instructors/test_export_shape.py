"""The fast class-export checks agree with the JSON Schema, on real exports and on mutations."""

from __future__ import annotations

import copy
import json

from hypothesis import event, given, settings
from hypothesis import strategies as st

from kfcourse.analysis.class_exports import _checked, read_class_export
from kfcourse.analysis.export_shape import fits, shape_problems
from kfcourse.journal.errors import RefusedFile
from kfcourse.journal.reading import too_deep
from kfcourse.journal.schema import problems
from tests.conftest import examples
from tests.instructors.support import export, journal

REAL = [export(journal(seed), f"learner {seed}", include_free_text=seed == 1) for seed in (0, 1)]

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, width=16)
    | st.sampled_from(["", "x", "doctor", "a" * 201, "2026-11-30T00:00:00Z",
                       "16d6349b-7d65-45c9-b8f1-4684fd19ae99"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["", "P", "point", "choice", "item"]), inner, max_size=3),
    max_leaves=6,
)  # fmt: skip


def _paths(value, prefix=()):
    """Every (path) to a value inside `value`, the root included."""
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for number, inner in enumerate(value):
            yield from _paths(inner, (*prefix, number))


def test_real_exports_fit_both():
    for data in REAL:
        assert problems(data, "class") == [] and shape_problems(data) == []


@settings(max_examples=examples(400), deadline=None)
@given(which=st.integers(0, 1), pick=st.integers(0, 10**9), value=JSON, delete=st.booleans())
def test_a_mutated_export_is_refused_by_both_or_neither(which, pick, value, delete):
    data = copy.deepcopy(REAL[which])
    paths = list(_paths(data))[1:]
    path = paths[pick % len(paths)]
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    data = json.loads(json.dumps(data))
    slow, fast = problems(data, "class"), shape_problems(data)
    assert bool(slow) == bool(fast), (path, value, slow, fast)


DEEP = st.integers(55, 66).map(lambda n: json.loads("[" * n + "]" * n) if n % 2 else
                               json.loads('{"a":' * n + "1" + "}" * n))  # fmt: skip


def _outcome(read, data: bytes):
    try:
        return "read", read(data)
    except RefusedFile as exc:
        return "refused", str(exc)


@settings(max_examples=examples(400), deadline=None)
@given(which=st.integers(0, 1), pick=st.integers(0, 10**9), value=JSON | DEEP,
       how=st.sampled_from(["replace", "delete", "add"]))  # fmt: skip
def test_the_quick_check_agrees_with_the_schema_and_the_depth_limit(which, pick, value, how):
    """`fits` says yes exactly when `shape_problems` finds nothing and the file is not too deep,
    and reading a file the quick way gives what the full check gives (the export or the reason)."""
    data = copy.deepcopy(REAL[which])
    paths = list(_paths(data))
    path = paths[pick % len(paths)]
    if how == "add":  # a field the schema does not name, inside the nearest object
        while not isinstance(_at(data, path), dict):
            path = path[:-1]
        _at(data, path)["zz-unknown"] = value
    elif path:
        parent = _at(data, path[:-1])
        if how == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = value
    text = json.dumps(data)
    data = json.loads(text)
    event(f"fits: {fits(data)}, too deep: {too_deep(data)}")
    assert fits(data) == (not too_deep(data) and shape_problems(data) == []), (path, value)
    assert _outcome(read_class_export, text.encode()) == _outcome(_checked, text.encode())


def _at(data, path):
    for step in path:
        data = data[step]
    return data


def test_every_field_of_a_run_is_checked_on_the_quick_path():
    """A run with the usual fields takes a path of its own in `fits`: each field given each
    kind of wrong value is refused exactly when the schema refuses it."""
    run_at = next(i for i, e in enumerate(REAL[0]["entries"]) if e["kind"] == "roleplay")
    wrong = [None, True, 7, 1.5, "", "x" * 201, "doctor", [], ["a"], {}, {"a": [[[]]]},
             json.loads("[" * 70 + "]" * 70)]  # fmt: skip
    for field in REAL[0]["entries"][run_at]:
        for value in wrong:
            data = copy.deepcopy(REAL[0])
            data["entries"][run_at][field] = value
            expected = not too_deep(data) and shape_problems(data) == []
            assert fits(data) == expected, (field, value)


def test_files_the_quick_check_refuses_get_the_full_reason():
    good = json.dumps(REAL[0]).encode()
    for data in (b"\xef\xbb\xbf" + good, good + b"\n", good.replace(b"1", b"NaN", 1),
                 b"\xe9" + good, b"", b"[" * 70 + b"]" * 70, b"[" * 5000 + b"]" * 5000,
                 good.replace(b'"schema_version": 1', b'"schema_version": true'),
                 good.replace(b'"schema_version": 1', b'"schema_version": 1.0'),
                 good.replace(b'"kfcourse-class-export"', b'"kfcourse-journal"')):  # fmt: skip
        assert _outcome(read_class_export, data) == _outcome(_checked, data), data[:40]

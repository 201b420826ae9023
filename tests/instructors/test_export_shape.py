"""The fast class-export check agrees with the JSON Schema, on real exports and on mutations."""

from __future__ import annotations

import copy
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from kfcourse.analysis.export_shape import shape_problems
from kfcourse.journal.schema import problems
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


@settings(max_examples=400, deadline=None)
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

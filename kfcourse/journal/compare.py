"""Two runs of one scenario side by side: their steps aligned by decision point.

The page's twin is ``kfcourse/web/roleplay/align.js``, checked against alignments made here of
real runs of every shipped scenario (``kfcourse.scenario.export_vectors``).

How steps are matched: the two runs' sequences of decision points are aligned by a longest
common subsequence, so a run that visits a point twice, or ends somewhere else, still lines up
with the other where they share points. Among the many longest alignments, one rule picks a
single answer: walk both runs from their first step; when the two current steps are at the
same point, pair them; otherwise leave out the step whose loss keeps the longer common
subsequence, and when both keep the same length, list run A's step first (B's follows later).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kfcourse.journal.errors import JournalError

Row = dict[str, Any]


class NotComparable(JournalError):
    """Two entries that cannot be compared as runs (not runs, or of different scenarios)."""


def _point(step: Any) -> Any:
    return step.get("point") if isinstance(step, Mapping) else None


def _same(a: Any, b: Any) -> bool:
    """Both runs took the same decision: same kind, same choice and the same picks."""
    if not isinstance(a, Mapping) or not isinstance(b, Mapping):
        return False
    return all(a.get(key) == b.get(key) for key in ("kind", "choice", "picks"))


def align_runs(a_trace: Sequence[Any], b_trace: Sequence[Any]) -> list[Row]:
    """Rows in path order, each ``{point, a, b, same}``: ``a`` and ``b`` are the step numbers
    (from 1, the step's place in its trace) of that point's step in each run, or ``None``
    where one run has no step to match; every step of each run is in exactly one row."""
    a = [_point(step) for step in a_trace]
    b = [_point(step) for step in b_trace]
    # The common first steps need no table (the walk pairs them anyway).
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    ax, bx = a[start:], b[start:]
    n, m = len(ax), len(bx)
    # longest[i][j]: the longest common subsequence of a[start+i:] and b[start+j:].
    below = [0] * (m + 1)
    longest = [below] * (n + 1)
    for i in range(n - 1, -1, -1):
        cells = [0] * (m + 1)
        here = ax[i]
        for j in range(m - 1, -1, -1):
            if here == bx[j]:
                cells[j] = below[j + 1] + 1
            else:
                down, right = below[j], cells[j + 1]
                cells[j] = down if down >= right else right
        longest[i] = below = cells
    rows: list[Row] = []

    def row(i: int | None, j: int | None) -> None:
        point = a[i] if i is not None else b[j] if j is not None else None
        same = i is not None and j is not None and _same(a_trace[i], b_trace[j])
        rows.append(
            {
                "point": point,
                "a": None if i is None else i + 1,
                "b": None if j is None else j + 1,
                "same": same,
            }
        )

    for k in range(start):
        row(k, k)
    i = j = 0
    while i < n or j < m:
        if i < n and j < m and ax[i] == bx[j]:
            row(start + i, start + j)
            i, j = i + 1, j + 1
        elif j >= m or (i < n and longest[i + 1][j] >= longest[i][j + 1]):
            row(start + i, None)
            i += 1
        else:
            row(None, start + j)
            j += 1
    return rows


def _trace(entry: Any, name: str) -> list[Any]:
    if not isinstance(entry, Mapping) or entry.get("kind") != "roleplay":
        raise NotComparable(f"Run {name} is not a role-play run, so it cannot be compared.")
    trace = entry.get("trace")
    if not isinstance(trace, list):
        raise NotComparable(f"Run {name} has no list of decisions, so it cannot be compared.")
    return trace


def _name(entry: Mapping[str, Any]) -> str:
    scenario = entry.get("scenario_id")
    return scenario if isinstance(scenario, str) and scenario else "unknown"


def compare_runs(entry_a: Mapping[str, Any], entry_b: Mapping[str, Any]) -> dict[str, Any]:
    """Two role-play entries of one scenario compared: ``{rows, parted, same_version, endings}``.

    ``rows`` is :func:`align_runs` of their traces; ``parted`` the index of the first row that
    is not the same decision in both (``None`` when every row is); ``same_version`` whether
    both were played on the same text of the scenario (equal ``scenario_hash``); ``endings``
    the two ending ids (``None`` for a run left part-way). Raises :class:`NotComparable`, with
    a reason a learner can read, for entries that are not runs or are runs of two scenarios.
    """
    a_trace, b_trace = _trace(entry_a, "A"), _trace(entry_b, "B")
    if entry_a.get("scenario_id") != entry_b.get("scenario_id"):
        raise NotComparable(
            f"These runs are of different scenarios ({_name(entry_a)} and {_name(entry_b)}); "
            "only runs of the same scenario can be compared."
        )
    rows = align_runs(a_trace, b_trace)
    parted = next((k for k, r in enumerate(rows) if not r["same"]), None)
    return {
        "rows": rows,
        "parted": parted,
        "same_version": entry_a.get("scenario_hash") == entry_b.get("scenario_hash"),
        "endings": [entry_a.get("ending"), entry_b.get("ending")],
    }

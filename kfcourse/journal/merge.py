"""Merging entries by id: the same id is the same entry, and the later `updated` wins."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kfcourse.journal.clock import parse

Entry = dict[str, Any]


def is_newer(candidate: Entry, held: Entry) -> bool:
    """True if `candidate` should replace `held` (later `updated`; a tie keeps `held`)."""
    a, b = candidate.get("updated"), held.get("updated")
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    if len(a) == len(b) and a.endswith("Z") and b.endswith("Z"):
        return a > b  # same layout, both UTC: text order is time order
    try:
        return parse(a) > parse(b)
    except ValueError:
        return False


@dataclass
class MergeResult:
    """Entries after a merge, with counts of what the incoming entries did."""

    entries: list[Entry]
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    added_ids: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)


def merge_entries(
    held: list[Entry], incoming: Iterable[Entry], *, tie_to_incoming: bool = False
) -> MergeResult:
    """Merge `incoming` into a copy of `held`, keeping order; new ids go at the end.

    With `tie_to_incoming`, an incoming entry with the same `updated` replaces the held one
    (used to replay the store's own log, where a later line is a later write).
    """
    entries = list(held)
    index = {entry["id"]: position for position, entry in enumerate(entries)}
    result = MergeResult(entries)
    for entry in incoming:
        position = index.get(entry["id"])
        if position is None:
            index[entry["id"]] = len(entries)
            entries.append(entry)
            result.added += 1
            result.added_ids.append(entry["id"])
            continue
        current = entries[position]
        if entry == current:
            result.unchanged += 1
        elif is_newer(entry, current) or (
            tie_to_incoming and entry.get("updated") == current.get("updated")
        ):
            entries[position] = entry
            result.updated += 1
        else:
            result.unchanged += 1
    return result

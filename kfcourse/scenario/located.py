"""Containers that remember where in the file each value came from (line and column from 1)."""

from __future__ import annotations

from typing import Any

Loc = tuple[int, int]


class LocDict(dict[str, Any]):
    """A mapping read from YAML; ``loc`` is where it starts, ``key_locs`` where each key is."""

    __slots__ = ("key_locs", "loc", "value_locs")

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self.key_locs: dict[str, Loc] = {}
        self.value_locs: dict[str, Loc] = {}

    def at(self, key: str) -> Loc:
        """Where the value of ``key`` is (or the mapping itself when the key is absent)."""
        return self.value_locs.get(key, self.loc)

    def key_at(self, key: str) -> Loc:
        return self.key_locs.get(key, self.loc)


class LocList(list[Any]):
    """A list read from YAML; ``item_locs[i]`` is where item ``i`` is."""

    __slots__ = ("item_locs", "loc")

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self.item_locs: list[Loc] = []

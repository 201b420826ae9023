"""Import the modules of a plug-in list, skipping any that is listed but not written yet."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import import_module
from types import ModuleType


def present_modules(names: Iterable[str]) -> Iterator[ModuleType]:
    """Yield each named module that exists; an import error inside a module still raises."""
    for name in names:
        try:
            yield import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise

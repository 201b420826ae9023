"""Import the modules of a plug-in list; a listed module that does not exist is an error."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import import_module
from types import ModuleType


def present_modules(names: Iterable[str]) -> Iterator[ModuleType]:
    """Yield each named module. A name with no module raises at once, naming it: a typo in a
    plug-in list must not drop a CLI command or a Sphinx part without a word."""
    for name in names:
        try:
            yield import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            raise ModuleNotFoundError(
                f"the plug-in list names {name!r}, but there is no such module", name=name
            ) from None

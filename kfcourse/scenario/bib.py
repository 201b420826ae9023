"""BibTeX keys of the book's ``references.bib``, for checking theory keys in scenarios."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_ENTRY = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]+)\s*,")
_NOT_ENTRIES = {"comment", "string", "preamble"}
PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the repository when installed editable


def find_bib(near: Path | None = None) -> Path | None:
    """The book's references.bib: above ``near``, in the working folder, or beside the package."""
    places: list[Path] = []
    if near is not None:
        here = near.resolve()
        places += [here, *here.parents] if here.is_dir() else list(here.parents)
    places += [Path.cwd(), PACKAGE_ROOT]
    for folder in places:
        candidate = folder / "references.bib"
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=8)
def _keys(path: str, mtime: float) -> frozenset[str]:
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return frozenset(key for kind, key in _ENTRY.findall(text) if kind.lower() not in _NOT_ENTRIES)


def bib_keys(path: Path) -> frozenset[str]:
    """Every entry key in a .bib file (read once per change of the file)."""
    return _keys(str(path), path.stat().st_mtime)

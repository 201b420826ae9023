"""Facts about a Jupyter Book's sources: the pages its table of contents lists, in order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any


def _files(entries: list[dict[str, Any]]) -> Iterator[str]:
    for entry in entries:
        if "file" in entry:
            yield entry["file"]
        yield from _files(entry.get("sections", []))
        yield from _files(entry.get("chapters", []))


def toc_pages(book_root: Path) -> list[str]:
    """Every page's document name (path without suffix) in `_toc.yml`, root first."""
    import yaml

    toc = yaml.safe_load((book_root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]
    pages.extend(_files(toc.get("chapters", [])))
    for part in toc.get("parts", []):
        pages.extend(_files(part.get("chapters", [])))
    return [page.removesuffix(".md").removesuffix(".ipynb") for page in pages]


def numbered_chapters(book_root: Path) -> list[Path]:
    """The chapters of the table of contents' numbered parts (``numbered: true``), in order:
    every numbered chapter, however many there are and whatever its file is called."""
    import yaml

    toc = yaml.safe_load((book_root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [
        page
        for part in toc.get("parts", [])
        if part.get("numbered")
        for page in _files(part.get("chapters", []))
    ]
    return [book_root / f"{page.removesuffix('.md')}.md" for page in pages]

"""The pages of the course, read from _toc.yml, so that tests follow the table of contents."""

from __future__ import annotations

from pathlib import Path

from kfcourse.book import toc_pages as _toc_pages

ROOT = Path(__file__).resolve().parent.parent


def toc_pages() -> list[str]:
    return _toc_pages(ROOT)

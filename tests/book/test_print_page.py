"""The whole course on one printable page (``print.html``), made from the built book: every
chapter in the table of contents' order, unique ids, links that land, exercises showing their
paper route, nothing from another host, accessible in light and dark and at 320 px."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kfcourse.book import numbered_chapters
from tests.browser_support import axe_violations
from tests.conftest import ROOT

pytestmark = pytest.mark.book


def _text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_every_chapter_is_there_in_order_with_unique_ids_and_links_that_land(
    book_html: Path,
) -> None:
    page = (book_html / "print.html").read_text(encoding="utf-8")
    titles = [
        re.search(r"^# (.+)$", p.read_text(encoding="utf-8"), re.M).group(1)  # type: ignore[union-attr]
        for p in numbered_chapters(ROOT)
    ]
    flat = _text(page).replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    where = [flat.find(t.replace("*", "")) for t in titles]
    assert all(w >= 0 for w in where), list(zip(titles, where, strict=True))
    assert where == sorted(where)
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    for anchor in re.findall(r'href="#([^"]+)"', page):
        assert anchor in ids, anchor
    for target in re.findall(r'(?:href|src)="(?!#|https?:|mailto:)([^"#]+)', page):
        assert (book_html / target).is_file(), target
    assert "<script" not in page
    assert "Rewrite the hero headline" in page and "kf-js-needed" in page
    assert "chapters/instructors" not in "".join(re.findall(r'id="p\d+"', page))


def test_the_welcome_page_links_to_it(book_html: Path) -> None:
    welcome = (book_html / "chapters" / "welcome.html").read_text(encoding="utf-8")
    assert 'href="../print.html"' in welcome


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_it_is_accessible_and_fits_a_phone(site_url: str, page: Any, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site_url + "print.html")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []

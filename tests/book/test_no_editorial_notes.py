"""No built page shows learners the editors' working notes ("[verify]", "still to be confirmed").

The course's editorial notes live where learners never see them (the unrendered
``verification`` field of references.bib, scenario ``author_notes``). This test reads the text a
reader sees on every built page, so a note that leaks through a chapter, a BibTeX field or a
template fails here, with the page and the words around it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.book

# Working notes and hedges that belong in an editorial file, not on a learner's page.
EDITORIAL_MARKERS = re.compile(
    r"\[\s*(?:verify|paraphrase|check|citation needed)\b[^\]]*\]"
    r"|\b(?:still|yet) (?:has |have |had )?to be "
    r"(?:checked|confirmed|agreed|verified|found|located)\b"
    r"|\bnot yet (?:been )?(?:found|located|checked|confirmed|verified|agreed)\b"
    r"|\bto be (?:agreed|confirmed|checked) (?:with|against|before)\b"
    r"|\b(?:confirmed|checked|agreed|verified) before publication\b"
    r"|\bbefore publication\b"
    r"|\b(?:TODO|TBC|TBD|FIXME|XXX)\b"
    r"|\bthe seed(?:'s)?\b"
    r"|\bthe brief's (?:entry|note|list)\b",
    re.IGNORECASE,
)

# Elements whose text a reader does not see as prose (scripts, styles) or that show code verbatim
# (instructor pages quote BibTeX keys and TODO templates in code on purpose).
SKIPPED = {"script", "style", "template", "code", "pre", "kbd", "samp"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

# The instructor pages teach authors to replace a template's TODO placeholders, so they name them.
PLACEHOLDER = re.compile(r"(?:TODO|TBC|TBD|FIXME|XXX)", re.IGNORECASE)
TEMPLATE_GUIDES = "chapters/instructors/"

_BIB_KEY = re.compile(r"^@\s*\w+\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)


class _VisibleText(HTMLParser):
    """The text of a page as a reader sees it, without scripts, styles and code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and self.depth:
            self.depth -= 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # a self-closed element holds no text

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """One string of the page's readable text, with runs of white space made single spaces."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def learner_pages(html_root: Path) -> list[Path]:
    """Every built page a reader can open (not the theme's search and index pages)."""
    return sorted(
        p
        for p in html_root.rglob("*.html")
        if "_static" not in p.parts and p.name not in {"search.html", "genindex.html"}
    )


def editorial_notes(html_root: Path) -> list[str]:
    """Each editorial marker on a built page, as 'page: ...words around it...'."""
    keys = _BIB_KEY.findall((ROOT / "references.bib").read_text(encoding="utf-8"))
    raw_key = re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b")
    found = []
    for page in learner_pages(html_root):
        name = page.relative_to(html_root).as_posix()
        text = visible_text(page.read_text(encoding="utf-8", errors="replace"))
        for pattern in (EDITORIAL_MARKERS, raw_key):
            for m in pattern.finditer(text):
                if name.startswith(TEMPLATE_GUIDES) and PLACEHOLDER.fullmatch(m[0]):
                    continue
                found.append(f"{name}: ...{text[max(0, m.start() - 60) : m.end() + 60]}...")
    return found


def test_no_built_page_shows_editorial_notes(book_html: Path) -> None:
    assert learner_pages(book_html), "no pages were built"
    notes = editorial_notes(book_html)
    assert notes == [], "\n" + "\n".join(notes)


def test_the_scan_sees_notes_in_prose_and_skips_code(tmp_path: Path) -> None:
    """The scan finds a marker in a paragraph and a raw BibTeX key, but not in code or scripts."""
    (tmp_path / "page.html").write_text(
        "<p>Pages 1-10 [verify].</p><p>The date is still to be confirmed.</p>"
        "<p>See west2014collective.</p>"
        "<pre>theory: [west2014collective] # TODO</pre><script>var n='[verify]';</script>",
        encoding="utf-8",
    )
    (tmp_path / "clean.html").write_text(
        "<p>The programme was running by 2015/16.</p><code>TODO</code>", encoding="utf-8"
    )
    guide = tmp_path / "chapters" / "instructors"
    guide.mkdir(parents=True)
    (guide / "template.html").write_text(
        "<p>Replace every TODO in the template.</p><p>Year [verify].</p>", encoding="utf-8"
    )
    notes = editorial_notes(tmp_path)
    assert len(notes) == 4, notes
    assert sum(n.startswith("page.html: ") for n in notes) == 3
    (guide_note,) = [n for n in notes if "template" in n]  # the [verify], not the TODO
    assert guide_note.startswith("chapters/instructors/template.html: ")
    assert guide_note.endswith("Year [verify]....")

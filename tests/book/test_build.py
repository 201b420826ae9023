"""The book builds with warnings as errors, and nothing in it points at another host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kfcourse.book import toc_pages
from tests.conftest import ROOT, BookBuild

pytestmark = pytest.mark.book

# Script, style, image and font sources must be local; ordinary links (<a href>) may go anywhere.
REMOTE_ASSET = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref=["']?(?:https?:)?//[^"'>]*["'][^>]*rel=["']?(?:stylesheet|preload|modulepreload|icon)"""
    r"""|<link\b[^>]*rel=["']?(?:stylesheet|preload|modulepreload|icon)["']?[^>]*\bhref=["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_book_builds_without_warnings(book_build: BookBuild) -> None:
    assert book_build.returncode == 0, book_build.output[-4000:]
    warnings = [
        line
        for line in book_build.output.splitlines()
        if "WARNING" in line and "Kernel is running over TCP" not in line
    ]
    assert warnings == []


def test_every_toc_page_is_built(book_html: Path) -> None:
    missing = [doc for doc in toc_pages(ROOT) if not (book_html / f"{doc}.html").exists()]
    assert missing == []


def test_no_page_loads_assets_from_another_host(book_html: Path) -> None:
    offenders = []
    for path in [*book_html.rglob("*.html"), *book_html.rglob("*.css")]:
        if "_static/kf-vendor" in path.as_posix():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        offenders += [
            f"{path.relative_to(book_html)}: {m.group(0)[:120]}"
            for m in REMOTE_ASSET.finditer(text)
        ]
    assert offenders == []


def test_widget_scripts_are_served_locally_and_once(book_html: Path) -> None:
    pages = sorted(book_html.rglob("*.html"))
    with_state = [p for p in pages if "application/vnd.jupyter.widget-state+json" in p.read_text()]
    for path in with_state:  # a page with embedded widget state loads the local manager once
        html = path.read_text(encoding="utf-8")
        for name in ("kf-widgets-config.js", "require.min.js", "embed-amd.js"):
            assert html.count(f"_static/kf-vendor/{name}") == 1, (path.name, name)
    # Only pages with widget state load the 3.6 MB manager: the exercises (the check-in
    # included) are on the course's own front end and need none.
    checkin = (book_html / "exercises" / "checkin.html").read_text(encoding="utf-8")
    assert "embed-amd.js" not in checkin and 'data-kf-exercise="checkin"' in checkin
    for path in set(pages) - set(with_state):
        assert "embed-amd.js" not in path.read_text(encoding="utf-8"), path.name


def test_only_the_search_page_loads_the_search_index(book_html: Path) -> None:
    """The theme's search scripts (about 150 KB) are only where they run: search.html."""
    from kfcourse.sphinx.search_scripts import SCRIPTS

    for path in book_html.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        loaded = [name for name in SCRIPTS if re.search(rf'<script src="[./]*{name}"', html)]
        if path.name == "search.html" and path.parent == book_html:
            assert loaded == list(SCRIPTS)
        else:
            assert loaded == [], path.relative_to(book_html)


def test_icon_script_holds_only_the_icons_the_pages_show(book_html: Path) -> None:
    """The theme's fontawesome.js (1.5 MB, every icon) is replaced by the icons the pages name."""
    import json

    import pydata_sphinx_theme

    from kfcourse.sphinx.icons import icons_used, theme_icons

    script = (book_html / "_static" / "scripts" / "fontawesome.js").read_text(encoding="utf-8")
    assert len(script.encode()) < 50_000
    drawn = json.loads(re.search(r"var ICONS = (\{.*?\});\n", script).group(1))
    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    bundle = (theme / "static" / "scripts" / "fontawesome.js").read_text(encoding="utf-8")
    every = theme_icons(bundle)
    used = icons_used(sorted(book_html.rglob("*.html")))
    for pack, names in used.items():
        assert set(drawn[pack]) == {name for name in names if name in every[pack]}, pack
    assert {"bars", "list", "download", "magnifying-glass"} <= set(drawn["fas"])
    assert "github" in drawn["fab"]

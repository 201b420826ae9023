"""Sphinx's search scripts and index only on the search page, where they run.

pydata-sphinx-theme (0.17, ``layout.html``'s ``extrahead``) puts ``searchtools.js``,
``language_data.js`` and ``searchindex.js`` (about 150 KB together, growing with the book) into
every page for its search-as-you-type box. That box is off unless ``search_as_you_type`` is set,
and then the header's search form only sends the learner to ``search.html``, which loads the
three itself. The tags are in the theme's template, not in the page's script list, so they are
taken out of the written pages after the build.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

SCRIPTS = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")
# One of the theme's three tags on its own line, with any relative prefix (../) before the name.
NAMES = "|".join(map(re.escape, SCRIPTS))
TAG = re.compile(rf'^[ \t]*<script src="(?:\.\./)*(?:{NAMES})"></script>\n', re.MULTILINE)


def search_as_you_type(app: Sphinx) -> bool:
    return bool((app.config.html_theme_options or {}).get("search_as_you_type"))


def without_search_scripts(html: str) -> str:
    """The page without the theme's three search tags (other scripts are left alone)."""
    return TAG.sub("", html)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or search_as_you_type(app):
        return
    outdir = Path(app.outdir)
    search_page = outdir / "search.html"
    trimmed = 0
    for page in outdir.rglob("*.html"):
        if page == search_page:
            continue
        html = page.read_text(encoding="utf-8")
        lighter = without_search_scripts(html)
        if lighter != html:
            page.write_text(lighter, encoding="utf-8")
            trimmed += 1
    logger.info(f"kfcourse: the search scripts are left only on search.html ({trimmed} pages)")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", on_build_finished)

"""The whole course on one printable page: ``print.html``, made after the HTML build.

Learners who study offline or on paper get every chapter in reading order in one light page
(no script, no theme, no request to any host), to print or save. It is assembled from the built
pages' articles, so it says exactly what the site says: ids are made unique per page, links
between the included pages become links within the print page, other links and images keep
working from the site's root, and each exercise shows its paper route (the words the exercise's
directive gives for a browser with no JavaScript). Pages are taken in the order of the table of
contents; ``kf_print_skip`` (glob patterns of document names) leaves out the pages that are not
course content (the journal, the instructors' pages, the notebooks).
"""

from __future__ import annotations

import fnmatch
import html
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from posixpath import dirname, join, normpath
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
OUT = "print.html"
SKIP = ["exercises/*", "chapters/instructors/*", "chapters/journal", "genindex", "search"]

_ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*?)</article>', re.S)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
_ATTR = re.compile(r'\b(id|href|src)="([^"]*)"')
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)

STYLE = Path(__file__).resolve().parent / "static" / "print" / "kf-print.css"  # inlined


def reading_order(root: str, includes: dict[str, list[str]]) -> Iterator[str]:
    """Every document under ``root`` in the table of contents, depth first."""
    seen: set[str] = set()

    def walk(doc: str) -> Iterator[str]:
        if doc in seen:
            return
        seen.add(doc)
        yield doc
        for child in includes.get(doc, []):
            yield from walk(child)

    yield from walk(root)


def _page_key(index: int) -> str:
    return f"p{index}"


def assemble(
    html_dir: Path, pages: Iterable[tuple[str, str]], title: str, language: str = "en"
) -> str:
    """The print page for ``pages`` ((document name, title) in order) built in ``html_dir``."""
    pages = list(pages)
    keys = {doc: _page_key(i) for i, (doc, _) in enumerate(pages)}
    parts: list[str] = []
    contents: list[str] = []
    used: set[str] = set()  # the built pages repeat some ids (sphinx-exercise's "solution-content")
    for doc, page_title in pages:
        built = html_dir / f"{doc}.html"
        found = _ARTICLE.search(built.read_text(encoding="utf-8"))
        if found is None:
            continue
        key = keys[doc]
        here = dirname(doc)

        def attr(m: re.Match[str], key: str = key, here: str = here) -> str:
            name, value = m.group(1), html.unescape(m.group(2))
            if name == "id":
                new, n = f"{key}-{value}", 1
                while new in used:
                    n += 1
                    new = f"{key}-{value}-{n}"
                used.add(new)
                return f'id="{html.escape(new)}"'
            if value.startswith("#"):
                return f'{name}="#{key}-{html.escape(value[1:])}"'
            if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I) or value.startswith("/"):
                return m.group(0)
            path, _, frag = value.partition("#")
            if not path:
                return m.group(0)
            target = normpath(join(here, path))
            other = target.removesuffix(".html")
            if other in keys:
                anchor = f"{keys[other]}-{frag}" if frag else keys[other]
                return f'{name}="#{html.escape(anchor)}"'
            return f'{name}="{html.escape(target + ("#" + frag if frag else ""))}"'

        body = _SCRIPT.sub("", found.group(1))
        body = _HEADERLINK.sub("", body)
        body = _ATTR.sub(attr, body)
        body = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + 1)}", body)
        parts.append(f'<section class="kf-print-page" id="{key}">{body}</section>')
        contents.append(f'<li><a href="#{key}">{html.escape(page_title)}</a></li>')
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}: the whole course</title>\n"
        f"<style>{STYLE.read_text(encoding='utf-8')}</style>\n</head>\n"
        f"<body>\n<header><h1>{html.escape(title)}: the whole course</h1>\n"
        "<p>Every chapter on one page, to print or to read offline. The interactive exercises "
        "work on the course website; here each one shows how to do it on paper.</p></header>\n"
        '<nav class="kf-print-contents" aria-label="Contents"><h2>Contents</h2><ol>'
        + "".join(contents)
        + "</ol></nav>\n<main>\n"
        + "\n".join(parts)
        + "\n</main>\n</body>\n</html>\n"
    )


def _skipped(doc: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(doc, p) for p in patterns)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    env = app.env
    root = app.config.root_doc
    pages = [
        (doc, env.titles[doc].astext() if doc in env.titles else doc)
        for doc in reading_order(root, env.toctree_includes)
        if not _skipped(doc, app.config.kf_print_skip)
    ]
    title = app.config.html_title or app.config.project
    text = assemble(Path(app.outdir), pages, title, app.config.language or "en")
    (Path(app.outdir) / OUT).write_text(text, encoding="utf-8")
    LOGGER.info("kfcourse: wrote the whole course to %s (%d pages)", OUT, len(pages))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("kf_print_skip", SKIP, "html")
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True}

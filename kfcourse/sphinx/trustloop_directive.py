"""Chapter 6's trust-building loop simulator on book pages: ``{kf-trustloop}``.

The simulator's words (the catalogue's ``trustloop`` section) are embedded in the page as
``<script type="application/json">`` (escaped), so nothing is fetched and ``file://`` works; the
rules are in the script itself (``kfcourse/web/trustloop/rules.js``, checked against Python's
vectors). The script (``kfcourse/web/dist/trustloop.js``, bundled by ``scripts/build-web.mjs``)
and its styles load only on pages that use the directive, after the browser journal, where each
game is kept. Usage in MyST::

    :::{kf-trustloop}
    :::
"""

from __future__ import annotations

import shutil
import subprocess
from html import escape
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from kfcourse.sphinx.journal_directives import JOURNAL_USER_CLASS, json_for_script
from kfcourse.sphinx.static_files import serve_files
from kfcourse.web.catalogue import DEFAULT_LANGUAGE, messages

LOGGER = logging.getLogger(__name__)

WEB = Path(__file__).resolve().parent.parent / "web"
SOURCES = (WEB / "trustloop", WEB / "roleplay" / "dom.js")
DIST = WEB / "dist"
STATIC_DIR = "kf-trustloop"
SCRIPT = "trustloop.js"
STYLE = "trustloop.css"
BUILD_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build-web.mjs"
LOOP_CLASS = "kf-trustloop"


def bundle_stale() -> bool:
    targets = [DIST / SCRIPT, DIST / STYLE]
    if not all(t.is_file() for t in targets):
        return True
    files = [p for src in SOURCES for p in ([src] if src.is_file() else src.rglob("*"))]
    newest = max(p.stat().st_mtime for p in files if p.is_file())
    return any(t.stat().st_mtime < newest for t in targets)


def ensure_bundle() -> bool:
    """Rebuild the bundle when a source is newer (in a clone with node); True when it is there."""
    if bundle_stale() and BUILD_SCRIPT.is_file() and shutil.which("node"):
        proc = subprocess.run(
            ["node", str(BUILD_SCRIPT)], capture_output=True, text=True, timeout=120,
            cwd=BUILD_SCRIPT.parents[1],
        )  # fmt: skip
        if proc.returncode != 0:
            LOGGER.warning(
                "could not bundle the trust-loop simulator: %s",
                (proc.stderr or proc.stdout).strip()[-800:],
                type="kfcourse",
                subtype="trustloop",
            )
    return (DIST / SCRIPT).is_file() and (DIST / STYLE).is_file()


class TrustLoopDirective(SphinxDirective):
    """The simulator: four rounds of aims and event cards, with the rule for trust stated."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        if not ensure_bundle():
            raise self.error(
                "kf-trustloop: the simulator's bundle kfcourse/web/dist/trustloop.js is missing; "
                "run `make setup` (or `npm ci --ignore-scripts && node scripts/build-web.mjs`)"
            )
        words = messages("trustloop", self.config.language or DEFAULT_LANGUAGE)
        container = nodes.container(
            classes=[LOOP_CLASS, JOURNAL_USER_CLASS, *self.options.get("class", [])],
            ids=["kf-trustloop"],
        )
        self.set_source_info(container)
        html = (
            '<div data-kf-exercise="trust-loop">'
            f'<p class="kf-js-needed">{escape(words["noscript"])}</p>'
            '<script type="application/json" class="kf-trustloop-data">'
            f"{json_for_script({'messages': words})}</script></div>"
        )
        container += nodes.raw("", html, format="html")
        return [container]


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """The simulator's script and styles, on pages with a simulator only (after the journal's)."""
    if doctree is None:
        return
    if not any(LOOP_CLASS in node["classes"] for node in doctree.findall(nodes.container)):
        return
    app.add_css_file(f"{STATIC_DIR}/{STYLE}")
    app.add_js_file(f"{STATIC_DIR}/{SCRIPT}", loading_method="defer")


def on_config_inited(app: Sphinx, config: Config) -> None:
    if ensure_bundle():
        serve_files(app, STATIC_DIR, [(DIST / SCRIPT, SCRIPT), (DIST / STYLE, STYLE)])


def setup(app: Sphinx) -> None:
    app.add_directive("kf-trustloop", TrustLoopDirective)
    app.connect("config-inited", on_config_inited, priority=900)
    # After the journal's handler (priority 500), so its scripts come first on the page.
    app.connect("html-page-context", on_html_page_context, priority=600)

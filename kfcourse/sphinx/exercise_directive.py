"""One way to put a kernel-free exercise on a book page: a directive per exercise, made here.

Each exercise is an ES module set under ``kfcourse/web/<name>/`` bundled into
``kfcourse/web/dist/<name>.js`` (a classic script, works from ``file://``) and ``<name>.css``.
Its directive embeds the exercise's words (the catalogue section ``<name>``) as
``<script type="application/json" class="kf-<name>-data">`` in
``<div data-kf-exercise="EXERCISE">``, marks the page as a user of the browser journal, and
loads the script and styles only on pages that use it, after the journal's scripts.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
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
DIST = WEB / "dist"
SHARED = [WEB / "roleplay" / "dom.js", *sorted((WEB / "host").glob("*"))]  # what exercises import
BUILD_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build-web.mjs"


def bundle_stale(name: str) -> bool:
    targets = [DIST / f"{name}.js", DIST / f"{name}.css"]
    if not all(t.is_file() for t in targets):
        return True
    files = [*SHARED, *(p for p in (WEB / name).rglob("*") if p.is_file())]
    newest = max(p.stat().st_mtime for p in files)
    return any(t.stat().st_mtime < newest for t in targets)


def ensure_bundle(name: str) -> bool:
    """Rebuild the bundles when a source is newer (in a clone with node); True when there."""
    if bundle_stale(name) and BUILD_SCRIPT.is_file() and shutil.which("node"):
        proc = subprocess.run(
            ["node", str(BUILD_SCRIPT)], capture_output=True, text=True, timeout=120,
            cwd=BUILD_SCRIPT.parents[1],
        )  # fmt: skip
        if proc.returncode != 0:
            LOGGER.warning(
                "could not bundle the %s exercise: %s",
                name,
                (proc.stderr or proc.stdout).strip()[-800:],
                type="kfcourse",
                subtype=name,
            )
    return (DIST / f"{name}.js").is_file() and (DIST / f"{name}.css").is_file()


def exercise_part(name: str, exercise: str, doc: str) -> Callable[[Sphinx], None]:
    """The ``setup(app)`` of a Sphinx part adding ``{kf-<name>}`` for the exercise ``exercise``
    (its sources in ``kfcourse/web/<name>/``, its words in the catalogue section ``<name>``)."""
    container_class = f"kf-{name}"

    class ExerciseDirective(SphinxDirective):
        has_content = False
        option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

        def run(self) -> list[nodes.Node]:
            if not ensure_bundle(name):
                raise self.error(
                    f"kf-{name}: the bundle kfcourse/web/dist/{name}.js is missing; run "
                    "`make setup` (or `npm ci --ignore-scripts && node scripts/build-web.mjs`)"
                )
            words = messages(name, self.config.language or DEFAULT_LANGUAGE)
            container = nodes.container(
                classes=[container_class, JOURNAL_USER_CLASS, *self.options.get("class", [])],
                ids=[container_class],
            )
            self.set_source_info(container)
            html = (
                f'<div data-kf-exercise="{escape(exercise)}">'
                f'<p class="kf-js-needed">{escape(words["noscript"])}</p>'
                f'<script type="application/json" class="kf-{name}-data">'
                f"{json_for_script({'messages': words})}</script></div>"
            )
            container += nodes.raw("", html, format="html")
            return [container]

    ExerciseDirective.__doc__ = doc

    def setup(app: Sphinx) -> None:
        app.add_directive(f"kf-{name}", ExerciseDirective)
        connect_bundle(app, name)

    return setup


def connect_bundle(app: Sphinx, name: str) -> None:
    """Serve ``dist/<name>.js`` and ``.css`` from the book, and load them (after the journal's
    scripts) only on pages holding a ``kf-<name>`` container."""
    container_class = f"kf-{name}"

    def on_html_page_context(
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: nodes.document | None,
    ) -> None:
        if doctree is None:
            return
        if any(container_class in n["classes"] for n in doctree.findall(nodes.container)):
            app.add_css_file(f"{container_class}/{name}.css")
            app.add_js_file(f"{container_class}/{name}.js", loading_method="defer")

    def on_config_inited(app: Sphinx, config: Config) -> None:
        if ensure_bundle(name):
            files = [(DIST / f"{name}.js", f"{name}.js"), (DIST / f"{name}.css", f"{name}.css")]
            serve_files(app, container_class, files)

    app.connect("config-inited", on_config_inited, priority=900)
    # After the journal's handler (priority 500), so its scripts come first on the page.
    app.connect("html-page-context", on_html_page_context, priority=600)

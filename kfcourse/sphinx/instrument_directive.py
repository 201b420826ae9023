"""The course's short checks (instruments) on book pages: ``{kf-instrument} <id>``.

One front end for all four checks (``kfcourse/web/instrument/``); the argument names the check
(``partnership-trust``, ``speaking-up``, ``relational-practice``, ``collaboration-health``). Its
words (the catalogue's ``instrument`` section) and the check's id are embedded in the page; the
rules are in the script, which loads only on pages that use the directive, after the browser
journal, where the answers are kept. Without JavaScript the page still lists the statements.
Usage in MyST::

    :::{kf-instrument} speaking-up
    :::
"""

from __future__ import annotations

from html import escape
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from kfcourse.activities import instruments
from kfcourse.sphinx.exercise_directive import connect_bundle, ensure_bundle
from kfcourse.sphinx.journal_directives import JOURNAL_USER_CLASS, json_for_script
from kfcourse.web.catalogue import DEFAULT_LANGUAGE, messages

NAME = "instrument"  # the bundle, the catalogue's section and the directive's suffix
CONTAINER = f"kf-{NAME}"


class InstrumentDirective(SphinxDirective):
    """One of the course's checks, rated before and after, kept in the browser journal."""

    has_content = False
    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        try:
            inst = instruments.instrument(self.arguments[0])
        except instruments.InstrumentError as exc:
            raise self.error(f"kf-instrument: {exc}") from None
        if not ensure_bundle(NAME):
            raise self.error(
                f"kf-instrument: the bundle kfcourse/web/dist/{NAME}.js is missing; run "
                "`make setup` (or `npm ci --ignore-scripts && node scripts/build-web.mjs`)"
            )
        words = messages(NAME, self.config.language or DEFAULT_LANGUAGE)
        container = nodes.container(
            classes=[CONTAINER, JOURNAL_USER_CLASS, *self.options.get("class", [])],
            ids=[f"{CONTAINER}-{inst.id}"],
        )
        self.set_source_info(container)
        statements = "".join(
            f"<li>{escape(words[f'item.{inst.id}.{item.id}'])}</li>" for item in inst.items
        )
        data = {"messages": words, "options": {"instrument": inst.id}}
        html = (
            f'<div data-kf-exercise="{escape(inst.exercise)}">'
            f'<div class="kf-js-needed"><p>{escape(words["noscript"])}</p><ol>{statements}</ol>'
            f"<p>{escape(words[f'source.{inst.id}'])} {escape(words['validity'])}</p></div>"
            f'<script type="application/json" class="kf-{NAME}-data">'
            f"{json_for_script(data)}</script></div>"
        )
        container += nodes.raw("", html, format="html")
        return [container]


def setup(app: Sphinx) -> None:
    app.add_directive(f"kf-{NAME}", InstrumentDirective)
    connect_bundle(app, NAME)

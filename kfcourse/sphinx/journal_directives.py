"""Reflection forms and the browser journal on book pages (``kf-reflection``, ``kf-journal``).

On the static site there is no kernel, so the learner's entries live in the browser's storage and
are exported as the same JSON the Jupyter journal reads (``kfcourse journal import FILE``). The
journal's scripts come from ``kfcourse/web/journal``; the reflection form is the one front end in
``kfcourse/web/reflection`` (bundled into ``dist/reflection.js``). Both load only on pages that
use them; the journal's JSON Schema and each form's options and words are embedded in the page as
``<script type="application/json">`` (escaped), so nothing is fetched and ``file://`` works too.

Usage in MyST::

    :::{kf-reflection}
    :id: ch1-reflect
    :variant: short
    :title: Chapter 1: leaders, followers and lost knowledge
    :question: Who had the authority in that decision, and who had the knowledge?
    :::

    :::{kf-journal}
    :::

``:variant:`` is ``short``, ``clinician``, ``patient`` or ``choose`` (the learner says which role
they played, for the full Gibbs cycle); ``:question:`` is the chapter's own question, shown above
the boxes and kept with the entry.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from kfcourse import __version__
from kfcourse.sphinx.static_files import serve_files
from kfcourse.web.catalogue import DEFAULT_LANGUAGE, messages

LOGGER = logging.getLogger(__name__)

WEB = Path(__file__).resolve().parent.parent / "web" / "journal"
STATIC_DIR = "kf-journal"
# Loaded in this order (all deferred, so they run in order after the page is parsed).
SCRIPTS = ("kf-journal-core.js", "kf-journal-export.js", "kf-journal-store.js", "kf-journal-ui.js")
STYLES = ("kf-journal.css",)
FORM_SOURCES = WEB.parent / "reflection"
DIST = WEB.parent / "dist"
FORM_STATIC_DIR = "kf-reflection"
FORM_SCRIPT = "reflection.js"
FORM_STYLE = "reflection.css"
BUILD_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build-web.mjs"
# `choose` lets the learner say which role they played; `patient-partner` is read as `patient`.
VARIANTS = ("choose", "clinician", "patient", "patient-partner", "short")
SCHEMA_FILE = ("schema", "journal-v1.schema.json")  # in the kfcourse.journal package
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
CONFIG_ELEMENT_ID = "kf-journal-config"
STORAGE_KEY = "kfcourse-journal"
COURSE_ID = "leading-together"

REFLECTION_CLASS = "kf-reflection"
PANEL_CLASS = "kf-journal"
# An exercise whose container has this class keeps its work in the browser journal.
JOURNAL_USER_CLASS = "kf-journal-user"

NOSCRIPT_TEXT = (
    "This part of the page needs JavaScript, which is turned off or blocked in this browser. "
    "You can write the same reflection in the course's Jupyter notebooks instead."
)


def json_for_script(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``</script>`` or ``<!--`` survives.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026``; U+2028 and U+2029 are
    escaped too. ``JSON.parse`` turns them back into the same characters.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


@cache
def journal_schema() -> dict[str, Any]:
    """The journal's JSON Schema, from the file that ``kfcourse.journal`` ships."""
    text = resources.files("kfcourse.journal").joinpath(*SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def page_config(journal_page: str | None, forms: dict[str, str] | None = None) -> dict[str, Any]:
    """What every journal page embeds: the schema, the course version and where entries are kept.

    ``forms`` maps reflection ids to their address (for the panel's links back to each form).
    """
    return {
        "course": COURSE_ID,
        "courseVersion": __version__,
        "storageKey": STORAGE_KEY,
        "journalPage": journal_page,
        "forms": forms or {},
        "schema": journal_schema(),
    }


def form_data(
    reflection_id: str, variant: str, title: str, question: str | None, language: str
) -> dict[str, Any]:
    """What one form needs in the browser: its options (README.md's contract) and its words."""
    return {
        "options": {
            "exercise": reflection_id,
            "variant": variant,
            "title": title,
            "question": question,
        },
        "messages": messages("reflection", language),
    }


def bundle_stale() -> bool:
    targets = [DIST / FORM_SCRIPT, DIST / FORM_STYLE]
    if not all(t.is_file() for t in targets):
        return True
    sources = [p for d in (FORM_SOURCES, WEB.parent / "roleplay") for p in d.rglob("*.js")]
    newest = max(p.stat().st_mtime for p in [*sources, *FORM_SOURCES.glob("*.css")])
    return any(t.stat().st_mtime < newest for t in targets)


def ensure_bundle() -> bool:
    """Rebuild the form's bundle when a source is newer (in a clone with node); True when there."""
    if bundle_stale() and BUILD_SCRIPT.is_file() and shutil.which("node"):
        proc = subprocess.run(
            ["node", str(BUILD_SCRIPT)], capture_output=True, text=True, timeout=120,
            cwd=BUILD_SCRIPT.parents[1],
        )  # fmt: skip
        if proc.returncode != 0:
            LOGGER.warning(
                "could not bundle the web exercises: %s",
                (proc.stderr or proc.stdout).strip()[-800:],
                type="kfcourse",
                subtype="journal",
            )
    return (DIST / FORM_SCRIPT).is_file() and (DIST / FORM_STYLE).is_file()


def noscript_node() -> nodes.paragraph:
    return nodes.paragraph("", NOSCRIPT_TEXT, classes=["kf-js-needed"])


class ReflectionDirective(SphinxDirective):
    """A guided (Gibbs) reflection form; drafts are kept in the browser as the learner types."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "id": directives.unchanged_required,
        "variant": lambda arg: directives.choice(arg, VARIANTS),
        "title": directives.unchanged,
        "question": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        reflection_id = self.options.get("id", "").strip()
        if not ID_PATTERN.match(reflection_id):
            raise self.error(
                "kf-reflection needs an :id: of lower-case letters, digits and hyphens "
                f"(at most 64), such as `scenario-a`; got {reflection_id!r}. The id keeps a "
                "learner's draft across rebuilds, so do not change it once published."
            )
        where = self.get_location()
        seen = self.env.kf_reflection_ids  # type: ignore[attr-defined]
        other_doc, other_where = seen.get(reflection_id, (self.env.docname, where))
        if (other_doc, other_where) != (self.env.docname, where):
            problem = (
                "is also used in %s; two forms would share one draft"
                if other_doc != self.env.docname
                else "is used twice on this page (also at %s)"
            )
            LOGGER.warning(
                f"kf-reflection id %r {problem}",
                reflection_id,
                other_where,
                location=where,
                type="kfcourse",
                subtype="journal",
            )
        seen[reflection_id] = (self.env.docname, where)

        variant = self.options.get("variant", "choose").replace("patient-partner", "patient")
        title = self.options.get("title", "").strip() or "Reflection"
        question = " ".join(self.options.get("question", "").split()) or None
        language = self.config.language or DEFAULT_LANGUAGE
        data = form_data(reflection_id, variant, title, question, language)
        if not ensure_bundle():
            raise self.error(
                "kf-reflection: the form's bundle kfcourse/web/dist/reflection.js is missing; "
                "run `make setup` (or `npm ci --ignore-scripts && node scripts/build-web.mjs`)"
            )
        container = nodes.container(
            classes=[REFLECTION_CLASS, *self.options.get("class", [])],
            ids=[f"kf-reflection-{reflection_id}"],
        )
        self.set_source_info(container)
        intro = nodes.container(classes=["kf-reflection-intro"])
        self.state.nested_parse(self.content, self.content_offset, intro)
        container += intro
        container += nodes.raw(
            "",
            f'<div data-kf-exercise="reflection" data-kf-reflection="{reflection_id}">'
            f'<p class="kf-js-needed">{html.escape(data["messages"]["noscript"])}</p>'
            '<script type="application/json" class="kf-reflection-data">'
            f"{json_for_script(data)}</script></div>",
            format="html",
        )
        return [container]


class JournalDirective(SphinxDirective):
    """The learner's journal panel: where it is kept, its entries, export and import."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        container = nodes.container(classes=[PANEL_CLASS, *self.options.get("class", [])])
        self.set_source_info(container)
        intro = nodes.container(classes=["kf-journal-intro"])
        self.state.nested_parse(self.content, self.content_offset, intro)
        container += intro
        container += noscript_node()
        return [container]


def uses_journal(doctree: nodes.document) -> bool:
    """True when the page has a reflection form, the journal panel or a role-play player (each
    run of the player is kept in the browser journal)."""
    from kfcourse.sphinx.roleplay_directive import PLAYER_CLASS  # imports this module

    wanted = {REFLECTION_CLASS, PANEL_CLASS, PLAYER_CLASS, JOURNAL_USER_CLASS}
    return any(wanted.intersection(node["classes"]) for node in doctree.findall(nodes.container))


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Add the journal scripts, styles and embedded configuration to pages that use them."""
    if doctree is None or not uses_journal(doctree):
        return
    for name in STYLES:
        app.add_css_file(f"{STATIC_DIR}/{name}")
    journal_doc = app.config.kf_journal_page
    journal_page = None
    if journal_doc and journal_doc in app.env.found_docs and journal_doc != pagename:
        journal_page = app.builder.get_relative_uri(pagename, journal_doc)
    forms: dict[str, str] = {}
    if any(PANEL_CLASS in node["classes"] for node in doctree.findall(nodes.container)):
        for reflection_id, (docname, _where) in sorted(app.env.kf_reflection_ids.items()):
            uri = "" if docname == pagename else app.builder.get_relative_uri(pagename, docname)
            forms[reflection_id] = f"{uri}#kf-reflection-{reflection_id}"
    app.add_js_file(
        None,
        body=json_for_script(page_config(journal_page, forms)),
        type="application/json",
        id=CONFIG_ELEMENT_ID,
    )
    for name in SCRIPTS:
        app.add_js_file(f"{STATIC_DIR}/{name}", loading_method="defer")
    from kfcourse.sphinx.roleplay_directive import PLAYER_CLASS  # imports this module

    containers = [node["classes"] for node in doctree.findall(nodes.container)]
    forms = any(REFLECTION_CLASS in classes for classes in containers)
    if forms or any(PLAYER_CLASS in classes for classes in containers):
        # The role-play's debrief embeds the form (its view is in the player's bundle).
        app.add_css_file(f"{FORM_STATIC_DIR}/{FORM_STYLE}")
    if forms:
        app.add_js_file(f"{FORM_STATIC_DIR}/{FORM_SCRIPT}", loading_method="defer")


def on_config_inited(app: Sphinx, config: Config) -> None:
    serve_files(app, STATIC_DIR, [(WEB / name, name) for name in (*SCRIPTS, *STYLES)])
    if ensure_bundle():
        files = [(DIST / FORM_SCRIPT, FORM_SCRIPT), (DIST / FORM_STYLE, FORM_STYLE)]
        serve_files(app, FORM_STATIC_DIR, files)


def on_builder_inited(app: Sphinx) -> None:
    if not hasattr(app.env, "kf_reflection_ids"):
        app.env.kf_reflection_ids = {}  # type: ignore[attr-defined]


def on_env_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    ids = getattr(env, "kf_reflection_ids", {})
    env.kf_reflection_ids = {k: v for k, v in ids.items() if v[0] != docname}  # type: ignore[attr-defined]


def on_env_merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    env.kf_reflection_ids.update(getattr(other, "kf_reflection_ids", {}))  # type: ignore[attr-defined]


def setup(app: Sphinx) -> None:
    # The page with the journal panel, linked from every reflection form (if it exists).
    app.add_config_value("kf_journal_page", "chapters/journal", "html", types=[str])
    app.add_directive("kf-reflection", ReflectionDirective)
    app.add_directive("kf-journal", JournalDirective)
    app.connect("config-inited", on_config_inited, priority=900)
    app.connect("builder-inited", on_builder_inited)
    app.connect("env-purge-doc", on_env_purge_doc)
    app.connect("env-merge-info", on_env_merge_info)
    app.connect("html-page-context", on_html_page_context)

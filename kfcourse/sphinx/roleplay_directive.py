"""The role-play player on book pages: ``{kf-roleplay} ID-or-path``.

The scenario (a shipped id such as ``discharge-delays``, or a path to a scenario file relative to
the page's source file) is checked at build time: each finding is a Sphinx warning at the
scenario's file and line, and an error stops the build. The scenario is compiled
(``compile_scenario``) and embedded in the page as ``<script type="application/json">`` (escaped),
with the options and the player's message catalogue, so nothing is fetched and ``file://`` works.
The player script (``kfcourse/web/dist/roleplay.js``, bundled by ``scripts/build-web.mjs``) and
its styles load only on pages that use the directive, with the browser journal, where each run is
kept. The Jupyter widget manager is not needed and never loaded for it.

Usage in MyST::

    :::{kf-roleplay} discharge-delays
    :feedback: now
    :sides: doctor patient pair
    :::

An instructor adds a scenario to the book with a file and this directive: no Python edits.
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
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from kfcourse.references import citations_for
from kfcourse.scenario.compiled import compile_scenario, theory_keys
from kfcourse.scenario.diagnostics import ERROR
from kfcourse.scenario.library import SCENARIO_DIR, resolve
from kfcourse.scenario.lint import CheckedFile, check_file
from kfcourse.sphinx.journal_directives import json_for_script
from kfcourse.sphinx.static_files import serve_files
from kfcourse.web.catalogue import DEFAULT_LANGUAGE, messages, player_messages

LOGGER = logging.getLogger(__name__)

WEB = Path(__file__).resolve().parent.parent / "web"
SOURCES = WEB / "roleplay"
DIST = WEB / "dist"
STATIC_DIR = "kf-roleplay"
SCRIPT = "roleplay.js"
STYLE = "roleplay.css"
BUILD_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build-web.mjs"

# The player's container class: the journal directives count it as a user of the journal.
PLAYER_CLASS = "kf-roleplay"
FEEDBACK = ("now", "end")
SIDES = ("doctor", "patient", "pair")


def sides_option(argument: str | None) -> list[str]:
    words = (argument or "").replace(",", " ").split()
    unknown = [w for w in words if w not in SIDES]
    if unknown or not words:
        raise ValueError(
            f"sides must be one or more of {', '.join(SIDES)} (separated by spaces); "
            f"got {argument!r}"
        )
    return list(dict.fromkeys(words))


_CHECKED: dict[tuple[str, float], CheckedFile] = {}


def checked(path: Path) -> CheckedFile:
    """check_file, once per file version in a build process."""
    key = (str(path.resolve()), path.stat().st_mtime)
    if key not in _CHECKED:
        _CHECKED[key] = check_file(path)
    return _CHECKED[key]


def is_shipped(path: Path) -> bool:
    return path.resolve().parent == SCENARIO_DIR.resolve()


def bundle_stale() -> bool:
    targets = [DIST / SCRIPT, DIST / STYLE]
    if not all(t.is_file() for t in targets):
        return True
    # The player's bundle also holds what it imports from its siblings (the reflection form).
    newest = max(p.stat().st_mtime for p in WEB.rglob("*") if p.is_file() and DIST not in p.parents)
    return any(t.stat().st_mtime < newest for t in targets)


def ensure_bundle() -> bool:
    """Rebuild the player's bundle when a source is newer (in a clone with node).

    True when the bundle is there."""
    if bundle_stale() and BUILD_SCRIPT.is_file() and shutil.which("node"):
        proc = subprocess.run(
            ["node", str(BUILD_SCRIPT)], capture_output=True, text=True, timeout=120,
            cwd=BUILD_SCRIPT.parents[1],
        )  # fmt: skip
        if proc.returncode != 0:
            LOGGER.warning(
                "could not bundle the role-play player: %s",
                (proc.stderr or proc.stdout).strip()[-800:],
                type="kfcourse",
                subtype="roleplay",
            )
    return (DIST / SCRIPT).is_file() and (DIST / STYLE).is_file()


class RolePlayDirective(SphinxDirective):
    """A scenario's player: choose a side, play, see the meters and the whole path."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "feedback": lambda arg: directives.choice(arg, FEEDBACK),
        "sides": sides_option,
        "class": directives.class_option,
    }

    def find_scenario(self, name: str) -> Path:
        shipped = resolve(name) if "/" not in name and "\\" not in name else None
        if shipped is not None:
            return shipped
        source = Path(self.get_source_info()[0] or self.env.doc2path(self.env.docname))
        path = (source.parent / name).resolve()
        if path.is_file():
            return path
        raise self.error(
            f"kf-roleplay: no scenario {name!r}: it is neither a shipped scenario id nor a file "
            f"next to this page ({path})"
        )

    def report(self, path: Path, result: CheckedFile) -> int:
        """Each finding as a warning at the scenario's file:line (the shipped scenarios are
        reported once per build by scenario_pages); returns the number of errors."""
        errors = 0
        for finding in result.findings:
            errors += finding.severity == ERROR
            if is_shipped(path) and finding.severity != ERROR:
                continue
            LOGGER.warning(
                f"scenario {finding.severity} {finding.code}: {finding.message}",
                location=f"{finding.path}:{finding.line}",
                type="kfcourse",
                subtype="scenario",
            )
        return errors

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        path = self.find_scenario(name)
        self.env.note_dependency(str(path))
        result = checked(path)
        errors = self.report(path, result)
        if errors or result.playable is None:
            raise ExtensionError(
                f"kfcourse: {errors} error(s) in scenario {path} used by kf-roleplay at "
                f"{self.get_location()} (see the warnings above, or run `kfcourse check {path}`); "
                "not building the book"
            )
        if not ensure_bundle():
            raise self.error(
                "kf-roleplay: the player's bundle kfcourse/web/dist/roleplay.js is missing; "
                "run `make setup` (or `npm ci --ignore-scripts && node scripts/build-web.mjs`)"
            )
        compiled = compile_scenario(result.playable)
        language = self.config.language or DEFAULT_LANGUAGE
        try:
            reflection = messages("reflection", language)
        except KeyError:
            reflection = None
        data = {
            "scenario": compiled,
            "options": {
                "feedback": self.options.get("feedback", "now"),
                "sides": self.options.get("sides", list(SIDES)),
            },
            "messages": player_messages(language),
            "reflectionMessages": reflection,
            "citations": citations_for(theory_keys(compiled)),
        }
        container = nodes.container(
            classes=[PLAYER_CLASS, *self.options.get("class", [])],
            ids=[f"kf-roleplay-{compiled['id']}"],
        )
        self.set_source_info(container)
        # The HTML is written once references resolve (links to the references page).
        container["kf_roleplay"] = data
        return [container]


def reference_targets(app: Sphinx) -> dict[str, tuple[str, str]]:
    """Each cited key's place in the book: (docname, anchor) of its bibliography entry."""
    try:
        domain = app.env.get_domain("cite")
    except Exception:  # sphinxcontrib-bibtex is not in this book
        return {}
    targets: dict[str, tuple[str, str]] = {}
    for citation in getattr(domain, "citations", []):
        targets.setdefault(citation.key, (citation.bibliography_key.docname, citation.citation_id))
    return targets


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write each player's data, with links from its citations to the references page."""
    targets: dict[str, tuple[str, str]] | None = None
    for container in doctree.findall(nodes.container):
        data = container.get("kf_roleplay")
        if data is None:
            continue
        if targets is None:
            targets = reference_targets(app)
        for key, citation in data["citations"].items():
            if key in targets and app.builder.format == "html":
                page, anchor = targets[key]
                citation["href"] = f"{app.builder.get_relative_uri(docname, page)}#{anchor}"
                del citation["full"]  # the references page has it: lighter pages
        html = (
            f'<div data-kf-player="" data-kf-scenario="{escape(data["scenario"]["id"])}">'
            f'<p class="kf-js-needed">{escape(data["messages"]["noscript"])}</p>'
            f'<script type="application/json" class="kf-roleplay-data">{json_for_script(data)}'
            "</script></div>"
        )
        del container["kf_roleplay"]
        container += nodes.raw("", html, format="html")


def uses_player(doctree: nodes.document) -> bool:
    return any(PLAYER_CLASS in node["classes"] for node in doctree.findall(nodes.container))


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """The player's script and styles, on pages with a player only (after the journal's)."""
    if doctree is None or not uses_player(doctree):
        return
    app.add_css_file(f"{STATIC_DIR}/{STYLE}")
    app.add_js_file(f"{STATIC_DIR}/{SCRIPT}", loading_method="defer")


def on_config_inited(app: Sphinx, config: Config) -> None:
    if ensure_bundle():
        serve_files(app, STATIC_DIR, [(DIST / SCRIPT, SCRIPT), (DIST / STYLE, STYLE)])


def setup(app: Sphinx) -> None:
    app.add_directive("kf-roleplay", RolePlayDirective)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("config-inited", on_config_inited, priority=900)
    # After the journal's handler (priority 500), so its scripts come first on the page.
    app.connect("html-page-context", on_html_page_context, priority=600)

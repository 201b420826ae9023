"""Repairs to the theme on every page: its markup for screen readers and phones, and its console.

The scripts and styles that do the repairs are in ``static/a11y/`` (each repair says why). The
page-level ones live here: every page asked for the colour mode "" (the console error "Got
invalid theme mode"), and carried sphinx-thebe's set-up twice (the error "THEBE_JS_URL has
already been declared") with a CDN address in it, although Thebe is off in ``_config.yml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
# What sphinx-thebe puts into a page: its settings, its loader, its styles and its per-page config.
THEBE_ASSETS = ("sphinx-thebe.js", "sphinx-thebe.css")
THEBE_MARKERS = ("THEBE_JS_URL", "text/x-thebe-config", "kernelName =")


def thebe_is_off(app: Sphinx) -> bool:
    options = app.config.html_theme_options or {}
    return not (options.get("launch_buttons") or {}).get("thebe")


def on_config_inited(app: Sphinx, config: Config) -> None:
    # pydata-sphinx-theme writes this into each page as the mode to start in; unset, it is "".
    config.html_context.setdefault("default_mode", "auto")


def on_builder_inited(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC / "a11y"))


def drop_thebe_config(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Remove the per-page Thebe config blocks when Thebe is off (they run nothing)."""
    if not thebe_is_off(app):
        return
    for raw in list(doctree.findall(nodes.raw)):
        if any(marker in raw.astext() for marker in THEBE_MARKERS):
            raw.parent.remove(raw)


def asset_key(asset: Any) -> tuple[str, str]:
    return (asset.filename or "", str(asset.attributes.get("body", "")))


def is_thebe(asset: Any) -> bool:
    name = asset.filename or ""
    body = str(asset.attributes.get("body", ""))
    return name.endswith(THEBE_ASSETS) or any(marker in body for marker in THEBE_MARKERS)


def tidy_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Each script and style once, and none of Thebe's when Thebe is off.

    New lists are assigned (not edited in place): the builder shares its own with every page."""
    drop_thebe = thebe_is_off(app)
    for key in ("script_files", "css_files"):
        seen: set[tuple[str, str]] = set()
        kept = []
        for asset in context.get(key, []):
            if asset_key(asset) in seen or (drop_thebe and is_thebe(asset)):
                continue
            seen.add(asset_key(asset))
            kept.append(asset)
        context[key] = kept


def list_the_bibliography(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """docutils marks the bibliography as role="list" but its entries as doc-biblioentry, which
    is not a list item (axe: aria-required-children); make each entry a list item in the HTML
    itself, so every copy of the page (the site, the print page) is right without a script."""
    body = context.get("body")
    if isinstance(body, str) and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> None:
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    # After sphinx-thebe's own handler (priority 500) has added the blocks.
    app.connect("doctree-resolved", drop_thebe_config, priority=900)
    app.connect("html-page-context", tidy_page_assets, priority=900)
    app.connect("html-page-context", list_the_bibliography)
    app.add_js_file("kf-a11y.js", defer="defer")
    app.add_css_file("kf-a11y.css")

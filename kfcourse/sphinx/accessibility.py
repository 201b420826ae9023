"""Accessibility repairs to the theme, on every page (each is explained in ``static/a11y/``)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"


def on_builder_inited(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC / "a11y"))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", on_builder_inited)
    app.add_js_file("kf-a11y.js", defer="defer")
    app.add_css_file("kf-a11y.css")

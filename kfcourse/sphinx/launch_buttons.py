"""The book's launch buttons open an exercise as a Voilà app, not as a notebook in JupyterLab.

sphinx-book-theme builds its Binder and JupyterHub links to open the notebook in an editor
(``urlpath=lab/tree/...``); learners need the app, with no code showing. This part rewrites
those two buttons on each notebook page, after the theme has made them (its handler runs at
priority 501), with the same links as ``kfcourse class-links`` (``kfcourse.launch_links``).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from kfcourse.launch_links import binder_link, hub_link


def open_as_app(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if context.get("page_source_suffix") != ".ipynb":
        return
    options = app.config.html_theme_options or {}
    launch = options.get("launch_buttons") or {}
    repo = str(options.get("repository_url") or "")
    branch = str(options.get("repository_branch") or "main")
    docs = str(options.get("path_to_docs") or "").strip("/")
    notebook = f"{docs}/{pagename}.ipynb" if docs else f"{pagename}.ipynb"
    for group in context.get("header_buttons", []):
        if not isinstance(group, dict) or group.get("label") != "launch-buttons":
            continue
        for button in group.get("buttons", []):
            if button.get("text") == "Binder" and launch.get("binderhub_url"):
                button["url"] = binder_link(launch["binderhub_url"], repo, notebook, branch)
                button["tooltip"] = "Open this exercise as an app on Binder"
            elif button.get("text") == "JupyterHub" and launch.get("jupyterhub_url"):
                button["url"] = hub_link(launch["jupyterhub_url"], repo, notebook, branch)
                button["tooltip"] = "Open this exercise as an app on your JupyterHub"


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", open_as_app, priority=600)

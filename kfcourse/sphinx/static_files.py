"""Serve files from the book's ``_static/FOLDER/`` without putting them in the book's ``_static``.

Jupyter Book adds every ``*.js`` and ``*.css`` in the book's own ``_static`` to every page, so
scripts meant for some pages only (the widget manager, the browser journal) are copied into a
staging folder beside the build output instead, which is added to ``html_static_path`` on
``config-inited`` (after Jupyter Book's scan). Unchanged files are not copied again.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx

STAGING = ".kf-static"


def serve_files(app: Sphinx, folder: str, files: Iterable[tuple[Path, str]]) -> Path:
    """Copy each (source, name) to ``_static/folder/name``; returns the staged folder."""
    root = Path(app.outdir).parent / STAGING
    target = root / folder
    target.mkdir(parents=True, exist_ok=True)
    for src, name in files:
        dst = target / name
        if not dst.exists() or dst.stat().st_mtime < src.stat().st_mtime:
            shutil.copy2(src, dst)
    if str(root) not in app.config.html_static_path:
        app.config.html_static_path.append(str(root))
    return target

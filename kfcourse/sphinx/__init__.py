"""Sphinx extension of the course: kernel-free exercises in book pages, served offline.

Add ``kfcourse.sphinx`` to ``sphinx.extra_extensions`` in ``_config.yml``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from kfcourse import __version__
from kfcourse.sphinx import offline_widgets


def setup(app: Sphinx) -> dict[str, Any]:
    offline_widgets.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

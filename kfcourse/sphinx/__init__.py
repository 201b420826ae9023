"""Sphinx extension of the course: kernel-free exercises in book pages, served offline.

Add ``kfcourse.sphinx`` to ``sphinx.extra_extensions`` in ``_config.yml``. Each part lives in
its own module under ``kfcourse.sphinx`` with a ``setup(app)`` function, listed in ``PARTS``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from kfcourse import __version__
from kfcourse.plugins import present_modules

PARTS = (
    "kfcourse.sphinx.offline_widgets",  # widget scripts served from the book, not a CDN
    "kfcourse.sphinx.accessibility",  # repairs to the theme's markup for screen readers
    "kfcourse.sphinx.icons",  # only the icons the site shows, not the theme's 1.5 MB script
    "kfcourse.sphinx.search_scripts",  # the search index only on the search page
    "kfcourse.sphinx.journal_directives",  # reflection forms and the browser journal
    "kfcourse.sphinx.roleplay_directive",  # the role-play player (after the journal: its scripts)
    "kfcourse.sphinx.trustloop_directive",  # chapter 6's trust-building loop simulator
    "kfcourse.sphinx.wholeads_directive",  # chapter 1's "Who leads? Who follows?"
    "kfcourse.sphinx.discharge_directive",  # chapter 3's "Distribute the discharge"
    "kfcourse.sphinx.powermap_directive",  # chapter 5's "Power map card sort"
    "kfcourse.sphinx.triad_directive",  # chapter 7's "Three-talk triad"
    "kfcourse.sphinx.canvas_directive",  # chapter 9's programme redesign canvas
    "kfcourse.sphinx.headline_directive",  # chapter 2's "Rewrite the hero headline"
    "kfcourse.sphinx.instrument_directive",  # the four checks, rated before and after
    "kfcourse.sphinx.checkin_directive",  # the welcome check-in
    "kfcourse.sphinx.scenario_pages",  # scenarios linted at build time; their format reference
    "kfcourse.sphinx.pack_pages",  # facilitator packs made from the scenario files
    "kfcourse.sphinx.print_page",  # the whole course on one printable page, after the build
    "kfcourse.sphinx.launch_buttons",  # Binder and JupyterHub buttons open the Voila app
)


def setup(app: Sphinx) -> dict[str, Any]:
    for module in present_modules(PARTS):
        module.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

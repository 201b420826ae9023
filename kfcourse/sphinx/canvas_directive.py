"""Chapter 9's "Programme redesign canvas" on book pages: ``{kf-canvas}``.

The exercise's words (the catalogue's ``canvas`` section) are embedded in the page; its rules and
the memo are in the script (``kfcourse/web/canvas/rules.js``, checked against Python's vectors),
which loads only on pages that use the directive, after the browser journal, where the canvas is
kept. Usage in MyST::

    :::{kf-canvas}
    :::
"""

from __future__ import annotations

from kfcourse.sphinx.exercise_directive import exercise_part

setup = exercise_part(
    "canvas",
    "redesign-canvas",
    "Seven challenge cards, each with a support, an owner and a sign; a memo to download.",
)

"""Chapter 7's "Three-talk triad" on book pages: ``{kf-triad}``.

The exercise's words (the catalogue's ``triad`` section) are embedded in the page; its rules are
in the script (``kfcourse/web/triad/rules.js``, checked against Python's vectors), which loads
only on pages that use the directive, after the browser journal, where the answer is kept.
Usage in MyST::

    :::{kf-triad}
    :::
"""

from __future__ import annotations

from kfcourse.sphinx.exercise_directive import exercise_part

setup = exercise_part(
    "triad",
    "three-talk",
    "Predicted and actual CollaboRATE ratings of a practice talk, with an observer's tally.",
)

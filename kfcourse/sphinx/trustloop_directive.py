"""Chapter 6's trust-building loop simulator on book pages: ``{kf-trustloop}``.

The simulator's words (the catalogue's ``trustloop`` section) are embedded in the page, so
nothing is fetched and ``file://`` works; its rules are in the script
(``kfcourse/web/trustloop/rules.js``, checked against Python's vectors), which loads only on pages
that use the directive, after the browser journal, where each game is kept. Usage in MyST::

    :::{kf-trustloop}
    :::
"""

from __future__ import annotations

from kfcourse.sphinx.exercise_directive import exercise_part

setup = exercise_part(
    "trustloop",
    "trust-loop",
    "The simulator: four rounds of aims and event cards, with the rule for trust stated.",
)

"""Chapter 5's "Power map card sort" on book pages: ``{kf-powermap}``.

The exercise's words (the catalogue's ``powermap`` section) are embedded in the page; its rules
and reference key are in the script (``kfcourse/web/powermap/rules.js``, checked against Python's
vectors), which loads only on pages that use the directive, after the browser journal, where the
answer is kept. Usage in MyST::

    :::{kf-powermap}
    :::
"""

from __future__ import annotations

from kfcourse.sphinx.exercise_directive import exercise_part

setup = exercise_part(
    "powermap",
    "power-map",
    "Power cards on the clinician and the patient partner, the ladder, Lukes's dimensions.",
)

"""Chapter 1's "Who leads? Who follows?" on book pages: ``{kf-wholeads}``.

The exercise's words (the catalogue's ``wholeads`` section) are embedded in the page; its rules
are in the script (``kfcourse/web/wholeads/rules.js``, checked against Python's vectors), which
loads only on pages that use the directive, after the browser journal, where the answer is kept.
Usage in MyST::

    :::{kf-wholeads}
    :::
"""

from __future__ import annotations

from kfcourse.sphinx.exercise_directive import exercise_part

setup = exercise_part(
    "wholeads",
    "who-leads",
    "Eight people on formal authority and relevant knowledge, a reference on request.",
)

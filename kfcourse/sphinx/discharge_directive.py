"""Chapter 3's "Distribute the discharge" on book pages: ``{kf-discharge}``.

The exercise's words (the catalogue's ``discharge`` section) are embedded in the page; its rules
are in the script (``kfcourse/web/discharge/rules.js``, checked against Python's vectors), which
loads only on pages that use the directive, after the browser journal, where the answer is kept.
Usage in MyST::

    :::{kf-discharge}
    :::
"""

from __future__ import annotations

from kfcourse.sphinx.exercise_directive import exercise_part

setup = exercise_part(
    "discharge",
    "distribute-discharge",
    "Six leadership functions given to six roles; concentration and decision-rights gaps.",
)

"""The welcome check-in on book pages: ``{kf-checkin}``.

Its words (the catalogue's ``checkin`` section) are embedded in the page; the script
(``kfcourse/web/checkin``) keeps the answer in the browser journal and says so. Usage in MyST::

    :::{kf-checkin}
    :::
"""

from __future__ import annotations

from kfcourse.sphinx.exercise_directive import exercise_part

setup = exercise_part(
    "checkin",
    "checkin",
    "The welcome check-in: one question, kept in the browser journal, with feedback.",
)

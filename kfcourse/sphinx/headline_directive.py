"""Chapter 2's "Rewrite the hero headline" on book pages: ``{kf-headline}``.

The exercise's words, the story's too (the catalogue's ``headline`` section), are embedded in the
page; its rules are in the script (``kfcourse/web/headline/rules.js``, checked against Python's
vectors), which loads only on pages that use the directive, after the browser journal, where the
answer is kept. Usage in MyST::

    :::{kf-headline}
    :::
"""

from __future__ import annotations

from kfcourse.sphinx.exercise_directive import exercise_part

setup = exercise_part(
    "headline",
    "hero-headline",
    "A hero news story to mark, a reference reading and who was left out, two ratings, a rewrite.",
)

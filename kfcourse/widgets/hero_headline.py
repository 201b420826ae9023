"""Chapter 2's "Rewrite the hero headline" in Jupyter, Voilà and Binder; Python decides.

The screens are the same ES module as on the book page (``kfcourse/web/headline``). The view asks
this host to accept each change (``{marked, reveal_shown, ratings, headline, paragraph, run}``);
Python checks it with the rules in ``kfcourse.activities.hero_headline``, writes the answer's
journal entry and only then says yes (see :mod:`kfcourse.widgets.exercise`).

    from kfcourse import hero_headline
    hero_headline()

A new widget resumes the latest unfinished answer in the journal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kfcourse.activities import hero_headline as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets.exercise import ExerciseWidget

KEPT = ("marked", "reveal_shown", "ratings", "headline", "paragraph")


class HeroHeadline(ExerciseWidget):
    """The exercise (see the module's docstring). Build one with :func:`hero_headline`."""

    BUNDLE = "headline"
    EXERCISE = rules.EXERCISE
    RULES_ERROR = rules.HeroHeadlineError

    def accept(self, state: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        answer = rules.answer(
            state.get("marked"),
            state.get("reveal_shown", False),
            state.get("ratings"),
            state.get("headline", ""),
            state.get("paragraph", ""),
        )
        return answer, {k: answer[k] for k in KEPT}

    def fields(self, answer: Mapping[str, Any]) -> dict[str, Any]:
        return rules.entry_fields(answer, self.words["entry.title"], self.words["entry.question"])

    def resume(self, answer: Mapping[str, Any]) -> dict[str, Any] | None:
        if answer.get("finished"):
            return None
        return {k: answer.get(k) for k in KEPT}


def hero_headline(*, store: JournalStore | None = None) -> HeroHeadline:
    """Chapter 2's "Rewrite the hero headline"; the answer is kept in ``store`` (by default the
    journal file, see ``JournalStore``)."""
    return HeroHeadline(store=store)

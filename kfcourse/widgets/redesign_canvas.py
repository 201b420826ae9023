"""Chapter 9's "Programme redesign canvas" in Jupyter, Voilà and Binder; Python decides.

The screens are the same ES module as on the book page (``kfcourse/web/canvas``). The view asks
this host to accept each change (``{cards, authors, run}``); Python checks it with the rules in
``kfcourse.activities.redesign_canvas``, writes the canvas's journal entry and only then says yes
(see :mod:`kfcourse.widgets.exercise`). The memo is downloaded from the browser, as on the page.

    from kfcourse import redesign_canvas
    redesign_canvas()

A new widget resumes the latest unfinished canvas in the journal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kfcourse.activities import redesign_canvas as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets.exercise import ExerciseWidget


class RedesignCanvas(ExerciseWidget):
    """The exercise (see the module's docstring). Build one with :func:`redesign_canvas`."""

    BUNDLE = "canvas"
    EXERCISE = rules.EXERCISE
    RULES_ERROR = rules.CanvasError

    def accept(self, state: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        answer = rules.answer(state.get("cards"), state.get("authors", ""))
        return answer, {"cards": answer["cards"], "authors": answer["authors"]}

    def fields(self, answer: Mapping[str, Any]) -> dict[str, Any]:
        return rules.entry_fields(answer, self.words["entry.title"], self.words["entry.question"])

    def resume(self, answer: Mapping[str, Any]) -> dict[str, Any] | None:
        if answer.get("finished"):
            return None
        return {"cards": answer.get("cards"), "authors": answer.get("authors", "")}

    def memo(self) -> str:
        """The canvas as it was last accepted, as the Markdown memo the page downloads."""
        kept = self.restored or {}
        return rules.memo(rules.answer(kept.get("cards"), kept.get("authors", "")), self.words)


def redesign_canvas(*, store: JournalStore | None = None) -> RedesignCanvas:
    """Chapter 9's "Programme redesign canvas"; the canvas is kept in ``store`` (by default the
    journal file, see ``JournalStore``)."""
    return RedesignCanvas(store=store)

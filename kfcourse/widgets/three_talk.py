"""Chapter 7's "Three-talk triad" in Jupyter, Voilà and Binder; Python decides.

The screens are the same ES module as on the book page (``kfcourse/web/triad``). The view asks
this host to accept each change (``{rotations, notes, run}``); Python checks it with the rules in
``kfcourse.activities.three_talk``, writes the answer's journal entry and only then says yes (see
:mod:`kfcourse.widgets.exercise`).

    from kfcourse import three_talk
    three_talk()

A new widget resumes the latest unfinished triad in the journal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kfcourse.activities import three_talk as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets.exercise import ExerciseWidget

ROUND_KEYS = ("stage", "predicted", "rated", "tally")


class ThreeTalk(ExerciseWidget):
    """The exercise (see the module's docstring). Build one with :func:`three_talk`."""

    BUNDLE = "triad"
    EXERCISE = rules.EXERCISE
    RULES_ERROR = rules.ThreeTalkError

    def accept(self, state: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        answer = rules.answer(state.get("rotations"), state.get("notes", ""))
        rotations = [{k: r[k] for k in ROUND_KEYS} for r in answer["rotations"]]
        return answer, {"rotations": rotations, "notes": answer["notes"]}

    def fields(self, answer: Mapping[str, Any]) -> dict[str, Any]:
        return rules.entry_fields(answer, self.words["entry.title"], self.words["entry.question"])

    def resume(self, answer: Mapping[str, Any]) -> dict[str, Any] | None:
        if answer.get("finished"):
            return None
        rotations = answer.get("rotations")
        if not isinstance(rotations, list):
            return None
        return {
            "rotations": [{k: r.get(k) for k in ROUND_KEYS} for r in rotations],
            "notes": answer.get("notes", ""),
        }

    def keeps(self, state: Mapping[str, Any]) -> bool:
        """A fresh triad (nothing predicted, counted or noted) is not worth an entry yet."""
        rounds = state["rotations"]
        return (
            len(rounds) > 1
            or bool(state["notes"])
            or any(
                r["stage"] != "predict"
                or any(v is not None for v in r["predicted"].values())
                or any(r["tally"].values())
                for r in rounds
            )
        )


def three_talk(*, store: JournalStore | None = None) -> ThreeTalk:
    """Chapter 7's "Three-talk triad"; the answer is kept in ``store`` (by default the journal
    file, see ``JournalStore``)."""
    return ThreeTalk(store=store)

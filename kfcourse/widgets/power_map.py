"""Chapter 5's "Power map card sort" in Jupyter, Voilà and Binder; Python decides.

The screens are the same ES module as on the book page (``kfcourse/web/powermap``). The view asks
this host to accept each change (``{before, after, rung, tags, key_shown, run}``); Python checks
it with the rules in ``kfcourse.activities.power_map``, writes the answer's journal entry and
only then says yes (see :mod:`kfcourse.widgets.exercise`).

    from kfcourse import power_map
    power_map()

A new widget resumes the latest unfinished answer in the journal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kfcourse.activities import power_map as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets.exercise import ExerciseWidget

KEPT = ("before", "after", "rung", "tags", "key_shown")


class PowerMap(ExerciseWidget):
    """The exercise (see the module's docstring). Build one with :func:`power_map`."""

    BUNDLE = "powermap"
    EXERCISE = rules.EXERCISE
    RULES_ERROR = rules.PowerMapError

    def accept(self, state: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        answer = rules.answer(
            state.get("before"),
            state.get("after"),
            state.get("rung"),
            state.get("tags"),
            state.get("key_shown", False),
        )
        return answer, {k: answer[k] for k in KEPT}

    def fields(self, answer: Mapping[str, Any]) -> dict[str, Any]:
        return rules.entry_fields(answer, self.words["entry.title"], self.words["entry.question"])

    def resume(self, answer: Mapping[str, Any]) -> dict[str, Any] | None:
        if answer.get("finished"):
            return None
        return {k: answer.get(k) for k in KEPT}


def power_map(*, store: JournalStore | None = None) -> PowerMap:
    """Chapter 5's "Power map card sort"; the answer is kept in ``store`` (by default the journal
    file, see ``JournalStore``)."""
    return PowerMap(store=store)

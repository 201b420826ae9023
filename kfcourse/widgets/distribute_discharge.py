"""Chapter 3's "Distribute the discharge" in Jupyter, Voilà and Binder; Python decides.

The screen is the same ES module as on the book page (``kfcourse/web/discharge``). The view asks
this host to accept each change (``{allocation, gaps_shown, response, run}``); Python checks it
with the rules in ``kfcourse.activities.distribute_discharge``, writes the answer's journal entry
and only then says yes (see :mod:`kfcourse.widgets.exercise`).

    from kfcourse import distribute_discharge
    distribute_discharge()

A new widget resumes the latest unfinished answer in the journal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kfcourse.activities import distribute_discharge as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets.exercise import ExerciseWidget


class DistributeDischarge(ExerciseWidget):
    """The exercise (see the module's docstring). Build one with :func:`distribute_discharge`."""

    BUNDLE = "discharge"
    EXERCISE = rules.EXERCISE
    RULES_ERROR = rules.DistributeDischargeError

    def accept(self, state: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        answer = rules.answer(
            state.get("allocation"), state.get("gaps_shown", False), state.get("response", "")
        )
        kept = {k: answer[k] for k in ("allocation", "gaps_shown", "response")}
        return answer, kept

    def fields(self, answer: Mapping[str, Any]) -> dict[str, Any]:
        return rules.entry_fields(answer, self.words["entry.title"], self.words["entry.question"])

    def resume(self, answer: Mapping[str, Any]) -> dict[str, Any] | None:
        if answer.get("finished"):
            return None
        return {
            "allocation": answer.get("allocation"),
            "gaps_shown": answer.get("gaps_shown", False),
            "response": answer.get("response", ""),
        }


def distribute_discharge(*, store: JournalStore | None = None) -> DistributeDischarge:
    """Chapter 3's "Distribute the discharge"; the answer is kept in ``store`` (by default the
    journal file, see ``JournalStore``)."""
    return DistributeDischarge(store=store)

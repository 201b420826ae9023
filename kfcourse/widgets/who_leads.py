"""Chapter 1's "Who leads? Who follows?" in Jupyter, Voilà and Binder; Python decides.

The screens are the same ES module as on the book page (``kfcourse/web/wholeads``). The view asks
this host to accept each change (``{placements, reference_shown, mismatch, risk, run}``); Python
checks it with the rules in ``kfcourse.activities.who_leads``, writes the answer's journal entry
and only then says yes (see :mod:`kfcourse.widgets.exercise`).

    from kfcourse import who_leads
    who_leads()

A new widget resumes the latest unfinished answer in the journal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kfcourse.activities import who_leads as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets.exercise import ExerciseWidget


class WhoLeads(ExerciseWidget):
    """The exercise (see the module's docstring). Build one with :func:`who_leads`."""

    BUNDLE = "wholeads"
    EXERCISE = rules.EXERCISE
    RULES_ERROR = rules.WhoLeadsError

    def accept(self, state: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        answer = rules.answer(
            state.get("placements"),
            state.get("reference_shown", False),
            state.get("mismatch"),
            state.get("risk", ""),
        )
        kept = {k: answer[k] for k in ("placements", "reference_shown", "mismatch", "risk")}
        return answer, kept

    def fields(self, answer: Mapping[str, Any]) -> dict[str, Any]:
        return rules.entry_fields(answer, self.words["entry.title"], self.words["entry.question"])

    def resume(self, answer: Mapping[str, Any]) -> dict[str, Any] | None:
        if answer.get("finished"):
            return None
        return {
            "placements": answer.get("placements"),
            "reference_shown": answer.get("reference_shown", False),
            "mismatch": answer.get("mismatch"),
            "risk": answer.get("risk", ""),
        }


def who_leads(*, store: JournalStore | None = None) -> WhoLeads:
    """Chapter 1's "Who leads? Who follows?"; the answer is kept in ``store`` (by default the
    journal file, see ``JournalStore``)."""
    return WhoLeads(store=store)

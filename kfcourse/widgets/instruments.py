"""The course's short checks (instruments) in Jupyter, Voilà and Binder; Python decides.

The screen is the same ES module as on the book page (``kfcourse/web/instrument``), told which
check to show by the widget's ``options``. The view asks this host to accept each change
(``{instrument, ratings, examples, action, run}``); Python checks it with the rules in
``kfcourse.activities.instruments``, writes the answer's journal entry (exercise
``instrument-<id>``) and only then says yes (see :mod:`kfcourse.widgets.exercise`).

    from kfcourse import instrument
    instrument("speaking-up")

A new widget resumes the latest unfinished answer of that check in the journal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from kfcourse.activities import instruments as rules
from kfcourse.journal import JournalStore
from kfcourse.web.catalogue import DEFAULT_LANGUAGE
from kfcourse.widgets.exercise import ExerciseWidget, Refused

FIELDS = ("ratings", "examples", "action")


class Instrument(ExerciseWidget):
    """One check (see the module's docstring); a subclass per check names it in ``INSTRUMENT``.
    Build one with :func:`instrument`."""

    BUNDLE = "instrument"
    INSTRUMENT: ClassVar[str]
    RULES_ERROR = rules.InstrumentError

    def __init__(
        self, *, store: JournalStore | None = None, language: str = DEFAULT_LANGUAGE
    ) -> None:
        super().__init__(store=store, language=language)
        # a check sits under a heading of its own in the notebook, so its headings are h3
        self.options = {**self.options, "headingLevel": 3, "instrument": self.INSTRUMENT}

    def accept(self, state: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        if state.get("instrument", self.INSTRUMENT) != self.INSTRUMENT:
            raise Refused(f"this is the {self.INSTRUMENT} check, not {state.get('instrument')!r}")
        answer = rules.answer(
            self.INSTRUMENT, state.get("ratings"), state.get("examples"), state.get("action", "")
        )
        kept = {
            "instrument": self.INSTRUMENT,
            "ratings": answer["ratings"],
            "examples": answer["examples"] or {},
            "action": answer["action"] or "",
        }
        return answer, kept

    def fields(self, answer: Mapping[str, Any]) -> dict[str, Any]:
        return rules.entry_fields(
            answer, self.words[f"title.{self.INSTRUMENT}"], self.words[f"intro.{self.INSTRUMENT}"]
        )

    def resume(self, answer: Mapping[str, Any]) -> dict[str, Any] | None:
        if answer.get("finished") or answer.get("instrument") != self.INSTRUMENT:
            return None
        return {"instrument": self.INSTRUMENT, **{k: answer.get(k) for k in FIELDS}}

    def keeps(self, state: Mapping[str, Any]) -> bool:
        answer = rules.answer(self.INSTRUMENT, state["ratings"], state["examples"], state["action"])
        return rules.touched(answer)


# One widget class per check: the journal's exercise id is a class attribute of the host.
CHECKS: dict[str, type[Instrument]] = {
    i.id: type(
        "Instrument_" + i.id.replace("-", "_"),
        (Instrument,),
        {"INSTRUMENT": i.id, "EXERCISE": i.exercise, "__doc__": f"The {i.id} check."},
    )
    for i in rules.INSTRUMENTS.values()
}


def instrument(check: str, *, store: JournalStore | None = None) -> Instrument:
    """The check ``check`` (``partnership-trust``, ``speaking-up``, ``relational-practice`` or
    ``collaboration-health``); the answer is kept in ``store`` (by default the journal file)."""
    if check not in CHECKS:
        raise ValueError(f"no check called {check!r}; the checks are {', '.join(CHECKS)}")
    return CHECKS[check](store=store)

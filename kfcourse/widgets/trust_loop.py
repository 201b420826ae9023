"""Chapter 6's trust-building loop simulator in Jupyter, Voilà and Binder; Python decides.

The screens are the same ES module as on the book page (``kfcourse/web/trustloop``). The view
asks this host to accept each new state of the game (``{seed, picks: [[clinician, patient], ...],
ratings, run}``); Python replays it with the rules in ``kfcourse.activities.trust_loop``, refuses
what they do not accept, writes the game's journal entry and only then says yes (see
:mod:`kfcourse.widgets.exercise`). A journal that cannot be written is a refusal with the reason.

    from kfcourse import trust_loop
    trust_loop()

A new widget resumes the latest unfinished game in the journal, or draws a new one.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from kfcourse.activities import trust_loop as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets.exercise import ExerciseWidget


class TrustLoop(ExerciseWidget):
    """The simulator (see the module's docstring). Build one with :func:`trust_loop`."""

    BUNDLE = "trustloop"
    EXERCISE = rules.EXERCISE
    RULES_ERROR = rules.TrustLoopError

    def accept(self, state: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        seed = rules.check_seed(state.get("seed"))
        picks = rules.parse_picks(state.get("picks"))
        ratings = state.get("ratings")
        answer = rules.answer(seed, picks, ratings)
        return answer, {"seed": seed, "picks": [list(p) for p in picks], "ratings": ratings}

    def fields(self, answer: Mapping[str, Any]) -> dict[str, Any]:
        return rules.entry_fields(answer, self.words["entry.title"])

    def keeps(self, state: Mapping[str, Any]) -> bool:
        return bool(state["picks"])  # a game with no round played writes nothing

    def resume(self, answer: Mapping[str, Any]) -> dict[str, Any] | None:
        if answer.get("completed"):
            return None
        rounds = answer.get("rounds", [])
        return {
            "seed": answer.get("seed"),
            "picks": [[r.get("clinician"), r.get("patient")] for r in rounds],
            "ratings": None,
        }

    def fresh(self) -> dict[str, Any]:
        return {
            "seed": random.randrange(rules.SEED_MAX + 1),
            "picks": [],
            "ratings": None,
            "run": None,
        }


def trust_loop(*, store: JournalStore | None = None) -> TrustLoop:
    """Chapter 6's trust-building loop simulator; games are kept in ``store`` (by default the
    journal file, see ``JournalStore``)."""
    return TrustLoop(store=store)

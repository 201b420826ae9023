"""Chapter 6's trust-building loop simulator in Jupyter, Voilà and Binder; Python decides.

The screens are the same ES module as on the book page (``kfcourse/web/trustloop``, bundled into
``kfcourse/web/dist/trustloop.mjs``). The view asks this host to accept each new state of the game
(``{seed, picks: [[clinician, patient], ...], ratings, run}``); Python replays it with the rules
in ``kfcourse.activities.trust_loop``, refuses what they do not accept, writes the game's journal
entry and only then says yes. A journal that cannot be written is a refusal with the reason.

    from kfcourse import trust_loop
    trust_loop()

A new widget resumes the latest unfinished game in the journal.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import anywidget
import traitlets as t

from kfcourse.activities import trust_loop as rules
from kfcourse.journal import JournalError, JournalStore, entries
from kfcourse.web.catalogue import DEFAULT_LANGUAGE, messages

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
BUNDLE = DIST / "trustloop.mjs"
STYLES = DIST / "trustloop.css"
SOURCE = "jupyter"


class SimulatorNotBuilt(RuntimeError):
    """The simulator's JavaScript bundle is missing: the course's web code has not been built."""


def bundle_text() -> str:
    try:
        return BUNDLE.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SimulatorNotBuilt(
            f"The trust-loop simulator has not been built ({BUNDLE} is missing). Run `make site` "
            "in the course folder (or `node scripts/build-web.mjs`), then run this cell again."
        ) from None


def _plain(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f": {exc.filename}" if exc.filename else "")
    return str(exc) or type(exc).__name__


def _parse_state(state: Any) -> tuple[int, list[tuple[str, str]], Any, str | None]:
    """The (seed, picks, ratings, run) of a state the view asks us to accept."""
    if not isinstance(state, Mapping):
        raise rules.TrustLoopError("the simulator sent no state to accept")
    run = state.get("run")
    if run is not None and not isinstance(run, str):
        raise rules.TrustLoopError("the game must be a journal entry id or null")
    seed = rules.check_seed(state.get("seed"))
    picks = rules.parse_picks(state.get("picks"))
    rules.answer(seed, picks, state.get("ratings"))
    return seed, picks, state.get("ratings"), run


class TrustLoop(anywidget.AnyWidget):
    """The simulator (see the module's docstring). Build one with :func:`trust_loop`."""

    _esm = t.Unicode().tag(sync=True)
    _css = t.Unicode().tag(sync=True)
    options = t.Dict().tag(sync=True)
    messages = t.Dict().tag(sync=True)
    restored = t.Dict(allow_none=True, default_value=None).tag(sync=True)

    def __init__(
        self, *, store: JournalStore | None = None, language: str = DEFAULT_LANGUAGE
    ) -> None:
        esm = bundle_text()
        css = STYLES.read_text(encoding="utf-8") if STYLES.is_file() else ""
        self.store = store if store is not None else JournalStore()
        self.words = messages("trustloop", language)
        super().__init__(
            _esm=esm,
            _css=css,
            options={"headingLevel": 2},
            messages=self.words,
            restored=self._find_restored(),
        )
        self.on_msg(self._on_msg)

    def _find_restored(self) -> dict[str, Any]:
        """The latest unfinished game in the journal, or a new draw."""
        try:
            found = [
                e
                for e in self.store.entries("exercise_answer")
                if e.get("exercise") == rules.EXERCISE
            ]
        except JournalError:
            found = []
        for entry in sorted(found, key=lambda e: str(e.get("updated")), reverse=True):
            answer = entry.get("answer")
            if not isinstance(answer, Mapping) or answer.get("completed"):
                continue
            state = {
                "seed": answer.get("seed"),
                "picks": [[r.get("clinician"), r.get("patient")] for r in answer.get("rounds", [])],
                "ratings": None,
                "run": entry["id"],
            }
            try:
                _parse_state(state)
            except (rules.TrustLoopError, AttributeError, TypeError):
                continue
            return state
        return {
            "seed": random.randrange(rules.SEED_MAX + 1),
            "picks": [],
            "ratings": None,
            "run": None,
        }

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, Mapping) or content.get("type") != "commit":
            return
        reply = self.commit(content.get("state"))
        self.send({"type": "committed", "request": content.get("request"), **reply})

    def commit(self, state: Any) -> dict[str, Any]:
        """Accept a state of the game (and write its entry), or refuse it with a reason.

        ``{"ok": True, "state": ...}`` once the entry is in the journal (``run`` is its id; a
        game with no round played writes nothing), else ``{"ok": False, "reason": ...}``."""
        try:
            seed, picks, ratings, run = _parse_state(state)
        except rules.TrustLoopError as exc:
            return {"ok": False, "reason": str(exc)}
        fields = rules.entry_fields(rules.answer(seed, picks, ratings), self.words["entry.title"])
        accepted: dict[str, Any] = {
            "seed": seed,
            "picks": [list(p) for p in picks],
            "ratings": ratings,
            "run": run,
        }
        if picks or run:
            try:
                previous = self.store.get(run) if run else None
                if previous is not None and previous.get("exercise") != rules.EXERCISE:
                    previous = None
                if previous is None:
                    entry = entries.new_entry("exercise_answer", fields, SOURCE)
                else:
                    entry = entries.touched(previous, **fields)
                stored = self.store.add(entry)
            except Exception as exc:  # the learner must know the step was not kept, and why
                return {"ok": False, "reason": f"your journal could not be written: {_plain(exc)}"}
            accepted["run"] = stored["id"]
        self.restored = accepted
        return {"ok": True, "state": accepted}


def trust_loop(*, store: JournalStore | None = None) -> TrustLoop:
    """Chapter 6's trust-building loop simulator; games are kept in ``store`` (by default the
    journal file, see ``JournalStore``)."""
    return TrustLoop(store=store)

"""Chapter 1's "Who leads? Who follows?" in Jupyter, Voilà and Binder; Python decides.

The screens are the same ES module as on the book page (``kfcourse/web/wholeads``, bundled into
``kfcourse/web/dist/wholeads.mjs``). The view asks this host to accept each change
(``{placements, reference_shown, mismatch, risk, run}``); Python checks it with the rules in
``kfcourse.activities.who_leads``, writes the answer's journal entry and only then says yes.

    from kfcourse import who_leads
    who_leads()

A new widget resumes the latest unfinished answer in the journal.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import anywidget
import traitlets as t

from kfcourse.activities import who_leads as rules
from kfcourse.journal import JournalError, JournalStore, entries
from kfcourse.web.catalogue import DEFAULT_LANGUAGE, messages

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
BUNDLE = DIST / "wholeads.mjs"
STYLES = DIST / "wholeads.css"
SOURCE = "jupyter"


class ExerciseNotBuilt(RuntimeError):
    """The exercise's JavaScript bundle is missing: the course's web code has not been built."""


def bundle_text() -> str:
    try:
        return BUNDLE.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ExerciseNotBuilt(
            f"The exercise has not been built ({BUNDLE} is missing). Run `make site` in the "
            "course folder (or `node scripts/build-web.mjs`), then run this cell again."
        ) from None


def _plain(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f": {exc.filename}" if exc.filename else "")
    return str(exc) or type(exc).__name__


def _answer_of(state: Any) -> tuple[dict[str, Any], str | None]:
    """The rules' answer for a state the view asks us to accept, and its entry id."""
    if not isinstance(state, Mapping):
        raise rules.WhoLeadsError("the exercise sent no state to accept")
    run = state.get("run")
    if run is not None and not isinstance(run, str):
        raise rules.WhoLeadsError("the answer must be a journal entry id or null")
    answer = rules.answer(
        state.get("placements"),
        state.get("reference_shown", False),
        state.get("mismatch"),
        state.get("risk", ""),
    )
    return answer, run


class WhoLeads(anywidget.AnyWidget):
    """The exercise (see the module's docstring). Build one with :func:`who_leads`."""

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
        self.words = messages("wholeads", language)
        super().__init__(
            _esm=esm,
            _css=css,
            options={"headingLevel": 2},
            messages=self.words,
            restored=self._find_restored(),
        )
        self.on_msg(self._on_msg)

    def _find_restored(self) -> dict[str, Any] | None:
        """The latest unfinished answer in the journal, to carry on with."""
        try:
            found = [
                e
                for e in self.store.entries("exercise_answer")
                if e.get("exercise") == rules.EXERCISE and e.get("draft")
            ]
        except JournalError:
            return None
        for entry in sorted(found, key=lambda e: str(e.get("updated")), reverse=True):
            answer = entry.get("answer")
            if not isinstance(answer, Mapping):
                continue
            state = {
                "placements": answer.get("placements"),
                "reference_shown": answer.get("reference_shown", False),
                "mismatch": answer.get("mismatch"),
                "risk": answer.get("risk", ""),
                "run": entry["id"],
            }
            try:
                _answer_of(state)
            except rules.WhoLeadsError:
                continue
            return state
        return None

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, Mapping) or content.get("type") != "commit":
            return
        reply = self.commit(content.get("state"))
        self.send({"type": "committed", "request": content.get("request"), **reply})

    def commit(self, state: Any) -> dict[str, Any]:
        """Accept a change (and write the answer's entry), or refuse it with a reason."""
        try:
            answer, run = _answer_of(state)
        except rules.WhoLeadsError as exc:
            return {"ok": False, "reason": str(exc)}
        fields = rules.entry_fields(answer, self.words["entry.title"], self.words["entry.question"])
        try:
            previous = self.store.get(run) if run else None
            if previous is not None and previous.get("exercise") != rules.EXERCISE:
                previous = None
            if previous is None:
                entry = entries.new_entry("exercise_answer", fields, SOURCE)
            else:
                entry = entries.touched(previous, **fields)
            stored = self.store.add(entry)
        except Exception as exc:  # the learner must know the change was not kept, and why
            return {"ok": False, "reason": f"your journal could not be written: {_plain(exc)}"}
        accepted = {
            "placements": answer["placements"],
            "reference_shown": answer["reference_shown"],
            "mismatch": answer["mismatch"],
            "risk": answer["risk"],
            "run": stored["id"],
        }
        self.restored = accepted
        return {"ok": True, "state": accepted}


def who_leads(*, store: JournalStore | None = None) -> WhoLeads:
    """Chapter 1's "Who leads? Who follows?"; the answer is kept in ``store`` (by default the
    journal file, see ``JournalStore``)."""
    return WhoLeads(store=store)

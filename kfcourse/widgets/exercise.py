"""The Jupyter/Voilà host of a chapter exercise whose answer is one journal entry; Python decides.

An exercise's screens are one ES module (``kfcourse/web/<bundle>/view.js``), hosted here through
``kfcourse/web/host/exercise-widget.js`` and on the book page through
``kfcourse/web/host/exercise-page.js``. The view asks this host to accept each change; the
subclass's rules check it (:meth:`ExerciseWidget.accept`), the ``exercise_answer`` entry is
written, and only then does the view keep the change. A subclass names its bundle, catalogue
section and exercise id, and gives :meth:`accept`, :meth:`fields` and :meth:`resume`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import anywidget
import traitlets as t

from kfcourse.journal import JournalError, JournalStore, entries
from kfcourse.web.catalogue import DEFAULT_LANGUAGE, messages

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
SOURCE = "jupyter"


class ExerciseNotBuilt(RuntimeError):
    """The exercise's JavaScript bundle is missing: the course's web code has not been built."""


class Refused(ValueError):
    """A state the rules do not accept; the message is shown to the learner."""


def bundle_text(bundle: str) -> str:
    """The exercise's ES module, or a plain instruction to build it."""
    path = DIST / f"{bundle}.mjs"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ExerciseNotBuilt(
            f"The exercise has not been built ({path} is missing). Run `make site` in the "
            "course folder (or `node scripts/build-web.mjs`), then run this cell again."
        ) from None


def _plain(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f": {exc.filename}" if exc.filename else "")
    return str(exc) or type(exc).__name__


class ExerciseWidget(anywidget.AnyWidget):
    """One exercise on the shared front end (see the module's docstring)."""

    BUNDLE: ClassVar[str]  # kfcourse/web/<BUNDLE>/, also the catalogue's section
    EXERCISE: ClassVar[str]  # the journal entry's ``exercise``
    RULES_ERROR: ClassVar[type[Exception]] = ValueError  # what the rules raise on a refusal

    _esm = t.Unicode().tag(sync=True)
    _css = t.Unicode().tag(sync=True)
    options = t.Dict().tag(sync=True)
    messages = t.Dict().tag(sync=True)
    restored = t.Dict(allow_none=True, default_value=None).tag(sync=True)

    def __init__(
        self, *, store: JournalStore | None = None, language: str = DEFAULT_LANGUAGE
    ) -> None:
        esm = bundle_text(self.BUNDLE)
        styles = DIST / f"{self.BUNDLE}.css"
        css = styles.read_text(encoding="utf-8") if styles.is_file() else ""
        self.store = store if store is not None else JournalStore()
        self.words = messages(self.BUNDLE, language)
        super().__init__(
            _esm=esm,
            _css=css,
            options={"headingLevel": 2},
            messages=self.words,
            restored=self._find_restored(),
        )
        self.on_msg(self._on_msg)

    # What an exercise gives.
    def accept(self, state: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """The rules' answer for ``state`` and the state to keep (without ``run``); raises
        ``RULES_ERROR`` when the rules refuse it."""
        raise NotImplementedError

    def fields(self, answer: Mapping[str, Any]) -> dict[str, Any]:
        """The ``exercise_answer`` entry's fields for an answer."""
        raise NotImplementedError

    def resume(self, answer: Mapping[str, Any]) -> dict[str, Any] | None:
        """The state to carry on with from a saved answer, or None if it is done or unusable."""
        return None

    def fresh(self) -> dict[str, Any] | None:
        """The state of a new attempt when there is none to carry on with (None: the view's)."""
        return None

    def keeps(self, state: Mapping[str, Any]) -> bool:
        """Whether a state with no entry yet is worth an entry in the journal."""
        return True

    # The host.
    def _find_restored(self) -> dict[str, Any] | None:
        """The latest unfinished attempt in the journal to carry on with, or :meth:`fresh`."""
        try:
            found = [
                e
                for e in self.store.entries("exercise_answer")
                if e.get("exercise") == self.EXERCISE
            ]
        except JournalError:
            found = []
        for entry in sorted(found, key=lambda e: str(e.get("updated")), reverse=True):
            answer = entry.get("answer")
            if not isinstance(answer, Mapping):
                continue
            try:
                state = self.resume(answer)
                if state is None:
                    continue
                _, kept = self.accept(state)
            except (self.RULES_ERROR, AttributeError, TypeError):
                continue
            return {**kept, "run": entry["id"]}
        return self.fresh()

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, Mapping) or content.get("type") != "commit":
            return
        reply = self.commit(content.get("state"), content.get("summary"))
        self.send({"type": "committed", "request": content.get("request"), **reply})

    def commit(self, state: Any, summary: Any = None) -> dict[str, Any]:
        """Accept a change (and write its entry), or refuse it with a reason.

        ``summary`` is the answer in words as the screen puts it (labelled lines, see
        ``entries.check_summary``), kept in the entry for the journal list and the exports.
        ``{"ok": True, "state": ...}`` once the entry is in the journal (``run`` is its id),
        else ``{"ok": False, "reason": ...}``."""
        try:
            if not isinstance(state, Mapping):
                raise Refused("the exercise sent no state to accept")
            run = state.get("run")
            if run is not None and not isinstance(run, str):
                raise Refused("the answer must be a journal entry id or null")
            answer, kept = self.accept(state)
            lines = None if summary is None else entries.check_summary(summary)
        except (Refused, JournalError, self.RULES_ERROR) as exc:
            return {"ok": False, "reason": str(exc)}
        accepted = {**kept, "run": run}
        if run or self.keeps(kept):
            try:
                previous = self.store.get(run) if run else None
                if previous is not None and previous.get("exercise") != self.EXERCISE:
                    previous = None
                fields = self.fields(answer)
                if lines is not None:
                    fields["summary"] = lines
                if previous is None:
                    entry = entries.new_entry("exercise_answer", fields, SOURCE)
                else:
                    entry = entries.touched(previous, **fields)
                stored = self.store.add(entry)
            except Exception as exc:  # the learner must know the change was not kept, and why
                return {"ok": False, "reason": f"your journal could not be written: {_plain(exc)}"}
            accepted["run"] = stored["id"]
        self.restored = accepted
        return {"ok": True, "state": accepted}

"""The welcome check-in: a first exercise that shows the course's interactive parts work here.

The check-in is the same ES module as on the book page (``kfcourse/web/checkin``, bundled into
``kfcourse/web/dist/checkin.mjs``); this anywidget is its Jupyter host. With ``save=True`` (or a
``store``) each answer is kept in the learner's journal as one exercise answer, replaced when the
learner changes their mind (``kfcourse.journal.answers.save_answer``); the view says so only
after Python has written it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import anywidget
import traitlets as t

from kfcourse.journal import JournalError, JournalStore
from kfcourse.web.catalogue import DEFAULT_LANGUAGE, messages

EXERCISE_ID = "welcome-checkin"
DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
WORDS = messages("checkin")
DEFAULT_QUESTION: str = WORDS["question"]
SAY_LEVELS: tuple[str, ...] = tuple(WORDS["choices"])


class Checkin(anywidget.AnyWidget):
    """One question and four answers, in a radio group labelled by the question."""

    _esm = t.Unicode().tag(sync=True)
    _css = t.Unicode().tag(sync=True)
    options = t.Dict().tag(sync=True)
    messages = t.Dict().tag(sync=True)
    restored = t.Dict(allow_none=True, default_value=None).tag(sync=True)

    def __init__(
        self,
        question: str | None = None,
        store: JournalStore | None = None,
        *,
        save: bool = False,
        language: str = DEFAULT_LANGUAGE,
    ) -> None:
        from kfcourse.widgets.reflection import bundle_text

        self.store = store if store is not None else (JournalStore() if save else None)
        self.question = question or DEFAULT_QUESTION
        self.entry: dict[str, Any] | None = None
        restored = self._latest()
        super().__init__(
            _esm=bundle_text("checkin"),
            _css=(DIST / "checkin.css").read_text("utf-8")
            if (DIST / "checkin.css").is_file()
            else "",
            options={"question": self.question},
            messages=messages("checkin", language),
            restored=restored,
        )
        self.entry = restored
        self.on_msg(self._on_msg)

    def _latest(self) -> dict[str, Any] | None:
        from kfcourse.journal.answers import latest_answer

        if self.store is None:
            return None
        try:
            return latest_answer(self.store.entries("exercise_answer"), EXERCISE_ID)
        except JournalError:
            return None

    def choose(self, answer: str) -> dict[str, Any] | None:
        """Keep ``answer`` (one of SAY_LEVELS) in the journal; the entry, or None if not saving."""
        from kfcourse.journal.answers import save_answer

        if self.store is None:
            return None
        self.entry = save_answer(
            self.store, EXERCISE_ID, self.question, answer,
            entry=self.entry["id"] if self.entry else None, offered=SAY_LEVELS,
            title=self.messages["title"],
        )  # fmt: skip
        return self.entry

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, Mapping) or content.get("type") != "save":
            return
        request = content.get("request")
        try:
            entry = self.choose(content.get("answer"))  # type: ignore[arg-type]
        except (JournalError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.send({"type": "saved", "request": request, "ok": False, "reason": reason})
        else:
            self.send({"type": "saved", "request": request, "ok": True, "entry": entry})


def starter_checkin(
    question: str | None = None, store: JournalStore | None = None, *, save: bool = False
) -> Checkin:
    """The welcome check-in; with ``save=True`` (or a ``store``) the answer is kept."""
    return Checkin(question, store, save=save)

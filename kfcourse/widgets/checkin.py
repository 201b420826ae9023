"""The welcome check-in: a first widget that shows the course's exercises work where you are."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from kfcourse.widgets.style import course_style

if TYPE_CHECKING:
    from kfcourse.journal import JournalStore

EXERCISE_ID = "welcome-checkin"
DEFAULT_QUESTION = (
    "Where you work or receive care, how much say do patients have in improving services?"
)
SAY_LEVELS = (
    "None: decisions are made without them",
    "A little: they are told what will happen",
    "Some: they are asked, then others decide",
    "A lot: they decide together with staff",
)


def starter_checkin(
    question: str | None = None, store: JournalStore | None = None, *, save: bool = False
) -> widgets.VBox:
    """A labelled set of choices (not a slider, so screen readers read every option).

    Works with a kernel and as embedded widget state on the static book page. With
    ``save=True`` (or a ``store``), each choice is kept in the learner's journal as one
    exercise answer, updated when the learner changes their mind.
    """
    question = question or DEFAULT_QUESTION
    heading = widgets.HTML(f"<p><strong>{html.escape(question)}</strong></p>")
    choices = widgets.RadioButtons(
        options=SAY_LEVELS, value=None, description="", layout=widgets.Layout(width="auto")
    )
    choices.add_class("kf-checkin-choices")
    note = widgets.HTML(
        "<p>There is no right answer. You will come back to this in Chapter 5, on power.</p>"
    )
    status = widgets.HTML("", layout=widgets.Layout(min_height="1.5em"))
    status.add_class("kf-checkin-status")
    box = widgets.VBox([course_style(), heading, choices, note, status])
    box.add_class("kf-checkin")
    box.add_class("kf-widget")
    if save or store is not None:
        _keep_in_journal(choices, status, question, store)
    return box


def _keep_in_journal(
    choices: widgets.RadioButtons,
    status: widgets.HTML,
    question: str,
    store: JournalStore | None,
) -> None:
    from kfcourse.journal import JournalStore, entries

    journal = store or JournalStore()
    saved: dict[str, Any] = {}

    def on_change(change: dict[str, Any]) -> None:
        answer = change["new"]
        if answer is None:
            return
        if "entry" in saved:
            entry = entries.touched(saved["entry"], answer=answer)
        else:
            entry = entries.exercise_answer(EXERCISE_ID, answer, question=question)
        try:
            saved["entry"] = journal.add(entry)
        except Exception as exc:  # the learner must see that it was not kept, and why
            status.value = f"<p role='alert'>Not saved: {html.escape(str(exc))}</p>"
        else:
            status.value = "<p role='status'>Saved in your journal.</p>"

    choices.observe(on_change, names="value")

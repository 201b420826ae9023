"""The welcome check-in: a first widget that shows the course's exercises work where you are."""

from __future__ import annotations

import html

import ipywidgets as widgets

from kfcourse.widgets.style import course_style

SAY_LEVELS = (
    "None: decisions are made without them",
    "A little: they are told what will happen",
    "Some: they are asked, then others decide",
    "A lot: they decide together with staff",
)


def starter_checkin(question: str | None = None) -> widgets.VBox:
    """A labelled set of choices (not a slider, so screen readers read every option).

    Works with a kernel and as embedded widget state on the static book page.
    """
    question = question or (
        "Where you work or receive care, how much say do patients have in improving services?"
    )
    heading = widgets.HTML(f"<p><strong>{html.escape(question)}</strong></p>")
    choices = widgets.RadioButtons(
        options=SAY_LEVELS,
        value=None,
        description="",
        layout=widgets.Layout(width="auto"),
    )
    choices.add_class("kf-checkin-choices")
    note = widgets.HTML(
        "<p>There is no right answer. You will come back to this in Chapter 5, on power.</p>"
    )
    box = widgets.VBox([course_style(), heading, choices, note])
    box.add_class("kf-checkin")
    box.add_class("kf-widget")
    return box

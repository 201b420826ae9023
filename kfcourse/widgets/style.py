"""The course stylesheet as a widget, so styles travel with widgets to Voila and the book."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import ipywidgets as widgets


@cache
def course_css() -> str:
    return files("kfcourse.web").joinpath("course.css").read_text(encoding="utf-8")


def course_style() -> widgets.HTML:
    """An invisible widget holding the course CSS; put it first in a widget's children."""
    return widgets.HTML(f"<style>{course_css()}</style>", layout=widgets.Layout(display="none"))

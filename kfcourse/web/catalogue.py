"""The course's message catalogues (``web/messages/LANG.json``): one per language, with one
section of learner-facing words per exercise, for both hosts of each exercise."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

MESSAGES = Path(__file__).resolve().parent / "messages"
DEFAULT_LANGUAGE = "en-GB"


@cache
def _catalogue(language: str) -> dict[str, Any]:
    path = MESSAGES / f"{language}.json"
    if not path.is_file():
        path = MESSAGES / f"{DEFAULT_LANGUAGE}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def messages(section: str, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The words of one exercise (``roleplay``, ``reflection``...) in ``language`` (en-GB when
    there is none), with ``language`` set: what a host passes to the view."""
    catalogue = _catalogue(language)
    if section not in catalogue:
        raise KeyError(f"the {catalogue['language']} catalogue has no section {section!r}")
    return {"language": catalogue["language"], **catalogue[section]}


def player_messages(language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """Every learner-facing word of the role-play player in ``language``."""
    return messages("roleplay", language)

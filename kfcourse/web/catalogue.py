"""The role-play player's message catalogues (``roleplay/messages/LANG.json``), for both hosts."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

MESSAGES = Path(__file__).resolve().parent / "roleplay" / "messages"
DEFAULT_LANGUAGE = "en-GB"


@cache
def player_messages(language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """Every learner-facing word of the player in ``language`` (en-GB when there is none)."""
    path = MESSAGES / f"{language}.json"
    if not path.is_file():
        path = MESSAGES / f"{DEFAULT_LANGUAGE}.json"
    return json.loads(path.read_text(encoding="utf-8"))

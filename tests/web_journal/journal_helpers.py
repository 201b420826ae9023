"""Helpers for the browser-journal tests: open a page, read the stored journal, make files."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_PATH = (
    Path(__file__).resolve().parents[2]
    / "kfcourse"
    / "journal"
    / "schema"
    / ("journal-v1.schema.json")
)
STORAGE_KEY = "kfcourse-journal"
# The default sphinx-book-theme pages log these two harmless errors (the Thebe script included
# twice, and a colour mode the theme does not know); the course's own pages do not.
KNOWN_THEME_ERRORS = ("THEBE_JS_URL", "invalid theme mode")


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def schema_problems(document: Any) -> list[str]:
    """Every way `document` fails the Python journal's JSON Schema (with format checks)."""
    validator = jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


READY = """() => (!document.querySelector('.kf-journal') || (window.KFJournal && KFJournal.ready))
  && (!document.querySelector('[data-kf-exercise=reflection]')
      || (window.KFReflection && KFReflection.ready))"""


def wait_until_mounted(page: Any) -> None:
    """Wait until the journal panel and the reflection forms on the page are mounted."""
    page.wait_for_function(READY)


def open_journal_page(page: Any, url: str) -> None:
    """Go to `url` and wait until every reflection form and journal panel is mounted."""
    page.goto(url)
    wait_until_mounted(page)


def stored_text(page: Any) -> str | None:
    return page.evaluate(f"() => localStorage.getItem({STORAGE_KEY!r})")


def stored_journal(page: Any) -> dict[str, Any]:
    text = stored_text(page)
    assert text is not None, "nothing is stored in the browser"
    return json.loads(text)


def storage_snapshot(page: Any) -> dict[str, str]:
    """Every key and value in localStorage (to prove an import changed nothing)."""
    return page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))"
    )


def form(page: Any, title: str) -> Any:
    """The reflection form whose title is `title` (kfcourse/web/reflection/README.md's hooks)."""
    return page.locator("[data-kf-exercise=reflection]").filter(
        has=page.locator(".kf-rf-title", has_text=title)
    )


def console_errors(log: Any) -> list[str]:
    return [e for e in log.console_errors if not any(k in e for k in KNOWN_THEME_ERRORS)]


def entry(kind: str = "reflection", **fields: Any) -> dict[str, Any]:
    """A valid journal entry, as the Jupyter journal would write it."""
    base: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "created": "2026-11-20T10:00:00.000000Z",
        "updated": "2026-11-20T10:00:00.000000Z",
        "course_version": "0.1.0",
        "source": "jupyter",
    }
    if kind == "reflection":
        base.update(
            model="gibbs",
            variant="patient",
            title="After Scenario B",
            exercise="ch08-scenario-b",
            stages={"description": "We met twice.", "feelings": "Heard, at last."},
        )
    elif kind == "roleplay":
        base.update(
            scenario_id="scenario-a",
            scenario_hash="sha256:" + "ab" * 32,
            side="clinician",
            trace=[{"point": "p1", "choice": "listen"}],
            measures_end={"trust": 3, "power": 1},
            ending="shared-plan",
            completed=True,
        )
    elif kind == "self_rating":
        base.update(
            instrument="trust-check",
            moment="after",
            items=[{"item": "ability", "value": 4}, {"item": "benevolence", "value": None}],
        )
    elif kind == "exercise_answer":
        base.update(exercise="ch05-power-map", answer={"sources": ["expert", "experiential"]})
    base.update(fields)
    return base


def journal(*entries: dict[str, Any], **fields: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "kfcourse-journal",
        "schema_version": 1,
        "journal_id": str(uuid.uuid4()),
        "created": "2026-11-20T09:00:00.000000Z",
        "updated": "2026-11-20T10:00:00.000000Z",
        "course_version": "0.1.0",
        "entries": list(entries),
    }
    doc.update(fields)
    return doc


def choose_file(page: Any, name: str, content: str | bytes) -> None:
    """Offer a file to the journal panel's import control."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    page.get_by_label("Import a journal file (.json)").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": data}]
    )


def panel_status(page: Any) -> str:
    return page.locator(".kf-journal-panel .kf-status").text_content() or ""


def panel_alert(page: Any) -> str:
    return page.locator(".kf-journal-panel .kf-alert").text_content() or ""

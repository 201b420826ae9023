"""What the exercises' widget tests share: an empty stand-in for the built JavaScript, and driving a
widget as its view would (make it, send it a commit) and reading what reached the journal file.

Each ``test_*_widget.py`` keeps only its own exercise: its factory, bundle name and states."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kfcourse.journal import JournalStore
from kfcourse.widgets import exercise as exercise_widget


def stub_bundle(name: str) -> Any:
    """An autouse fixture: an empty ES module stands in for the built ``<name>.mjs``, so these tests
    need no Node build."""

    @pytest.fixture(autouse=True)
    def bundle(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
        stub = tmp_path_factory.mktemp("dist") / f"{name}.mjs"
        stub.write_text("export default { render() {} };\n", encoding="utf-8")
        monkeypatch.setattr(exercise_widget, "DIST", stub.parent)
        return stub

    return bundle


def make(factory: Callable[..., Any], store: JournalStore, *args: Any) -> tuple[Any, list[Any]]:
    """The widget ``factory(*args)`` makes on ``store``, and the list of what it sends its view."""
    widget = factory(*args, store=store)
    sent: list[dict[str, Any]] = []
    widget.send = lambda content, buffers=None: sent.append(content)
    return widget, sent


def commit(widget: Any, sent: list[Any], state: Any, request: int = 7) -> dict[str, Any]:
    """Send ``state`` as the view's commit ``request``; the widget's reply, checked to answer it."""
    widget._on_msg(widget, {"type": "commit", "request": request, "state": state}, [])
    reply = sent[-1]
    assert reply["type"] == "committed" and reply["request"] == request
    return reply


def answers(store: JournalStore, exercise: str) -> list[dict[str, Any]]:
    """The journal file's ``exercise_answer`` entries for ``exercise``."""
    return [e for e in store.entries("exercise_answer") if e["exercise"] == exercise]

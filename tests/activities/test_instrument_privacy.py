"""Speaking-up answers are private: what a class export (the only thing a learner hands an
instructor) may carry of them, fed with the entry the real widget writes."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from kfcourse.activities import instruments as rules
from kfcourse.journal import JournalStore
from kfcourse.journal.privacy import class_export
from kfcourse.widgets import exercise
from kfcourse.widgets import instruments as iw

SALT = "class-of-2026"


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A journal holding one finished speaking-up check, written by the widget."""
    stub = tmp_path / "instrument.mjs"
    stub.write_text("export default { render() {} };\n", encoding="utf-8")
    monkeypatch.setattr(exercise, "DIST", tmp_path)
    store = JournalStore(tmp_path / "kfcourse-journal.json")
    widget = iw.instrument("speaking-up", store=store)
    widget.send = lambda content, buffers=None: None  # type: ignore[method-assign]
    items = [i.id for i in rules.INSTRUMENTS["speaking-up"].items]
    ratings = {
        "before": {"self": dict.fromkeys(items, 2)},
        "after": {"self": dict.fromkeys(items, 4)},
    }
    assert widget.commit({"instrument": "speaking-up", "ratings": ratings, "run": None})["ok"]
    [entry] = store.entries("exercise_answer")
    assert entry["draft"] is False and entry["answer"]["private"] is True
    return store.load()


def export(document: dict[str, Any], free_text: bool) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return class_export(document, "Robin", include_free_text=free_text, salt=SALT)


def test_without_free_text_no_rating_leaves(journal: dict[str, Any]) -> None:
    out = export(journal, free_text=False)
    text = json.dumps(out)
    assert "ratings" not in text and '"changes"' not in text


def test_even_with_free_text_a_private_answer_never_leaves(journal: dict[str, Any]) -> None:
    out = export(journal, free_text=True)
    assert not any(e.get("exercise") == "instrument-speaking-up" for e in out["entries"])

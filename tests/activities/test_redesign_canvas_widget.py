"""The "Programme redesign canvas" widget in Python: only what the Python rules accept reaches the
journal file, as one exercise_answer entry that is a draft until every card is complete."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest

import kfcourse
from kfcourse.activities import redesign_canvas as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets import redesign_canvas as rcw
from tests.activities import widget_support
from tests.activities.widget_support import commit, stub_bundle

bundle = stub_bundle("canvas")
make = partial(widget_support.make, rcw.redesign_canvas)
answers = partial(widget_support.answers, exercise="redesign-canvas")


def state(cards: Any = None, authors: Any = "", run: Any = None) -> dict[str, Any]:
    return {"cards": {} if cards is None else cards, "authors": authors, "run": run}


FULL = {
    c: {"support": f"<b>{c}</b> support", "owner": "The pair", "sign": "# sign"}
    for c in rules.CARDS
}


def test_one_entry_grows_from_a_draft_to_a_finished_canvas(store: JournalStore) -> None:
    assert kfcourse.redesign_canvas is rcw.redesign_canvas
    widget, sent = make(store)
    assert widget.restored is None
    reply = commit(widget, sent, state({"tokenism": {"support": "Pay for time"}}))
    assert reply["ok"], reply
    run = reply["state"]["run"]
    [entry] = answers(store)
    assert entry["draft"] is True and entry["id"] == run
    assert entry["title"] == "Programme redesign canvas"
    assert commit(widget, sent, state(FULL, "Jordan & Ruth", run))["ok"]
    [entry] = answers(store)
    assert entry["answer"] == rules.answer(FULL, "Jordan & Ruth")
    assert entry["draft"] is False and entry["source"] == "jupyter"
    memo = widget.memo()
    assert memo == rules.memo(rules.answer(FULL, "Jordan & Ruth"), widget.words)
    assert "\\<b\\>tokenism\\</b\\> support" in memo and "\\# sign" in memo


@pytest.mark.parametrize(
    "bad",
    [
        state({"surgery": {"support": "x"}}),
        state({"tokenism": {"support": 5}}),
        state({"tokenism": {"dimension": "leading-from-the-front"}}),
        state({"tokenism": {"support": "x" * (rules.TEXT_MAX + 1)}}),
        state(authors="x" * (rules.AUTHORS_MAX + 1)),
        state(run=5),
        "nonsense",
    ],
)
def test_what_the_rules_refuse_never_reaches_the_journal(store: JournalStore, bad: Any) -> None:
    widget, sent = make(store)
    reply = commit(widget, sent, bad)
    assert reply["ok"] is False and reply["reason"]
    assert answers(store) == []


def test_a_new_widget_carries_on_with_the_unfinished_canvas(store: JournalStore) -> None:
    widget, sent = make(store)
    reply = commit(widget, sent, state({"tokenism": {"support": "half"}}, "Ruth"))
    again, _ = make(store)
    assert again.restored is not None
    assert again.restored["run"] == reply["state"]["run"]
    assert again.restored["cards"]["tokenism"]["support"] == "half"
    assert again.restored["authors"] == "Ruth"


def test_a_finished_canvas_is_not_resumed(store: JournalStore) -> None:
    widget, sent = make(store)
    assert commit(widget, sent, state(FULL))["ok"]
    again, _ = make(store)
    assert again.restored is None

"""The "Power map card sort" widget in Python: only what the Python rules accept reaches the
journal file, as one exercise_answer entry that is a draft until finished."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest

import kfcourse
from kfcourse.activities import power_map as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets import power_map as pmw
from tests.activities import widget_support
from tests.activities.widget_support import commit, stub_bundle

bundle = stub_bundle("powermap")
make = partial(widget_support.make, pmw.power_map)
answers = partial(widget_support.answers, exercise="power-map")

KEY_MAP = {card: k["holder"] for card, k in rules.CARD_KEY.items()}


def state(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "before": {},
        "after": {},
        "rung": None,
        "tags": {},
        "key_shown": False,
        "run": None,
    }
    return {**base, **fields}


def test_one_entry_grows_from_a_draft_to_a_finished_answer(store: JournalStore) -> None:
    assert kfcourse.power_map is pmw.power_map
    widget, sent = make(store)
    assert widget.restored is None and widget.messages["entry.title"] == "Power map card sort"
    reply = commit(widget, sent, state(before={"legal-advice": "both"}))
    assert reply["ok"], reply
    run = reply["state"]["run"]
    [entry] = answers(store)
    assert entry["draft"] is True and entry["id"] == run
    assert entry["title"] == "Power map card sort"
    tags = {"line-2": "second", "line-7": "third"}
    done = state(before=KEY_MAP, rung="consultation", tags=tags, run=run)
    assert commit(widget, sent, done)["ok"]
    [entry] = answers(store)
    assert entry["draft"] is False and entry["answer"]["comparison"] is None
    after = {**KEY_MAP, "agenda-control": "both"}
    final = state(before=KEY_MAP, after=after, rung="consultation", tags=tags, key_shown=True,
                  run=run)  # fmt: skip
    assert commit(widget, sent, final)["ok"]
    [entry] = answers(store)
    assert entry["answer"] == rules.answer(KEY_MAP, after, "consultation", tags, True)
    assert entry["answer"]["moves"] == [
        {"card": "agenda-control", "before": "clinician", "after": "both"}
    ]
    assert entry["draft"] is False and entry["source"] == "jupyter"


@pytest.mark.parametrize(
    "bad",
    [
        state(before={"charm": "clinician"}),
        state(after={"reward": "everyone"}),
        state(rung="top"),
        state(tags={"line-1": "fourth"}),
        state(before=KEY_MAP, rung="placation", tags={"line-2": "second"}, key_shown=True),
        state(run=5),
        "nonsense",
    ],
)
def test_what_the_rules_refuse_never_reaches_the_journal(store: JournalStore, bad: Any) -> None:
    widget, sent = make(store)
    reply = commit(widget, sent, bad)
    assert reply["ok"] is False and reply["reason"]
    assert answers(store) == []


def test_a_new_widget_carries_on_with_the_unfinished_answer(store: JournalStore) -> None:
    widget, sent = make(store)
    reply = commit(widget, sent, state(before={"reward": "clinician"}, rung="therapy"))
    again, _ = make(store)
    assert again.restored is not None
    assert again.restored["run"] == reply["state"]["run"]
    assert again.restored["before"]["reward"] == "clinician" and again.restored["rung"] == "therapy"


def test_a_finished_answer_is_not_resumed(store: JournalStore) -> None:
    widget, sent = make(store)
    tags = {"line-2": "second", "line-7": "third"}
    assert commit(widget, sent, state(before=KEY_MAP, rung="placation", tags=tags))["ok"]
    again, _ = make(store)
    assert again.restored is None

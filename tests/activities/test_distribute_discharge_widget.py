"""The "Distribute the discharge" widget in Python: only what the Python rules accept reaches the
journal file, as one exercise_answer entry that is a draft until finished."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest

import kfcourse
from kfcourse.activities import distribute_discharge as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets import distribute_discharge as ddw
from tests.activities import widget_support
from tests.activities.widget_support import commit, stub_bundle

bundle = stub_bundle("discharge")
make = partial(widget_support.make, ddw.distribute_discharge)
answers = partial(widget_support.answers, exercise=rules.EXERCISE)

ALL_HELD = {
    "setting-direction": ["patient-leader", "consultant"],
    "making-sense-of-data": ["nurse", "patient-leader"],
    "mobilising-resources": ["manager"],
    "redesigning-routines": ["nurse", "pharmacist", "junior-doctor"],
    "speaking-up": list(rules.ROLES),
    "monitoring-reporting": ["manager", "patient-leader"],
}


def state(**fields: Any) -> dict[str, Any]:
    base = {"allocation": {}, "gaps_shown": False, "response": "", "run": None}
    return {**base, **fields}


def test_one_entry_grows_from_a_draft_to_a_finished_answer(store: JournalStore) -> None:
    assert kfcourse.distribute_discharge is ddw.distribute_discharge
    widget, sent = make(store)
    assert widget.restored is None
    assert widget.messages["entry.title"] == "Distribute the discharge"
    reply = commit(widget, sent, state(allocation={"speaking-up": ["nurse", "nurse"]}))
    assert reply["ok"], reply
    assert reply["state"]["allocation"]["speaking-up"] == ["nurse"]  # what Python keeps
    run = reply["state"]["run"]
    [entry] = answers(store)
    assert entry["draft"] is True and entry["id"] == run
    assert entry["title"] == "Distribute the discharge"
    # every function held but no answer yet: still a draft
    assert commit(widget, sent, state(allocation=ALL_HELD, gaps_shown=True, run=run))["ok"]
    [entry] = answers(store)
    assert entry["draft"] is True and entry["answer"]["complete"] is True
    text = "Rhetorical unless the <b>panel</b> sees the data & has a slot."
    final = state(allocation=ALL_HELD, gaps_shown=True, response=text, run=run)
    assert commit(widget, sent, final)["ok"]
    [entry] = answers(store)
    assert entry["answer"] == rules.answer(ALL_HELD, True, text)
    assert entry["draft"] is False and entry["source"] == "jupyter"
    assert entry["answer"]["gaps"][0] == {"function": "setting-direction", "role": "patient-leader"}


@pytest.mark.parametrize(
    "bad",
    [
        state(allocation={"triage": ["nurse"]}),
        state(allocation={"speaking-up": ["surgeon"]}),
        state(allocation={"speaking-up": "nurse"}),
        state(gaps_shown="yes"),
        state(response="x" * (rules.RESPONSE_MAX + 1)),
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
    reply = commit(widget, sent, state(allocation={"speaking-up": ["manager"]}, response="half"))
    again, _ = make(store)
    assert again.restored == {
        "allocation": rules.parse_allocation({"speaking-up": ["manager"]}),
        "gaps_shown": False,
        "response": "half",
        "run": reply["state"]["run"],
    }


def test_a_finished_answer_starts_a_new_attempt(store: JournalStore) -> None:
    widget, sent = make(store)
    assert commit(widget, sent, state(allocation=ALL_HELD, response="Real: a daily huddle."))["ok"]
    again, _ = make(store)
    assert again.restored is None

"""The checks' widget in Python: only what the Python rules accept reaches the journal file, as
one exercise_answer entry per attempt (exercise ``instrument-<id>``), a draft until finished."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest

import kfcourse
from kfcourse.activities import instruments as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets import instruments as iw
from tests.activities import widget_support
from tests.activities.widget_support import commit, stub_bundle

bundle = stub_bundle("instrument")
make = partial(widget_support.make, iw.instrument)


def state(check: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"instrument": check, "ratings": {}, "examples": {}, "action": ""}
    base["run"] = None
    return {**base, **fields}


def full(check: str, value: Any) -> dict[str, Any]:
    inst = rules.INSTRUMENTS[check]
    return {m: {r: {i.id: value for i in inst.items} for r in inst.raters} for m in rules.MOMENTS}


def answers(store: JournalStore, check: str) -> list[dict[str, Any]]:
    return widget_support.answers(store, f"instrument-{check}")


def test_one_entry_grows_from_a_draft_to_a_finished_check(store: JournalStore) -> None:
    assert kfcourse.instrument is iw.instrument
    widget, sent = make(store, "collaboration-health")
    assert widget.restored is None and widget.options["instrument"] == "collaboration-health"
    assert commit(widget, sent, state("collaboration-health"))["ok"]
    assert answers(store, "collaboration-health") == []  # nothing to keep yet
    first = {"before": {"pair": {"aims": 2}}}
    reply = commit(widget, sent, state("collaboration-health", ratings=first))
    assert reply["ok"], reply
    run = reply["state"]["run"]
    [entry] = answers(store, "collaboration-health")
    assert entry["draft"] is True and entry["id"] == run
    assert entry["title"] == "Collaboration health check"
    ratings = full("collaboration-health", 3)
    ratings["after"]["pair"]["trust"] = 5
    action = "Agree the agenda <b>together</b> & share the data."
    done = state("collaboration-health", ratings=ratings, action=action, run=run)
    assert commit(widget, sent, done)["ok"]
    [entry] = answers(store, "collaboration-health")
    assert entry["answer"] == rules.answer("collaboration-health", ratings, None, action)
    assert entry["answer"]["changes"]["pair"]["overall"]["change"] == 2
    assert entry["draft"] is False and entry["source"] == "jupyter"


@pytest.mark.parametrize(
    "bad",
    [
        state("speaking-up", ratings={"before": {"self": {"help": 9}}}),
        state("speaking-up", ratings={"before": {"self": {"courage": 3}}}),
        state("speaking-up", ratings={"before": {"partner-a": {"help": 3}}}),
        state("speaking-up", action="An action the check does not ask for"),
        state("speaking-up", examples={"before": {"self": {"help": "an example"}}}),
        state("relational-practice", ratings={"before": {"self": {"help": 3}}}),
        state("speaking-up", run=5),
        "nonsense",
    ],
)
def test_what_the_rules_refuse_never_reaches_the_journal(store: JournalStore, bad: Any) -> None:
    widget, sent = make(store, "speaking-up")
    reply = commit(widget, sent, bad)
    assert reply["ok"] is False and reply["reason"]
    assert store.entries("exercise_answer") == []


def test_a_new_widget_carries_on_with_its_own_unfinished_check(store: JournalStore) -> None:
    widget, sent = make(store, "relational-practice")
    ratings = {"before": {"self": {"voices": "partly"}}}
    examples = {"before": {"self": {"voices": "I asked the ward clerk."}}}
    reply = commit(widget, sent, state("relational-practice", ratings=ratings, examples=examples))
    again, _ = make(store, "relational-practice")
    assert again.restored is not None and again.restored["run"] == reply["state"]["run"]
    assert again.restored["ratings"]["before"]["self"]["voices"] == "partly"
    assert again.restored["examples"]["before"]["self"]["voices"] == "I asked the ward clerk."
    other, _ = make(store, "speaking-up")  # another check does not pick it up
    assert other.restored is None


def test_a_finished_check_is_not_resumed_and_a_new_attempt_is_a_new_entry(
    store: JournalStore,
) -> None:
    widget, sent = make(store, "partnership-trust")
    done = state("partnership-trust", ratings=full("partnership-trust", 4))
    first = commit(widget, sent, done)["state"]["run"]
    assert answers(store, "partnership-trust")[0]["draft"] is False
    again, sent2 = make(store, "partnership-trust")
    assert again.restored is None
    second = commit(again, sent2, state("partnership-trust", ratings={"before": {}}))
    assert second["state"]["run"] is None  # nothing rated: no entry yet
    second = commit(
        again, sent2, state("partnership-trust", ratings={"before": {"partner-b": {"honest": 2}}})
    )
    assert second["state"]["run"] not in (None, first)
    assert len(answers(store, "partnership-trust")) == 2


def test_an_unknown_check_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="no check called 'trust'"):
        iw.instrument("trust")

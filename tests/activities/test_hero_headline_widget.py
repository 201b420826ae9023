"""The "Rewrite the hero headline" widget in Python: only what the Python rules accept reaches the
journal file, as one exercise_answer entry that is a draft until finished."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest

import kfcourse
from kfcourse.activities import hero_headline as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets import hero_headline as hhw
from tests.activities import widget_support
from tests.activities.widget_support import commit, stub_bundle

bundle = stub_bundle("headline")
make = partial(widget_support.make, hhw.hero_headline)
answers = partial(widget_support.answers, exercise="hero-headline")


def state(**fields: Any) -> dict[str, Any]:
    """A state as the view sends it (view.js's copyState)."""
    base = {"marked": [], "reveal_shown": False,
            "ratings": {"speak-up": None, "patient-trust": None},
            "headline": "", "paragraph": "", "run": None}  # fmt: skip
    return {**base, **fields}


RATED = {"speak-up": 2, "patient-trust": 3}


def test_one_entry_grows_from_a_draft_to_a_finished_answer(store: JournalStore) -> None:
    assert kfcourse.hero_headline is hhw.hero_headline
    widget, sent = make(store)
    assert widget.restored is None
    assert widget.messages["entry.title"] == "Rewrite the hero headline"
    reply = commit(widget, sent, state(marked=["single-handed"]))
    assert reply["ok"], reply
    run = reply["state"]["run"]
    [entry] = answers(store)
    assert entry["draft"] is True and entry["id"] == run
    assert entry["title"] == "Rewrite the hero headline"
    final = state(marked=["single-handed", "hero-chief"], reveal_shown=True, ratings=RATED,
                  headline="Teams <i>lift</i> Wrenford", paragraph="Wards, pharmacists...",
                  run=run)  # fmt: skip
    reply = commit(widget, sent, final)
    assert reply["ok"] and reply["state"]["marked"] == ["hero-chief", "single-handed"]
    [entry] = answers(store)
    assert entry["answer"] == rules.answer(
        ["hero-chief", "single-handed"], True, RATED, "Teams <i>lift</i> Wrenford",
        "Wards, pharmacists...",
    )  # fmt: skip
    assert entry["draft"] is False and entry["source"] == "jupyter"
    assert widget.restored == {**{k: entry["answer"][k] for k in hhw.KEPT}, "run": run}


@pytest.mark.parametrize(
    "bad",
    [
        state(marked=["the-hero"]),
        state(reveal_shown=True),
        state(ratings={"speak-up": 9}),
        state(ratings={"morale": 1}),
        state(headline="x" * (rules.HEADLINE_MAX + 1)),
        state(run=5),
        "nonsense",
    ],
)
def test_what_the_rules_refuse_never_reaches_the_journal(store: JournalStore, bad: Any) -> None:
    widget, sent = make(store)
    reply = commit(widget, sent, bad)
    assert reply["ok"] is False and reply["reason"]
    assert answers(store) == []


def test_a_refused_change_leaves_the_entry_as_it_was(store: JournalStore) -> None:
    widget, sent = make(store)
    run = commit(widget, sent, state(marked=["pride"]))["state"]["run"]
    assert commit(widget, sent, state(marked=["pride", "pride"], run=run))["ok"] is False
    [entry] = answers(store)
    assert entry["answer"]["marked"] == ["pride"]


def test_a_new_widget_carries_on_with_the_unfinished_answer(store: JournalStore) -> None:
    widget, sent = make(store)
    reply = commit(widget, sent, state(marked=["pride"], reveal_shown=True, headline="half"))
    again, _ = make(store)
    assert again.restored is not None
    assert again.restored["run"] == reply["state"]["run"]
    assert again.restored["headline"] == "half" and again.restored["reveal_shown"] is True


def test_a_finished_answer_is_not_resumed(store: JournalStore) -> None:
    widget, sent = make(store)
    done = state(marked=["pride"], reveal_shown=True, ratings=RATED, headline="h", paragraph="p")
    assert commit(widget, sent, done)["ok"]
    again, _ = make(store)
    assert again.restored is None

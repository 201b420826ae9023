"""The "Three-talk triad" widget in Python: only what the Python rules accept reaches the journal
file, as one exercise_answer entry per triad that is a draft until a round is complete."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest

import kfcourse
from kfcourse.activities import three_talk as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets import three_talk as ttw
from tests.activities import widget_support
from tests.activities.widget_support import commit, stub_bundle

bundle = stub_bundle("triad")
make = partial(widget_support.make, ttw.three_talk)
answers = partial(widget_support.answers, exercise="three-talk")

FULL = {"understand": 3, "listen": 4, "include": 2}


def rnd(stage: str = "predict", predicted: Any = None, rated: Any = None, **tally: int) -> dict:
    """One round as the view sends it (every item and behaviour present)."""
    return {
        "stage": stage,
        "predicted": {i: (predicted or {}).get(i) for i in rules.ITEMS},
        "rated": {i: (rated or {}).get(i) for i in rules.ITEMS},
        "tally": {b: tally.get(b.replace("-", "_"), 0) for b in rules.CHECKLIST},
    }


def state(*rounds: dict, notes: str = "", run: Any = None) -> dict[str, Any]:
    return {"rotations": list(rounds) or [rnd()], "notes": notes, "run": run}


def test_one_entry_grows_from_a_draft_to_a_finished_triad(store: JournalStore) -> None:
    assert kfcourse.three_talk is ttw.three_talk
    widget, sent = make(store)
    assert widget.restored is None
    assert commit(widget, sent, state())["ok"]  # nothing done yet: no entry
    assert answers(store) == []
    reply = commit(widget, sent, state(rnd(team_goals=1)))
    assert reply["ok"], reply
    run = reply["state"]["run"]
    [entry] = answers(store)
    assert entry["draft"] is True and entry["id"] == run
    assert entry["title"] == "Three-talk triad"  # the catalogue's words, not the exercise id
    steps = [
        state(rnd("predict", FULL, team_goals=1), run=run),
        state(rnd("rate", FULL, team_goals=1), run=run),
        state(rnd("rate", FULL, {"understand": 4}, team_goals=1), run=run),
    ]
    for step in steps:
        assert commit(widget, sent, step)["ok"]
        [entry] = answers(store)
        assert entry["draft"] is True
    final = state(rnd("result", FULL, {"understand": 4, "listen": 4, "include": 4}, team_goals=1),
                  notes="<b>Polite</b> scores?", run=run)  # fmt: skip
    assert commit(widget, sent, final)["ok"]
    [entry] = answers(store)
    assert entry["answer"] == rules.answer(final["rotations"], final["notes"])
    assert entry["answer"]["rotations"][0]["gaps"] == {"understand": 1, "listen": 0, "include": 2}
    assert entry["draft"] is False and entry["source"] == "jupyter"
    # a second round goes into the same entry
    two = state(final["rotations"][0], rnd("predict", {"listen": 1}), run=run)
    assert commit(widget, sent, two)["ok"]
    [entry] = answers(store)
    assert len(entry["answer"]["rotations"]) == 2 and entry["draft"] is False


@pytest.mark.parametrize(
    "bad",
    [
        state(rnd("predict", FULL, {"listen": 2})),  # the patient rates before the hand-over
        state(rnd("rate", {"listen": 2})),  # handed over before all three are predicted
        state(rnd("result", FULL, {"listen": 2})),  # a result before every rating
        state(rnd("predict", {"listen": 5})),
        state(rnd(team_goals=-1)),
        state(rnd("rate", FULL), rnd()),  # a new round before the result
        state(rnd(), rnd(), rnd(), rnd()),
        state(notes="x" * (rules.NOTES_MAX + 1)),
        state(run=5),
        "nonsense",
    ],
)
def test_what_the_rules_refuse_never_reaches_the_journal(store: JournalStore, bad: Any) -> None:
    widget, sent = make(store)
    reply = commit(widget, sent, bad)
    assert reply["ok"] is False and reply["reason"]
    assert answers(store) == []


def test_a_new_widget_carries_on_with_the_unfinished_triad(store: JournalStore) -> None:
    widget, sent = make(store)
    reply = commit(widget, sent, state(rnd("rate", FULL, {"listen": 0}), notes="half"))
    again, _ = make(store)
    assert again.restored is not None
    assert again.restored["run"] == reply["state"]["run"] and again.restored["notes"] == "half"
    assert again.restored["rotations"] == [rnd("rate", FULL, {"listen": 0})]


def test_a_finished_triad_is_not_resumed(store: JournalStore) -> None:
    widget, sent = make(store)
    done = rnd("result", FULL, FULL, option_check=2)
    assert commit(widget, sent, state(done))["ok"]
    again, _ = make(store)
    assert again.restored is None


def test_starting_again_writes_nothing_until_the_new_group_does_something(
    store: JournalStore,
) -> None:
    widget, sent = make(store)
    done = commit(widget, sent, state(rnd("result", FULL, FULL, option_check=2)))
    assert commit(widget, sent, state())["ok"]  # "Start again with a new group"
    assert widget.restored == {**state(), "run": None}
    [entry] = answers(store)
    assert entry["id"] == done["state"]["run"] and entry["draft"] is False
    assert commit(widget, sent, state(rnd(team_choice=1)))["ok"]
    assert len(answers(store)) == 2

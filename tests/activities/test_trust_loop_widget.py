"""The trust-loop widget in Python: what the view sends is replayed by the Python rules, and only
what they accept reaches the journal file (as one exercise_answer entry per game)."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import kfcourse
from kfcourse.activities import trust_loop as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets import trust_loop as tlw
from tests.activities import widget_support
from tests.activities.widget_support import commit, stub_bundle
from tests.web_journal.journal_helpers import schema_problems

bundle = stub_bundle("trustloop")
make = partial(widget_support.make, tlw.trust_loop)
games = partial(widget_support.answers, exercise="trust-loop")


PICKS = [
    ["ambitious", "moderate"],
    ["modest", "modest"],
    ["moderate", "ambitious"],
    ["modest", "ambitious"],
]


def test_the_factory_is_exported_lazily_with_the_catalogue_words(store: JournalStore) -> None:
    assert kfcourse.trust_loop is tlw.trust_loop
    widget, _ = make(store)
    catalogue = json.loads(
        (Path(tlw.__file__).parent.parent / "web" / "messages" / "en-GB.json").read_text("utf-8")
    )
    assert widget.messages == {"language": "en-GB", **catalogue["trustloop"]}
    assert widget.restored["picks"] == [] and widget.restored["run"] is None
    assert 0 <= widget.restored["seed"] <= rules.SEED_MAX


def test_each_round_updates_one_entry_a_draft_until_the_fourth(store: JournalStore) -> None:
    widget, sent = make(store)
    run = None
    for n in range(1, 5):
        state = {"seed": 77, "picks": PICKS[:n], "ratings": None, "run": run}
        reply = commit(widget, sent, state, request=n)
        assert reply["ok"], reply
        run = reply["state"]["run"]
        [entry] = games(store)
        assert entry["id"] == run
        assert entry["answer"] == rules.answer(77, PICKS[:n])
        assert entry["draft"] is (n < 4)
        assert entry["title"] == "Trust-building loop simulator" and entry["source"] == "jupyter"
    rated = {"seed": 77, "picks": PICKS, "ratings": {"ability": 4, "benevolence": 2}, "run": run}
    assert commit(widget, sent, rated, request=9)["ok"]
    [entry] = games(store)
    assert entry["answer"]["ratings"] == {"ability": 4, "benevolence": 2, "integrity": None}
    assert schema_problems(store.load()) == []


@pytest.mark.parametrize(
    "state",
    [
        {"seed": 1, "picks": [["modest", "reckless"]], "ratings": None, "run": None},
        {"seed": 1, "picks": [["modest", "modest"]] * 5, "ratings": None, "run": None},
        {"seed": "1", "picks": [], "ratings": None, "run": None},
        {"seed": 1, "picks": [["modest", "modest"]], "ratings": {"ability": 5}, "run": None},
        {"seed": 1, "picks": [], "ratings": None, "run": 7},
        "not a state",
    ],
)
def test_a_state_the_rules_refuse_never_reaches_the_journal(
    store: JournalStore, state: Any
) -> None:
    widget, sent = make(store)
    reply = commit(widget, sent, state)
    assert reply["ok"] is False and reply["reason"] and "Traceback" not in reply["reason"]
    assert games(store) == []


def test_a_new_widget_resumes_the_unfinished_game(store: JournalStore) -> None:
    widget, sent = make(store)
    reply = commit(widget, sent, {"seed": 5, "picks": PICKS[:2], "ratings": None, "run": None})
    again, _ = make(store)
    assert again.restored == {
        "seed": 5,
        "picks": PICKS[:2],
        "ratings": None,
        "run": reply["state"]["run"],
    }
    commit(
        widget, sent, {"seed": 5, "picks": PICKS, "ratings": None, "run": reply["state"]["run"]}, 2
    )
    fresh, _ = make(store)
    assert fresh.restored["picks"] == [] and fresh.restored["run"] is None  # finished: a new game


def test_a_journal_that_cannot_be_written_is_a_refusal_with_the_reason(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the journal's folder should be", encoding="utf-8")
    widget, sent = make(JournalStore(blocked / "kfcourse-journal.json"))
    reply = commit(widget, sent, {"seed": 5, "picks": PICKS[:1], "ratings": None, "run": None})
    assert reply["ok"] is False and "could not be written" in reply["reason"]

"""The "Distribute the discharge" widget in Python: only what the Python rules accept reaches the
journal file, as one exercise_answer entry that is a draft until finished."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import kfcourse
from kfcourse.activities import distribute_discharge as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets import distribute_discharge as ddw
from kfcourse.widgets import exercise

ALL_HELD = {
    "setting-direction": ["patient-leader", "consultant"],
    "making-sense-of-data": ["nurse", "patient-leader"],
    "mobilising-resources": ["manager"],
    "redesigning-routines": ["nurse", "pharmacist", "junior-doctor"],
    "speaking-up": list(rules.ROLES),
    "monitoring-reporting": ["manager", "patient-leader"],
}


@pytest.fixture(autouse=True)
def bundle(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    stub = tmp_path_factory.mktemp("dist") / "discharge.mjs"
    stub.write_text("export default { render() {} };\n", encoding="utf-8")
    monkeypatch.setattr(exercise, "DIST", stub.parent)
    return stub


@pytest.fixture
def store(tmp_path: Path) -> JournalStore:
    return JournalStore(tmp_path / "kfcourse-journal.json")


def make(store: JournalStore) -> tuple[ddw.DistributeDischarge, list[dict[str, Any]]]:
    widget = ddw.distribute_discharge(store=store)
    sent: list[dict[str, Any]] = []
    widget.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    return widget, sent


def commit(widget: ddw.DistributeDischarge, sent: list[dict[str, Any]], state: Any) -> dict:
    widget._on_msg(widget, {"type": "commit", "request": 7, "state": state}, [])
    assert sent[-1]["type"] == "committed" and sent[-1]["request"] == 7
    return sent[-1]


def state(**fields: Any) -> dict[str, Any]:
    base = {"allocation": {}, "gaps_shown": False, "response": "", "run": None}
    return {**base, **fields}


def answers(store: JournalStore) -> list[dict[str, Any]]:
    return [e for e in store.entries("exercise_answer") if e["exercise"] == rules.EXERCISE]


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

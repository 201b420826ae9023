"""The "Who leads? Who follows?" widget in Python: only what the Python rules accept reaches the
journal file, as one exercise_answer entry that is a draft until finished."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import kfcourse
from kfcourse.activities import who_leads as rules
from kfcourse.journal import JournalStore
from kfcourse.widgets import exercise
from kfcourse.widgets import who_leads as wlw


@pytest.fixture(autouse=True)
def bundle(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    stub = tmp_path_factory.mktemp("dist") / "wholeads.mjs"
    stub.write_text("export default { render() {} };\n", encoding="utf-8")
    monkeypatch.setattr(exercise, "DIST", stub.parent)
    return stub


@pytest.fixture
def store(tmp_path: Path) -> JournalStore:
    return JournalStore(tmp_path / "kfcourse-journal.json")


def make(store: JournalStore) -> tuple[wlw.WhoLeads, list[dict[str, Any]]]:
    widget = wlw.who_leads(store=store)
    sent: list[dict[str, Any]] = []
    widget.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    return widget, sent


def commit(widget: wlw.WhoLeads, sent: list[dict[str, Any]], state: Any) -> dict[str, Any]:
    widget._on_msg(widget, {"type": "commit", "request": 3, "state": state}, [])
    assert sent[-1]["type"] == "committed" and sent[-1]["request"] == 3
    return sent[-1]


def state(**fields: Any) -> dict[str, Any]:
    base = {"placements": {}, "reference_shown": False, "mismatch": None, "risk": "", "run": None}
    return {**base, **fields}


def answers(store: JournalStore) -> list[dict[str, Any]]:
    return [e for e in store.entries("exercise_answer") if e["exercise"] == "who-leads"]


def test_one_entry_grows_from_a_draft_to_a_finished_answer(store: JournalStore) -> None:
    assert kfcourse.who_leads is wlw.who_leads
    widget, sent = make(store)
    assert widget.restored is None
    reply = commit(widget, sent, state(placements={"carer": {"authority": "low"}}))
    assert reply["ok"], reply
    run = reply["state"]["run"]
    [entry] = answers(store)
    assert entry["draft"] is True and entry["id"] == run
    final = state(placements=rules.REFERENCE, reference_shown=True, mismatch="carer",
                  risk="<i>Not</i> asked.", run=run)  # fmt: skip
    assert commit(widget, sent, final)["ok"]
    [entry] = answers(store)
    assert entry["answer"] == rules.answer(rules.REFERENCE, True, "carer", "<i>Not</i> asked.")
    assert entry["draft"] is False and entry["source"] == "jupyter"


@pytest.mark.parametrize(
    "bad",
    [
        state(placements={"surgeon": {"authority": "high"}}),
        state(placements={"carer": {"authority": "low"}}, reference_shown=True),
        state(mismatch="surgeon"),
        state(risk="x" * (rules.RISK_MAX + 1)),
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
    reply = commit(widget, sent, state(placements={"carer": {"authority": "low"}}, risk="half"))
    again, _ = make(store)
    assert again.restored is not None
    assert again.restored["run"] == reply["state"]["run"] and again.restored["risk"] == "half"

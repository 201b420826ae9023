"""The "Who leads? Who follows?" widget in Python: only what the Python rules accept reaches the
journal file, as one exercise_answer entry that is a draft until finished."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import kfcourse
from kfcourse.activities import who_leads as rules
from kfcourse.journal import JournalStore
from kfcourse.journal.csv_export import to_csv
from kfcourse.journal.markdown_export import to_markdown
from kfcourse.widgets import who_leads as wlw
from tests.activities import widget_support
from tests.activities.widget_support import commit, stub_bundle

bundle = stub_bundle("wholeads")
make = partial(widget_support.make, wlw.who_leads)
answers = partial(widget_support.answers, exercise="who-leads")


def state(**fields: Any) -> dict[str, Any]:
    base = {"placements": {}, "reference_shown": False, "mismatch": None, "risk": "", "run": None}
    return {**base, **fields}


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


# The answer in words: what the screen's own summary.js makes for a state, in node, with the words
# the widget gives the screen.
SUMMARY_JS = Path(__file__).resolve().parents[2] / "kfcourse" / "web" / "wholeads" / "summary.js"
DOM_JS = SUMMARY_JS.parent.parent / "roleplay" / "dom.js"


def summary_of(widget: wlw.WhoLeads, the_state: dict[str, Any]) -> list[dict[str, str]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run the screen's summary.js: run `make setup`")
    script = (
        f"import {{ summary }} from {json.dumps(SUMMARY_JS.as_uri())};"
        f"import {{ translator }} from {json.dumps(DOM_JS.as_uri())};"
        "let input = ''; process.stdin.on('data', (d) => (input += d));"
        "process.stdin.on('end', () => { const {state, words} = JSON.parse(input);"
        "process.stdout.write(JSON.stringify(summary(state, translator(words)))); });"
    )
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps({"state": the_state, "words": widget.words}),
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(done.stdout)


def test_the_answer_in_words_is_kept_in_the_entry_and_shown_by_the_exports(
    store: JournalStore,
) -> None:
    widget, sent = make(store)
    final = state(placements=rules.REFERENCE, reference_shown=True, mismatch="ward-nurse",
                  risk="Her <b>warning</b> goes unheard.")  # fmt: skip
    words = summary_of(widget, final)
    widget._on_msg(widget, {"type": "commit", "request": 4, "state": final, "summary": words}, [])
    assert sent[-1]["ok"], sent[-1]
    [entry] = answers(store)
    assert entry["summary"] == words
    consultant = {"label": "Consultant", "text": "Formal authority high, relevant knowledge some"}
    assert consultant in words
    assert {"label": "The risk this mismatch creates for trust",
            "text": "Her <b>warning</b> goes unheard."} in words  # fmt: skip
    document = {"format": "kfcourse-journal", "version": 1, "entries": answers(store)}
    markdown, table = to_markdown(document), to_csv(document)
    for shown in (markdown, table):
        assert "Ward nurse: knows more than their authority lets them act on." in shown
        assert "Formal authority high, relevant knowledge some" in shown
        for actor in rules.ACTORS:
            assert actor == "carer" or actor == "pharmacist" or actor not in shown, actor
        assert '"placements"' not in shown and "reference_shown" not in shown
    assert "Her \\<b\\>warning\\</b\\> goes unheard." in markdown  # learner text stays text


@pytest.mark.parametrize(
    "bad",
    [
        "Consultant: high",
        [{"label": "Consultant"}],
        [{"label": "Consultant", "text": 3}],
        [{"label": "Consultant", "text": "high", "id": "consultant"}],
        [{"label": "x" * 201, "text": "high"}],
        [{"label": "Consultant", "text": "x" * 20001}],
        [{"label": "Consultant", "text": "high"}] * 61,
    ],
)
def test_a_malformed_answer_in_words_is_refused_and_nothing_is_written(
    store: JournalStore, bad: Any
) -> None:
    widget, sent = make(store)
    good = state(placements={"carer": {"authority": "low"}})
    widget._on_msg(widget, {"type": "commit", "request": 5, "state": good, "summary": bad}, [])
    assert sent[-1]["ok"] is False and "summary" in sent[-1]["reason"], sent[-1]
    assert answers(store) == [] and widget.restored is None

"""A real play-through of a shipped scenario, by the engine, is a valid journal entry.

Keeps the journal schema and the scenario engine in step: the engine's trace goes into a
role-play entry as it is, and the summary reads the measures back along the path.
"""

from __future__ import annotations

import hashlib

import pytest

from kfcourse.analysis import summarise
from kfcourse.journal import entries
from kfcourse.journal.exports import export_text
from kfcourse.scenario.engine import Session
from kfcourse.scenario.library import shipped_paths
from kfcourse.scenario.loader import load_file


@pytest.mark.parametrize("path", shipped_paths(), ids=lambda p: p.stem)
def test_a_played_scenario_is_stored_and_summarised(store, path):
    scenario = load_file(path).scenario
    assert scenario is not None
    session = Session(scenario, mode="doctor")
    start = dict(session.measures)
    steps = 0
    while not session.ended and session.options() and steps < 50:
        session.choose(1)
        steps += 1
    entry = entries.roleplay(
        scenario.id,
        "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest(),
        session.mode,
        session.trace,
        measures_start=start,
        measures_end=session.measures,
        ending=session.to_dict()["ending"],
        completed=session.ended,
    )
    store.add(entry)
    (held,) = store.entries()
    assert held["trace"] == session.trace
    summary = summarise(store)
    assert summary.runs.iloc[0]["steps"] == len(session.trace) > 0
    last = summary.path[summary.path["step"] == len(session.trace)]
    assert dict(zip(last["measure"], last["value"], strict=True)) == session.measures
    markdown = export_text(store.load(), "md")
    assert "| None |" not in markdown
    impasses = [s for s in session.trace if s["choice"] is None]
    assert markdown.count("no agreement (impasse)") == len(impasses)


@pytest.mark.parametrize("mode", ["doctor", "patient", "pair"])
@pytest.mark.parametrize("path", shipped_paths(), ids=lambda p: p.stem)
def test_exports_of_real_runs_say_who_chose(path, mode):
    """Every real run through the one mapping: the Markdown says which steps the other role's
    rules chose, which were joint agreements and which were impasses, and CSV counts the steps."""
    import random

    from kfcourse.journal.csv_export import to_csv
    from kfcourse.journal.markdown_export import to_markdown
    from kfcourse.journal.runs import run_entry
    from kfcourse.scenario.vectors import random_session

    scenario = load_file(path).scenario
    assert scenario is not None
    for seed in range(8):
        session = random_session(scenario, mode, random.Random(seed))
        entry = run_entry(session)
        doc = {"format": "kfcourse-journal", "version": 1, "entries": [entry]}
        rows = [line for line in to_markdown(doc).splitlines() if line.startswith("| ")][1:]
        assert len(rows) == len(session.trace)
        for row, step in zip(rows, session.trace, strict=True):
            who = row.split(" | ")[3]
            by_rules = step["actor"] in step["ruled"]
            assert (who == "the other role's rules") == by_rules, (row, step)
            if step["kind"] == "impasse":
                assert "no agreement (impasse)" in row
            elif step["actor"] == "joint":
                assert who == (
                    "you and the other role's rules, agreeing"
                    if mode != "pair"
                    else "both of you, agreeing"
                )
            elif not by_rules:
                assert who == f"you ({step['actor']})"
        if mode == "pair":
            assert all(not s["ruled"] for s in session.trace)
        else:
            partner = "patient" if mode == "doctor" else "doctor"
            assert all(s["ruled"] in ([], [partner]) for s in session.trace)
        assert f",{len(session.trace)}," in to_csv(doc)


@pytest.mark.parametrize("path", shipped_paths(), ids=lambda p: p.stem)
def test_class_export_of_real_runs_keeps_who_chose(path):
    """A finished and a part-way run reach the class export with each step's actor and ruled
    roles, and the class export fits its schema."""
    import random

    from kfcourse.journal.privacy import class_export
    from kfcourse.journal.runs import run_entry
    from kfcourse.journal.schema import problems
    from kfcourse.scenario.vectors import random_session

    scenario = load_file(path).scenario
    assert scenario is not None
    finished = random_session(scenario, "patient", random.Random(3))
    partway = random_session(scenario, "doctor", random.Random(4), max_moves=2)
    doc = {
        "format": "kfcourse-journal",
        "version": 1,
        "entries": [run_entry(finished), run_entry(partway)],
    }
    out = class_export(doc, "Learner One", salt="test")
    assert problems(out, "class") == []
    done, left = out["entries"]
    assert (done["completed"], left["completed"]) == (True, False)
    assert done["ending"] == finished.node and left["ending"] is None
    assert [s["ruled"] for s in done["trace"]] == [s["ruled"] for s in finished.trace]
    assert [s["actor"] for s in left["trace"]] == [s["actor"] for s in partway.trace]

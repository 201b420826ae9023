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


def _plain(markdown: str) -> str:
    """Markdown text with its backslash escapes removed."""
    import re

    return re.sub(r"\\(.)", r"\1", markdown)


def _cells(row: str) -> list[str]:
    """The cells of one Markdown table row, unescaped (no cell here holds a bar)."""
    return [_plain(cell.strip()) for cell in row.strip().strip("|").split(" | ")]


@pytest.mark.parametrize("mode", ["doctor", "patient", "pair"])
@pytest.mark.parametrize("path", shipped_paths(), ids=lambda p: p.stem)
def test_exports_of_real_runs_say_who_chose(path, mode):
    """Every real run through the one mapping: the Markdown transcript says which steps the
    other role's rules chose, which were joint agreements and which were impasses, its meter
    table is the trace's measures, and CSV counts the steps."""
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
        lines = to_markdown(doc).splitlines()
        titles = [_plain(line) for line in lines if line.startswith("**Step ")]
        assert titles == [
            f"**Step {n}: {scenario.points[s['point']].title}**"
            for n, s in enumerate(session.trace, 1)
        ]
        decided = [line.removeprefix("- Decided by: ") for line in lines if "Decided by" in line]
        assert len(decided) == len(session.trace)
        for who, step in zip(decided, session.trace, strict=True):
            by_rules = step["actor"] in step["ruled"]
            assert (who == "the other role's rules") == by_rules, (who, step)
            if step["kind"] == "impasse":
                assert who == "both of you, with no agreement (impasse)"
            elif step["actor"] == "joint":
                assert who == (
                    "you and the other role's rules, agreeing"
                    if mode != "pair"
                    else "both of you, agreeing"
                )
            elif not by_rules:
                assert (
                    who
                    == {"doctor": "you (the doctor)", "patient": "you (the patient partner)"}[
                        step["actor"]
                    ]
                )
        # The meter table: start, each step, end, in the measures' order.
        table = [_cells(line) for line in lines if line.startswith("| ")]
        assert table[0] == ["Moment", *(m.name for m in scenario.measures.values())]
        expected = [entry["measures_start"], *(s["measures"] for s in session.trace)]
        expected.append(session.measures)
        assert [row[1:] for row in table[1:]] == [
            [str(m[k]) for k in scenario.measures] for m in expected
        ]
        assert [row[0] for row in table[1:]] == ["Start", *(t[2:-2] for t in titles), "End"]
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


def _runs(scenario, seeds=range(6)):
    """Real runs of ``scenario`` in every mode: finished, and left after two moves."""
    import random

    from kfcourse.scenario.vectors import random_session

    for mode in ("doctor", "patient", "pair"):
        for seed in seeds:
            yield random_session(scenario, mode, random.Random(seed))
        yield random_session(scenario, mode, random.Random(99), max_moves=2)


@pytest.mark.parametrize("path", shipped_paths(), ids=lambda p: p.stem)
def test_run_entries_name_their_ending_points_and_measures_and_fit_the_schema(path):
    from kfcourse.journal.runs import run_entry
    from kfcourse.journal.schema import entry_problems

    scenario = load_file(path).scenario
    assert scenario is not None
    for session in _runs(scenario):
        entry = run_entry(session)
        assert entry_problems(entry) == []
        ending = scenario.endings.get(session.node)
        assert entry["ending_title"] == (ending.title if ending else None)
        assert entry["ending_title"] is None or entry["ending_title"] != entry["ending"]
        visited = [s["point"] for s in session.trace]
        assert list(entry["point_titles"]) == list(dict.fromkeys(visited))
        assert all(entry["point_titles"][p] == scenario.points[p].title for p in visited)
        assert entry["measure_names"] == {k: m.name for k, m in scenario.measures.items()}
        assert "related_entry" not in entry and "relation" not in entry
        # An entry written before these fields existed is still valid.
        old = {k: v for k, v in entry.items() if k not in ("ending_title", "point_titles",
                                                          "measure_names")}  # fmt: skip
        assert entry_problems(old) == []


def test_a_swap_links_to_its_run_and_keeps_the_link_as_it_goes_on(store):
    import random

    from kfcourse.journal.runs import run_entry
    from kfcourse.scenario.library import load_shipped
    from kfcourse.scenario.vectors import random_session

    scenario = load_shipped("discharge-delays").scenario
    first = store.add(run_entry(random_session(scenario, "doctor", random.Random(1))))
    swapped = Session(scenario, "patient")
    swapped.choose(1)
    entry = store.add(run_entry(swapped, related_entry=first["id"], relation="swap"))
    assert (entry["related_entry"], entry["relation"]) == (first["id"], "swap")
    swapped.choose(1)
    later = store.add(run_entry(swapped, previous=entry))
    assert later["id"] == entry["id"] and len(later["trace"]) > len(entry["trace"])
    assert (later["related_entry"], later["relation"]) == (first["id"], "swap")
    again = run_entry(swapped, related_entry=first["id"], relation="replay")
    assert again["relation"] == "replay"


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ({"related_entry": "0d8f7a52-4c55-4f8e-9a86-3c1e7f0b2a11", "relation": "copy"}, "swap"),
        ({"relation": "swap"}, "swap"),
        ({"related_entry": "0d8f7a52-4c55-4f8e-9a86-3c1e7f0b2a11"}, "swap"),
    ],
)
def test_a_link_must_be_a_swap_or_a_replay_of_a_named_run(link, reason):
    from kfcourse.journal.errors import JournalError
    from kfcourse.journal.runs import run_entry
    from kfcourse.journal.schema import entry_problems
    from kfcourse.scenario.library import load_shipped

    session = Session(load_shipped("unread-report").scenario, "doctor")
    with pytest.raises(JournalError, match=reason):
        run_entry(session, **link)
    # The schema refuses such an entry too (an import cannot bring one in).
    entry = {**run_entry(session), **link}
    if link.get("relation") == "copy" or "related_entry" not in link:
        assert entry_problems(entry)


@pytest.mark.parametrize("path", shipped_paths(), ids=lambda p: p.stem)
def test_disagreements_and_de_roling_refer_to_their_run(store, path):
    from kfcourse.journal.runs import derole_entry, disagreement_entry, run_entry

    scenario = load_file(path).scenario
    assert scenario is not None
    for session in _runs(scenario, seeds=range(2)):
        run = store.add(run_entry(session))
        for n, step in enumerate(run["trace"], 1):
            note = store.add(disagreement_entry(run, n, "<b>No</b>: *ask her* first"))
            assert note["kind"] == "exercise_answer" and note["exercise"] == "disagreement"
            assert note["related_entry"] == run["id"]
            assert note.get("question") == step["why"]  # None at an impasse: left out
            assert note["answer"] == {
                "step": n,
                "point": step["point"],
                "choice": step["choice"],
                "text": "<b>No</b>: *ask her* first",
            }
        derole = store.add(derole_entry(run, "I listen more than she did.", question="How?"))
        assert (derole["exercise"], derole["related_entry"]) == ("de-roling", run["id"])
        assert derole["answer"] == {"text": "I listen more than she did."}


def test_a_note_on_a_step_the_run_does_not_have_is_refused_with_a_reason():
    from kfcourse.journal.errors import JournalError
    from kfcourse.journal.runs import derole_entry, disagreement_entry, run_entry
    from kfcourse.journal.schema import entry_problems
    from kfcourse.scenario.library import load_shipped

    session = Session(load_shipped("clinic-codesign").scenario, "doctor")
    session.choose(1)
    run = run_entry(session)
    for step in (0, len(run["trace"]) + 1, True, "1"):
        with pytest.raises(JournalError, match="no step"):
            disagreement_entry(run, step, "x")
    with pytest.raises(JournalError, match="role-play run"):
        disagreement_entry({"kind": "reflection", "id": run["id"]}, 1, "x")
    with pytest.raises(JournalError, match="must be text"):
        derole_entry(run, None)  # type: ignore[arg-type]
    # A disagreement that names no run, or no step, does not fit the schema.
    note = disagreement_entry(run, 1, "x")
    assert entry_problems({k: v for k, v in note.items() if k != "related_entry"})
    assert entry_problems({**note, "answer": {"text": "x"}})


def test_a_blank_or_overlong_note_or_one_of_no_known_kind_is_refused_with_a_reason():
    from kfcourse.journal.errors import JournalError
    from kfcourse.journal.runs import NOTE_LIMIT, note_entry, run_entry
    from kfcourse.scenario.library import load_shipped

    session = Session(load_shipped("clinic-codesign").scenario, "doctor")
    session.choose(1)
    run = run_entry(session)
    for bad, reason in (
        ({"kind": "de-roling", "text": " \n "}, "Write something"),
        ({"kind": "disagreement", "step": 1, "text": "x" * (NOTE_LIMIT + 1)}, "at most"),
        ({"kind": "praise", "text": "x"}, "disagreement or the de-roling"),
        ("a note", "disagreement or the de-roling"),
        ({"kind": "disagreement", "step": None, "text": "x"}, "no step"),
    ):
        with pytest.raises(JournalError, match=reason):
            note_entry(run, bad)
    kept = note_entry(run, {"kind": "disagreement", "step": 1, "text": "x" * NOTE_LIMIT})
    assert kept["answer"]["text"] == "x" * NOTE_LIMIT and kept["related_entry"] == run["id"]

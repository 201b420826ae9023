"""Export and import: JSON is lossless, a second import changes nothing, newer copies win."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfcourse.journal import JournalStore, entries
from kfcourse.journal.exports import export_text, to_json
from tests.conftest import examples

from .support import sample_entries


def test_json_export_imports_into_an_empty_journal_unchanged(store, tmp_path):
    for entry in sample_entries():
        store.add(entry)
    exported = tmp_path / "download.json"
    exported.write_text(export_text(store.load(), "json"), encoding="utf-8")
    other = JournalStore(tmp_path / "second.json")
    report = other.import_file(exported)
    assert (report.added, report.updated, report.unchanged) == (6, 0, 0)
    assert other.entries() == store.entries()


def test_importing_twice_changes_nothing(store, tmp_path):
    source = JournalStore(tmp_path / "source.json")
    for entry in sample_entries():
        source.add(entry)
    data = to_json(source.load()).encode()
    first = store.import_bytes(data)
    snapshot = store.path.read_bytes()
    second = store.import_bytes(data)
    assert first.added == 6 and not second.changed and second.unchanged == 6
    assert store.path.read_bytes() == snapshot  # not even rewritten


def test_merge_keeps_both_sides_and_the_newer_copy(store, tmp_path):
    mine = store.add(entries.reflection(model="free", text="old words"))
    browser = JournalStore(tmp_path / "browser.json")
    browser.import_bytes(to_json(store.load()).encode())
    browser.add(entries.touched(mine, text="newer words from the website"))
    browser.add(entries.exercise_answer("web-only", 2, source="web"))
    store.add(entries.exercise_answer("jupyter-only", 1))
    report = store.import_bytes(to_json(browser.load()).encode())
    assert (report.added, report.updated) == (1, 1)
    texts = {e.get("text") for e in store.entries()}
    assert "newer words from the website" in texts and "old words" not in texts
    older = store.import_bytes(to_json({**browser.load(), "entries": [mine]}).encode())
    assert not older.changed  # an older copy never replaces a newer one


learner_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200
)


@settings(max_examples=examples(60), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(texts=st.lists(learner_text, min_size=1, max_size=5), name=st.none() | learner_text)
def test_any_text_round_trips_through_json(tmp_path_factory, texts, name):
    folder = tmp_path_factory.mktemp("rt")
    store = JournalStore(folder / "a.json")
    for text in texts:
        store.add(entries.reflection(model="free", prompt=text[:10], text=text))
    if name and name.strip():
        store.set_display_name(name)
    copy = JournalStore(folder / "b.json")
    copy.import_bytes(export_text(store.load(), "json").encode())
    assert copy.entries() == store.entries()
    assert [e["text"] for e in copy.entries()] == texts


def test_csv_has_one_row_per_entry_and_guards_formulas(store):
    for entry in sample_entries():
        store.add(entry)
    rows = list(csv.DictReader(io.StringIO(export_text(store.load(), "csv"))))
    assert [r["kind"] for r in rows] == [e["kind"] for e in store.entries()]
    free = next(r for r in rows if r["kind"] == "reflection" and "SUM" in r["text"])
    assert free["text"].startswith("'=SUM")  # a spreadsheet shows it, does not run it
    rating = next(r for r in rows if r["kind"] == "self_rating")
    assert rating["ratings"] == "ability-1=3; integrity-1=None"
    play = rows[0]
    assert (play["scenario_id"], play["side"], play["steps"]) == ("discharge-delays", "doctor",
                                                                 "2")  # fmt: skip


def test_markdown_has_every_entry(store):
    for entry in sample_entries():
        store.add(entry)
    text = export_text(store.load(), "md")
    assert text.count("\n## ") == 6
    assert "## Role-play: discharge-delays, as the doctor" in text
    assert "### Action plan" in text
    json.dumps(text)


def test_markdown_shows_a_run_as_a_transcript_with_its_notes_and_reflections(store):
    """The run, then what refers to it (a disagreement, the debrief reflection, the de-roling),
    whatever order they were written in; each reflection stage once; headings in words."""
    import random

    from kfcourse.journal.runs import derole_entry, disagreement_entry, run_entry
    from kfcourse.scenario.library import load_shipped
    from kfcourse.scenario.vectors import random_session

    scenario = load_shipped("unread-report").scenario
    run = store.add(run_entry(random_session(scenario, "patient", random.Random(2))))
    other = store.add(
        entries.reflection(
            model="gibbs_short",
            exercise="welcome-checkin",
            stages={"what_happened": "a", "feelings": "b"},
        )
    )
    step = len(run["trace"])
    disagree = store.add(disagreement_entry(run, step, "The key is <i>wrong</i> here."))
    debrief = store.add(
        entries.reflection(
            model="gibbs",
            exercise="ch08-roleplay-debrief",
            title="After the role-play: the unread report",
            related_entry=run["id"],
            stages={s: f"text of {s}" for s in
                    ("description", "feelings", "evaluation", "analysis", "conclusion",
                     "action_plan")},
        )
    )  # fmt: skip
    store.add(derole_entry(run, "I wait before I speak.", question="How do you differ?"))
    swap = store.add(
        run_entry(
            random_session(scenario, "doctor", random.Random(5)),
            related_entry=run["id"],
            relation="swap",
        )
    )
    text = export_text(store.load(), "md")
    top = [line for line in text.splitlines() if line.startswith("## ")]
    assert top == [
        f"## Role-play: {scenario.title}, as the patient partner",
        "## Reflection (Gibbs cycle, short form)",
        f"## Role-play: {scenario.title}, as the doctor",
    ]
    first, rest = text.split(top[1], 1)
    point = scenario.points[run["trace"][-1]["point"]].title
    under_run = [line for line in first.splitlines() if line.startswith("### ")]
    assert under_run == [
        "### The path",
        "### The meters",
        f"### Disagreement with the key at step {step}: {point}",
        "### Reflection: After the role-play: the unread report (Gibbs cycle)",
        "### De-roling: how I differ from my character",
    ]
    assert first.count("#### Feelings") == 1 and "welcome-checkin" not in text
    stages = [line for line in first.splitlines() if line.startswith("#### ")]
    assert stages == [f"#### {t}" for t in ("Description", "Feelings", "Evaluation", "Analysis",
                                            "Conclusion", "Action plan")]  # fmt: skip
    # The short form in its own order, each stage once.
    assert rest.split(top[2])[0].count("### ") == 2
    assert rest.index("### What happened?") < rest.index("### Feelings")
    assert f"- Ending: {scenario.endings[run['ending']].title}" in first
    assert "The key is \\<i\\>wrong\\</i\\> here." in first
    assert disagree["question"] and f"**The key said:** {disagree['question']}" in first.replace(
        "\\", ""
    )
    assert debrief["related_entry"] == run["id"] and other["exercise"] == "welcome-checkin"
    assert f"- Sides swapped after the run of {first.split('- When: ')[1].splitlines()[0]}" in (
        rest
    )
    assert swap["relation"] == "swap"

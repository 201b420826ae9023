"""The reflection form's saving rule (kfcourse.journal.reflections): one entry per reflection,
"Save as finished" replaces the draft, and a payload the journal does not take writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kfcourse.journal import JournalStore
from kfcourse.journal.reflections import (
    MODELS,
    ReflectionRefused,
    latest_draft,
    save_reflection,
)
from tests.conftest import examples
from tests.web_journal.reflection_vectors import payload


def test_a_draft_saved_again_and_finished_is_one_entry(store):
    first = save_reflection(store, payload())
    second = save_reflection(store, payload(entry=first["id"], stages={"feelings": "Heard."}))
    final = save_reflection(store, payload(entry=first["id"], draft=False))
    (entry,) = store.entries()
    assert first["id"] == second["id"] == final["id"] == entry["id"]
    assert entry["created"] == first["created"] and entry["updated"] > second["updated"]
    assert entry["draft"] is False and entry["source"] == "jupyter"
    assert entry["prompt"] == "Who had the authority, and who had the knowledge?"
    assert entry["stages"] == {"what_happened": "We met <b>twice</b> & agreed", "feelings": "",
                               "concept": "", "next": ""}  # fmt: skip


def test_a_finished_reflection_changed_later_stays_finished(store):
    first = save_reflection(store, payload(draft=False))
    save_reflection(store, payload(entry=first["id"], draft=True, stages={"next": "Ask"}))
    (entry,) = store.entries()
    assert entry["draft"] is False and entry["stages"]["next"] == "Ask"


def test_a_new_reflection_is_a_second_entry(store):
    save_reflection(store, payload(draft=False))
    save_reflection(store, payload(entry=None, stages={"next": "Another"}))
    assert len(store.entries()) == 2


def test_refusals_write_nothing_and_say_why(store):
    note = save_reflection(store, payload())
    for bad, reason in (
        (payload(stages={"next": "   "}), "write something in at least one box"),
        (payload(model="free"), "the model must be gibbs or gibbs_short"),
        (payload(stages={"action_plan": "x"}), "gibbs_short has no stage called action_plan"),
        (payload(entry="not-an-id"), "the entry must be an entry id"),
        (None, "the form sent nothing to save"),
    ):
        with pytest.raises(ReflectionRefused, match=reason):
            save_reflection(store, bad)
    assert store.entries() == [note]


def test_a_payload_naming_another_kind_of_entry_is_refused(store):
    from kfcourse.journal import entries

    answer = store.add(entries.exercise_answer("welcome-checkin", "Some"))
    with pytest.raises(ReflectionRefused, match="not a reflection"):
        save_reflection(store, payload(entry=answer["id"]))
    assert store.entries() == [answer]


def test_the_latest_draft_is_offered_back_and_a_finished_one_is_not(store):
    old = save_reflection(store, payload())
    new = save_reflection(store, payload(stages={"next": "newer"}))
    assert latest_draft(store.entries(), "ch1-reflect", "gibbs_short")["id"] == new["id"]
    save_reflection(store, payload(entry=new["id"], draft=False))
    assert latest_draft(store.entries(), "ch1-reflect", "gibbs_short")["id"] == old["id"]
    assert latest_draft(store.entries(), "ch1-reflect", "gibbs") is None


TEXT = st.text(st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=examples(15), deadline=None)
@given(
    model=st.sampled_from(sorted(MODELS)),
    variant=st.sampled_from(["clinician", "patient", None]),
    edits=st.lists(
        st.tuples(
            st.dictionaries(
                st.sampled_from(MODELS["gibbs"] + MODELS["gibbs_short"]), TEXT, max_size=3
            ),
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_any_run_of_saves_of_one_form_keeps_one_entry_with_the_last_text(
    tmp_path_factory: Any, model: str, variant: str | None, edits: list[Any]
) -> None:
    store = JournalStore(tmp_path_factory.mktemp("prop") / "journal.json")
    current: str | None = None
    last: dict[str, str] | None = None
    finished = False
    for stages, draft in edits:
        stages = {k: v for k, v in stages.items() if k in MODELS[model]}
        if not any(v.strip() for v in stages.values()):
            stages[MODELS[model][0]] = "x"  # a new reflection with nothing written is refused
        body = payload(model=model, variant=variant, stages=stages, draft=draft, entry=current)
        entry = save_reflection(store, body)
        current = entry["id"]
        last = {k: stages.get(k, "") for k in MODELS[model]}
        finished = finished or not draft
    (entry,) = store.entries()
    assert entry["stages"] == last and entry["draft"] is (not finished)

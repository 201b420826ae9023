"""Class exports: a stable pseudonym, no name, nothing that links two classes, and free text
only when the learner opts in. Fed with real runs and entries (tests.instructors.support)."""

from __future__ import annotations

import json
import re
import warnings

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from referencing import Registry, Resource

from kfcourse.journal import JournalError
from kfcourse.journal.privacy import class_export, pseudonym, to_day
from kfcourse.journal.schema import schema
from tests.conftest import examples
from tests.instructors.support import MARKUP, export, journal

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}T00:00:00Z$")


def _validate(data: dict) -> None:
    journal_schema = schema("journal")
    registry = Registry().with_resource(
        journal_schema["$id"], Resource.from_contents(journal_schema)
    )
    jsonschema.Draft202012Validator(schema("class"), registry=registry).validate(data)


def _strings(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values()), set())
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value), set())
    return set()


def test_pseudonym_is_stable_and_depends_on_name_and_salt():
    assert pseudonym("Blue Heron") == pseudonym("  blue   HERON ")
    assert pseudonym("Blue Heron") != pseudonym("Blue Herons")
    assert pseudonym("Blue Heron", salt="class-a") != pseudonym("Blue Heron", salt="class-b")
    assert len(pseudonym("x")) == 16
    with pytest.raises(JournalError, match="choose a name"):
        pseudonym("   ")


DOCUMENT = journal(3, text="My colleague Dr Real Name " + MARKUP)


def test_without_consent_no_free_text_titles_or_questions_leave():
    data = export({**DOCUMENT, "display_name": "Dr Real Name"}, "Blue Heron")
    _validate(data)
    text = json.dumps(data)
    for secret in ("Real Name", "alert", "uneasy", "scenario_title", "question", "<"):
        assert secret not in text, secret
    assert data["includes_free_text"] is False
    reflection = next(e for e in data["entries"] if e["kind"] == "reflection")
    assert reflection["word_counts"] == {"description": 8, "feelings": 1}
    answer = next(e for e in data["entries"] if e["kind"] == "exercise_answer")
    assert answer.get("answer_withheld") is True and "answer" not in answer


def test_with_consent_the_text_and_titles_are_included():
    data = export(DOCUMENT, "Blue Heron", include_free_text=True)
    _validate(data)
    text = json.dumps(data, ensure_ascii=False)
    assert "Dr Real Name" in text and "uneasy" in text and "scenario_title" in text


def test_a_run_carries_what_the_class_report_needs():
    data = export(DOCUMENT, "Blue Heron")
    runs = [e for e in data["entries"] if e["kind"] == "roleplay"]
    originals = [e for e in DOCUMENT["entries"] if e["kind"] == "roleplay"]
    assert len(runs) == len(originals)
    for mine, original in zip(runs, originals, strict=True):
        assert mine["side"] == original["side"] and mine["ending"] == original["ending"]
        assert mine["completed"] == original["completed"]
        assert [(s["point"], s["choice"], s["measures"]) for s in mine["trace"]] == [
            (s["point"], s["choice"], s["measures"]) for s in original["trace"]
        ]
        assert mine["measures_end"] == original["measures_end"]
    assert sorted(data["both_sides"]) == sorted({e["scenario_id"] for e in originals[:-1]})
    one_side = export(journal(3, both_sides=False), "Blue Heron")
    assert one_side["both_sides"] == []


def test_related_runs_stay_related_under_derived_ids():
    document = journal(5)
    first, second = document["entries"][0], document["entries"][1]
    second["related_entry"], second["relation"] = first["id"], "swap"
    data = export(document, "Kite")
    mine = {e["id"]: e for e in data["entries"]}
    related = data["entries"][1]
    assert related["relation"] == "swap" and related["related_entry"] in mine
    assert mine[related["related_entry"]]["side"] == first["side"]


def test_the_default_salt_is_warned_about(monkeypatch):
    monkeypatch.delenv("KFCOURSE_CLASS_SALT", raising=False)
    with pytest.warns(UserWarning, match="default salt"):
        data = class_export(DOCUMENT, "Blue Heron")
    assert data["default_salt"] is True
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert class_export(DOCUMENT, "Blue Heron", salt="code")["default_salt"] is False


@settings(max_examples=examples(25), deadline=None)
@given(
    seed=st.integers(0, 10_000),
    names=st.tuples(st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=20)),
    salts=st.tuples(st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=20)),
)
def test_two_exports_under_different_salts_share_no_id_pseudonym_or_exact_time(seed, names, salts):
    if salts[0] == salts[1] or not all(n.split() for n in names):
        return
    document = journal(seed % 7)
    one, two = (export(document, n, s) for n, s in zip(names, salts, strict=True))
    ids = [{e["id"] for e in x["entries"]} | {x["pseudonym"]} for x in (one, two)]
    assert not ids[0] & ids[1]
    assert not ids[0] & _strings(document) and not ids[1] & _strings(document)
    for data in (one, two):
        assert all(DAY.match(e["created"]) for e in data["entries"])
        assert DAY.match(data["exported"])
    # and one name under one salt gives the same export each time (a re-submission counts once)
    assert export(document, names[0], salts[0])["entries"] == one["entries"]


def test_times_are_cut_to_the_day():
    assert to_day("2026-11-26T23:59:59.999999Z") == "2026-11-26T00:00:00Z"
    assert to_day("2026-11-26T00:30:00+01:00") == "2026-11-25T00:00:00Z"
    assert to_day("yesterday") is None

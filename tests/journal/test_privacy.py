"""Class exports: a stable pseudonym, no name, and free text only when the learner opts in."""

from __future__ import annotations

import json

import jsonschema
import pytest
from referencing import Registry, Resource

from kfcourse.journal import JournalError
from kfcourse.journal.privacy import class_export, pseudonym
from kfcourse.journal.schema import schema

from .support import sample_entries

DOCUMENT = {
    "format": "kfcourse-journal",
    "schema_version": 1,
    "display_name": "Dr Real Name",
    "entries": sample_entries(),
}


def _validate(export: dict) -> None:
    journal = schema("journal")
    registry = Registry().with_resource(journal["$id"], Resource.from_contents(journal))
    jsonschema.Draft202012Validator(schema("class"), registry=registry).validate(export)


def test_pseudonym_is_stable_and_depends_on_name_and_salt():
    assert pseudonym("Blue Heron") == pseudonym("  blue   HERON ")
    assert pseudonym("Blue Heron") != pseudonym("Blue Herons")
    assert pseudonym("Blue Heron", salt="class-a") != pseudonym("Blue Heron", salt="class-b")
    assert len(pseudonym("x")) == 16
    with pytest.raises(JournalError, match="choose a name"):
        pseudonym("   ")


def test_class_export_without_consent_has_no_free_text_and_no_name():
    export = class_export(DOCUMENT, "Blue Heron")
    _validate(export)
    text = json.dumps(export)
    for secret in ("Dr Real Name", "decide", "Tolerated", "SUM", "bed manager", "Who led"):
        assert secret not in text, secret
    assert export["includes_free_text"] is False
    reflection = next(e for e in export["entries"] if e["kind"] == "reflection")
    assert reflection["word_counts"] == {"description": 6, "feelings": 5, "action_plan": 3}
    play = export["entries"][0]
    assert play["measures_end"] == {"power": 2, "trust": 2} and len(play["trace"]) == 2
    answer = export["entries"][-1]
    assert answer.get("answer_withheld") is True and "answer" not in answer


def test_class_export_with_consent_includes_the_text():
    export = class_export(DOCUMENT, "Blue Heron", include_free_text=True)
    _validate(export)
    text = json.dumps(export)
    assert "decide" in text and "bed manager" in text
    assert "Dr Real Name" not in text

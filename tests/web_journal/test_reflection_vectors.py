"""The reflection form's vectors are what the Python rules make now (so the JavaScript twin,
tested by tests/js/reflection-form.test.mjs, is checked against today's rules, not old ones)."""

from __future__ import annotations

from tests.web_journal.reflection_vectors import VECTORS, text


def test_the_vectors_are_up_to_date():
    assert VECTORS.read_text(encoding="utf-8") == text(), (
        "tests/web_journal/reflection-vectors.json is stale: run "
        "`.venv/bin/python -m tests.web_journal.reflection_vectors` and commit it"
    )


def test_the_checkin_vectors_are_up_to_date():
    from tests.web_journal import checkin_vectors

    assert checkin_vectors.VECTORS.read_text(encoding="utf-8") == checkin_vectors.text(), (
        "tests/web_journal/checkin-vectors.json is stale: run "
        "`.venv/bin/python -m tests.web_journal.checkin_vectors` and commit it"
    )

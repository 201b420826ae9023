"""Migration from the version-0 fixture: on import and when found on disk."""

from __future__ import annotations

import json

import pytest

from kfcourse.journal import JournalNotice
from kfcourse.journal.migrations import MIGRATIONS, migrate
from kfcourse.journal.reading import read_document
from kfcourse.journal.schema import SCHEMA_VERSION

from .support import V0_FIXTURE


def test_every_earlier_version_has_a_migration():
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))


def test_v0_fixture_migrates_to_a_valid_current_journal():
    document, version = read_document(V0_FIXTURE.read_bytes())
    assert version == 0 and document["schema_version"] == SCHEMA_VERSION
    kinds = [e["kind"] for e in document["entries"]]
    assert kinds == ["roleplay", "roleplay", "reflection", "reflection", "self_rating",
                     "self_rating"]  # fmt: skip
    play = document["entries"][0]
    assert play["side"] == "doctor" and document["entries"][2]["variant"] == "clinician"
    assert [s["choice"] for s in play["trace"]] == ["share-data", "invite-ruth", "agree-small-win"]
    assert play["measures_end"] == {"power": 3, "trust": 4, "understanding": 3}
    assert play["created"].startswith("2025-11-24T16:01:40")
    gibbs = document["entries"][2]
    assert (
        gibbs["stages"]["feelings"] == "Uneasy when she questioned the <em>discharge</em> figures."
    )
    before, after = document["entries"][4:]
    assert (before["moment"], after["moment"]) == ("before", "after")
    assert after["items"][2] == {"item": "integrity-1", "value": None}
    assert document["display_name"] == "Sam <b>Okafor</b>"


def test_migrated_ids_are_stable_so_reimport_adds_nothing(store):
    first = store.import_file(V0_FIXTURE)
    assert first.added == 6 and first.migrated_from == 0
    again = store.import_file(V0_FIXTURE)
    assert not again.changed and again.unchanged == 6


def test_old_journal_on_disk_is_upgraded_and_the_original_kept(store):
    store.path.write_bytes(V0_FIXTURE.read_bytes())
    with pytest.warns(JournalNotice, match="older format"):
        held = store.entries()
    assert len(held) == 6
    assert json.loads(store.path.read_text())["schema_version"] == SCHEMA_VERSION
    (backup,) = store.backups()
    assert backup.name.endswith(".v0.kfbak")
    assert backup.read_bytes() == V0_FIXTURE.read_bytes()
    assert store.entries() == held  # the upgrade happened once


def test_damaged_v0_is_refused_with_a_reason():
    from kfcourse.journal import RefusedFile

    with pytest.raises(RefusedFile, match="sessions"):
        migrate({"app": "kfcourse", "version": 0, "sessions": "oops"})

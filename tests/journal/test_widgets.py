"""The Jupyter faces: the Gibbs reflection saves drafts as you type; download and restore work.

Learner text shown back in a widget's HTML is escaped, never markup.
"""

from __future__ import annotations

import base64
import re
import time

import pytest

from kfcourse.journal import JournalNotice
from kfcourse.journal.exports import export_text
from kfcourse.widgets.journal_controls import ClassExportControls, JournalControls
from kfcourse.widgets.reflection import Debouncer, GibbsReflection, prompts

from .support import V0_FIXTURE, files_snapshot, sample_entries

MARKUP = "<img src=x onerror=alert(1)> <b>bold</b> & <script>alert(2)</script>"


def test_prompt_file_has_every_stage_of_the_schema():
    variants = prompts()["variants"]
    full = ["description", "feelings", "evaluation", "analysis", "conclusion", "action_plan"]
    for name in ("clinician", "patient"):
        assert [s["key"] for s in variants[name]["stages"]] == full
    assert [s["key"] for s in variants["short"]["stages"]] == [
        "what_happened", "feelings", "concept", "next"
    ]  # fmt: skip


def test_typing_saves_one_draft_entry_that_follows_the_text(store):
    widget = GibbsReflection("patient", store=store, exercise="ch08-scenario-a")
    widget.boxes["description"].value = "We met on the ward."
    widget.flush()
    (draft,) = store.entries()
    assert draft["draft"] is True and draft["variant"] == "patient"
    assert draft["stages"]["description"] == "We met on the ward."
    widget.boxes["feelings"].value = "Tolerated, at first."
    widget.flush()
    (draft,) = store.entries()
    assert draft["stages"]["feelings"] == "Tolerated, at first."
    widget.save(final=True)
    (final,) = store.entries()
    assert final["draft"] is False and final["exercise"] == "ch08-scenario-a"
    assert "Saved as finished" in widget.status.value


def test_switching_role_changes_prompts_and_is_saved(store):
    widget = GibbsReflection("clinician", store=store)
    clinician_prompt = widget.prompts["feelings"].value
    widget.boxes["description"].value = "x"
    widget.role.value = "patient"
    assert widget.prompts["feelings"].value != clinician_prompt
    widget.flush()
    assert store.entries()[0]["variant"] == "patient"


def test_drafts_save_themselves_after_a_pause(store):
    widget = GibbsReflection("short", store=store, delay=0.1, max_wait=1.0)
    widget.boxes["what_happened"].value = "I stayed quiet."
    deadline = time.monotonic() + 5
    while not store.entries() and time.monotonic() < deadline:
        time.sleep(0.05)
    (entry,) = store.entries()
    assert entry["model"] == "gibbs_short" and entry["stages"]["what_happened"] == "I stayed quiet."


def test_continuous_typing_still_saves_every_few_seconds():
    fired = []
    debouncer = Debouncer(lambda: fired.append(time.monotonic()), delay=0.3, max_wait=0.4)
    start = time.monotonic()
    while time.monotonic() - start < 1.3:  # keep "typing" faster than the pause
        debouncer.trigger()
        time.sleep(0.05)
    assert len(fired) >= 2, "a long burst of typing must not postpone saving for ever"
    debouncer.flush()


def test_blank_reflection_is_not_saved(store):
    widget = GibbsReflection(store=store)
    assert widget.save(final=True) is None
    assert store.entries() == []
    assert "Write something" in widget.status.value


def test_learner_markup_is_escaped_in_the_widget(store):
    widget = GibbsReflection("clinician", store=store)
    widget.boxes["description"].value = MARKUP
    widget.save(final=True)
    shown = widget.preview.value
    assert "<img" not in shown and "<script" not in shown and "<b>" not in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown and "&amp;" in shown


def _link_payloads(html_text: str) -> dict[str, bytes]:
    found = re.findall(r'download="([^"]+)" href="data:[^;]+;charset=utf-8;base64,([^"]+)"',
                       html_text)  # fmt: skip
    return {name: base64.b64decode(data) for name, data in found}


def test_download_links_carry_the_exports_and_refresh_on_save(store):
    controls = JournalControls(store)
    assert "holds 0 entries" in controls.links.value
    for entry in sample_entries():
        store.add(entry)
    controls.refresh()
    payloads = _link_payloads(controls.links.value)
    document = store.load()
    for fmt, name in (("json", "kfcourse-journal.json"), ("md", "kfcourse-journal.md"),
                      ("csv", "kfcourse-journal.csv")):  # fmt: skip
        assert payloads[name].decode() == export_text(document, fmt)
    assert "<script>" not in controls.links.value  # learner text is inside base64 only
    controls.close()


def test_links_refresh_themselves_when_this_kernel_writes(store):
    controls = JournalControls(store, compact=True)
    store.add(sample_entries()[0])
    deadline = time.monotonic() + 5
    while "holds 1 entry" not in controls.links.value and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "holds 1 entry" in controls.links.value
    controls.close()


def _uploaded(name: str, data: bytes) -> tuple[dict, ...]:
    """What FileUpload holds after the learner picks a file."""
    import datetime

    when = datetime.datetime.now(datetime.UTC)
    return ({"name": name, "type": "application/json", "size": len(data),
             "content": memoryview(data), "last_modified": when},)  # fmt: skip


def test_upload_restores_and_refuses_with_reason(store, tmp_path):
    controls = JournalControls(store)
    controls.upload.value = _uploaded("old.json", V0_FIXTURE.read_bytes())
    assert "Restored from old.json: 6 added" in controls.status.value
    assert controls.upload.value == ()
    before = files_snapshot(store)
    evil = b'{"format": "<b>evil</b>"}'
    controls.upload.value = _uploaded("<i>x</i>.json", evil)
    assert "not imported" in controls.status.value and "Your journal is unchanged" in (
        controls.status.value
    )
    assert "<b>" not in controls.status.value and "<i>" not in controls.status.value
    assert files_snapshot(store) == before
    controls.close()


def test_backups_are_offered_for_download(store):
    store.path.write_bytes(b"{ not a journal")
    with pytest.warns(JournalNotice):
        controls = JournalControls(store)
    assert "Backups kept" in controls.backups.value
    (backup,) = store.backups()
    assert _link_payloads(controls.backups.value)[backup.name] == b"{ not a journal"
    controls.close()


def test_class_export_controls_need_a_name_and_respect_consent(store):
    for entry in sample_entries():
        store.add(entry)
    controls = ClassExportControls(store)
    controls.build()
    assert "choose a name" in controls.result.value
    controls.name.value = "Blue Heron"
    controls.build()
    (payload,) = _link_payloads(controls.result.value).values()
    assert b"decide" not in payload and b"Blue Heron" not in payload
    controls.consent.value = True
    controls.build()
    (payload,) = _link_payloads(controls.result.value).values()
    assert b"decide" in payload


def test_an_unfinished_draft_comes_back_when_the_exercise_reopens(store):
    first = GibbsReflection("patient", store=store, exercise="ch08-a")
    first.boxes["feelings"].value = "Heard, mostly."
    first.flush()
    again = GibbsReflection("clinician", store=store, exercise="ch08-a")
    assert again.boxes["feelings"].value == "Heard, mostly."
    assert again.role.value == "patient" and "draft is back" in again.status.value
    again.boxes["analysis"].value = "Expert power."
    again.flush()
    (entry,) = store.entries()  # still one entry, carried on
    assert entry["stages"]["analysis"] == "Expert power." and entry["draft"] is True
    again.save(final=True)
    fresh = GibbsReflection("patient", store=store, exercise="ch08-a")
    assert fresh.texts() == {}  # a finished reflection is not reopened as a draft
    other = GibbsReflection("short", store=store, exercise="ch08-a")
    assert other.texts() == {}

"""The Jupyter faces: the Gibbs reflection's saves reach the journal as Python decides (one entry
per reflection); download and restore work.

Learner text shown back in a widget's HTML is escaped, never markup.
"""

from __future__ import annotations

import base64
import re
import time
from pathlib import Path

import pytest

import kfcourse
from kfcourse.journal import JournalNotice
from kfcourse.journal.exports import export_text
from kfcourse.widgets.journal_controls import ClassExportControls, JournalControls
from kfcourse.widgets.reflection import GibbsReflection

from .support import V0_FIXTURE, files_snapshot, sample_entries

MARKUP = "<img src=x onerror=alert(1)> <b>bold</b> & <script>alert(2)</script>"


def _payload(
    widget: GibbsReflection,
    stages: dict[str, str],
    *,
    draft: bool = True,
    entry: str | None = None,
    variant: str | None = None,
) -> dict:
    """What the form's view sends to the widget for a save (kfcourse/web/reflection/README.md)."""
    options = widget.options
    return {
        "exercise": options["exercise"], "title": options["title"],
        "question": options["question"], "related_entry": options["relatedEntry"],
        "model": "gibbs_short" if widget.variant == "short" else "gibbs",
        "variant": variant, "stages": stages, "draft": draft, "entry": entry,
    }  # fmt: skip


def _sent(widget: GibbsReflection, monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    sent: list[dict] = []
    monkeypatch.setattr(widget, "send", lambda content, buffers=None: sent.append(content))
    return sent


def test_the_widget_carries_the_form_and_its_words(store):
    widget = GibbsReflection("short", store=store, exercise="ch1-reflect", question="Who led?")
    dist = Path(kfcourse.__file__).parent / "web" / "dist"
    assert widget._esm == (dist / "reflection.mjs").read_text(encoding="utf-8")  # the one form
    assert widget._css == (dist / "reflection.css").read_text(encoding="utf-8")
    assert widget.options["question"] == "Who led?" and widget.options["variant"] == "short"
    assert [s["key"] for s in widget.messages["variants"]["short"]["stages"]] == [
        "what_happened", "feelings", "concept", "next"
    ]  # fmt: skip
    with pytest.raises(ValueError, match="variant must be one of"):
        GibbsReflection("doctor", store=store)


def test_a_draft_then_save_as_finished_is_one_entry(store, monkeypatch):
    widget = GibbsReflection("patient", store=store, exercise="ch08-scenario-a")
    sent = _sent(widget, monkeypatch)
    first = {"description": "We met on the ward."}
    widget._on_msg(widget, {"type": "save", "request": 1,
                            "payload": _payload(widget, first, variant="patient")}, [])  # fmt: skip
    assert sent[-1]["ok"] is True and sent[-1]["request"] == 1
    (draft,) = store.entries()
    assert draft["draft"] is True and draft["variant"] == "patient"
    finished = _payload(widget, {**first, "feelings": "Tolerated."}, draft=False,
                        entry=sent[-1]["entry"]["id"], variant="patient")  # fmt: skip
    widget._on_msg(widget, {"type": "save", "request": 2, "payload": finished}, [])
    (entry,) = store.entries()  # replaced, never a second copy
    assert entry["id"] == draft["id"] and entry["created"] == draft["created"]
    assert entry["draft"] is False and entry["stages"]["feelings"] == "Tolerated."


def test_a_refused_save_is_answered_with_its_reason_and_writes_nothing(store, monkeypatch):
    widget = GibbsReflection("short", store=store, exercise="ch1-reflect")
    sent = _sent(widget, monkeypatch)
    bad = _payload(widget, {"description": "not a short-form stage"})
    widget._on_msg(widget, {"type": "save", "request": 7, "payload": bad}, [])
    assert sent == [{"type": "saved", "request": 7, "ok": False,
                     "reason": "gibbs_short has no stage called description"}]  # fmt: skip
    widget._on_msg(widget, {"type": "save", "request": 8,
                            "payload": _payload(widget, {"next": "  "})}, [])  # fmt: skip
    assert sent[-1]["ok"] is False and "write something" in sent[-1]["reason"]
    assert store.entries() == []


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
    first = GibbsReflection("choose", store=store, exercise="ch08-a")
    saved = first.save(_payload(first, {"feelings": "Heard, mostly."}, variant="patient"))
    again = GibbsReflection("choose", store=store, exercise="ch08-a")
    assert again.restored is not None and again.restored["id"] == saved["id"]
    assert again.restored["stages"]["feelings"] == "Heard, mostly."
    again.save(_payload(again, {"feelings": "Heard."}, draft=False, entry=saved["id"]))
    (entry,) = store.entries()
    assert entry["draft"] is False
    assert GibbsReflection("choose", store=store, exercise="ch08-a").restored is None
    assert GibbsReflection("short", store=store, exercise="ch08-a").restored is None

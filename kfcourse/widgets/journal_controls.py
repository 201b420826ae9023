"""Download and restore the journal from any exercise: one click to keep your work safe.

Downloads are plain links carrying the file in a `data:` address, so they work in JupyterLab,
Voilà and Binder with nothing sent anywhere; the links refresh themselves whenever this
kernel writes to the journal. Restoring uses an upload box and the journal's own import
(checked first, merged without duplicates, refused with the reason).
"""

from __future__ import annotations

import base64
import html
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from kfcourse.journal import JournalError, JournalStore, RefusedFile
from kfcourse.journal.exports import FILE_NAMES, MEDIA_TYPES, class_export_text, export_text
from kfcourse.journal.store import on_change
from kfcourse.widgets.style import course_style

LABELS = {"json": "JSON (to keep or restore)", "md": "Markdown (portfolio)", "csv": "CSV"}


def data_link(text: str | bytes, filename: str, media_type: str, label: str) -> str:
    """An HTML link that downloads `text` as `filename` (no server involved)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="kf-download" download="{html.escape(filename)}" '
        f'href="data:{media_type};charset=utf-8;base64,{encoded}">{html.escape(label)}</a>'
    )


class JournalControls(widgets.VBox):
    """Download links (JSON, Markdown, CSV), an upload to restore, and any backups on offer.

    `compact=True` gives just the JSON link and a refresh button, for the foot of an exercise.
    """

    def __init__(self, store: JournalStore | None = None, *, compact: bool = False) -> None:
        self.store = store if store is not None else JournalStore()
        self.compact = compact
        self.links = widgets.HTML()
        self.links.add_class("kf-journal-links")
        self.refresh_button = widgets.Button(
            description="Refresh the download",
            tooltip="Include entries written in other notebooks",
            layout=widgets.Layout(width="auto"),
        )
        self.refresh_button.on_click(lambda _: self.refresh())
        self.status = widgets.HTML()
        children: list[widgets.Widget] = [course_style(), self.links, self.refresh_button]
        self.backups = widgets.HTML()
        if not compact:
            self.upload = widgets.FileUpload(
                accept=".json,application/json",
                multiple=False,
                description="Restore from a file",
                tooltip="Merge a journal file you downloaded (from here or the course website)",
                layout=widgets.Layout(width="auto"),
            )
            self.upload.observe(self._uploaded, "value")
            restore = widgets.HTML(
                "<p>To restore, choose a journal file (<code>.json</code>) you downloaded here "
                "or from the course website. Entries you already have are not repeated.</p>"
            )
            children += [restore, self.upload, self.backups]
        children.append(self.status)
        super().__init__(children)
        self.add_class("kf-widget")
        self.add_class("kf-journal-controls")
        self._pending: threading.Timer | None = None
        self._unsubscribe = on_change(self._journal_changed)
        self.refresh()

    def close(self) -> None:
        self._unsubscribe()
        super().close()

    def _journal_changed(self, path: Path) -> None:
        if path != self.store.path:
            return
        if self._pending is not None:
            self._pending.cancel()
        self._pending = threading.Timer(1.0, self.refresh)  # debounced: typing saves often
        self._pending.daemon = True
        self._pending.start()

    def refresh(self) -> None:
        """Rebuild the links from the journal as it is now."""
        try:
            self.store.compact()
            document = self.store.load()
        except JournalError as exc:
            self._say(f"The journal cannot be read: {exc}")
            return
        count = len(document["entries"])
        stamp = datetime.now().strftime("%H:%M")
        formats = ("json",) if self.compact else ("json", "md", "csv")
        items = []
        for fmt in formats:
            text = export_text(document, fmt)
            label = f"Download my journal: {LABELS[fmt]}"
            items.append(f"<li>{data_link(text, FILE_NAMES[fmt], MEDIA_TYPES[fmt], label)}</li>")
        self.links.value = (
            f"<p>Your journal holds {count} {'entry' if count == 1 else 'entries'} "
            f"(as of {stamp}). It is kept in <code>{html.escape(self.store.path.name)}</code> "
            "in this folder and is never sent anywhere. Download a copy before you close a "
            "Binder session.</p>"
            f"<ul>{''.join(items)}</ul>"
        )
        if not self.compact:
            self._show_backups()

    def _show_backups(self) -> None:
        found = self.store.backups()
        if not found:
            self.backups.value = ""
            return
        items = "".join(
            f"<li>{data_link(p.read_bytes(), p.name, 'application/octet-stream', p.name)}</li>"
            for p in found
        )
        self.backups.value = (
            "<div class='kf-journal-backups' role='note'><p><strong>Backups kept.</strong> A "
            "journal file that could not be read, or an older version of it, was put aside, "
            "unchanged. Download it to keep it; if it is a journal, you can restore it above."
            f"</p><ul>{items}</ul></div>"
        )

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        name = str(upload.get("name", "the file"))
        try:
            report = self.store.import_bytes(bytes(upload["content"]))
        except RefusedFile as exc:
            self._say(f"{name} was not imported: {exc}. Your journal is unchanged.")
        except JournalError as exc:
            self._say(f"{name} was not imported: {exc}")
        else:
            self._say(f"Restored from {name}: {report.summary()}.")
            self.refresh()
        finally:
            self.upload.unobserve(self._uploaded, "value")
            self.upload.value = ()
            self.upload.observe(self._uploaded, "value")

    def _say(self, message: str) -> None:
        self.status.value = f"<p role='status' aria-live='polite'>{html.escape(message)}</p>"


class ClassExportControls(widgets.VBox):
    """Make a pseudonymised class export: a chosen name, a consent box for free text, a link."""

    def __init__(self, store: JournalStore | None = None) -> None:
        self.store = store if store is not None else JournalStore()
        self.name = widgets.Text(
            description="A name you choose:",
            placeholder="any name you will remember",
            style={"description_width": "initial"},
        )
        self.consent = widgets.Checkbox(
            value=False,
            description="Include my written reflections and answers",
            indent=False,
        )
        self.make = widgets.Button(
            description="Make my class export", layout=widgets.Layout(width="auto")
        )
        self.make.on_click(lambda _: self.build())
        self.result = widgets.HTML()
        intro = widgets.HTML(
            "<p>For a class report, your instructor can ask for a <em>class export</em>. It "
            "shows you only by a code made from the name you type here (the name itself is not "
            "in the file). Your written words are left out unless you tick the box. You hand "
            "the file over yourself; nothing is sent.</p>"
        )
        super().__init__([course_style(), intro, self.name, self.consent, self.make, self.result])
        self.add_class("kf-widget")

    def build(self) -> None:
        try:
            document = self.store.load()
            text = class_export_text(
                document, self.name.value, include_free_text=self.consent.value
            )
        except JournalError as exc:
            self.result.value = f"<p role='status'>{html.escape(str(exc))}</p>"
            return
        link = data_link(
            text, FILE_NAMES["class"], MEDIA_TYPES["class"], "Download my class export"
        )
        words = "with" if self.consent.value else "without"
        self.result.value = f"<p role='status'>Ready, {words} your written words: {link}</p>"


def journal_controls(store: JournalStore | None = None, *, compact: bool = False
                     ) -> JournalControls:  # fmt: skip
    """Download and restore controls for the journal (see JournalControls)."""
    return JournalControls(store, compact=compact)


def download_button(store: JournalStore | None = None) -> JournalControls:
    """The one-link version for the foot of every exercise."""
    return JournalControls(store, compact=True)

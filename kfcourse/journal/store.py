"""The journal on disk: one JSON file, written atomically under a lock, never lost.

Layout, for a journal at `kfcourse-journal.json` (the default, in the working folder):

* `kfcourse-journal.json`: the whole journal, always a complete document. It is only ever
  replaced by renaming a fully written, fsynced temporary file over it.
* `.kfcourse-journal.json.wal`: recent entries, one JSON object per line, appended and fsynced
  one at a time so an append costs well under a millisecond however big the journal is. A line
  counts only once its newline is written, so a write cut short is simply not there.
  When the log grows past a quarter of the journal (or on `compact()`, export and import) it is
  folded into the journal file and removed. Replaying it twice changes nothing, because
  entries merge by id and the later `updated` wins.
* `.kfcourse-journal.json.lock`: the lock every reader and writer holds, so two kernels lose
  nothing.

A file that cannot be read is never overwritten: it is renamed to
`kfcourse-journal.json.<time>.kfbak`, the learner is told, and `backups()` lists it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kfcourse.journal.clock import new_id, now
from kfcourse.journal.entries import Entry, check_entry
from kfcourse.journal.errors import (
    JournalBusy,
    JournalError,
    JournalNotice,
    NewerVersion,
    RefusedFile,
)
from kfcourse.journal.merge import merge_entries
from kfcourse.journal.reading import dumps_document, quick_check, read_document, read_own_file
from kfcourse.journal.schema import FORMAT, SCHEMA_VERSION

ENV_VAR = "KFCOURSE_JOURNAL"
DEFAULT_NAME = "kfcourse-journal.json"
BACKUP_SUFFIX = ".kfbak"
_VERSION_AT_HEAD = re.compile(rb'"schema_version"\s*:\s*(-?\d+)')


_LISTENERS: list[Callable[[Path], None]] = []


def on_change(callback: Callable[[Path], None]) -> Callable[[], None]:
    """Call `callback(journal_path)` after this process changes any journal; returns an undo.

    Lets a face (a download link, say) refresh itself without the core knowing about it.
    """
    _LISTENERS.append(callback)
    return lambda: _LISTENERS.remove(callback) if callback in _LISTENERS else None


def _changed(path: Path) -> None:
    for callback in list(_LISTENERS):
        with contextlib.suppress(Exception):  # a broken face must never break a save
            callback(path)


def _sync_data(fd: int) -> None:
    """Flush a file's data (and its size) to disk; fdatasync where the system has it."""
    (getattr(os, "fdatasync", None) or os.fsync)(fd)


def default_path() -> Path:
    """Where the journal lives: $KFCOURSE_JOURNAL, else kfcourse-journal.json in this folder."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return Path(configured).expanduser() if configured else Path.cwd() / DEFAULT_NAME


def _course_version() -> str:
    from kfcourse import __version__

    return __version__


def empty_document() -> dict[str, Any]:
    """A new journal with no entries."""
    stamp = now()
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "journal_id": new_id(),
        "created": stamp,
        "updated": stamp,
        "course_version": _course_version(),
        "entries": [],
    }


@dataclass
class ImportReport:
    """What an import did: entries added, updated (a newer copy arrived) and already present."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    migrated_from: int | None = None

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)

    def summary(self) -> str:
        """One line for the learner, e.g. "3 entries added, 1 updated, 5 already there"."""
        text = f"{self.added} added, {self.updated} updated, {self.unchanged} already there"
        if self.migrated_from is not None:
            text += f" (converted from the older journal format {self.migrated_from})"
        return text


@dataclass
class _State:
    document: dict[str, Any]
    main_exists: bool
    wal_entries: int = 0
    wal_damaged: bool = False
    needs_rewrite: bool = False
    notes: list[str] = field(default_factory=list)


class JournalStore:
    """The learner's journal file. Every method re-reads the disk, so several kernels can share it.

    `compact_ratio`: fold the log into the journal file once the log is larger than
    1/`compact_ratio` of it (and at least `compact_min_bytes`).
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        lock_timeout: float = 15.0,
        compact_ratio: int = 4,
        compact_min_bytes: int = 8192,
    ) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.path = self.path.absolute()
        folder, name = self.path.parent, self.path.name
        self.wal_path = folder / f".{name}.wal"
        self.lock_path = folder / f".{name}.lock"
        self.lock_timeout = lock_timeout
        self.compact_ratio = compact_ratio
        self.compact_min_bytes = compact_min_bytes
        self.notices: list[str] = []
        self._lock: Any = None

    def __repr__(self) -> str:
        return f"JournalStore({str(self.path)!r})"

    # ----------------------------------------------------------------- locking
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the journal's lock (re-entrant within a thread)."""
        from filelock import FileLock, Timeout

        if self._lock is None:
            if not self.path.parent.is_dir():
                raise JournalError(f"the folder for the journal does not exist: {self.path.parent}")
            self._lock = FileLock(str(self.lock_path), timeout=self.lock_timeout)
        try:
            self._lock.acquire()
        except Timeout:
            raise JournalBusy(
                f"the journal is in use by another program for more than {self.lock_timeout:g} s "
                f"(lock {self.lock_path.name}); close other notebooks using it and try again"
            ) from None
        try:
            yield
        finally:
            self._lock.release()

    # ----------------------------------------------------------------- reading
    def _notice(self, message: str) -> None:
        self.notices.append(message)
        warnings.warn(message, JournalNotice, stacklevel=4)

    def _move_aside(self, path: Path, reason: str, what: str) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = path.with_name(f"{self.path.name}.{stamp}{BACKUP_SUFFIX}")
        counter = 1
        while target.exists():
            counter += 1
            target = path.with_name(f"{self.path.name}.{stamp}-{counter}{BACKUP_SUFFIX}")
        try:
            os.rename(path, target)
        except OSError as exc:
            raise JournalError(
                f"{what} {path.name} could not be read ({reason}) and could not be moved aside "
                f"({exc.strerror}); nothing was changed. Copy it somewhere safe, then remove it"
            ) from None
        self._fsync_folder()
        self._notice(
            f"{what} {path.name} could not be read ({reason}). It has been kept, unchanged, as "
            f"{target.name}; your journal carries on without it. Open or import the backup "
            "once it is repaired, or show it to your instructor."
        )
        return target

    def _check_not_newer(self) -> None:
        """Refuse to write when a newer course wrote the file (cheap: reads its first bytes)."""
        try:
            with open(self.path, "rb") as handle:
                head = handle.read(512)
        except FileNotFoundError:
            return
        except OSError:
            return  # unreadable files are dealt with (moved aside) by the next full read
        match = _VERSION_AT_HEAD.search(head)
        if match and int(match.group(1)) > SCHEMA_VERSION:
            raise NewerVersion(
                f"{self.path.name} was written by a newer version of the course (schema "
                f"{int(match.group(1))}); update kfcourse before writing to it"
            )

    def _read_main(self) -> tuple[dict[str, Any], bool, bool]:
        """(document, existed, needs_rewrite). Moves an unreadable file aside."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return empty_document(), False, False
        except IsADirectoryError:
            raise JournalError(f"{self.path} is a folder, not a journal file") from None
        except OSError as exc:
            self._move_aside(self.path, exc.strerror or "it cannot be opened", "Your journal file")
            return empty_document(), False, False
        try:
            document, version = read_own_file(data)
        except NewerVersion:
            raise  # a newer course's journal is fine; it is never touched
        except RefusedFile as exc:
            self._move_aside(self.path, str(exc), "Your journal file")
            return empty_document(), False, False
        migrated = version != SCHEMA_VERSION
        if migrated:
            backup = self.path.with_name(f"{self.path.name}.v{version}{BACKUP_SUFFIX}")
            if not backup.exists():
                backup.write_bytes(data)
            self._notice(
                f"Your journal was in an older format (version {version}); it has been brought "
                f"up to date and the original kept as {backup.name}."
            )
        return document, True, migrated

    def _read_wal(self) -> tuple[list[Entry], bool]:
        """Entries in the log, in order, and whether a damaged line was found."""
        try:
            data = self.wal_path.read_bytes()
        except FileNotFoundError:
            return [], False
        except OSError:
            return [], True
        end = data.rfind(b"\n")
        entries: list[Entry] = []
        damaged = False
        for line in data[: end + 1].splitlines():
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                quick_check({"entries": [entry]})
            except (ValueError, RefusedFile, RecursionError):
                damaged = True
                continue
            entries.append(entry)
        return entries, damaged

    def _state(self) -> _State:
        """The journal as it stands (call with the lock held)."""
        document, existed, needs_rewrite = self._read_main()
        wal_entries, damaged = self._read_wal()
        if wal_entries:
            merged = merge_entries(document["entries"], wal_entries, tie_to_incoming=True)
            document["entries"] = merged.entries
        return _State(document, existed, len(wal_entries), damaged, needs_rewrite)

    def load(self) -> dict[str, Any]:
        """The whole journal as a document (format, schema_version, entries, ...)."""
        if not self.path.exists() and not self.wal_path.exists():
            return empty_document()  # nothing to read or lock: leave a fresh folder untouched
        with self.locked():
            state = self._state()
            if state.needs_rewrite or state.wal_damaged:
                self._write(state)
            return state.document

    def entries(self, kind: str | None = None) -> list[Entry]:
        """All entries (or those of one kind), oldest first."""
        found = self.load()["entries"]
        return [e for e in found if kind is None or e.get("kind") == kind]

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, if the journal holds it."""
        return next((e for e in self.load()["entries"] if e.get("id") == entry_id), None)

    def backups(self) -> list[Path]:
        """Backups made when a damaged or older journal file was moved aside, newest last."""
        pattern = f"{self.path.name}.*{BACKUP_SUFFIX}"
        return sorted(self.path.parent.glob(pattern), key=lambda p: p.stat().st_mtime)

    # ----------------------------------------------------------------- writing
    def _fsync_folder(self) -> None:
        with contextlib.suppress(OSError):
            fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def _replace_file(self, text: str) -> None:
        """Write `text` to a temporary file, fsync it, and rename it over the journal."""
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{new_id()[:8]}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        self._fsync_folder()

    def _write(self, state: _State) -> None:
        """Write the whole journal, then drop the log it now contains (lock held)."""
        document = state.document
        document["updated"] = now()
        document["course_version"] = _course_version()
        self._replace_file(dumps_document(document))
        if state.wal_damaged and self.wal_path.exists():
            self._move_aside(self.wal_path, "a line in it is damaged", "The journal's recent log")
        else:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.wal_path)
            self._fsync_folder()

    def compact(self) -> None:
        """Fold the recent log into the journal file, so the file alone holds everything."""
        if not self.path.exists() and not self.wal_path.exists():
            return
        with self.locked():
            state = self._state()
            if state.wal_entries or state.needs_rewrite or state.wal_damaged:
                self._write(state)

    def add(self, entry: Entry) -> Entry:
        """Add an entry, or replace the entry with the same id (use `entries.touched` to edit).

        Checked against the schema first; returns the entry as stored.
        """
        check_entry(entry)
        line = (json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        with self.locked():
            self._check_not_newer()
            fd = os.open(self.wal_path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o666)
            try:
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    size = self._drop_unfinished_line(fd, size)
                os.write(fd, line)
                _sync_data(fd)
                wal_size = size + len(line)
            finally:
                os.close(fd)
            if size == 0:
                self._fsync_folder()  # the log file itself is new
            try:
                main_size = self.path.stat().st_size
            except FileNotFoundError:
                main_size = 0
            if wal_size >= max(self.compact_min_bytes, main_size // self.compact_ratio):
                self.compact()
        _changed(self.path)
        return entry

    put = add

    @staticmethod
    def _drop_unfinished_line(fd: int, size: int) -> int:
        """Cut off a line a killed writer left without its newline (it was never saved)."""
        keep = 0
        position = size
        while position > 0:
            start = max(0, position - 65536)
            chunk = os.pread(fd, position - start, start)
            cut = chunk.rfind(b"\n")
            if cut != -1:
                keep = start + cut + 1
                break
            position = start
        os.ftruncate(fd, keep)
        os.fsync(fd)
        return keep

    def set_display_name(self, name: str | None) -> None:
        """Set (or clear, with None) the name the learner chose for their journal."""
        with self.locked():
            state = self._state()
            self._check_not_newer()
            clean = (name or "").strip()[:200]
            if clean:
                state.document["display_name"] = clean
            else:
                state.document.pop("display_name", None)
            self._write(state)
        _changed(self.path)

    def import_bytes(self, data: bytes) -> ImportReport:
        """Merge a journal file's entries into this journal (checked first; refused whole).

        Raises RefusedFile with the reason, leaving the journal untouched, for anything that
        is not a valid journal. Importing the same file twice changes nothing.
        """
        document, version = read_document(data)
        report = ImportReport(migrated_from=version if version != SCHEMA_VERSION else None)
        with self.locked():
            self._check_not_newer()
            state = self._state()
            merged = merge_entries(state.document["entries"], document["entries"])
            report.added, report.updated, report.unchanged = (
                merged.added,
                merged.updated,
                merged.unchanged,
            )
            if merged.changed or state.needs_rewrite or state.wal_damaged:
                state.document["entries"] = merged.entries
                if "display_name" not in state.document and document.get("display_name"):
                    state.document["display_name"] = document["display_name"]
                self._write(state)
        if report.changed:
            _changed(self.path)
        return report

    def import_file(self, path: str | os.PathLike[str]) -> ImportReport:
        """Import the journal file at `path` (see `import_bytes`)."""
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise RefusedFile(f"there is no file {path}") from None
        except IsADirectoryError:
            raise RefusedFile(f"{path} is a folder, not a journal file") from None
        except OSError as exc:
            raise RefusedFile(f"{path} cannot be read ({exc.strerror})") from None
        return self.import_bytes(data)

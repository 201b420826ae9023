"""The journal on disk: one JSON file, written atomically under a lock, never lost.

Layout, for a journal at `kfcourse-journal.json` (the default, in the working folder):

* `kfcourse-journal.json`: the whole journal, always a complete document. It is only ever
  replaced by renaming a fully written, fsynced temporary file over it.
* `.kfcourse-journal.json.wal`: recent entries, one JSON object per line, appended and fsynced
  one at a time so an append costs well under a millisecond however big the journal is. A line
  counts only once its newline is written, so a write cut short is simply not there.
  When the log grows past a quarter of the journal (or on `compact()` and import) it is
  folded into the journal file and removed. Replaying it twice changes nothing, because
  entries merge by id and the later `updated` wins.
* `.kfcourse-journal.json.lock`: the lock every reader and writer holds, so two kernels lose
  nothing. Where no lock file can be made (a read-only folder), reading goes on without it:
  the journal file is only ever replaced whole, so a reader never sees half of one.

A file that cannot be read is never overwritten: it is renamed to
`kfcourse-journal.json.<time>.kfbak`, the learner is told, and `backups()` lists it. It stays
pending (`pending_backups()`) until it is imported back, when it is renamed
`....imported.kfbak`. Every backup the store makes can be imported with `import_file`.

No write makes the journal larger than `reading.MAX_BYTES`, the size every reader accepts, and
writes past three quarters of it carry a notice first.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import os
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kfcourse.journal import reading
from kfcourse.journal.clock import new_id, now
from kfcourse.journal.entries import Entry, check_entry
from kfcourse.journal.errors import (
    JournalBusy,
    JournalError,
    JournalFull,
    JournalNotice,
    NewerVersion,
    RefusedFile,
)
from kfcourse.journal.merge import merge_entries
from kfcourse.journal.reading import (
    ENTRY_DEPTH,
    MAX_DEPTH,
    check_whole,
    dumps_document,
    megabytes,
    quick_check,
    read_document,
    read_log,
    read_own_file,
    too_deep,
)
from kfcourse.journal.schema import FORMAT, SCHEMA_VERSION

ENV_VAR = "KFCOURSE_JOURNAL"
DEFAULT_NAME = "kfcourse-journal.json"
BACKUP_SUFFIX = ".kfbak"
_VERSION_AT_HEAD = re.compile(rb'"schema_version"\s*:\s*(-?\d+)')
NEARLY_FULL = 0.75
"""Past this share of the size limit every write carries a notice that the journal is filling."""
# The log's lines are compact; in the journal file each entry takes at most 3 bytes more, and
# the shortest entry the schema allows is well over 100 bytes, hence 1 + 3/100.
_LOG_GROWTH = 1.03
_HEAD_ROOM = 4096  # the journal's own fields (times, version, display name)
_NO_LOCK_HERE = {errno.EACCES, errno.EPERM, errno.EROFS}


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


FULL_ADVICE = (
    "Export it (kfcourse journal export -o FILE, or the download button) to keep a copy, "
    "then start a new journal file: set KFCOURSE_JOURNAL to a new path, or move this file away."
)


def restore_advice(backup: Path) -> str:
    """How to bring a moved-aside file back, in one sentence."""
    return (
        f"To bring its entries back, correct it if needed and run: kfcourse journal import "
        f"{backup} (or delete it once you no longer need it)."
    )


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
    lines_left_out: int = 0
    backup_done: Path | None = None

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)

    def summary(self) -> str:
        """One line for the learner, e.g. "3 entries added, 1 updated, 5 already there"."""
        text = f"{self.added} added, {self.updated} updated, {self.unchanged} already there"
        if self.migrated_from is not None:
            text += f" (converted from the older journal format {self.migrated_from})"
        if self.lines_left_out:
            text += f"; {self.lines_left_out} damaged lines of the log could not be read"
        if self.backup_done is not None:
            text += f"; the backup is marked as imported ({self.backup_done.name})"
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
        self.read_only = False  # set when reading found no way to make a lock file
        self._lock: Any = None

    def __repr__(self) -> str:
        return f"JournalStore({str(self.path)!r})"

    # ----------------------------------------------------------------- locking
    @contextlib.contextmanager
    def locked(self, *, reading: bool = False) -> Iterator[None]:
        """Hold the journal's lock (re-entrant within a thread).

        With `reading`, a folder where no lock file can be made is read without one (nobody
        can write there either); a writer there gets a JournalError with the reason.
        """
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
        except OSError as exc:
            if not (reading and exc.errno in _NO_LOCK_HERE):
                raise self._cannot_write(exc) from None
            self.read_only = True
            yield
            return
        try:
            yield
        finally:
            self._lock.release()

    def _cannot_write(self, exc: OSError) -> JournalError:
        return JournalError(
            f"the journal cannot be written in {self.path.parent} "
            f"({exc.strerror or exc}); nothing was changed"
        )

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
            f"{target}; your journal carries on without it. {restore_advice(target)}"
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
            try:
                if not backup.exists():
                    backup.write_bytes(data)
            except OSError:
                return document, True, False  # no copy of the original: never rewrite it
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
                if too_deep(entry, ENTRY_DEPTH):
                    raise RefusedFile("nested too deeply")
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
        with self.locked(reading=True):
            state = self._state()
            if (state.needs_rewrite or state.wal_damaged) and not self.read_only:
                self._write(state)
            return state.document

    def load_checked(self) -> dict[str, Any]:
        """The whole journal, checked field by field against the schema (RefusedFile if not).

        For every path that shows or exports all of it, so all refuse a hand-edited file alike.
        """
        document = self.load()
        check_whole(document)
        return document

    def entries(self, kind: str | None = None) -> list[Entry]:
        """All entries (or those of one kind), oldest first."""
        found = self.load()["entries"]
        return [e for e in found if kind is None or e.get("kind") == kind]

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, if the journal holds it."""
        return next((e for e in self.load()["entries"] if e.get("id") == entry_id), None)

    def backups(self) -> list[Path]:
        """Backups made when a damaged or older journal file was moved aside, newest last."""
        pattern = f"{glob.escape(self.path.name)}.*{BACKUP_SUFFIX}"
        return sorted(self.path.parent.glob(pattern), key=lambda p: p.stat().st_mtime)

    def _pending_name(self) -> re.Pattern[str]:
        name = re.escape(self.path.name)
        return re.compile(rf"{name}\.\d{{8}}T\d{{6}}Z(?:-\d+)?{re.escape(BACKUP_SUFFIX)}")

    def pending_backups(self) -> list[Path]:
        """Damaged files moved aside and not yet imported back, newest last.

        (Copies of older-format journals are not pending: they were converted in full.)
        """
        pending = self._pending_name()
        return [p for p in self.backups() if pending.fullmatch(p.name)]

    # ----------------------------------------------------------------- writing
    def _fsync_folder(self) -> None:
        with contextlib.suppress(OSError):
            fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def _remove_stale_temporaries(self) -> None:
        """Remove temporary files left by writers killed before their rename (lock held).

        Every writer makes its temporary file under the lock, so while this process holds it
        no other temporary file is being written; the journal and its log still hold all that
        a killed writer was saving, because the log goes only after the rename.
        """
        for temp in self.path.parent.glob(f".{glob.escape(self.path.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                temp.unlink()

    def _replace_file(self, text: str) -> None:
        """Write `text` to a temporary file, fsync it, and rename it over the journal."""
        size = len(text.encode("utf-8"))
        if size > reading.MAX_BYTES:
            raise JournalFull(
                f"this change would make your journal {megabytes(size)}, more than the "
                f"{megabytes(reading.MAX_BYTES)} a journal can hold, so nothing was written. "
                f"{FULL_ADVICE}"
            )
        self._remove_stale_temporaries()
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{new_id()[:8]}.tmp")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as exc:
            raise self._cannot_write(exc) from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            if isinstance(exc, OSError):
                raise self._cannot_write(exc) from None
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
        if too_deep(entry, ENTRY_DEPTH):
            raise JournalError(
                f"This entry nests lists and objects more than {ENTRY_DEPTH} levels deep, "
                f"which no journal can hold ({MAX_DEPTH} levels for the whole file)"
            )
        check_entry(entry)
        line = (json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        with self.locked():
            self._check_not_newer()
            try:
                main_size = self.path.stat().st_size
            except FileNotFoundError:
                main_size = 0
            try:
                self._append(line, main_size)
            except OSError as exc:
                raise self._cannot_write(exc) from None
        _changed(self.path)
        return entry

    def _append(self, line: bytes, main_size: int) -> None:
        """Append one entry's line to the log, within the size limit (lock held)."""
        fd = os.open(self.wal_path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o666)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                size = self._drop_unfinished_line(fd, size)
            wal_size = size + len(line)
            projected = main_size + int(wal_size * _LOG_GROWTH) + _HEAD_ROOM
            if projected > reading.MAX_BYTES:
                raise JournalFull(
                    f"this entry would make your journal about {megabytes(projected)}, more than "
                    f"the {megabytes(reading.MAX_BYTES)} a journal can hold, so it was not saved. "
                    f"{FULL_ADVICE}"
                )
            os.write(fd, line)
            _sync_data(fd)
        finally:
            os.close(fd)
        if size == 0:
            self._fsync_folder()  # the log file itself is new
        if projected > reading.MAX_BYTES * NEARLY_FULL:
            self._notice(
                f"Your journal is about {megabytes(projected)}; a journal can hold "
                f"{megabytes(reading.MAX_BYTES)}. {FULL_ADVICE}"
            )
        if wal_size >= max(self.compact_min_bytes, main_size // self.compact_ratio):
            self.compact()

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
        """Import the journal file at `path` (see `import_bytes`), or a backup this store made.

        A backup of the store's recent log (one entry per line) is imported line by line. A
        pending backup imported in full is renamed `....imported.kfbak`, so it is no longer
        pending.
        """
        source = Path(path)
        try:
            if source.stat().st_size > reading.MAX_BYTES:
                raise RefusedFile(
                    f"{path} is {megabytes(source.stat().st_size)}, larger than any journal "
                    f"({megabytes(reading.MAX_BYTES)} at most)"
                )
            data = source.read_bytes()
        except FileNotFoundError:
            raise RefusedFile(f"there is no file {path}") from None
        except IsADirectoryError:
            raise RefusedFile(f"{path} is a folder, not a journal file") from None
        except OSError as exc:
            raise RefusedFile(f"{path} cannot be read ({exc.strerror})") from None
        own_backup = source.absolute().parent == self.path.parent and bool(
            self._pending_name().fullmatch(source.name)
        )
        try:
            report = self.import_bytes(data)
        except RefusedFile as refused:
            if not own_backup or isinstance(refused, NewerVersion):
                raise
            report = self._import_log(data, refused)
        if own_backup:
            done = source.with_name(
                source.name[: -len(BACKUP_SUFFIX)] + ".imported" + BACKUP_SUFFIX
            )
            try:
                os.rename(source, done)
                report.backup_done = done
            except OSError:
                pass  # still pending; the import itself is complete
        return report

    def _import_log(self, data: bytes, refused: RefusedFile) -> ImportReport:
        """Merge the entries of a log backup (one entry per line) into this journal."""
        found, failed = read_log(data)
        if not found:
            raise refused  # not a log either: the reason it is not a journal stands
        document = empty_document()
        document["entries"] = found
        report = self.import_bytes(dumps_document(document).encode("utf-8"))
        report.lines_left_out = failed
        return report

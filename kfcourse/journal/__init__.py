"""The learner's journal: entries, a versioned store, import and export. Pure Python.

    from kfcourse.journal import JournalStore, entries
    store = JournalStore()                       # kfcourse-journal.json in this folder
    store.add(entries.reflection(model="free", prompt="...", text="..."))

The format is described in SCHEMA.md next to this file.
"""

from kfcourse.journal import entries
from kfcourse.journal.errors import (
    JournalBusy,
    JournalError,
    JournalNotice,
    NewerVersion,
    RefusedFile,
)
from kfcourse.journal.schema import FORMAT, SCHEMA_VERSION
from kfcourse.journal.store import DEFAULT_NAME, ENV_VAR, ImportReport, JournalStore, default_path

__all__ = [
    "DEFAULT_NAME",
    "ENV_VAR",
    "FORMAT",
    "SCHEMA_VERSION",
    "ImportReport",
    "JournalBusy",
    "JournalError",
    "JournalNotice",
    "JournalStore",
    "NewerVersion",
    "RefusedFile",
    "default_path",
    "entries",
]

"""Errors the journal raises, each carrying a one-line reason a learner can act on."""

from __future__ import annotations


class JournalError(Exception):
    """Something went wrong with the journal; `str(exc)` is a plain one-line reason."""


class RefusedFile(JournalError):
    """A file offered for import (or found on disk) is not a journal we can read.

    The journal is left untouched whenever this is raised.
    """


class JournalBusy(JournalError):
    """Another program held the journal's lock for too long."""


class JournalNotice(UserWarning):
    """Shown when the store had to act for the learner, e.g. moved a damaged file aside."""


class NewerVersion(RefusedFile):
    """The file was written by a newer course; it is never touched, only refused."""


class JournalFull(JournalError):
    """A write would make the journal larger than the one size limit; nothing was written."""

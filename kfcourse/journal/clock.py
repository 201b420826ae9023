"""Timestamps and ids in the journal's one format (UTC, RFC 3339 with a Z; random UUIDs)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def now() -> str:
    """The current time as the journal writes it, e.g. 2026-11-26T14:50:00.123456Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_epoch(seconds: float) -> str:
    """A Unix time (seconds) in the journal's timestamp format."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse(stamp: str) -> datetime:
    """A journal timestamp as an aware datetime (accepts Z or an offset)."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def new_id() -> str:
    """A fresh random entry id."""
    return str(uuid.uuid4())

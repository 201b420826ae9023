"""Kill a writing process at random moments, many times: the journal is never broken.

The writer is a forked child (so each start is instant and the test can kill it often). After
every SIGKILL the journal file, if present, is a complete valid journal, and the entries read
back are exactly those the writer had confirmed, plus at most the one it was writing.
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from pathlib import Path

import pytest

from kfcourse.journal import JournalStore, entries
from kfcourse.journal.reading import read_document

KILLS = 60


def _write_forever(path: Path, start: int, compact_min: int, ack_fd: int) -> None:
    """The child: add entries start, start+1, ... and report each once `add` has returned."""
    store = JournalStore(path, compact_min_bytes=compact_min)
    number = start
    while True:
        store.add(entries.exercise_answer("crash", number, title="x" * (number % 7) * 40))
        os.write(ack_fd, f"{number}\n".encode())
        number += 1


def _run_and_kill(path: Path, start: int, compact_min: int, acks: int, delay: float) -> list[int]:
    """Start a writer, wait until it has confirmed `acks` entries, then kill it `delay` s later.

    Waiting for confirmations rather than for a time makes every round write something, however
    busy the machine; the delay still lands the kill at a random point of a write.
    """
    read_fd, ack_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        os.close(read_fd)
        try:
            _write_forever(path, start, compact_min, ack_fd)
        finally:
            os._exit(1)
    os.close(ack_fd)
    seen = b""
    while seen.count(b"\n") < acks:
        ready, _, _ = select.select([read_fd], [], [], 60)
        chunk = os.read(read_fd, 4096) if ready else b""
        if not chunk:
            break  # the writer died or hung: the checks below say what it left
        seen += chunk
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with os.fdopen(read_fd, "rb") as pipe:
        seen += pipe.read()
    return [int(line) for line in seen.split()]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("compact_min", "least_file_states"),
    [(1, 8), (4096, 3)],  # every add rewrites the file / the log is folded in now and then
    ids=["rewrite-every-add", "append-log"],
)
def test_killed_writer_never_leaves_a_broken_journal(tmp_path, compact_min, least_file_states):
    rng = random.Random(compact_min)
    path = tmp_path / "kfcourse-journal.json"
    with JournalStore(path).locked():  # load the lock and schema checker before forking,
        entries.check_entry(entries.exercise_answer("warm", 0))  # so the child writes at once
    confirmed = 0
    file_states = set()
    for _ in range(KILLS):
        acked = _run_and_kill(
            path, confirmed, compact_min, rng.randint(2, 8), rng.uniform(0.002, 0.04)
        )
        if acked:
            assert acked[0] == confirmed
            confirmed = acked[-1] + 1
        if path.exists():  # the file itself: always a whole, valid journal
            document, _ = read_document(path.read_bytes())
            file_states.add(len(document["entries"]))
        answers = [e["answer"] for e in JournalStore(path).entries()]
        assert answers == list(range(len(answers))), "entries lost, repeated or out of order"
        assert confirmed <= len(answers) <= confirmed + 1, (confirmed, len(answers))
        confirmed = len(answers)
        # a writer killed mid-write leaves its temporary file; the next write removes it
        assert len(list(tmp_path.glob(".*.tmp"))) <= 1, "temporary files pile up"
    assert confirmed > KILLS  # the writer really wrote between kills
    assert len(file_states) > least_file_states  # the file was replaced often, never broken

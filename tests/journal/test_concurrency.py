"""Two kernels at once: two processes appending 500 entries each lose nothing."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kfcourse.journal import JournalStore
from kfcourse.journal.reading import read_document

WRITER = Path(__file__).with_name("writer_process.py")


@pytest.mark.slow
def test_two_processes_append_500_each_and_all_1000_are_kept(tmp_path):
    path = tmp_path / "kfcourse-journal.json"
    writers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(path), label, "0", "500", "8192"],
            stdout=subprocess.DEVNULL,
        )
        for label in ("kernel-a", "kernel-b")
    ]
    for writer in writers:
        assert writer.wait(timeout=300) == 0
    held = JournalStore(path).entries()
    assert len(held) == 1000
    assert len({e["id"] for e in held}) == 1000
    by_label = Counter(e["exercise"] for e in held)
    assert by_label == {"kernel-a": 500, "kernel-b": 500}
    for label in ("kernel-a", "kernel-b"):  # each writer's own order is kept
        assert [e["answer"] for e in held if e["exercise"] == label] == list(range(500))
    JournalStore(path).compact()
    document, _ = read_document(path.read_bytes())
    assert len(document["entries"]) == 1000

"""A separate process that writes to a journal, for the crash and concurrency tests.

Usage: python writer_process.py JOURNAL LABEL START COUNT COMPACT_MIN_BYTES
Adds exercise answers LABEL:START ... LABEL:START+COUNT-1 one at a time, printing each number
after `add` returns (so the parent knows it was saved). With COMPACT_MIN_BYTES 1 every add
also rewrites the whole journal file, which exercises the atomic-rename path.
"""

from __future__ import annotations

import sys

from kfcourse.journal import JournalStore, entries


def main() -> None:
    path, label, start, count, compact_min = sys.argv[1:6]
    store = JournalStore(path, compact_min_bytes=int(compact_min), lock_timeout=120)
    entries.check_entry(entries.exercise_answer(label, 0))  # load the schema checker first
    import filelock  # noqa: F401  (so "ready" means the next thing is writing)

    print("ready", flush=True)
    for number in range(int(start), int(start) + int(count)):
        store.add(entries.exercise_answer(label, number, title="x" * (number % 7) * 40))
        print(number, flush=True)


if __name__ == "__main__":
    main()

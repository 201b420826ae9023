"""Journal speed: append 10,000 entries one at a time; load a 10,000-entry journal.

Prints the mean append time (target <= 5 ms, including the fsync of every append) and the
ratio of `JournalStore.load()` to a plain `json.load` of the same file, both timed in this
process (target <= 2), and, to be fair, also to json.loads of the bytes (json.load reads
through a text file and is slower). Run: .venv/bin/python bench/bench_journal.py
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kfcourse.journal import JournalStore, entries

N = 10_000
APPEND_TARGET_MS = 5.0
LOAD_RATIO_TARGET = 2.0


def make_entry(number: int) -> dict:
    """A realistic mix: role-plays with six decisions, reflections, ratings, answers."""
    kind = number % 4
    if kind == 0:
        steps = [
            {"point": f"A{i}", "choice": f"c{i}", "actor": "clinician",
             "measures": {"power": i % 5, "trust": (i + 1) % 5, "understanding": 2}}
            for i in range(6)
        ]  # fmt: skip
        return entries.roleplay(f"scenario-{number % 3}", "sha256:" + "0f" * 32, "clinician",
                                steps, measures_end={"power": 3, "trust": 2}, ending="small-win",
                                completed=True)  # fmt: skip
    if kind == 1:
        text = "I noticed that my partner's experience changed what the data meant. " * 4
        return entries.reflection(model="gibbs", variant="patient",
                                  stages={"description": text, "feelings": text[:120]})  # fmt: skip
    if kind == 2:
        return entries.self_rating("trust-check", {f"item-{i}": i % 5 + 1 for i in range(7)},
                                   moment="before" if number % 8 == 2 else "after")  # fmt: skip
    return entries.exercise_answer("ch01-who-leads", {"mismatch": "bed manager", "n": number})


def timed(function, repeat: int = 5) -> float:
    """Best wall time of `function()` over `repeat` runs, in seconds (least disturbed run)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def paired(first, second, rounds: int = 7) -> tuple[float, float]:
    """Best times of two functions run alternately, so machine load hits both alike."""
    a, b = [], []
    for _ in range(rounds):
        a.append(timed(first, 1))
        b.append(timed(second, 1))
    return min(a), min(b)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kfcourse-journal.json"
        store = JournalStore(path)
        made = [make_entry(i) for i in range(N)]
        store.add(made[0])  # warm-up: imports the schema checker and filelock
        durations = []
        for entry in made[1:]:
            start = time.perf_counter()
            store.add(entry)
            durations.append(time.perf_counter() - start)
        held = len(store.entries())
        assert held == N, held
        mean_ms = statistics.fmean(durations) * 1000
        p99_ms = statistics.quantiles(durations, n=100)[98] * 1000
        slowest_ms = max(durations) * 1000
        log_bytes = store.wal_path.stat().st_size if store.wal_path.exists() else 0

        with_log = timed(store.load)
        store.compact()
        size_mb = path.stat().st_size / 1e6

        def plain() -> None:
            with open(path, encoding="utf-8") as handle:
                json.load(handle)

        baseline, ours = paired(plain, store.load)

        def plain_bytes() -> None:  # json.load decodes through a text file, which is slower
            json.loads(path.read_bytes())

        bytes_baseline, ours_again = paired(plain_bytes, store.load)
        ratio = ours / baseline
        ratio_with_log = with_log / baseline

    print(f"journal bench: {N} entries, {size_mb:.1f} MB file")
    print(f"append one at a time: mean {mean_ms:.3f} ms, p99 {p99_ms:.3f} ms, "
          f"slowest {slowest_ms:.1f} ms (a log compaction); target mean <= {APPEND_TARGET_MS} ms: "
          f"{'met' if mean_ms <= APPEND_TARGET_MS else 'MISSED'}")  # fmt: skip
    print(f"plain json.load of the same file: {baseline * 1000:.1f} ms")
    print(
        f"JournalStore.load(): {ours * 1000:.1f} ms; ratio {ratio:.2f} "
        f"(target <= {LOAD_RATIO_TARGET}: {'met' if ratio <= LOAD_RATIO_TARGET else 'MISSED'})"
    )
    print(
        f"stricter baseline, json.loads of the file's bytes: {bytes_baseline * 1000:.1f} ms; "
        f"load ratio to it {ours_again / bytes_baseline:.2f}"
    )
    print(
        f"JournalStore.load() with {log_bytes / 1e6:.2f} MB still in the append log: "
        f"{with_log * 1000:.1f} ms; ratio {ratio_with_log:.2f}"
    )
    return 0 if mean_ms <= APPEND_TARGET_MS and ratio <= LOAD_RATIO_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())

"""Read and count a class's exports, on every core the machine gives this process.

Reading, checking and folding each export (`ClassTally.add`) is work on one file at a time, so a
large class is cut into runs of consecutive files, the runs are shared between this process and
worker processes, and each run's counts (`ClassCounts`, what the tables count) are added up in
file order. Counts add up only over runs that share no learner; when a learner handed in
exports in two runs, the class is read again in this process alone, in file order, so that
the later copy of each entry wins as it always does. A small class, or a machine with one core,
is read in this process alone: workers would cost more than they save.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from kfcourse.analysis.class_exports import each_class_export, input_files
from kfcourse.analysis.class_report import ClassCounts, ClassReport, ClassTally

PARALLEL_FROM = 400  # files; below this one process is as quick as several
MAX_WORKERS = 8
RUNS_PER_WORKER = 8  # runs of files per worker: an even share and a progress bar that moves

Refused = list[tuple[str, str]]


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _count_run(
    paths: Sequence[Path], on_file: Callable[[], object] | None = None
) -> tuple[ClassCounts, Refused]:
    """One run of files, read and counted in one process; the files left out, with reasons."""
    tally, refused = ClassTally(), Refused()
    # Exports and counts are trees of dicts, lists and tuples, with no cycles for Python's
    # cycle collector to find; its passes over the growing tally cost a tenth of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for export in each_class_export(paths, refused, on_file=on_file):
            tally.add(export)
        return tally.counts(), refused
    finally:
        if collecting:
            gc.enable()


def _runs(paths: Sequence[Path], size: int) -> Iterator[Sequence[Path]]:
    for start in range(0, len(paths), size):
        yield paths[start : start + size]


def count_files(
    paths: Sequence[Path],
    on_files: Callable[[int], object] | None = None,
    workers: int | None = None,
    run_size: int | None = None,
) -> tuple[ClassCounts, Refused]:
    """The counts over every good export in `paths` (in order) and the files left out, each
    with its reason. `on_files(n)` is called as each n files are done. `workers` and
    `run_size` are chosen from the machine and the class unless given (tests give them)."""
    if workers is None:
        workers = min(usable_cores(), MAX_WORKERS) if len(paths) >= PARALLEL_FROM else 1
    if workers <= 1 or len(paths) < 2:
        return _count_run(paths, (lambda: on_files(1)) if on_files is not None else None)
    import multiprocessing  # only here: a small class does without its import time
    from concurrent.futures import ProcessPoolExecutor

    size = run_size or max(1, -(-len(paths) // (workers * RUNS_PER_WORKER)))
    runs = list(_runs(paths, size))
    # fork on Linux: the workers start at once with the modules already imported
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    counts, refused, shared = ClassCounts(), Refused(), False
    with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context(method)) as pool:
        # this process is one of the workers: it takes every `workers`-th run itself while the
        # others are read in the pool, and then adds up every run in file order
        theirs = {i: pool.submit(_count_run, run) for i, run in enumerate(runs) if i % workers}
        for i, run in enumerate(runs):
            part, left_out = theirs[i].result() if i in theirs else _count_run(run)
            if not shared:
                try:
                    counts.merge(part)
                except ValueError:  # the runs share a learner
                    shared = True
            refused.extend(left_out)
            if on_files is not None:
                on_files(len(run))
    if shared:  # a learner in two runs: only reading in file order keeps the later copy
        return _count_run(paths)
    return counts, refused


def class_report_from_files(inputs: Iterable[str | Path]) -> ClassReport:
    """Read class exports from files and folders (refused files are listed) and report."""
    counts, refused = count_files(list(input_files(inputs)))
    return counts.report(refused)

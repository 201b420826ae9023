"""Read and tally a class's exports, on every core the machine gives this process.

Reading, checking and folding each export (`ClassTally.add`) is work on one file at a time, so a
large class is cut into runs of consecutive files, the runs are shared between this process and
worker processes, and the partial tallies are merged in file order (`ClassTally.merge`): the
result is the tally that one process reading every file in order makes. A small class, or a
machine with one core, is read in this process alone: workers would cost more than they save.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from kfcourse.analysis.class_exports import each_class_export, input_files
from kfcourse.analysis.class_report import ClassReport, ClassTally

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


def _tally_run(
    paths: Sequence[Path], on_file: Callable[[], object] | None = None
) -> tuple[ClassTally, Refused]:
    """One run of files, tallied in one process; the files left out, with their reasons."""
    tally, refused = ClassTally(), Refused()
    for export in each_class_export(paths, refused, on_file=on_file):
        tally.add(export)
    return tally, refused


def _runs(paths: Sequence[Path], size: int) -> Iterator[Sequence[Path]]:
    for start in range(0, len(paths), size):
        yield paths[start : start + size]


def tally_files(
    paths: Sequence[Path],
    on_files: Callable[[int], object] | None = None,
    workers: int | None = None,
    run_size: int | None = None,
) -> tuple[ClassTally, Refused]:
    """The tally of every good export in `paths` (in order) and the files left out, each with
    its reason. `on_files(n)` is called as each n files are done. `workers` and `run_size` are
    chosen from the machine and the class unless given (tests give them)."""
    if workers is None:
        workers = min(usable_cores(), MAX_WORKERS) if len(paths) >= PARALLEL_FROM else 1
    if workers <= 1 or len(paths) < 2:
        return _tally_run(paths, (lambda: on_files(1)) if on_files is not None else None)
    import multiprocessing  # only here: a small class does without its import time
    from concurrent.futures import ProcessPoolExecutor

    size = run_size or max(1, -(-len(paths) // (workers * RUNS_PER_WORKER)))
    runs = list(_runs(paths, size))
    # fork on Linux: the workers start at once with the modules already imported
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    tally, refused = ClassTally(), Refused()
    with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context(method)) as pool:
        # this process is one of the workers: it takes every `workers`-th run itself while the
        # others are read in the pool, and then merges every run in file order
        theirs = {i: pool.submit(_tally_run, run) for i, run in enumerate(runs) if i % workers}
        for i, run in enumerate(runs):
            part, left_out = theirs[i].result() if i in theirs else _tally_run(run)
            tally.merge(part)
            refused.extend(left_out)
            if on_files is not None:
                on_files(len(run))
    return tally, refused


def class_report_from_files(inputs: Iterable[str | Path]) -> ClassReport:
    """Read class exports from files and folders (refused files are listed) and report."""
    tally, refused = tally_files(list(input_files(inputs)))
    return tally.report(refused)

"""`kfcourse class-report`: an instructor's report from learners' class exports.

Exit codes: 0 when at least one export was read and the report written; 1 when none could be
read or the report could not be written (nothing is left half-written); 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kfcourse.cli import EXIT_ERRORS, EXIT_OK
from kfcourse.cli.terminal import terminal_text


def register(subparsers: Any) -> None:
    report = subparsers.add_parser(
        "class-report",
        help="an instructor's report (one HTML file) from learners' class exports",
        description="Read class exports (made with `kfcourse journal export --class`), given as "
        "files or folders of .json files, and write one self-contained HTML page: runs, "
        "endings and choices by scenario and side, final measures, learners who played both "
        "sides, ratings before and after, reflection lengths. Learners appear only as "
        "pseudonyms. A file that is not a readable class export is named with the reason and "
        "left out.",
    )
    report.add_argument("inputs", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    report.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="the HTML file to write"
    )
    report.add_argument(
        "--csv",
        type=Path,
        default=None,
        metavar="DIR",
        help="also write each table as a CSV file in DIR, for a spreadsheet",
    )
    report.set_defaults(func=run_class_report)


def _fail(reason: str) -> int:
    print(f"kfcourse class-report: {terminal_text(reason)}", file=sys.stderr)
    return EXIT_ERRORS


class _Progress:
    """Files read so far, shown on standard error while it is a terminal (never in a log)."""

    DELAY = 0.5  # seconds before the bar appears: a small class is read before it would

    def __init__(self, total: int) -> None:
        self.bar: Any = None
        if total and sys.stderr.isatty():
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: the report's workers are forked
            self.bar = tqdm(total=total, desc="Reading class exports", unit=" files",
                            file=sys.stderr, delay=self.DELAY, leave=False)  # fmt: skip

    def advance(self, files: int) -> None:
        self.bar.update(files)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_class_report(args: argparse.Namespace) -> int:
    from kfcourse.analysis.class_exports import input_files
    from kfcourse.analysis.class_reading import count_files
    from kfcourse.analysis.report_files import write_report

    if args.output.is_dir():
        return _fail(f"-o {args.output} is a folder; name the HTML file to write")
    if args.csv is not None and args.csv.exists() and not args.csv.is_dir():
        return _fail(f"--csv {args.csv} is a file; name a folder for the CSV tables")
    paths = list(input_files(args.inputs))
    progress = _Progress(len(paths))
    try:  # one export at a time in each process: a large class is never held in memory
        counts, refused = count_files(paths, on_files=progress.advance if progress.bar else None)
    finally:
        progress.close()
    for name, reason in refused:  # a file name or a reason may hold control characters
        print(f"kfcourse class-report: left out {terminal_text(name)}: {terminal_text(reason)}",
              file=sys.stderr)  # fmt: skip
    if not counts.exports:
        found = "no files were found" if not paths else "none of them could be read"
        return _fail(f"no class exports to report on ({found}); nothing was written")
    report = counts.report(refused)
    try:
        written = write_report(report, args.output, args.csv)
    except OSError as exc:
        where = exc.filename or args.output
        return _fail(f"cannot write {where} ({exc.strerror or exc}); nothing was written")
    print(
        f"Wrote the class report on {report.learners} learner(s) from {counts.exports} "
        f"export(s) to {args.output}"
        + (f" and {len(written) - 1} CSV table(s) to {args.csv}" if args.csv else "")
        + (f"; {len(refused)} file(s) left out" if refused else ""),
        file=sys.stderr,
    )
    return EXIT_OK

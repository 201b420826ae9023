"""Writing the class report to files: the HTML page and, for a spreadsheet, one CSV per table.

Everything is written to temporary files first and moved into place only when all of it was
written, so a failure never leaves a partial or overwritten report behind.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kfcourse.analysis.report_html import report_html
from kfcourse.journal.csv_export import _cell as spreadsheet_cell  # the journal CSV's one guard

if TYPE_CHECKING:
    from kfcourse.analysis.class_report import ClassReport, Table


def table_csv(table: Table) -> str:
    """A table as CSV text, each cell guarded against formula injection as the journal's is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(str(c)) for c in table.columns])
    for row in table.rows:
        writer.writerow([spreadsheet_cell(_plain(v)) for v in row])
    return buffer.getvalue()


def _plain(value: object) -> object:
    """A value as plain Python (NaN as None)."""
    return None if isinstance(value, float) and value != value else value


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _staged(target: Path, text: str) -> Path:
    """`text` written and flushed to a temporary file beside `target`."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(name, 0o666 & ~_umask())  # as any file written here (mkstemp makes it 0600)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def planned_files(report: ClassReport, output: Path, csv_dir: Path | None) -> dict[Path, str]:
    """Each file the report writes and its text."""
    files = {output: report_html(report)}
    if csv_dir is not None:
        for name, table in report.plain.items():
            files[csv_dir / f"{name}.csv"] = "\ufeff" + table_csv(table)  # BOM: Excel reads UTF-8
    return files


def write_report(report: ClassReport, output: Path, csv_dir: Path | None = None) -> list[Path]:
    """Write the report (and the CSV tables) all or nothing; OSError says what failed."""
    if csv_dir is not None:
        csv_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for target, text in planned_files(report, output, csv_dir).items():
            staged.append((_staged(target, text), target))
        for temporary, target in staged:
            os.replace(temporary, target)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    return [target for _, target in staged]

"""The class report at class sizes: its time and peak memory against a bare `json.load` of the
same files.

For each size (default 1,000 and 10,000 learners; pass sizes as arguments, e.g. 100000), a
synthetic class of real class exports (kfcourse.analysis.synthetic_class) is written to a
temporary folder; then, each in a fresh interpreter, the report (read, check, tables, HTML) and
a loop of `json.load` over the files are timed, with the peak resident memory of each. Targets:
the report <= 3x the bare load at every size; peak memory <= 2 GB.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

RATIO_TARGET, MEMORY_TARGET_MB = 3.0, 2048

MEASURE = """
import json, resource, sys, time
from pathlib import Path
folder, what = Path(sys.argv[1]), sys.argv[2]
start = time.perf_counter()
if what == "load":
    for path in sorted(folder.glob("*.json")):
        with path.open("rb") as stream:
            json.load(stream)
else:
    from kfcourse.analysis.class_exports import read_class_exports
    from kfcourse.analysis.class_report import class_report
    from kfcourse.analysis.report_html import report_html
    read = read_class_exports([folder])
    report_html(class_report(read.exports, read.refused))
seconds = time.perf_counter() - start
print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def measure(folder: Path, what: str) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(folder), what],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), float(out[1])


def main(sizes: list[int]) -> int:
    from kfcourse.analysis.synthetic_class import write_synthetic_class

    met = True
    print("learners  report s  json.load s  ratio  report peak MB")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="kf-class-") as tmp:
            folder = Path(tmp)
            write_synthetic_class(folder, size)
            load, _ = measure(folder, "load")
            report, peak = measure(folder, "report")
        ratio = report / load
        met = met and ratio <= RATIO_TARGET and peak <= MEMORY_TARGET_MB
        print(f"{size:8d}  {report:8.1f}  {load:11.2f}  {ratio:5.1f}  {peak:14.0f}")
    print(
        f"targets: ratio <= {RATIO_TARGET}, peak <= {MEMORY_TARGET_MB} MB: "
        + ("met" if met else "MISSED")
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [1000, 10000]))

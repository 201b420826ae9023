"""The class report at class sizes: its time and peak memory against a bare `json.load` of the
same files.

For each size (default 1,000 and 10,000 learners; pass sizes as arguments, e.g. 100000), a
synthetic class of real class exports (kfcourse.analysis.synthetic_class) is written to a
temporary folder (its making is not timed). Every file is then read once, so that both
measurements find the files in the page cache, and, each in a fresh interpreter and taking
turns (`--repeat N` times, medians shown): the command an instructor runs (`kfcourse
class-report FOLDER -o report.html`: read, check, tables, HTML written to disk) and a loop of
`json.load` over the same files, with the peak resident memory of each. The time excludes the
interpreter's start-up on both sides and includes everything the command imports. Targets: the
report <= 3x the bare load at every size; peak memory <= 2 GB.
"""

from __future__ import annotations

import argparse
import os
import statistics
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
    from kfcourse.cli.main import main
    if main(["class-report", str(folder), "-o", sys.argv[3]]) != 0:
        sys.exit("the report failed")
seconds = time.perf_counter() - start
print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def measure(folder: Path, what: str, output: Path) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(folder), what, str(output)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), float(out[1])


def main(sizes: list[int], repeat: int) -> int:
    from kfcourse.analysis.synthetic_class import write_synthetic_class

    met = True
    print(f"load average at the start: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    print("learners  report s  json.load s  ratio  report peak MB  json.load peak MB")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="kf-class-") as tmp:
            folder, output = Path(tmp) / "class", Path(tmp) / "report.html"
            write_synthetic_class(folder, size)
            for path in folder.glob("*.json"):  # into the page cache for both measurements
                path.read_bytes()
            loads, reports = [], []
            for _ in range(repeat):
                loads.append(measure(folder, "load", output))
                reports.append(measure(folder, "report", output))
        load = statistics.median(t for t, _ in loads)
        report = statistics.median(t for t, _ in reports)
        peak = max(m for _, m in reports)
        ratio = report / load
        met = met and ratio <= RATIO_TARGET and peak <= MEMORY_TARGET_MB
        print(f"{size:8d}  {report:8.2f}  {load:11.2f}  {ratio:5.1f}  {peak:14.0f}  "
              f"{max(m for _, m in loads):17.0f}")  # fmt: skip
        if repeat > 1:
            print(f"          each run: report {', '.join(f'{t:.2f}' for t, _ in reports)}; "
                  f"load {', '.join(f'{t:.2f}' for t, _ in loads)}")  # fmt: skip
    print(f"load average at the end: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    print(
        f"targets: ratio <= {RATIO_TARGET}, peak <= {MEMORY_TARGET_MB} MB: "
        + ("met" if met else "MISSED")
    )
    return 0 if met else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (medians shown)")
    options = parser.parse_args()
    sys.exit(main(options.sizes, options.repeat))

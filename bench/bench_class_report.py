"""The class report at class sizes: its time and peak memory against a bare `json.load` of the
same files.

For each size (default 1,000 and 10,000 learners; pass sizes as arguments, e.g. 100000), a
synthetic class of real class exports (kfcourse.analysis.synthetic_class) is written to a
temporary folder (its making is not timed). Every file is then read once, so that both
measurements find the files in the page cache, and, each in a fresh interpreter and taking
turns (`--repeat N` times, medians shown): the command an instructor runs (`kfcourse
class-report FOLDER -o report.html`: read, check, tables, HTML written to disk) and a loop of
`json.load` over the same files, with the peak resident memory of each. The time excludes the
interpreter's start-up on both sides and includes everything the command imports. Python may
keep its compiled bytecode (in a temporary PYTHONPYCACHEPREFIX; one untimed run of each comes
first), as on any machine from the second run on: a machine that sets PYTHONDONTWRITEBYTECODE
would otherwise compile every module from source on every run. CPU seconds (user + system) are
shown beside the wall-clock ones (the report's include its worker processes': it reads a large
class on every core). The ratio is the median of each report run against the load run just
before it, as the speed of a shared machine drifts from minute to minute. Targets: the report
<= 3x the bare load at every size; peak memory (of the report or of any one worker) <= 2 GB.
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
used = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the report's worker processes
cpu = used.ru_utime + used.ru_stime - cpu_before + workers.ru_utime + workers.ru_stime
print(seconds, cpu, max(used.ru_maxrss, workers.ru_maxrss) / 1024)
"""
MEASURE = MEASURE.replace(
    "start = time.perf_counter()",
    "before = resource.getrusage(resource.RUSAGE_SELF)\n"
    "cpu_before = before.ru_utime + before.ru_stime\n"
    "start = time.perf_counter()",
)


def measure(folder: Path, what: str, output: Path, env: dict[str, str]) -> tuple[float, ...]:
    """Wall-clock seconds, CPU seconds and peak memory (MB) of one run in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(folder), what, str(output)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def main(sizes: list[int], repeat: int) -> int:
    from kfcourse.analysis.synthetic_class import write_synthetic_class

    met = True
    print(f"load average at the start: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    print("learners  report s  json.load s  ratio  (CPU: report s  json.load s  ratio)  "
          "report peak MB  json.load peak MB")  # fmt: skip
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="kf-class-") as tmp:
            folder, output = Path(tmp) / "class", Path(tmp) / "report.html"
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
            write_synthetic_class(folder, size)
            for path in folder.glob("*.json"):  # into the page cache for both measurements
                path.read_bytes()
            measure(folder, "load", output, env)  # untimed: bytecode compiled and kept
            measure(folder, "report", output, env)
            loads, reports = [], []
            for _ in range(repeat):
                loads.append(measure(folder, "load", output, env))
                reports.append(measure(folder, "report", output, env))
        load, load_cpu = (statistics.median(run[i] for run in loads) for i in (0, 1))
        report, report_cpu = (statistics.median(run[i] for run in reports) for i in (0, 1))
        peak = max(run[2] for run in reports)
        # each report against the load run just before it: this machine's speed drifts
        ratio = statistics.median(r[0] / b[0] for r, b in zip(reports, loads, strict=True))
        met = met and ratio <= RATIO_TARGET and peak <= MEMORY_TARGET_MB
        print(f"{size:8d}  {report:8.2f}  {load:11.2f}  {ratio:5.2f}      {report_cpu:8.2f}  "
              f"{load_cpu:11.2f}  {report_cpu / load_cpu:5.1f}   {peak:14.0f}  "
              f"{max(run[2] for run in loads):17.0f}")  # fmt: skip
        if repeat > 1:
            print(f"          each run (wall): report {', '.join(f'{r[0]:.2f}' for r in reports)}; "
                  f"load {', '.join(f'{r[0]:.2f}' for r in loads)}")  # fmt: skip
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

"""Build cost of the course against Jupyter Book's own template book, and import cost of kfcourse.

In one run: build the course and the stock `jupyter-book create` book, each clean and then again
with nothing changed, into fresh temporary folders; print seconds per page and the ratio
course/template (target <= 1.5). Then time `import kfcourse` against `import ipywidgets`, each in
fresh interpreters, and print the ratio of medians (target <= 1.3).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kfcourse.book import toc_pages

ROOT = Path(__file__).resolve().parent.parent
JB = str(Path(sys.executable).with_name("jupyter-book"))
BUILD_TARGET, IMPORT_TARGET = 1.5, 1.3


def timed_build(book: Path, out: Path, everything: bool) -> float:
    start = time.perf_counter()
    flags = ["--all"] if everything else []
    subprocess.run(
        [JB, "build", *flags, "--path-output", str(out), str(book)], check=True, capture_output=True
    )
    return time.perf_counter() - start


def import_seconds(module: str, runs: int = 15) -> float:
    code = (
        "import time; t = time.perf_counter(); import "
        + module
        + "; print(time.perf_counter() - t)"
    )
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="kf-bench-") as tmp:
        tmp_path = Path(tmp)
        template = tmp_path / "template"
        subprocess.run([JB, "create", str(template)], check=True, capture_output=True)
        books = {"course": ROOT, "template": template}
        rows = {}
        for name, book in books.items():
            out = tmp_path / f"out-{name}"
            pages = len(toc_pages(book))
            clean = timed_build(book, out, everything=True)
            unchanged = timed_build(book, out, everything=False)
            rows[name] = (pages, clean, unchanged)
            print(
                f"{name:9s} {pages:3d} pages  clean {clean:6.1f} s ({clean / pages:5.2f} s/page)"
                f"  nothing changed {unchanged:5.1f} s ({unchanged / pages:5.2f} s/page)"
            )
    ratios = []
    for column, label in ((1, "clean"), (2, "nothing changed")):
        course = rows["course"][column] / rows["course"][0]
        tmpl = rows["template"][column] / rows["template"][0]
        ratios.append(course / tmpl)
        print(
            f"per-page build cost course/template, {label}: {course / tmpl:.2f} "
            f"(target <= {BUILD_TARGET})"
        )
    kf, ipw = import_seconds("kfcourse"), import_seconds("ipywidgets")
    print(
        f"import kfcourse {kf * 1000:.1f} ms, import ipywidgets {ipw * 1000:.1f} ms, "
        f"ratio {kf / ipw:.2f} (target <= {IMPORT_TARGET})"
    )
    ok = all(r <= BUILD_TARGET for r in ratios) and kf / ipw <= IMPORT_TARGET
    print("build and import targets:", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How heavy each page of the built course is, against the stock Jupyter Book template's page.

Every page in _toc.yml is opened cold (a fresh browser context: no cache, no service worker) in
Debian's chromium, served from 127.0.0.1 (every request to another host is aborted and
counted). For each page: the bytes of every response (headers and bodies, as Chromium counts
them) until the network is idle, and the time from navigation start to the load event. The
baseline is the first page of the stock `jupyter-book create` template, built with the same
jupyter-book in this run and measured the same way.

Targets (issue 13): a text chapter (no exercise on it) <= 0.6x the template's page, and no page
above 1.5 MB. Times are printed for information (two shared cores make them noisy).

Needs the built site (`make site`). Run: .venv/bin/python bench/bench_pages.py [HTML folder]
"""

from __future__ import annotations

import functools
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repository's tests/ package (a `tests` is in site-packages)

from bench_player_page import guarded_context  # noqa: E402  (beside this script)

from kfcourse.book import toc_pages  # noqa: E402
from tests.conftest import CHROMIUM_ARGS  # noqa: E402

HTML = ROOT / "_build" / "html"
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
TEXT_CHAPTER_TARGET = 0.6  # x the template's page
PAGE_LIMIT = 1_500_000  # bytes
EXERCISE_MARKS = ("kf-roleplay", "kf-reflection", "widget-state+json", "data-kf-exercise")


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(Quiet, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def build_template(workdir: Path) -> tuple[Path, str]:
    """Build `jupyter-book create`'s book; its HTML folder and its first page's name."""
    book = workdir / "template"
    subprocess.run([str(JUPYTER_BOOK), "create", str(book)], check=True, capture_output=True)
    subprocess.run(
        [str(JUPYTER_BOOK), "build", str(book)], check=True, capture_output=True, timeout=900
    )
    return book / "_build" / "html", "intro.html"


def cold_load(browser: Any, url: str, blocked: list[str]) -> tuple[int, int, float]:
    """Bytes of every response for one cold load, their number, and ms to the load event."""
    context = guarded_context(browser, blocked)
    page = context.new_page()
    finished: list[Any] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    load_ms = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return n.loadEventStart - n.startTime; }"
    )
    total = 0
    for request in finished:
        sizes = request.sizes()
        total += sizes["responseHeadersSize"] + sizes["responseBodySize"]
    context.close()
    return total, len(finished), float(load_ms)


def has_exercise(page: Path) -> bool:
    text = page.read_text(encoding="utf-8")
    return any(mark in text for mark in EXERCISE_MARKS)


def main() -> int:
    from playwright.sync_api import sync_playwright

    html = Path(sys.argv[1]) if len(sys.argv) > 1 else HTML
    docs = toc_pages(ROOT)
    if not all((html / f"{doc}.html").is_file() for doc in docs):
        print(f"the built site is missing pages in {html}: build it first (make site)")
        return 1
    blocked: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kf-bench-pages-") as tmp:
        template_html, template_page = build_template(Path(tmp))
        course, course_url = serve(html)
        template, template_url = serve(template_html)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            # The template's page asks a CDN for MathJax: aborted like any other, not counted.
            base = cold_load(browser, template_url + template_page, [])
            rows = {doc: cold_load(browser, f"{course_url}{doc}.html", blocked) for doc in docs}
            browser.close()
        course.shutdown()
        template.shutdown()

    print("cold load of every page, served from 127.0.0.1 (Chromium, no cache)")
    print(f"  {'page':44}{'bytes':>11}{'files':>7}{'load':>9}{'x template':>12}")
    print(f"  {'(template) ' + template_page:44}{base[0]:>11,}{base[1]:>7}{base[2]:>7.0f}ms")
    missed = []
    for doc, (size, files, load_ms) in rows.items():
        ratio = size / base[0]
        text = not has_exercise(html / f"{doc}.html")
        kind = "text" if text else "exercise"
        print(f"  {doc:44}{size:>11,}{files:>7}{load_ms:>7.0f}ms{ratio:>11.2f}x  {kind}")
        if size > PAGE_LIMIT:
            missed.append(f"{doc}: {size:,} bytes > {PAGE_LIMIT:,}")
        if text and ratio > TEXT_CHAPTER_TARGET:
            missed.append(f"{doc}: {ratio:.2f}x the template's page > {TEXT_CHAPTER_TARGET}x")
    if blocked:
        missed.append(f"{len(blocked)} requests to other hosts: {sorted(set(blocked))[:5]}")
    print(f"targets: text pages <= {TEXT_CHAPTER_TARGET}x the template's page; every page <= "
          f"{PAGE_LIMIT:,} bytes")  # fmt: skip
    for line in missed:
        print(f"  MISSED {line}")
    if not missed:
        print("  all met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

"""How heavy each chapter exercise makes its page, and how fast its screen answers a change.

The exercises' fixture book (tests/activities/fixture_book: one page per exercise, and a page
with no exercise) is built with the same jupyter-book and theme as the course, served from
127.0.0.1 and opened cold in Debian's chromium (a fresh context: no cache; every request to
another host is aborted and counted). For each exercise page:

* the bytes of every response until the network is idle, against the page with no exercise
  (target: <= 1.2x);
* the time from a learner's change (the first select, checkbox, radio group or toggle button
  in the exercise given a new value, or a game's next move, as the keyboard would) to the
  updated view painted: the change is dispatched, the view's first DOM mutation is awaited,
  then the next animation frame. The median of 21 changes (target: <= 16 ms, a frame at 60 Hz).

Run: .venv/bin/python bench/bench_exercises.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repository's tests/ package (a `tests` is in site-packages)

from bench_pages import cold_load, serve  # noqa: E402  (beside this script)

from tests.conftest import CHROMIUM_ARGS  # noqa: E402

BOOK = ROOT / "tests" / "activities" / "fixture_book"
PLAIN = "index.html"  # the fixture book's page with no exercise
SIZE_TARGET = 1.2  # x the page with no exercise
FRAME_MS = 16.0
CHANGES = 21

# Give the first control of the exercise a new value, wait for the view to change, then for the
# frame that shows it; the time in ms, or null when the exercise has no such control.
ONE_CHANGE = """async (root) => {
  const controls = [...root.querySelectorAll(
    'select, input[type=checkbox], input[type=radio], button[aria-pressed]')]
    .filter((c) => !c.disabled && c.offsetParent !== null);
  if (!controls.length) return null;
  let control = controls[0];
  if (control.type === 'radio') {  // the first radio of its group that is not chosen yet
    control = controls.find((c) => c.type === 'radio' && c.name === control.name && !c.checked);
  }
  // A game moves on by its buttons (the trust loop: play a round, take it back), not by a
  // choice of aim, which changes nothing on screen until the round is played.
  const undo = root.querySelector('[data-kf-undo]:not([disabled])');
  const play = root.querySelector('[data-kf-play]:not([disabled])');
  if (undo || play) control = undo || play;
  const changed = new Promise((resolve) => {
    const watch = new MutationObserver(() => { watch.disconnect(); resolve(); });
    watch.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
  });
  const t0 = performance.now();
  if (control.tagName === 'SELECT') {
    const options = [...control.options].filter((o) => !o.disabled);
    const next = options[(options.findIndex((o) => o.selected) + 1) % options.length];
    control.value = next.value;
    control.dispatchEvent(new Event('input', {bubbles: true}));
    control.dispatchEvent(new Event('change', {bubbles: true}));
  } else {
    control.click();
  }
  await Promise.race([changed, new Promise((r) => setTimeout(r, 1000))]);
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - t0;
}"""


def build(out: Path) -> Path:
    cmd = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build", "--all", "-W", "-n", "--keep-going", "--path-output", str(out), str(BOOK),
    ]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    html = out / "_build" / "html"
    if proc.returncode != 0:
        raise SystemExit(f"the fixture book did not build:\n{proc.stdout[-2000:]}{proc.stderr}")
    return html


# The chapter exercises: every bundle in kfcourse/web whose page host is the shared one.
BUNDLES = sorted(
    d.name
    for d in (ROOT / "kfcourse" / "web").iterdir()
    if (d / "page.js").is_file()
    and "../host/" in (d / "page.js").read_text(encoding="utf-8")
    and d.name != "checkin"
)


def exercise_pages(html: Path) -> list[str]:
    """The fixture pages that carry a chapter exercise (not the journal's form or panel)."""
    marks = tuple(f'class="kf-{bundle}-data"' for bundle in BUNDLES)
    return sorted(
        p.name
        for p in html.glob("*.html")
        if any(m in p.read_text(encoding="utf-8") for m in marks) and p.name != PLAIN
    )


def change_times(browser: Any, url: str, blocked: list[str]) -> list[float]:
    from bench_player_page import guarded_context

    context = guarded_context(browser, blocked)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_function("() => document.querySelector('[data-kf-exercise].kf-ex')")
    root = page.locator("[data-kf-exercise].kf-ex").first
    times = []
    for _ in range(CHANGES):
        took = root.evaluate(ONE_CHANGE)
        if took is None:
            break
        times.append(float(took))
    context.close()
    return times


def main() -> int:
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kf-bench-exercises-") as tmp:
        html = build(Path(tmp))
        pages = exercise_pages(html)
        server, url = serve(html)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            base = cold_load(browser, url + PLAIN, blocked)
            rows = {
                name: (
                    cold_load(browser, url + name, blocked),
                    change_times(browser, url + name, blocked),
                )
                for name in pages
            }
            browser.close()
        server.shutdown()

    print("each exercise page against the page with no exercise (cold, from 127.0.0.1)")
    print(f"  {'page':22}{'bytes':>11}{'x plain':>9}{'change median':>15}{'p90':>8}")
    print(f"  {'(no exercise) ' + PLAIN:22}{base[0]:>11,}")
    missed = []
    for name, ((size, _, _), times) in rows.items():
        ratio = size / base[0]
        median = statistics.median(times) if times else float("nan")
        p90 = sorted(times)[int(0.9 * (len(times) - 1))] if times else float("nan")
        print(f"  {name:22}{size:>11,}{ratio:>8.2f}x{median:>13.1f}ms{p90:>6.1f}ms")
        if ratio > SIZE_TARGET:
            missed.append(f"{name}: {ratio:.2f}x the page with no exercise > {SIZE_TARGET}x")
        if not times:
            missed.append(f"{name}: no control to change was found")
        elif median > FRAME_MS:
            missed.append(f"{name}: a change takes {median:.1f} ms (median) > {FRAME_MS} ms")
    if blocked:
        missed.append(f"{len(blocked)} requests to other hosts: {sorted(set(blocked))[:5]}")
    print(f"targets: <= {SIZE_TARGET}x the page with no exercise; a change painted in <= "
          f"{FRAME_MS:.0f} ms (median of {CHANGES})")  # fmt: skip
    for line in missed:
        print(f"  MISSED {line}")
    if not missed:
        print("  all met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

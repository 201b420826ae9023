"""The role-play player on the built book page, in Debian's chromium: how fast a choice shows,
and what the player adds to the page's download.

1. Click to meters: on chapters/08-role-play-lab.html (served from 127.0.0.1; every request to
   another host is aborted and counted), the first player (discharge-delays) is played to its
   ending with seeded random choices, as the doctor and as the patient partner in turn, with the
   player's Restart between runs, until about 30 choices have been clicked. For each click on a
   `button[data-kf-choice]` the page itself times, with performance.now(), from the click reaching
   the page (a capturing listener on window) to the meters being rendered for the new state (a
   MutationObserver sees `[role=meter][data-kf-measure]` added or its aria-valuenow change), and
   to the next animation frame after that. Target: median click-to-meters <= 16 ms, one frame at
   60 Hz, so that the answer shows in the frame after the click.
2. Cold transfer: every byte of every response (headers and bodies, as Chromium counts them) when
   chapter 8 opens in a fresh browser context (no cache, no service worker), against a chapter
   with no exercises (welcome.html: no kf-roleplay or kf-reflection in its HTML) measured the
   same way in the same run. Target: chapter 8 <= 1.2x, so the player stays light (the Jupyter
   widget manager, 3.6 MB, is not loaded for it).

Needs the built site (`make site`). The page is driven through the player's test contract
(kfcourse/web/roleplay/README.md) with the helpers of tests/roleplay/test_page_player.py.
Run: .venv/bin/python bench/bench_player_page.py
"""

from __future__ import annotations

import functools
import math
import random
import statistics
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repository's tests/ package (a `tests` is in site-packages)

from tests.conftest import CHROMIUM_ARGS, is_local  # noqa: E402
from tests.roleplay.test_page_player import (  # noqa: E402
    click,
    open_player,
    present,
)

HTML = ROOT / "_build" / "html"
CHAPTER = "chapters/08-role-play-lab.html"
BASELINE = "chapters/welcome.html"  # no exercises: no kf-roleplay, no kf-reflection
EXERCISE_MARKS = ("kf-roleplay", "kf-reflection")
CLICKS = 30
MAX_RUNS = 8
FRAME_MS = 16.0
TRANSFER_TARGET = 1.2
METER = "[role=meter][data-kf-measure]"

# Arms a one-shot probe on `root`: window.__kfProbe resolves once the next click has been
# answered. `done` is "meters" (a meter added or its aria-valuenow changed) or "text" (the text
# of `root` changed: a Label's value). Times are from the click reaching the page.
PROBE = """([root, done, meter]) => {
    const snapshot = () => done === 'meters'
        ? [...root.querySelectorAll(meter)].map((m) => m.getAttribute('aria-valuenow')).join(',')
        : root.textContent;
    const before = snapshot();
    const isMeter = (n) => n.nodeType === 1 && (n.matches(meter) || !!n.querySelector(meter));
    const answered = (records) => done === 'text' ? root.textContent !== before
        : records.some((r) => (r.type === 'attributes' && r.target.matches(meter))
                            || (r.type === 'childList' && [...r.addedNodes].some(isMeter)));
    window.__kfProbe = new Promise((resolve, reject) => {
        let start = null;
        const onClick = () => { if (start === null) window.__kfStart = start = performance.now(); };
        window.addEventListener('click', onClick, true);
        const observer = new MutationObserver((records) => {
            if (start === null || !answered(records)) return;
            const dom = performance.now() - start;
            observer.disconnect();
            window.removeEventListener('click', onClick, true);
            requestAnimationFrame(() => resolve({dom, frame: performance.now() - start,
                                                 changed: snapshot() !== before}));
        });
        observer.observe(root, {subtree: true, childList: true, characterData: true,
                                attributes: true, attributeFilter: ['aria-valuenow']});
        setTimeout(() => reject(new Error('no answer to the click within 30 s')), 30000);
    });
}"""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def p90(values: list[float]) -> float:
    """Nearest-rank 90th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)] if ordered else math.nan


def timed_click(target: Any, probe_root: Any, done: str) -> dict[str, Any]:
    """Click `target` (a Playwright locator) and return the page's own timing of the answer."""
    page = target.page
    page.evaluate(PROBE, [probe_root.element_handle(), done, METER])
    target.click()
    return page.evaluate("() => window.__kfProbe")


def guarded_context(browser: Any, blocked: list[str]) -> Any:
    """A fresh context (empty cache and storage, no service worker) that reaches 127.0.0.1 only."""
    context = browser.new_context(service_workers="block")

    def guard(route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    return context


def click_latencies(browser: Any, url: str, blocked: list[str]) -> tuple[list[dict], int]:
    context = guarded_context(browser, blocked)
    page = context.new_page()
    root = open_player(page, url)
    rng = random.Random("bench-player-page")
    samples: list[dict[str, Any]] = []
    runs = 0
    while len(samples) < CLICKS and runs < MAX_RUNS:
        if runs:
            click(root, root.locator("[data-kf-restart]"))
        click(root, root.locator(f"[data-kf-side={('doctor', 'patient')[runs % 2]}]"))
        runs += 1
        for _ in range(200):
            if present(root, "[data-kf-ending]"):
                break
            if present(root, "[data-kf-start]"):
                click(root, root.locator("[data-kf-start]"))
            elif present(root, "[data-kf-next]"):
                click(root, root.locator("[data-kf-next]"))
            else:
                buttons = root.locator("button[data-kf-choice]")
                samples.append(timed_click(buttons.nth(rng.randrange(buttons.count())), root,
                                           "meters"))  # fmt: skip
                page.wait_for_function(
                    "(el) => !el.hasAttribute('aria-busy')", arg=root.element_handle()
                )
    context.close()
    return samples, runs


def cold_transfer(browser: Any, url: str, blocked: list[str]) -> tuple[int, int]:
    """Bytes of every response (headers + bodies) for one cold load; and the number of them."""
    context = guarded_context(browser, blocked)
    page = context.new_page()
    finished: list[Any] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    total = 0
    for request in finished:
        sizes = request.sizes()
        total += sizes["responseHeadersSize"] + sizes["responseBodySize"]
    context.close()
    return total, len(finished)


def main() -> int:
    from playwright.sync_api import sync_playwright

    chapter, baseline = HTML / CHAPTER, HTML / BASELINE
    if not chapter.is_file() or "data-kf-player" not in chapter.read_text(encoding="utf-8"):
        print(f"no player in {chapter}: build the site first (make site)")
        return 1
    if any(mark in baseline.read_text(encoding="utf-8") for mark in EXERCISE_MARKS):
        print(f"{BASELINE} has exercises now: pick another chapter without them as the baseline")
        return 1
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(HTML)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_address[1]}/"
    blocked: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        samples, runs = click_latencies(browser, site + CHAPTER, blocked)
        loads = {name: cold_transfer(browser, site + name, blocked) for name in (CHAPTER, BASELINE)}
        browser.close()
    server.shutdown()

    dom = [s["dom"] for s in samples]
    frame = [s["frame"] for s in samples]
    changed = sum(1 for s in samples if s["changed"])
    print(f"role-play player on the built page ({CHAPTER}, Chromium)")
    print(f"  click on a choice to meters updated, {len(samples)} clicks in {runs} runs "
          f"({changed} changed a meter's value):")  # fmt: skip
    print(f"    {'':26}{'median':>9}{'p90':>9}")
    print(f"    {'to meters in the DOM':26}{median(dom):7.2f}ms{p90(dom):7.2f}ms")
    print(f"    {'to the next frame':26}{median(frame):7.2f}ms{p90(frame):7.2f}ms")
    (ch_bytes, ch_n), (base_bytes, base_n) = loads[CHAPTER], loads[BASELINE]
    ratio = ch_bytes / base_bytes if base_bytes else math.nan
    print("  cold transfer (fresh context, no cache; all responses, headers and bodies):")
    print(f"    {CHAPTER:34}{ch_bytes / 1024:9.1f} KiB in {ch_n:3} responses")
    print(f"    {BASELINE:34}{base_bytes / 1024:9.1f} KiB in {base_n:3} responses")
    print(f"    ratio {ratio:.2f}x")
    if blocked:
        print(f"  requests to other hosts (aborted): {len(blocked)}, e.g. {blocked[0]}")

    met_click = median(dom) <= FRAME_MS
    met_size = ratio <= TRANSFER_TARGET
    print(f"target click-to-meters median <= {FRAME_MS:.0f} ms: "
          f"{'met' if met_click else 'NOT MET'} (median {median(dom):.2f} ms, "
          f"p90 {p90(dom):.2f} ms)")  # fmt: skip
    print(f"target chapter 8 cold transfer <= {TRANSFER_TARGET}x a chapter without exercises: "
          f"{'met' if met_size else 'NOT MET'} ({ch_bytes / 1024:.1f} KiB / "
          f"{base_bytes / 1024:.1f} KiB = {ratio:.2f}x)")  # fmt: skip
    return 0 if met_click and met_size and not blocked else 1


if __name__ == "__main__":
    sys.exit(main())

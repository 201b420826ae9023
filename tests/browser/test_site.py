"""The built site in real Chromium: pages load offline, widgets render, axe finds no blockers."""

from __future__ import annotations

from typing import Any

import pytest

from kfcourse.book import toc_pages
from tests.browser_support import axe_violations
from tests.conftest import ROOT, PageLog

pytestmark = pytest.mark.browser

# sphinx-book-theme 1.3 logs these two on every page (TECH-NOTES.md); nothing else is allowed.
KNOWN_THEME_ERRORS = ("THEBE_JS_URL", "invalid theme mode")


def unexpected(errors: list[str]) -> list[str]:
    return [e for e in errors if not any(known in e for known in KNOWN_THEME_ERRORS)]


@pytest.mark.parametrize("doc", toc_pages(ROOT))
def test_page_loads_offline_and_passes_axe(
    doc: str, page: Any, page_log: PageLog, site_url: str
) -> None:
    response = page.goto(f"{site_url}{doc}.html", wait_until="load")
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    assert page.locator("main h1").first.inner_text().strip()
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    assert unexpected(page_log.console_errors) == []
    assert axe_violations(page) == []


def test_embedded_widget_renders_with_network_cut(
    page: Any, page_log: PageLog, site_url: str
) -> None:
    page.goto(f"{site_url}exercises/checkin.html", wait_until="load")
    radios = page.locator(".kf-checkin-choices input[type=radio]")
    radios.first.wait_for(state="visible", timeout=15_000)
    assert radios.count() == 4
    labels = page.locator(".kf-checkin-choices label").all_inner_texts()
    assert any("decide together with staff" in text for text in labels)
    assert page.locator(".kf-checkin").count() == 1  # rendered once, not twice
    assert unexpected(page_log.console_errors) == []


def test_widget_is_usable_by_keyboard_alone(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}exercises/checkin.html", wait_until="load")
    first = page.locator(".kf-checkin-choices input[type=radio]").first
    first.wait_for(state="visible", timeout=15_000)
    for _ in range(60):  # Tab through the page until the choices have focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement?.type === 'radio'"):
            break
    else:
        pytest.fail("the check-in choices cannot be reached with the Tab key")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    checked = page.locator(".kf-checkin-choices input[type=radio]:checked")
    assert checked.count() == 1
    assert page.evaluate("document.activeElement.checked") is True


def test_widget_renders_from_files_on_disk(page: Any, page_log: PageLog, book_html: Any) -> None:
    """A learner who saves the site and opens it with no server and no network still gets it."""
    page.goto((book_html / "exercises" / "checkin.html").as_uri(), wait_until="load")
    radios = page.locator(".kf-checkin-choices input[type=radio]")
    radios.first.wait_for(state="visible", timeout=15_000)
    assert radios.count() == 4
    assert unexpected(page_log.console_errors) == []


def test_links_in_exercise_titles_have_enough_contrast(page: Any, site_url: str) -> None:
    """A glossary link in an exercise's tinted title bar must pass WCAG contrast (it did not)."""
    page.goto(f"{site_url}chapters/06-trust.html", wait_until="load")
    page.evaluate("""() => {
        const title = document.querySelector('.exercise .admonition-title');
        const term = document.querySelector('a.reference.internal span.xref.std-term');
        title.appendChild(term.closest('a').cloneNode(true));
    }""")
    assert axe_violations(page, {"include": [".exercise .admonition-title"]}) == []

"""The built site in real Chromium: pages load offline, widgets render, axe finds no blockers.

Every page is checked at a desktop width and at 320 px, in light and in dark mode: no console
error, no request to another host, nothing wider than the screen, and axe-core clean."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kfcourse.book import toc_pages
from tests.browser_support import axe_violations
from tests.conftest import ROOT, PageLog, is_local

pytestmark = pytest.mark.browser

WIDTHS = (1280, 320)
SCHEMES = ("light", "dark")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("doc", toc_pages(ROOT))
def test_page_loads_offline_fits_and_passes_axe(
    doc: str, width: int, scheme: str, page: Any, page_log: PageLog, site_url: str
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    response = page.goto(f"{site_url}{doc}.html", wait_until="load")
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    assert page.locator("main h1").first.inner_text().strip()
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    assert page_log.console_errors == []
    # Reflow (WCAG 1.4.10): the page never scrolls sideways, at 320 px included.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
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
    assert page_log.console_errors == []


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
    assert page_log.console_errors == []


def test_links_in_exercise_titles_have_enough_contrast(page: Any, site_url: str) -> None:
    """A glossary link in an exercise's tinted title bar must pass WCAG contrast (it did not)."""
    page.goto(f"{site_url}chapters/06-trust.html", wait_until="load")
    page.evaluate("""() => {
        const title = document.querySelector('.exercise .admonition-title');
        const term = document.querySelector('a.reference.internal span.xref.std-term');
        title.appendChild(term.closest('a').cloneNode(true));
    }""")
    assert axe_violations(page, {"include": [".exercise .admonition-title"]}) == []


@pytest.fixture
def touch_page(browser: Any, page_log: PageLog) -> Iterator[Any]:
    """A phone-like page (touch events on), guarded as ``page`` is: nothing leaves 127.0.0.1."""
    context = browser.new_context(has_touch=True, is_mobile=True, service_workers="block")

    def guard(route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            page_log.external_requests.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    touch = context.new_page()
    touch.on("pageerror", lambda exc: page_log.console_errors.append(f"pageerror: {exc}"))
    yield touch
    context.close()
    assert not page_log.external_requests


SIDEBARS = [
    (".bd-header-article .primary-toggle", "#pst-primary-sidebar-modal", "Course contents"),
    (
        ".bd-header-article .secondary-toggle",
        "#pst-secondary-sidebar-modal",
        "Contents of this page",
    ),
]
CHAPTER = "chapters/05-power.html"


def dialog_open(page: Any, dialog: str) -> bool:
    return bool(page.evaluate("s => document.querySelector(s).open", dialog))


@pytest.mark.parametrize("width", [320, 600])
@pytest.mark.parametrize(("toggle", "dialog", "name"), SIDEBARS)
def test_phone_sidebars_open_and_close_by_touch(
    toggle: str, dialog: str, name: str, width: int, touch_page: Any, site_url: str
) -> None:
    """pydata-sphinx-theme issue 2451: the visible sidebar buttons did nothing on a phone."""
    touch_page.set_viewport_size({"width": width, "height": 700})
    touch_page.goto(f"{site_url}{CHAPTER}", wait_until="load")
    button = touch_page.locator(toggle)
    assert button.get_attribute("aria-label") == name
    assert button.get_attribute("aria-expanded") == "false"
    button.tap()
    assert dialog_open(touch_page, dialog)
    assert touch_page.locator(f"{dialog} a").first.is_visible()  # the sidebar's links came along
    assert button.get_attribute("aria-expanded") == "true"
    touch_page.locator(f"{dialog} .kf-sidebar-close").tap()
    assert not dialog_open(touch_page, dialog)
    assert button.get_attribute("aria-expanded") == "false"
    # A tap outside the sidebar (on the dimmed page) closes it too.
    button.tap()
    assert dialog_open(touch_page, dialog)
    box = touch_page.locator(dialog).bounding_box()
    right = box["x"] + box["width"]  # tap the middle of the part the sidebar does not cover
    outside = box["x"] / 2 if box["x"] >= 10 else (right + width) / 2
    touch_page.touchscreen.tap(outside, box["y"] + box["height"] / 2)
    assert not dialog_open(touch_page, dialog), box


@pytest.mark.parametrize(("toggle", "dialog", "name"), SIDEBARS)
def test_phone_sidebars_open_and_close_by_keyboard(
    toggle: str, dialog: str, name: str, page: Any, site_url: str
) -> None:
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{site_url}{CHAPTER}", wait_until="load")
    page.locator(toggle).focus()
    page.keyboard.press("Enter")
    assert dialog_open(page, dialog)
    # focus moves to the close button once the dialog is shown (a frame later on a busy machine)
    page.wait_for_function(
        "document.activeElement.classList.contains('kf-sidebar-close')", timeout=5_000
    )
    page.keyboard.press("Escape")
    assert not dialog_open(page, dialog)
    # the dialog's close event, which puts focus back on the button, is a task queued after Escape
    page.wait_for_function(
        "s => document.activeElement === document.querySelector(s)", arg=toggle, timeout=5_000
    )
    page.keyboard.press("Space")
    assert dialog_open(page, dialog)
    page.keyboard.press("Enter")  # on the close button, which has focus
    assert not dialog_open(page, dialog)


def test_desktop_sidebar_button_hides_and_shows_the_contents(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}{CHAPTER}", wait_until="load")
    sidebar = page.locator("#pst-primary-sidebar")
    button = page.locator(SIDEBARS[0][0])
    assert sidebar.is_visible() and button.get_attribute("aria-expanded") == "true"
    button.click()
    sidebar.wait_for(state="hidden", timeout=5_000)  # after the theme's 0.25 s transition
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    sidebar.wait_for(state="visible", timeout=5_000)
    assert button.get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("width", [1280, 320])
def test_one_search_box(width: int, page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{site_url}{CHAPTER}", wait_until="load")
    fields = page.locator(".search-button-field")
    assert sum(fields.nth(i).is_visible() for i in range(fields.count())) <= 1


def test_search_from_a_chapter_lists_pages(page: Any, page_log: PageLog, site_url: str) -> None:
    """The chapters carry no search index (kfcourse.sphinx.search_scripts); the header's search
    still finds pages, on search.html, which loads the index itself."""
    page.goto(f"{site_url}{CHAPTER}", wait_until="load")
    assert page.evaluate("typeof Search") == "undefined"  # the index is not on the chapter
    page.keyboard.press("Control+k")
    field = page.locator("input[name=q]:visible").first
    field.wait_for(state="visible", timeout=5_000)
    field.fill("trust")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=trust*", timeout=10_000)
    results = page.locator("#search-results li")
    results.first.wait_for(state="visible", timeout=15_000)
    assert any("Trust" in text for text in results.all_inner_texts())
    assert page_log.console_errors == []


def focus_ring(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el);
        return {label: el.getAttribute('aria-label') || el.title || el.textContent.trim(),
                outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
    }""")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [1280, 320])
def test_every_header_control_shows_focus(
    width: int, scheme: str, page: Any, site_url: str
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}{CHAPTER}", wait_until="load")
    controls = page.locator(".bd-header-article button:visible, .bd-header-article a:visible")
    assert controls.count() >= 5  # sidebars, source, download, full screen, colour mode, search
    seen = []
    for _ in range(150):  # Tab from the top of the page until past the header's controls
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.bd-header-article') !== null"):
            ring = focus_ring(page)
            seen.append(ring["label"])
            assert ring["outline"] != "none" and ring["width"] >= 2, ring
        elif seen:
            break
    assert len(seen) == controls.count(), seen


def test_toggles_are_named_after_what_they_show(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}chapters/02-heroic-leadership.html", wait_until="load")
    button = page.locator(".solution .toggle-button").first
    assert button.get_attribute("aria-label") == "Show the solution to Exercise 2.1"
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-label") == "Hide the solution to Exercise 2.1"
    assert button.get_attribute("aria-expanded") == "true"
    assert page.locator(".solution").first.get_by_text("Stogdill concluded").is_visible()
    names = page.locator(".toggle-button").evaluate_all("bs => bs.map(b => b.ariaLabel)")
    assert names and not any("Toggle hidden content" in name for name in names)


def test_figures_open_at_full_size(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{site_url}{CHAPTER}", wait_until="load")
    links = page.locator("figure .kf-figure-full")
    assert links.count() == page.locator("figure img").count() >= 1
    assert links.first.inner_text() == "Open Fig. 5.1 at full size"
    href = links.first.get_attribute("href")
    response = page.goto(f"{site_url}chapters/{href}")
    assert response is not None and response.ok and "svg" in response.headers["content-type"]


def test_header_icons_are_drawn(page: Any, site_url: str) -> None:
    """The site's own small icon script draws every header icon (the theme's drew them before)."""
    page.goto(f"{site_url}{CHAPTER}", wait_until="load")
    assert page.locator("i[class*='fa-'], span[class*='fa-']").count() == 0  # all replaced
    for button in page.locator(".bd-header-article button:visible").all():
        box = button.locator("svg:visible").first.bounding_box()
        assert box is not None and box["width"] >= 10 and box["height"] >= 10

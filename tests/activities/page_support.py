"""What the exercises' Chromium page tests share: the fixture book served for a module, and one way
to open an exercise, read its journal entries, wait for a save and move by keyboard on every page.

Each ``test_*_page.py`` keeps only its own exercise: its ``ExercisePage`` and ``site`` fixture."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import build_fixture_book, serve
from tests.web_journal.journal_helpers import stored_journal, stored_text

FIXTURE_BOOK = Path(__file__).resolve().parent / "fixture_book"

Entry = dict[str, Any]


def site_fixture(html_page: str) -> Any:
    """A module-scoped ``site`` fixture: the URL of ``html_page`` in the fixture book, built once
    a session (``tests.conftest.build_fixture_book``) and served on 127.0.0.1."""

    @pytest.fixture(scope="module")
    def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
        out = tmp_path_factory.mktemp(f"{Path(html_page).stem}-book")
        server, url = serve(build_fixture_book(FIXTURE_BOOK, out, html_page))
        yield url + html_page
        server.shutdown()

    return site


def first(found: list[Entry]) -> Entry | None:
    """The exercise's first entry (an exercise that keeps one entry)."""
    return found[0] if found else None


def only(found: list[Entry]) -> Entry | None:
    """The exercise's entry while it is the only one, so a stray second entry never passes."""
    return found[0] if len(found) == 1 else None


def latest(found: list[Entry]) -> Entry | None:
    """The entry updated last (an exercise that starts a new entry for each attempt)."""
    return sorted(found, key=lambda e: e["updated"])[-1] if found else None


@dataclass(frozen=True)
class ExercisePage:
    """One exercise on a built page: its ``data-kf-exercise`` id, the window global its script marks
    ``ready``, and which of its journal entries ``wait_saved`` checks (``pick``)."""

    exercise: str
    script: str
    pick: Callable[[list[Entry]], Entry | None] = first

    @property
    def root(self) -> str:
        """The CSS selector of the exercise's root element."""
        return f'[data-kf-exercise="{self.exercise}"]'

    def open(self, page: Any, url: str) -> Any:
        """Load ``url`` and wait until the exercise's script is ready; the exercise's root."""
        page.goto(url)
        page.wait_for_function(f"() => window.{self.script} && window.{self.script}.ready === true")
        return page.locator(self.root)

    def answers(self, page: Any) -> list[Entry]:
        """The exercise's ``exercise_answer`` entries in the browser journal; [] if none is kept."""
        if not stored_text(page):
            return []
        return [
            e
            for e in stored_journal(page)["entries"]
            if e["kind"] == "exercise_answer" and e["exercise"] == self.exercise
        ]

    def wait_saved(
        self, page: Any, check: Callable[[Entry], Any], timeout: float = 10_000
    ) -> Entry:
        """Poll the journal until the entry ``pick`` chooses passes ``check``; that entry. Saving is
        asynchronous (debounced, or on leaving a box), so a test must wait for it."""
        deadline = page.evaluate("() => Date.now()") + timeout
        while page.evaluate("() => Date.now()") < deadline:
            entry = self.pick(self.answers(page))
            if entry is not None and check(entry):
                return entry
            page.wait_for_timeout(100)
        raise AssertionError(f"the journal never held the expected answer: {self.answers(page)}")


def focused(target: Any) -> bool:
    return bool(target.evaluate("(el) => el === document.activeElement"))


def tab_to(page: Any, target: Any, limit: int = 80, back: bool = False) -> None:
    """Move the focus to ``target`` with Tab (or Shift+Tab) alone, in at most ``limit`` presses."""
    for _ in range(limit):
        if focused(target):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"Tab never reached {target}")


def choose_by_keyboard(page: Any, select: Any, value: str) -> None:
    """Focus a select with Tab alone and pick ``value`` with the arrow keys."""
    tab_to(page, select, limit=200)
    options = select.locator("option").evaluate_all("(os) => os.map(o => o.value)")
    current = options.index(select.input_value())
    key = "ArrowDown" if options.index(value) > current else "ArrowUp"
    for _ in range(abs(options.index(value) - current)):
        page.keyboard.press(key)
    assert select.input_value() == value


def show_as(page: Any, theme: str, width: int) -> None:
    """Before the page loads: a viewport ``width`` pixels wide and the book's theme ``theme``."""
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script(
        f"localStorage.setItem('theme', '{theme}'); localStorage.setItem('mode', '{theme}');"
    )


def overflowing(page: Any, selector: str, scrolled: bool = False) -> list[str]:
    """Up to five elements under ``selector`` that reach past the window's right edge, so do not
    reflow; with ``scrolled``, those inside a ``.kf-ex-scroll`` box (meant to scroll) are let be."""
    inside = ".filter(e => !e.closest('.kf-ex-scroll'))" if scrolled else ""
    return page.evaluate(
        f"() => [...document.querySelectorAll('{selector} *')]{inside}"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".map(e => e.className || e.tagName).slice(0, 5)"
    )

"""The role-play player on a built book page, in Chromium (the ``{kf-roleplay}`` directive).

A small fixture book (``fixture_book/``) is built once with ``-W``: the three shipped scenarios,
one with feedback held to the end, a fourth scenario added as a file plus a directive, and a
scenario whose texts hold markup. Play-throughs pick random choices (seeded) by mouse or by
keyboard alone, and the page's ending and measures must equal ``kfcourse play --format json``
for the same choices. Every request to a host other than 127.0.0.1 is aborted and fails the test
(the ``page`` fixture in tests/conftest.py).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kfcourse.scenario.library import load_shipped, resolve
from tests.browser_support import axe_violations
from tests.conftest import build_fixture_book, serve
from tests.web_journal.journal_helpers import KNOWN_THEME_ERRORS, schema_problems
from tests.web_journal.journal_helpers import journal as journal_of

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent
FIXTURE_BOOK = HERE / "fixture_book"
KFCOURSE = str(Path(sys.executable).with_name("kfcourse"))
MODES = ("doctor", "patient", "pair")
# page -> (scenario argument for `kfcourse play`, scenario id)
PAGES = {
    "discharge.html": ("discharge-delays", "discharge-delays"),
    "unread.html": ("unread-report", "unread-report"),
    "clinic.html": ("clinic-codesign", "clinic-codesign"),
    "fourth.html": (str(FIXTURE_BOOK / "scenarios" / "ward-handover.yaml"), "ward-handover"),
}
READY = "() => window.KFRolePlay && window.KFRolePlay.ready === true"


@pytest.fixture(scope="module")
def player_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture book's HTML, built with warnings as errors."""
    return build_fixture_book(
        FIXTURE_BOOK, tmp_path_factory.mktemp("roleplay-book"), "discharge.html"
    )


@pytest.fixture(scope="module")
def site(player_book: Path) -> Iterator[str]:
    server, url = serve(player_book)
    yield url
    server.shutdown()


# -- driving the player ----------------------------------------------------------------------


def open_player(page: Any, url: str) -> Any:
    page.goto(url)
    page.wait_for_function(READY)
    return page.locator("[data-kf-player]").first


def settle(root: Any) -> None:
    root.page.wait_for_function("(el) => !el.hasAttribute('aria-busy')", arg=root.element_handle())
    # Focus moves to the new screen in the frame that first draws it (view.js, focusOn).
    root.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")


def click(root: Any, target: Any) -> None:
    target.click()
    settle(root)


def keyboard(root: Any, target: Any) -> None:
    """Reach `target` with Tab alone (from wherever focus is) and press Enter on it."""
    page = root.page
    for _ in range(120):
        if target.evaluate("(el) => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError(f"Tab never reached {target}")
    page.keyboard.press("Enter")
    settle(root)


def present(root: Any, selector: str) -> bool:
    return root.locator(selector).count() > 0


def meters(root: Any) -> dict[str, int]:
    return {
        m.get_attribute("data-kf-measure"): int(m.get_attribute("aria-valuenow"))
        for m in root.locator("[role=meter]").all()
    }


def play(
    root: Any,
    mode: str | None,
    rng: random.Random,
    act: Callable[[Any, Any], None],
    limit: int = 200,
) -> dict[str, Any]:
    """Choose a side (unless `mode` is None: the side is chosen) and play to an ending with
    random choices; returns what happened."""
    if mode is not None:
        act(root, root.locator(f"[data-kf-side={mode}]"))
    picks: list[int] = []
    passes: list[str] = []
    points: list[tuple[str, str]] = []
    for _ in range(limit):
        if present(root, "[data-kf-ending]"):
            break
        if present(root, "[data-kf-pass]"):
            button = root.locator("[data-kf-pass]")
            passes.append(button.get_attribute("data-kf-pass"))
            act(root, button)
        elif present(root, "[data-kf-start]"):
            act(root, root.locator("[data-kf-start]"))
        elif present(root, "[data-kf-next]"):
            act(root, root.locator("[data-kf-next]"))
        else:
            decision = root.locator("[data-kf-point]")
            points.append(
                (decision.get_attribute("data-kf-point"), decision.get_attribute("data-kf-actor"))
            )
            buttons = root.locator("button[data-kf-choice]")
            i = rng.randrange(buttons.count())
            picks.append(i + 1)
            act(root, buttons.nth(i))
    else:
        raise AssertionError("play did not end")
    return {
        "picks": picks,
        "passes": passes,
        "points": points,
        "ending": root.locator("[data-kf-ending]").get_attribute("data-kf-ending"),
        "measures": meters(root),
    }


def cli_play(target: str, mode: str, picks: list[int]) -> dict[str, Any]:
    proc = subprocess.run(
        [KFCOURSE, "play", target, "--as", mode, "--choose", ",".join(map(str, picks)),
         "--format", "json"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.stdout, proc.stderr
    return json.loads(proc.stdout)


def stored_journal(page: Any) -> dict[str, Any]:
    text = page.evaluate("() => localStorage.getItem('kfcourse-journal')")
    assert text, "no browser journal is stored"
    return json.loads(text)


def runs(page: Any, scenario_id: str) -> list[dict[str, Any]]:
    return [
        e
        for e in stored_journal(page)["entries"]
        if e["kind"] == "roleplay" and e["scenario_id"] == scenario_id
    ]


def page_errors(log: Any) -> list[str]:
    return [e for e in log.console_errors if not any(k in e for k in KNOWN_THEME_ERRORS)]


# -- play-throughs ---------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page_name", list(PAGES))
def test_play_through_matches_the_python_engine(page, page_log, site, page_name, mode, how):
    target, scenario_id = PAGES[page_name]
    rng = random.Random(f"{page_name}-{mode}-{how}")
    root = open_player(page, site + page_name)
    assert root.get_attribute("data-kf-scenario") == scenario_id
    result = play(root, mode, rng, click if how == "mouse" else keyboard)

    expected = cli_play(target, mode, result["picks"])
    assert result["ending"] == expected["ending"]
    assert result["measures"] == expected["measures"]
    assert root.locator(".kf-rp-transcript > li").count() == len(expected["trace"])
    # Only the learner's own roles were asked to choose.
    allowed = {"doctor", "patient"} if mode == "pair" else {mode}
    assert {actor for _, actor in result["points"]} <= allowed
    if mode == "pair":
        assert result["passes"][:2] == ["doctor", "patient"]  # the two private briefs
        assert set(result["passes"]) == {"doctor", "patient"}
    else:
        assert result["passes"] == []
    # Every meter says its band in words.
    for m in root.locator("[role=meter]").all():
        assert "," in m.get_attribute("aria-valuetext")

    [entry] = runs(page, scenario_id)
    assert entry["side"] == mode
    assert entry["completed"] is True
    assert entry["ending"] == expected["ending"]
    assert entry["measures_end"] == expected["measures"]
    assert entry["moves"] == expected["inputs"]
    assert entry["source"] == "web"
    assert schema_problems(stored_journal(page)) == []
    assert page_errors(page_log) == []


def test_keyboard_focus_moves_to_each_new_prompt(page, site):
    root = open_player(page, site + "discharge.html")
    keyboard(root, root.locator("[data-kf-side=doctor]"))
    assert page.evaluate("() => document.activeElement.classList.contains('kf-rp-heading')")
    keyboard(root, root.locator("[data-kf-start]"))
    heading = root.locator("[data-kf-point] .kf-rp-heading[data-kf-focus]")
    assert heading.evaluate("(el) => el === document.activeElement")
    keyboard(root, root.locator("button[data-kf-choice]").nth(1))
    heading = root.locator("[data-kf-point] .kf-rp-heading[data-kf-focus]")
    assert heading.evaluate("(el) => el === document.activeElement")
    # Focus is visible on a button reached by Tab.
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


# -- undo, restart, pause, resume --------------------------------------------------------------


def start_solo(root: Any, mode: str) -> None:
    click(root, root.locator(f"[data-kf-side={mode}]"))
    click(root, root.locator("[data-kf-start]"))


def test_undo_takes_back_the_last_choice(page, site):
    root = open_player(page, site + "discharge.html")
    start_solo(root, "doctor")
    assert root.locator("[data-kf-undo]").is_disabled()
    first = root.locator("[data-kf-point]").get_attribute("data-kf-point")
    before = meters(root)
    click(root, root.locator("button[data-kf-choice]").nth(1))
    assert meters(root) != before
    assert root.locator("[data-kf-point]").get_attribute("data-kf-point") != first
    click(root, root.locator("[data-kf-undo]"))
    assert root.locator("[data-kf-point]").get_attribute("data-kf-point") == first
    assert meters(root) == before
    assert root.locator("[data-kf-undo]").is_disabled()
    [entry] = runs(page, "discharge-delays")
    assert entry["moves"] == [] and entry["completed"] is False


def test_restart_goes_back_to_the_sides_and_keeps_the_run(page, site):
    root = open_player(page, site + "unread.html")
    start_solo(root, "patient")
    click(root, root.locator("button[data-kf-choice]").first)
    click(root, root.locator("[data-kf-restart]"))
    assert root.locator("[data-kf-side]").count() == 3
    assert not present(root, "[data-kf-point]")
    start_solo(root, "doctor")
    click(root, root.locator("button[data-kf-choice]").first)
    entries = runs(page, "unread-report")
    assert [e["side"] for e in entries] == ["patient", "doctor"]
    assert all(e["completed"] is False for e in entries)


def test_pause_hides_the_scenario_and_shows_the_content_note(page, site):
    root = open_player(page, site + "discharge.html")
    start_solo(root, "patient")
    point = root.locator("[data-kf-point]").get_attribute("data-kf-point")
    prompt = root.locator(".kf-rp-prompt").first.text_content()
    click(root, root.locator("[data-kf-pause]"))
    assert not present(root, "[data-kf-point]")
    assert not present(root, "[role=meter]")
    assert prompt not in root.inner_text()
    assert "older parent" in root.locator("[data-kf-paused]").inner_text()  # the content note
    assert not present(root, "[data-kf-undo]")
    keyboard(root, root.locator("[data-kf-paused] [data-kf-resume]"))
    assert root.locator("[data-kf-point]").get_attribute("data-kf-point") == point


def test_play_resumes_after_a_reload(page, site):
    root = open_player(page, site + "clinic.html")
    start_solo(root, "doctor")
    for _ in range(2):
        click(root, root.locator("button[data-kf-choice]").last)
    point = root.locator("[data-kf-point]").get_attribute("data-kf-point")
    before = meters(root)
    run_id = runs(page, "clinic-codesign")[0]["id"]
    page.reload()
    page.wait_for_function(READY)
    root = page.locator("[data-kf-player]").first
    assert root.locator("[data-kf-point]").get_attribute("data-kf-point") == point
    assert meters(root) == before
    click(root, root.locator("button[data-kf-choice]").first)
    [entry] = runs(page, "clinic-codesign")
    assert entry["id"] == run_id
    assert len(entry["moves"]) == 3


def test_removing_the_journal_removes_where_play_was_left(page, site):
    root = open_player(page, site + "discharge.html")
    start_solo(root, "doctor")
    click(root, root.locator("button[data-kf-choice]").first)
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert any(k.startswith("kfcourse-journal:roleplay:discharge-delays:") for k in keys)
    page.evaluate("() => window.KFJournal.store.open().clear()")
    assert root.locator("[data-kf-side]").count() == 3
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert not [k for k in keys if k.startswith("kfcourse")]
    page.reload()
    page.wait_for_function(READY)
    assert page.locator("[data-kf-player] [data-kf-side]").count() == 3


# -- pair play: private information and joint points -------------------------------------------


def private_texts(role: str) -> list[str]:
    return list(load_shipped("discharge-delays").scenario.roles[role].private)  # type: ignore[union-attr]


def in_dom(page: Any, text: str) -> bool:
    return page.evaluate("(t) => document.body.textContent.includes(t)", text)


def test_pair_private_information_only_after_its_pass_step(page, site):
    doctor, patient = private_texts("doctor"), private_texts("patient")
    root = open_player(page, site + "discharge.html")
    click(root, root.locator("[data-kf-side=pair]"))
    assert not any(in_dom(page, t) for t in doctor + patient)  # the shared briefing
    click(root, root.locator("[data-kf-next]"))
    assert root.locator("[data-kf-pass]").get_attribute("data-kf-pass") == "doctor"
    assert not any(in_dom(page, t) for t in doctor + patient)
    click(root, root.locator("[data-kf-pass]"))
    assert all(in_dom(page, t) for t in doctor)
    assert not any(in_dom(page, t) for t in patient)
    click(root, root.locator("[data-kf-next]"))
    assert root.locator("[data-kf-pass]").get_attribute("data-kf-pass") == "patient"
    assert not any(in_dom(page, t) for t in doctor + patient)
    click(root, root.locator("[data-kf-pass]"))
    assert all(in_dom(page, t) for t in patient)
    assert not any(in_dom(page, t) for t in doctor)
    click(root, root.locator("[data-kf-start]"))
    # The first point is the doctor's: the screen is passed back first.
    assert root.locator("[data-kf-pass]").get_attribute("data-kf-pass") == "doctor"
    assert not any(in_dom(page, t) for t in doctor + patient)


def to_first_joint_point(root: Any) -> str:
    """In pair play, from the sides to the first joint point; returns its id."""
    click(root, root.locator("[data-kf-side=pair]"))
    for _ in range(60):
        if present(root, "[data-kf-point]"):
            point = root.locator("[data-kf-point]").get_attribute("data-kf-point")
            if root.locator(".kf-rp-turn").text_content().startswith("A joint decision"):
                return point
            click(root, root.locator("button[data-kf-choice]").first)
        else:
            click(root, root.locator("[data-kf-pass], [data-kf-next], [data-kf-start]").first)
    raise AssertionError("no joint point reached")


def test_pair_undo_at_a_joint_point_takes_back_the_first_pick(page, site):
    root = open_player(page, site + "clinic.html")
    point = to_first_joint_point(root)
    moves = len(runs(page, "clinic-codesign")[0]["moves"])
    click(root, root.locator("button[data-kf-choice]").first)
    assert root.locator("[data-kf-pass]").get_attribute("data-kf-pass") == "patient"
    assert len(runs(page, "clinic-codesign")[0]["moves"]) == moves + 1
    click(root, root.locator("[data-kf-undo]"))
    assert root.locator("[data-kf-pass]").get_attribute("data-kf-pass") == "doctor"
    click(root, root.locator("[data-kf-pass]"))
    decision = root.locator("[data-kf-point]")
    assert decision.get_attribute("data-kf-point") == point
    assert decision.get_attribute("data-kf-actor") == "doctor"
    assert len(runs(page, "clinic-codesign")[0]["moves"]) == moves


def test_pair_joint_point_each_picks_without_seeing_the_other(page, site):
    root = open_player(page, site + "discharge.html")
    point = to_first_joint_point(root)
    assert root.locator("[data-kf-point]").get_attribute("data-kf-actor") == "doctor"
    doctor_pick = root.locator("button[data-kf-choice]").first
    doctor_text = doctor_pick.text_content()
    click(root, doctor_pick)
    # Pass the screen; the patient's view does not say what the doctor picked.
    assert root.locator("[data-kf-pass]").get_attribute("data-kf-pass") == "patient"
    assert not present(root, ".kf-rp-recent")
    click(root, root.locator("[data-kf-pass]"))
    assert root.locator("[data-kf-point]").get_attribute("data-kf-point") == point
    assert root.locator("[data-kf-point]").get_attribute("data-kf-actor") == "patient"
    assert not present(root, ".kf-rp-recent")
    assert root.locator(".kf-rp-choices").text_content().count(doctor_text) == 1  # the option only
    # A different pick is an impasse, shown with its prompt to both.
    click(root, root.locator("button[data-kf-choice]").last)
    recent = root.locator(".kf-rp-recent")
    assert "No agreement (impasse)" in recent.inner_text()


# -- safety, accessibility, hosting ------------------------------------------------------------


def test_markup_in_scenario_text_is_shown_as_text(page, page_log, site):
    root = open_player(page, site + "hostile.html")
    text = root.inner_text()
    assert '<img src=x onerror="window.kfPwned = 2">' in text  # the content note
    assert "<script>window.kfPwned = 1</script>" in text  # the title
    label = root.locator("section.kf-rp").get_attribute("aria-label")
    assert label.startswith("Role-play: <script>window.kfPwned = 1</script>")
    click(root, root.locator("[data-kf-side=doctor]"))
    assert "<script>window.kfPwned = 3</script>" in root.inner_text()  # private information
    click(root, root.locator("[data-kf-start]"))
    choice = root.locator("button[data-kf-choice=a]")
    assert choice.text_content().startswith('<img src=x onerror="window.kfPwned = 4">')
    click(root, choice)
    assert '<b onmouseover="window.kfPwned = 5">Avoiding</b>' in root.inner_text()
    assert root.locator("img, script, b").count() == 0
    assert page.evaluate("() => window.kfPwned") is None
    assert page_errors(page_log) == []


def screens(page: Any, site: str) -> Iterator[str]:
    """Go through the start screen, a decision with feedback, a pass step and an ending."""
    root = open_player(page, site + "unread.html")
    yield "start"
    start_solo(root, "doctor")
    click(root, root.locator("button[data-kf-choice]").first)
    yield "decision"
    click(root, root.locator("[data-kf-pause]"))
    yield "paused"
    click(root, root.locator("[data-kf-resume]"))
    for _ in range(60):
        if present(root, "[data-kf-ending]"):
            break
        click(root, root.locator("button[data-kf-choice]").first)
    yield "ending"
    root.locator(".kf-rp-table-details summary").click()
    root.locator("[data-kf-disagree] summary").first.click()
    root.locator("[data-kf-table]").wait_for()
    root.locator("[data-kf-disagree] textarea").first.wait_for()
    yield "debrief opened"
    click(root, root.locator("[data-kf-swap]"))
    click(root, root.locator("[data-kf-start]"))
    for _ in range(60):
        if present(root, "[data-kf-ending]"):
            break
        click(root, root.locator("button[data-kf-choice]").last)
    root.locator("[data-kf-compare-table]").wait_for()
    yield "compare"
    click(root, root.locator("[data-kf-restart]"))
    click(root, root.locator("[data-kf-side=pair]"))
    click(root, root.locator("[data-kf-next]"))
    yield "pass"


@pytest.mark.parametrize("theme,width", [("light", 1280), ("dark", 1280), ("light", 320)])
def test_axe_clean_on_every_screen(page, site, theme, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script(
        f"localStorage.setItem('theme', '{theme}'); localStorage.setItem('mode', '{theme}');"
    )
    for screen in screens(page, site):
        assert page.evaluate("() => document.documentElement.dataset.theme") == theme
        problems = axe_violations(page, "[data-kf-player]")
        assert problems == [], f"{screen} ({theme}, {width}px): {problems}"
        if width == 320:
            overflow = page.evaluate(
                "() => [...document.querySelectorAll('[data-kf-player] *')]"
                ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                ".map(e => e.className || e.tagName).slice(0, 5)"
            )
            assert overflow == [], f"{screen} does not reflow at 320 px: {overflow}"


def test_targets_are_at_least_24_px(page, site):
    root = open_player(page, site + "discharge.html")
    start_solo(root, "doctor")
    sizes = root.locator("button").evaluate_all(
        "(bs) => bs.map(b => { const r = b.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes)


def test_meters_say_value_band_and_change_and_announce_once(page, site):
    root = open_player(page, site + "discharge.html")
    start_solo(root, "doctor")
    power = root.locator("[role=meter][data-kf-measure=P]")
    assert power.get_attribute("aria-valuemin") == "-10"
    assert power.get_attribute("aria-valuemax") == "10"
    assert power.get_attribute("aria-valuetext") == "-2, mixed"
    page.evaluate(
        "() => { window.liveTexts = []; const live = document.querySelector('.kf-rp-live');"
        " new MutationObserver(() => {"
        " if (live.textContent) window.liveTexts.push(live.textContent); })"
        ".observe(live, {childList: true, characterData: true, subtree: true}); }"
    )
    click(root, root.locator("button[data-kf-choice=b]"))
    page.wait_for_function("() => window.liveTexts.length > 0")
    page.wait_for_timeout(300)
    texts = page.evaluate("() => window.liveTexts")
    assert len(texts) == 1  # announced once
    # The change shown is the learner's move and the scripted partner's since, as Python plays it.
    expected = cli_play("discharge-delays", "doctor", [2])
    value = expected["measures"]["P"]
    up = value - (-2)
    assert up > 0
    assert f"Power balance up {up}: now {value}, " in texts[0]
    power = root.locator("[role=meter][data-kf-measure=P]")
    assert power.get_attribute("aria-valuenow") == str(value)
    band = load_shipped("discharge-delays").scenario.measures["P"].words(value)  # type: ignore[union-attr]
    assert power.get_attribute("aria-valuetext") == f"{value}, {band} (up {up})"
    reading = root.locator(".kf-rp-meter:has([data-kf-measure=P]) .kf-rp-meter-reading")
    assert reading.inner_text() == f"{value} {band} \u25b2 up {up}"


def test_feedback_held_to_the_end(page, site):
    root = open_player(page, site + "held.html")
    assert [b.get_attribute("data-kf-side") for b in root.locator("[data-kf-side]").all()] == [
        "patient",
        "pair",
    ]
    start_solo(root, "patient")
    for _ in range(60):
        if present(root, "[data-kf-ending]"):
            break
        assert not present(root, "[role=meter]")
        assert not present(root, ".kf-rp-why")
        click(root, root.locator("button[data-kf-choice]").first)
    assert root.locator("[role=meter]").count() == 3
    assert root.locator(".kf-rp-transcript .kf-rp-why").count() > 0


def test_storage_failure_is_shown(page, site):
    page.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('full', 'QuotaExceededError'); };"
    )
    root = open_player(page, site + "discharge.html")
    start_solo(root, "doctor")
    click(root, root.locator("button[data-kf-choice]").first)
    alert = root.locator("[role=alert]")
    assert "could not be kept in this browser" in alert.inner_text()
    assert "storage for this website is full" in alert.inner_text()


def test_works_from_file_url(page, player_book, page_log):
    root = open_player(page, (player_book / "unread.html").as_uri())
    result = play(root, "patient", random.Random(8), click)
    expected = cli_play("unread-report", "patient", result["picks"])
    assert (result["ending"], result["measures"]) == (expected["ending"], expected["measures"])
    assert page_errors(page_log) == []


def test_scripts_only_where_a_player_is(player_book):
    chapter = (player_book / "discharge.html").read_text(encoding="utf-8")
    assert "kf-roleplay/roleplay.js" in chapter
    assert "kf-roleplay/roleplay.css" in chapter
    assert "kf-journal/kf-journal-store.js" in chapter
    assert "embed-amd" not in chapter and "require.js" not in chapter
    index = (player_book / "index.html").read_text(encoding="utf-8")
    assert "roleplay.js" not in index


def test_a_broken_scenario_stops_the_build(tmp_path):
    # Inside the repository: the book build looks for node_modules above the book.
    book = HERE / f"_broken_book_{uuid.uuid4().hex[:8]}"
    book.mkdir()
    try:
        broken_book_fails(book, tmp_path)
    finally:
        shutil.rmtree(book)


def broken_book_fails(book: Path, tmp_path: Path) -> None:
    for name in ("_config.yml", "index.md"):
        (book / name).write_text((FIXTURE_BOOK / name).read_text(encoding="utf-8"))
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: bad\n")
    source = resolve("unread-report")
    assert source is not None
    text = source.read_text(encoding="utf-8").replace("id: unread-report", "id: broken", 1)
    text = text.replace("start: B1", "start: B99", 1)
    (book / "broken.yaml").write_text(text, encoding="utf-8")
    (book / "bad.md").write_text("# Bad\n\n:::{kf-roleplay} broken.yaml\n:::\n")
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("jupyter-book")), "build", "--all",
         "--path-output", str(tmp_path / "out"), str(book)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    line = text.splitlines().index("start: B99") + 1
    assert f"broken.yaml:{line}: WARNING: scenario error SC101" in output
    assert "not building the book" in output


# -- the debrief, swap and compare ---------------------------------------------------------------

HOSTILE = '<img src=x onerror="window.kfPwned = 7"> I <b>disagree</b>'


def shipped(scenario_id: str) -> Any:
    from kfcourse.scenario import check_file

    return check_file(resolve(scenario_id)).playable


def compiled(scenario_id: str) -> dict[str, Any]:
    from kfcourse.scenario.compiled import compile_scenario

    return compile_scenario(shipped(scenario_id))


def test_debrief_shows_the_path_the_meters_and_the_theory(page, page_log, site):
    root = open_player(page, site + "discharge.html")
    play(root, "doctor", random.Random("debrief"), click)
    [entry] = runs(page, "discharge-delays")
    trace = entry["trace"]
    scenario = compiled("discharge-delays")
    debrief = root.locator("[data-kf-debrief]")
    assert debrief.locator(".kf-rp-transcript > li").count() == len(trace)

    # The chart's table equals the trace of the run: a row for the start, then one per step.
    debrief.locator(".kf-rp-table-details summary").click()
    debrief.locator("[data-kf-table]").wait_for()
    rows = debrief.locator("[data-kf-table] tbody tr")
    assert rows.count() == len(trace) + 1
    keys = list(scenario["measures"])
    for i, step in enumerate(trace, start=1):
        cells = rows.nth(i).locator("th, td").all_inner_texts()
        assert cells[0] == str(step["n"])
        assert cells[1] == scenario["points"][step["point"]]["title"]
        assert cells[3] == (step["why"] or "")
        assert [int(c.split(",")[0]) for c in cells[4:]] == [step["measures"][k] for k in keys]
    start = rows.nth(0).locator("td").all_inner_texts()[3:]
    assert [int(c.split(",")[0]) for c in start] == [entry["measures_start"][k] for k in keys]

    # The chart is one control: Home, arrows and End walk the path and say why.
    chart = debrief.locator("[data-kf-chart]")
    chart.focus()
    page.keyboard.press("Home")
    assert chart.get_attribute("aria-valuenow") == "0"
    page.keyboard.press("ArrowRight")
    assert chart.get_attribute("aria-valuenow") == "1"
    first = scenario["points"][trace[0]["point"]]["title"]
    assert first in chart.get_attribute("aria-valuetext")
    detail = debrief.locator(".kf-rp-chart-detail")
    if trace[0]["why"]:
        assert trace[0]["why"] in detail.inner_text()
    page.keyboard.press("End")
    assert chart.get_attribute("aria-valuenow") == str(len(trace))

    # The theory behind each choice, as author-year citations; the scenario's debrief points
    # for this path; what the partner knew.
    cited = {k for step in trace for k in step.get("theory") or []}
    labels = debrief.locator(".kf-rp-theory .kf-rp-cite").all_inner_texts()
    assert len(labels) == len(cited) > 0
    assert all(re.search(r"\(\d{4}\)$", label) for label in labels), labels
    visited = {step["point"] for step in trace}
    applies = [d for d in scenario["debrief"] if not d["points"] or visited & set(d["points"])]
    assert debrief.locator(".kf-rp-debrief-points > li").count() == len(applies)
    partner = debrief.locator("[data-kf-private=patient][data-kf-revealed]").inner_text()
    assert scenario["roles"]["patient"]["private"][0] in partner
    assert not present(debrief, "[data-kf-private=doctor][data-kf-revealed]")
    assert page_errors(page_log) == []


def test_disagreement_and_de_roling_are_kept_with_the_run_as_text(page, page_log, site):
    root = open_player(page, site + "unread.html")
    play(root, "patient", random.Random("disagree"), click)
    [run] = runs(page, "unread-report")
    step = next(s for s in run["trace"] if s["choice"] is not None)
    n = step["n"]
    box = root.locator(f"[data-kf-disagree='{n}']")
    box.locator("summary").click()
    box.locator("textarea").fill(HOSTILE)
    box.locator(f"[data-kf-disagree-save='{n}']").click()
    page.wait_for_function("() => document.querySelector('[data-kf-saved-note]') !== null")
    root.locator("[data-kf-note-text=de-roling]").fill("I am less patient than Daniel.")
    root.locator("[data-kf-derole-save]").click()
    page.wait_for_function("() => document.querySelectorAll('[data-kf-saved-note]').length === 2")

    notes = [e for e in stored_journal(page)["entries"] if e["kind"] == "exercise_answer"]
    by_exercise = {e["exercise"]: e for e in notes}
    assert set(by_exercise) == {"disagreement", "de-roling"} and len(notes) == 2
    disagreement = by_exercise["disagreement"]
    assert disagreement["related_entry"] == run["id"]
    assert disagreement["answer"]["step"] == n and disagreement["answer"]["text"] == HOSTILE
    assert by_exercise["de-roling"]["related_entry"] == run["id"]
    assert schema_problems(stored_journal(page)) == []
    assert HOSTILE in root.inner_text()
    assert root.locator("img, b").count() == 0
    assert page.evaluate("() => window.kfPwned") is None

    # Both come back with the run after a reload.
    page.reload()
    page.wait_for_function(READY)
    root = page.locator("[data-kf-player]").first
    page.wait_for_function("() => document.querySelectorAll('[data-kf-saved-note]').length === 2")
    # text_content: a step off screen is not laid out (content-visibility), so has no inner text
    assert HOSTILE in root.locator(f"[data-kf-step='{n}'] [data-kf-saved-note]").text_content()
    assert page_errors(page_log) == []


def compare_rows(root: Any) -> list[tuple[Any, ...]]:
    table = root.locator("[data-kf-compare-table]")
    table.wait_for()
    return [
        (
            r.get_attribute("data-kf-point"),
            int(r.get_attribute("data-kf-a")) if r.get_attribute("data-kf-a") else None,
            int(r.get_attribute("data-kf-b")) if r.get_attribute("data-kf-b") else None,
            r.get_attribute("data-kf-same") == "true",
        )
        for r in table.locator("tbody tr").all()
    ]


def expected_rows(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[Any, ...]]:
    from kfcourse.journal.compare import compare_runs

    return [(r["point"], r["a"], r["b"], r["same"]) for r in compare_runs(a, b)["rows"]]


def test_swap_sides_then_compare_the_two_runs_by_keyboard(page, page_log, site):
    rng = random.Random("swap")
    root = open_player(page, site + "clinic.html")
    play(root, "doctor", rng, keyboard)
    keyboard(root, root.locator("[data-kf-swap]"))
    assert present(root, "[data-kf-swapped]")
    assert (
        root.locator("[data-kf-role=patient] .kf-rp-heading")
        .first.inner_text()
        .startswith("Your role")
    )
    play(root, None, rng, keyboard)
    first, second = sorted(runs(page, "clinic-codesign"), key=lambda e: e["created"])
    assert first["side"] == "doctor" and second["side"] == "patient"
    assert second["related_entry"] == first["id"] and second["relation"] == "swap"
    # By default the comparison lays this run beside the one it swapped from.
    assert compare_rows(root) == expected_rows(first, second)
    endings = root.locator("[data-kf-comparison]")
    assert (
        endings.locator("[data-kf-ending-a]").get_attribute("data-kf-ending-a") == first["ending"]
    )
    assert (
        endings.locator("[data-kf-ending-b]").get_attribute("data-kf-ending-b") == second["ending"]
    )
    assert page_errors(page_log) == []


def engine_run(scenario_id: str, mode: str, moves: list[list[str]]) -> dict[str, Any]:
    """A run as the Python engine plays it, as a browser-journal entry."""
    from kfcourse.journal.runs import run_entry
    from kfcourse.scenario import Session

    session = Session(shipped(scenario_id), mode)
    session.replay([tuple(m) for m in moves])
    entry = run_entry(session, source="web")
    entry["id"] = str(uuid.uuid4())
    return entry


def test_compare_aligns_runs_that_revisit_a_point_and_end_apart(page, page_log, site):
    golden = json.loads((HERE / "vectors.json").read_text("utf-8"))
    clinic = [v for v in golden["vectors"] if v["scenario"] == "clinic-codesign"]
    twice = next(v for v in clinic if [s["point"] for s in v["steps"]].count("C4") >= 2)
    other = next(v for v in clinic if v["ending"] != twice["ending"] and v["mode"] != twice["mode"])
    a = engine_run("clinic-codesign", twice["mode"], twice["moves"])
    b = engine_run("clinic-codesign", other["mode"], other["moves"])
    a["scenario_hash"] = "sha256:" + "0" * 64  # played on an earlier version of the scenario
    scenario = compiled("clinic-codesign")
    key = f"kfcourse-journal:roleplay:clinic-codesign:{scenario['hash'].split(':')[1][:16]}"
    where = {"mode": b["side"], "moves": b["moves"], "run": b["id"]}
    journal = journal_of(a, b)
    page.add_init_script(
        f"localStorage.setItem('kfcourse-journal', {json.dumps(json.dumps(journal))});"
        f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(where))});"
    )
    root = open_player(page, site + "clinic.html")
    assert root.locator("[data-kf-ending]").get_attribute("data-kf-ending") == b["ending"]
    compare = root.locator("[data-kf-compare]")
    compare.locator("[data-kf-compare-a]").select_option(a["id"])
    compare.locator("[data-kf-compare-b]").select_option(b["id"])
    compare.locator("[data-kf-compare-go]").click()
    rows = compare_rows(root)
    assert rows == expected_rows(a, b)
    assert present(compare, "[data-kf-versions]")  # said, not refused
    assert [r[1] for r in rows if r[1] is not None] == list(range(1, len(a["trace"]) + 1))
    assert [r[2] for r in rows if r[2] is not None] == list(range(1, len(b["trace"]) + 1))
    assert sum(1 for r in rows if r[0] == "C4" and r[1] is not None) >= 2
    assert page_errors(page_log) == []

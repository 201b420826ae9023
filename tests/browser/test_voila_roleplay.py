"""The role-play exercises as Voilà apps: played in Chromium with a live kernel, checked against
the Python engine and the `kfcourse play` command, kept in the journal file, resumed.

The player is driven only through its test contract (``data-kf-*``, README in
``kfcourse/web/roleplay``), by mouse or by the keyboard alone (Tab to a control, then Enter).
The ``page`` fixture fails any test whose page asked for anything not on 127.0.0.1.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import pytest
import yaml

from kfcourse.journal import JournalStore
from kfcourse.scenario import Session, load_file
from kfcourse.scenario.engine import MODES
from kfcourse.scenario.library import load_shipped, shipped_ids
from tests.browser_support import axe_violations
from tests.voila_support import voila_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
SCENARIOS = tuple(shipped_ids())  # a scenario added as "Writing a scenario" says is tested too
CATALOGUE = json.loads((ROOT / "kfcourse" / "web" / "messages" / "en-GB.json").read_text("utf-8"))[
    "roleplay"
]
FIRST_RENDER_MS = 120_000  # a new kernel on a busy two-core machine
STEP_MS = 30_000
MAX_MOVES = 60


def test_every_shipped_scenario_has_its_app() -> None:
    assert set(SCENARIOS) == set(shipped_ids())
    for scenario in SCENARIOS:
        assert (ROOT / "exercises" / f"roleplay-{scenario}.ipynb").is_file()


@dataclass
class App:
    scenario: str
    url: str
    journal: Path

    def runs(self, **match: Any) -> list[dict[str, Any]]:
        found = JournalStore(self.journal).entries("roleplay")
        return [e for e in found if all(e.get(k) == v for k, v in match.items())]


@pytest.fixture(scope="module", params=SCENARIOS)
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """One scenario's exercise app with its own journal file (one server at a time: each
    scenario's tests run together)."""
    scenario = request.param
    journal = tmp_path_factory.mktemp(f"voila-{scenario}") / "kfcourse-journal.json"
    notebook = ROOT / "exercises" / f"roleplay-{scenario}.ipynb"
    with voila_app(notebook, journal) as url:
        yield App(scenario, url, journal)


# -- driving the player -----------------------------------------------------------------------
@dataclass
class Driver:
    """Works the player by mouse or by keyboard alone, and keeps the Python engine in step."""

    page: Any
    keyboard: bool
    moves: list[list[str]] = field(default_factory=list)

    @property
    def root(self) -> Any:
        return self.page.locator("[data-kf-player]")

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="load")
        self.root.first.wait_for(state="visible", timeout=FIRST_RENDER_MS)
        self.settle()

    def settle(self) -> None:
        """Wait until the host has answered (the view marks itself busy while it waits)."""
        self.page.wait_for_function(
            "() => document.querySelector('[data-kf-player]') &&"
            " !document.querySelector('[data-kf-player][aria-busy]')",
            timeout=STEP_MS,
        )

    def activate(self, selector: str) -> None:
        target = self.page.locator(selector)
        if not self.keyboard:
            target.click()
        else:
            target.wait_for(state="visible")
            for _ in range(120):
                if self.page.evaluate(
                    "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
                ):
                    break
                self.page.keyboard.press("Tab")
            else:
                pytest.fail(f"could not reach {selector} with the Tab key")
            self.page.keyboard.press("Enter")
        self.settle()

    def visible(self, selector: str) -> bool:
        return self.page.locator(selector).count() > 0

    def step(self, session: Session, rng: random.Random) -> bool:
        """Take the next step the screen asks for; False once the ending is shown."""
        self.page.locator(
            "[data-kf-ending], [data-kf-pass], [data-kf-start], [data-kf-choice], "
            f"button:text-is('{CATALOGUE['brief.next']}')"
        ).first.wait_for(timeout=STEP_MS)
        if self.visible("[data-kf-ending]"):
            return False
        if self.visible("[data-kf-pass]"):
            self.activate("[data-kf-pass]")
        elif self.visible("[data-kf-start]"):
            self.activate("[data-kf-start]")
        elif self.visible("[data-kf-choice]"):
            self.choose(session, rng)
        else:  # the pair briefing's "Continue" (it has no hook of its own)
            self.page.get_by_role("button", name=CATALOGUE["brief.next"], exact=True).click()
            self.settle()
        return True

    def choose(self, session: Session, rng: random.Random) -> None:
        point = self.page.locator("[data-kf-point]")
        role = point.get_attribute("data-kf-actor")
        offered = [
            b.get_attribute("data-kf-choice")
            for b in self.page.locator("button[data-kf-choice]").all()
        ]
        assert point.get_attribute("data-kf-point") == session.node
        assert role == session.awaiting()[0]
        assert offered == [c.id for c in session.options()], "offered choices, in order"
        assert self.meters() == session.measures
        other = "patient" if role == "doctor" else "doctor"
        assert self.page.locator(f"[data-kf-private={other}]").count() == 0, (
            "the other role's private information is not on this role's screen"
        )
        pick = rng.choice(offered)
        self.activate(f"button[data-kf-choice='{pick}']")
        session.choose(pick, role)
        self.moves.append([role, pick])

    def meters(self) -> dict[str, int]:
        found = {}
        for meter in self.page.locator("[role=meter][data-kf-measure]").all():
            key = meter.get_attribute("data-kf-measure")
            found[key] = int(meter.get_attribute("aria-valuenow"))
            low, high = meter.get_attribute("aria-valuemin"), meter.get_attribute("aria-valuemax")
            assert low is not None and high is not None and meter.get_attribute("aria-valuetext")
        return found

    def pick_side(self, mode: str) -> None:
        self.page.locator(f"[data-kf-side={mode}]").wait_for(timeout=STEP_MS)
        self.activate(f"[data-kf-side={mode}]")


def play_command(scenario: str, mode: str, moves: list[list[str]]) -> dict[str, Any]:
    """`kfcourse play` for the same choices, given as the numbers it shows at each point."""
    session = Session(load_shipped(scenario).scenario, mode)
    numbers = []
    for role, choice in moves:
        assert session.awaiting()[0] == role  # the command gives each number to the next player
        numbers.append([c.id for c in session.options()].index(choice) + 1)
        session.choose(choice, role)
    out = subprocess.run(
        [str(Path(sys.executable).with_name("kfcourse")), "play", scenario, "--as", mode,
         "--choose", ",".join(map(str, numbers)), "--format", "json"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return json.loads(out.stdout)


def start_fresh(driver: Driver, url: str) -> None:
    """Open the app; if it resumed an earlier run, restart to the choice of sides."""
    driver.open(url)
    if not driver.visible("[data-kf-side]"):
        driver.activate("[data-kf-restart]")
    driver.page.locator("[data-kf-side]").first.wait_for(timeout=STEP_MS)


# -- the tests --------------------------------------------------------------------------------
def test_a_whole_run_matches_the_python_engine_and_is_kept(
    app: App, page: Any, page_log: Any
) -> None:
    """Each scenario through Voila in one mode, the modes in turn, by mouse and by keyboard in
    turn: every scenario and every mode goes through this host. Every scenario in every mode is
    played against the Python host without a browser (tests/roleplay/test_widget.py), and the
    same player plays every mode by mouse and keyboard on the book page (test_page_player.py)."""
    scenario = app.scenario
    mode = MODES[SCENARIOS.index(scenario) % len(MODES)]
    keyboard = SCENARIOS.index(scenario) % 2 == 1
    driver = Driver(page, keyboard=keyboard)
    rng = random.Random(f"{scenario}/{mode}")
    start_fresh(driver, app.url)
    assert "roleplay(" not in page.locator("body").inner_text(), "no code shown"
    driver.pick_side(mode)
    session = Session(load_shipped(scenario).scenario, mode)
    for _ in range(MAX_MOVES * 3):
        if not driver.step(session, rng):
            break
    else:
        pytest.fail("the run did not reach an ending")
    assert session.ended

    expected = play_command(scenario, mode, driver.moves)
    ending = page.locator("[data-kf-ending]")
    assert ending.get_attribute("data-kf-ending") == expected["ending"] == session.node
    assert driver.meters() == expected["measures"]
    assert [list(m) for m in expected["inputs"]] == driver.moves

    [entry] = [e for e in app.runs(side=mode, completed=True) if e["moves"] == driver.moves]
    assert entry["scenario_id"] == scenario and entry["source"] == "jupyter"
    assert entry["trace"] == expected["trace"]
    assert entry["measures_end"] == expected["measures"]
    assert entry["ending"] == expected["ending"]
    assert not [e for e in page_log.console_errors if e.startswith("pageerror")]
    assert axe_violations(page, "[data-kf-player]") == []


def test_a_new_session_resumes_the_unfinished_run_and_undo_restart_work(
    app: App, page: Any
) -> None:
    scenario = app.scenario
    driver = Driver(page, keyboard=True)
    rng = random.Random(f"resume/{scenario}")
    start_fresh(driver, app.url)
    driver.pick_side("pair")
    session = Session(load_shipped(scenario).scenario, "pair")
    while len(driver.moves) < 3:
        assert driver.step(session, rng), "the run ended too soon for this test"
    [entry] = [e for e in app.runs(side="pair", completed=False) if e["moves"] == driver.moves]
    run = entry["id"]

    # A fresh Voilà session (the page opened again: a new kernel) carries on where it was.
    driver.open(app.url)
    assert not driver.visible("[data-kf-side]"), "the run is resumed, not started again"
    while not driver.visible("[data-kf-choice]"):
        assert driver.step(session, rng)  # the pass-the-screen step, in pair play
    assert page.locator("[data-kf-point]").get_attribute("data-kf-point") == session.node
    assert driver.meters() == session.measures
    assert axe_violations(page) == []
    driver.choose(session, rng)
    [entry] = [e for e in app.runs() if e["id"] == run]
    assert entry["moves"] == driver.moves and len(driver.moves) == 4

    # Undo takes the last move back, in the same entry.
    driver.activate("[data-kf-undo]")
    [entry] = [e for e in app.runs() if e["id"] == run]
    assert entry["moves"] == driver.moves[:3]

    # Restart goes back to the sides; the side chosen then starts a new run, the old one kept.
    driver.activate("[data-kf-restart]")
    page.locator("[data-kf-side]").first.wait_for(timeout=STEP_MS)
    before = {e["id"] for e in app.runs()}
    driver.pick_side("doctor")
    after = {e["id"]: e for e in app.runs()}
    [new] = set(after) - before
    assert after[new]["side"] == "doctor" and after[new]["moves"] == []
    assert after[run]["moves"] == driver.moves[:3]


MARKUP = '<img src=x onerror="window.__kfpwned=1"> <script>window.__kfpwned=2</script> <b>bold</b>'


def test_markup_in_a_scenario_is_shown_as_text(page: Any, tmp_path: Path) -> None:
    data = yaml.safe_load(
        (ROOT / "tests" / "scenario" / "fixtures" / "valid-minimal.yaml").read_text("utf-8")
    )
    data["title"] = f"Markup {MARKUP}"
    data["content_note"] = MARKUP
    data["roles"]["doctor"]["name"] = f"Dr {MARKUP}"
    data["roles"]["doctor"]["private"] = [MARKUP]
    data["points"]["p1"]["prompt"]["doctor"] = MARKUP
    data["points"]["p1"]["choices"][0].update(text=MARKUP, why=MARKUP)
    for ending in data["endings"].values():
        ending["text"] = MARKUP
    scenario_file = tmp_path / "markup.yaml"
    scenario_file.write_text(yaml.safe_dump(data), encoding="utf-8")
    loaded = load_file(scenario_file).scenario
    assert loaded is not None
    notebook = tmp_path / "markup.ipynb"
    cell = nbformat.v4.new_code_cell('from kfcourse import roleplay\nroleplay("markup.yaml")')
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), notebook)

    with voila_app(notebook, tmp_path / "kfcourse-journal.json") as url:
        driver = Driver(page, keyboard=False)
        driver.open(url)
        player = page.locator("[data-kf-player]")
        assert MARKUP in player.inner_text()  # the content note, word for word
        driver.pick_side("doctor")
        assert MARKUP in player.inner_text()  # the doctor's private information
        session = Session(loaded, "doctor")
        rng = random.Random(0)
        driver.step(session, rng)  # start playing
        choice = page.locator("button[data-kf-choice=a]")
        assert MARKUP in choice.inner_text()
        driver.activate("button[data-kf-choice=a]")
        session.choose("a", "doctor")
        driver.moves.append(["doctor", "a"])
        for _ in range(MAX_MOVES):
            if not driver.step(session, rng):
                break
        assert page.locator("[data-kf-ending]").count() == 1
        assert MARKUP in player.inner_text()
        assert player.locator("img, script, b").count() == 0
        assert page.evaluate("() => window.__kfpwned === undefined")


def test_two_views_of_one_widget_stay_in_step(page: Any, tmp_path: Path) -> None:
    """The same widget shown twice (a second view in JupyterLab, say): a move made in one view
    shows in the other, so neither sends a stale run back to the journal."""
    notebook = tmp_path / "twice.ipynb"
    code = 'from kfcourse import roleplay\nw = roleplay("discharge-delays")\ndisplay(w)\ndisplay(w)'
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)]), notebook)
    journal = tmp_path / "kfcourse-journal.json"
    with voila_app(notebook, journal) as url:
        driver = Driver(page, keyboard=False)
        driver.open(url)
        first, second = (
            page.locator("[data-kf-player]").nth(0),
            page.locator("[data-kf-player]").nth(1),
        )
        first.locator("[data-kf-side=doctor]").click()
        driver.settle()
        first.locator("[data-kf-start]").click()
        first.locator("button[data-kf-choice]").first.click()
        driver.settle()
        point = first.locator("[data-kf-point]").get_attribute("data-kf-point")
        second.locator(f"[data-kf-point='{point}']").wait_for(timeout=STEP_MS)
        second.locator("button[data-kf-choice]").first.click()
        driver.settle()
        [entry] = JournalStore(journal).entries("roleplay")
        assert len(entry["moves"]) == 2 and entry["side"] == "doctor"
        point = second.locator("[data-kf-point]").get_attribute("data-kf-point")
        first.locator(f"[data-kf-point='{point}']").wait_for(timeout=STEP_MS)


def test_a_journal_that_cannot_be_written_is_said_and_nothing_moves_on(
    page: Any, tmp_path: Path
) -> None:
    """A step Python could not keep is refused on screen with the reason; once the journal can
    be written again, the same step goes through."""
    missing = tmp_path / "not-yet"
    notebook = ROOT / "exercises" / "roleplay-unread-report.ipynb"
    with voila_app(notebook, missing / "kfcourse-journal.json") as url:
        driver = Driver(page, keyboard=True)
        driver.open(url)
        driver.pick_side("patient")
        refused = CATALOGUE["player.refused"].split("{reason}")[0]
        alert = page.locator("[data-kf-player] [role=alert]")
        assert refused in alert.inner_text() and "does not exist" in alert.inner_text()
        assert page.locator("[data-kf-start]").count() == 0, "the refused step is not shown"
        missing.mkdir()
        driver.pick_side("patient")
        page.locator("[data-kf-start]").wait_for(timeout=STEP_MS)
        [entry] = JournalStore(missing / "kfcourse-journal.json").entries("roleplay")
        assert entry["side"] == "patient" and entry["moves"] == []


# -- the debrief, swap and compare in Voilà ---------------------------------------------------
def reach(driver: Driver, selector: str) -> None:
    """Tab to `selector` (keyboard alone), without pressing anything."""
    page = driver.page
    page.locator(selector).first.wait_for(state="visible", timeout=STEP_MS)
    for _ in range(400):
        if page.evaluate(
            "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"could not reach {selector} with the Tab key")


def play_to_the_end(driver: Driver, session: Session, rng: random.Random) -> None:
    for _ in range(MAX_MOVES * 3):
        if not driver.step(session, rng):
            return
    pytest.fail("the run did not reach an ending")


def test_debrief_disagree_reflect_swap_and_compare_by_keyboard(
    page: Any, page_log: Any, tmp_path: Path
) -> None:
    from kfcourse.journal.compare import compare_runs
    from kfcourse.references import citations

    scenario = "discharge-delays"
    notebook = tmp_path / "debrief.ipynb"
    cell = nbformat.v4.new_code_cell(f'from kfcourse import roleplay\nroleplay("{scenario}")')
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), notebook)
    journal = tmp_path / "kfcourse-journal.json"
    rng = random.Random("voila-debrief")
    with voila_app(notebook, journal) as url:
        driver = Driver(page, keyboard=True)
        driver.open(url)
        driver.pick_side("doctor")
        play_to_the_end(driver, Session(load_shipped(scenario).scenario, "doctor"), rng)
        [first] = JournalStore(journal).entries("roleplay")
        debrief = page.locator("[data-kf-debrief]")
        assert debrief.locator(".kf-rp-transcript > li").count() == len(first["trace"])

        # The theory is given in full here (there is no references page in Voilà).
        cited = sorted({k for s in first["trace"] for k in s.get("theory") or []})
        items = debrief.locator(".kf-rp-theory > li").all_inner_texts()
        assert len(items) == len(cited) > 0
        for key in cited:
            assert any(citations()[key]["full"] in item for item in items), key

        # Disagree with the key at the first step, by keyboard alone.
        step = next(s for s in first["trace"] if s["choice"] is not None)
        n = step["n"]
        reach(driver, f"[data-kf-disagree='{n}'] summary")
        page.keyboard.press("Enter")
        reach(driver, f"[data-kf-disagree='{n}'] textarea")
        page.keyboard.type("The key <b>misses</b> the ward's view.")
        reach(driver, f"[data-kf-disagree-save='{n}']")
        page.keyboard.press("Enter")
        page.locator(f"[data-kf-step='{n}'] [data-kf-saved-note]").wait_for(timeout=STEP_MS)
        [note] = JournalStore(journal).entries("exercise_answer")
        assert note["related_entry"] == first["id"] and note["answer"]["step"] == n
        assert note["answer"]["text"] == "The key <b>misses</b> the ward's view."
        assert debrief.locator("b").count() == 0

        # The course's reflection form, started from this run, saved through Python.
        description = debrief.locator("textarea[data-kf-stage=description]")
        description.wait_for(timeout=STEP_MS)
        first_point = load_shipped(scenario).scenario.points[first["trace"][0]["point"]].title
        assert first_point in description.input_value()
        reach(driver, "textarea[data-kf-stage=feelings]")
        page.keyboard.type("Uneasy when the ward's data was questioned.")
        reach(driver, "[data-kf-finish]")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => document.querySelector('[data-kf-status]')?.dataset.kfState === 'finished'",
            timeout=STEP_MS,
        )
        [reflection] = JournalStore(journal).entries("reflection")
        assert reflection["related_entry"] == first["id"]
        assert reflection["stages"]["feelings"] == "Uneasy when the ward's data was questioned."
        assert axe_violations(page, "[data-kf-player]") == []

        # Swap sides: the same scenario as the patient partner, linked to the first run.
        driver.activate("[data-kf-swap]")
        assert driver.visible("[data-kf-swapped]")
        play_to_the_end(driver, Session(load_shipped(scenario).scenario, "patient"), rng)
        second = next(
            e for e in JournalStore(journal).entries("roleplay") if e["id"] != first["id"]
        )
        assert second["side"] == "patient"
        assert second["related_entry"] == first["id"] and second["relation"] == "swap"

        # The comparison lays the two runs side by side, aligned as Python aligns them.
        table = page.locator("[data-kf-compare-table]")
        table.wait_for(timeout=STEP_MS)
        shown = [
            (
                r.get_attribute("data-kf-point"),
                int(r.get_attribute("data-kf-a")) if r.get_attribute("data-kf-a") else None,
                int(r.get_attribute("data-kf-b")) if r.get_attribute("data-kf-b") else None,
                r.get_attribute("data-kf-same") == "true",
            )
            for r in table.locator("tbody tr").all()
        ]
        expected = compare_runs(first, second)["rows"]
        assert shown == [(r["point"], r["a"], r["b"], r["same"]) for r in expected]
        assert axe_violations(page, "[data-kf-player]") == []
    assert not [e for e in page_log.console_errors if e.startswith("pageerror")]

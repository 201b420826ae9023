"""The facilitator pack: each role card holds that role's private information and no other role's,
the sheet holds every decision point, choice, effect, ending and debrief question of the scenario
file, and a scenario added as a file gets its pack in the book with no code change."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from kfcourse.scenario.library import shipped_paths
from kfcourse.scenario.loader import load_file
from kfcourse.scenario.pack import facilitator_sheet, role_cards
from tests.browser_support import axe_violations
from tests.conftest import build_fixture_book, serve

HERE = Path(__file__).resolve().parent
SHIPPED = shipped_paths()
SECRET = "Only the patient partner knows <b>this</b> & nobody else."


def _scenario(path: Path) -> Any:
    loaded = load_file(path)
    assert loaded.scenario is not None, loaded.diagnostics
    return loaded.scenario


def _added_scenario(folder: Path) -> tuple[Path, str]:
    """A fourth scenario, as an author would add one: a copy of a shipped file with a new id,
    title and private information."""
    data = yaml.safe_load(SHIPPED[0].read_text(encoding="utf-8"))
    data["id"] = "added-in-a-test"
    data["title"] = "A scenario added in a test"
    data["roles"]["patient"]["private"] = [SECRET]
    path = folder / "added-in-a-test.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, data["roles"]["patient"]["name"]


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_each_card_holds_its_own_private_information_only(path: Path) -> None:
    scenario = _scenario(path)
    cards = role_cards(scenario)
    assert [c.role for c in cards] == ["doctor", "patient"]
    for card in cards:
        assert card.private == scenario.roles[card.role].private
        text = repr(card)
        for other in cards:
            if other is not card:
                assert not any(p in text for p in other.private), (card.role, other.role)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_the_sheet_holds_every_point_choice_effect_ending_and_question(path: Path) -> None:
    scenario = _scenario(path)
    sheet = facilitator_sheet(scenario)
    assert [p.id for p in sheet.points] == list(scenario.points)
    for row, point in zip(sheet.points, scenario.points.values(), strict=True):
        assert [c.text for c in row.choices] == [c.text for c in point.choices]
        for shown, choice in zip(row.choices, point.choices, strict=True):
            assert shown.why == choice.why
            for key, value in choice.effects.items():
                if value:
                    assert f"{scenario.measures[key].name} {value:+d}" in shown.effects
            if not any(choice.effects.values()):
                assert shown.effects == "no change"
        assert (row.impasse is None) == (point.impasse is None)
    assert [e[0] for e in sheet.endings] == [e.title for e in scenario.endings.values()]
    assert sheet.debrief == tuple(d.text for d in scenario.debrief)


@pytest.fixture(scope="module")
def pack_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str]]:
    """The fixture book with every shipped pack, plus a page for a scenario added in a test."""
    src = tmp_path_factory.mktemp("pack-src")
    shutil.copytree(HERE / "fixture_pack_book", src, dirs_exist_ok=True)
    (src / "node_modules").symlink_to(HERE.parents[1] / "node_modules")  # the widget scripts
    added, patient = _added_scenario(src)
    (src / "added.md").write_text(
        f"# An added scenario\n\n:::{{kf-facilitator-pack}} {added}\n:::\n", encoding="utf-8"
    )
    toc = src / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8") + "chapters:\n  - file: added\n", "utf-8")
    out = build_fixture_book(src, tmp_path_factory.mktemp("pack-book"), "pack.html")
    server, url = serve(out)
    yield url, out, patient
    server.shutdown()


def _flat(text: str) -> str:
    """Text with runs of space made one and Sphinx's curly quotes made straight again."""
    return " ".join(text.split()).translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))


def _cards(page_html: str) -> dict[str, str]:
    """Each role card's text by its heading, from the built page."""
    found = {}
    for m in re.finditer(
        r'<section[^>]*class="[^"]*kf-pack-card[^"]*"[^>]*>(.*?)</section>', page_html, re.S
    ):
        text = html.unescape(re.sub(r"<[^>]+>", " ", m.group(1)))
        found[" ".join(text.split()[:5])] = _flat(text)
    return found


@pytest.mark.book
def test_the_built_pack_puts_each_secret_on_its_own_card_only(
    pack_site: tuple[str, Path, str],
) -> None:
    _, out, patient = pack_site
    page = (out / "pack.html").read_text(encoding="utf-8")
    cards = _cards(page)
    assert len(cards) == 2 * len(SHIPPED)
    for path in SHIPPED:
        scenario = _scenario(path)
        for role in scenario.roles.values():
            mine = [t for h, t in cards.items() if role.name in h]
            assert len(mine) == 1, role.name
            others = [t for h, t in cards.items() if role.name not in h]
            for secret in role.private:
                flat = _flat(secret)
                assert flat in mine[0]
                assert not any(flat in t for t in others), secret
    added = (out / "added.html").read_text(encoding="utf-8")
    assert "A scenario added in a test" in added
    assert html.escape(SECRET, quote=False) in added and "<b>this</b>" not in added
    assert [h for h, t in _cards(added).items() if _flat(SECRET) in t] == [
        h for h in _cards(added) if patient in h
    ]


@pytest.mark.browser
def test_printed_each_card_starts_a_page_and_the_page_is_accessible(
    pack_site: tuple[str, Path, str], page: Any
) -> None:
    url, _, _ = pack_site
    page.goto(url + "pack.html")
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        ".kf-pack-card, .kf-pack-sheet", "els => els.map(e => getComputedStyle(e).breakBefore)"
    )
    assert breaks and set(breaks) == {"page"}
    page.emulate_media(media="screen")
    assert axe_violations(page) == []

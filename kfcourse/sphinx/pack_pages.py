"""Facilitator packs in the book: ``{kf-facilitator-pack}``, made from the scenario files.

``{kf-facilitator-pack}`` renders the pack of every shipped scenario (so a scenario added as a
file gets its pack with no code change); ``{kf-facilitator-pack} ID`` renders one. A pack is a
role card per role (one printed page each, only that role's private information) and a
facilitator's sheet (see ``kfcourse.scenario.pack``). Every text is a docutils Text node, so
nothing in a scenario file is read as markup. The print styles (a page per card) are
``static/pack/kf-pack.css``, added only to pages that use the directive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from kfcourse.scenario.library import resolve, shipped_paths
from kfcourse.scenario.loader import load_file
from kfcourse.scenario.model import Scenario
from kfcourse.scenario.pack import FacilitatorSheet, RoleCard, facilitator_sheet, role_cards
from kfcourse.sphinx.static_files import serve_files

STATIC = Path(__file__).resolve().parent / "static" / "pack"
PACK_CLASS = "kf-pack"


def _para(text: str, classes: list[str] | None = None) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=classes or [])


def _labelled(label: str, text: str) -> nodes.paragraph:
    para = nodes.paragraph()
    para += nodes.strong(label, label)
    para += nodes.Text(f" {text}")
    return para


def _list(items: tuple[str, ...] | list[str], ordered: bool = False) -> nodes.Element:
    out: nodes.Element = nodes.enumerated_list() if ordered else nodes.bullet_list()
    for item in items:
        out += nodes.list_item("", _para(item))
    return out


def _table(caption: str, headers: list[str], rows: list[list[str]]) -> nodes.table:
    table = nodes.table(classes=["kf-pack-table"])
    table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    row = nodes.row()
    for header in headers:
        row += nodes.entry("", _para(header))
    head += row
    group += head
    body = nodes.tbody()
    for values in rows:
        row = nodes.row()
        for value in values:
            row += nodes.entry("", _para(value))
        body += row
    group += body
    return table


class FacilitatorPack(SphinxDirective):
    """``{kf-facilitator-pack} [ID]``: role cards and the facilitator's sheet of one shipped
    scenario, or of every shipped scenario."""

    has_content = False
    optional_arguments = 1

    def _section(self, title: str, key: str, classes: list[str] | None = None) -> nodes.section:
        section = nodes.section(ids=[nodes.make_id(f"kf-pack-{key}")], classes=classes or [])
        section += nodes.title(title, title)
        return section

    def _card(self, scenario: Scenario, card: RoleCard) -> nodes.section:
        section = self._section(
            f"Role card: {card.name}", f"{scenario.id}-{card.role}", ["kf-pack-card"]
        )
        section += _labelled("Scenario:", scenario.title)
        section += _labelled("Your role:", f"{card.name}, {card.title}.")
        section += _labelled("Content note:", scenario.content_note)
        section += _labelled("Your situation:", card.brief)
        if card.goals:
            section += _para("What you want:", ["kf-pack-label"])
            section += _list(card.goals)
        if card.pressures:
            section += _para("Pressures on you:", ["kf-pack-label"])
            section += _list(card.pressures)
        if card.private:
            section += _para(
                "Only you know this (do not show this card to your partner):", ["kf-pack-label"]
            )
            section += _list(card.private)
        return section

    def _sheet(self, scenario: Scenario, sheet: FacilitatorSheet) -> nodes.section:
        section = self._section(
            f"Facilitator's sheet: {sheet.title}", f"{scenario.id}-sheet", ["kf-pack-sheet"]
        )
        section += _labelled("Content note (read it out before play):", sheet.content_note)
        section += _labelled("Setting:", sheet.setting)
        section += _labelled("The problem:", sheet.problem)
        section += _table(
            "The measures (keep score on paper; they are arguments, not marks)",
            ["Measure", "Range and start"],
            [list(m) for m in sheet.measures],
        )
        for point in sheet.points:
            section += _para(f"Decision point {point.id}: {point.title}", ["kf-pack-label"])
            section += _labelled("Who decides:", point.decides)
            for who, prompt in point.prompts:
                section += _labelled(f"Read to {who}:", prompt)
            section += _table(
                f"Choices at {point.id}",
                ["Choice", "Effect on the measures", "Why (for the debrief)"],
                [[c.text, c.effects, c.why] for c in point.choices],
            )
            if point.impasse:
                section += _labelled("If the pair cannot agree:", point.impasse)
        section += _table(
            "The endings",
            ["Ending", "What happens", "What was achieved"],
            [list(e) for e in sheet.endings],
        )
        section += _para("Debrief questions", ["kf-pack-label"])
        section += _list(sheet.debrief, ordered=True)
        return section

    def run(self) -> list[nodes.Node]:
        if self.arguments:
            path = resolve(self.arguments[0])
            if path is None:
                raise self.error(f"kf-facilitator-pack: no shipped scenario {self.arguments[0]!r}")
            paths = [path]
        else:
            paths = shipped_paths()
        out: list[nodes.Node] = []
        for path in paths:
            self.env.note_dependency(str(path))
            loaded = load_file(path)
            if loaded.scenario is None:
                raise self.error(f"kf-facilitator-pack: {path.name} has errors (kfcourse check)")
            scenario = loaded.scenario
            section = self._section(scenario.title, scenario.id, [PACK_CLASS])
            section += _para(scenario.summary)
            for card in role_cards(scenario):
                section += self._card(scenario, card)
            section += self._sheet(scenario, facilitator_sheet(scenario))
            out.append(section)
        return out


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if doctree is not None and any(
        PACK_CLASS in n["classes"] for n in doctree.findall(nodes.section)
    ):
        app.add_css_file("kf-pack/kf-pack.css")


def on_config_inited(app: Sphinx, config: Any) -> None:
    serve_files(app, "kf-pack", [(STATIC / "kf-pack.css", "kf-pack.css")])


def setup(app: Sphinx) -> None:
    app.add_directive("kf-facilitator-pack", FacilitatorPack)
    app.connect("config-inited", on_config_inited, priority=900)
    app.connect("html-page-context", on_html_page_context)

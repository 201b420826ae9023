"""The debrief's citations: generated from references.bib (fresh), shown without editorial
fields, and linked on the built book to entries that exist on its references page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kfcourse.references import HIDDEN_FIELDS, OUTPUT, citations_from_bib, short_label
from kfcourse.scenario import check_file
from kfcourse.scenario.compiled import compile_scenario, theory_keys
from kfcourse.scenario.library import resolve, shipped_ids


def test_citations_are_fresh() -> None:
    held = json.loads(OUTPUT.read_text("utf-8"))
    assert held == citations_from_bib(), (
        f"{OUTPUT} is stale: references.bib changed. Run `make vectors` and commit the file."
    )


def test_every_key_a_shipped_scenario_cites_has_a_citation_with_no_editorial_text() -> None:
    held = json.loads(OUTPUT.read_text("utf-8"))
    for scenario_id in shipped_ids():
        compiled = compile_scenario(check_file(resolve(scenario_id)).playable)
        for key in theory_keys(compiled):
            assert key in held, f"{scenario_id} cites {key}, which references.bib lacks"
            text = held[key]["full"] + held[key]["label"]
            assert not re.search(r"\[verify\]|[Vv]erified|TODO|to be confirmed", text), key
            assert re.fullmatch(r".+ \((\d{4}[a-z]?|n\.d\.)\)", held[key]["label"]), held[key]


def test_short_labels_follow_author_year() -> None:
    from pybtex.database import parse_string

    bib = parse_string(
        """
        @book{one, author = {Lukes, Steven}, title = {Power}, year = {2005}}
        @book{two, author = {Huxham, Chris and Vangen, Siv}, title = {M}, year = {2005}}
        @book{three, author = {West, M. and Eckert, R. and Steward, K.}, title = {D}, year = {2014}}
        @misc{org, author = {{NHS England}}, title = {F}, year = {2021}, note = {check [verify]}}
        """,
        "bibtex",
    )
    labels = [short_label(bib.entries[k]) for k in ("one", "two", "three", "org")]
    assert labels == [
        "Lukes (2005)",
        "Huxham and Vangen (2005)",
        "West et al. (2014)",
        "NHS England (2021)",
    ]
    assert "note" in HIDDEN_FIELDS and "verification" in HIDDEN_FIELDS


@pytest.mark.book
def test_the_book_links_each_citation_to_its_reference(book_html: Path) -> None:
    page = (book_html / "chapters" / "08-role-play-lab.html").read_text("utf-8")
    blocks = re.findall(
        r'<script type="application/json" class="kf-roleplay-data">(.*?)</script>', page, re.S
    )
    assert blocks, "chapter 8 has no role-play player"
    references = (book_html / "chapters" / "references.html").read_text("utf-8")
    anchors = set(re.findall(r'id="([^"]+)"', references))
    linked = 0
    for block in blocks:
        data = json.loads(block)
        for key, citation in data["citations"].items():
            if "href" not in citation:
                continue
            target, _, anchor = citation["href"].partition("#")
            assert target == "references.html", (key, citation["href"])
            assert anchor in anchors, (key, anchor)
            linked += 1
    assert linked > 0

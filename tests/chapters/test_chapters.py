"""The chapters keep the template's anatomy, and their citations, terms, links and figures resolve.

These tests read the sources only (no book build), so they run in well under a second. Each
failure lists every problem as file:line: message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kfcourse.book import toc_pages
from tests.chapters import chapter_checks as cc

ROOT = cc.ROOT
BIB = ROOT / "references.bib"
GLOSSARY = cc.CHAPTERS / "glossary.md"
REFERENCES = cc.CHAPTERS / "references.md"
BENCH = ROOT / "bench" / "bench_readability.py"
CHAPTERS = cc.toc_chapters()
# Every page the book builds that is written in Markdown (notebooks are checked elsewhere).
ALL_PAGES = [ROOT / f"{name}.md" for name in toc_pages(ROOT) if (ROOT / f"{name}.md").exists()]

# Words that are glossary terms but also everyday words or names in the text ("the trust" is an
# NHS organisation; "ability" is ordinary English), so their first use cannot be found by matching.
AMBIGUOUS_TERMS = {"trust", "ability", "benevolence", "integrity"}

# Wordings the brief confirms may be quoted (COURSE-BRIEF §5.3: the CollaboRATE items, verbatim).
CONFIRMED_QUOTATIONS = ["how much effort was made"]


def _report(problems: list[cc.Problem]) -> str:
    return "\n" + "\n".join(str(p) for p in problems)


def test_toc_lists_the_nine_chapters() -> None:
    assert [p.name[:2] for p in CHAPTERS] == [f"0{n}" for n in range(1, 10)]
    missing = [str(p) for p in CHAPTERS if not p.exists()]
    assert not missing, missing


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_has_the_template_sections_in_order(chapter: Path) -> None:
    problems = cc.check_anatomy(chapter)
    assert not problems, _report(problems)


def _readability() -> Any:
    """The readability bench as a module (it lives in bench/, outside the package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_readability", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.use_offline_syllable_counts()
    return module


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_plain_language_summary_is_short_and_readable(chapter: Path) -> None:
    """Three to five sentences with a Flesch reading ease of 50 or more (brief: plain summaries)."""
    import textstat

    bench = _readability()
    summary, _ = bench.split_chapter(chapter.read_text(encoding="utf-8"))
    assert summary, f"{chapter.name}: no 'In plain words' summary"
    sentences = textstat.sentence_count(summary)
    score = textstat.flesch_reading_ease(summary)
    assert 3 <= sentences <= 5, f"{chapter.name}: summary has {sentences} sentences, not 3 to 5"
    assert score >= bench.SUMMARY_TARGET, f"{chapter.name}: summary reading ease {score:.1f} < 50"


def test_every_cited_key_is_in_references_bib() -> None:
    problems = cc.check_citations(ALL_PAGES, cc.bib_keys(BIB))
    assert not problems, _report(problems)


def test_every_bib_entry_is_cited_or_further_reading() -> None:
    pages = [p for p in ALL_PAGES if p != REFERENCES]
    problems = cc.check_bib_coverage(BIB, pages, REFERENCES)
    assert not problems, _report(problems)


def test_every_term_role_names_a_glossary_term() -> None:
    terms = cc.glossary_terms(GLOSSARY)
    assert terms, "the glossary defines no terms"
    problems = cc.check_terms(ALL_PAGES, terms)
    assert not problems, _report(problems)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_glossary_terms_are_linked_at_first_use(chapter: Path) -> None:
    terms = cc.glossary_terms(GLOSSARY) - AMBIGUOUS_TERMS
    problems = cc.first_use_unlinked(chapter, terms)
    assert not problems, _report(problems)


def test_internal_links_resolve() -> None:
    problems = cc.check_links(ALL_PAGES)
    assert not problems, _report(problems)


def test_every_figure_has_alt_text_and_a_caption() -> None:
    problems = cc.check_figures(ALL_PAGES)
    assert not problems, _report(problems)


def test_no_long_quotations_in_chapters() -> None:
    problems = cc.check_long_quotations(CHAPTERS, CONFIRMED_QUOTATIONS)
    assert not problems, _report(problems)


FIGURE_SCRIPTS = sorted((cc.CHAPTERS / "figures").glob("draw_*.py"))


@pytest.mark.parametrize("script", FIGURE_SCRIPTS, ids=lambda p: p.stem)
def test_figure_script_is_deterministic(script: Path, tmp_path: Path) -> None:
    """The figures in the repository are exactly what each figure script draws today."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(script.stem, script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    assert module.FIGURES, f"{script.name} draws no figures"
    for name in module.FIGURES:
        drawn = (tmp_path / name).read_bytes()
        committed = cc.CHAPTERS / "figures" / name
        assert committed.exists(), f"{name} is drawn by {script.name} but not in the repository"
        assert drawn == committed.read_bytes(), f"{name} is stale: run {script.name}"
        assert b"<dc:date>" not in drawn

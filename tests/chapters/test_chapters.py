"""The chapters keep the template's anatomy, and their citations, terms, links and figures resolve.

These tests read the sources only (no book build), so they run in well under a second. Each
failure lists every problem as file:line: message.
"""

from __future__ import annotations

import re
import sys
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
READING_BENCH = ROOT / "bench" / "bench_reading.py"
CHAPTERS = cc.toc_chapters()
# Every page the book builds that is written in Markdown (notebooks are checked elsewhere).
ALL_PAGES = [ROOT / f"{name}.md" for name in toc_pages(ROOT) if (ROOT / f"{name}.md").exists()]

# Words that are glossary terms but also everyday words or names in the text ("the trust" is an
# NHS organisation; "ability" is ordinary English), so their first use cannot be found by matching.
AMBIGUOUS_TERMS = {"trust", "ability", "benevolence", "integrity"}

# Wordings that may be quoted: the CollaboRATE items, verbatim, which its licence allows when they
# are not modified (see chapter 7).
CONFIRMED_QUOTATIONS = ["how much effort was made"]


def _report(problems: list[cc.Problem]) -> str:
    return "\n" + "\n".join(str(p) for p in problems)


def test_toc_lists_the_numbered_chapters_in_order() -> None:
    assert len(CHAPTERS) >= 9  # an instructor may add chapters (10-..., 11-...)
    assert [p.name[:2] for p in CHAPTERS] == [f"{n:02d}" for n in range(1, len(CHAPTERS) + 1)]
    missing = [str(p) for p in CHAPTERS if not p.exists()]
    assert not missing, missing


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_has_the_template_sections_in_order(chapter: Path) -> None:
    problems = cc.check_anatomy(chapter)
    assert not problems, _report(problems)


def _bench(path: Path) -> Any:
    """A bench script as a module (it lives in bench/, outside the package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up by name
    spec.loader.exec_module(sys.modules[spec.name])
    return sys.modules[spec.name]


def _readability() -> Any:
    module = _bench(BENCH)
    module.use_offline_syllable_counts()
    return module


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_every_objective_is_practised_by_a_check_or_activity(chapter: Path) -> None:
    """Each numbered objective has a self-check or activity marked '% practises: N' (the
    chapter template explains the marker), and every marker names an objective that exists."""
    problems = cc.check_objectives_practised(chapter)
    assert not problems, _report(problems)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_no_stretch_of_reading_is_longer_than_15_minutes(chapter: Path) -> None:
    """Carpentries rhythm: an activity at least every 15 minutes of reading (bench_reading.py)."""
    bench = _bench(READING_BENCH)
    found, _ = bench.stretches(chapter.read_text(encoding="utf-8"))
    worst = max(found, key=lambda s: s.words)
    assert worst.minutes <= bench.TARGET_MINUTES, (
        f"{chapter.name}:{worst.first_line}-{worst.last_line}: {worst.words} words "
        f"({worst.minutes:.1f} min) of reading with no activity"
    )


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


_DURATION = re.compile(r"(?:(\d+) hours?)?\s*(?:(\d+) minutes?)?", re.IGNORECASE)


def _minutes(phrase: str) -> int:
    """'2 hours 30 minutes' -> 150; '3 hours' -> 180."""
    m = _DURATION.match(phrase.strip())
    assert m and (m[1] or m[2]), f"not a duration: {phrase!r}"
    return int(m[1] or 0) * 60 + int(m[2] or 0)


def _parts_sum(text: str, unit: str) -> int:
    """The sum of the 'N <unit>' parts of a list of timings, leaving out asides in brackets."""
    return sum(int(n) for n in re.findall(rf"(\d+) {unit}\b", re.sub(r"\([^()]*\)", "", text)))


def stated_time_problems(chapter: Path) -> list[str]:
    """Where a chapter's stated time differs from the sum of its parts (learner row, instructor
    timings) or from its front matter."""
    text = chapter.read_text(encoding="utf-8")
    problems = []
    front = re.search(r'time_to_learn:\s*"([^"]+)"', text)
    row = re.search(
        r"\| \*\*Time to learn\*\* \| About ([^:|]+?)(?: in pairs)?: ([^|]*?)(?:\.\s|\s*\|)", text
    )
    if not row:
        return [f"{chapter.name}: no 'Time to learn' row of the form 'About T: parts'"]
    total, parts = _minutes(row[1]), _parts_sum(row[2], "minutes")
    if parts != total:
        problems.append(f"{chapter.name}: 'Time to learn' says {total} min, parts add to {parts}")
    if front and _minutes(front[1].removesuffix(" in pairs")) != total:
        problems.append(f"{chapter.name}: front matter says {front[1]!r}, the row {row[1]!r}")
    timings = re.search(r"\*\*Timings \(about ([^)]+)\):\*\*(.*?)(?:\n- |\n:::)", text, re.S)
    if timings:
        said, summed = _minutes(timings[1]), _parts_sum(timings[2], "min")
        if said != summed:
            problems.append(f"{chapter.name}: instructor timings say {said} min, add to {summed}")
    return problems


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_stated_times_add_up(chapter: Path) -> None:
    assert stated_time_problems(chapter) == []


def test_stated_time_check_sees_a_wrong_sum(tmp_path: Path) -> None:
    page = tmp_path / "06-x.md"
    page.write_text(
        '---\nkfcourse:\n  time_to_learn: "2 hours"\n---\n'
        "| **Time to learn** | About 2 hours 30 minutes: reading 60 minutes, "
        "exercise 40 minutes. |\n"
        "- **Timings (about 2 hours):** reading 60 min; exercise 40 min (four rounds).\n:::\n",
        encoding="utf-8",
    )
    assert stated_time_problems(page) == [
        "06-x.md: 'Time to learn' says 150 min, parts add to 100",
        "06-x.md: front matter says '2 hours', the row '2 hours 30 minutes'",
        "06-x.md: instructor timings say 120 min, add to 100",
    ]


def invented_examples_unlabelled(chapter: Path) -> list[str]:
    """'Example' boxes that neither say they are invented nor cite the real case they describe
    (the brief: label invented data)."""
    text = chapter.read_text(encoding="utf-8")
    return [
        f"{chapter.name}:{text.count(chr(10), 0, m.start()) + 1}: {m[1]}"
        for m in re.finditer(r":::\{admonition\} (Example[^\n]*)\n(.*?)\n:::", text, re.S)
        if not re.search(r"invented|imagine|fictional|\{cite:", m[2], re.IGNORECASE)
    ]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_examples_say_they_are_invented(chapter: Path) -> None:
    assert invented_examples_unlabelled(chapter) == []


# "Trust" is this course's subject, so the NHS organisation is "the hospital" or "NHS trust".
_TRUST_AS_ORGANISATION = re.compile(
    r"\b(?:the|a|an|her|his|their|its|each|every|one)\s+trust(?:'s|s')"
    r"|\btrust-wide\b|\bthe\s+trust\s+(?:has\s+)?(?:apologised|announced|board|could|said|wants)\b",
    re.IGNORECASE,
)


def trust_as_organisation(page: Path) -> list[str]:
    """Places where 'trust' on its own names the NHS organisation."""
    text = page.read_text(encoding="utf-8")
    return [
        f"{page.name}:{text.count(chr(10), 0, m.start()) + 1}: {m[0]!r}"
        for m in _TRUST_AS_ORGANISATION.finditer(text)
    ]


def test_trust_means_trust_between_people(tmp_path: Path) -> None:
    pages = [*CHAPTERS, GLOSSARY, cc.CHAPTERS / "welcome.md"]
    assert [hit for page in pages for hit in trust_as_organisation(page)] == []
    sample = tmp_path / "06-x.md"
    sample.write_text("The\ntrust apologised. Trust is low. Her trust's board met.\n", "utf-8")
    assert trust_as_organisation(sample) == [
        "06-x.md:1: 'The\\ntrust apologised'",
        '06-x.md:2: "Her trust\'s"',
    ]


def test_content_notes_point_to_support_for_learners_alone() -> None:
    """Every chapter content note, and the welcome page, give support a learner alone can use."""
    welcome = (cc.CHAPTERS / "welcome.md").read_text(encoding="utf-8")
    assert "(support)=" in welcome
    for service in ("Samaritans", "116 123", "NHS 111", "Outside the UK"):
        assert service in welcome, service
    missing = []
    for chapter in CHAPTERS:
        text = chapter.read_text(encoding="utf-8")
        for m in re.finditer(r":::\{admonition\} Content note\n(.*?)\n:::", text, re.S):
            if "<support>`" not in m[1]:
                missing.append(f"{chapter.name}:{text.count(chr(10), 0, m.start()) + 1}")
    assert missing == []

"""The chapter checks fail on small bad fixtures, so passing on the chapters means something."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.chapters import chapter_checks as cc

GOOD = textwrap.dedent(
    """\
    ---
    kfcourse:
      time_to_learn: "2 hours"
    ---

    # A good chapter

    :::{admonition} In plain words
    :class: tip
    Short words. Short lines.
    :::

    ## Learning objectives

    1. **Describe** a thing.

    ## Before you start

    | | |
    |---|---|
    | **Time to learn** | 2 hours |

    ## An idea

    Text with {cite:p}`known2020` and {term}`trust` and [a page](other.md).

    :::{figure} pic.svg
    :alt: A picture of the idea.

    A caption.
    :::

    ## Check your understanding

    :::{exercise}
    :label: ch3-good

    A question.
    :::

    :::{solution} ch3-good
    :class: dropdown

    An answer.
    :::

    ## Reflect

    A question. Write it in [your journal](journal.md).

    :::{kf-reflection}
    :id: ch3-reflect
    :::

    ## Exercise: Sorting

    :::{admonition} Exercise: Sorting
    :class: seealso
    What and why.
    :::

    ## Key points

    - One point.

    ## For instructors

    :::{admonition} Timings and facilitation
    :class: dropdown
    - Timings.
    :::
    """
)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A tiny book folder: a good chapter, its link targets, a bib and a glossary."""
    (tmp_path / "03-good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "other.md").write_text("# Other\n", encoding="utf-8")
    (tmp_path / "journal.md").write_text("# Journal\n", encoding="utf-8")
    (tmp_path / "pic.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(
        "@book{known2020,\n  title={T},\n}\n\n@article{spare2019,\n  title={S},\n}\n",
        encoding="utf-8",
    )
    (tmp_path / "glossary.md").write_text(
        "# Glossary\n\n```{glossary}\ntrust\n  Willingness to be vulnerable.\n```\n",
        encoding="utf-8",
    )
    (tmp_path / "references.md").write_text(
        "# References\n\n```{bibliography}\n:filter: cited\n```\n\n"
        '```{bibliography}\n:filter: not cited and key in {"spare2019"}\n```\n',
        encoding="utf-8",
    )
    return tmp_path


def _write_bad(book: Path, old: str, new: str) -> Path:
    assert old in GOOD, old
    bad = book / "03-bad.md"
    bad.write_text(GOOD.replace(old, new), encoding="utf-8")
    return bad


def _line_of(path: Path, fragment: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if fragment in line:
            return n
    raise AssertionError(fragment)


def test_the_good_fixture_passes_every_check(book: Path) -> None:
    good = book / "03-good.md"
    assert cc.check_anatomy(good) == []
    assert cc.check_citations([good], cc.bib_keys(book / "refs.bib")) == []
    assert cc.check_bib_coverage(book / "refs.bib", [good], book / "references.md") == []
    assert cc.check_terms([good], cc.glossary_terms(book / "glossary.md")) == []
    assert cc.check_links([good], root=book) == []
    assert cc.check_figures([good]) == []
    assert cc.check_long_quotations([good]) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (":::{admonition} In plain words", ":::{admonition} Summary", "In plain words"),
        ("## Learning objectives", "## Aims", "missing section '## Learning objectives'"),
        ("| **Time to learn** | 2 hours |", "| **Time** | 2 hours |", "Time to learn"),
        ("## An idea", "## Key ideas are here", None),  # still a concept section: passes
        ("## Reflect", "## Musing", "missing section '## Reflect'"),
        ("## Exercise: Sorting", "## Exercise:", "needs a name"),
        ("1. **Describe** a thing.", "1. Describe a thing.", "**Verb**"),
        ("## Key points\n\n- One point.", "## Key points\n\nOne point.", "bulleted list"),
        (":label: ch3-good", ":label: ch4-good", "should start with 'ch3-'"),
        (":::{solution} ch3-good\n:class: dropdown", ":::{solution} ch3-good", "dropdown"),
        ("[your journal](journal.md)", "your journal", "link to the journal"),
        (":::{kf-reflection}\n:id: ch3-reflect\n:::\n", "", "needs a {kf-reflection} form"),
        (
            ":::{admonition} Timings and facilitation\n:class: dropdown",
            ":::{admonition} Timings and facilitation\n:class: note",
            ":class: dropdown",
        ),
    ],
)
def test_anatomy_check_catches_each_missing_part(
    book: Path, old: str, new: str, expected: str | None
) -> None:
    bad = _write_bad(book, old, new)
    messages = [str(p) for p in cc.check_anatomy(bad)]
    if expected is None:
        assert messages == []
    else:
        assert any(expected in m for m in messages), messages
        assert all(m.startswith(f"{bad}:") for m in messages), messages


def test_anatomy_check_catches_sections_out_of_order(book: Path) -> None:
    text = GOOD.replace("## Key points\n\n- One point.\n\n", "")
    text = text.replace(
        "## Check your understanding", "## Key points\n\n- One.\n\n## Check your understanding"
    )
    bad = book / "03-order.md"
    bad.write_text(text, encoding="utf-8")
    messages = [str(p) for p in cc.check_anatomy(bad)]
    assert any("out of order" in m for m in messages), messages


def test_anatomy_ignores_headings_inside_code_blocks(book: Path) -> None:
    text = GOOD.replace("## An idea", "## An idea\n\n```markdown\n## Reflect\n# Title\n```")
    ok = book / "03-code.md"
    ok.write_text(text, encoding="utf-8")
    assert cc.check_anatomy(ok) == []


def test_citation_check_reports_unknown_key_with_its_line(book: Path) -> None:
    bad = _write_bad(book, "{cite:p}`known2020`", "{cite:t}`known2020,missing1999`")
    problems = cc.check_citations([bad], cc.bib_keys(book / "refs.bib"))
    assert [(p.line, "missing1999" in p.message) for p in problems] == [
        (_line_of(bad, "missing1999"), True)
    ]


def test_coverage_check_reports_uncited_entry_not_in_further_reading(book: Path) -> None:
    (book / "references.md").write_text(
        "# References\n\n```{bibliography}\n:filter: cited\n```\n", encoding="utf-8"
    )
    problems = cc.check_bib_coverage(
        book / "refs.bib", [book / "03-good.md"], book / "references.md"
    )
    assert [str(p) for p in problems] == [
        f"{book / 'refs.bib'}:5: entry 'spare2019' is neither cited nor listed as further reading"
    ]


def test_coverage_check_reports_further_reading_not_in_the_bib(book: Path) -> None:
    (book / "references.md").write_text(
        "```{bibliography}\n"
        ':filter: not cited and key in {"spare2019", "known2020", "ghost"}\n'
        "```\n",
        encoding="utf-8",
    )
    messages = [
        p.message
        for p in cc.check_bib_coverage(
            book / "refs.bib", [book / "03-good.md"], book / "references.md"
        )
    ]
    assert any("'ghost', not in references.bib" in m for m in messages), messages
    assert len(messages) == 1, messages  # a cited key listed as further reading is harmless


def test_term_check_reports_unknown_term(book: Path) -> None:
    bad = _write_bad(book, "{term}`trust`", "{term}`faith <Trust>` {term}`Faith`")
    problems = cc.check_terms([bad], cc.glossary_terms(book / "glossary.md"))
    assert len(problems) == 1  # 'Trust' matches 'trust', as Sphinx's fallback does
    assert problems[0].line == _line_of(bad, "faith <Trust>")
    assert "'Faith'" in problems[0].message


def test_link_check_reports_missing_targets(book: Path) -> None:
    bad = _write_bad(
        book,
        "[a page](other.md)",
        "[a page](gone.md) {doc}`missing-page` {ref}`no-such-label` [web](https://example.org)",
    )
    bad.write_text(bad.read_text().replace(":::{figure} pic.svg", ":::{figure} nope.svg"))
    messages = [str(p) for p in cc.check_links([bad], root=book)]
    assert len(messages) == 4, messages
    assert any("'gone.md'" in m for m in messages)
    assert any("'missing-page'" in m for m in messages)
    assert any("'no-such-label'" in m for m in messages)
    assert any("'nope.svg'" in m for m in messages)


def test_figure_check_reports_missing_alt_and_caption(book: Path) -> None:
    text = GOOD.replace(":alt: A picture of the idea.\n\nA caption.\n", "")
    text += "\n![](x.png)\n\n<img src='x.png'>\n"
    bad = book / "03-fig.md"
    bad.write_text(text, encoding="utf-8")
    messages = [p.message for p in cc.check_figures([bad])]
    assert any("no :alt: text" in m for m in messages), messages
    assert any("no caption" in m for m in messages), messages
    assert any("empty alt text" in m for m in messages), messages
    assert any("<img> has no alt text" in m for m in messages), messages


def test_long_quotation_check_and_its_allow_list(book: Path) -> None:
    quote = "“" + "leadership is a long thing that somebody once wrote down " * 3 + "”"
    bad = _write_bad(book, "A caption.", quote)
    problems = cc.check_long_quotations([bad])
    assert [p.line for p in problems] == [_line_of(bad, "leadership is a long")]
    assert cc.check_long_quotations([bad], ["somebody once wrote"]) == []


def test_first_use_check_needs_a_link_at_the_first_mention(book: Path) -> None:
    bad = _write_bad(book, "Short words. Short lines.", "Short words about psychological safety.")
    problems = cc.first_use_unlinked(bad, {"psychological safety", "trust"})
    assert [(p.line, "psychological safety" in p.message) for p in problems] == [
        (_line_of(bad, "Short words about"), True)
    ]
    assert cc.first_use_unlinked(book / "03-good.md", {"trust"}) == []


PRACTISED = textwrap.dedent(
    """\
    # A chapter

    ## Learning objectives

    1. **Describe** a thing.
    2. **Evaluate** a claim.

    ## An idea

    Text.

    % practises: 1
    :::{admonition} Pause and note: a thing
    Note one thing.
    :::

    ## Check your understanding

    % practises: 2
    :::{exercise}
    :label: ch3-judge

    A judgement with reasons.
    :::

    ## Reflect

    % practises: 1
    :::{kf-reflection}
    :id: ch3-reflect
    :::
    """
)


def test_objectives_check_passes_when_every_objective_is_marked(tmp_path: Path) -> None:
    page = tmp_path / "03-x.md"
    assert cc.check_objectives_practised(page, PRACTISED) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("% practises: 2\n", "", ["self-check has no", "objective 2 has no"]),
        ("% practises: 1\n:::{admonition}", "% practises: 3\n:::{admonition}", ["objective 3"]),
        ("% practises: 2\n", "% practises: two\n", ["must read"]),
        (
            "% practises: 1\n:::{admonition}",
            "% practises: 1\n\n:::{admonition}",
            ["directly above"],
        ),
    ],
    ids=["marker removed", "no such objective", "bad syntax", "not above a block"],
)
def test_objectives_check_catches_missing_and_wrong_markers(
    tmp_path: Path, old: str, new: str, expected: list[str]
) -> None:
    page = tmp_path / "03-x.md"
    assert old in PRACTISED
    problems = cc.check_objectives_practised(page, PRACTISED.replace(old, new, 1))
    for fragment in expected:
        assert any(fragment in p.message for p in problems), (fragment, problems)

"""Property tests: the chapter checks read any text without crashing and point at real lines."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.chapters import chapter_checks as cc
from tests.conftest import examples

# Fragments that exercise the parser: headings, fences of both kinds (opened and not closed),
# options, roles, links, quotations, front matter and arbitrary text.
FRAGMENTS = st.sampled_from(
    [
        "---",
        "# Title",
        "## Learning objectives",
        "## Before you start",
        "## Check your understanding",
        "## Reflect",
        "## Exercise: Sort",
        "## Exercise:",
        "## Key points",
        "## For instructors",
        ":::{admonition} In plain words",
        ":::{exercise}",
        ":label: ch1-x",
        ":::{solution} ch1-x",
        ":class: dropdown",
        ":::{figure} pic.svg",
        ":alt:",
        "::::{grid}",
        ":::",
        "::::",
        "```",
        "```{glossary}",
        "```python",
        "{cite:p}`a,b` and {term}`x <y>` and {doc}`z`",
        "[link](gone.md#part) ![](img.png) <img src='a'>",
        "“" + "q" * 130 + "”",
        "``{cite:p}`inside code` ``",
        "- point",
        "1. **Describe** it",
        "",
    ]
)
DOCUMENTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=40).map("\n".join)


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=DOCUMENTS)
def test_checks_never_crash_and_report_real_lines(tmp_path: Path, text: str) -> None:
    page = tmp_path / "07-any.md"
    page.write_text(text, encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@book{a,\n title={T},\n}\n", encoding="utf-8")
    lines = max(1, len(text.splitlines()))
    problems = [
        *cc.check_anatomy(page),
        *cc.check_citations([page], {"a"}),
        *cc.check_terms([page], {"y"}),
        *cc.check_links([page], root=tmp_path),
        *cc.check_figures([page]),
        *cc.check_long_quotations([page]),
        *cc.first_use_unlinked(page, {"point", "q"}),
    ]
    for problem in problems:
        assert problem.path == page
        assert 1 <= problem.line <= lines, (problem, lines)
        assert str(problem).startswith(f"{page}:{problem.line}: ")

"""Markup in learner text stays text in the Markdown export (rendered here by markdown-it).

The rendered text of a learner's words must equal the words themselves, and no element may
come from them: `<b>`, `*x*`, `# x` or `[a](b)` show as those characters.
"""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kfcourse.journal import entries
from kfcourse.journal.markdown_export import escape_text, to_markdown
from tests.conftest import examples

RENDER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MARKUP_HEAVY = st.text(
    st.sampled_from(list("<>&*_`[]()!#-+=|~\\:{}$%.1 \n\tab/\"'")) | st.characters(
        blacklist_categories=("Cs", "Cc")
    ),
    max_size=80,
)  # fmt: skip
NASTY = [
    "<script>alert(1)</script>",
    "<b>bold</b> &amp; &lt;",
    "**strong** _em_ `code` ~~gone~~",
    "[link](http://example.org) ![img](x.png) <http://example.org>",
    "# Heading\n\n- item\n1. one\n2) two\n> quote\n\n---\n***\n===",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "```python\nprint(1)\n```",
    "{role}`text` $x^2$ (target)=\n:::{note}\nhi\n:::",
    "trailing two spaces  \nand a backslash\\\nend",
]


def _visible(html_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def _tags(html_text: str) -> set[str]:
    return set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html_text))


def test_known_markup_renders_as_its_own_characters():
    for text in NASTY:
        rendered = RENDER.render(escape_text(text))
        assert _tags(rendered) <= {"p"}, (text, rendered)
        assert _visible(rendered) == " ".join(text.split()), text


@settings(max_examples=examples(300), deadline=None)
@given(text=MARKUP_HEAVY)
def test_any_learner_text_renders_as_itself(text):
    rendered = RENDER.render(escape_text(text))
    assert _tags(rendered) <= {"p"}
    assert _visible(rendered) == " ".join(text.split())


def test_whole_export_shows_learner_markup_as_text():
    document = {
        "format": "kfcourse-journal",
        "schema_version": 1,
        "display_name": "<img src=x onerror=alert(1)>",
        "entries": [
            entries.reflection(model="gibbs", stages={s: NASTY[i] for i, s in enumerate(
                ["description", "feelings", "evaluation", "analysis", "conclusion", "action_plan"]
            )}),
            entries.exercise_answer("q", NASTY[3], question=NASTY[0]),
        ],
    }  # fmt: skip
    rendered = RENDER.render(to_markdown(document))
    for bad in ("script", "img", "b", "a", "em", "code", "pre", "blockquote", "s", "table"):
        assert f"<{bad}>" not in rendered and f"<{bad} " not in rendered, bad
    assert rendered.count("<strong>") == 2  # the export's own "Question:" and "Answer:"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered


def test_notes_and_reflections_under_a_run_show_learner_markup_as_text():
    """What a learner writes about a run (a disagreement, the de-roling, the debrief's
    reflection and its title) stays text when shown under the run: beyond paragraphs, the export
    has exactly the elements it has when the learner writes plain words."""
    import random

    from kfcourse.journal.runs import derole_entry, disagreement_entry, run_entry
    from kfcourse.scenario.library import load_shipped
    from kfcourse.scenario.vectors import random_session

    run = run_entry(random_session(load_shipped("discharge-delays").scenario, "pair",
                                   random.Random(4)))  # fmt: skip

    def rendered(texts: list[str]) -> str:
        document = {
            "format": "kfcourse-journal",
            "schema_version": 1,
            "entries": [
                run,
                disagreement_entry(run, 1, texts[0]),
                derole_entry(run, texts[2], question=texts[1]),
                entries.reflection(model="gibbs", title=texts[3], related_entry=run["id"],
                                   stages={"description": texts[4], "feelings": texts[7]}),
            ],
        }  # fmt: skip
        return RENDER.render(to_markdown(document))

    def tags(html_text: str) -> list[str]:
        """The elements in order, leaving out paragraphs and line breaks (learner text keeps its
        paragraphs)."""
        found = re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", html_text)
        return [t for t in found if t not in ("p", "br")]

    nasty = rendered(NASTY)
    assert tags(nasty) == tags(rendered(["plain words"] * len(NASTY)))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in nasty
    assert (
        "<h3>Reflection: [link](http://example.org) ![img](x.png) &lt;http://example.org&gt;"
        in (nasty)
    )
    body = _visible(nasty)
    for text in (NASTY[0], NASTY[1], NASTY[2], NASTY[4], NASTY[7]):
        assert " ".join(text.split()) in body, text

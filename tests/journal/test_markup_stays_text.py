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


@settings(max_examples=300, deadline=None)
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

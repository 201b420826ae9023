"""The kf-reflection and kf-journal directives: what they put in pages, and what they refuse."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sphinx.application import Sphinx

from kfcourse.sphinx.journal_directives import SCRIPTS, json_for_script
from kfcourse.web.catalogue import messages
from tests.web_journal.journal_helpers import schema

CONFIG_RE = re.compile(
    r'<script id="kf-journal-config" type="application/json">(.*?)</script>', re.S
)
FORM_DATA_RE = re.compile(
    r'<script type="application/json" class="kf-reflection-data">(.*?)</script>', re.S
)


def page_html(book: Path, name: str) -> str:
    return (book / name).read_text(encoding="utf-8")


def test_scripts_and_styles_only_on_pages_that_use_the_directives(journal_book):
    for name in ("reflection.html", "journal.html"):
        text = page_html(journal_book, name)
        for script in SCRIPTS:
            assert text.count(f"_static/kf-journal/{script}") == 1, (name, script)
        assert "kf-journal/kf-journal.css" in text
        assert len(CONFIG_RE.findall(text)) == 1
    for name in ("plain.html", "index.html"):
        text = page_html(journal_book, name)
        assert "kf-journal" not in text, name
    for script in SCRIPTS:
        assert (journal_book / "_static" / "kf-journal" / script).is_file()


def test_pages_embed_the_python_journal_schema(journal_book):
    [raw] = CONFIG_RE.findall(page_html(journal_book, "reflection.html"))
    assert "<" not in raw  # escaped, so nothing in it can close the script element
    config = json.loads(raw)
    assert config["schema"] == schema()
    assert config["journalPage"] == "journal.html"
    assert config["storageKey"] == "kfcourse-journal"
    from kfcourse import __version__

    assert config["courseVersion"] == __version__


def test_form_data_survives_markup_in_the_title(journal_book):
    text = page_html(journal_book, "reflection.html")
    forms = [json.loads(raw) for raw in FORM_DATA_RE.findall(text)]
    by_id = {f["options"]["exercise"]: f["options"] for f in forms}
    assert set(by_id) == {"fixture-choose", "fixture-clinician", "fixture-patient", "fixture-short"}
    assert by_id["fixture-patient"]["title"] == ("As the patient partner </script><b>not bold</b>")
    assert "<b>not bold</b>" not in text
    assert by_id["fixture-patient"]["variant"] == "patient"  # `patient-partner` read as `patient`
    assert by_id["fixture-choose"]["variant"] == "choose"
    assert by_id["fixture-short"]["question"] == "What did you notice first?"
    assert by_id["fixture-clinician"]["question"] is None
    # Every form carries the catalogue's words: the same section the widget is given.
    assert all(f["messages"] == messages("reflection") for f in forms)


def test_the_form_script_loads_only_where_a_form_is(journal_book):
    for name, count in (("reflection.html", 1), ("journal.html", 1), ("plain.html", 0)):
        text = page_html(journal_book, name)
        assert text.count("_static/kf-reflection/reflection.js") == count, name
        assert text.count("_static/kf-reflection/reflection.css") == count, name
    assert (journal_book / "_static" / "kf-reflection" / "reflection.js").is_file()


def test_prompt_content_is_rendered_as_the_authors_markdown(journal_book):
    text = page_html(journal_book, "reflection.html")
    assert "<em>Emphasis</em> in the prompt" in text
    assert "This form needs JavaScript" in text  # for browsers without scripts


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=10,
    )
)
def test_json_for_script_round_trips_and_cannot_end_the_script(data):
    text = json_for_script(data)
    assert json.loads(text) == data
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text


def build(tmp_path: Path, pages: dict[str, str]) -> tuple[str, Path]:
    """Build `pages` with Sphinx, MyST and the journal directives; return the warnings."""
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "conf.py").write_text(
        "extensions = ['myst_parser', 'kfcourse.sphinx.journal_directives']\n"
        "myst_enable_extensions = ['colon_fence']\n"
        "kf_journal_page = 'journal'\n",
        encoding="utf-8",
    )
    toc = "\n".join(f"   {name}" for name in pages if name != "index")
    (src / "index.md").write_text(
        "# Index\n\n```{toctree}\n" + toc.replace("   ", "") + "\n```\n", encoding="utf-8"
    )
    for name, text in pages.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    warnings = io.StringIO()
    app = Sphinx(
        str(src),
        str(src),
        str(out),
        str(out / ".doctrees"),
        "html",
        status=io.StringIO(),
        warning=warnings,
        freshenv=True,
    )
    app.build()
    return warnings.getvalue(), out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (":id: Not Valid", "needs an :id: of lower-case letters"),
        ("", "needs an :id:"),
        (":id: ok\n:variant: doctor", 'choose from "choose", "clinician"'),
        (":id: x\n:title: T\n:unknown: 1", "nknown option keys"),
    ],
)
def test_bad_options_are_reported_with_their_place(tmp_path, options, message):
    page = f"# Page\n\n:::{{kf-reflection}}\n{options}\n:::\n"
    warnings, _ = build(tmp_path, {"page": page})
    assert message in warnings
    assert "page.md:3" in warnings


def test_one_id_on_two_pages_is_warned_about(tmp_path):
    form = ":::{kf-reflection}\n:id: same\n:::\n"
    warnings, out = build(
        tmp_path,
        {
            "one": "# One\n\n" + form,
            "two": "# Two\n\n" + form,
            "journal": "# Journal\n\n:::{kf-journal}\n:::\n",
        },
    )
    assert "kf-reflection id 'same' is also used in" in warnings
    one = (out / "one.html").read_text(encoding="utf-8")
    assert '"journalPage": "journal.html"' in one
    journal_page = (out / "journal.html").read_text(encoding="utf-8")
    assert '"journalPage": null' in journal_page  # the panel's own page needs no link to itself


def test_one_id_twice_on_one_page_is_warned_about(tmp_path):
    form = ":::{kf-reflection}\n:id: same\n:::\n"
    warnings, _ = build(tmp_path, {"one": "# One\n\n" + form + "\nText.\n\n" + form})
    assert "kf-reflection id 'same' is used twice on this page (also at" in warnings
    assert "is also used in" not in warnings

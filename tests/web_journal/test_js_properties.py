"""Property tests of the browser journal's rules, run in Chromium against the Python journal.

Hypothesis makes journals, mutations, merges and learner texts; each is checked by the page's
JavaScript and by the Python journal (jsonschema, merge_entries, to_markdown, to_csv), and the
two must agree. Markdown made from any text must render (markdown-it) as that text, never markup.
"""

from __future__ import annotations

import html
import json
import random
import re
import string
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kfcourse.journal.csv_export import to_csv
from kfcourse.journal.markdown_export import to_markdown
from kfcourse.journal.merge import merge_entries
from kfcourse.journal.runs import derole_entry, disagreement_entry, run_entry
from kfcourse.journal.schema import GIBBS_STAGES
from kfcourse.scenario.engine import MODES
from kfcourse.scenario.library import load_shipped, shipped_ids
from kfcourse.scenario.vectors import random_session
from tests.conftest import examples, is_local
from tests.web_journal.journal_helpers import entry, journal, open_journal_page, schema

pytestmark = pytest.mark.browser

SETTINGS = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
VALIDATOR = jsonschema.Draft202012Validator(schema())


@pytest.fixture(scope="module")
def js(browser: Any, journal_site: str) -> Iterator[Any]:
    """One page with the journal's scripts loaded, shared by the examples of this module."""
    context = browser.new_context(service_workers="block")
    outside: list[str] = []

    def guard(route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    page = context.new_page()
    open_journal_page(page, journal_site + "journal.html")
    yield page
    context.close()
    assert outside == []


# ------------------------------------------------------------------ strategies

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
SAFE_FLOAT = st.integers(-(10**6), 10**6).map(lambda n: n + 0.5)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | SAFE_FLOAT | TEXT,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(string.ascii_letters, min_size=1, max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
KINDS = ("roleplay", "reflection", "self_rating", "exercise_answer")


@st.composite
def valid_journal(draw: Any) -> dict[str, Any]:
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=0, max_size=4))
    made = [entry(k) for k in kinds]
    # The schema's conditional parts: a run linked to the run it follows, and notes on a run
    # (as runs.disagreement_entry / derole_entry make them), for mutations to break.
    for e in [e for e in made if e["kind"] == "roleplay"][:1]:
        if draw(st.booleans()):
            made.append({**entry("roleplay"), "related_entry": e["id"], "relation": "swap"})
        if draw(st.booleans()):
            made.append(disagreement_entry(e, 1, "No.", source="web"))
        if draw(st.booleans()):
            made.append(derole_entry(e, "I wait.", source="web"))
    return journal(*made)


@st.composite
def mutated_journal(draw: Any) -> dict[str, Any]:
    """A valid journal with a few random changes: fields removed, replaced or added."""
    doc = draw(valid_journal())
    for _ in range(draw(st.integers(1, 3))):
        entries = doc.get("entries")
        entries = [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
        targets: list[dict[str, Any]] = [doc, *entries]
        for e in entries:
            targets += [v for v in e.values() if isinstance(v, dict)]
            for v in e.values():
                if isinstance(v, list):
                    targets += [i for i in v if isinstance(i, dict)]
        target = draw(st.sampled_from(targets))
        action = draw(st.sampled_from(["drop", "set", "add"]))
        keys = sorted(target)
        if action == "drop" and keys:
            target.pop(draw(st.sampled_from(keys)))
        elif action == "set" and keys:
            target[draw(st.sampled_from(keys))] = draw(JSON_VALUE)
        else:
            target[draw(st.text(string.ascii_lowercase + "_", min_size=1, max_size=8))] = draw(
                JSON_VALUE
            )
    return doc


# ------------------------------------------------------------------ the properties


@SETTINGS
@given(doc=mutated_journal())
def test_js_validator_agrees_with_jsonschema(js: Any, doc: dict[str, Any]) -> None:
    python_ok = VALIDATOR.is_valid(doc)
    js_errors = js.evaluate("([s, d]) => KFJournal.core.validate(s, d)", [schema(), doc])
    assert (js_errors == []) == python_ok, (js_errors, list(VALIDATOR.iter_errors(doc))[:3])


def test_js_validator_knows_every_keyword_of_the_schema(js: Any) -> None:
    assert js.evaluate("(s) => KFJournal.core.unsupportedKeywords(s)", schema()) == []


@SETTINGS
@given(doc=mutated_journal())
def test_import_accepts_exactly_what_python_accepts(js: Any, doc: dict[str, Any]) -> None:
    verdict = js.evaluate(
        "([s, t]) => KFJournal.core.parseImport(t, s)", [schema(), json.dumps(doc)]
    )
    assert verdict["ok"] == VALIDATOR.is_valid(doc)
    if not verdict["ok"]:
        assert verdict["reason"].strip()


STAMPS = [
    "2026-11-20T10:00:00Z",
    "2026-11-20T10:00:00.000Z",
    "2026-11-20T10:00:00.500Z",
    "2026-11-20T10:00:00.500000Z",
    "2026-11-20T11:00:00.250+01:00",
    "2026-11-20T09:59:59.999999Z",
    "2026-11-21T00:00:00.000001Z",
    "2026-11-20T10:00:00.000000-00:30",
]


@st.composite
def entry_versions(draw: Any) -> list[dict[str, Any]]:
    ids = [
        "0d8f7a52-4c55-4f8e-9a86-3c1e7f0b2a11",
        "6b4a1c3e-2f1d-4e9b-8c7a-5d3e2f1a0b99",
        "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
    ]
    out = []
    for _ in range(draw(st.integers(0, 6))):
        e = entry(id=draw(st.sampled_from(ids)), updated=draw(st.sampled_from(STAMPS)))
        e["stages"] = {"description": draw(st.sampled_from(["a", "b", "c"]))}
        out.append(e)
    return out


@SETTINGS
@given(held=entry_versions(), incoming=entry_versions())
def test_js_merge_agrees_with_python(js: Any, held: list, incoming: list) -> None:
    # A held journal never has the same id twice; an imported file might.
    unique: dict[str, dict[str, Any]] = {}
    for e in held:
        unique.setdefault(e["id"], e)
    held = list(unique.values())
    python = merge_entries(held, incoming)
    result = js.evaluate(
        "([h, i]) => KFJournal.core.merge(h, i)", [journal(*held), journal(*incoming)]
    )
    assert result["journal"]["entries"] == python.entries
    counts = result["counts"]
    assert (counts["added"], counts["replaced"], counts["unchanged"]) == (
        python.added,
        python.updated,
        python.unchanged,
    )
    # Merging the result with the same file again changes nothing.
    again = js.evaluate(
        "([h, i]) => KFJournal.core.merge(h, i).counts", [result["journal"], journal(*incoming)]
    )
    assert again["added"] == again["replaced"] == 0


MARKUP_PIECES = [
    "<b>",
    "</b>",
    "<img src=x onerror=alert(1)>",
    "<script>",
    "&amp;",
    "\n",
    "\n\n",
    "1. ",
    "2) ",
    "# ",
    "- ",
    "* ",
    "> ",
    "| a | b |",
    "---",
    "===",
    "    ",
    "\t",
    "`code`",
    "[link](http://x)",
    "{note}`x`",
    "$x$",
    ":::",
    "% ",
    "\\",
    "http://example.org",
    "_a_",
    "~~s~~",
    "\u00a0",
    "\u2028",
]
LEARNER_TEXT = st.lists(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=6)
    | st.sampled_from(MARKUP_PIECES)
    | st.text(st.sampled_from(list("<>&*_#`[]()!|~$:{}%^=+-.\\ 1234\n")), max_size=4),
    max_size=16,
).map("".join)
# A note on a run holds something: the core refuses a blank one (runs.note rules).
NOTE_TEXT = LEARNER_TEXT.filter(lambda text: bool(text.strip()))


SCENARIOS = shipped_ids()
SEEDS = st.integers(0, 2**16)


def played_run(scenario_id: str, mode: str, seed: int) -> dict[str, Any]:
    """A role-play entry from a seeded random run of a shipped scenario, part-way or finished."""
    rng = random.Random(seed)
    scenario = load_shipped(scenario_id).scenario
    assert scenario is not None
    session = random_session(scenario, mode, rng, max_moves=rng.randrange(1, 12))
    return run_entry(session, source="web")


@st.composite
def learner_journal(draw: Any) -> dict[str, Any]:
    stages = draw(
        st.dictionaries(
            st.sampled_from(["description", "feelings", "analysis", "what_happened", "concept"]),
            LEARNER_TEXT,
            min_size=1,
            max_size=4,
        )
    )
    entries = [
        entry(title=draw(LEARNER_TEXT), stages=stages, draft=draw(st.booleans())),
        entry(
            "exercise_answer",
            answer=draw(JSON_VALUE),
            question=draw(LEARNER_TEXT),
            note=draw(LEARNER_TEXT),
            # The answer in words, as an exercise's screen writes it (or none, as before).
            **draw(
                st.just({})
                | st.fixed_dictionaries(
                    {
                        "summary": st.lists(
                            st.fixed_dictionaries({"label": LEARNER_TEXT, "text": LEARNER_TEXT}),
                            max_size=3,
                        )
                    }
                )
            ),
        ),
        entry(
            "self_rating",
            note=draw(LEARNER_TEXT),
            items=[{"item": "ability", "value": draw(st.none() | st.integers(1, 5))}],
        ),
        # A real run, as the engine traced it and the one mapping stored it: steps the other
        # role's rules chose, joint agreements and impasses, in every mode.
        played_run(
            draw(st.sampled_from(SCENARIOS)),
            draw(st.sampled_from(MODES)),
            draw(st.integers(0, 2**16)),
        ),
    ]
    entries += notes_on(entries[-1], draw)
    # The entries in any order: what refers to a run is shown under it wherever it was written.
    order = draw(st.permutations(range(len(entries))))
    return journal(*(entries[i] for i in order), display_name=draw(st.none() | LEARNER_TEXT))


def notes_on(run: dict[str, Any], draw: Any) -> list[dict[str, Any]]:
    """What the debrief writes about a run, as the real constructors make it: a disagreement
    at a step, the de-roling note, the debrief's reflection, and a run that swaps sides."""
    out: list[dict[str, Any]] = []
    if run["trace"] and draw(st.booleans()):
        step = draw(st.integers(1, len(run["trace"])))
        out.append(disagreement_entry(run, step, draw(NOTE_TEXT), source="web"))
    if draw(st.booleans()):
        out.append(derole_entry(run, draw(NOTE_TEXT), question=draw(st.none() | TEXT)))
    if draw(st.booleans()):
        stages = draw(st.dictionaries(st.sampled_from(GIBBS_STAGES), LEARNER_TEXT, min_size=1))
        out.append(
            entry(stages=stages, related_entry=run["id"], title=draw(LEARNER_TEXT),
                  model=draw(st.sampled_from(["gibbs", "gibbs_short"])))
        )  # fmt: skip
    if draw(st.booleans()):
        relation = draw(st.sampled_from(["swap", "replay"]))
        related = draw(st.sampled_from([run["id"], "6b4a1c3e-2f1d-4e9b-8c7a-5d3e2f1a0b99"]))
        swapped = played_run(run["scenario_id"], draw(st.sampled_from(MODES)), draw(SEEDS))
        out.append({**swapped, "related_entry": related, "relation": relation})
    return out


@SETTINGS
@given(doc=learner_journal())
def test_js_markdown_and_csv_equal_the_python_exports(js: Any, doc: dict[str, Any]) -> None:
    out = js.evaluate(
        "(d) => ({md: KFJournal.exporters.markdown(d), csv: KFJournal.exporters.csv(d)})", doc
    )
    assert out["md"] == to_markdown(doc)
    assert out["csv"] == "\ufeff" + to_csv(doc)


def test_notes_on_a_run_read_as_words_in_my_journal(js: Any) -> None:
    """The journal list names a disagreement by its step and shows the learner's words and the
    key's, not the answer's JSON; a finished run shows its ending's title."""
    run = next(
        r
        for seed in range(50)
        if (r := played_run("discharge-delays", "doctor", seed))["ending"] and r["trace"]
    )
    step = next(n for n, s in enumerate(run["trace"], 1) if s["why"])
    notes = [
        disagreement_entry(run, step, "<b>Not</b> so.", source="web"),
        derole_entry(run, "I wait.", question="How do you differ?", source="web"),
        run,
    ]
    read = js.evaluate(
        "(es) => es.map((e) => [KFJournal.exporters.entryTitle(e),"
        " KFJournal.exporters.entrySections(e)])",
        notes,
    )
    assert read[0] == [
        f"Disagreement with the key at step {step}",
        [["The key said", run["trace"][step - 1]["why"]], ["You said", "<b>Not</b> so."]],
    ]
    assert read[1] == [
        "De-roling: how I differ from my character",
        [["Prompt", "How do you differ?"], ["You said", "I wait."]],
    ]
    assert ["Ending", run["ending_title"]] in read[2][1]


def visible_text(rendered: str) -> str:
    without_tags = re.sub(r"<[^>]*>", " ", rendered)
    return " ".join(html.unescape(without_tags).split())


STRUCTURE = {
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "li",
    "em",
    "strong",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


@SETTINGS
@given(text=LEARNER_TEXT.filter(lambda t: t.strip()))
def test_markdown_export_renders_learner_text_as_text(js: Any, text: str) -> None:
    doc = journal(entry(stages={"description": text}))
    markdown = js.evaluate("(d) => KFJournal.exporters.markdown(d)", doc)
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    tags = {m.lower() for m in re.findall(r"</?([A-Za-z][A-Za-z0-9]*)", rendered)}
    assert tags <= STRUCTURE, (text, rendered)
    section = rendered.split("<h3>Description</h3>", 1)[1]
    # The learner's own section holds only paragraphs and line breaks: no emphasis, no lists.
    assert set(re.findall(r"</?([A-Za-z][A-Za-z0-9]*)", section)) <= {"p", "br"}, section
    # CommonMark shows U+0000 as U+FFFD (for safety); everything else must come back as typed.
    assert visible_text(section) == " ".join(text.replace("\x00", "\ufffd").split())


JSON_TEXT = (
    st.text(max_size=60)
    | JSON_VALUE.map(json.dumps)
    | mutated_journal().map(json.dumps)
    | mutated_journal().map(lambda d: json.dumps(d)[: len(json.dumps(d)) // 2])  # cut short
    | st.sampled_from(
        [
            "",
            " ",
            "\ufeff{}",
            "NaN",
            '{"format": "kfcourse-journal"}',
            "[]",
            '{"format": "kfcourse-journal", "schema_version": 1, "entries": [], "x": Infinity}',
        ]
    )
)


@SETTINGS
@given(text=JSON_TEXT)
def test_import_refuses_what_python_refuses_with_a_reason(js: Any, text: str) -> None:
    from kfcourse.journal.errors import RefusedFile
    from kfcourse.journal.reading import read_document

    verdict = js.evaluate("([s, t]) => KFJournal.core.parseImport(t, s)", [schema(), text])
    try:
        read_document(text.encode("utf-8"))
        python_ok = True
    except RefusedFile:
        python_ok = False
    assert verdict["ok"] == python_ok, verdict
    if not verdict["ok"]:
        reason = verdict["reason"]
        assert len(reason) > 15 and reason.rstrip(")").endswith(".")
        assert "undefined" not in reason and "[object" not in reason

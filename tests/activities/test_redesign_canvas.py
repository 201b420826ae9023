"""Chapter 9's "Programme redesign canvas" rules and memo, and the vectors rules.js is checked
against."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kfcourse.activities import redesign_canvas as rc
from kfcourse.activities import redesign_canvas_vectors
from kfcourse.web.catalogue import messages

# The machines running the tests are shared: time varies, results do not.
PROPS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
VECTORS = Path(__file__).resolve().parent / "redesign_canvas_vectors.json"
WORDS = messages("canvas")
MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")

texts = st.text(st.characters(codec="utf-8"), max_size=60) | st.sampled_from(
    redesign_canvas_vectors.TEXTS
)
card = st.fixed_dictionaries(
    {},
    optional={
        "support": texts,
        "owner": texts,
        "sign": texts,
        "dimension": st.sampled_from([None, *rc.DIMENSIONS]),
    },
)
canvases = st.dictionaries(st.sampled_from(rc.CARDS), card)


def full(**changes: dict) -> dict:
    cards = {c: {"support": "S", "owner": "O", "sign": "G"} for c in rc.CARDS}
    return {**cards, **changes}


def test_vectors_are_fresh() -> None:
    assert VECTORS.read_text(encoding="utf-8") == redesign_canvas_vectors.text(), (
        f"{VECTORS} is stale: run `make vectors` and commit the file"
    )


def test_the_seven_cards_and_the_nine_dimension_names() -> None:
    assert len(rc.CARDS) == 7 and len(rc.DIMENSIONS) == 9
    assert [WORDS[f"card.{c}"] for c in rc.CARDS][:3] == [
        "Power difference",
        "Different accountabilities",
        "Low trust after harm",
    ]
    assert WORDS["dimension.influencing-for-results"] == "Influencing for results"


def test_finished_when_every_card_has_a_support_an_owner_and_a_sign() -> None:
    assert rc.answer(full())["finished"] is True
    assert rc.answer(full())["complete"] == list(rc.CARDS)
    half = full(tokenism={"support": "S", "owner": " \n", "sign": "G"})
    assert rc.answer(half)["finished"] is False
    assert "tokenism" not in rc.answer(half)["complete"]
    assert rc.answer({})["complete"] == [] and rc.answer(None)["finished"] is False
    # the optional extension does not count towards finishing
    mapped = full(
        tokenism={"support": "S", "owner": "O", "sign": "G", "dimension": "leading-with-care"}
    )
    assert rc.answer(mapped)["mapped"] == 1 and rc.answer(mapped)["finished"] is True
    fields = rc.entry_fields(rc.answer({}), "T", "Q")
    assert fields["draft"] is True and fields["exercise"] == "redesign-canvas"
    assert rc.entry_fields(rc.answer(full()), "T", "Q")["draft"] is False


@pytest.mark.parametrize(
    "cards,authors",
    [
        ({"surgery": {}}, ""),
        ({"tokenism": {"support": 5}}, ""),
        ({"tokenism": {"note": "x"}}, ""),
        ({"tokenism": {"dimension": "leading-from-the-front"}}, ""),
        ({"tokenism": {"support": "x" * (rc.TEXT_MAX + 1)}}, ""),
        ({"tokenism": []}, ""),
        ([], ""),
        ({}, "x" * (rc.AUTHORS_MAX + 1)),
        ({}, 3),
    ],
)
def test_refusals(cards: object, authors: object) -> None:
    with pytest.raises(rc.CanvasError):
        rc.answer(cards, authors)


@PROPS
@given(canvases, texts)
def test_a_card_is_complete_exactly_when_its_three_answers_are_written(cards, authors) -> None:
    a = rc.answer(cards, authors)
    for c in rc.CARDS:
        given_ = cards.get(c, {})
        written = all((given_.get(f) or "").strip() for f in rc.FIELDS)
        assert (c in a["complete"]) == written
    assert a["finished"] == (len(a["complete"]) == 7)
    assert rc.answer(a["cards"], a["authors"]) == a  # the answer's cards are a fixed point


def _rendered(markdown: str) -> list:
    return [t for t in MD.parse(markdown) if t.type != "inline"] + [
        child for t in MD.parse(markdown) if t.children for child in t.children
    ]


@PROPS
@given(canvases, texts)
def test_learner_text_in_the_memo_cannot_make_markup(cards, authors) -> None:
    """Whatever the pair writes, the memo renders with only the memo's own headings, no links,
    no HTML, no lists, no code; and each learner text shows as itself."""
    a = rc.answer(cards, authors)
    memo = rc.memo(a, WORDS)
    tokens = _rendered(memo)
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_block", "html_inline", "link_open", "image", "code_inline",
                        "code_block", "fence", "bullet_list_open", "ordered_list_open",
                        "blockquote_open", "table_open", "s_open"}  # fmt: skip
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert headings == ["h1"] + ["h2"] * 7
    html = MD.render(memo)
    for c in rc.CARDS:
        for f in rc.FIELDS:
            # CommonMark shows U+0000 as U+FFFD; every other character as itself
            words = " ".join(a["cards"][c][f].replace("\x00", "\ufffd").split())
            if words:  # shown as itself: the rendered text holds the words in order
                plain = re.sub(r"<[^>]+>", "", html).replace("&amp;", "&").replace("&lt;", "<")
                plain = plain.replace("&gt;", ">").replace("&quot;", '"')
                assert words in " ".join(plain.split())


def test_the_memo_says_what_is_missing_and_names_only_the_dimensions() -> None:
    draft = rc.memo(rc.answer({"tokenism": {"support": "Pay for time"}}), WORDS)
    assert "*Draft: 0 of 7 cards complete.*" in draft
    assert "**Support:** Pay for time" in draft and "*(not written yet)*" in draft
    assert "Healthcare Leadership Model" not in draft  # nothing mapped, no note
    tokenism = {"support": "S", "owner": "O", "sign": "G", "dimension": "holding-to-account"}
    done = rc.memo(rc.answer(full(tokenism=tokenism)), WORDS)
    assert "Draft" not in done
    assert "**Healthcare Leadership Model dimension:** Holding to account" in done
    assert done.endswith(WORDS["memo.hlm"] + "\n")

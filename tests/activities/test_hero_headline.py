"""Chapter 2's "Rewrite the hero headline" rules, and the vectors rules.js is checked against."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfcourse.activities import hero_headline as hh
from kfcourse.activities import hero_headline_vectors

# The machines running the tests are shared: time varies, results do not.
PROPS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
VECTORS = Path(__file__).resolve().parent / "hero_headline_vectors.json"
marks = st.lists(st.sampled_from(hh.PHRASES), unique=True)
ratings = st.dictionaries(st.sampled_from(hh.RATINGS), st.sampled_from([None, *hh.SCALE]))
texts = st.one_of(st.sampled_from(["", "  ", "\n\t", " a "]), st.text(max_size=40))
ALL_RATED = {"speak-up": 2, "patient-trust": 4}


def test_vectors_are_fresh() -> None:
    assert VECTORS.read_text(encoding="utf-8") == hero_headline_vectors.text(), (
        f"{VECTORS} is stale: run `make vectors` and commit the file"
    )


def test_the_story_and_its_reference_reading() -> None:
    assert len(set(hh.PHRASES)) == len(hh.PHRASES)
    assert hh.STORY[0] == ("hero-chief",)  # the headline is the first phrase, and the only one
    assert set(hh.REFERENCE) < set(hh.PHRASES)
    assert list(hh.REFERENCE) == [p for p in hh.PHRASES if p in hh.REFERENCE]  # story order
    assert "hero-chief" in hh.REFERENCE and "out-of-measures" not in hh.REFERENCE
    assert hh.LEFT_OUT == ("ward-teams", "pharmacy", "patient-panel", "social-care")


@PROPS
@given(marks)
def test_the_comparison_splits_every_marked_and_reference_phrase_once(given_: list[str]) -> None:
    c = hh.answer(given_, bool(given_))["comparison"]
    if not given_:
        assert c is None
        return
    assert set(c["matched"]) | set(c["extra"]) == set(given_)
    assert set(c["matched"]) | set(c["missed"]) == set(hh.REFERENCE)
    assert not set(c["matched"]) & set(c["missed"]) and not set(c["matched"]) & set(c["extra"])
    for part in c.values():
        assert part == [p for p in hh.PHRASES if p in part]  # story order


@PROPS
@given(marks)
def test_the_marks_come_back_in_story_order_whatever_order_they_were_made(
    given_: list[str],
) -> None:
    assert hh.answer(given_)["marked"] == [p for p in hh.PHRASES if p in given_]
    assert hh.answer(list(reversed(given_)))["marked"] == hh.answer(given_)["marked"]


@PROPS
@given(marks, st.booleans(), ratings, texts, texts)
def test_finished_exactly_when_marked_revealed_rated_and_rewritten(
    marked: list[str], shown: bool, rated: dict[str, Any], headline: str, paragraph: str
) -> None:
    if shown and not marked:
        with pytest.raises(hh.HeroHeadlineError, match="at least one phrase"):
            hh.answer(marked, shown, rated, headline, paragraph)
        return
    a = hh.answer(marked, shown, rated, headline, paragraph)
    expected = (
        bool(marked)
        and shown
        and all(rated.get(n) is not None for n in hh.RATINGS)
        and bool(headline.strip())
        and bool(paragraph.strip())
    )
    assert a["finished"] is expected
    assert a["ratings"] == {n: rated.get(n) for n in hh.RATINGS}
    assert (a["comparison"] is None) is (not shown)
    assert hh.entry_fields(a, "T", "Q")["draft"] is (not expected)


def test_a_finished_answer_and_its_entry() -> None:
    a = hh.answer(["pride", "hero-chief"], True, ALL_RATED, " Teams ", "Many <b>people</b>.")
    assert a == {
        "marked": ["hero-chief", "pride"],
        "reveal_shown": True,
        "comparison": {
            "matched": ["hero-chief", "pride"],
            "missed": [
                "took-over",
                "single-handed",
                "no-failure",
                "drove-through",
                "best-decision",
            ],
            "extra": [],
        },
        "ratings": ALL_RATED,
        "headline": " Teams ",
        "paragraph": "Many <b>people</b>.",
        "finished": True,
    }
    fields = hh.entry_fields(a, "Rewrite the hero headline", "Q")
    assert fields == {"exercise": "hero-headline", "title": "Rewrite the hero headline",
                      "question": "Q", "answer": a, "draft": False}  # fmt: skip
    assert hh.answer(["maternity"], True)["comparison"]["extra"] == ["maternity"]


@pytest.mark.parametrize(
    "missing",
    [
        {"marked": []},
        {"reveal_shown": False},
        {"ratings": {"speak-up": 2}},
        {"headline": " \n "},
        {"paragraph": "\t "},
    ],
)
def test_each_part_is_needed_to_finish(missing: dict[str, Any]) -> None:
    done = {"marked": ["pride"], "reveal_shown": True, "ratings": ALL_RATED,
            "headline": "h", "paragraph": "p"}  # fmt: skip
    assert hh.answer(**done)["finished"] is True
    given_ = {**done, **missing}
    if not given_["marked"]:
        given_["reveal_shown"] = False
    assert hh.answer(**given_)["finished"] is False


@pytest.mark.parametrize(
    "given_",
    [
        {"marked": ["the-hero"]},
        {"marked": "hero-chief"},
        {"marked": ["pride", "pride"]},
        {"reveal_shown": True},
        {"marked": ["pride"], "reveal_shown": 1},
        {"ratings": {"morale": 3}},
        {"ratings": {"speak-up": 0}},
        {"ratings": {"speak-up": 2.0}},
        {"ratings": {"speak-up": True}},
        {"ratings": [3, 4]},
        {"headline": "x" * (hh.HEADLINE_MAX + 1)},
        {"paragraph": "x" * (hh.PARAGRAPH_MAX + 1)},
        {"paragraph": None},
    ],
)
def test_what_the_rules_refuse(given_: dict[str, Any]) -> None:
    with pytest.raises(hh.HeroHeadlineError):
        hh.answer(**given_)


def test_the_vectors_command_writes_the_file_and_says_why_it_cannot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "v.json"
    assert hero_headline_vectors.main([str(out)]) == 0
    assert out.read_text(encoding="utf-8") == hero_headline_vectors.text()
    assert hero_headline_vectors.main([]) == 2
    assert hero_headline_vectors.main([str(tmp_path / "no" / "v.json")]) == 1
    assert "could not write" in capsys.readouterr().err

"""Every word the "Three-talk triad" shows comes from the catalogue's ``triad`` section, the
section holds no word it never shows, and the CollaboRATE questions and answers are word for word
the published ones (Elwyn et al., 2013; the course brief, section 5.3)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kfcourse.activities import three_talk as rules

ROOT = Path(__file__).resolve().parents[2]
# The exercise's modules and the shared host (kfcourse/web/host), which shows words too.
SOURCES = sorted((ROOT / "kfcourse" / "web" / "triad").glob("*.js")) + sorted(
    (ROOT / "kfcourse" / "web" / "host").glob("*.js")
)
WORDS = json.loads((ROOT / "kfcourse/web/messages/en-GB.json").read_text("utf-8"))["triad"]
COLLABORATE = {
    "item.understand": "How much effort was made to help you understand your health issues?",
    "item.listen": "How much effort was made to listen to the things that matter most to you "
    "about your health issues?",
    "item.include": "How much effort was made to include what matters most to you in choosing "
    "what to do next?",
    "answer.0": "No effort was made",
    "answer.1": "A little effort was made",
    "answer.2": "Some effort was made",
    "answer.3": "A lot of effort was made",
    "answer.4": "Every effort was made",
}


def used_keys() -> set[str]:
    text = "\n".join(p.read_text("utf-8") for p in SOURCES)
    keys = set(re.findall(r'\bt\("([a-z0-9.-]+)"', text))
    keys |= set(re.findall(r'messages\["([a-z0-9.-]+)"\]', text))
    keys |= {f"item.{i}" for i in rules.ITEMS} | {f"item.{i}.short" for i in rules.ITEMS}
    keys |= {f"answer.{n}" for n in range(rules.SCALE_MAX + 1)}
    keys |= {f"talk.{k}" for k in rules.TALKS} | {f"talk.{k}.about" for k in rules.TALKS}
    keys |= {f"behaviour.{b}" for b in rules.CHECKLIST}
    keys |= {f"stage.{s}" for s in rules.STAGES}
    # chosen by a condition in view.js, or built from a list there; the widget's and the
    # directive's words
    keys |= {"status.saved", "status.finished", "gap.higher", "gap.lower", "talk.result",
             "talk.none", "count.announce", "undo.announce", "result.item", "result.predicted",
             "result.rated", "result.gap", "rounds.round", "rounds.counted", "discuss.gap",
             "discuss.power", "discuss.ceiling", "discuss.trust", "entry.question",
             "noscript"}  # fmt: skip
    return keys


def test_every_key_is_in_the_catalogue_and_every_word_is_used() -> None:
    assert used_keys() - set(WORDS) == set()
    assert set(WORDS) - used_keys() == set()


def test_the_collaborate_questions_and_answers_are_unchanged() -> None:
    assert {k: WORDS[k] for k in COLLABORATE} == COLLABORATE
    assert "Elwyn et al., 2013" in WORDS["source"] and "unchanged" in WORDS["source"]
    assert "not validated" in WORDS["training"].lower()
    assert "Chapter 8" in WORDS["training"]


def test_the_page_carries_no_editorial_notes() -> None:
    text = json.dumps(WORDS)
    for mark in ("[verify", "TODO", "coming soon", "TBC"):
        assert mark.lower() not in text.lower()

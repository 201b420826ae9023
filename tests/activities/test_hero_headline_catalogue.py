"""Every word "Rewrite the hero headline" shows (the story too) comes from the catalogue's
``headline`` section, and the section holds no word it never shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kfcourse.activities import hero_headline as rules

ROOT = Path(__file__).resolve().parents[2]
# The exercise's modules and the shared host (kfcourse/web/host), which shows words too.
SOURCES = sorted((ROOT / "kfcourse" / "web" / "headline").glob("*.js")) + sorted(
    (ROOT / "kfcourse" / "web" / "host").glob("*.js")
)
WORDS = json.loads((ROOT / "kfcourse/web/messages/en-GB.json").read_text("utf-8"))["headline"]


def used_keys() -> set[str]:
    text = "\n".join(p.read_text("utf-8") for p in SOURCES)
    keys = set(re.findall(r'\bt\("([a-z0-9.-]+)"', text))
    keys |= set(re.findall(r'messages\["([a-z0-9.-]+)"\]', text))
    # made from the rules' names in view.js: the story, its reading, who was left out, ratings
    keys |= {f"phrase.{p}" for p in rules.PHRASES} | {f"why.{p}" for p in rules.PHRASES}
    keys |= {f"left-out.{w}" for w in rules.LEFT_OUT} | {f"rate.{r}" for r in rules.RATINGS}
    keys |= {f"rate.value.{v}" for v in rules.SCALE}
    keys |= {f"compare.{s}" for s in ("matched", "missed", "extra", "neither")}
    keys |= {f"rewrite.{n}" for n in ("headline", "paragraph")}
    # chosen by a condition in view.js; the widget's and the directive's words
    keys |= {"status.saved", "status.finished", "entry.question", "noscript"}
    return keys


def test_every_key_is_in_the_catalogue_and_every_word_is_used() -> None:
    assert used_keys() - set(WORDS) == set()
    assert set(WORDS) - used_keys() == set()


def test_the_story_says_it_is_invented_and_the_words_are_british() -> None:
    assert "invented" in WORDS["intro"] and "not real" in WORDS["story.note"]
    assert not re.search(r"\b(color|organization|center)\b", " ".join(WORDS.values()))

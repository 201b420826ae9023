"""Every word "Power map card sort" shows comes from the catalogue's ``powermap`` section, and the
section holds no word it never shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kfcourse.activities import power_map as rules

ROOT = Path(__file__).resolve().parents[2]
# The exercise's modules and the shared host (kfcourse/web/host), which shows words too.
SOURCES = sorted((ROOT / "kfcourse" / "web" / "powermap").glob("*.js")) + sorted(
    (ROOT / "kfcourse" / "web" / "host").glob("*.js")
)
WORDS = json.loads((ROOT / "kfcourse/web/messages/en-GB.json").read_text("utf-8"))["powermap"]


def used_keys() -> set[str]:
    text = "\n".join(p.read_text("utf-8") for p in SOURCES)
    keys = set(re.findall(r'\bt\("([a-z0-9.-]+)"', text))
    keys |= set(re.findall(r'messages\["([a-z0-9.-]+)"\]', text))
    # made from the rules' names in view.js
    for card in rules.CARDS:
        keys |= {f"card.{card}", f"about.{card}", f"reason.{card}"}
    for line in rules.LINES:
        keys |= {f"speaker.{line}", f"text.{line}", f"reason.{line}"}
    keys |= {f"holder.{h}" for h in (*rules.HOLDERS, "none")} | {f"map.{m}" for m in rules.MAPS}
    keys |= {f"person.{h}" for h in rules.HOLDERS}
    keys |= {f"maps.{m}" for m in rules.MAPS} | {f"rung.{r}" for r in rules.RUNGS}
    keys |= {f"group.{g}" for g in ("non-participation", "tokenism", "citizen-power")}
    keys |= {f"tag.{d}" for d in rules.DIMENSIONS} | {f"verdict.{v}" for v in rules.VERDICTS}
    keys |= {f"dimension.{d}" for d in (*rules.DIMENSIONS, "none")}
    keys |= {f"compare.{part}.{v}" for part in ("card", "line") for v in rules.VERDICTS}
    # chosen by a condition in view.js; the widget's and the directive's words
    keys |= {"status.saved", "status.finished", "compare.rung.same", "compare.rung.other",
             "entry.question", "noscript"}  # fmt: skip
    return keys


def test_every_key_is_in_the_catalogue_and_every_word_is_used() -> None:
    assert used_keys() - set(WORDS) == set()
    assert set(WORDS) - used_keys() == set()


def test_every_rung_group_in_the_view_is_a_word() -> None:
    view = (ROOT / "kfcourse/web/powermap/view.js").read_text("utf-8")
    groups = set(re.findall(r'"(non-participation|tokenism|citizen-power)"', view))
    assert {f"group.{g}" for g in groups} <= set(WORDS) and len(groups) == 3

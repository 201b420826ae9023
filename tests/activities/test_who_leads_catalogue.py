"""Every word "Who leads? Who follows?" shows comes from the catalogue's ``wholeads`` section,
and the section holds no word it never shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kfcourse.activities import who_leads as rules

ROOT = Path(__file__).resolve().parents[2]
# The exercise's modules and the shared host (kfcourse/web/host), which shows words too.
SOURCES = sorted((ROOT / "kfcourse" / "web" / "wholeads").glob("*.js")) + sorted(
    (ROOT / "kfcourse" / "web" / "host").glob("*.js")
)
WORDS = json.loads((ROOT / "kfcourse/web/messages/en-GB.json").read_text("utf-8"))["wholeads"]


def used_keys() -> set[str]:
    text = "\n".join(p.read_text("utf-8") for p in SOURCES)
    keys = set(re.findall(r'\bt\("([a-z0-9.-]+)"', text))
    keys |= set(re.findall(r'messages\["([a-z0-9.-]+)"\]', text))
    keys |= {f"actor.{a}" for a in rules.ACTORS} | {f"axis.{a}" for a in rules.AXES}
    keys |= {f"level.{v}" for v in rules.LEVELS}
    # chosen by a condition in view.js; the widget's and the directive's words
    keys |= {"status.saved", "status.finished", "gap.more", "gap.less", "compare.same",
             "compare.different", "mismatches.intro", "mismatches.none", "entry.question",
             "noscript"}  # fmt: skip
    return keys


def test_every_key_is_in_the_catalogue_and_every_word_is_used() -> None:
    assert used_keys() - set(WORDS) == set()
    assert set(WORDS) - used_keys() == set()

"""Every word the checks (instruments) show comes from the catalogue's ``instrument`` section,
and the section holds no word they never show (the view, the page host, the shared host, the
directive and the widget)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kfcourse.activities import instruments as rules

ROOT = Path(__file__).resolve().parents[2]
# The exercise's modules and the shared host (kfcourse/web/host), which shows words too.
SOURCES = sorted((ROOT / "kfcourse" / "web" / "instrument").glob("*.js")) + sorted(
    (ROOT / "kfcourse" / "web" / "host").glob("*.js")
)
WORDS = json.loads((ROOT / "kfcourse/web/messages/en-GB.json").read_text("utf-8"))["instrument"]


def used_keys() -> set[str]:
    text = "\n".join(p.read_text("utf-8") for p in SOURCES)
    keys = set(re.findall(r'\bt\("([a-z0-9.-]+)"', text))
    keys |= set(re.findall(r'messages\["([a-z0-9.-]+)"\]', text))
    for inst in rules.INSTRUMENTS.values():
        keys |= {f"{part}.{inst.id}" for part in ("title", "intro", "source")}
        keys |= {f"item.{inst.id}.{item.id}" for item in inst.items}
        keys |= {f"rater.{r}" for r in inst.raters}
    keys |= {f"rating.agreement.{v}" for v in rules.AGREEMENT}
    keys |= {f"rating.practice.{v}" for v in rules.PRACTICE}
    keys |= {f"moment.{m}" for m in rules.MOMENTS}
    keys |= {f"change.{d}" for d in ("up", "down")}
    # chosen by a condition in view.js; the directive's words (sphinx/instrument_directive.py)
    keys |= {
        "status.saved",
        "status.finished",
        "value.none",
        "gaps.biggest",
        "gaps.biggest.one",
        "noscript",
        "validity",
    }
    return keys


def test_every_key_is_in_the_catalogue_and_every_word_is_used() -> None:
    assert used_keys() - set(WORDS) == set()
    assert set(WORDS) - used_keys() == set()


def test_every_check_says_it_is_not_validated_and_the_private_one_says_so() -> None:
    assert "not a validated scale" in WORDS["validity"]
    assert WORDS["source.speaking-up"] == (
        "Original prompts informed by the construct of team psychological safety "
        "(Edmondson, 1999). Not Edmondson's published scale."
    )
    assert "private" in WORDS["private"]
    assert not any(re.search(r"\[verify|coming soon|TODO", v) for v in WORDS.values())

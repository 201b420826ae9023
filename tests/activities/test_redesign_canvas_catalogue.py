"""Every word the "Programme redesign canvas" shows (or puts in its memo) comes from the
catalogue's ``canvas`` section, and the section holds no word it never uses."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kfcourse.activities import redesign_canvas as rules

ROOT = Path(__file__).resolve().parents[2]
# The exercise's modules and the shared host (kfcourse/web/host), which shows words too.
SOURCES = sorted((ROOT / "kfcourse" / "web" / "canvas").glob("*.js")) + sorted(
    (ROOT / "kfcourse" / "web" / "host").glob("*.js")
)
WORDS = json.loads((ROOT / "kfcourse/web/messages/en-GB.json").read_text("utf-8"))["canvas"]


def used_keys() -> set[str]:
    text = "\n".join(p.read_text("utf-8") for p in SOURCES)
    keys = set(re.findall(r'\bt\("([a-z0-9.-]+)"', text))
    keys |= set(re.findall(r'(?:messages|words)\["([a-z0-9.-]+)"\]', text))
    keys |= {f"card.{c}" for c in rules.CARDS} | {f"card.{c}.why" for c in rules.CARDS}
    keys |= {f"field.{f}" for f in rules.FIELDS} | {f"memo.{f}" for f in rules.FIELDS}
    keys |= {f"dimension.{d}" for d in rules.DIMENSIONS}
    keys |= {f"rubric.{part}.{n}" for part in ("level", "canvas") for n in range(1, 5)}
    # chosen by a condition in view.js; the widget's and the directive's words
    keys |= {"status.saved", "status.finished", "card.complete", "card.partial", "rubric.hide",
             "rubric.show", "entry.question", "noscript"}  # fmt: skip
    return keys


def test_every_key_is_in_the_catalogue_and_every_word_is_used() -> None:
    assert used_keys() - set(WORDS) == set()
    assert set(WORDS) - used_keys() == set()


def test_the_healthcare_leadership_model_appears_by_its_dimension_names_only() -> None:
    """Licence (course brief 5.10): names may be listed; no descriptors or questions."""
    hlm = [k for k, v in WORDS.items() if "Leadership Model" in v or k.startswith("dimension.")]
    assert sorted(hlm) == sorted(
        ["extension.note", "field.dimension", "memo.dimension", "memo.hlm", "dimension.none"]
        + [f"dimension.{d}" for d in rules.DIMENSIONS]
    )
    assert all(len(WORDS[f"dimension.{d}"].split()) <= 3 for d in rules.DIMENSIONS)

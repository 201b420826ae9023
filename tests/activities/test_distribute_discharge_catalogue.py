"""Every word "Distribute the discharge" shows comes from the catalogue's ``discharge`` section,
and the section holds no word it never shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kfcourse.activities import distribute_discharge as rules

ROOT = Path(__file__).resolve().parents[2]
# The exercise's modules and the shared host (kfcourse/web/host), which shows words too.
SOURCES = sorted((ROOT / "kfcourse" / "web" / "discharge").glob("*.js")) + sorted(
    (ROOT / "kfcourse" / "web" / "host").glob("*.js")
)
WORDS = json.loads((ROOT / "kfcourse/web/messages/en-GB.json").read_text("utf-8"))["discharge"]


def used_keys() -> set[str]:
    text = "\n".join(p.read_text("utf-8") for p in SOURCES)
    keys = set(re.findall(r'\bt\("([a-z0-9.-]+)"', text))
    keys |= set(re.findall(r'messages\["([a-z0-9.-]+)"\]', text))
    for prefix in ("function", "about", "why"):
        keys |= {f"{prefix}.{f}" for f in rules.FUNCTIONS}
    keys |= {f"role.{r}" for r in rules.ROLES} | {f"band.{b}" for b in rules.BANDS}
    # chosen by a condition in view.js; the widget's and the directive's words
    keys |= {"status.saved", "status.finished", "single.none", "single.some", "gaps.none",
             "gaps.some", "entry.question", "noscript"}  # fmt: skip
    return keys


def test_every_key_is_in_the_catalogue_and_every_word_is_used() -> None:
    assert used_keys() - set(WORDS) == set()
    assert set(WORDS) - used_keys() == set()


def test_the_view_names_every_conditional_key_it_claims() -> None:
    """The keys added by hand above really appear in the view (so the list cannot go stale)."""
    view = (ROOT / "kfcourse/web/discharge/view.js").read_text("utf-8")
    for key in ("status.saved", "status.finished", "single.none", "single.some", "gaps.none",
                "gaps.some", "function.", "about.", "why.", "role.", "band."):  # fmt: skip
        assert f'"{key}' in view or f"`{key}" in view, key
